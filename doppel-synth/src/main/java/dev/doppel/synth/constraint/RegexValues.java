package dev.doppel.synth.constraint;

import dev.doppel.DoppelException;
import dev.doppel.table.CategoricalColumn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import net.datafaker.Faker;

/**
 * Values of a generated (id, pii, text) column made from its pattern with Datafaker's regexify, seeded per block.
 * Every value is checked against the pattern: a pattern the generator cannot follow (look-arounds, back references)
 * is an error, never a silently wrong value.
 */
final class RegexValues {
    private final String column;
    private final String regex;
    private final Pattern pattern;

    RegexValues(String column, String regex) {
        this.column = column;
        this.regex = regex;
        this.pattern = Pattern.compile(regex);
    }

    String column() {
        return column;
    }

    /** Generates a few values, failing as {@link #fill} would when the generator cannot follow the pattern. */
    void verify(long seed) {
        fill(new CategoricalColumn(column, new int[64], List.of("")), seed);
    }

    /** The column with each non-missing value of {@code template} replaced by a fresh value of the pattern. */
    CategoricalColumn fill(CategoricalColumn template, long seed) {
        // One Faker per call: building it once per block is cheap after the first; values depend only on the seed.
        Faker faker = new Faker(Locale.ROOT, new Random(seed));
        int[] codes = new int[template.size()];
        List<String> dictionary = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < codes.length; i++) {
            if (template.isNull(i)) {
                codes[i] = CategoricalColumn.NULL;
                continue;
            }
            String v = faker.regexify(regex);
            if (!pattern.matcher(v).matches()) {
                throw new DoppelException("cannot generate values of column " + column + " from its pattern /" + regex
                        + "/: the generator made '" + v + "', which does not match; simplify the pattern (no "
                        + "look-arounds, anchors inside, or back references)");
            }
            codes[i] = index.computeIfAbsent(v, x -> {
                dictionary.add(x);
                return dictionary.size() - 1;
            });
        }
        return new CategoricalColumn(template.name(), codes, dictionary);
    }
}
