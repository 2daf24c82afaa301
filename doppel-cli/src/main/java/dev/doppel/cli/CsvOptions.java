package dev.doppel.cli;

import dev.doppel.io.CsvFormat;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options that say how an input CSV is written; shared by every command that reads one. */
final class CsvOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "Field delimiter (default: ,). Use \\t for tab.")
    String delimiter = ",";

    @Option(
            names = "--null-markers",
            paramLabel = "LIST",
            split = ",",
            description = "Tokens read as missing values (default: empty, NA, N/A, null, NULL, ?).")
    List<String> nullMarkers;

    CsvFormat format() {
        String d = delimiter.equals("\\t") ? "\t" : delimiter;
        if (d.length() != 1) {
            throw new CommandLine.ParameterException(mixee.commandLine(),
                    "--delimiter must be one character, not '" + delimiter + "'");
        }
        CsvFormat format = CsvFormat.DEFAULT.withDelimiter(d.charAt(0));
        return nullMarkers == null ? format : format.withNullMarkers(new LinkedHashSet<>(nullMarkers));
    }
}
