package com.creditledger.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single debits driven by wrk (Debian's package): a C event loop on two threads costs the machine a
 * fraction of what a Java client of 32 threads does, so the figures measure the ledger, not the
 * load generator. Each request charges a random account with a key never used before.
 */
final class Wrk {

    static final Path BINARY = Path.of("/usr/bin/wrk");

    private static final String SCRIPT = """
            local first = tonumber(os.getenv("WRK_FIRST"))
            local accounts = tonumber(os.getenv("WRK_ACCOUNTS"))
            local prefix = os.getenv("WRK_PREFIX")
            local key = os.getenv("WRK_KEY")
            local threads = 0
            local counter = 0
            function setup(thread)
              thread:set("id", threads)
              threads = threads + 1
            end
            function init(args)
              math.randomseed(os.time() + 7919 * id)
            end
            function request()
              counter = counter + 1
              local body = '{"idempotencyKey":"' .. prefix .. '-' .. id .. '-' .. counter
                .. '","model":"gpt-4o","inputTokens":1000,"outputTokens":200}'
              return wrk.format("POST", "/v1/accounts/acct-" .. (first + math.random(0, accounts - 1)) .. "/usage",
                {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. key}, body)
            end
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("RESULT requests=%d non2xx=%d errors=%d micros=%d p50=%d p95=%d p99=%d\\n",
                summary.requests, e.status, e.connect + e.read + e.write + e.timeout, summary.duration,
                latency:percentile(50), latency:percentile(95), latency:percentile(99)))
              io.write(string.format("FAILURES non2xx=%d connect=%d read=%d write=%d timeout=%d\\n",
                e.status, e.connect, e.read, e.write, e.timeout))
            end
            """;
    private static final Pattern RESULT = Pattern.compile("RESULT requests=(\\d+) non2xx=(\\d+) errors=(\\d+) micros=(\\d+) "
            + "p50=(\\d+) p95=(\\d+) p99=(\\d+)");

    private static final Pattern FAILURES = Pattern.compile("FAILURES (non2xx=\\d+ connect=\\d+ read=\\d+ write=\\d+ timeout=\\d+)");

    /** {@code failureKinds}: wrk's count of answers other than 2xx and of socket errors by kind. */
    record Result(long requests, long failures, String failureKinds, double seconds, double p50Millis, double p95Millis,
                  double p99Millis) {

        double perSecond() {
            return (requests - failures) / seconds;
        }
    }

    private Wrk() {
    }

    static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Single debits on each node of {@code ports} at once, the connections (and wrk's two threads)
     * shared evenly between them; one result per node. The accounts are {@code acct-first} onwards,
     * {@code accounts} of them. With {@code byAccount} each node gets its own share of the accounts,
     * as behind a proxy hashing the account id; else any account goes anywhere.
     */
    static List<Result> singleDebits(int[] ports, boolean byAccount, int connections, int seconds, int first,
                                     int accounts, String prefix) throws Exception {
        Path script = Files.createTempFile("debits", ".lua");
        Files.writeString(script, SCRIPT);
        List<Process> running = new ArrayList<>();
        for (int node = 0; node < ports.length; node++) {
            ProcessBuilder builder = new ProcessBuilder(List.of(BINARY.toString(), "-t" + Math.max(1, 2 / ports.length),
                    "-c" + connections / ports.length, "-d" + seconds + "s", "--timeout", "10s", "-s", script.toString(),
                    "http://127.0.0.1:" + ports[node])).redirectErrorStream(true);
            int share = byAccount ? accounts / ports.length : accounts;
            builder.environment().putAll(Map.of("WRK_FIRST", Integer.toString(first + (byAccount ? node * share : 0)),
                    "WRK_ACCOUNTS", Integer.toString(share),
                    "WRK_PREFIX", ports.length == 1 ? prefix : prefix + "n" + node, "WRK_KEY", LedgerProcesses.ADMIN_KEY));
            running.add(builder.start());
        }
        List<Result> results = new ArrayList<>();
        for (Process wrk : running) {
            results.add(result(wrk));
        }
        Files.delete(script);
        return results;
    }

    private static Result result(Process wrk) throws Exception {
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0) {
            throw new IOException("wrk failed: " + output);
        }
        Matcher result = RESULT.matcher(output);
        if (!result.find()) {
            throw new IOException("wrk printed no result: " + output);
        }
        Matcher kinds = FAILURES.matcher(output);
        return new Result(Long.parseLong(result.group(1)), Long.parseLong(result.group(2)) + Long.parseLong(result.group(3)),
                kinds.find() ? kinds.group(1) : "not reported", Long.parseLong(result.group(4)) / 1e6,
                Long.parseLong(result.group(5)) / 1000.0, Long.parseLong(result.group(6)) / 1000.0,
                Long.parseLong(result.group(7)) / 1000.0);
    }
}
