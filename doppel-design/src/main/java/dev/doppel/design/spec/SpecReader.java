package dev.doppel.design.spec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.doppel.DoppelException;
import dev.doppel.design.spec.ColumnSource.Derived;
import dev.doppel.design.spec.ColumnSource.Drawn;
import dev.doppel.design.spec.ColumnSource.Pii;
import dev.doppel.design.spec.ColumnSource.Reference;
import dev.doppel.design.spec.ColumnSource.Sequence;
import dev.doppel.design.spec.TableSpec.Correlation;
import dev.doppel.design.spec.TableSpec.RowCount;
import dev.doppel.design.process.DailyCycle;
import dev.doppel.design.process.EventProfile;
import dev.doppel.design.process.RateMultiplier;
import dev.doppel.design.process.WeeklyCycle;
import dev.doppel.io.CsvFormat;
import dev.doppel.io.CsvTableReader;
import dev.doppel.metadata.PiiKind;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a doppel-spec file (YAML, or JSON for {@code .json}): parses it keeping lines, validates it against the
 * published schema ({@link SpecSchema}), then checks its meaning: names resolve, types agree, parameters are in range,
 * neither tables nor columns depend on themselves. Every problem is a {@link SpecException} naming file, line and
 * field, raised before anything is generated.
 */
