package dev.doppel.cli;

import dev.doppel.io.CsvRowWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import net.datafaker.Faker;

/**
 * The bundled example table for {@code doppel bench} and tests: loan applications made by a small known process, so
 * no real data is needed and its structure is known (income depends on age and employment, approval on credit score
 * and loan-to-income ratio, credit scores are sometimes missing, names and e-mails are personal data, the id is a
 * key).
 */
final class ExampleTable {
    static final List<String> HEADER = List.of("application_id", "applicant_name", "email", "age", "employment",
            "annual_income", "credit_score", "loan_amount", "term_months", "application_date", "approved");

    private static final String[] EMPLOYMENT = {"employed", "self-employed", "retired", "student", "unemployed"};
    private static final LocalDate FIRST_DAY = LocalDate.of(2024, 1, 1);

    private ExampleTable() {
    }

    /** Writes {@code rows} applications to {@code file}; the same seed writes the same bytes. */
    static void write(Path file, int rows, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        Faker faker = new Faker(Locale.US, new Random(seed));
        try (CsvRowWriter out = new CsvRowWriter(file, ',', "", HEADER)) {
            String[] row = new String[HEADER.size()];
            for (int i = 0; i < rows; i++) {
                int age = (int) Math.min(85, 18 + Math.round(gamma(random, 3.0, 8.0)));
                String employment = employment(random, age);
                double income = income(random, age, employment);
                double score = Math.max(300, Math.min(850, 560 + 45 * Math.log(income / 20_000) + 60 * normal(random)));
                boolean scoreMissing = random.nextDouble() < 0.04;
                double loan = Math.max(1_000, income * (0.1 + 0.5 * random.nextDouble()));
                int term = random.nextDouble() < 0.65 ? 36 : 60;
                double logit = 0.02 * (score - 640) - 3.0 * (loan / income - 0.35);
                boolean approved = random.nextDouble() < 1 / (1 + Math.exp(-logit));
                String first = faker.name().firstName();
                String last = faker.name().lastName();
                row[0] = String.format(Locale.ROOT, "A%06d", i + 1);
                row[1] = first + " " + last;
                row[2] = (first + "." + last).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "") + "@example.com";
                row[3] = Integer.toString(age);
                row[4] = employment;
                row[5] = String.format(Locale.ROOT, "%.2f", income);
                row[6] = scoreMissing ? null : Long.toString(Math.round(score));
                row[7] = String.format(Locale.ROOT, "%.2f", loan);
                row[8] = Integer.toString(term);
                row[9] = FIRST_DAY.plusDays(random.nextInt(731)).toString();
                row[10] = approved ? "yes" : "no";
                out.writeRow(row);
            }
            out.commit();
        }
    }

    private static String employment(SplittableRandom random, int age) {
        double u = random.nextDouble();
        if (age >= 65) {
            return u < 0.75 ? EMPLOYMENT[2] : u < 0.9 ? EMPLOYMENT[1] : EMPLOYMENT[0];
        }
        if (age < 25) {
            return u < 0.45 ? EMPLOYMENT[3] : u < 0.85 ? EMPLOYMENT[0] : EMPLOYMENT[4];
        }
        return u < 0.72 ? EMPLOYMENT[0] : u < 0.88 ? EMPLOYMENT[1] : u < 0.95 ? EMPLOYMENT[4] : EMPLOYMENT[2];
    }

    private static double income(SplittableRandom random, int age, String employment) {
        double base = switch (employment) {
            case "employed" -> 52_000;
            case "self-employed" -> 61_000;
            case "retired" -> 31_000;
            case "student" -> 14_000;
            default -> 9_000;
        };
        double experience = 1 + 0.012 * Math.min(age - 18, 35);
        return base * experience * Math.exp(0.45 * normal(random));
    }

    private static double normal(SplittableRandom random) {
        // Box-Muller: a fixed algorithm, so the example stays byte-identical across JDKs.
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double gamma(SplittableRandom random, double shape, double scale) {
        // Integer shape: a sum of exponentials.
        double sum = 0;
        for (int k = 0; k < (int) shape; k++) {
            sum -= Math.log(1.0 - random.nextDouble());
        }
        return sum * scale;
    }
}
