package com.creditledger.query;

import com.creditledger.testsupport.LedgerClient;
import org.springframework.core.env.Environment;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A service of the ledger as its own process, on the database of the test: the command side from
 * the jar the build just made, the query side from this module's test classpath (its jar is made
 * after its tests). Both services talk only through the event store, as in production, and a process
 * can be killed outright ({@code kill -9}) to test what survives a crash.
 */
final class LedgerProcess implements AutoCloseable {

    /** The test JVM's own flags (the pom's {@code test.jvm.args}), for the processes it starts too. */
    private static final List<String> TEST_JVM = Stream.of(System.getProperty("ledger.test.jvm-args", "").split(" "))
            .filter(flag -> !flag.isBlank()).toList();

    private final Process process;
    private final int port;

    private LedgerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A command side on the database of this test's own (query-side) context. */
    static LedgerProcess commandSideBeside(Environment environment, String... arguments) {
        return commandSide(environment.getProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username"),
                environment.getProperty("spring.datasource.password"), arguments);
    }

    static LedgerProcess commandSide(String databaseUrl, String user, String password, String... arguments) {
        return start("command-side", List.of("-jar", jar().toString()), databaseUrl, user, password, arguments);
    }

    static LedgerProcess querySide(String databaseUrl, String user, String password, String... arguments) {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return start("query-side", List.of("-cp", classpath, QuerySideApplication.class.getName()), databaseUrl, user,
                password, arguments);
    }

    private static LedgerProcess start(String service, List<String> launch, String databaseUrl, String user,
                                       String password, String... arguments) {
        int port = freePort();
        Path log = Path.of("target", service + "-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(TEST_JVM);
        command.addAll(launch);
        command.addAll(List.of("--server.port=" + port, "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--ledger.security.bootstrap-admin-key=" + LedgerClient.TEST_ADMIN_KEY));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
            LedgerProcess started = new LedgerProcess(builder.start(), port);
            started.awaitHealthy(Duration.ofSeconds(90), log, service);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    LedgerClient client() {
        return new LedgerClient(port);
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code kill -9}: no shutdown hook, no last commit. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHealthy(Duration timeout, Path log, String service) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the " + service + " exited; see " + log.toAbsolutePath());
            }
            try {
                if (client().get("/actuator/health").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the " + service + " did not start in " + timeout + "; see " + log.toAbsolutePath());
    }

    private static Path jar() {
        Path target = Path.of("..", "command-side", "target");
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            return files.filter(file -> file.getFileName().toString().matches("command-side-.*-exec\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException(
                            "no command-side jar in " + target.toAbsolutePath() + File.separator
                                    + "; run ./mvnw verify from the project root"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
