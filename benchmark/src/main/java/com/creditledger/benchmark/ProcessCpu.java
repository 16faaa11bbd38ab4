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

    /** CPU ticks of a process's JIT compiler threads, and of the whole process, at one instant. */
    record Compiling(long compilerTicks, long processTicks) {

        /**
         * The compilers' share of the process's CPU since {@code earlier}. A compiler thread the
         * JVM stopped meanwhile takes its ticks with it, so this is a lower bound.
         */
        double shareSince(Compiling earlier) {
            long all = processTicks - earlier.processTicks();
            return all <= 0 ? 0 : Math.max(0, compilerTicks - earlier.compilerTicks()) / (double) all;
        }
    }

    private ProcessCpu() {
    }

    /** The C1 and C2 compiler threads' ticks, by their names in {@code /proc/<pid>/task}, and the process's. */
    static Compiling compiling(long pid) {
        long compilers = 0;
        try (Stream<Path> threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String[] fields = stat(thread.resolve("stat"));
                if (fields != null && fields[0].matches("C[12] CompilerThre.*")) {
                    compilers += Long.parseLong(fields[12]) + Long.parseLong(fields[13]);
                }
            }
        } catch (IOException gone) {
            return new Compiling(0, 0);
        }
        return new Compiling(compilers, ticks(pid, false));
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
        return stat(Path.of("/proc", Long.toString(pid), "stat"));
    }

    private static String[] stat(Path file) {
        try {
            String stat = Files.readString(file);
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
