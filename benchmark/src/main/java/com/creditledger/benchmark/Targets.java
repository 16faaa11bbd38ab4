package com.creditledger.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoublePredicate;

/** The targets of docs/benchmarks, checked against a run's figures, and the run as a Markdown table. */
final class Targets {

    private Targets() {
    }

    /** A target and the run's figure for it; a scenario the run did not include leaves it unmeasured. */
    record Target(String name, String figure, String target, boolean measured, boolean met) {
    }

    static List<Target> evaluate(Map<String, Object> results) {
        Map<String, Object> single = section(results, "singleDebits");
        Map<String, Object> batch = section(results, "batchesOf100");
        Map<String, Object> guard = section(results, "gatewayGuard");
        Map<String, Object> hot = section(results, "hotAccount");
        Map<String, Object> lag = section(results, "projectionLag");
        Map<String, Object> replay = section(results, "replay");
        Map<String, Object> report = section(results, "rollForwardReport");
        return List.of(
                target("single debits vs the floor (a debit's command-side rows, 1 per transaction)",
                        aroundOr(single, "ratioToFloor"), "×" + floors(single), "≥ 0.5×", value -> value >= 0.5),
                target("command side CPU per debit", cpu(single, "commandSide"), " µs", "≤ 250 µs", value -> value <= 250),
                target("single debit p99", number(single, "p99Millis"), " ms", "< 25 ms", value -> value < 25),
                target("batch ingestion vs the floor (100 debits' rows per transaction)",
                        aroundOr(batch, "ratioToBaseline"), "×" + floors(batch), "≥ 0.5×", value -> value >= 0.5),
                target("spendable p99 while 31 clients debit", number(guard, "spendableUnderLoadP99Millis"), " ms",
                        "< 5 ms", value -> value < 5),
                target("hot account vs single debits", number(hot, "ratioToSingleDebits"), "×", "≥ 0.5×",
                        value -> value >= 0.5),
                target("projection lag p99", number(lag, "p99Millis"), " ms", "< 500 ms", value -> value < 500),
                target("replay", number(replay, "eventsPerSecond"), " events/s", "≥ 30,000 events/s",
                        value -> value >= 30000),
                target("12-month roll-forward", number(report, "medianMillis"), " ms", "< 100 ms", value -> value < 100));
    }

    private static Target target(String name, double value, String unit, String wanted, DoublePredicate met) {
        boolean measured = !Double.isNaN(value);
        return new Target(name, measured ? value + unit : "not in this run", wanted, measured, measured && met.test(value));
    }

    /** The ratio to the floors around the scenario, where the run measured the floor after it too. */
    private static double aroundOr(Map<String, Object> section, String ratioToFloorBefore) {
        return section.containsKey("ratioToFloorAround") ? number(section, "ratioToFloorAround")
                : number(section, ratioToFloorBefore);
    }

    private static String floors(Map<String, Object> section) {
        return !section.containsKey("floorAfter") ? "" : " (floor " + section.get("floorBefore") + " before, "
                + section.get("floorAfter") + " after, debits/s)";
    }

    static String markdown(Map<String, Object> results) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        md.append("Run: ").append(results.get("run")).append("\n\n");
        md.append("Floor (PostgreSQL writing a debit's command-side rows, same machine, same run): ")
                .append(results.get("baseline")).append("\n\n");
        md.append("| target | measured | wanted | met |\n|---|---|---|---|\n");
        for (Object target : (List<?>) results.get("targets")) {
            Target t = (Target) target;
            md.append("| ").append(t.name()).append(" | ").append(t.figure()).append(" | ").append(t.target())
                    .append(" | ").append(!t.measured() ? "—" : t.met() ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n| scenario | figures |\n|---|---|\n");
        results.forEach((scenario, figures) -> {
            if (figures instanceof Map<?, ?> && !List.of("run", "baseline").contains(scenario)) {
                md.append("| ").append(scenario).append(" | ").append(figures).append(" |\n");
            }
        });
        return md.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> results, String name) {
        return (Map<String, Object>) results.getOrDefault(name, new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static double cpu(Map<String, Object> single, String process) {
        return number((Map<String, Object>) single.getOrDefault("cpuMicrosPerDebit", Map.of()), process);
    }

    private static double number(Map<String, Object> section, String key) {
        Object value = section.get(key);
        return value instanceof Number n ? n.doubleValue() : Double.NaN;
    }
}
