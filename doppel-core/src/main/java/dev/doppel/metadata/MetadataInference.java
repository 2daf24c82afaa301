package dev.doppel.metadata;

import dev.doppel.io.CsvTable;
import dev.doppel.table.CategoricalColumn;
import dev.doppel.table.Column;
import dev.doppel.transform.DateTimeCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Infers what each column of a raw table is. Works on each column's distinct values (weighted by their counts), so
 * its cost grows with the number of distinct values, not rows. Rules, first match wins:
 * <ol>
 *   <li>all values missing: CATEGORICAL (sampled as all missing);
 *   <li>DATETIME: every value parses with one of {@link DateTimeCodec#PATTERNS} (the first that fits all);
 *   <li>PII, when at least 90 % of the values have the shape of an e-mail, IPv4/IPv6 address, payment card number
 *       (13–19 digits passing the Luhn check), US social security number or phone number; or when the header
 *       names a person's name, an address or a national id and the values fit;
 *   <li>BOOLEAN: exactly two values forming a known pair (true/false, yes/no, y/n, t/f, 1/0; any case);
 *   <li>NUMERICAL: every value is a finite number without leading zeros ({@code NaN} counts as missing;
 *       {@code Infinity} makes the column non-numerical, since no marginal can hold it); unique whole numbers
 *       without missing values in a column named like a key (id, *_id, *Id, key) are an ID instead;
 *   <li>ID: unique strings without missing values in a column named like a key, or all of one prefix and a
 *       fixed number of digits ({@code C00012});
 *   <li>TEXT: more than 50 distinct values making up more than half of the rows, or an average length over 50 with
 *       spaces — so a column of 100k distinct strings is free text, never a 100k-category column;
 *   <li>otherwise CATEGORICAL (mixed numbers and words included).
 * </ol>
 * Inference can be wrong; its result is a file the user edits, and the user's file wins.
 */
public final class MetadataInference {
    private static final Pattern EMAIL = Pattern.compile("^[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
    private static final Pattern IPV4 =
            Pattern.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){2,7}$");
    private static final Pattern SSN = Pattern.compile("^\\d{3}-\\d{2}-\\d{4}$");
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ().-]{5,18}[0-9]$");
    private static final Pattern PERSON_NAME = Pattern.compile("^\\p{Lu}[\\p{L}'.-]*( \\p{Lu}[\\p{L}'.-]*){1,3}$");
    private static final Pattern PREFIXED_KEY = Pattern.compile("^(\\D*?)(\\d+)$");
    private static final double SHAPE_SHARE = 0.9;

    private MetadataInference() {
    }

    /** Metadata for every column of {@code raw}, in file order, with the file's null marker and delimiter. */
    public static TableMetadata infer(CsvTable raw) {
        List<ColumnMetadata> columns = new ArrayList<>();
        for (Column column : raw.table().columns()) {
            columns.add(inferColumn((CategoricalColumn) column));
        }
        return new TableMetadata(columns, raw.nullMarker(), String.valueOf(raw.delimiter()));
    }

    /** The metadata of one raw column. */
    public static ColumnMetadata inferColumn(CategoricalColumn column) {
        Values v = new Values(column);
        String name = column.name();
        String hint = name.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        if (v.nonNull == 0) {
            return ColumnMetadata.categorical(name);
        }
        // Dates first: ISO dates have the shape of some phone numbers.
        String dateFormat = DateTimeCodec.patternFor(v.values);
        if (dateFormat != null) {
            return ColumnMetadata.datetime(name, dateFormat);
        }
        PiiKind pii = pii(v, hint);
        if (pii != null) {
            return ColumnMetadata.pii(name, pii);
        }
        if (v.distinct() == 2) {
            String a = v.values.get(0);
            String b = v.values.get(1);
            String[] pair = booleanPair(a, b);
            if (pair != null) {
                return ColumnMetadata.bool(name, pair[0], pair[1]);
            }
        }
        ColumnMetadata numerical = numerical(v, name);
        boolean keyName = hint.equals("id") || hint.endsWith("_id") || hint.equals("key") || hint.endsWith("_key")
                || hint.equals("uuid") || hint.equals("guid");
        boolean unique = v.nonNull == v.rows && v.distinct() == v.rows && v.rows > 1;
        if (numerical != null) {
            if (unique && numerical.integer() && keyName) {
                return ColumnMetadata.id(name, true, null);
            }
            return numerical;
        }
        if (unique) {
            String template = keyTemplate(v.values);
            if (template != null || keyName) {
                return ColumnMetadata.id(name, false, template);
            }
        }
        double averageLength = 0;
        boolean spaces = false;
        for (int i = 0; i < v.distinct(); i++) {
            String s = v.values.get(i);
            averageLength += (double) s.length() * v.counts[i] / v.nonNull;
            spaces |= s.indexOf(' ') >= 0;
        }
        if ((v.distinct() > 50 && v.distinct() > 0.5 * v.nonNull) || (averageLength > 50 && spaces)) {
            return ColumnMetadata.text(name);
        }
        return ColumnMetadata.categorical(name);
    }

    /** The distinct non-null values of a column that occur, with their counts. */
    private static final class Values {
        final List<String> values = new ArrayList<>();
        final int[] counts;
        final int rows;
        final int nonNull;

        Values(CategoricalColumn column) {
            int[] all = column.counts();
            List<Integer> kept = new ArrayList<>();
            int total = 0;
            for (int code = 0; code < all.length; code++) {
                if (all[code] > 0) {
                    values.add(column.dictionary().get(code));
                    kept.add(all[code]);
                    total += all[code];
                }
            }
            counts = kept.stream().mapToInt(Integer::intValue).toArray();
            rows = column.size();
            nonNull = total;
        }

        int distinct() {
            return values.size();
        }

        /** Share of non-null rows whose value satisfies {@code test}. */
        double share(Predicate<String> test) {
            long hits = 0;
            for (int i = 0; i < values.size(); i++) {
                if (test.test(values.get(i))) {
                    hits += counts[i];
                }
            }
            return (double) hits / nonNull;
        }
    }

    private static PiiKind pii(Values v, String hint) {
        if (v.share(s -> EMAIL.matcher(s).matches()) >= SHAPE_SHARE) {
            return PiiKind.EMAIL;
        }
        if (v.share(s -> IPV4.matcher(s).matches() || (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()))
                >= SHAPE_SHARE) {
            return PiiKind.IP_ADDRESS;
        }
        if (v.share(MetadataInference::isCardNumber) >= SHAPE_SHARE) {
            return PiiKind.CREDIT_CARD;
        }
        if (v.share(s -> SSN.matcher(s).matches()) >= SHAPE_SHARE
                || (containsAny(hint, "ssn", "national_id", "passport", "social_security", "tax_id")
                        && v.share(s -> s.chars().anyMatch(Character::isDigit)) >= SHAPE_SHARE)) {
            return PiiKind.NATIONAL_ID;
        }
        boolean phoneHint = containsAny(hint, "phone", "mobile", "tel", "fax", "cell");
        if (v.share(s -> PHONE.matcher(s).matches() && digits(s) >= 7
                && (phoneHint || s.startsWith("+") || s.indexOf(' ') > 0 || s.indexOf('-') > 0 || s.indexOf('(') >= 0))
                >= SHAPE_SHARE) {
            return PiiKind.PHONE;
        }
        boolean personHint = containsAny(hint, "first_name", "firstname", "last_name", "lastname", "surname",
                "full_name", "fullname", "given_name", "family_name", "person", "customer_name", "applicant_name",
                "patient_name", "employee_name", "contact_name");
        if (personHint && v.share(s -> s.chars().anyMatch(Character::isLetter)) >= SHAPE_SHARE) {
            return PiiKind.PERSON_NAME;
        }
        if ((hint.equals("name") || hint.endsWith("_name")) && v.distinct() > 0.5 * v.nonNull
                && v.share(s -> PERSON_NAME.matcher(s).matches()) >= SHAPE_SHARE) {
            return PiiKind.PERSON_NAME;
        }
        if (containsAny(hint, "address", "street", "addr")
                && v.share(s -> s.chars().anyMatch(Character::isDigit) && s.chars().anyMatch(Character::isLetter))
                        >= 0.5) {
            return PiiKind.ADDRESS;
        }
        return null;
    }

    private static boolean containsAny(String hint, String... parts) {
        for (String p : parts) {
            if (hint.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static int digits(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** 13–19 digits (spaces and dashes allowed between) that pass the Luhn check. */
    static boolean isCardNumber(String s) {
        int sum = 0;
        int n = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ' ' || c == '-') {
                continue;
            }
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if (n % 2 == 1) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            n++;
        }
        return n >= 13 && n <= 19 && sum % 10 == 0;
    }

    private static String[] booleanPair(String a, String b) {
        String[][] pairs = {{"true", "false"}, {"yes", "no"}, {"y", "n"}, {"t", "f"}, {"1", "0"}};
        for (String[] pair : pairs) {
            if (a.equalsIgnoreCase(pair[0]) && b.equalsIgnoreCase(pair[1])) {
                return new String[] {a, b};
            }
            if (b.equalsIgnoreCase(pair[0]) && a.equalsIgnoreCase(pair[1])) {
                return new String[] {b, a};
            }
        }
        return null;
    }

    private static ColumnMetadata numerical(Values v, String name) {
        boolean integer = true;
        int decimals = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        boolean any = false;
        for (String s : v.values) {
            if (s.equals("NaN")) {
                continue;
            }
            if (!looksNumeric(s)) {
                return null;
            }
            double d;
            try {
                d = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                return null;
            }
            if (!Double.isFinite(d)) {
                return null;
            }
            any = true;
            int dot = s.indexOf('.');
            boolean exponent = s.indexOf('e') >= 0 || s.indexOf('E') >= 0;
            if (dot >= 0 || exponent) {
                integer = false;
                if (dot >= 0 && !exponent) {
                    decimals = Math.max(decimals, s.length() - dot - 1);
                } else {
                    decimals = Math.max(decimals, 6);
                }
            }
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        if (!any) {
            return null;
        }
        return ColumnMetadata.numerical(name, integer, min, max, Math.min(decimals, 17));
    }

    /** Digits with an optional sign, point and exponent; no leading zeros (zip codes and codes stay strings). */
    private static boolean looksNumeric(String s) {
        int n = s.length();
        if (n == 0 || n > 40) {
            return false;
        }
        int i = s.charAt(0) == '-' || s.charAt(0) == '+' ? 1 : 0;
        if (i >= n) {
            return false;
        }
        if (s.charAt(i) == '0' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
            return false;
        }
        boolean digit = false;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
                return false;
            }
        }
        return digit;
    }

    /** {@code C#####} when every value is one prefix plus a fixed number of digits, else null. */
    private static String keyTemplate(List<String> values) {
        String prefix = null;
        int digits = -1;
        for (String s : values) {
            var m = PREFIXED_KEY.matcher(s);
            if (!m.matches() || m.group(1).isEmpty()) {
                return null;
            }
            if (prefix == null) {
                prefix = m.group(1);
                digits = m.group(2).length();
            } else if (!prefix.equals(m.group(1)) || digits != m.group(2).length()) {
                return null;
            }
        }
        return prefix == null || prefix.contains("#") ? null : prefix + "#".repeat(digits);
    }
}
