package com.creditledger.admin;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ledger-admin}: what an operator does to a running ledger, over its HTTP API with an
 * admin key, so it works against any node from anywhere. Exit codes (docs/operations.md, admin CLI):
 * 0 done; 1 the check found a problem (a broken hash chain, a replay that did not finish in time);
 * 2 wrong arguments; 3 the ledger refused (its problem is printed); 4 the ledger could not be reached
 * or failed.
 */
public final class LedgerAdmin {

    public static final int OK = 0;
    public static final int FOUND_A_PROBLEM = 1;
    public static final int USAGE = 2;
    public static final int REFUSED = 3;
    public static final int UNREACHABLE = 4;

    static final String HELP = """
            usage: ledger-admin [--key=K] [--command-url=U] [--query-url=U] <command>
              keys create <ROLE> [--account=ID] [--description=TEXT]   a new key; its token is shown once
              keys list                                                 every key (never its token)
              keys revoke <KEY_ID>
              verify [ACCOUNT_ID]                                       the hash chains, one account or all
              replay [--timeout=SECONDS]                                rebuild the projections and watch it
              export <REPORT> [--from=YYYY-MM] [--to=YYYY-MM] [--account=ID] [--as-of=INSTANT] [--out=FILE]
                     REPORT: deferred-revenue, revenue-waterfall, lots, journal, trial-balance, corrections
            key: --key, else $LEDGER_API_KEY, else the file $LEDGER_KEY_FILE (./ledger's bootstrap admin key)
            urls: $LEDGER_COMMAND_URL (http://localhost:8080), $LEDGER_QUERY_URL (http://localhost:8081)
            exit: 0 done, 1 a problem found, 2 wrong arguments, 3 refused by the ledger, 4 unreachable""";

    private LedgerAdmin() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse(args);
        if (arguments.positional().isEmpty() || arguments.has("help")) {
            (arguments.has("help") ? out : err).println(HELP);
            return arguments.has("help") ? OK : USAGE;
        }
        try {
            LedgerApi api = LedgerApi.connect(arguments, env);
            List<String> words = arguments.positional();
            return switch (words.get(0)) {
                case "keys" -> new Keys(api, out).run(words.subList(1, words.size()), arguments);
                case "verify" -> new Verify(api, out).run(words.size() > 1 ? words.get(1) : null);
                case "replay" -> new Replay(api, out).run(arguments.seconds("timeout", 3600));
                case "export" -> new Export(api, out).run(words.subList(1, words.size()), arguments);
                default -> throw new Arguments.Wrong("no command " + words.get(0));
            };
        } catch (Arguments.Wrong wrong) {
            err.println("ledger-admin: " + wrong.getMessage());
            err.println(HELP);
            return USAGE;
        } catch (LedgerApi.Refused refused) {
            err.println("ledger-admin: refused: " + refused.getMessage());
            return REFUSED;
        } catch (LedgerApi.Unreachable unreachable) {
            err.println("ledger-admin: " + unreachable.getMessage());
            return UNREACHABLE;
        }
    }
}
