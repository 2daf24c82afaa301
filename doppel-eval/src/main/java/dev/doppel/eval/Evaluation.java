package dev.doppel.eval;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.InvalidDataException;
import dev.doppel.eval.AlignedTables.Role;
import dev.doppel.eval.bias.BiasReport;
import dev.doppel.eval.fidelity.FidelityReport;
import dev.doppel.eval.privacy.PrivacyReport;
import dev.doppel.eval.utility.DetectionScore;
import dev.doppel.eval.utility.GradientBoostedTrees;
import dev.doppel.eval.utility.LogisticRegression;
import dev.doppel.eval.utility.Target;
import dev.doppel.eval.utility.UtilityReport;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.TableMetadata;
import dev.doppel.table.Table;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * An evaluation of a synthetic table against the real table it was learned from, configured by {@link #builder()}:
 * <pre>{@code
 * EvaluationReport report = Evaluation.builder().real(train).synthetic(synth).holdout(holdout).metadata(md)
 *         .target("class").sensitive(List.of("sex", "race")).threads(2).seed(1).build().run();
 * }</pre>
 * Tables are typed as the metadata says (numerical and datetime columns as {@code NumericColumn}, the others as
 * {@code CategoricalColumn}); all three must hold exactly the metadata's columns. Only learned columns are compared.
 * The result depends only on the inputs, the seed and (for XGBoost) the thread count.
 *
 * @param real          the real training table
 * @param synthetic     the synthetic table
 * @param holdout       real rows not used for training, or null (then privacy, utility and bias are skipped)
 * @param metadata      column types
 * @param target        target column for utility and bias, or null
 * @param positiveClass positive class of a categorical target, or null to choose (see {@link Target})
 * @param sensitive     sensitive attributes, for attribute inference and bias
 * @param threads       threads for search and model training
 * @param seed          seed of every random choice
 * @param manifest      the synthetic data's manifest, copied into the report's provenance, or null
 */
public record Evaluation(Table real, Table synthetic, Table holdout, TableMetadata metadata, String target,
                         String positiveClass, List<String> sensitive, int threads, long seed, JsonNode manifest) {
    /** Most rows per class in the detection test; enough for an AUC standard error of about 0.003. */
    static final int DETECTION_ROWS = 10_000;
    static final int DETECTION_FOLDS = 3;
    static final int ATTACK_ROWS = 2_000;
    static final int SINGLING_OUT_QUERIES = 500;

    public Evaluation {
        if (real == null || synthetic == null || metadata == null) {
            throw new IllegalArgumentException("an evaluation needs real, synthetic and metadata");
        }
        sensitive = sensitive == null ? List.of() : List.copyOf(sensitive);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Runs every metric the inputs allow.
     *
     * @throws InvalidDataException when the tables do not match the metadata or each other, a table is empty, the
     *                              target or a sensitive attribute is not a learned column, or the target has one class
     */
    public EvaluationReport run() {
        long start = System.nanoTime();
        AlignedTables tables = AlignedTables.of(metadata, real, synthetic, holdout);
        Target t = target == null ? null : Target.of(tables, metadata, target, positiveClass);
        for (String s : sensitive) {
            ColumnMetadata c = metadata.column(s).orElseThrow(() -> new InvalidDataException("metadata", 0, s,
                    "a sensitive attribute among " + metadata.columnNames(), "no column of that name"));
            if (!c.isLearned()) {
                throw new InvalidDataException("metadata", 0, s, "a numerical, datetime, categorical or boolean "
                        + "sensitive attribute", "a " + c.type().jsonName() + " column");
            }
            if (s.equals(target)) {
                throw new InvalidDataException("metadata", 0, s, "a sensitive attribute other than the target",
                        "the target");
            }
        }
        FidelityReport fidelity = FidelityReport.of(tables);
        GradientBoostedTrees trees = GradientBoostedTrees.defaults(threads, seed);
        DetectionScore detection = DetectionScore.of(tables, trees, DETECTION_FOLDS, DETECTION_ROWS, seed);
        PrivacyReport privacy = null;
        UtilityReport utility = null;
        BiasReport bias = null;
        if (tables.hasHoldout()) {
            List<String> secrets = !sensitive.isEmpty() ? sensitive : target != null ? List.of(target) : List.of();
            privacy = PrivacyReport.of(tables, new PrivacyReport.Options(secrets, ATTACK_ROWS, SINGLING_OUT_QUERIES,
                    threads, seed));
            if (t != null) {
                UtilityReport.Outcome outcome = UtilityReport.of(tables, t, trees, LogisticRegression.defaults());
                utility = outcome.report();
                if (!t.regression() && !sensitive.isEmpty()) {
                    bias = BiasReport.of(tables, t, outcome, sensitive);
                }
            }
        }
        List<String> excluded = new ArrayList<>();
        for (ColumnMetadata c : metadata.columns()) {
            if (!c.isLearned()) {
                excluded.add(c.name());
            }
        }
        EvaluationReport.Inputs inputs = new EvaluationReport.Inputs(tables.rowCount(Role.REAL),
                tables.rowCount(Role.SYNTHETIC), tables.hasHoldout() ? tables.rowCount(Role.HOLDOUT) : 0,
                tables.columns().stream().map(ColumnMetadata::name).toList(), excluded, target, sensitive, seed,
                threads);
        EvaluationReport.ReportProvenance provenance = new EvaluationReport.ReportProvenance(doppelVersion(),
                Instant.now().toString(), (System.nanoTime() - start) / 1_000_000, manifest);
        return new EvaluationReport(inputs, fidelity, detection, privacy, utility, bias, provenance);
    }

    static String doppelVersion() {
        try (InputStream in = Evaluation.class.getResourceAsStream("/dev/doppel/doppel-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Collects the parts of an {@link Evaluation}; threads default to the available processors, seed to 0. */
    public static final class Builder {
        private Table real;
        private Table synthetic;
        private Table holdout;
        private TableMetadata metadata;
        private String target;
        private String positiveClass;
        private List<String> sensitive = List.of();
        private int threads = Runtime.getRuntime().availableProcessors();
        private long seed;
        private JsonNode manifest;

        private Builder() {
        }

        public Builder real(Table t) {
            this.real = t;
            return this;
        }

        public Builder synthetic(Table t) {
            this.synthetic = t;
            return this;
        }

        public Builder holdout(Table t) {
            this.holdout = t;
            return this;
        }

        public Builder metadata(TableMetadata md) {
            this.metadata = md;
            return this;
        }

        public Builder target(String column) {
            this.target = column;
            return this;
        }

        public Builder positiveClass(String value) {
            this.positiveClass = value;
            return this;
        }

        public Builder sensitive(List<String> columns) {
            this.sensitive = columns;
            return this;
        }

        public Builder threads(int n) {
            this.threads = n;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        public Builder manifest(JsonNode m) {
            this.manifest = m;
            return this;
        }

        public Evaluation build() {
            return new Evaluation(real, synthetic, holdout, metadata, target, positiveClass, sensitive, threads, seed,
                    manifest);
        }
    }
}
