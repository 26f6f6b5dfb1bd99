package llmbench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Synthetic prompts of exact token counts as the target counts them: news words cut or repeated at word
 * boundaries by a {@link PromptCalibrator}. Prompt i starts at word {@code i · stride} of the word list
 * (stride = words / (prompts + groups), at least 1), so no two prompts share a first word position. With a
 * shared prefix of P tokens in G groups, prompt i is prefix {@code i mod G} (its own text of exactly P tokens
 * alone, template not counted) followed by its own words, the whole again of its target count. A salt
 * ({@code saltFor}, e.g. a cache-busting line) is put first and counted in the calibration.
 */
public final class SyntheticPrompts implements PromptSource {
    private final List<String> texts;
    private final int[] targets;
    private final int[] counted;
    private final String description;

    private SyntheticPrompts(List<String> texts, int[] targets, int[] counted, String description) {
        this.texts = texts;
        this.targets = targets;
        this.counted = counted;
        this.description = description;
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
        List<String> texts = new ArrayList<>(n);
        int[] counted = new int[n];
        int exact = 0;
        int worst = 0;
        for (int i = 0; i < n; i++) {
            String salt = saltFor == null ? "" : saltFor.apply(i);
            String prefix = g == 0 ? "" : prefixes.get(i % g);
            String head = salt.isEmpty() ? prefix : prefix.isEmpty() ? salt : salt + prefix;
            PromptCalibrator.Fit fit = calibrator.promptOf(head, i * stride, targets[i]);
            texts.add(fit.text());
            counted[i] = fit.tokens();
            exact += fit.tokens() == targets[i] ? 1 : 0;
            worst = Math.max(worst, Math.abs(fit.tokens() - targets[i]));
        }
        String description = n + " synthetic prompts" + (g > 0 ? " (" + g + " shared prefixes of " + prefixTokens
                + " tokens)" : "") + " calibrated by " + counter.method() + ": " + exact + " exact, largest miss "
                + worst + " token" + (worst == 1 ? "" : "s");
        return new SyntheticPrompts(List.copyOf(texts), targets.clone(), counted, description);
    }

    @Override
    public List<ChatRequestBody.Message> forRequest(int i) {
        return List.of(new ChatRequestBody.Message("user", texts.get(Math.floorMod(i, texts.size()))));
    }

    @Override
    public Integer targetTokens(int i) {
        return targets[Math.floorMod(i, targets.length)];
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
