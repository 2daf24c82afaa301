package dev.doppel.design;

import dev.doppel.design.expr.Expression;
import dev.doppel.design.expr.ValueType;
import dev.doppel.design.expr.Variable;
import dev.doppel.design.process.DailyCycle;
import dev.doppel.design.process.EventProcess;
import dev.doppel.design.process.EventProfile;
import dev.doppel.design.process.RateMultiplier;
import dev.doppel.design.process.WeeklyCycle;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Speed of expression evaluation and event-process simulation, single-threaded, for docs/BENCHMARKS.md: medians of
 * repeated warm runs in one JVM. Not a test; run it with {@code java -cp ... dev.doppel.design.DesignBenchmark}.
 */
public final class DesignBenchmark {
    private static final int WARMUP = 3;
    private static final int REPEAT = 7;

    private DesignBenchmark() {
    }

    private interface Run {
        /** Does the work once and returns how many units it did. */
        long run();
    }

    public static void main(String[] args) {
        System.out.println("| what | unit | median per second |");
        System.out.println("|---|---|---|");
        expressions();
        processes();
    }

    private static void expressions() {
        List<Variable> vars = List.of(new Variable("id", ValueType.NUMBER), new Variable("amount", ValueType.NUMBER),
                new Variable("qty", ValueType.NUMBER), new Variable("name", ValueType.STRING),
                new Variable("vip", ValueType.BOOLEAN), new Variable("born", ValueType.DATE),
                new Variable("at", ValueType.DATETIME));
        int rows = 4_096;
        SplittableRandom r = new SplittableRandom(1);
        Object[][] data = new Object[rows][];
        String[] names = {"Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra"};
        for (int i = 0; i < rows; i++) {
            data[i] = new Object[] {(double) i, Math.round(r.nextDouble() * 50_000) / 100.0, (double) r.nextInt(1, 9),
                    names[r.nextInt(names.length)], r.nextBoolean(), LocalDate.ofEpochDay(r.nextInt(20_000)),
                    LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(r.nextInt(31_536_000))};
        }
        String[] sources = {
                "amount * qty",
                "round(amount * qty * 1.2, 2)",
                "if(vip and amount > 100, 'gold', 'standard')",
                "add_days(born, qty * 7)",
                "hour(at) >= 22 or hour(at) < 6",
                "upper(substr(name, 1, 3)) + '-' + string(year(at))",
                "format('C%06d', id)",
                "coalesce(if(amount > 250, amount * 0.9, null), amount)",
        };
        Expression[] all = new Expression[sources.length];
        for (int i = 0; i < sources.length; i++) {
            Expression e = Expression.compile(sources[i], vars);
            all[i] = e;
            report("`" + sources[i] + "`", "evaluations", () -> evaluate(new Expression[] {e}, data, 2_000_000));
        }
        report("all " + sources.length + " expressions above", "rows", () -> evaluate(all, data, 500_000));
    }

    private static long evaluate(Expression[] expressions, Object[][] data, int rows) {
        long nonNull = 0;
        for (int i = 0; i < rows; i++) {
            Object[] row = data[i & (data.length - 1)];
            for (Expression e : expressions) {
                if (e.evaluate(row) != null) {
                    nonNull++;
                }
            }
        }
        // Using the results keeps the JIT from removing the work.
        return nonNull >= 0 ? rows : -1;
    }

    private static void processes() {
        DailyCycle daily = new DailyCycle(List.of(0.2, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 0.8, 1.2, 1.4, 1.5, 1.8,
                2.4, 2.0, 1.4, 1.3, 1.5, 1.9, 2.3, 2.1, 1.6, 1.1, 0.6, 0.35));
        WeeklyCycle weekly = new WeeklyCycle(List.of(0.9, 0.9, 1.0, 1.0, 1.4, 1.6, 0.5));
        EventProcess p = new EventProcess(new EventProfile(2, daily, weekly, new RateMultiplier.Gamma(2),
                ZoneOffset.ofHours(1)));
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Instant to = Instant.parse("2025-01-01T00:00:00Z");
        report("events, 2 a day, gamma multipliers, cycles, 1 year × 2,000 entities", "events", () -> {
            long n = 0;
            for (int e = 0; e < 2_000; e++) {
                for (Iterator<Instant> it = p.events(7, e, from, to); it.hasNext(); it.next()) {
                    n++;
                }
            }
            return n;
        });
        report("gamma rate multipliers (inverse CDF)", "entities", () -> {
            double sum = 0;
            for (int e = 0; e < 20_000; e++) {
                sum += p.multiplier(7, e);
            }
            return sum > 0 ? 20_000 : 0;
        });
        EventProcess lognormal = new EventProcess(new EventProfile(2, daily, weekly, new RateMultiplier.LogNormal(0.8),
                ZoneOffset.ofHours(1)));
        report("log-normal rate multipliers (inverse CDF)", "entities", () -> {
            double sum = 0;
            for (int e = 0; e < 20_000; e++) {
                sum += lognormal.multiplier(7, e);
            }
            return sum > 0 ? 20_000 : 0;
        });
    }

    private static void report(String what, String unit, Run run) {
        double[] rates = new double[REPEAT];
        for (int i = 0; i < WARMUP + REPEAT; i++) {
            long start = System.nanoTime();
            long units = run.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (i >= WARMUP) {
                rates[i - WARMUP] = units / seconds;
            }
        }
        Arrays.sort(rates);
        System.out.printf("| %s | %s | %,.0f |%n", what, unit, rates[REPEAT / 2]);
    }
}
