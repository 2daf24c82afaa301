package dev.doppel.jdbc;

import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.relational.ColumnSchema;
import dev.doppel.relational.SyntheticTable;
import dev.doppel.relational.TableModel;
import dev.doppel.relational.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * How a sink declares one sampled column: the type, NOT NULL and UNIQUE, decided the same way for every database.
 *
 * <p>The type is the first of these that every sampled value fits: the type the source declared (if it is one
 * {@link SqlType} carries), the type of the table's model metadata (integer numbers BIGINT, other numbers DOUBLE,
 * date-times DATE or TIMESTAMP by their format, booleans BOOLEAN), text. Key columns are the source's integer type or
 * BIGINT. NOT NULL and UNIQUE are what the source declared, kept where the sampled column satisfies them; when the
 * source declared nothing about nullability, NOT NULL is declared where the sampled column has no missing value.
 * Every constraint or type the sample cannot satisfy is dropped with a warning, never silently.
 *
 * @param name    the column
 * @param type    the declared type
 * @param notNull whether NOT NULL is declared
 * @param unique  whether UNIQUE is declared (never for the primary key, which is unique already)
 */
public record ColumnDefinition(String name, SqlType type, boolean notNull, boolean unique) {

    /** The columns of one table, in sampled order, and what could not be kept from the source. */
    public record Plan(List<ColumnDefinition> columns, List<String> warnings) {
        public Plan {
            columns = List.copyOf(columns);
            warnings = List.copyOf(warnings);
        }
    }

    /** Decides every column of {@code data}, sampled from {@code model} for the table {@code table}. */
    public static Plan plan(TableSchema table, TableModel model, SyntheticTable data) {
        List<ColumnDefinition> columns = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (int c = 0; c < data.columns().size(); c++) {
            String name = data.columns().get(c);
            List<String> values = new ArrayList<>();
            boolean complete = !data.rows().isEmpty();
            for (String[] row : data.rows()) {
                if (row[c] == null) {
                    complete = false;
                } else {
                    values.add(row[c]);
                }
            }
            String where = table.name() + "." + name;
            Optional<ColumnSchema> declared = table.column(name);
            String declaredType = declared.map(ColumnSchema::type).orElse(null);
            Optional<SqlType> sourceType = SqlType.parse(declaredType);
            if (declaredType != null && sourceType.isEmpty()) {
                warnings.add(where + ": type " + declaredType + " is not carried over");
            }
            List<SqlType> candidates = new ArrayList<>();
            if (table.isKeyColumn(name)) {
                sourceType.filter(t -> t.kind() == SqlType.Kind.SMALLINT || t.kind() == SqlType.Kind.INTEGER)
                        .ifPresent(candidates::add);
                candidates.add(SqlType.BIGINT);
            } else {
                sourceType.ifPresent(candidates::add);
                candidates.add(inferred(model, name));
                candidates.add(SqlType.TEXT);
            }
            SqlType type = candidates.stream().filter(t -> values.stream().allMatch(t::accepts)).findFirst()
                    .orElse(SqlType.TEXT);
            if (sourceType.isPresent() && !sourceType.get().equals(type)) {
                String misfit = values.stream().filter(v -> !sourceType.get().accepts(v)).findFirst().orElse("");
                warnings.add(where + ": sampled values such as '" + misfit + "' do not fit the source's type "
                        + declaredType + "; declared as " + type.kind().name().toLowerCase(Locale.ROOT));
            }
            boolean primary = name.equals(table.primaryKey());
            Boolean sourceNotNull = declared.map(ColumnSchema::notNull).orElse(null);
            boolean notNull;
            if (primary || sourceNotNull == null) {
                notNull = primary || complete;
            } else {
                notNull = sourceNotNull && complete;
                if (sourceNotNull && !complete && !data.rows().isEmpty()) {
                    warnings.add(where + ": NOT NULL in the source, but the sample has missing values; declared "
                            + "without NOT NULL");
                }
            }
            boolean unique = false;
            if (!primary && declared.map(ColumnSchema::unique).orElse(false)) {
                Set<String> seen = new HashSet<>();
                unique = values.stream().allMatch(seen::add);
                if (!unique) {
                    warnings.add(where + ": UNIQUE in the source, but the sample repeats values; declared without "
                            + "UNIQUE");
                }
            }
            columns.add(new ColumnDefinition(name, type, notNull, unique));
        }
        return new Plan(columns, warnings);
    }

    private static SqlType inferred(TableModel model, String column) {
        Optional<ColumnMetadata> meta = model.model() == null ? Optional.empty()
                : model.model().metadata().column(column);
        if (meta.isEmpty()) {
            return SqlType.TEXT;
        }
        ColumnMetadata m = meta.get();
        return switch (m.type()) {
            case NUMERICAL -> Boolean.TRUE.equals(m.integer()) ? SqlType.BIGINT : SqlType.DOUBLE;
            case BOOLEAN -> SqlType.BOOLEAN;
            case DATETIME -> m.format() != null && !m.format().contains("H") && !m.format().contains("h")
                    ? SqlType.DATE : SqlType.TIMESTAMP;
            default -> SqlType.TEXT;
        };
    }
}
