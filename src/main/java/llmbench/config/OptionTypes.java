package llmbench.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The types of {@link Option}s: each factory gives an option its parser (type and bounds, with messages that
 * name the option), the README's description of its values, and how its default is shown.
 */
public final class OptionTypes {
    private OptionTypes() {
    }

    private static String code(String s) {
        return "`" + s + "`";
    }

    // ---- the option types ----

    /** Any non-empty text. */
    public static Option<String> text(String name, String def, String help) {
        return new Option<>(name, "text", def, def == null ? "(none)" : code(def), help, raw -> raw);
    }

    /** Text matching {@code regex}; {@code rule} says in words what it must be. */
    public static Option<String> matching(String name, String def, String regex, String rule, String help) {
        return new Option<>(name, rule, def, def == null ? "(none)" : code(def), help, raw -> {
            if (!raw.matches(regex)) {
                throw new BadInputException(name + " '" + raw + "' must be " + rule);
            }
            return raw;
        });
    }

    /** One of {@code choices}. */
    public static Option<String> oneOf(String name, String def, List<String> choices, String help) {
        String rule = String.join(" or ", choices);
        return new Option<>(name, String.join(", ", choices), def, code(def), help, raw -> {
            if (!choices.contains(raw)) {
                throw new BadInputException(name + " '" + raw + "' must be " + rule);
            }
            return raw;
        });
    }

    /** Comma-separated, each one of {@code choices}. */
    public static Option<List<String>> listOf(String name, String def, List<String> choices, String help) {
        String rule = choices.size() == 1 ? choices.get(0) : String.join(", ", choices.subList(0, choices.size() - 1))
                + " or " + choices.get(choices.size() - 1);
        return new Option<>(name, "comma-separated: " + String.join(", ", choices), def, code(def), help, raw -> {
            List<String> out = new ArrayList<>();
            for (String part : raw.split(",")) {
                String p = part.strip();
                if (!choices.contains(p)) {
                    throw new BadInputException(name + " contains '" + p + "'; use " + rule);
                }
                out.add(p);
            }
            return List.copyOf(out);
        });
    }

    /** Comma-separated names (blank entries dropped). */
    public static Option<List<String>> names(String name, String defaultText, String help) {
        return new Option<>(name, "comma-separated names", null, defaultText, help,
                raw -> Arrays.stream(raw.split(",")).map(String::strip).filter(x -> !x.isEmpty()).toList());
    }

    /** A whole number ≥ {@code min}. */
    public static Option<Integer> wholeNumber(String name, Integer def, int min, String help) {
        return new Option<>(name, "whole number ≥ " + min, def == null ? null : def.toString(),
                def == null ? "(none)" : code(def.toString()), help, raw -> {
            int n;
            try {
                n = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new BadInputException(name + " '" + raw + "' is not a whole number");
            }
            if (n < min) {
                throw new BadInputException(name + " " + n + (min == 1 ? " must be at least 1" : " must be " + min + " or more"));
            }
            return n;
        });
    }

    /** Comma-separated whole numbers, each ≥ 1. */
    public static Option<List<Integer>> wholeNumbers(String name, String def, String help) {
        return new Option<>(name, "comma-separated whole numbers ≥ 1", def, code(def), help,
                raw -> positiveList(name, raw));
    }

    /** Like {@link #wholeNumbers}, or the word {@code none} for an empty list. */
    public static Option<List<Integer>> wholeNumbersOrNone(String name, String def, String help) {
        return new Option<>(name, "comma-separated whole numbers ≥ 1, or `none`", def, code(def), help,
                raw -> raw.equalsIgnoreCase("none") ? List.of() : positiveList(name, raw));
    }

