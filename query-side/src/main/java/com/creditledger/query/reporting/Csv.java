package com.creditledger.query.reporting;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/** RFC 4180 CSV for finance's spreadsheets and the general ledger import. */
public final class Csv {

    public static final MediaType TEXT_CSV = new MediaType("text", "csv");

    private Csv() {
    }

    public static ResponseEntity<String> of(List<String> header, List<List<?>> rows) {
        StringBuilder csv = new StringBuilder(line(header));
        rows.forEach(row -> csv.append(line(row)));
        return ResponseEntity.ok().contentType(TEXT_CSV).body(csv.toString());
    }

    private static String line(List<?> cells) {
        return cells.stream().map(cell -> quote(Objects.toString(cell, ""))).collect(Collectors.joining(",")) + "\r\n";
    }

    private static String quote(String cell) {
        return cell.contains(",") || cell.contains("\"") || cell.contains("\n")
                ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell;
    }
}
