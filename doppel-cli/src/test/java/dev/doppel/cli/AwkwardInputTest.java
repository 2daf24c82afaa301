package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bad and awkward inputs of the core pipeline issue, each as a user meets it on the command line. */
class AwkwardInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unterminated quote    | a,b\\n1,"x\\n2,3\\n | line 2
            empty file            |                    | a header row
            header only           | a,b\\n             | at least one data row
            duplicate column      | a,b,a\\n1,2,3\\n   | a
            ragged row            | a,b\\n1,2\\n3,4,5\\n | line 3
            """)
    void rejectsBadCsvWithExitCodeThree(String name, String content, String expectedInMessage) throws IOException {
        Path data = dir.resolve("bad.csv");
        Files.writeString(data, content == null ? "" : content.replace("\\n", "\n"));
        CliRun run = CliRun.of("fit", data.toString(), "-o", dir.resolve("m.doppel").toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.err()).startsWith("error: bad.csv").contains(expectedInMessage).doesNotContain("\tat ");
        assertThat(dir.resolve("m.doppel")).doesNotExist();
    }

    @Test
    void rejectsInvalidUtf8WithItsLine() throws IOException {
        Path data = dir.resolve("latin1.csv");
        byte[] header = "name,n\nok,1\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'c', (byte) 0xE9, ',', '2', '\n'};
        byte[] all = new byte[header.length + bad.length];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(bad, 0, all, header.length, bad.length);
        Files.write(data, all);
        CliRun run = CliRun.of("inspect", data.toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.err()).contains("latin1.csv").contains("line 3").contains("UTF-8");
    }

    private List<String[]> fitAndSample(String csv, int rows) throws IOException {
        Path data = dir.resolve("in.csv");
        Files.writeString(data, csv);
        Path model = dir.resolve("m.doppel");
        CliRun fit = CliRun.of("fit", data.toString(), "-o", model.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        Path out = dir.resolve("out.csv");
        CliRun sample = CliRun.of("sample", model.toString(), "-n", Integer.toString(rows), "-o", out.toString());
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        return Files.readAllLines(out).stream().skip(1).map(l -> l.split(",", -1)).toList();
    }

    private static String table(String header, int rows, java.util.function.IntFunction<String> row) {
        StringBuilder b = new StringBuilder(header).append('\n');
        for (int i = 0; i < rows; i++) {
            b.append(row.apply(i)).append('\n');
        }
        return b.toString();
    }

    @Test
    void allNullColumnStaysAllNull() throws IOException {
        List<String[]> out = fitAndSample(table("x,empty", 200, i -> i + ","), 500);
        assertThat(out).hasSize(500).allSatisfy(r -> assertThat(r[1]).isEmpty());
    }

    @Test
    void constantColumnsStayConstant() throws IOException {
        List<String[]> out = fitAndSample(table("k,n,x", 200, i -> "same,5," + (i % 7)), 500);
        assertThat(out).allSatisfy(r -> {
            assertThat(r[0]).isEqualTo("same");
            assertThat(r[1]).isEqualTo("5");
        });
    }

    @Test
    void oneRowTableSamplesThatRowsValues() throws IOException {
        List<String[]> out = fitAndSample("a,b,c\n3,red,2.5\n", 20);
        assertThat(out).hasSize(20).allSatisfy(r -> assertThat(r).containsExactly("3", "red", "2.5"));
    }

    @Test
    void mixedTypesBecomeCategoricalAndKeepTheirValues() throws IOException {
        String[] values = {"1", "2", "abc", "3.5"};
        List<String[]> out = fitAndSample(table("m,x", 400, i -> values[i % 4] + "," + i), 1000);
        assertThat(out.stream().map(r -> r[0]).collect(Collectors.toSet())).containsExactlyInAnyOrder(values);
    }

    @Test
    void nanIsMissingAndInfinityMakesAColumnCategorical() throws IOException {
        List<String[]> out = fitAndSample(
                table("x,y", 400, i -> (i % 10 == 0 ? "NaN" : Double.toString(i * 0.5)) + ","
                        + (i % 2 == 0 ? "Infinity" : "-Infinity")), 2000);
        long missing = out.stream().filter(r -> r[0].isEmpty()).count();
        // 10 % missing in training; at n = 2000 the binomial standard deviation is 0.67 %, so ±3 % is > 4 sigma.
        assertThat(missing / 2000.0).isBetween(0.07, 0.13);
        assertThat(out).allSatisfy(r -> assertThat(r[1]).isIn("Infinity", "-Infinity"));
        assertThat(out.stream().filter(r -> !r[0].isEmpty()).mapToDouble(r -> Double.parseDouble(r[0])))
                .allMatch(v -> v >= 0 && v <= 199.5);
    }

    @Test
    void hundredThousandDistinctStringsAreNotCopied() throws IOException {
        List<String[]> out = fitAndSample(table("note,n", 100_000, i -> "entry-" + Integer.toHexString(i * 7919) + "," + (i % 5)), 5000);
        Set<String> training = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            training.add("entry-" + Integer.toHexString(i * 7919));
        }
        long copied = out.stream().filter(r -> training.contains(r[0])).count();
        assertThat(copied).isZero();
    }
}
