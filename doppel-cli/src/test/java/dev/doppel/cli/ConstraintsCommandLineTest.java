package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.doppel.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect}, add constraints to the metadata, {@code fit --metadata}, {@code sample}: the CSV honours them. */
class ConstraintsCommandLineTest {
    @TempDir
    Path dir;

    private Path orders() throws IOException {
        StringBuilder csv = new StringBuilder("order,placed,shipped,price,quantity,total,city,country\n");
        String[][] places = {{"Lyon", "France"}, {"Oslo", "Norway"}, {"Porto", "Portugal"}, {"Paris", "France"}};
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int i = 0; i < 400; i++) {
            LocalDate placed = LocalDate.of(2024, 1, 1).plusDays(r.nextInt(300));
            int price = 100 + r.nextInt(900);
            int quantity = 1 + r.nextInt(9);
            String[] place = places[r.nextInt(places.length)];
            csv.append(i + 1).append(',').append(placed).append(',').append(placed.plusDays(1 + r.nextInt(10)))
                    .append(',').append(String.format(Locale.ROOT, "%.2f", price / 100.0)).append(',').append(quantity)
                    .append(',').append(String.format(Locale.ROOT, "%.2f", price * quantity / 100.0)).append(',')
                    .append(place[0]).append(',').append(place[1]).append('\n');
        }
        Path p = dir.resolve("orders.csv");
        Files.writeString(p, csv);
        return p;
    }

    @Test
    void fitWithConstrainedMetadataThenSampleHonoursEveryConstraint() throws IOException {
        Path data = orders();
        Path metadata = dir.resolve("orders.json");
        assertThat(CliRun.of("inspect", data.toString(), "-o", metadata.toString()).exitCode()).isZero();
        ObjectNode json = (ObjectNode) Json.newMapper().readTree(metadata.toFile());
        assertThat(json.has("constraints")).as("inspect writes no constraints").isFalse();
        ArrayNode constraints = json.putArray("constraints");
        constraints.addObject().put("type", "inequality").put("low", "placed").put("high", "shipped")
                .put("strict", true);
        constraints.addObject().put("type", "formula").put("column", "total").put("expression", "price * quantity");
        constraints.addObject().put("type", "fixed-combinations").putArray("columns").add("city").add("country");
        Json.newMapper().writeValue(metadata.toFile(), json);

        Path model = dir.resolve("orders.doppel");
        CliRun fit = CliRun.of("fit", data.toString(), "--metadata", metadata.toString(), "-o", model.toString());
        assertThat(fit.exitCode()).as(fit.err()).isZero();
        Path out = dir.resolve("synth.csv");
        CliRun sample = CliRun.of("sample", model.toString(), "-n", "20000", "--seed", "5", "-o", out.toString());
        assertThat(sample.exitCode()).as(sample.err()).isZero();

        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(20_001);
        Set<String> pairs = Set.of("Lyon,France", "Oslo,Norway", "Porto,Portugal", "Paris,France");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(LocalDate.parse(f[1])).as(line).isBefore(LocalDate.parse(f[2]));
            assertThat(new java.math.BigDecimal(f[3]).multiply(new java.math.BigDecimal(f[4]))
                    .setScale(2, java.math.RoundingMode.HALF_UP)).as(line).isEqualByComparingTo(f[5]);
            assertThat(pairs).as(line).contains(f[6] + "," + f[7]);
        }
    }

    @Test
    void badConstraintIsOneClearLineNamingItsPath() throws IOException {
        Path data = orders();
        Path metadata = dir.resolve("orders.json");
        assertThat(CliRun.of("inspect", data.toString(), "-o", metadata.toString()).exitCode()).isZero();
        ObjectNode json = (ObjectNode) Json.newMapper().readTree(metadata.toFile());
        json.putArray("constraints").addObject().put("type", "formula").put("column", "total")
                .put("expression", "price * (quantity");
        Json.newMapper().writeValue(metadata.toFile(), json);
        CliRun fit = CliRun.of("fit", data.toString(), "--metadata", metadata.toString(), "-o",
                dir.resolve("m.doppel").toString());
        assertThat(fit.exitCode()).isEqualTo(3);
        assertThat(fit.err()).startsWith("error: orders.json, column constraints[0].expression")
                .contains("position 18").doesNotContain("\tat ");
    }
}
