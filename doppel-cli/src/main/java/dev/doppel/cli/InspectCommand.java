package dev.doppel.cli;

import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.MetadataInference;
import dev.doppel.metadata.MetadataJson;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Column;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doppel inspect data.csv -o metadata.json}: infer what each column is. */
@Command(
        name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Infers the metadata of a CSV file (column types, bounds, formats, PII) and writes it as an "
                + "editable JSON file.")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The real table.")
    Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "METADATA.json", description = "Where to write the metadata.")
    Path output;

    @Mixin
    CsvOptions csv = new CsvOptions();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CsvTable raw = new CsvTableReader(csv.format()).read(data);
        TableMetadata metadata = MetadataInference.infer(raw);
        out.printf("%s: %,d rows, %d columns%n", data.getFileName(), raw.table().rowCount(), raw.table().columnCount());
        out.printf("  %-28s %-12s %-8s %s%n", "column", "type", "nulls", "details");
        for (ColumnMetadata c : metadata.columns()) {
            Column column = raw.table().column(c.name());
            out.printf("  %-28s %-12s %-8s %s%n", c.name(), c.type().jsonName(),
                    percent(column.nullCount(), column.size()), details(c));
        }
        if (output != null) {
            MetadataJson.write(metadata, output);
            out.println("metadata written to " + output + " (edit it and pass it to 'doppel fit --metadata')");
        }
        return 0;
    }

    private static String percent(int part, int whole) {
        return whole == 0 ? "-" : String.format("%.1f%%", 100.0 * part / whole);
    }

    private static String details(ColumnMetadata c) {
        return switch (c.type()) {
            case NUMERICAL -> (c.integer() ? "integer" : "decimal, " + c.decimals() + " digits")
                    + (c.min() != null ? ", " + c.min() + " .. " + c.max() : "");
            case DATETIME -> "format " + c.format();
            case BOOLEAN -> c.trueValue() + "/" + c.falseValue();
            case PII -> c.pii().jsonName() + " (replaced by fake values)";
            case ID -> "unique key (regenerated)" + (c.format() != null ? ", " + c.format() : "");
            case TEXT -> "free text (not learned word for word)";
            case CATEGORICAL -> "";
        };
    }
}
