package dev.doppel.synth.constraint;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.doppel.metadata.ColumnMetadata;
import dev.doppel.metadata.Constraint;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.table.NumericColumn;
import dev.doppel.table.Table;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fixed combinations: the model learns the columns as one categorical column whose categories are the combinations
 * seen in training (written as JSON arrays, e.g. {@code ["Bachelors",13.0]}); sampling splits a category back into
 * its columns, so only seen combinations can appear.
 *
 * @param combinations every combination seen, in order of first appearance; each entry is a String (categorical,
 *                     boolean), a Double (numerical, datetime) or null (missing) per column
 * @param modelName    the name of the combined column in model space
 */
record CombinationTransform(Constraint.FixedCombinations constraint, List<ColumnMetadata> columns,
                            List<List<Object>> combinations, String modelName) implements ColumnTransform {

    CombinationTransform {
        columns = List.copyOf(columns);
        combinations = combinations.stream().map(c -> java.util.Collections.unmodifiableList(new ArrayList<>(c)))
                .toList();
    }

    /** The combinations of {@code real}'s rows, in order of first appearance. */
    static List<List<Object>> seen(Table real, List<ColumnMetadata> columns) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        for (int i = 0; i < real.rowCount(); i++) {
            seen.add(values(real, columns, i));
        }
        return new ArrayList<>(seen);
    }

    static List<Object> values(Table table, List<ColumnMetadata> columns, int row) {
        List<Object> out = new ArrayList<>(columns.size());
        for (ColumnMetadata c : columns) {
            Column column = table.column(c.name());
            if (column.isNull(row)) {
                out.add(null);
            } else if (column instanceof NumericColumn n) {
                out.add(n.get(row));
            } else {
                out.add(((CategoricalColumn) column).get(row));
            }
        }
        return out;
    }

    /** The category naming a combination: a JSON array, readable in the model file. */
    static String key(List<Object> combination) {
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < combination.size(); k++) {
            Object v = combination.get(k);
            if (k > 0) {
                b.append(',');
            }
            b.append(v == null ? "null" : v instanceof String s ? new TextNode(s).toString() : v.toString());
        }
        return b.append(']').toString();
    }

    @Override
    public List<String> produces() {
        return columns.stream().map(ColumnMetadata::name).toList();
    }

    @Override
    public List<String> reads() {
        return List.of();
    }

    @Override
    public boolean reshapes() {
        return true;
    }

    @Override
    public void describe(LinkedHashMap<String, ColumnMetadata> model) {
        ColumnTransform.replace(model, columns.get(0).name(), modelName, ColumnMetadata.categorical(modelName));
        for (ColumnMetadata c : columns.subList(1, columns.size())) {
            model.remove(c.name());
        }
    }

    @Override
    public void forward(Table real, LinkedHashMap<String, Column> model) {
        List<String> dictionary = new ArrayList<>();
        Map<List<Object>, Integer> index = new HashMap<>();
        for (List<Object> c : combinations) {
            index.put(c, dictionary.size());
            dictionary.add(key(c));
        }
        int[] codes = new int[real.rowCount()];
        for (int i = 0; i < codes.length; i++) {
            Integer code = index.get(values(real, columns, i));
            if (code == null) {
                throw new IllegalArgumentException("row " + i + " holds a combination not seen while fitting");
            }
            codes[i] = code;
        }
        ColumnTransform.replace(model, columns.get(0).name(), modelName,
                new CategoricalColumn(modelName, codes, dictionary));
        for (ColumnMetadata c : columns.subList(1, columns.size())) {
            model.remove(c.name());
        }
    }

    @Override
    public void backward(LinkedHashMap<String, Column> model, int rows) {
        CategoricalColumn keys = (CategoricalColumn) model.get(modelName);
        Map<String, Integer> index = new HashMap<>();
        for (int k = 0; k < combinations.size(); k++) {
            index.put(key(combinations.get(k)), k);
        }
        int[] combination = new int[rows];
        for (int i = 0; i < rows; i++) {
            String key = keys.get(i);
            Integer k = key == null ? null : index.get(key);
            // A category the model invented (or a missing one) becomes all-missing; the final check rejects the row
            // unless that combination was seen.
            combination[i] = k == null ? -1 : k;
        }
        LinkedHashMap<String, Column> restored = new LinkedHashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            ColumnMetadata meta = columns.get(c);
            if (meta.isNumeric()) {
                double[] values = new double[rows];
                for (int i = 0; i < rows; i++) {
                    Object v = combination[i] < 0 ? null : combinations.get(combination[i]).get(c);
                    values[i] = v == null ? Double.NaN : (Double) v;
                }
                restored.put(meta.name(), new NumericColumn(meta.name(), values));
            } else {
                List<String> dictionary = new ArrayList<>();
                Map<String, Integer> codeOf = new HashMap<>();
                int[] codeOfCombination = new int[combinations.size()];
                for (int k = 0; k < combinations.size(); k++) {
                    String v = (String) combinations.get(k).get(c);
                    codeOfCombination[k] = v == null ? CategoricalColumn.NULL : codeOf.computeIfAbsent(v, x -> {
                        dictionary.add(x);
                        return dictionary.size() - 1;
                    });
                }
                int[] codes = new int[rows];
                for (int i = 0; i < rows; i++) {
                    codes[i] = combination[i] < 0 ? CategoricalColumn.NULL : codeOfCombination[combination[i]];
                }
                restored.put(meta.name(), new CategoricalColumn(meta.name(), codes, dictionary));
            }
        }
        model.remove(modelName);
        model.putAll(restored);
    }
}
