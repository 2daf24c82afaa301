package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.design.generate.DesignGenerator;
import dev.doppel.design.generate.GenerationManifest;
import dev.doppel.design.generate.SpecExpressions;
import dev.doppel.design.spec.DesignSpec;
import dev.doppel.design.spec.SpecReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code doppel generate spec.yaml -o out/}: tables designed by a spec rather than learned. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = "Generates every table of a doppel-spec (YAML or JSON; see docs/DESIGN-BY-SPEC.md) into a "
                + "folder: one CSV per table and manifest.json. The spec is checked completely before any row is "
                + "written.")
final class GenerateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.yaml", description = "The spec file.")
    Path specFile;

    @Option(names = "--example", paramLabel = "NAME",
            description = "Use a bundled example spec instead of a file: bank or hospital.")
    String example;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FOLDER",
            description = "Output folder; must not exist or be empty.")
    Path output;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed; the same spec and seed give byte-identical tables for any thread count "
                    + "(default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "csv", description = "Output format: csv (the only one so far).")
    String format;

    @Option(names = "--threads", description = "Generating threads (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() {
        if (!"csv".equals(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be csv, not " + format);
        }
        if ((specFile == null) == (example == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a spec file or --example, one of them");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be 1 or more");
        }
        DesignSpec design = specFile != null
                ? SpecReader.read(specFile, SpecExpressions.INSTANCE, file -> InstalledSynthesizers.load(file).model())
                : bundled(example);
        GenerationManifest manifest = new DesignGenerator(design, SpecExpressions.INSTANCE)
                .write(output, seed, threadCount, done -> { });
        PrintWriter out = spec.commandLine().getOut();
        for (GenerationManifest.Table t : manifest.tables()) {
            out.printf("%s: %,d rows -> %s%n", t.name(), t.rows(), output.resolve(t.file()));
        }
        out.println("manifest: " + output.resolve(DesignGenerator.MANIFEST));
        return 0;
    }

    /** The bundled example spec {@code name} (bank or hospital), read and validated. */
    static DesignSpec bundled(String name) {
        return SpecReader.read(name + ".yaml", bundledBytes(name), null, SpecExpressions.INSTANCE);
    }

    /** The bytes of the bundled example spec {@code name}. */
    static byte[] bundledBytes(String name) {
        if (!name.matches("bank|hospital")) {
            throw new DoppelException("no bundled example spec named " + name + "; choose bank or hospital");
        }
        try (InputStream in = DesignSpec.class.getResourceAsStream("/dev/doppel/design/examples/" + name + ".yaml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DoppelException("cannot read the bundled example " + name + ": " + e.getMessage(), e);
        }
    }
}