public final class SpecReader {
    private static final Set<String> DISTRIBUTION_TYPES = Set.of("uniform", "normal", "log-normal", "exponential",
            "poisson", "zipf", "bernoulli", "categorical", "empirical", "constant", "date", "datetime");
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("uniform", Set.of("min", "max")),
            Map.entry("normal", Set.of("mean", "sd")),
            Map.entry("log-normal", Set.of("mu", "sigma")),
            Map.entry("exponential", Set.of("mean")),
            Map.entry("poisson", Set.of("mean")),
            Map.entry("zipf", Set.of("n", "exponent")),
            Map.entry("bernoulli", Set.of("p")),
            Map.entry("categorical", Set.of("values", "weights")),
            Map.entry("empirical", Set.of("file", "column")),
            Map.entry("constant", Set.of("value")),
            Map.entry("date", Set.of("from", "to", "weekdays", "months")),
            Map.entry("datetime", Set.of("from", "to", "weekdays", "months", "hours", "businessHours")));
    /** Poisson means above this would need a quantile table of millions of entries. */
    static final double MAX_POISSON_MEAN = 1_000_000;

    private final SpecDocument doc;
    private final Path folder;
    private final ExpressionTyper expressions;
    private final ModelLoader models;
    /** The spec-level {@code locale} of pii columns, or null for Doppel's default (US English). */
    private final java.util.Locale defaultLocale;

    private SpecReader(SpecDocument doc, Path folder, ExpressionTyper expressions, ModelLoader models) {
        this.doc = doc;
        this.folder = folder;
        this.expressions = expressions;
        this.models = models;
        this.defaultLocale = doc.root().has("locale") ? locale(doc.root().get("locale"), "locale") : null;
    }

    /**
     * A BCP 47 tag ({@code de-DE}) as a locale Datafaker has a vocabulary for; US English ({@code en-US},
     * {@code en}) is null, Doppel's default values, which are drawn from that vocabulary.
     */
    private java.util.Locale locale(JsonNode node, String path) {
        String tag = node.asText();
        java.util.Locale locale;
        try {
            locale = new java.util.Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
        } catch (java.util.IllformedLocaleException e) {
            throw doc.error(path, "a BCP 47 language tag such as de-DE, fr-FR or en-US", "\"" + tag + "\"");
        }
        if (!dev.doppel.synth.fake.LocalizedPii.supports(locale)) {
            throw doc.error(path, "a locale Datafaker has names and addresses for (such as de-DE, fr-FR, en-GB, "
                    + "ja-JP, pt-BR)", "\"" + tag + "\"");
        }
        if (locale.getLanguage().equals("en") && (locale.getCountry().isEmpty() || locale.getCountry().equals("US"))
                && locale.getVariant().isEmpty() && locale.getScript().isEmpty()) {
            return null;
        }
        return locale;
    }

    /** Loads the learned model file a table names (the CLI passes its catalog of installed synthesizers). */
    @FunctionalInterface
    public interface ModelLoader {
        dev.doppel.synth.SyntheticModel load(Path file);

        /** For callers without models: a spec naming one is refused. */
        ModelLoader NONE = file -> {
            throw new DoppelException("this reader cannot load learned models (" + file + ")");
        };
    }

    /**
     * Types the expressions of a spec: returns the value kind of {@code source} over the given columns and the
     * names it uses, or throws {@link SpecException} through {@code error} when it does not compile.
     */
    public interface ExpressionTyper {
        Typed type(String source, Map<String, ValueKind> columns, ErrorAt error);

        /** An expression's result kind and the columns it reads. */
        record Typed(ValueKind kind, Set<String> references) { }

        /** Makes the error for a problem at a character offset of the expression. */
        interface ErrorAt {
            SpecException at(String expected, String actual);
        }
    }

    /** Reads and validates {@code file}; empirical files are resolved against its folder. */
    public static DesignSpec read(Path file, ExpressionTyper expressions) {
        return read(file, expressions, ModelLoader.NONE);
    }

    /** Reads and validates {@code file}; empirical and model files are resolved against its folder. */
    public static DesignSpec read(Path file, ExpressionTyper expressions, ModelLoader models) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DoppelException("cannot read spec " + file + ": no such file");
        } catch (IOException e) {
            throw new DoppelException("cannot read spec " + file + ": " + e.getMessage(), e);
        }
        Path parent = file.toAbsolutePath().getParent();
        return read(file.getFileName().toString(), bytes, parent, expressions, models);
    }

    /** Reads a spec from bytes; {@code name} ending in {@code .json} selects JSON, anything else YAML. */
    public static DesignSpec read(String name, byte[] bytes, Path folder, ExpressionTyper expressions) {
        return read(name, bytes, folder, expressions, ModelLoader.NONE);
    }

    /** As {@link #read(String, byte[], Path, ExpressionTyper)}, loading learned models with {@code models}. */
    public static DesignSpec read(String name, byte[] bytes, Path folder, ExpressionTyper expressions,
            ModelLoader models) {
        SpecDocument doc = SpecDocument.parse(name, new ByteArrayInputStream(bytes), name.endsWith(".json"));
        SpecSchema.load().validate(doc);
        return new SpecReader(doc, folder, expressions, models).spec(sha256(bytes));
    }

    private DesignSpec spec(String sha256) {
        JsonNode tablesNode = doc.root().get("tables");
        List<TableSpec> tables = new ArrayList<>();
        Map<String, String> tablePaths = new HashMap<>();
        // Pass 1: columns without meaning that depends on other tables.
        for (int t = 0; t < tablesNode.size(); t++) {
            String path = "tables[" + t + "]";
            String name = tablesNode.get(t).get("name").asText();
            if (tablePaths.putIfAbsent(name, path) != null) {
                throw doc.error(path + ".name", "a table name used once", "a second table \"" + name + "\"");
            }
        }
        Map<String, TableSpec> byName = new LinkedHashMap<>();
        List<String> order = tableOrder(tablesNode, tablePaths);
        for (String name : order) {
            String path = tablePaths.get(name);
            TableSpec table = table(tablesNode.get(index(path)), path, byName);
            byName.put(name, table);
            tables.add(table);
        }
        return new DesignSpec(doc.file(), sha256, tables);
    }

    private static int index(String tablePath) {
        return Integer.parseInt(tablePath.substring("tables[".length(), tablePath.length() - 1));
    }

    /** Tables parents first (declared order otherwise); a missing table or a reference cycle is an error. */
    private List<String> tableOrder(JsonNode tablesNode, Map<String, String> tablePaths) {
        Map<String, List<String>> parents = new LinkedHashMap<>();
        Map<String, String> firstReferencePath = new HashMap<>();
        for (int t = 0; t < tablesNode.size(); t++) {
            JsonNode table = tablesNode.get(t);
            String name = table.get("name").asText();
            List<String> ps = new ArrayList<>();
            JsonNode columns = table.has("columns") ? table.get("columns")
                    : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
            for (int c = 0; c < columns.size(); c++) {
                JsonNode ref = columns.get(c).get("references");
                if (ref == null) {
                    continue;
                }
                String path = "tables[" + t + "].columns[" + c + "].references";
                String parent = ref.asText().substring(0, ref.asText().indexOf('.'));
                if (!tablePaths.containsKey(parent)) {
                    throw doc.error(path, "a table of this spec (" + String.join(", ", tablePaths.keySet()) + ")",
                            "\"" + parent + "\"");
                }
                if (parent.equals(name)) {
                    throw doc.error(path, "a reference to another table", "a reference to the table itself");
                }
                ps.add(parent);
                firstReferencePath.putIfAbsent(name + ">" + parent, path);
            }
            parents.put(name, ps);
        }
        List<String> order = new ArrayList<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String name : parents.keySet()) {
            visit(name, parents, visiting, order, firstReferencePath);
        }
        return order;
    }

    private void visit(String name, Map<String, List<String>> parents, Set<String> visiting, List<String> order,
            Map<String, String> referencePaths) {
        if (order.contains(name)) {
            return;
        }
        if (!visiting.add(name)) {
            List<String> cycle = new ArrayList<>(visiting);
            cycle = cycle.subList(cycle.indexOf(name), cycle.size());
            String last = cycle.get(cycle.size() - 1);
            throw doc.error(referencePaths.get(last + ">" + name), "tables that do not reference each other in a "
                    + "cycle", "the cycle " + String.join(" -> ", cycle) + " -> " + name);
        }
        for (String p : parents.get(name)) {
            visit(p, parents, visiting, order, referencePaths);
        }
        visiting.remove(name);
        order.add(name);
    }

    private TableSpec table(JsonNode node, String path, Map<String, TableSpec> earlier) {
        String name = node.get("name").asText();
        JsonNode columnsNode = node.has("columns") ? node.get("columns") : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        Map<String, Integer> columnIndex = new LinkedHashMap<>();
        for (int c = 0; c < columnsNode.size(); c++) {
            String cname = columnsNode.get(c).get("name").asText();
            if (columnIndex.putIfAbsent(cname, c) != null) {
                throw doc.error(path + ".columns[" + c + "].name", "a column name used once in table " + name,
                        "a second column \"" + cname + "\"");
            }
            if (columnsNode.get(c).has("locale") && !columnsNode.get(c).has("pii")) {
                throw doc.error(path + ".columns[" + c + "].locale", "a locale only on a pii column",
                        "a locale on column " + cname);
            }
        }
        dev.doppel.synth.SyntheticModel model = null;
        if (node.has("model")) {
            String file = node.get("model").asText();
            Path modelPath = folder == null ? Path.of(file) : folder.resolve(file);
            try {
                model = models.load(modelPath);
            } catch (DoppelException e) {
                throw doc.error(path + ".model", "a readable Doppel model file", e.getMessage());
            }
        } else if (columnsNode.size() == 0) {
            throw doc.error(path + ".columns", "at least one column (or a model)", "none");
        }
        Map<String, ValueKind> learned = new LinkedHashMap<>();
        if (model != null) {
            for (var meta : model.metadata().columns()) {
                if (!columnIndex.containsKey(meta.name())) {
                    learned.put(meta.name(), meta.type() == dev.doppel.metadata.ColumnType.NUMERICAL
                            ? ValueKind.NUMBER : ValueKind.STRING);
                }
            }
        }
        // Kinds are needed before expressions and conditions can be typed, and expressions may read expressions:
        // first every non-derived column, then derived ones in dependency order.
        ColumnSpec[] columns = new ColumnSpec[columnsNode.size()];
        Map<String, Set<String>> dependencies = new LinkedHashMap<>();
        for (int c = 0; c < columnsNode.size(); c++) {
            JsonNode col = columnsNode.get(c);
            if (!col.has("expression")) {
                columns[c] = column(col, path + ".columns[" + c + "]", earlier);
            }
        }
        for (int c = 0; c < columnsNode.size(); c++) {
            JsonNode given = columnsNode.get(c).get("given");
            if (given != null) {
                String g = given.get("column").asText();
                String gpath = path + ".columns[" + c + "].given.column";
                if (!columnIndex.containsKey(g) && !learned.containsKey(g)) {
                    throw doc.error(gpath, "a column of table " + name, "\"" + g + "\"");
                }
                dependencies.put(columnsNode.get(c).get("name").asText(), Set.of(g));
            }
        }
        resolveDerived(columnsNode, path, name, columns, learned, dependencies);
        checkAcyclic(path, columnIndex, dependencies);
        checkConditions(columnsNode, path, columns, columnIndex);
        List<ColumnSpec> columnList = model == null ? List.of(columns) : withLearned(model, columns);
        if (model != null) {
            columnIndex.clear();
            for (int c = 0; c < columnList.size(); c++) {
                columnIndex.put(columnList.get(c).name(), c);
            }
        }
        RowCount rows = rows(node.get("rows"), path + ".rows", columnList);
        boolean events = rows instanceof RowCount.PerParent p && p.events() != null;
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].source() instanceof ColumnSource.EventTime && !events) {
                throw doc.error(path + ".columns[" + c + "].eventTime", "eventTime only in a table whose rows are "
                        + "events (rows: {perParent: ..., process: {...}})", "rows of another kind");
            }
        }
        List<Correlation> correlations = correlations(node.get("correlations"), path + ".correlations", columnList,
                columnIndex);
        String label = node.has("label") ? node.get("label").asText() : null;
        if (label != null && columnIndex.containsKey(label)) {
            throw doc.error(path + ".label", "a name for the scenario column that no column has", "\"" + label + "\"");
        }
        List<Scenario> scenarios = scenarios(node.get("scenarios"), path + ".scenarios", columnList, columnIndex);
        List<String> constraints = constraints(node.get("constraints"), path + ".constraints", columnList, model);
        return new TableSpec(name, rows, columnList, correlations, scenarios, label, model, constraints);
    }

    /**
     * A hybrid table's constraints: boolean expressions over its learned columns only, since rows failing them are
     * replaced by further draws of the model, which cannot change a column the spec makes.
     */
    private List<String> constraints(JsonNode node, String path, List<ColumnSpec> columns,
            dev.doppel.synth.SyntheticModel model) {
        if (node == null) {
            return List.of();
        }
        if (model == null) {
            throw doc.error(path, "no constraints on a table without a model",
                    "constraints are for tables with a model; use expressions/conditions");
        }
        Map<String, ValueKind> all = new LinkedHashMap<>();
        Set<String> learned = new LinkedHashSet<>();
        for (ColumnSpec c : columns) {
            all.put(c.name(), c.kind());
            if (c.source() instanceof ColumnSource.Learned) {
                learned.add(c.name());
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String cpath = path + "[" + i + "]";
            String source = node.get(i).asText();
            ExpressionTyper.Typed typed = expressions.type(source, all,
                    (expected, actual) -> doc.error(cpath, expected, actual));
            if (typed.kind() != ValueKind.BOOLEAN) {
                throw doc.error(cpath, "a boolean expression (a condition rows must meet)",
                        "an expression of " + typed.kind().label() + " type");
            }
            for (String r : typed.references()) {
                if (!learned.contains(r)) {
                    throw doc.error(cpath, "only columns the model learned (" + String.join(", ", learned) + ")",
                            "column " + r + ", which the spec makes; constraints filter the model's rows, so "
                            + "constrain a spec column through its own rules instead");
                }
            }
            out.add(source);
        }
        return out;
    }

    /**
     * The model's columns first, in its order, each replaced by the spec's column of the same name if there is one
     * (an override), then the spec's other columns.
     */
    private static List<ColumnSpec> withLearned(dev.doppel.synth.SyntheticModel model, ColumnSpec[] declared) {
        List<ColumnSpec> out = new ArrayList<>();
        Map<String, ColumnSpec> byName = new LinkedHashMap<>();
        for (ColumnSpec c : declared) {
            byName.put(c.name(), c);
        }
        var metadata = model.metadata().columns();
        for (int m = 0; m < metadata.size(); m++) {
            var meta = metadata.get(m);
            ColumnSpec own = byName.remove(meta.name());
            if (own != null) {
                out.add(own);
            } else if (meta.type() == dev.doppel.metadata.ColumnType.NUMERICAL) {
                out.add(new ColumnSpec(meta.name(), ValueKind.NUMBER, new ColumnSource.Learned(m), 0,
                        Math.min(meta.decimals(), 9)));
            } else {
                out.add(new ColumnSpec(meta.name(), ValueKind.STRING, new ColumnSource.Learned(m), 0, 0));
            }
        }
        out.addAll(byName.values());
        return out;
    }

    private void resolveDerived(JsonNode columnsNode, String path, String table, ColumnSpec[] columns,
            Map<String, ValueKind> learned, Map<String, Set<String>> dependencies) {
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int c = 0; c < columnsNode.size(); c++) {
                if (columns[c] != null) {
                    continue;
                }
                JsonNode col = columnsNode.get(c);
                String cpath = path + ".columns[" + c + "]";
                String source = col.get("expression").asText();
                Map<String, ValueKind> known = new LinkedHashMap<>(learned);
                for (ColumnSpec s : columns) {
                    if (s != null) {
                        known.put(s.name(), s.kind());
                    }
                }
                ExpressionTyper.Typed typed;
                try {
                    typed = expressions.type(source, known, (expected, actual) ->
                            doc.error(cpath + ".expression", expected, actual));
                } catch (SpecException e) {
                    // It may read a derived column not typed yet; decided once no more columns resolve.
                    continue;
                }
                dependencies.put(col.get("name").asText(), typed.references());
                columns[c] = new ColumnSpec(col.get("name").asText(), typed.kind(), new Derived(source),
                        nullRate(col), decimals(col, typed.kind() == ValueKind.NUMBER ? 2 : 0));
                progress = true;
            }
        }
        // What is left reads unknown columns, or derived columns in a cycle, or does not compile: say which.
        for (int c = 0; c < columnsNode.size(); c++) {
            if (columns[c] != null) {
                continue;
            }
            JsonNode col = columnsNode.get(c);
            String cpath = path + ".columns[" + c + "]";
            Map<String, ValueKind> all = new LinkedHashMap<>(learned);
            for (int o = 0; o < columns.length; o++) {
                String oname = columnsNode.get(o).get("name").asText();
                all.put(oname, columns[o] != null ? columns[o].kind() : ValueKind.NUMBER);
            }
            Map<String, ValueKind> known = new LinkedHashMap<>(learned);
            for (ColumnSpec s : columns) {
                if (s != null) {
                    known.put(s.name(), s.kind());
                }
            }
            // Compiling against the known columns gives the real error (unknown name, type mismatch, syntax) unless
            // the only problem is an unresolved derived column: then it is a cycle.
            String source = col.get("expression").asText();
            try {
                ExpressionTyper.Typed typed = expressions.type(source, all, (e, a) -> doc.error(cpath, e, a));
                List<String> waiting = typed.references().stream().filter(r -> !known.containsKey(r)).toList();
                throw doc.error(cpath + ".expression", "columns that do not depend on each other in a cycle",
                        "a cycle through " + col.get("name").asText() + " and " + String.join(", ", waiting));
            } catch (SpecException cycleOrSyntax) {
                if (cycleOrSyntax.getMessage().contains("in a cycle")) {
                    throw cycleOrSyntax;
                }
            }
            expressions.type(source, known, (expected, actual) -> doc.error(cpath + ".expression", expected, actual));
            throw new IllegalStateException("expression typed on the second try: " + source + " in " + table);
        }
    }

    private void checkAcyclic(String path, Map<String, Integer> columnIndex, Map<String, Set<String>> dependencies) {
        Set<String> done = new LinkedHashSet<>();
        for (String column : columnIndex.keySet()) {
            walk(column, dependencies, new LinkedHashSet<>(), done, path, columnIndex);
        }
    }

    private void walk(String column, Map<String, Set<String>> dependencies, Set<String> stack, Set<String> done,
            String path, Map<String, Integer> columnIndex) {
        if (done.contains(column)) {
            return;
        }
        if (!stack.add(column)) {
            List<String> cycle = new ArrayList<>(stack);
            cycle = cycle.subList(cycle.indexOf(column), cycle.size());
            throw doc.error(path + ".columns[" + columnIndex.get(column) + "]",
                    "columns that do not depend on each other in a cycle",
                    "the cycle " + String.join(" -> ", cycle) + " -> " + column);
        }
        for (String d : dependencies.getOrDefault(column, Set.of())) {
            walk(d, dependencies, stack, done, path, columnIndex);
        }
        stack.remove(column);
        done.add(column);
    }

    private ColumnSpec column(JsonNode col, String path, Map<String, TableSpec> earlier) {
        String name = col.get("name").asText();
        double nullRate = nullRate(col);
        if (col.has("distribution")) {
            Distribution d = distribution(col.get("distribution"), path + ".distribution");
            Map<String, Distribution> cases = new LinkedHashMap<>();
            String given = null;
            if (col.has("given")) {
                given = col.get("given").get("column").asText();
                JsonNode casesNode = col.get("given").get("cases");
                for (Iterator<String> it = casesNode.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    String cpath = path + ".given.cases." + key;
                    Distribution cd = distribution(casesNode.get(key), cpath);
                    if (cd.kind() != d.kind()) {
                        throw doc.error(cpath, "a distribution of " + d.kind().label() + " values like the column's",
                                "one of " + cd.kind().label() + " values");
                    }
                    cases.put(key, cd);
                }
            }
            return new ColumnSpec(name, d.kind(), new Drawn(d, given, cases), nullRate,
                    decimals(col, wholeNumbers(d) ? 0 : 2));
        }
        if (col.has("sequence")) {
            JsonNode s = col.get("sequence");
            if (nullRate > 0) {
                throw doc.error(path + ".nullRate", "no nulls in a sequence (it is a key)", String.valueOf(nullRate));
            }
            String format = s.has("format") ? s.get("format").asText() : null;
            return new ColumnSpec(name, format == null ? ValueKind.NUMBER : ValueKind.STRING,
                    new Sequence(s.has("start") ? s.get("start").asLong() : 1, s.has("step") ? s.get("step").asLong()
                            : 1, format), 0, 0);
        }
        if (col.has("eventTime")) {
            return new ColumnSpec(name, ValueKind.DATETIME, new ColumnSource.EventTime(), nullRate, 0);
        }
        if (col.has("pii")) {
            java.util.Locale locale = col.has("locale") ? locale(col.get("locale"), path + ".locale") : defaultLocale;
            return new ColumnSpec(name, ValueKind.STRING, new Pii(PiiKind.fromJson(col.get("pii").asText()),
                    locale), nullRate, 0);
        }

        String ref = col.get("references").asText();
        String table = ref.substring(0, ref.indexOf('.'));
        String key = ref.substring(ref.indexOf('.') + 1);
        TableSpec parent = earlier.get(table);
        int k = parent.indexOf(key);
        if (k < 0) {
            throw doc.error(path + ".references", "a column of table " + table, "\"" + key + "\"");
        }
        ColumnSpec keyColumn = parent.columns().get(k);
        if (!(keyColumn.source() instanceof Sequence)) {
            throw doc.error(path + ".references", "a key column (a sequence) of table " + table,
                    "column " + key + ", which is not a sequence");
        }
        return new ColumnSpec(name, keyColumn.kind(), new Reference(table, key), nullRate, 0);
    }

    private static boolean wholeNumbers(Distribution d) {
        return d instanceof Distribution.Poisson || d instanceof Distribution.Zipf
                || d instanceof Distribution.Categorical c && c.values().stream().allMatch(
                        v -> v instanceof Double x && x == Math.rint(x))
                || d instanceof Distribution.Constant k && k.value() instanceof Double x && x == Math.rint(x);
    }

    private static double nullRate(JsonNode col) {
        return col.has("nullRate") ? col.get("nullRate").asDouble() : 0;
    }

    private static int decimals(JsonNode col, int fallback) {
        return col.has("decimals") ? col.get("decimals").asInt() : fallback;
    }

    private void checkConditions(JsonNode columnsNode, String path, ColumnSpec[] columns,
            Map<String, Integer> columnIndex) {
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].source() instanceof Drawn d && d.givenColumn() != null
                    && columnIndex.containsKey(d.givenColumn())) {
                ColumnSpec given = columns[columnIndex.get(d.givenColumn())];
                if (given.name().equals(columns[c].name())) {
                    throw doc.error(path + ".columns[" + c + "].given.column", "another column",
                            "the column itself");
                }
            }
        }
    }

    private RowCount rows(JsonNode node, String path, List<ColumnSpec> columns) {
        if (node.isIntegralNumber()) {
            return new RowCount.Fixed(node.asLong());
        }
        String per = node.get("perParent").asText();
        ColumnSpec ref = columns.stream().filter(c -> c.name().equals(per)).findFirst().orElse(null);
        if (ref == null || !(ref.source() instanceof Reference)) {
            throw doc.error(path + ".perParent", "a column of this table that references a parent table",
                    "\"" + per + "\"");
        }
        if (ref.nullRate() > 0) {
            throw doc.error(path + ".perParent", "a reference column without nulls (every child has its parent)",
                    "nullRate " + ref.nullRate());
        }
        if (node.has("process")) {
            return new RowCount.PerParent(per, null, events(node.get("process"), path + ".process"));
        }
        Distribution children = distribution(node.get("distribution"), path + ".distribution");
        if (children.kind() != ValueKind.NUMBER) {
            throw doc.error(path + ".distribution", "a distribution of numbers (children per parent)",
                    "one of " + children.kind().label() + " values");
        }
        return new RowCount.PerParent(per, children, null);
    }

    private RowCount.Events events(JsonNode node, String path) {
        LocalDateTime from = date(node.get("from"), path + ".from");
        LocalDateTime to = date(node.get("to"), path + ".to");
        if (!to.isAfter(from)) {
            throw doc.error(path + ".to", "an end after from (" + from + "); the window is [from, to)", to.toString());
        }
        double[] hours = weights(node, "hours", 24, path);
        double[] weekdays = weights(node, "weekdays", 7, path);
        RateMultiplier multiplier = new RateMultiplier.None();
        if (node.has("multiplier")) {
            JsonNode m = node.get("multiplier");
            String type = m.get("type").asText();
            multiplier = switch (type) {
                case "gamma" -> new RateMultiplier.Gamma(m.get("shape").asDouble());
                case "log-normal" -> new RateMultiplier.LogNormal(m.get("sigma").asDouble());
                default -> new RateMultiplier.None();
            };
        }
        EventProfile profile = new EventProfile(node.get("eventsPerDay").asDouble(),
                new DailyCycle(Arrays.stream(hours).boxed().toList()),
                new WeeklyCycle(Arrays.stream(weekdays).boxed().toList()), multiplier, java.time.ZoneOffset.UTC);
        return new RowCount.Events(profile, from, to);
    }

    private List<Correlation> correlations(JsonNode node, String path, List<ColumnSpec> columns,
            Map<String, Integer> columnIndex) {
        List<Correlation> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        Set<String> used = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String cpath = path + "[" + i + "]";
            JsonNode names = node.get(i).get("columns");
            List<String> list = new ArrayList<>();
            for (int j = 0; j < names.size(); j++) {
                String n = names.get(j).asText();
                String npath = cpath + ".columns[" + j + "]";
                Integer at = columnIndex.get(n);
                if (at == null) {
                    throw doc.error(npath, "a column of this table", "\"" + n + "\"");
                }
                if (!(columns.get(at).source() instanceof Drawn d) || d.givenColumn() != null) {
                    throw doc.error(npath, "a column drawn from one distribution (no given, sequence, reference "
                            + "or expression)", "column " + n);
                }
                if (!used.add(n)) {
                    throw doc.error(npath, "each column in at most one correlation", "column " + n + " again");
                }
                list.add(n);
            }
            JsonNode m = node.get(i).get("matrix");
            int k = list.size();
            double[][] matrix = new double[k][k];
            if (m.size() != k) {
                throw doc.error(cpath + ".matrix", "a " + k + " x " + k + " matrix", m.size() + " rows");
            }
            for (int r = 0; r < k; r++) {
                if (m.get(r).size() != k) {
                    throw doc.error(cpath + ".matrix[" + r + "]", k + " numbers", String.valueOf(m.get(r).size()));
                }
                for (int c = 0; c < k; c++) {
                    matrix[r][c] = m.get(r).get(c).asDouble();
                }
            }
            for (int r = 0; r < k; r++) {
                if (matrix[r][r] != 1) {
                    throw doc.error(cpath + ".matrix[" + r + "][" + r + "]", "1 on the diagonal",
                            String.valueOf(matrix[r][r]));
                }
                for (int c = 0; c < r; c++) {
                    if (matrix[r][c] != matrix[c][r]) {
                        throw doc.error(cpath + ".matrix[" + r + "][" + c + "]", "a symmetric matrix ("
                                + matrix[c][r] + " as at [" + c + "][" + r + "])", String.valueOf(matrix[r][c]));
                    }
                }
            }
            if (Correlation.lowerFactor(matrix) == null) {
                throw doc.error(cpath + ".matrix", "a positive-definite correlation matrix",
                        "a matrix with a zero or negative eigenvalue");
            }
            out.add(new Correlation(list, matrix));
        }
        return out;
    }

    private List<Scenario> scenarios(JsonNode node, String path, List<ColumnSpec> columns,
            Map<String, Integer> columnIndex) {
        List<Scenario> out = new ArrayList<>();
        if (node == null) {
            return out;
        }
        double rateSum = 0;
        Set<String> names = new LinkedHashSet<>();
        Map<String, ValueKind> kinds = new LinkedHashMap<>();
        for (ColumnSpec c : columns) {
            kinds.put(c.name(), c.kind());
        }
        for (int i = 0; i < node.size(); i++) {
            String spath = path + "[" + i + "]";
            JsonNode s = node.get(i);
            String name = s.get("name").asText();
            if (!names.add(name)) {
                throw doc.error(spath + ".name", "a scenario name used once in the table", "\"" + name + "\" again");
            }
            double rate = s.has("rate") ? s.get("rate").asDouble() : Double.NaN;
            long count = s.has("count") ? s.get("count").asLong() : -1;
            if (s.has("rate")) {
                rateSum += rate;
                if (rateSum > 1 + 1e-12) {
                    throw doc.error(spath + ".rate", "scenario rates of a table that add up to at most 1",
                            "a total of " + rateSum);
                }
            }
            Map<String, Scenario.Override> set = new LinkedHashMap<>();
            JsonNode setNode = s.get("set");
            for (Iterator<String> it = setNode.fieldNames(); it.hasNext(); ) {
                String column = it.next();
                String cpath = spath + ".set." + column;
                Integer at = columnIndex.get(column);
                if (at == null) {
                    throw doc.error(cpath, "a column of this table", "\"" + column + "\"");
                }
                ColumnSpec target = columns.get(at);
                if (target.source() instanceof Sequence || target.source() instanceof Reference) {
                    throw doc.error(cpath, "a column that is not a key or a reference (keys stay unique and valid)",
                            "column " + column);
                }
                JsonNode v = setNode.get(column);
                Scenario.Override o;
                if (v.isObject() && v.has("distribution")) {
                    Distribution d = distribution(v.get("distribution"), cpath + ".distribution");
                    if (d.kind() != target.kind()) {
                        throw doc.error(cpath + ".distribution", "a distribution of " + target.kind().label()
                                + " values like the column's", "one of " + d.kind().label() + " values");
                    }
                    o = new Scenario.Override.Drawn(d);
                } else if (v.isObject()) {
                    String source = v.get("expression").asText();
                    ExpressionTyper.Typed typed = expressions.type(source, kinds,
                            (expected, actual) -> doc.error(cpath + ".expression", expected, actual));
                    if (typed.kind() != target.kind()) {
                        throw doc.error(cpath + ".expression", "an expression of " + target.kind().label()
                                + " type like the column", "one of " + typed.kind().label() + " type");
                    }
                    o = new Scenario.Override.Computed(source);
                } else {
                    o = new Scenario.Override.Value(v.isNull() ? null : value(v, target.kind(), cpath));
                }
                set.put(column, o);
            }
            Scenario.Burst burst = null;
            if (s.has("burst")) {
                JsonNode b = s.get("burst");
                if (!s.has("rate")) {
                    throw doc.error(spath + ".burst", "a rate with a burst (the share of rows that start one)",
                            "a count");
                }
                String column = b.get("column").asText();
                Integer at = columnIndex.get(column);
                if (at == null || columns.get(at).kind() != ValueKind.DATETIME
                        || columns.get(at).source() instanceof Sequence) {
                    throw doc.error(spath + ".burst.column", "a datetime column of this table", "\"" + column + "\"");
                }
                burst = new Scenario.Burst(b.get("length").asInt(), column,
                        b.has("maxGapSeconds") ? b.get("maxGapSeconds").asDouble() : 60);
            }
            out.add(new Scenario(name, rate, count, set, burst));
        }
        return out;
    }

    /** A literal as a value of {@code kind}: Double (also dates as epoch day/second), Boolean or String. */
    private Object value(JsonNode v, ValueKind kind, String path) {
        switch (kind) {
            case NUMBER -> {
                if (!v.isNumber()) {
                    throw doc.error(path, "a number", v.toString());
                }
                return v.asDouble();
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    throw doc.error(path, "true or false", v.toString());
                }
                return v.asBoolean();
            }
            case STRING -> {
                if (!v.isTextual()) {
                    throw doc.error(path, "a string (quote it)", v.toString());
                }
                return v.asText();
            }
            case DATE -> {
                return (double) date(v, path).toLocalDate().toEpochDay();
            }
            default -> {
                return (double) date(v, path).toEpochSecond(java.time.ZoneOffset.UTC);
            }
        }
    }

    private LocalDateTime date(JsonNode v, String path) {
        String text = v.asText().trim();
        try {
            if (text.length() <= 10) {
                return LocalDate.parse(text).atStartOfDay();
            }
            return LocalDateTime.parse(text.replace(' ', 'T'));
        } catch (DateTimeParseException e) {
            throw doc.error(path, "a date (2024-01-31) or date-time (2024-01-31 09:30:00)", "\"" + text + "\"");
        }
    }

    Distribution distribution(JsonNode node, String path) {
        String type = node.get("type").asText();
        if (!DISTRIBUTION_TYPES.contains(type)) {
            throw doc.error(path + ".type", "one of " + DISTRIBUTION_TYPES, type);
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!f.equals("type") && !FIELDS.get(type).contains(f)) {
                throw doc.error(path + "." + f, "only " + FIELDS.get(type) + " for a " + type + " distribution",
                        "\"" + f + "\"");
            }
        }
        return switch (type) {
            case "uniform" -> {
                double min = node.get("min").asDouble();
                double max = node.get("max").asDouble();
                if (!(min < max)) {
                    throw doc.error(path + ".max", "a max above min (" + min + ")", String.valueOf(max));
                }
                yield new Distribution.Uniform(min, max);
            }
            case "normal" -> new Distribution.Normal(node.get("mean").asDouble(), node.get("sd").asDouble());
            case "log-normal" -> new Distribution.LogNormal(node.get("mu").asDouble(), node.get("sigma").asDouble());
            case "exponential" -> new Distribution.Exponential(positive(node, "mean", path));
            case "poisson" -> {
                double mean = node.get("mean").asDouble();
                if (mean < 0 || mean > MAX_POISSON_MEAN) {
                    throw doc.error(path + ".mean", "a mean from 0 to " + (long) MAX_POISSON_MEAN,
                            String.valueOf(mean));
                }
                yield new Distribution.Poisson(mean);
            }
            case "zipf" -> new Distribution.Zipf(node.get("n").asInt(), node.get("exponent").asDouble());
            case "bernoulli" -> new Distribution.Bernoulli(node.get("p").asDouble());
            case "categorical" -> categorical(node, path);
            case "empirical" -> empirical(node, path);
            case "constant" -> {
                JsonNode v = node.get("value");
                ValueKind kind = v.isNumber() ? ValueKind.NUMBER : v.isBoolean() ? ValueKind.BOOLEAN
                        : ValueKind.STRING;
                yield new Distribution.Constant(kind, v.isNumber() ? v.asDouble() : v.isBoolean() ? v.asBoolean()
                        : v.asText());
            }
            default -> calendar(node, path, type.equals("datetime"));
        };
    }

    private double positive(JsonNode node, String field, String path) {
        double v = node.get(field).asDouble();
        if (!(v > 0)) {
            throw doc.error(path + "." + field, "a positive number", String.valueOf(v));
        }
        return v;
    }

    private Distribution categorical(JsonNode node, String path) {
        JsonNode values = node.get("values");
        List<Object> list = new ArrayList<>();
        double[] weights;
        ValueKind kind;
        if (values.isObject()) {
            if (node.has("weights")) {
                throw doc.error(path + ".weights", "weights either in values (value: weight) or here, not both",
                        "both");
            }
            kind = ValueKind.STRING;
            weights = new double[values.size()];
            int i = 0;
            for (Iterator<String> it = values.fieldNames(); it.hasNext(); ) {
                String v = it.next();
                list.add(v);
                weights[i++] = values.get(v).asDouble();
            }
        } else {
            kind = values.get(0).isNumber() ? ValueKind.NUMBER : values.get(0).isBoolean() ? ValueKind.BOOLEAN
                    : ValueKind.STRING;
            for (int i = 0; i < values.size(); i++) {
                JsonNode v = values.get(i);
                ValueKind k = v.isNumber() ? ValueKind.NUMBER : v.isBoolean() ? ValueKind.BOOLEAN : ValueKind.STRING;
                if (k != kind) {
                    throw doc.error(path + ".values[" + i + "]", "values of one type (" + kind.label()
                            + " like the first)", v.toString());
                }
                list.add(v.isNumber() ? (Object) v.asDouble() : v.isBoolean() ? (Object) v.asBoolean() : v.asText());
            }
            weights = new double[list.size()];
            if (node.has("weights")) {
                JsonNode w = node.get("weights");
                if (w.size() != list.size()) {
                    throw doc.error(path + ".weights", list.size() + " weights, one per value",
                            String.valueOf(w.size()));
                }
                for (int i = 0; i < weights.length; i++) {
                    weights[i] = w.get(i).asDouble();
                }
            } else {
                Arrays.fill(weights, 1);
            }
        }
        if (Arrays.stream(weights).sum() <= 0) {
            throw doc.error(path + ".values", "weights with a positive sum", "weights adding up to 0");
        }
        return new Distribution.Categorical(kind, list, weights);
    }

    /** Values of a file: one per line, or one column of a CSV file; numbers when every value is one. */
    private Distribution empirical(JsonNode node, String path) {
        String name = node.get("file").asText();
        Path file = folder == null ? Path.of(name) : folder.resolve(name);
        if (!Files.isRegularFile(file)) {
            throw doc.error(path + ".file", "a readable file (relative to the spec's folder)", file.toString());
        }
        List<String> values = new ArrayList<>();
        if (node.has("column")) {
            String column = node.get("column").asText();
            Column col;
            try {
                var table = new CsvTableReader(CsvFormat.DEFAULT).read(file).table();
                if (!table.hasColumn(column)) {
                    throw doc.error(path + ".column", "a column of " + name + " (" + String.join(", ",
                            table.columnNames()) + ")", "\"" + column + "\"");
                }
                col = table.column(column);
            } catch (DoppelException e) {
                if (e instanceof SpecException) {
                    throw e;
                }
                throw doc.error(path + ".file", "a readable CSV file", e.getMessage());
            }
            for (int i = 0; i < col.size(); i++) {
                if (!col.isNull(i)) {
                    values.add(col instanceof CategoricalColumn k ? k.get(i)
                            : Double.toString(((NumericColumn) col).get(i)));
                }
            }
        } else {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        values.add(line.strip());
                    }
                }
            } catch (IOException e) {
                throw doc.error(path + ".file", "a readable UTF-8 text file", e.getMessage());
            }
        }
        if (values.isEmpty()) {
            throw doc.error(path + ".file", "a file with at least one value", "no values in " + name);
        }
        boolean numbers = values.stream().allMatch(SpecReader::isNumber);
        List<Object> list = new ArrayList<>(values.size());
        for (String v : values) {
            list.add(numbers ? (Object) Double.parseDouble(v) : v);
        }
        double[] weights = new double[list.size()];
        Arrays.fill(weights, 1);
        return new Distribution.Categorical(numbers ? ValueKind.NUMBER : ValueKind.STRING, list, weights);
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private Distribution calendar(JsonNode node, String path, boolean withTime) {
        LocalDateTime from = date(node.get("from"), path + ".from");
        LocalDateTime to = date(node.get("to"), path + ".to");
        if (!withTime && (node.get("from").asText().length() > 10 || node.get("to").asText().length() > 10)) {
            throw doc.error(path + (node.get("from").asText().length() > 10 ? ".from" : ".to"),
                    "a date without time for a date distribution (use datetime for times)", null);
        }
        if (to.isBefore(from)) {
            throw doc.error(path + ".to", "a date not before from (" + from + ")", to.toString());
        }
        if (withTime && !to.toLocalTime().equals(LocalTime.MIDNIGHT) || withTime
                && !from.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            // Day weights times hour weights define the distribution; partial days would need a second rule.
            throw doc.error(path, "whole days in from and to (time of day comes from hours or businessHours)",
                    from + " .. " + to);
        }
        double[] weekdays = weights(node, "weekdays", 7, path);
        double[] months = weights(node, "months", 12, path);
        double[] hours = weights(node, "hours", 24, path);
        if (node.has("businessHours")) {
            if (node.has("hours")) {
                throw doc.error(path + ".businessHours", "hours or businessHours, not both", "both");
            }
            JsonNode b = node.get("businessHours");
            int start = b.get("from").asInt();
            int end = b.get("to").asInt();
            double share = b.get("share").asDouble();
            if (end <= start) {
                throw doc.error(path + ".businessHours.to", "an hour after from (" + start + ")",
                        String.valueOf(end));
            }
            int inside = end - start;
            for (int h = 0; h < 24; h++) {
                boolean in = h >= start && h < end;
                hours[h] = in ? share / inside : inside == 24 ? 0 : (1 - share) / (24 - inside);
            }
        }
        return new Distribution.Calendar(withTime, from, to, weekdays, months, hours);
    }

    private double[] weights(JsonNode node, String field, int n, String path) {
        double[] w = new double[n];
        if (!node.has(field)) {
            Arrays.fill(w, 1);
            return w;
        }
        for (int i = 0; i < n; i++) {
            w[i] = node.get(field).get(i).asDouble();
        }
        if (Arrays.stream(w).sum() <= 0) {
            throw doc.error(path + "." + field, "weights with a positive sum", "all zero");
        }
        return w;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