    private static List<Integer> positiveList(String name, String raw) {
        List<Integer> out = new ArrayList<>();
        for (String part : raw.split(",")) {
            int n;
            try {
                n = Integer.parseInt(part.strip());
            } catch (NumberFormatException e) {
                throw new BadInputException(name + " '" + raw + "' must be a comma-separated list of whole numbers");
            }
            if (n <= 0) {
                throw new BadInputException(name + " contains " + n + "; every value must be at least 1");
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    /** A finite number within bounds: {@code > 0} when {@code min} is 0 and exclusive, else {@code min ≤ v ≤ max}. */
    public static Option<Double> number(String name, String def, double min, boolean minExclusive, double max,
                                        String help) {
        String values = (minExclusive ? "number > " + fmt(min) : "number ≥ " + fmt(min))
                + (Double.isInfinite(max) ? "" : ", ≤ " + fmt(max));
        return new Option<>(name, values, def, code(def), help, raw -> {
            double d;
            try {
                d = Double.parseDouble(raw);
            } catch (NumberFormatException e) {
                throw new BadInputException(name + " '" + raw + "' is not a number");
            }
            if (!Double.isFinite(d)) {
                throw new BadInputException(name + " '" + raw + "' is not a number");
            }
            boolean bounded = !Double.isInfinite(max);
            if (minExclusive && d <= min) {
                throw new BadInputException(name + " " + d + " must be greater than " + fmt(min));
            }
            if (d < min || d > max) {
                throw new BadInputException(name + " " + d + (bounded ? " must be between " + fmt(min) + " and "
                        + fmt(max) : " must be " + fmt(min) + " or more"));
            }
            return d;
        });
    }

    /** Comma-separated numbers, each finite and > 0 (e.g. request rates). */
    public static Option<List<Double>> positiveNumbers(String name, String def, String help) {
        return new Option<>(name, "comma-separated numbers > 0", def, code(def), help, raw -> {
            List<Double> out = new ArrayList<>();
            for (String part : raw.split(",")) {
                double d;
                try {
                    d = Double.parseDouble(part.strip());
                } catch (NumberFormatException e) {
                    throw new BadInputException(name + " '" + raw + "' must be a comma-separated list of numbers");
                }
                if (!Double.isFinite(d) || d <= 0) {
                    throw new BadInputException(name + " contains " + part.strip() + "; every value must be greater than 0");
                }
                out.add(d);
            }
            return List.copyOf(out);
        });
    }

    /** A service-level objective ({@link llmbench.metrics.Slo}'s syntax). */
    public static Option<llmbench.metrics.Slo> slo(String name, String help) {
        return new Option<>(name, "bounds like `ttft_p95<=2s,itl_p99<=150ms,error_rate<=0.01` (see [SLOs](#capacity-rate-sweeps-slos-and-goodput))",
                null, "(none)", help, raw -> {
            try {
                return llmbench.metrics.Slo.parse(raw);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(name + ": " + e.getMessage());
            }
        });
    }

    /** A number of seconds > 0, as a duration (to the millisecond). */
    public static Option<Duration> positiveSeconds(String name, String def, String help) {
        return number(name, def, 0, true, Double.POSITIVE_INFINITY, help).map(OptionTypes::millis);
    }

    /** A number of seconds ≥ 0, as a duration (to the millisecond). */
    public static Option<Duration> seconds(String name, String def, String help) {
        return number(name, def, 0, false, Double.POSITIVE_INFINITY, help).map(OptionTypes::millis);
    }

    private static Duration millis(double seconds) {
        return Duration.ofMillis(Math.round(seconds * 1000));
    }


    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** A file-system path; existence is the reader's business. */
    public static Option<Path> path(String name, String def, String help) {
        return new Option<>(name, "path", def, def == null ? "(none)" : code(def), help, Path::of, true);
    }

    /** A path that must name a readable regular file. */
    public static Option<Path> existingFile(String name, String defaultText, String help) {
        return new Option<>(name, "path of a readable file", null, defaultText, help, raw -> {
            Path abs = Path.of(raw).toAbsolutePath().normalize();
            if (!Files.isRegularFile(abs)) {
                throw new BadInputException(name + " " + abs + " does not exist or is not a file");
            }
            if (!Files.isReadable(abs)) {
                throw new BadInputException(name + " " + abs + " is not readable");
            }
            return abs;
        }, true);
    }

    /**
     * A directory, created if missing: refused when it, or the nearest existing folder above it, is not a
     * directory (a regular file in the way is named as such, not as "cannot be created").
     */
    public static Option<Path> directory(String name, String def, String help) {
        return new Option<>(name, "path of a directory (created if missing)", def, code(def), help, raw -> {
            Path p = Path.of(raw);
            for (Path at = p.toAbsolutePath().normalize(); at != null; at = at.getParent()) {
                if (Files.exists(at)) {
                    if (!Files.isDirectory(at)) {
                        throw new BadInputException(name + " " + p + (at.equals(p.toAbsolutePath().normalize())
                                ? " is a file, not a directory" : ": " + at + " is a file, not a directory"));
                    }
                    break;
                }
            }
            return p;
        }, true);
    }

    /** An http(s) base URL; a trailing slash is dropped. */
    public static Option<URI> httpUrl(String name, String help) {
        return new Option<>(name, "http://host:port[/path]", null, "(none)", help, raw -> {
            URI uri;
            try {
                uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            } catch (IllegalArgumentException e) {
                throw new BadInputException(name + " '" + raw + "' is not a URL: " + e.getMessage());
            }
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new BadInputException(name + " '" + raw + "' must look like http://host:port");
            }
            return uri;
        });
    }

    /** A process id (whole number ≥ 1). */
    public static Option<Long> processId(String name, String help) {
        return new Option<>(name, "process id", null, "(none)", help, raw -> pid(name + " '" + raw + "'", raw));
    }

    /** A readable file holding a process id. */
    public static Option<Long> processIdFile(String name, String help) {
        return new Option<>(name, "path of a file holding a process id", null, "(none)", help, raw -> {
            Path f = Path.of(raw);
            String content;
            try {
                content = Files.readString(f).strip();
            } catch (java.io.IOException e) {
                throw new BadInputException(name + " " + f.toAbsolutePath() + " cannot be read: " + e.getMessage());
            }
            return pid(name + " " + f + " '" + content + "'", content);
        }, true);
    }

    private static long pid(String what, String raw) {
        try {
            long pid = Long.parseLong(raw);
            if (pid > 0) {
                return pid;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadInputException(what + " is not a process id");
    }

    /** A token length or distribution ({@link LengthDistribution}). */
    public static Option<LengthDistribution> lengths(String name, String help) {
        return new Option<>(name, "N, `normal:MEAN,SD` or `uniform:LO..HI` (tokens)", null, "(none)", help,
                raw -> LengthDistribution.parse(name, raw));
    }
}
