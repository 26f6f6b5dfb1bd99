package llmbench.refserver.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Formulaic output for a formulaic context: how structured the prompt is, and the copy of the generator's
 * own previous line that a structured answer repeats. Real models answer a request full of digits, symbols
 * and format templates with rows that repeat one pattern; this gives the n-gram model the same habit, from
 * the text alone (no category, no keyword list).
 *
 * <p><b>Structure signal</b> σ ∈ [0, 1] of the prompt's units (words, numbers, marks; blanks ignored):
 * <pre>
 *   σ = clamp((f − F0) / F1 + T, 0, 1)     F0 = {@value #F0}, F1 = {@value #F1}
 *   f = share of units that are digits or symbols other than prose punctuation ( , . ! ? ; ' " ’ )
 *   T = {@value #TEMPLATE_BONUS} if a quoted span of at most {@value #TEMPLATE_UNITS} units holds a digit or such
 *       a symbol (a format template such as "7 x i = result"), else 0
 * </pre>
 *
 * The role colons of the rendered chat ({@code user:}, {@code assistant:} at a line start) are not counted.
 * Prose requests score 0 (f ≈ 0–0.03); tables, counting, code signatures and formulas score high.
 *
 * <p><b>Rows.</b> With σ > 0 (each coin drawn from the generation's structure generator, so temperature 0
 * stays reproducible; a prose prompt with σ = 0 draws none and its output is unchanged):
 * <ul>
 *   <li>the first unit of the answer is, with probability σ, the template as a line of its own;</li>
 *   <li>a sentence end, or reaching the length of the previous line (where its model row ended), closes
 *       the line with one {@code "\n"} with probability σ;</li>
 *   <li>at the start of a line after a finished one (at most {@value #MAX_LINE_UNITS} units), with
 *       probability {@value #REPEAT}·σ the generator copies its previous line instead of sampling — whole
 *       with probability {@value #WHOLE}, else a prefix of at least half that the n-gram finishes its own
 *       way — with every number advanced, slot by slot, by its difference between the previous two lines
 *       when both had as many numbers (7 x 1 = 7, 7 x 2 = 14 → 7 x 3 = 21), else the last number by one.</li>
 * </ul>
 * The n-gram continues from a copy as from any other history, and the n-gram proposer finds the copied
 * row in the token history: that is why acceptance rises with the structure of the request.
 */
final class FormulaicLines {
    static final double F0 = 0.02;
    static final double F1 = 0.10;
    static final double TEMPLATE_BONUS = 0.5;
    static final int TEMPLATE_UNITS = 16;
    static final double REPEAT = 0.85;
    static final double WHOLE = 0.5;
    /** Lines longer than this are not copied (a run-on sentence is not a row). */
    static final int MAX_LINE_UNITS = 40;

    private final double sigma;
    private List<String> template;
    private List<String> previous;
    private List<String> beforePrevious;
    private final List<String> current = new ArrayList<>();

    FormulaicLines(List<String> promptUnits) {
        this.sigma = structure(promptUnits);
    }

    double sigma() {
        return sigma;
    }

    /** σ of the prompt; also keeps its first format template, if any. */
    private double structure(List<String> units) {
        int n = 0;
        int symbols = 0;
        int quoteStart = -1;
        boolean quotedSymbol = false;
        for (int j = 0; j < units.size(); j++) {
            String u = units.get(j).strip();
            if (u.isEmpty() || isLabelColon(units, j)) {
                continue;
            }
            n++;
            if (u.equals("\"") || u.equals("“") || u.equals("”")) {
                if (quoteStart < 0) {
                    quoteStart = j + 1;
                    quotedSymbol = false;
                } else {
                    if (template == null && quotedSymbol && j - quoteStart <= TEMPLATE_UNITS) {
                        template = new ArrayList<>(units.subList(quoteStart, j));
                        template.set(0, template.get(0).stripLeading());
                    }
                    quoteStart = -1;
                }
                continue;
            }
            if (isSymbolic(u)) {
                symbols++;
                quotedSymbol = true;
            }
        }
        if (n == 0) {
            return 0;
        }
        double f = symbols / (double) n;
        return Math.max(0, Math.min(1, (f - F0) / F1 + (template != null ? TEMPLATE_BONUS : 0)));
    }

    /** The colon of a line-initial {@code label:} (the rendered chat roles) is markup, not content. */
    private static boolean isLabelColon(List<String> units, int j) {
        return units.get(j).equals(":") && j >= 1 && !units.get(j - 1).startsWith(" ")
                && (j == 1 || units.get(j - 2).equals("\n"));
    }

    private static boolean isSymbolic(String u) {
        return !Character.isLetter(u.charAt(0)) && ",.!?;'’\"".indexOf(u.charAt(0)) < 0;
    }

    /** Records an emitted unit; a {@code "\n"} closes the current line. */
    void record(String unit) {
        if (!unit.equals("\n")) {
            current.add(unit);
            return;
        }
        if (!current.isEmpty()) {
            beforePrevious = previous;
            previous = new ArrayList<>(current);
            current.clear();
        }
    }

    /** True once the current line is as long as the previous one: where its model row ended. */
    boolean atRowLength() {
        return previous != null && !current.isEmpty() && current.size() >= previous.size();
    }

    /** True at the start of a line with a finished line before it that can be copied. */
    boolean canRepeat() {
        return current.isEmpty() && previous != null && previous.size() <= MAX_LINE_UNITS;
    }

    /** The prompt's format template as a first line (once), or null if it has none or it was used. */
    List<String> takeTemplate() {
        if (template == null || previous != null || !current.isEmpty()) {
            return null;
        }
        List<String> out = new ArrayList<>(template);
        template = null;
        out.add("\n");
        return out;
    }

    /**
     * The previous line with its numbers advanced: whole (with its {@code "\n"}) with probability
     * {@value #WHOLE}, else a prefix of at least half of it, which the n-gram then finishes its own way.
     */
    List<String> repeatPrevious(SplittableRandom random) {
        List<String> out = advancedPrevious();
        if (random.nextDouble() < WHOLE) {
            out.add("\n");
            return out;
        }
        int half = (out.size() + 1) / 2;
        return out.subList(0, half + random.nextInt(out.size() - half + 1));
    }

    /** The previous line with every number advanced (see the class comment). */
    List<String> advancedPrevious() {
        List<Integer> slots = numberSlots(previous);
        List<Integer> older = beforePrevious == null ? List.of() : numberSlots(beforePrevious);
        boolean progression = !slots.isEmpty() && older.size() == slots.size();
        List<String> out = new ArrayList<>(previous);
        for (int i = 0; i < slots.size(); i++) {
            int at = slots.get(i);
            long step = progression ? value(previous.get(at)) - value(beforePrevious.get(older.get(i)))
                    : i == slots.size() - 1 ? 1 : 0;
            if (step != 0) {
                String u = previous.get(at);
                long next = Math.max(0, value(u) + step);
                out.set(at, (u.startsWith(" ") ? " " : "") + next);
            }
        }
        return out;
    }

    private static List<Integer> numberSlots(List<String> line) {
        List<Integer> slots = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            String u = line.get(i).strip();
            if (!u.isEmpty() && u.length() <= 15 && Character.isDigit(u.charAt(0))) {
                slots.add(i);
            }
        }
        return slots;
    }

    private static long value(String unit) {
        return Long.parseLong(unit.strip());
    }
}
