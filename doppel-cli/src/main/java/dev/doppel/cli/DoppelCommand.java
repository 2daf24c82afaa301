package dev.doppel.cli;

import dev.doppel.DoppelException;
import dev.doppel.provenance.DoppelVersion;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code doppel} command: learn real tables, sample synthetic ones. */
@Command(
        name = "doppel",
        mixinStandardHelpOptions = true,
        versionProvider = DoppelCommand.Version.class,
        description = "Learns the structure of a real table and generates synthetic data that behaves like it.",
        subcommands = {
            InspectCommand.class,
            FitCommand.class,
            SampleCommand.class,
            DemoCommand.class,
            SplitCommand.class,
            EvaluateCommand.class,
            BenchCommand.class,
            DbCommand.class,
            GenerateCommand.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "2:usage error", "3:bad input (data, metadata or model file)",
            "4:a quality gate (--require) failed", "1:internal error"})
public final class DoppelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    public static void main(String[] args) {
        System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line and returns the exit code; used by {@link #main} and by tests. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new DoppelCommand());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof DoppelException de) {
                err.println("error: " + de.getMessage());
                return de.exitCode();
            }
            // An internal fault: one line for the user; the trace only when asked for.
            err.println("internal error: " + ex);
            if (System.getenv("DOPPEL_DEBUG") != null) {
                ex.printStackTrace(err);
            } else {
                err.println("(set DOPPEL_DEBUG=1 for details)");
            }
            return 1;
        });
        return cli.execute(args);
    }

    /** Reports the version filtered into the core jar by Maven. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"doppel " + DoppelVersion.current()};
        }
    }
}
