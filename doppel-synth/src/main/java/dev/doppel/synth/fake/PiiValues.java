package dev.doppel.synth.fake;

import dev.doppel.metadata.PiiKind;
import dev.doppel.table.CategoricalColumn;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * Realistic fake personal data of one kind, made by Datafaker with a generator seeded per block, so a block's values
 * are a pure function of the seed. No training value is kept.
 *
 * @param kind            the kind of personal data
 * @param nullProbability probability of a null value
 */
public record PiiValues(PiiKind kind, double nullProbability) implements FakeColumn {

    @Override
    public CategoricalColumn sample(String name, long seed, long firstRow, int rows) {
        boolean[] nulls = FakeColumn.nullRows(nullProbability, new SplittableRandom(seed), rows);
        // One Faker per block: building one loads its locale files, far too slow per value.
        Faker faker = new Faker(Locale.US, new Random(seed ^ 0x5DEECE66DL));
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            String value = switch (kind) {
                case EMAIL -> faker.internet().emailAddress();
                case PHONE -> faker.phoneNumber().phoneNumber();
                case PERSON_NAME -> faker.name().fullName();
                case ADDRESS -> faker.address().fullAddress();
                case CREDIT_CARD -> faker.finance().creditCard();
                case IP_ADDRESS -> faker.internet().ipV4Address();
                case NATIONAL_ID -> faker.idNumber().ssnValid();
            };
            values[i] = nulls[i] ? null : value;
        }
        return FakeColumn.column(name, values);
    }
}
