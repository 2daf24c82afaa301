package dev.doppel.synth.fake;

import dev.doppel.metadata.PiiKind;
import dev.doppel.table.CategoricalColumn;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import net.datafaker.Faker;

/**
 * Fake personal data of one kind in the language and formats of a locale other than US English (which
 * {@link PiiValues} covers), from Datafaker's vocabulary for that locale. The vocabulary is drawn once, when the
 * object is made, with fixed seeds and kept sorted, so a block's values are a pure function of the seed; per value
 * only a pick from it and fresh digits are drawn, which costs nanoseconds where a Datafaker call costs microseconds.
 *
 * <ul>
 *   <li>person names: a first and a last name of the locale;</li>
 *   <li>e-mails: first.last, firstlast, first_last or flast (accents folded to ASCII, sometimes digits) at a domain
 *       Datafaker's e-mails of the locale use;</li>
 *   <li>phones and addresses: one of the locale's Datafaker values, its digits (house number, postcode; a phone's
 *       last four) drawn afresh, so the formats are the locale's and values rarely repeat;</li>
 *   <li>credit cards, IPv4 and national ids: as {@link PiiValues} (national ids stay US social security numbers).</li>
 * </ul>
 */
public final class LocalizedPii {
    private final PiiKind kind;
    private final Locale locale;
    private final String[] first;
    private final String[] last;
    private final String[] domains;
    private final String[] templates;
    private final PiiValues plain;

    /** Builds the vocabulary {@code kind} needs for {@code locale}, which {@link #supports} must accept. */
    public LocalizedPii(PiiKind kind, Locale locale) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.locale = Objects.requireNonNull(locale, "locale");
        if (!supports(locale)) {
            throw new IllegalArgumentException("Datafaker has no vocabulary for locale " + locale.toLanguageTag());
        }
        this.plain = new PiiValues(kind, 0);
        String[] f = null;
        String[] l = null;
        String[] d = null;
        String[] t = null;
        switch (kind) {
            case PERSON_NAME, EMAIL -> {
                Faker faker = faker(1);
                // Enough draws to see nearly all of a locale's names (a few hundred to a few thousand).
                f = PiiComponents.distinct(4_000, () -> faker.name().firstName());
                l = PiiComponents.distinct(4_000, () -> faker.name().lastName());
                if (kind == PiiKind.EMAIL) {
                    f = asciiLocalParts(f);
                    l = asciiLocalParts(l);
                    Faker mail = faker(2);
                    d = PiiComponents.distinct(500, () -> {
                        String e = mail.internet().emailAddress();
                        return e.substring(e.indexOf('@') + 1);
                    });
                }
            }
            case PHONE -> {
                Faker faker = faker(3);
                t = PiiComponents.distinct(2_000, () -> faker.phoneNumber().phoneNumber());
            }
            case ADDRESS -> {
                Faker faker = faker(4);
                t = PiiComponents.distinct(4_000, () -> faker.address().fullAddress());
            }
            default -> {
            }
        }
        this.first = f;
        this.last = l;
        this.domains = d;
        this.templates = t;
    }

    /** True when Datafaker has a vocabulary for the locale's language (and country, where it has one). */
    public static boolean supports(Locale locale) {
        if (locale.getLanguage().isEmpty()) {
            return false;
        }
        return Faker.class.getResource("/" + locale.toLanguageTag() + ".yml") != null
                || Faker.class.getResource("/" + locale.getLanguage() + ".yml") != null;
    }

    public PiiKind kind() {
        return kind;
    }

    public Locale locale() {
        return locale;
    }

    /** Rows {@code [firstRow, firstRow + rows)}, a pure function of the arguments; never null. */
    public CategoricalColumn sample(String name, long seed, long firstRow, int rows) {
        if (templates == null && first == null) {
            return plain.sample(name, seed, firstRow, rows);
        }
        SplittableRandom random = new SplittableRandom(seed);
        String[] values = new String[rows];
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < rows; i++) {
            sb.setLength(0);
            switch (kind) {
                case PERSON_NAME -> sb.append(pick(random, first)).append(' ').append(pick(random, last));
                case EMAIL -> appendEmail(random, sb);
                case PHONE -> redrawDigits(random, pick(random, templates), 4, sb);
                default -> redrawDigits(random, pick(random, templates), Integer.MAX_VALUE, sb);
            }
            values[i] = sb.toString();
        }
        return FakeColumn.column(name, values);
    }

    private void appendEmail(SplittableRandom r, StringBuilder sb) {
        String f = pick(r, first);
        String l = pick(r, last);
        int style = r.nextInt(100);
        if (style < 50) {
            sb.append(f).append('.').append(l);
        } else if (style < 65) {
            sb.append(f).append(l);
        } else if (style < 80) {
            sb.append(f).append('_').append(l);
        } else {
            sb.append(f.charAt(0)).append(l);
        }
        if (style >= 80 || r.nextInt(100) < 35) {
            sb.append(1 + r.nextInt(999));
        }
        sb.append('@').append(pick(r, domains));
    }

    /** Copies {@code template}, replacing its last {@code count} digits by random ones (a leading 1-9 stays 1-9). */
    private static void redrawDigits(SplittableRandom r, String template, int count, StringBuilder sb) {
        int digits = 0;
        for (int i = 0; i < template.length(); i++) {
            if (Character.isDigit(template.charAt(i))) {
                digits++;
            }
        }
        int keep = Math.max(0, digits - count);
        int seen = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c >= '0' && c <= '9' && seen++ >= keep) {
                boolean numberStart = i == 0 || !Character.isDigit(template.charAt(i - 1));
                // A number that did not start with 0 must not start with one now ("07" house numbers look wrong).
                sb.append((char) (numberStart && c != '0' ? '1' + r.nextInt(9) : '0' + r.nextInt(10)));
            } else {
                sb.append(c);
            }
        }
    }

    private Faker faker(long group) {
        return new Faker(locale, new Random(0x10CA_1E00L + group));
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    /** Lowercase a-z: accents folded ("Müller" to "muller", "ß" to "ss"); a name with no such letter is dropped. */
    private static String[] asciiLocalParts(String[] names) {
        TreeSet<String> out = new TreeSet<>();
        for (String name : names) {
            String folded = Normalizer.normalize(name.toLowerCase(Locale.ROOT).replace("ß", "ss"),
                    Normalizer.Form.NFD);
            StringBuilder sb = new StringBuilder(folded.length());
            for (char c : folded.toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    sb.append(c);
                }
            }
            if (!sb.isEmpty()) {
                out.add(sb.toString());
            }
        }
        List<String> list = new ArrayList<>(out);
        return list.isEmpty() ? new String[] {"x"} : list.toArray(String[]::new);
    }
}
