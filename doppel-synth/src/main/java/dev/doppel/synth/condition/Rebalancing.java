package dev.doppel.synth.condition;

import dev.doppel.DoppelException;
import dev.doppel.synth.SyntheticModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Samples with chosen class shares instead of the model's: each class is drawn from the model conditioned on it
 * (exactly, see {@link SyntheticModel#given}), in exact counts, shuffled together by {@link ConditionMixture}.
 *
 * @param shares the share of rows of each part, in the order of {@code parts}; parts and shares for reporting
 * @param parts  the condition of each part
 */
public record Rebalancing(List<Condition> parts, List<Double> modelShares, List<Double> shares) {
    /**
     * Equal counts of every (non-missing) value of {@code column}: {@code doppel sample --balance income}. Values the
     * model gives probability 0 (e.g. under a {@code --where} condition) are left out.
     */
    public static Rebalancing balance(SyntheticModel model, String column) {
        List<Condition> parts = new ArrayList<>();
        List<Double> modelShares = new ArrayList<>();
        for (String value : model.categories(column)) {
            if (value == null) {
                continue;
            }
            Condition c = new Condition(List.of(new ColumnCondition.OneOf(column, Set.of(value))));
            double p = model.probability(c);
            if (p > 0) {
                parts.add(c);
                modelShares.add(p);
            }
        }
        if (parts.isEmpty()) {
            throw new DoppelException("--balance " + column + ": the model gives no value of " + column
                    + " a positive probability");
        }
        List<Double> shares = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            shares.add(1.0 / parts.size());
        }
        return new Rebalancing(parts, modelShares, shares);
    }

    /**
     * Some values of one column made more frequent by a factor, the other values sharing what is left in their model
     * proportions: {@code doppel sample --boost "Class=1:20x"}. Terms are {@code column=value:FACTORx}, comma separated,
     * all on one column.
     */
    public static Rebalancing boost(SyntheticModel model, String spec) {
        String column = null;
        Map<String, Double> factors = new LinkedHashMap<>();
        for (String term : ConditionParser.split(spec, ',')) {
            String t = term.strip();
            int colon = t.lastIndexOf(':');
            int eq = t.indexOf('=');
            if (colon < 0 || eq <= 0 || eq > colon) {
                throw new DoppelException("--boost term '" + t + "': expected column=value:FACTORx, e.g. Class=1:20x");
            }
            String c = t.substring(0, eq).strip();
            String value = t.substring(eq + 1, colon);
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            String f = t.substring(colon + 1).strip();
            if (f.endsWith("x") || f.endsWith("X")) {
                f = f.substring(0, f.length() - 1);
            }
            double factor;
            try {
                factor = Double.parseDouble(f);
            } catch (NumberFormatException e) {
                factor = Double.NaN;
            }
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new DoppelException("--boost term '" + t + "': the factor must be a positive number such as 20x");
            }
            if (column != null && !column.equals(c)) {
                throw new DoppelException("--boost terms must all be on one column, not " + column + " and " + c);
            }
            column = c;
            if (factors.put(value, factor) != null) {
                throw new DoppelException("--boost names " + c + "=" + value + " twice");
            }
        }
        List<String> values = model.categories(column);
        List<Condition> parts = new ArrayList<>();
        List<Double> modelShares = new ArrayList<>();
        List<Double> shares = new ArrayList<>();
        double boosted = 0;
        double boostedModel = 0;
        for (Map.Entry<String, Double> e : factors.entrySet()) {
            if (!values.contains(e.getKey())) {
                throw new ImpossibleConditionException("--boost: column " + column + " never has the value '"
                        + e.getKey() + "' in the training data; its values: " + values);
            }
            Condition c = new Condition(List.of(new ColumnCondition.OneOf(column, Set.of(e.getKey()))));
            double p = model.probability(c);
            parts.add(c);
            modelShares.add(p);
            shares.add(p * e.getValue());
            boosted += p * e.getValue();
            boostedModel += p;
        }
        if (boosted > 1 + 1e-12) {
            throw new DoppelException(String.format(java.util.Locale.ROOT,
                    "--boost %s asks for %.1f%% of the rows; lower the factor so the boosted values stay within 100%%",
                    spec, 100 * boosted));
        }
        Set<String> others = new LinkedHashSet<>(values);
        others.removeAll(factors.keySet());
        if (!others.isEmpty() && boosted < 1) {
            parts.add(new Condition(List.of(new ColumnCondition.OneOf(column, others))));
            modelShares.add(1 - boostedModel);
            shares.add(1 - boosted);
        }
        return new Rebalancing(parts, modelShares, shares);
    }

    /** Exactly {@code rows} rows of {@code model}, each part in its share (largest remainders for the rounding). */
    public ConditionMixture mixture(SyntheticModel model, long rows) {
        long[] counts = new long[parts.size()];
        double[] remainders = new double[parts.size()];
        double sum = shares.stream().mapToDouble(Double::doubleValue).sum();
        long assigned = 0;
        for (int k = 0; k < counts.length; k++) {
            double exact = rows * shares.get(k) / sum;
            counts[k] = (long) Math.floor(exact);
            remainders[k] = exact - counts[k];
            assigned += counts[k];
        }
        while (assigned < rows) {
            int best = 0;
            for (int k = 1; k < counts.length; k++) {
                if (remainders[k] > remainders[best]) {
                    best = k;
                }
            }
            counts[best]++;
            remainders[best] = -1;
            assigned++;
        }
        List<SyntheticModel> components = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            components.add(counts[k] == 0 ? model : model.given(parts.get(k)));
        }
        return new ConditionMixture(model, components, counts);
    }
}
