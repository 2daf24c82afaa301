package dev.doppel.synth.fake;

import dev.doppel.metadata.PiiKind;
import dev.doppel.synth.fake.PiiComponents.Domains;
import dev.doppel.synth.fake.PiiComponents.Names;
import dev.doppel.synth.fake.PiiComponents.Places;
import dev.doppel.table.CategoricalColumn;
import java.util.SplittableRandom;

/**
 * Realistic fake personal data of one kind, composed per value from Datafaker's vocabulary (names, places, domains;
 * see {@link PiiComponents}) and from the block's seeded generator, so a block's values are a pure function of the
 * seed. No training value is kept.
 *
 * <ul>
 *   <li>person names: first and last name;</li>
 *   <li>e-mails: a local part made from a name (first.last, firstlast, first_last, flast, last.first), sometimes with
 *       digits, at a free-mail provider or a company domain;</li>
 *   <li>phones: North American numbering plan shape (area code and exchange not starting with 0 or 1, not N11);</li>
 *   <li>addresses: number, street, optional apartment or suite, city, state and a ZIP code with a prefix of that
 *       state;</li>
 *   <li>credit cards: Visa, Mastercard, American Express or Discover prefixes and lengths, valid Luhn check digit;</li>
 *   <li>IPv4: public unicast addresses (private, loopback, link-local, documentation and multicast ranges
 *       skipped);</li>
 *   <li>national ids: US social security numbers valid by the SSA rules (area not 000, 666 or 900-999, group not
 *       00, serial not 0000).</li>
 * </ul>
 *
 * @param kind            the kind of personal data
 * @param nullProbability probability of a null value
 */
public record PiiValues(PiiKind kind, double nullProbability) implements FakeColumn {

