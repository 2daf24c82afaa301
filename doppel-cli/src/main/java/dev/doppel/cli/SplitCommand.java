package dev.doppel.cli;

import dev.doppel.io.CsvRowWriter;
import dev.doppel.io.CsvTable;
import dev.doppel.io.CsvTableReader;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.HoldoutSplit;
import dev.doppel.table.Table;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code doppel split data.csv --holdout 0.2 --seed 1}: train and holdout files for evaluation. */
@Command(
        name = "split",
        mixinStandardHelpOptions = true,
        description = "Splits a CSV file at random into a training file and a holdout file (rows keep their order "
                + "and their text), for fitting on one and evaluating against the other.")
final class SplitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "The table to split.")
    Path data;

    @Option(names = "--holdout", defaultValue = "0.2", description = "Share of rows held out (default: ${DEFAULT-VALUE}).")
    double holdout;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR",
            description = "Folder for NAME.train.csv and NAME.holdout.csv (default: beside the input).")
    Path folder;

    @Mixin
    CsvOptions csv = new CsvOptions();

    @Override
    public Integer call() throws IOException {
        if (!(holdout > 0 && holdout < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--holdout must be between 0 and 1");
        }
        CsvTable raw = new CsvTableReader(csv.format()).read(data);
        if (raw.table().rowCount() < 2) {
            throw new dev.doppel.DoppelException(data.getFileName() + " has one data row; a split needs two or more");
        }
        HoldoutSplit split = HoldoutSplit.of(raw.table().rowCount(), holdout, seed);
        String name = data.getFileName().toString().replaceFirst("\\.csv$", "");
        Path dir = folder != null ? folder : data.toAbsolutePath().getParent();
        Path train = dir.resolve(name + ".train.csv");
        Path held = dir.resolve(name + ".holdout.csv");
        write(raw, split.train(), train);
        write(raw, split.holdout(), held);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("train:   %s (%,d rows)%n", train, split.train().length);
        out.printf("holdout: %s (%,d rows)%n", held, split.holdout().length);
        return 0;
    }

    private static void write(CsvTable raw, int[] rows, Path file) throws IOException {
        Table t = raw.table();
        try (CsvRowWriter w = new CsvRowWriter(file, raw.delimiter(), raw.nullMarker(), t.columnNames())) {
            String[] row = new String[t.columnCount()];
            for (int r : rows) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = ((CategoricalColumn) t.column(c)).get(r);
                }
                w.writeRow(row);
            }
            w.commit();
        }
    }
}
