package dev.doppel.design.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.doppel.design.spec.SpecException;
import dev.doppel.design.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;
import org.junit.jupiter.api.Test;

/** Personal data in the spec's locale: de-DE names and addresses from the German vocabulary, not the English one. */
class PiiLocaleTest {
    private static final int ROWS = 3_000;

    private static String spec(String specLocale, String nameLocale) {
        return """
                format: doppel-spec
                formatVersion: 1
                %s
                tables:
                  - name: people
                    rows: %d
                    columns:
                      - name: name
                        pii: person_name
                        %s
                      - name: address
                        pii: address
                      - name: email
                        pii: email
                """.formatted(specLocale == null ? "" : "locale: " + specLocale, ROWS,
                nameLocale == null ? "" : "locale: " + nameLocale);
    }

    /** Distinct values of many independent Datafaker draws: (nearly) a locale's whole vocabulary. */
    private static Set<String> vocabulary(Locale locale, int draws, java.util.function.Function<Faker, String> value) {
        Faker faker = new Faker(locale, new Random(99));
        Set<String> out = new HashSet<>();
        for (int i = 0; i < draws; i++) {
            out.add(value.apply(faker));
        }
        return out;
    }

    private static double share(List<String> values, Set<String> vocabulary) {
        return values.stream().filter(vocabulary::contains).count() / (double) values.size();
    }

    @Test
    void germanNamesAndStreetsComeFromTheGermanVocabularyNotTheEnglishOne() {
        List<String[]> german = Specs.generate(Specs.parse(spec("de-DE", null)), 5).get("people");
        List<String[]> english = Specs.generate(Specs.parse(spec(null, null)), 5).get("people");
        Set<String> germanFirst = vocabulary(Locale.GERMANY, 20_000, f -> f.name().firstName());
        Set<String> germanStreets = vocabulary(Locale.GERMANY, 20_000, f -> f.address().streetName());
        List<String> germanFirstNames = german.stream().map(r -> r[0].substring(0, r[0].indexOf(' '))).toList();
        List<String> englishFirstNames = english.stream().map(r -> r[0].substring(0, r[0].indexOf(' '))).toList();
        // German addresses read "[Zimmer 387 |Apt. 629 |6 OG ]<street> <number>, <city>, <state> <postcode>"; the
        // street is one of Datafaker's German street names.
        List<String> germanStreetNames = german.stream()
                .map(r -> r[1].substring(0, r[1].indexOf(','))
                        .replaceAll("^(Zimmer [0-9]+ |Apt\\. [0-9]+ |[0-9]+ OG )", "")
                        .replaceAll(" [0-9]+[a-c]?$", "")).toList();
        assertThat(share(germanFirstNames, germanFirst)).isEqualTo(1.0);
        assertThat(share(germanStreetNames, germanStreets)).isEqualTo(1.0);
        // The English column is not drawn from the German list: many of its names are not German ones at all.
        assertThat(share(englishFirstNames, germanFirst)).isLessThan(0.5);
        List<String> englishStreetNames = english.stream()
                .map(r -> r[1].substring(0, r[1].indexOf(',')).replaceAll("^[0-9]+ ", "")).toList();
        assertThat(share(englishStreetNames, germanStreets)).isZero();
        for (int i = 0; i < ROWS; i++) {
            assertThat(german.get(i)[0]).isNotEqualTo(english.get(i)[0]);
            // E-mail local parts are ASCII even for "Müller".
            assertThat(german.get(i)[2]).matches("[a-z0-9._]+@[a-z0-9.-]+");
        }
        assertThat(german.stream().map(r -> r[0]).distinct().count()).isGreaterThan(ROWS * 9 / 10);
    }

    @Test
    void aColumnLocaleOverridesTheSpecLocale() {
        List<String[]> rows = Specs.generate(Specs.parse(spec("de-DE", "fr-FR")), 2).get("people");
        Set<String> frenchLast = vocabulary(Locale.FRANCE, 20_000, f -> f.name().lastName());
        Set<String> germanLast = vocabulary(Locale.GERMANY, 20_000, f -> f.name().lastName());
        List<String> last = rows.stream().map(r -> r[0].substring(r[0].indexOf(' ') + 1)).toList();
        assertThat(share(last, frenchLast)).isEqualTo(1.0);
        assertThat(share(last, germanLast)).isLessThan(0.2);
    }

    @Test
    void sameSeedGivesIdenticalLocalizedValues() {
        Map<String, List<String[]>> one = Specs.generate(Specs.parse(spec("fr-FR", null)), 11);
        Map<String, List<String[]>> two = Specs.generate(Specs.parse(spec("fr-FR", null)), 11);
        Map<String, List<String[]>> other = Specs.generate(Specs.parse(spec("fr-FR", null)), 12);
        assertThat(two.get("people")).usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(one.get("people"));
        assertThat(other.get("people").get(0)).isNotEqualTo(one.get("people").get(0));
    }

    @Test
    void englishUsIsTheDefault() {
        assertThat(Specs.generate(Specs.parse(spec("en-US", null)), 3).get("people"))
                .usingElementComparator(java.util.Arrays::compare)
                .containsExactlyElementsOf(Specs.generate(Specs.parse(spec(null, null)), 3).get("people"));
    }

    @Test
    void unknownLocaleIsRefusedWithLineAndField() {
        SpecException column = refused(spec(null, "xx-YY"));
        assertThat(column.line()).isEqualTo(10);
        assertThat(column.field()).isEqualTo("tables[0].columns[0].locale");
        assertThat(column.getMessage()).contains("xx-YY").contains("de-DE");
        SpecException top = refused(spec("zz", null));
        assertThat(top.line()).isEqualTo(3);
        assertThat(top.field()).isEqualTo("locale");
        SpecException malformed = refused(spec("\"de DE\"", null));
        assertThat(malformed.line()).isEqualTo(3);
        assertThat(malformed.getMessage()).contains("locale");
        SpecException notPii = refused("""
                format: doppel-spec
                formatVersion: 1
                tables:
                  - name: t
                    rows: 1
                    columns:
                      - name: x
                        distribution: {type: uniform, min: 0, max: 1}
                        locale: de-DE
                """);
        assertThat(notPii.field()).isEqualTo("tables[0].columns[0].locale");
        assertThat(notPii.getMessage()).contains("pii");
    }

    private static SpecException refused(String yaml) {
        return assertThrows(SpecException.class, () -> SpecReader.read("bad.yaml",
                yaml.getBytes(StandardCharsets.UTF_8), Path.of("."), SpecExpressions.INSTANCE));
    }
}
