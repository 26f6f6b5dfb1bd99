package llmbench.capacity;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmbench.config.BadInputException;

/**
 * "How many users fit within this objective?" for objectives like {@code ttft_p95<=2s},
 * {@code latency_p50<=800ms} or {@code decode_tok_s>=20}, answered from the model for k users at once with
 * fresh prompts ({@link CapacityModel#predict(int)}). Assumes the figure worsens as k grows (true of the step model):
 * doubles k until the objective fails, then bisects. The search stops at {@link #MAX_USERS}.
 */
record SloQuery(String text, String figure, boolean atMost, double bound) {
    static final int MAX_USERS = 4096;
    private static final Pattern FORM = Pattern.compile(
            "(ttft_p50|ttft_p95|latency_p50|latency_p95|decode_tok_s)\\s*(<=|>=)\\s*([0-9]*\\.?[0-9]+)\\s*(ms|s)?");

    static SloQuery parse(String text) {
        Matcher m = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadInputException("--slo '" + text + "' is not <figure><=|>=<value>[s|ms] with figure one of "
                    + "ttft_p50, ttft_p95, latency_p50, latency_p95 (<=, seconds) or decode_tok_s (>=)");
        }
        String name = m.group(1);
        boolean rate = name.equals("decode_tok_s");
        boolean atMost = m.group(2).equals("<=");
        if (rate == atMost) {
            throw new BadInputException("--slo '" + text + "': " + name + (rate ? " needs >=" : " needs <="));
        }
        if (rate && m.group(4) != null) {
            throw new BadInputException("--slo '" + text + "': decode_tok_s takes no time unit");
        }
        double v = Double.parseDouble(m.group(3));
        if ("ms".equals(m.group(4))) {
            v /= 1000;
        }
        String figure = rate ? Prediction.DECODE : name + "_s";
        return new SloQuery(text.trim(), figure, atMost, v);
    }

    boolean holds(Prediction p) {
        double v = p.get(figure).value();
        return atMost ? v <= bound : v >= bound;
    }

    /** The answer: the largest k that holds (0 if even one user fails), and whether the search hit its cap. */
    record Answer(int maxUsers, boolean capped, Prediction atMax) {
    }

    Answer answer(CapacityModel model) {
        java.util.function.IntFunction<Prediction> at = model::predict;
        Prediction one = at.apply(1);
        if (!holds(one)) {
            return new Answer(0, false, one);
        }
        int good = 1;
        Prediction goodP = one;
        int bad = -1;
        while (bad < 0) {
            int next = Math.min(good * 2, MAX_USERS);
            Prediction p = at.apply(next);
            if (holds(p)) {
                good = next;
                goodP = p;
                if (next == MAX_USERS) {
                    return new Answer(good, true, goodP);
                }
            } else {
                bad = next;
            }
        }
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            Prediction p = at.apply(mid);
            if (holds(p)) {
                good = mid;
                goodP = p;
            } else {
                bad = mid;
            }
        }
        return new Answer(good, false, goodP);
    }
}
