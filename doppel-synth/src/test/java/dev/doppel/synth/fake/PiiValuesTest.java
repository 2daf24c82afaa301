package dev.doppel.synth.fake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.doppel.metadata.PiiKind;
import dev.doppel.table.CategoricalColumn;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PiiValuesTest {
    private static final int N = 200_000;

    private static List<String> values(PiiKind kind, double nullProbability, long seed, int rows) {
        CategoricalColumn c = new PiiValues(kind, nullProbability).sample("c", seed, 0, rows);
        List<String> out = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            out.add(c.get(i));
        }
        return out;
    }

    private static List<String> values(PiiKind kind, int rows) {
        return values(kind, 0, 42, rows);
    }

    @Test
    void personNamesAreFirstAndLastWithManyDistinctValues() {
        List<String> names = values(PiiKind.PERSON_NAME, N);
        Set<String> first = new HashSet<>();
        Set<String> last = new HashSet<>();
        for (String name : names) {
            assertThat(name).matches("[A-Z][a-z]+ [A-Z][A-Za-z']*[a-z]");
            first.add(name.substring(0, name.indexOf(' ')));
            last.add(name.substring(name.indexOf(' ') + 1));
        }
        // Thousands of first names times hundreds of last names: over a million pairs, so 200k draws are mostly
        // new (about 4 % repeats expected at 2.3M equally likely pairs).
        assertThat(first.size()).isGreaterThan(3_000);
        assertThat(last.size()).isGreaterThan(300);
        assertThat(new HashSet<>(names).size()).isGreaterThan(150_000);
    }

    @Test
    void emailsAreWellFormedAndAlmostAllDistinct() {
        List<String> emails = values(PiiKind.EMAIL, N);
        int freeMail = 0;
        for (String email : emails) {
            assertThat(email).matches("[a-z]+([._]?[a-z]+)?[0-9]{0,4}@[a-z]+\\.[a-z]{2,}");
            if (email.endsWith("@gmail.com") || email.endsWith("@yahoo.com") || email.endsWith("@hotmail.com")) {
                freeMail++;
            }
        }
        assertThat(new HashSet<>(emails).size()).isGreaterThanOrEqualTo((int) (0.99 * N));
        // Most people use a free-mail provider, some a company domain; loose bounds, not the exact weights.
        assertThat((double) freeMail / N).isBetween(0.5, 0.9);
    }

    @Test
    void phonesHaveNorthAmericanShape() {
        Pattern shape = Pattern.compile("(?:\\((\\d{3})\\) (\\d{3})-|(\\d{3})-(\\d{3})-|(\\d{3})\\.(\\d{3})\\."
                + "|\\+1 (\\d{3})-(\\d{3})-)\\d{4}");
        List<String> phones = values(PiiKind.PHONE, 20_000);
        for (String phone : phones) {
            Matcher m = shape.matcher(phone);
            assertThat(m.matches()).as(phone).isTrue();
            String area = null;
            String exchange = null;
            for (int g = 1; g <= 8; g += 2) {
                if (m.group(g) != null) {
                    area = m.group(g);
                    exchange = m.group(g + 1);
                }
            }
            for (String code : List.of(area, exchange)) {
                assertThat(code.charAt(0)).as(phone).isBetween('2', '9');
                assertThat(code.substring(1)).as(phone).isNotEqualTo("11");
            }
            assertThat(area.charAt(1)).as(phone).isNotEqualTo('9');
        }
        assertThat(new HashSet<>(phones).size()).isGreaterThan(19_900);
    }

    @Test
    void addressesHaveStreetCityStateAndZipOfThatState() {
        Pattern shape = Pattern.compile(
                "[1-9]\\d{2,4} [A-Z][A-Za-z']+ [A-Z][a-z]+( Apt\\. \\d{3}| Suite \\d{3})?, [A-Z][A-Za-z' ]+, "
                        + "([A-Z]{2}) (\\d{5})");
        Set<String> states = new HashSet<>();
        int withUnit = 0;
        List<String> addresses = values(PiiKind.ADDRESS, 20_000);
        for (String address : addresses) {
            Matcher m = shape.matcher(address);
            assertThat(m.matches()).as(address).isTrue();
            String state = m.group(2);
            String zip = m.group(3);
            states.add(state);
            withUnit += m.group(1) == null ? 0 : 1;
            // Known ZIP ranges: California 9xxxx, New York 10xxx-14xxx, Texas 75xxx-79xxx (and 885 for El Paso).
            switch (state) {
                case "CA" -> assertThat(zip).as(address).startsWith("9");
                case "NY" -> assertThat(zip).as(address).matches("1[0-4]\\d{3}");
                case "TX" -> assertThat(zip).as(address).matches("(7[5-9]|88)\\d{3}");
                default -> { }
            }
        }
        assertThat(states).hasSize(50);
        assertThat((double) withUnit / addresses.size()).isBetween(0.05, 0.30);
        assertThat(new HashSet<>(addresses).size()).isEqualTo(addresses.size());
    }

    @Test
    void creditCardsHaveIssuerPrefixesAndPassLuhn() {
        int visa = 0;
        List<String> cards = values(PiiKind.CREDIT_CARD, 20_000);
        for (String card : cards) {
            assertThat(card).matches("\\d{4}-\\d{4}-\\d{4}-\\d{4}|3[47]\\d{2}-\\d{6}-\\d{5}");
            String digits = card.replace("-", "");
            assertThat(passesLuhn(digits)).as(card).isTrue();
            int p2 = Integer.parseInt(digits.substring(0, 2));
            int p3 = Integer.parseInt(digits.substring(0, 3));
            int p4 = Integer.parseInt(digits.substring(0, 4));
            boolean known = digits.startsWith("4") || p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720
                    || (p2 == 34 || p2 == 37) && digits.length() == 15 || p4 == 6011 || p2 == 65
                    || p3 >= 644 && p3 <= 649;
            assertThat(known).as(card).isTrue();
            visa += digits.startsWith("4") ? 1 : 0;
        }
        // Visa is drawn with probability 0.5: sd of the share at 20k is 0.0035; allow about 4 sd.
        assertThat((double) visa / cards.size()).isBetween(0.485, 0.515);
        assertThat(new HashSet<>(cards).size()).isEqualTo(cards.size());
    }

    @Test
    void luhnCheckDigitMatchesKnownTestNumbers() {
        // Issuers' published test numbers: 4111 1111 1111 1111 (Visa), 3782 822463 10005 (Amex).
        assertThat(PiiValues.luhnCheckDigit(new int[] {4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1}, 15))
                .isEqualTo(1);
        assertThat(PiiValues.luhnCheckDigit(new int[] {3, 7, 8, 2, 8, 2, 2, 4, 6, 3, 1, 0, 0, 0}, 14)).isEqualTo(5);
        assertThat(passesLuhn("4111111111111112")).isFalse();
    }

    @Test
    void ipAddressesArePublicUnicastIpV4() throws Exception {
        Set<Integer> firstOctets = new HashSet<>();
        for (String ip : values(PiiKind.IP_ADDRESS, 20_000)) {
            assertThat(ip).matches("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
            // A literal address is parsed, not looked up.
            InetAddress address = InetAddress.getByName(ip);
            assertThat(address.isSiteLocalAddress() || address.isLoopbackAddress() || address.isLinkLocalAddress()
                    || address.isMulticastAddress() || address.isAnyLocalAddress()).as(ip).isFalse();
            assertThat(ip).doesNotStartWith("100.64.").doesNotStartWith("192.0.2.").doesNotStartWith("203.0.113.");
            firstOctets.add(Integer.parseInt(ip.substring(0, ip.indexOf('.'))));
        }
        assertThat(firstOctets.size()).isGreaterThan(200);
        assertThat(PiiValues.isPublicUnicast((198 << 24) | (51 << 16) | (100 << 8) | 7)).isFalse();
        assertThat(PiiValues.isPublicUnicast((8 << 24) | (8 << 16) | (8 << 8) | 8)).isTrue();
    }

    @Test
    void socialSecurityNumbersFollowTheSsaRules() {
        Set<Integer> areas = new HashSet<>();
        for (String ssn : values(PiiKind.NATIONAL_ID, 50_000)) {
            assertThat(ssn).matches("\\d{3}-\\d{2}-\\d{4}");
            int area = Integer.parseInt(ssn.substring(0, 3));
            assertThat(area).as(ssn).isNotIn(0, 666).isLessThan(900);
            assertThat(ssn.substring(4, 6)).as(ssn).isNotEqualTo("00");
            assertThat(ssn.substring(7)).as(ssn).isNotEqualTo("0000");
            areas.add(area);
        }
        // 898 valid areas, 50k draws: every one is expected (each missed with probability e^-56).
        assertThat(areas).hasSize(898);
    }

    @ParameterizedTest
    @EnumSource(PiiKind.class)
    void sameSeedSameValuesOtherSeedOtherValues(PiiKind kind) {
        List<String> a = values(kind, 0.1, 7, 3_000);
        assertThat(values(kind, 0.1, 7, 3_000)).isEqualTo(a);
        List<String> b = values(kind, 0.1, 8, 3_000);
        assertThat(b).isNotEqualTo(a);
        // Not merely shifted or partly shared: different seeds give nearly disjoint values.
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(new HashSet<>(b));
        shared.remove(null);
        assertThat(shared.size()).isLessThan(kind == PiiKind.PERSON_NAME ? 60 : 10);
    }

    @Test
    void blocksAreTheSameWhicheverThreadMakesThem() throws Exception {
        List<List<String>> sequential = new ArrayList<>();
        for (int b = 0; b < 4; b++) {
            sequential.add(blockValues(b));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<List<String>>> parallel = new ArrayList<>();
            for (int b = 3; b >= 0; b--) {
                int block = b;
                parallel.add(pool.submit(() -> blockValues(block)));
            }
            for (int b = 0; b < 4; b++) {
                assertThat(parallel.get(3 - b).get()).isEqualTo(sequential.get(b));
            }
        } finally {
            pool.shutdown();
        }
    }

    private static List<String> blockValues(int block) {
        List<String> out = new ArrayList<>();
        for (PiiKind kind : PiiKind.values()) {
            out.addAll(values(kind, 0.05, 1_000 + block, 500));
        }
        return out;
    }

    @ParameterizedTest
    @EnumSource(PiiKind.class)
    void nullRateFollowsTheNullProbability(PiiKind kind) {
        int rows = 20_000;
        long nulls = values(kind, 0.3, 3, rows).stream().filter(v -> v == null).count();
        // Binomial sd of the share at 20k rows, p = 0.3, is 0.0032; allow about 4 sd.
        assertThat((double) nulls / rows).isBetween(0.3 - 0.013, 0.3 + 0.013);
        assertThat(values(kind, 0, 3, 1_000)).doesNotContainNull();
    }

    private static boolean passesLuhn(String digits) {
        int sum = 0;
        for (int i = digits.length() - 1, k = 0; i >= 0; i--, k++) {
            int d = digits.charAt(i) - '0';
            if (k % 2 == 1) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
