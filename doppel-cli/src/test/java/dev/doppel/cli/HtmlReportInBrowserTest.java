package dev.doppel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the HTML evaluation report in headless Chromium (Debian's package, installed by .ci/run): no console errors,
 * and the charts really drew. The screenshot is kept in target/ for people to look at.
 */
class HtmlReportInBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    /** The report's bar colours for real and synthetic data. */
    private static final int REAL_BLUE = 0x3b6fb6;
    private static final int SYNTHETIC_ORANGE = 0xe07b39;

    @TempDir
    static Path dir;

    @BeforeAll
    static void needsChromium() {
        if (System.getenv("CI") != null) {
            assertThat(CHROMIUM).as("CI installs chromium in .ci/run").isExecutable();
        }
        assumeThat(Files.isExecutable(CHROMIUM)).as("chromium is not installed (apt-get install chromium)").isTrue();
    }

    /** Runs Chromium headless on {@code page}; returns its log lines on stderr. */
    private static List<String> chromium(Path page, String... extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "ud"),
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(extra));
        command.add(page.toUri().toString());
        Path log = Files.createTempFile(dir, "chromium", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    private static List<String> consoleMessages(List<String> log) {
        return log.stream().filter(l -> l.contains(":CONSOLE")).collect(Collectors.toList());
    }

    @Test
    void consoleErrorsWouldBeSeen() throws Exception {
        // The check below is only worth something if a broken page fails it.
        Path broken = dir.resolve("broken.html");
        Files.writeString(broken, "<html><body><script>missingFunction();</script></body></html>");
        assertThat(consoleMessages(chromium(broken, "--dump-dom"))).anyMatch(l -> l.contains("Uncaught ReferenceError"));
    }

    @Test
    void reportRendersWithoutConsoleErrorsAndDrawsItsCharts() throws Exception {
        Path data = dir.resolve("loans.csv");
        ExampleTable.write(data, 3000, 5);
        assertThat(CliRun.of("split", data.toString(), "--holdout", "0.3").exitCode()).isZero();
        Path train = dir.resolve("loans.train.csv");
        Path model = dir.resolve("m.doppel");
        Path synthetic = dir.resolve("synth.csv");
        assertThat(CliRun.of("fit", train.toString(), "-o", model.toString()).exitCode()).isZero();
        assertThat(CliRun.of("sample", model.toString(), "-n", "2100", "-o", synthetic.toString()).exitCode()).isZero();
        Path report = dir.resolve("report.html");
        CliRun evaluate = CliRun.of("evaluate", "--real", train.toString(), "--synthetic", synthetic.toString(),
                "--holdout", dir.resolve("loans.holdout.csv").toString(), "--target", "approved",
                "--sensitive", "employment", "-o", report.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        // Self-contained: nothing is fetched (the SVG namespace URI is a name, not a load).
        assertThat(Files.readString(report)).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//")
                .doesNotContainPattern("url\\(\\s*['\"]?(https?:)?//").doesNotContain("@import");

        Path screenshot = Path.of("target", "report-screenshot.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        List<String> log = chromium(report, "--window-size=1280,2400", "--screenshot=" + screenshot);
        assertThat(consoleMessages(log)).isEmpty();
        assertThat(screenshot).isRegularFile();

        BufferedImage image = ImageIO.read(screenshot.toFile());
        int blue = 0;
        int orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue += near(rgb, REAL_BLUE) ? 1 : 0;
                orange += near(rgb, SYNTHETIC_ORANGE) ? 1 : 0;
            }
        }
        // Bars of real and synthetic data drew: thousands of pixels of each colour, in similar amounts.
        assertThat(blue).isGreaterThan(5_000);
        assertThat(orange).isGreaterThan(5_000);
        assertThat((double) orange / blue).isBetween(0.5, 2.0);
    }

    @Test
    void databaseReportRendersWithoutConsoleErrorsAndDrawsItsCharts() throws Exception {
        Path chinook = Path.of(System.getProperty("doppel.datasets", "../../shared/datasets"), "chinook");
        Path schema = chinook.resolve("metadata.json");
        Path model = dir.resolve("chinook.doppel");
        Path synthetic = dir.resolve("chinook-synthetic");
        assertThat(CliRun.of("db", "fit", "--from", chinook.toString(), "--schema", schema.toString(), "-o",
                model.toString()).exitCode()).isZero();
        assertThat(CliRun.of("db", "sample", model.toString(), "--to", synthetic.toString()).exitCode()).isZero();
        Path report = dir.resolve("database.html");
        CliRun evaluate = CliRun.of("db", "evaluate", "--real", chinook.toString(), "--synthetic",
                synthetic.toString(), "--schema", schema.toString(), "--html", report.toString());
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(Files.readString(report)).doesNotContainPattern("(src|href)\\s*=\\s*[\"']?(https?:)?//")
                .doesNotContain("@import");

        Path screenshot = Path.of("target", "database-report-screenshot.png").toAbsolutePath();
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        // Tall enough to hold the scorecard, the cross-table table and its 11 child-count charts.
        List<String> log = chromium(report, "--window-size=1280,2000", "--screenshot=" + screenshot);
        assertThat(consoleMessages(log)).isEmpty();
        BufferedImage image = ImageIO.read(screenshot.toFile());
        int blue = 0;
        int orange = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                blue += near(rgb, REAL_BLUE) ? 1 : 0;
                orange += near(rgb, SYNTHETIC_ORANGE) ? 1 : 0;
            }
        }
        // The child-count histograms drew bars of both colours, in similar amounts (the counts match closely).
        assertThat(blue).isGreaterThan(5_000);
        assertThat(orange).isGreaterThan(5_000);
        assertThat((double) orange / blue).isBetween(0.5, 2.0);
    }

    private static boolean near(int rgb, int target) {
        return Math.abs(((rgb >> 16) & 0xFF) - ((target >> 16) & 0xFF)) < 12
                && Math.abs(((rgb >> 8) & 0xFF) - ((target >> 8) & 0xFF)) < 12
                && Math.abs((rgb & 0xFF) - (target & 0xFF)) < 12;
    }
}
