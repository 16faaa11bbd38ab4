package com.creditledger.benchmark;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The benchmark's knobs, as {@code --name=value} arguments; the defaults are sizes of docs/benchmarks. */
record Settings(String adminUrl, String user, String password, int accounts, int clients, int seconds,
                List<Integer> batchSizes, int replayEvents, int warmupSeconds, Path output, Path projectRoot,
                List<String> serviceArgs, String scenarios) {

    private static final List<String> NAMES = List.of("database", "user", "password", "accounts", "clients", "seconds",
            "batch-sizes", "replay-events", "warmup-seconds", "output", "project-root", "service-args", "scenarios");

    static Settings parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("arguments look like --name=value, not " + arg);
            }
            given.put(arg.substring(2, equals), arg.substring(equals + 1));
        }
        given.keySet().stream().filter(name -> !NAMES.contains(name)).findFirst().ifPresent(name -> {
            throw new IllegalArgumentException("unknown argument --" + name + "; known: --"
                    + String.join(", --", NAMES));
        });
        Path root = Path.of(given.getOrDefault("project-root", ".")).toAbsolutePath().normalize();
        return new Settings(
                given.getOrDefault("database", "jdbc:postgresql://127.0.0.1:5432/postgres"),
                given.getOrDefault("user", "postgres"),
                given.getOrDefault("password", ""),
                Integer.parseInt(given.getOrDefault("accounts", "10000")),
                Integer.parseInt(given.getOrDefault("clients", "32")),
                Integer.parseInt(given.getOrDefault("seconds", "20")),
                // records per /v1/usage:batch request, one scenario each; the first is held to the
                // floor's 100 rows per transaction
                batchSizes(given.getOrDefault("batch-sizes", "100,1000")),
                Integer.parseInt(given.getOrDefault("replay-events", "1000000")),
                Integer.parseInt(given.getOrDefault("warmup-seconds", "30")),
                root.resolve(given.getOrDefault("output", "docs/benchmarks")),
                root,
                // extra arguments for both services, to compare settings in otherwise equal runs
                List.of(given.getOrDefault("service-args", "").split(" ")).stream().filter(a -> !a.isBlank()).toList(),
                // all; single (the floor and single debits: a quick A/B of one change); batch (the
                // floor and batches); replay (fill the store, replay); nodes (single debits on one and
                // on two command-side nodes)
                scenarios(given.getOrDefault("scenarios", "all")));
    }

    private static List<Integer> batchSizes(String given) {
        List<Integer> sizes = Arrays.stream(given.split(",")).map(String::strip).map(Integer::parseInt).toList();
        if (sizes.isEmpty() || sizes.stream().anyMatch(size -> size < 1 || size > 1000)) {
            throw new IllegalArgumentException("--batch-sizes lists 1 to 1,000 records per request, not " + given);
        }
        return sizes;
    }

    /** The largest batch: the store is filled with it. */
    int largestBatch() {
        return batchSizes.stream().mapToInt(Integer::intValue).max().orElseThrow();
    }

    private static String scenarios(String given) {
        if (!List.of("all", "single", "batch", "replay", "nodes").contains(given)) {
            throw new IllegalArgumentException("--scenarios is all, single, batch, replay or nodes, not " + given);
        }
        return given;
    }

    /** The benchmark database's URL: a fresh database beside the admin one. */
    String databaseUrl(String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        return base.substring(0, base.lastIndexOf('/') + 1) + database + (query < 0 ? "" : adminUrl.substring(query));
    }
}
