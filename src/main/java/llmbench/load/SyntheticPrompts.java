package llmbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Synthetic prompts of exact token counts as the target counts them: news words cut or repeated at word
 * boundaries by a {@link PromptCalibrator}. Prompt i starts at word {@code i · stride} of the word list
 * (stride = words / (prompts + groups), at least 1), so no two prompts share a first word position. With a
 * shared prefix of P tokens in G groups, prompt i is prefix {@code i mod G} (its own text of exactly P tokens
 * alone, template not counted) followed by its own words, the whole again of its target count. A head per
 * prompt (a cache-busting salt line) is put first and counted in the calibration ({@link #withHeads}).
 */
public final class SyntheticPrompts implements PromptSource {
    private final PromptCalibrator calibrator;
    private final String method;
    private final int stride;
    private final List<String> prefixes;
    private final Integer prefixTokens;
    private final int[] targets;
    private final List<String> texts;
    private final int[] counted;
    private final String description;

    private SyntheticPrompts(PromptCalibrator calibrator, String method, int stride, List<String> prefixes,
                             Integer prefixTokens, int[] targets, IntFunction<String> headFor, int count) {
        this.calibrator = calibrator;
        this.method = method;
        this.stride = stride;
        this.prefixes = prefixes;
        this.prefixTokens = prefixTokens;
        this.targets = targets;
        List<String> built = new ArrayList<>(count);
        this.counted = new int[count];
        int exact = 0;
        int worst = 0;
        for (int i = 0; i < count; i++) {
            String head = headFor == null ? "" : headFor.apply(i);
            String prefix = prefixes.isEmpty() ? "" : prefixes.get(i % prefixes.size());
            PromptCalibrator.Fit fit = calibrator.promptOf(head + prefix, i * stride, target(i));
            built.add(fit.text());
            counted[i] = fit.tokens();
            exact += fit.tokens() == target(i) ? 1 : 0;
            worst = Math.max(worst, Math.abs(fit.tokens() - target(i)));
        }
        this.texts = List.copyOf(built);
        this.description = count + " synthetic prompts" + (prefixes.isEmpty() ? "" : " (" + prefixes.size()
                + " shared prefixes of " + prefixTokens + " tokens)") + (headFor == null ? "" : ", salted,")
                + " calibrated by " + method + ": " + exact + " exact, largest miss " + worst + " token"
                + (worst == 1 ? "" : "s");
    }

    /**
     * @param targets      prompt tokens of each prompt (template included)
     * @param prefixTokens shared prefix length, or null for none
     * @param saltFor      text put first in prompt i (counted), or null
     */
    public static SyntheticPrompts calibrate(TokenCounter counter, List<String> words, int[] targets,
                                             Integer prefixTokens, int groups, IntFunction<String> saltFor) {
        PromptCalibrator calibrator = new PromptCalibrator(counter, words);
        int n = targets.length;
        int g = prefixTokens == null ? 0 : groups;
        int stride = Math.max(1, words.size() / (n + g));
        List<String> prefixes = new ArrayList<>();
        for (int p = 0; p < g; p++) {
            prefixes.add(calibrator.contentOf((n + p) * stride, prefixTokens).text());
        }
        return new SyntheticPrompts(calibrator, counter.method(), stride, List.copyOf(prefixes), prefixTokens,
                targets.clone(), saltFor, n);
    }

    /**
     * The first {@code count} prompts again, each with {@code headFor.apply(i)} first (a salt line) and
     * recalibrated so the whole keeps its target: same words, same prefixes, same targets (request i's target
     * is target i mod the drawn count).
     */
    public SyntheticPrompts withHeads(int count, IntFunction<String> headFor) {
        return new SyntheticPrompts(calibrator, method, stride, prefixes, prefixTokens, targets, headFor, count);
    }

    private int target(int i) {
        return targets[Math.floorMod(i, targets.length)];
    }

    @Override
    public List<ChatRequestBody.Message> forRequest(int i) {
        return List.of(new ChatRequestBody.Message("user", texts.get(Math.floorMod(i, texts.size()))));
    }

    @Override
    public Integer targetTokens(int i) {
        return target(Math.floorMod(i, texts.size()));
    }

    /** What the counter said of prompt i after calibration (the server's usage should say the same). */
    public int countedTokens(int i) {
        return counted[Math.floorMod(i, counted.length)];
    }

    @Override
    public int size() {
        return texts.size();
    }

    @Override
    public String describe() {
        return description;
    }
}
