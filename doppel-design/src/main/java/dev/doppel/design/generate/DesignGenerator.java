package dev.doppel.design.generate;

import dev.doppel.DoppelException;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.TableSpec;
import dev.doppel.io.AtomicFolder;
import dev.doppel.io.CsvRowWriter;
import dev.doppel.provenance.DoppelVersion;
import dev.doppel.provenance.Fingerprint;
import dev.doppel.synth.OrderedBlockStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Generates every table of a spec into a folder: one CSV per table ({@code <table>.csv}, UTF-8, empty field for a
 * missing value) and {@code manifest.json}. All tables are planned (row counts, parents' children, counted scenarios)
 * before any file is written; the folder is built hidden beside its target and renamed when complete, so it appears
 * whole or not at all.
 */
public final class DesignGenerator {
    /** The manifest's file name inside the output folder. */
    public static final String MANIFEST = "manifest.json";

    private final DesignSpec spec;
    private final RowExpressions expressions;

    public DesignGenerator(DesignSpec spec, RowExpressions expressions) {
        this.spec = spec;
        this.expressions = expressions;
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

    /**
     * Writes the tables into {@code folder}, which must not exist or be empty.
     *
     * @param progress told the rows written so far (all tables) after each block
     */
    public GenerationManifest write(Path folder, long seed, int threads, LongConsumer progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more, not " + threads);
        }
        List<TableGenerator> tables = tables(seed);
        try (AtomicFolder out = AtomicFolder.create(folder)) {
            List<GenerationManifest.Table> written = new ArrayList<>();
            long done = 0;
            for (TableGenerator table : tables) {
                String name = table.spec().name() + ".csv";
                Path file = out.resolve(name);
                try (CsvRowWriter writer = new CsvRowWriter(file, ',', "", table.header());
                        OrderedBlockStream<TableGenerator.EncodedBlock> blocks = new OrderedBlockStream<>(
                                table::encodedBlock, table.blocks(), threads, "doppel-generate")) {
                    while (blocks.hasNext()) {
                        TableGenerator.EncodedBlock block = blocks.next();
                        writer.writeEncodedRows(block.utf8(), block.rows());
                        done += block.rows();
                        progress.accept(done);
                    }
                    writer.commit();
                }
                written.add(new GenerationManifest.Table(table.spec().name(), name, table.rows(),
                        table.header().size(), Fingerprint.sha256(file)));
            }
            GenerationManifest manifest = new GenerationManifest(GenerationManifest.FORMAT,
                    GenerationManifest.FORMAT_VERSION, spec.file(), spec.sha256(), seed, written,
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
}
