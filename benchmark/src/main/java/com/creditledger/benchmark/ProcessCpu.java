package com.creditledger.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time of each process of a run, read from {@code /proc/<pid>/stat} (user + system, in clock
 * ticks of 10 ms): the two services, PostgreSQL (every backend and background process, plus what
 * its exited children left to the postmaster) and the load generator (this JVM, with the wrk it
 * ran and reaped). Divided by the operations of a scenario it says what each one costs each process.
 */
final class ProcessCpu {

    private static final long MICROS_PER_TICK = 10_000;

    /** CPU microseconds by process name at one instant. */
    record Snapshot(Map<String, Long> micros) {

        /** µs per operation of each process between {@code earlier} and this snapshot. */
        Map<String, Double> perOperation(Snapshot earlier, long operations) {
            Map<String, Double> per = new LinkedHashMap<>();
            micros.forEach((name, now) -> per.put(name,
                    Math.round((now - earlier.micros().getOrDefault(name, 0L)) * 10.0 / Math.max(1, operations)) / 10.0));
            return per;
        }
    }

    private ProcessCpu() {
    }

    /** {@code commandSides}: every command-side node, counted together. */
    static Snapshot of(long querySide, long... commandSides) {
        Map<String, Long> micros = new LinkedHashMap<>();
        micros.put("commandSide", Arrays.stream(commandSides).map(pid -> ticks(pid, false)).sum() * MICROS_PER_TICK);
        micros.put("querySide", ticks(querySide, false) * MICROS_PER_TICK);
        micros.put("postgres", postgres() * MICROS_PER_TICK);
        micros.put("loadGenerator", ticks(ProcessHandle.current().pid(), true) * MICROS_PER_TICK);
        return new Snapshot(micros);
    }

    /** utime + stime, and with {@code children} the reaped children's cutime + cstime. */
    private static long ticks(long pid, boolean children) {
        String[] fields = stat(pid);
        if (fields == null) {
            return 0;
        }
        long own = Long.parseLong(fields[12]) + Long.parseLong(fields[13]);
        return children ? own + Long.parseLong(fields[14]) + Long.parseLong(fields[15]) : own;
    }

    private static long postgres() {
        long total = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] fields = stat(Long.parseLong(name));
                if (fields != null && fields[0].equals("postgres")) {
                    // the postmaster's children's time covers backends that already exited
                    total += Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                            + Long.parseLong(fields[14]) + Long.parseLong(fields[15]);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
        return total;
    }

    /** [0] is comm, then the fields after it: stat's field n is at [n − 2]; utime [12], stime [13], cutime [14], cstime [15]. */
    private static String[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int open = stat.indexOf('('), close = stat.lastIndexOf(')');
            String comm = stat.substring(open + 1, close);
            String[] rest = stat.substring(close + 2).split(" ");
            String[] fields = new String[rest.length + 1];
            fields[0] = comm;
            System.arraycopy(rest, 0, fields, 1, rest.length);
            return fields;
        } catch (IOException | RuntimeException gone) {
            return null;
        }
    }
}
