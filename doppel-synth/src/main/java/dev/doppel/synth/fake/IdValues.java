package dev.doppel.synth.fake;

import dev.doppel.table.CategoricalColumn;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Fresh unique keys: integers {@code 1 + global row}, or a template with a run of {@code #} replaced by the zero-padded
 * {@code global row + 1} (widened when the number has more digits), or version-4 UUIDs drawn from the seeded
 * generator. Integer and template keys are unique across blocks by construction.
 *
 * @param integer         keys are whole numbers
 * @param format          template such as {@code C#####}, or null
 * @param nullProbability probability of a null key
 */
public record IdValues(boolean integer, String format, double nullProbability) implements FakeColumn {

    @Override
    public CategoricalColumn sample(String name, long seed, long firstRow, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] nulls = FakeColumn.nullRows(nullProbability, random, rows);
        String[] values = new String[rows];
        int hashStart = format == null ? -1 : format.indexOf('#');
        int hashEnd = hashStart;
        while (hashStart >= 0 && hashEnd < format.length() && format.charAt(hashEnd) == '#') {
            hashEnd++;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            long key = firstRow + i + 1;
            String value;
            if (integer) {
                value = Long.toString(key);
            } else if (hashStart >= 0) {
                sb.setLength(0);
                sb.append(format, 0, hashStart);
                String digits = Long.toString(key);
                for (int pad = digits.length(); pad < hashEnd - hashStart; pad++) {
                    sb.append('0');
                }
                sb.append(digits).append(format, hashEnd, format.length());
                value = sb.toString();
            } else {
                long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
                long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
                value = new UUID(msb, lsb).toString();
            }
            values[i] = nulls[i] ? null : value;
        }
        return FakeColumn.column(name, values);
    }
}
