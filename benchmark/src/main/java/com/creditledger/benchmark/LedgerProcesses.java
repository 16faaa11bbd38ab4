package com.creditledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The two services as the operator runs them: their jars, one database, their own JVMs. */
final class LedgerProcesses implements AutoCloseable {

    static final String ADMIN_KEY = "benchmark-admin-key";
    static final int COMMAND_PORT = 18080;
    static final int QUERY_PORT = 18081;
    static final int SECOND_COMMAND_PORT = 18090;

    private final Settings settings;
    private final String databaseUrl;
    private Process command;
    private Process query;
    private Process secondCommand;

    LedgerProcesses(Settings settings, String databaseUrl) {
        this.settings = settings;
        this.databaseUrl = databaseUrl;
    }

    void startCommandSide() throws Exception {
        command = start("command-side", COMMAND_PORT);
    }

    /**
     * Without its scheduled reconciliation: every 15 minutes it reads the whole store (over a minute
     * at a million events), and where it fell on a scenario by chance it measured itself: in the
     * seventeenth cut's run it doubled PostgreSQL's CPU per event of a replay.
     */
    void startQuerySide() throws Exception {
        query = start("query-side", QUERY_PORT, "--ledger.reconciliation.initial-delay=P1D");
    }

    /** A second command-side node on the same database, as behind a load balancer. */
    void startSecondCommandSide() throws Exception {
        secondCommand = start("command-side", SECOND_COMMAND_PORT);
    }

    void stopSecondCommandSide() throws InterruptedException {
        stop(secondCommand);
        secondCommand = null;
    }

    long[] commandSidePids() {
        return secondCommand == null ? new long[]{command.pid()} : new long[]{command.pid(), secondCommand.pid()};
    }

    long querySidePid() {
        return query.pid();
    }

    void restartCommandSide() throws Exception {
        stop(command);
        startCommandSide();
    }

    private Process start(String service, int port, String... serviceArgs) throws Exception {
        Path log = settings.projectRoot().resolve("benchmark/target/" + service + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "@" + settings.projectRoot().resolve("jvm.options"), // the options ./ledger runs the services with
                "-jar", jar(service).toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + settings.user(),
                "--spring.datasource.password=" + settings.password(),
                "--ledger.security.bootstrap-admin-key=" + ADMIN_KEY,
                "--logging.level.root=WARN"));
        command.addAll(List.of(serviceArgs));
        command.addAll(settings.serviceArgs());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Http http = new Http(port);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited; see " + log);
            }
            try {
                if (http.get("/actuator/health").status() == 200) {
                    return process;
                }
            } catch (IOException starting) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(service + " did not start; see " + log);
    }

    private Path jar(String service) throws IOException {
        Path target = settings.projectRoot().resolve(service).resolve("target");
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> file.getFileName().toString().matches(service + "-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("build first: ./mvnw -q install -DskipTests"));
        }
    }

    private static void stop(Process process) throws InterruptedException {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(secondCommand);
        stop(command);
        stop(query);
    }
}