    @Override
    public CategoricalColumn sample(String name, long seed, long firstRow, int rows) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] nulls = FakeColumn.nullRows(nullProbability, random, rows);
        String[] values = new String[rows];
        StringBuilder sb = new StringBuilder(64);
        for (int i = 0; i < rows; i++) {
            if (nulls[i]) {
                continue;
            }
            sb.setLength(0);
            switch (kind) {
                case EMAIL -> appendEmail(random, sb);
                case PHONE -> appendPhone(random, sb);
                case PERSON_NAME -> appendName(random, sb);
                case ADDRESS -> appendAddress(random, sb);
                case CREDIT_CARD -> appendCard(random, sb);
                case IP_ADDRESS -> appendIpV4(random, sb);
                case NATIONAL_ID -> appendSsn(random, sb);
            }
            values[i] = sb.toString();
        }
        return FakeColumn.column(name, values);
    }

    private static void appendName(SplittableRandom r, StringBuilder sb) {
        sb.append(pick(r, Names.FIRST)).append(' ').append(pick(r, Names.LAST));
    }

    private static void appendEmail(SplittableRandom r, StringBuilder sb) {
        String first = pick(r, Names.FIRST_LOCAL);
        String last = pick(r, Names.LAST_LOCAL);
        int style = r.nextInt(100);
        // An initial and a last name alone would repeat often (26 x ~470 pairs), so that style always has digits.
        boolean digits = style >= 80 || r.nextInt(100) < 35;
        if (style < 45) {
            sb.append(first).append('.').append(last);
        } else if (style < 60) {
            sb.append(first).append(last);
        } else if (style < 70) {
            sb.append(first).append('_').append(last);
        } else if (style < 80) {
            sb.append(last).append('.').append(first);
        } else {
            sb.append(first.charAt(0)).append(last);
        }
        if (digits) {
            // Often a birth year, otherwise any small number.
            sb.append(r.nextInt(100) < 40 ? 1950 + r.nextInt(56) : 1 + r.nextInt(999));
        }
        sb.append('@');
        if (r.nextInt(100) < 70) {
            sb.append(pick(r, Domains.FREE_MAIL));
        } else {
            sb.append(pick(r, Names.LAST_LOCAL)).append('.').append(pick(r, Domains.SUFFIXES));
        }
    }

    private static void appendPhone(SplittableRandom r, StringBuilder sb) {
        // NANP: area code NPA and exchange NXX start with 2-9 and are not N11; area codes with 9 in the middle
        // are reserved for expansion.
        int area;
        do {
            area = (2 + r.nextInt(8)) * 100 + r.nextInt(9) * 10 + r.nextInt(10);
        } while (area % 100 == 11);
        int exchange;
        do {
            exchange = 200 + r.nextInt(800);
        } while (exchange % 100 == 11 || exchange == 555);
        int line = r.nextInt(10_000);
        int style = r.nextInt(10);
        if (style < 6) {
            sb.append('(').append(area).append(") ").append(exchange).append('-');
        } else if (style < 8) {
            sb.append(area).append('-').append(exchange).append('-');
        } else if (style < 9) {
            sb.append(area).append('.').append(exchange).append('.');
        } else {
            sb.append("+1 ").append(area).append('-').append(exchange).append('-');
        }
        appendPadded(sb, line, 4);
    }

    private static void appendAddress(SplittableRandom r, StringBuilder sb) {
        int width = 3 + r.nextInt(3);
        sb.append(1 + r.nextInt(9));
        appendPadded(sb, r.nextInt(pow10(width - 1)), width - 1);
        sb.append(' ').append(r.nextBoolean() ? pick(r, Names.FIRST) : pick(r, Names.LAST))
                .append(' ').append(pick(r, Places.STREET_SUFFIXES));
        int secondary = r.nextInt(100);
        if (secondary < 10) {
            sb.append(" Apt. ").append(100 + r.nextInt(900));
        } else if (secondary < 15) {
            sb.append(" Suite ").append(100 + r.nextInt(900));
        }
        int state = r.nextInt(Places.STATES.length);
        sb.append(", ").append(pick(r, Places.CITIES)).append(", ").append(Places.STATES[state]).append(' ')
                .append(pick(r, Places.ZIP_PREFIXES[state]));
        appendPadded(sb, r.nextInt(100), 2);
    }

    private static void appendCard(SplittableRandom r, StringBuilder sb) {
        int[] digits = new int[16];
        int length = 16;
        int prefixLength;
        int issuer = r.nextInt(100);
        if (issuer < 50) {
            prefixLength = setPrefix(digits, 4, 1);
        } else if (issuer < 80) {
            // Mastercard: 51-55, or 2221-2720 since 2017.
            prefixLength = r.nextInt(4) < 3 ? setPrefix(digits, 51 + r.nextInt(5), 2)
                    : setPrefix(digits, 2221 + r.nextInt(500), 4);
        } else if (issuer < 92) {
            length = 15;
            prefixLength = setPrefix(digits, r.nextBoolean() ? 34 : 37, 2);
        } else {
            int d = r.nextInt(3);
            prefixLength = d == 0 ? setPrefix(digits, 6011, 4)
                    : d == 1 ? setPrefix(digits, 65, 2) : setPrefix(digits, 644 + r.nextInt(6), 3);
        }
        for (int i = prefixLength; i < length - 1; i++) {
            digits[i] = r.nextInt(10);
        }
        digits[length - 1] = luhnCheckDigit(digits, length - 1);
        for (int i = 0; i < length; i++) {
            // 16 digits print as 4-4-4-4, American Express's 15 as 4-6-5.
            if (i > 0 && (length == 16 ? i % 4 == 0 : i == 4 || i == 10)) {
                sb.append('-');
            }
            sb.append((char) ('0' + digits[i]));
        }
    }

    /** The digit that makes {@code digits[0..payload]} followed by it pass the Luhn check. */
    static int luhnCheckDigit(int[] digits, int payload) {
        int sum = 0;
        // The check digit will be rightmost, so the payload's rightmost digit is the first one doubled.
        for (int i = payload - 1, k = 0; i >= 0; i--, k++) {
            int d = digits[i];
            if (k % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }

    private static int setPrefix(int[] digits, int prefix, int length) {
        for (int i = length - 1; i >= 0; i--) {
            digits[i] = prefix % 10;
            prefix /= 10;
        }
        return length;
    }

    private static void appendIpV4(SplittableRandom r, StringBuilder sb) {
        int ip;
        do {
            ip = r.nextInt();
        } while (!isPublicUnicast(ip));
        sb.append(ip >>> 24).append('.').append((ip >>> 16) & 0xFF).append('.').append((ip >>> 8) & 0xFF)
                .append('.').append(ip & 0xFF);
    }

    /** False for the special-purpose IPv4 ranges of RFC 6890 and for multicast and reserved (224.0.0.0 and up). */
    static boolean isPublicUnicast(int ip) {
        int a = ip >>> 24;
        int ab = ip >>> 16;
        int abc = ip >>> 8;
        return a != 0 && a != 10 && a != 127 && a < 224
                && (ip & 0xFFC00000) != 0x64400000 // 100.64.0.0/10 carrier-grade NAT
                && ab != 0xA9FE // 169.254.0.0/16 link-local
                && (ip & 0xFFF00000) != 0xAC100000 // 172.16.0.0/12 private
                && ab != 0xC0A8 // 192.168.0.0/16 private
                && (ip & 0xFFFE0000) != 0xC6120000 // 198.18.0.0/15 benchmarking
                && abc != 0xC00000 && abc != 0xC00002 && abc != 0xC05863 // 192.0.0/24, 192.0.2/24, 192.88.99/24
                && abc != 0xC63364 && abc != 0xCB0071; // 198.51.100/24, 203.0.113/24 documentation
    }

    private static void appendSsn(SplittableRandom r, StringBuilder sb) {
        // 898 valid areas: 001-665 and 667-899.
        int area = 1 + r.nextInt(898);
        if (area >= 666) {
            area++;
        }
        appendPadded(sb, area, 3);
        sb.append('-');
        appendPadded(sb, 1 + r.nextInt(99), 2);
        sb.append('-');
        appendPadded(sb, 1 + r.nextInt(9_999), 4);
    }

    private static String pick(SplittableRandom r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    private static void appendPadded(StringBuilder sb, int value, int width) {
        for (int p = pow10(width - 1); p > 1 && value < p; p /= 10) {
            sb.append('0');
        }
        sb.append(value);
    }
}
