package com.creditledger.query.reconciliation;

import com.creditledger.platform.cluster.NodeLock;
import com.creditledger.platform.cluster.NodeLocks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.io.PrintStream;

/**
 * The command-line reconciliation: {@code ./ledger-reconcile [accountId]} (or
 * {@code -Dloader.main=com.creditledger.query.reconciliation.Reconcile} with
 * {@code <jdbcUrl> <user> <password> [accountId]}). It reads the database directly, without the
 * query side's view of its projections' progress, so it checks up to the store's latest position
 * and, while figures differ, looks again (up to five times, two seconds apart) in case the
 * projections were only behind. Exits 0 when nothing differs, 1 with the differences otherwise.
 */
public final class Reconcile {

    private static final int ATTEMPTS = 5;

    private Reconcile() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws InterruptedException {
        if (args.length < 3) {
            out.println("usage: Reconcile <jdbcUrl> <user> <password> [accountId] [--breakage=proportional]");
            return 2;
        }
        DriverManagerDataSource database = new DriverManagerDataSource(args[0], args[1], args[2]);
        String accountId = args.length > 3 && !args[3].startsWith("--") ? args[3] : null;
        boolean remote = !String.join(" ", args).contains("--breakage=proportional");
        Reconciliation reconciliation = new Reconciliation(new NamedParameterJdbcTemplate(database), remote);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(database);
        NodeLocks locks = new NodeLocks(database, new JdbcTemplate(database));
        Reconciliation.Result result = null;
        for (int attempt = 1; attempt <= ATTEMPTS && (result == null || !result.clean()); attempt++) {
            if (result != null) {
                Thread.sleep(2_000);
            }
            // like the query side's checks, never across a replay's reset (decision 107)
            result = locks.sharing(NodeLock.PROJECTION_REPLAY,
                    () -> reconciliation.checkInOneSnapshot(transactions, accountId, reconciliation.latestPosition()));
        }
        out.println(result.accounts() + " accounts, " + result.figures() + " figures up to position " + result.upTo()
                + ": " + (result.clean() ? "no difference" : result.differences().size() + " differ"));
        result.differences().forEach(difference -> out.println("  " + difference.accountId() + " " + difference.figure()
                + ": events " + difference.events().toPlainString() + ", projections "
                + difference.projections().toPlainString()));
        return result.clean() ? 0 : 1;
    }
}
