package com.creditledger.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.PrintStream;

/**
 * The command-line verifier: {@code ./ledger-verify [accountId]}, or
 * {@code java -cp query-side-*-exec.jar -Dloader.main=com.creditledger.query.audit.VerifyEventChain
 * org.springframework.boot.loader.launch.PropertiesLauncher <jdbcUrl> <user> <password> [accountId]}.
 * Exits 0 when every chain is intact, 1 at the first broken link, which it prints.
 */
public final class VerifyEventChain {

    private VerifyEventChain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) {
        if (args.length < 3) {
            out.println("usage: VerifyEventChain <jdbcUrl> <user> <password> [accountId]");
            return 2;
        }
        ChainVerifier verifier = new ChainVerifier(new JdbcTemplate(new DriverManagerDataSource(args[0], args[1], args[2])));
        ChainVerifier.Verification result = verifier.verify(args.length > 3 ? args[3] : null);
        if (result.intact()) {
            out.println("intact: " + result.eventsChecked() + " events verified");
            return 0;
        }
        ChainVerifier.BrokenLink link = result.firstBrokenLink();
        out.println("BROKEN at " + link.aggregateId() + " #" + link.sequenceNumber() + " (position " + link.position()
                + ", event " + link.eventId() + "): " + link.reason());
        return 1;
    }
}
