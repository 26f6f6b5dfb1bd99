package llmbench.config;

import java.util.SplittableRandom;

/**
 * A token length, fixed or drawn: {@code 2048}, {@code normal:2048,256} (mean, standard deviation) or
 * {@code uniform:512..4096} (both ends included). Draws come from one {@link SplittableRandom} seeded by the
 * run's seed, in request order, so a seed gives the same lengths every time:
 * <ul>
 *   <li>uniform: {@code lo + floor(u · (hi − lo + 1))} with u the next {@code nextDouble()};</li>
 *   <li>normal: Box–Muller on the next two doubles u1, u2: {@code z = sqrt(−2 ln(1 − u1)) · cos(2π u2)},
 *       {@code round(mean + sd · z)}; a pair whose z lies beyond ±3 is dropped and the next pair drawn
 *       (a normal truncated at three deviations, so every draw lies within {@link #max()}); at least 1.</li>
 * </ul>
 */
public record LengthDistribution(Kind kind, int a, int b) {
    /** Fixed: {@code a}. Normal: mean {@code a}, deviation {@code b}. Uniform: {@code a..b}. */
    public enum Kind { FIXED, NORMAL, UNIFORM }

    static final double TRUNCATION_SD = 3.0;

    /** Parses an option value; anything else is one line naming the option and the accepted forms. */
    public static LengthDistribution parse(String option, String raw) {
        String forms = "; give N, normal:MEAN,SD or uniform:LO..HI (whole numbers of tokens)";
        int colon = raw.indexOf(':');
        if (colon < 0) {
            int n = whole(option, raw, raw, forms);
            if (n < 1) {
                throw new BadInputException(option + " " + n + " must be at least 1");
            }
            return new LengthDistribution(Kind.FIXED, n, n);
        }
        String name = raw.substring(0, colon).strip();
        String args = raw.substring(colon + 1).strip();
        switch (name) {
            case "normal" -> {
                String[] p = args.split(",", -1);
                if (p.length != 2) {
                    throw new BadInputException(option + " '" + raw + "': normal takes MEAN,SD" + forms);
                }
                int mean = whole(option, raw, p[0], forms);
                int sd = whole(option, raw, p[1], forms);
                if (mean < 1 || sd < 0) {
                    throw new BadInputException(option + " '" + raw + "': the mean must be at least 1 and SD at least 0");
                }
                return new LengthDistribution(Kind.NORMAL, mean, sd);
            }
            case "uniform" -> {
                int dots = args.indexOf("..");
                if (dots < 0) {
                    throw new BadInputException(option + " '" + raw + "': uniform takes LO..HI" + forms);
                }
                int lo = whole(option, raw, args.substring(0, dots), forms);
                int hi = whole(option, raw, args.substring(dots + 2), forms);
                if (lo < 1 || hi < lo) {
                    throw new BadInputException(option + " '" + raw + "': the range must have 1 ≤ LO ≤ HI");
                }
                return new LengthDistribution(Kind.UNIFORM, lo, hi);
            }
            default -> throw new BadInputException(option + " '" + raw + "': unknown distribution '" + name
                    + "'" + forms);
        }
    }

    private static int whole(String option, String raw, String part, String forms) {
        try {
            return Integer.parseInt(part.strip());
        } catch (NumberFormatException e) {
            throw new BadInputException(option + " '" + raw + "': '" + part.strip() + "' is not a whole number" + forms);
        }
    }

    /** The largest length a draw can have (the context check's figure). */
    public int max() {
        return switch (kind) {
            case FIXED -> a;
            case UNIFORM -> b;
            case NORMAL -> (int) Math.round(a + TRUNCATION_SD * b);
        };
    }

    /** The smallest length a draw can have. */
    public int min() {
        return switch (kind) {
            case FIXED, UNIFORM -> a;
            case NORMAL -> (int) Math.max(1, Math.round(a - TRUNCATION_SD * b));
        };
    }

    /** The next length from {@code random} (see the class comment for the formulas). */
    public int draw(SplittableRandom random) {
        return switch (kind) {
            case FIXED -> a;
            case UNIFORM -> a + (int) Math.floor(random.nextDouble() * ((long) b - a + 1));
            case NORMAL -> {
                while (true) {
                    double u1 = random.nextDouble();
                    double u2 = random.nextDouble();
                    double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
                    if (Math.abs(z) <= TRUNCATION_SD) {
                        yield (int) Math.max(1, Math.round(a + b * z));
                    }
                }
            }
        };
    }

    /** The first {@code n} draws with {@code seed}. */
    public int[] draws(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = draw(random);
        }
        return out;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case FIXED -> Integer.toString(a);
            case NORMAL -> "normal:" + a + "," + b;
            case UNIFORM -> "uniform:" + a + ".." + b;
        };
    }
}
