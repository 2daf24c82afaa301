package dev.doppel.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTableReader;
import dev.doppel.io.Json;
import dev.doppel.provenance.Fingerprint;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Table;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
    @TempDir
    Path dir;

    @Test
    void generatesEveryTableAndManifest() throws IOException {
        Path spec = dir.resolve("shop.yaml");
        Files.writeString(spec, """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: customers
                    rows: 50
                    columns:
                      - {name: id, sequence: {}}
                      - {name: tier, distribution: {type: categorical, values: {gold: 1, basic: 4}}}
                  - name: orders
                    rows: {perParent: customer, distribution: {type: poisson, mean: 2}}
                    columns:
                      - {name: customer, references: customers.id}
                      - {name: total, distribution: {type: exponential, mean: 40}}
                """);
        CliRun run = CliRun.of("generate", spec.toString(), "-o", dir.resolve("out").toString(), "--seed", "7");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(51, Files.readAllLines(dir.resolve("out/customers.csv")).size());
        assertTrue(Files.readString(dir.resolve("out/manifest.json")).contains("\"seed\" : 7"));
        assertTrue(run.out().contains("orders:"), run.out());
    }

    @Test
    void badSpecExitsThreeWithOneLineAndWritesNothing() throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, """
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: t
                    rows: 10
                    columns:
                      - {name: a, distribution: {type: uniform, min: 0, max: 1}}
                      - {name: b, expression: "a + c"}
                """);
        CliRun run = CliRun.of("generate", spec.toString(), "-o", dir.resolve("out").toString());
        assertEquals(3, run.exitCode());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: bad.yaml, line 8, field tables[0].columns[1].expression"), run.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void bundledExampleRuns() {
        CliRun run = CliRun.of("generate", "--example", "hospital", "-o", dir.resolve("h").toString(),
                "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(Files.exists(dir.resolve("h/visits.csv")));
    }

    @Test
    void parquetReadBackThroughDuckDbEqualsTheCsv() throws Exception {
        Path csv = generate("csv");
        Path parquet = generate("parquet");
        for (String table : List.of("customers", "accounts", "transactions")) {
            List<String[]> expected = csvRows(csv.resolve(table + ".csv"));
            List<String[]> actual = new ArrayList<>();
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT * FROM read_parquet('"
                            + parquet.resolve(table + ".parquet").toAbsolutePath() + "')")) {
                int n = r.getMetaData().getColumnCount();
                String[] header = new String[n];
                for (int i = 0; i < n; i++) {
                    header[i] = r.getMetaData().getColumnName(i + 1);
                }
                actual.add(header);
                while (r.next()) {
                    String[] row = new String[n];
                    for (int i = 0; i < n; i++) {
                        row[i] = parquetText(r.getObject(i + 1));
                    }
                    actual.add(row);
                }
            }
            assertEquals(expected.size(), actual.size(), table);
            assertArrayEquals(expected.get(0), actual.get(0), table + " header");
            for (int row = 1; row < expected.size(); row++) {
                for (int col = 0; col < expected.get(row).length; col++) {
                    String e = expected.get(row)[col];
                    String a = actual.get(row)[col];
                    String where = table + " row " + row + " column " + expected.get(0)[col];
                    if (e == null || a == null || !isNumber(e)) {
                        assertEquals(e, a, where);
                    } else {
                        assertEquals(Double.parseDouble(e), Double.parseDouble(a), 0.0, where);
                    }
                }
            }
        }
        // Typed columns, not text: the amount is a double, the time a timestamp, the flag a boolean.
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT typeof(amount), typeof(time), typeof(is_weekend), "
                        + "typeof(account_id) FROM read_parquet('"
                        + parquet.resolve("transactions.parquet").toAbsolutePath() + "') LIMIT 1")) {
            assertTrue(r.next());
            assertEquals(List.of("DOUBLE", "TIMESTAMP", "BOOLEAN", "BIGINT"),
                    List.of(r.getString(1), r.getString(2), r.getString(3), r.getString(4)));
        }
        JsonNode manifest = Json.newMapper().readTree(parquet.resolve("manifest.json").toFile());
        assertEquals("parquet", manifest.get("outputFormat").asText());
        for (JsonNode t : manifest.get("tables")) {
            assertTrue(t.get("file").asText().endsWith(".parquet"));
            assertEquals(Fingerprint.sha256(parquet.resolve(t.get("file").asText())), t.get("sha256").asText());
        }
        try (var files = Files.list(parquet)) {
            assertEquals(Set.of("customers.parquet", "accounts.parquet", "transactions.parquet", "manifest.json"),
                    files.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
    }

    @Test
    void jsonLinesParseAndEqualTheCsv() throws IOException {
        Path csv = generate("csv");
        Path jsonl = generate("jsonl");
        ObjectMapper mapper = Json.newMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        for (String table : List.of("customers", "accounts", "transactions")) {
            List<String[]> expected = csvRows(csv.resolve(table + ".csv"));
            List<String> lines = Files.readAllLines(jsonl.resolve(table + ".jsonl"));
            assertEquals(expected.size() - 1, lines.size(), table);
            String[] header = expected.get(0);
            for (int row = 0; row < lines.size(); row++) {
                JsonNode object = mapper.readTree(lines.get(row));
                assertEquals(List.of(header), iterable(object.fieldNames()), table + " keys");
                for (int col = 0; col < header.length; col++) {
                    JsonNode v = object.get(header[col]);
                    String e = expected.get(row + 1)[col];
                    String where = table + " line " + (row + 1) + " " + header[col];
                    if (e == null) {
                        assertTrue(v.isNull(), where);
                    } else if (v.isNumber()) {
                        // Jackson's tree drops trailing zeros; the value is compared, not its spelling.
                        assertEquals(0, new java.math.BigDecimal(e).compareTo(v.decimalValue()), where + ": " + v);
                    } else {
                        assertEquals(e, v.isBoolean() ? Boolean.toString(v.booleanValue()) : v.textValue(), where);
                    }
                }
            }
        }
        // Numbers and booleans are JSON values, dates strings.
        JsonNode first = mapper.readTree(Files.readAllLines(jsonl.resolve("transactions.jsonl")).get(0));
        assertTrue(first.get("amount").isNumber() && first.get("is_weekend").isBoolean()
                && first.get("time").isTextual(), first.toString());
        assertTrue(Files.readString(jsonl.resolve("manifest.json")).contains("\"outputFormat\" : \"jsonl\""));
    }

    @Test
    void jsonLinesAndParquetAreByteIdenticalAtOneAndTwoThreads() throws IOException {
        for (String format : List.of("jsonl", "parquet")) {
            Path one = generate(format, "1");
            Path two = generate(format, "2");
            for (String table : List.of("customers", "accounts", "transactions")) {
                String file = table + "." + format;
                assertArrayEquals(Files.readAllBytes(one.resolve(file)), Files.readAllBytes(two.resolve(file)), file);
            }
        }
    }

    @Test
    void unknownFormatIsAUsageErrorAndWritesNothing() {
        CliRun run = CliRun.of("generate", "--example", "bank", "-o", dir.resolve("x").toString(), "--format",
                "xlsx");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--format must be csv, jsonl or parquet, not xlsx"), run.err());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    private Path generate(String format) {
        return generate(format, "2");
    }

    private Path generate(String format, String threads) {
        Path out = dir.resolve("bank-" + format + "-" + threads);
        CliRun run = CliRun.of("generate", "--example", "bank", "-o", out.toString(), "--seed", "5", "--scale",
                "0.05", "--format", format, "--threads", threads);
        assertEquals(0, run.exitCode(), run.err());
        return out;
    }

    /** The header, then each row's fields as written (null for an empty field). */
    private static List<String[]> csvRows(Path file) {
        Table t = new CsvTableReader(new CsvFormat(',', Set.of(""))).read(file).table();
        List<String[]> rows = new ArrayList<>();
        rows.add(t.columnNames().toArray(String[]::new));
        for (int r = 0; r < t.rowCount(); r++) {
            String[] row = new String[t.columnCount()];
            for (int c = 0; c < row.length; c++) {
                CategoricalColumn column = (CategoricalColumn) t.column(c);
                row[c] = column.isNull(r) ? null : column.get(r);
            }
            rows.add(row);
        }
        return rows;
    }

    private static String parquetText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof java.sql.Timestamp ts) {
            return ts.toLocalDateTime().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        }
        if (value instanceof java.time.LocalDateTime ldt) {
            return ldt.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return value.toString();
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty() && Character.isDigit(s.charAt(s.length() - 1));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
