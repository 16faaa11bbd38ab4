package com.creditledger.admin;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code export <report>}: a finance report as CSV, to a file or standard output. */
final class Export {

    private static final Set<String> REPORTS = Set.of("deferred-revenue", "revenue-waterfall", "lots", "journal",
            "trial-balance", "corrections");

    private final LedgerApi api;
    private final PrintStream out;

    Export(LedgerApi api, PrintStream out) {
        this.api = api;
        this.out = out;
    }

    int run(List<String> words, Arguments arguments) {
        if (words.size() != 1 || !REPORTS.contains(words.get(0))) {
            throw new Arguments.Wrong("export one of " + String.join(", ", REPORTS.stream().sorted().toList()));
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("from", arguments.option("from"));
        parameters.put("to", arguments.option("to"));
        parameters.put("accountId", arguments.option("account"));
        parameters.put("asOf", arguments.option("as-of"));
        parameters.put("format", "csv");
        String csv = api.queryText("/v1/reports/" + words.get(0) + "?" + LedgerApi.encode(parameters));
        if (!arguments.has("out")) {
            out.print(csv);
            return LedgerAdmin.OK;
        }
        try {
            Files.writeString(Path.of(arguments.option("out")), csv);
        } catch (IOException e) {
            throw new LedgerApi.Unreachable("cannot write " + arguments.option("out") + ": " + e.getMessage());
        }
        out.printf("%s: %d rows written to %s%n", words.get(0), Math.max(0, csv.split("\n").length - 1),
                arguments.option("out"));
        return LedgerAdmin.OK;
    }
}
