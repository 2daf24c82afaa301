package dev.doppel.synth.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Supplier;
import net.datafaker.Faker;

/**
 * The parts fake personal data is composed from, drawn once from Datafaker's US-English vocabulary with fixed seeds.
 * Calling Datafaker per value costs microseconds; composing a value from these lists costs tens of nanoseconds.
 *
 * <p>Each group lives in its own holder class, so the JVM builds it on first use, exactly once, and no caller pays
 * for groups it does not need. Each group draws from its own seeded {@link Faker} and keeps its lists sorted, so a
 * list's contents do not depend on which group happened to be built first. The arrays are never written after
 * construction.
 */
final class PiiComponents {
    private PiiComponents() {
    }

    /** Person names, with lowercase ASCII forms for e-mail local parts and domain words. */
    static final class Names {
        static final String[] FIRST;
        static final String[] LAST;
        static final String[] FIRST_LOCAL;
        static final String[] LAST_LOCAL;

        static {
            Faker faker = faker(1);
            // ~15k draws cover about 95 % of Datafaker's ~5,100 first names; 4k draws cover all ~470 last names.
            FIRST = distinct(15_000, () -> faker.name().firstName());
            LAST = distinct(4_000, () -> faker.name().lastName());
            FIRST_LOCAL = localParts(FIRST);
            LAST_LOCAL = localParts(LAST);
        }

        private Names() {
        }
    }

    /** E-mail domains: free-mail providers, and suffixes for company domains made from last names. */
    static final class Domains {
        static final String[] FREE_MAIL;
        static final String[] SUFFIXES;

        static {
            Faker faker = faker(2);
            FREE_MAIL = distinct(200, () -> faker.resolve("internet.free_email"));
            SUFFIXES = distinct(500, () -> faker.internet().domainSuffix());
        }

        private Domains() {
        }
    }

    /** Street suffixes, cities, and states with the three-digit ZIP prefixes that belong to each. */
    static final class Places {
        static final String[] STREET_SUFFIXES;
        static final String[] CITIES;
        static final String[] STATES;
        /** {@code ZIP_PREFIXES[s]}: three-digit ZIP prefixes of {@code STATES[s]}. */
        static final String[][] ZIP_PREFIXES;

        static {
            Faker faker = faker(3);
            STREET_SUFFIXES = distinct(2_000, () -> faker.address().streetSuffix());
            CITIES = distinct(4_000, () -> faker.address().city());
            STATES = distinct(1_000, () -> faker.address().stateAbbr());
            ZIP_PREFIXES = new String[STATES.length][];
            for (int s = 0; s < STATES.length; s++) {
                String state = STATES[s];
                ZIP_PREFIXES[s] = distinct(150, () -> faker.address().zipCodeByState(state).substring(0, 3));
            }
        }

        private Places() {
        }
    }

    private static Faker faker(long group) {
        return new Faker(Locale.US, new Random(0x5EED_0000L + group));
    }

    /** The distinct non-blank values (stripped, sorted) among {@code draws} draws of {@code source}. */
    static String[] distinct(int draws, Supplier<String> source) {
        TreeSet<String> values = new TreeSet<>();
        for (int i = 0; i < draws; i++) {
            String v = source.get();
            if (v != null && !v.isBlank()) {
                values.add(v.strip());
            }
        }
        return values.toArray(String[]::new);
    }

    /** Lowercase a-z only ("O'Keefe" becomes "okeefe"); a name with no such letter falls back to "x". */
    private static String[] localParts(String[] names) {
        List<String> out = new ArrayList<>(names.length);
        for (String name : names) {
            StringBuilder sb = new StringBuilder(name.length());
            for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    sb.append(c);
                }
            }
            out.add(sb.isEmpty() ? "x" : sb.toString());
        }
        return out.toArray(String[]::new);
    }
}
