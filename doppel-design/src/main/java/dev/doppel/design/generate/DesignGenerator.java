package dev.doppel.design.generate;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.io.AtomicFolder;
import dev.doppel.io.CsvRowWriter;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import dev.doppel.synth.OrderedBlockStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Generates every table of a spec into a folder: one file per table ({@code <table>.csv}, UTF-8, empty field for a
 * missing value; or another {@link OutputFormat}) and {@code manifest.json}. All tables are planned (row counts,
 * parents' children, counted scenarios) before any file is written; the folder is built hidden beside its target and
 * renamed when complete, so it appears whole or not at all.
 */
public final class DesignGenerator {
    /** The manifest's file name inside the output folder. */
    public static final String MANIFEST = "manifest.json";

    private final DesignSpec spec;
    private final RowExpressions expressions;
    private final double scale;

    public DesignGenerator(DesignSpec spec, RowExpressions expressions) {
        this(spec, expressions, 1);
    }

    /** Generates {@code spec} with its fixed row counts multiplied by {@code scale} ({@link DesignSpec#scaled}). */
    public DesignGenerator(DesignSpec spec, RowExpressions expressions, double scale) {
        this.spec = spec.scaled(scale);
        this.expressions = expressions;
        this.scale = scale;
    }

    /** The generators of every table for {@code seed}, parents first. */
    public List<TableGenerator> tables(long seed) {
        Map<String, TablePlan> plans = TablePlan.of(spec, seed);
        List<TableGenerator> out = new ArrayList<>();
        for (TableSpec t : spec.tables()) {
            out.add(new TableGenerator(spec, t, plans, seed, expressions));
        }
        return out;
    }

    /** Writes the tables as CSV into {@code folder}, as {@link #write(Path, long, int, OutputFormat, LongConsumer)}. */
    public GenerationManifest write(Path folder, long seed, int threads, LongConsumer progress) {
        return write(folder, seed, threads, OutputFormat.CSV, progress);
    }

    /**
     * Writes the tables in {@code format} into {@code folder}, which must not exist or be empty.
     *
     * @param progress told the rows written so far (all tables) after each block
     */
    public GenerationManifest write(Path folder, long seed, int threads, OutputFormat format,
            LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, not " + threads);
        }
        List<TableGenerator> tables = tables(seed);
        try (AtomicFolder out = AtomicFolder.create(folder)) {
            List<GenerationManifest.Table> written = new ArrayList<>();
            long[] done = {0};
            for (TableGenerator table : tables) {
                String name = table.spec().name() + "." + format.extension();
                Path file = out.resolve(name);
                LongConsumer rows = n -> {
                    done[0] += n;
                    progress.accept(done[0]);
                };
                if (format.equals(OutputFormat.JSONL)) {
                    writeJsonLines(table, file, threads, rows);
                } else if (format.conversion() == null) {
                    writeCsv(table, file, threads, rows);
                } else {
                    Path csv = out.resolve("." + table.spec().name() + ".conversion.csv");
                    writeCsv(table, csv, threads, rows);
                    format.conversion().convert(table.spec(), csv, file);
                    Files.delete(csv);
                }
                written.add(new GenerationManifest.Table(table.spec().name(), name, table.rows(),
                        table.header().size(), Fingerprint.sha256(file)));
            }
            GenerationManifest manifest = new GenerationManifest(GenerationManifest.FORMAT,
                    GenerationManifest.FORMAT_VERSION, spec.file(), spec.sha256(), scale, seed, format.name(), written,
                    DoppelVersion.current(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            out.writeJson(MANIFEST, manifest);
            out.commit();
            return manifest;
        } catch (IOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new DoppelException("cannot write " + folder + ": " + e.getCause().getMessage(), e);
        }
    }

    private static void writeCsv(TableGenerator table, Path file, int threads, LongConsumer rows)
            throws IOException {
        try (CsvRowWriter writer = new CsvRowWriter(file, ',', "", table.header());
                OrderedBlockStream<TableGenerator.EncodedBlock> blocks = new OrderedBlockStream<>(
                        table::encodedBlock, table.blocks(), threads, "doppel-generate")) {
            while (blocks.hasNext()) {
                TableGenerator.EncodedBlock block = blocks.next();
                writer.writeEncodedRows(block.utf8(), block.rows());
                rows.accept(block.rows());
            }
            writer.commit();
        }
    }

    private static void writeJsonLines(TableGenerator table, Path file, int threads, LongConsumer rows)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OrderedBlockStream<TableGenerator.EncodedBlock> blocks = new OrderedBlockStream<>(
                        b -> JsonLinesBlock.of(table, b), table.blocks(), threads, "doppel-generate")) {
            while (blocks.hasNext()) {
                TableGenerator.EncodedBlock block = blocks.next();
                out.write(block.utf8());
                rows.accept(block.rows());
            }
        }
    }
}
