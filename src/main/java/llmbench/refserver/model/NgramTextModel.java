package llmbench.refserver.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A word-level trigram model over two sources: the request's own context (prompt plus what has been
 * generated so far) and a built-in corpus of generic English ({@value #CORPUS_RESOURCE}).
 *
 * <p>Next-word distribution, for history (w₋₂, w₋₁):
 * <pre>
 *   P(x) = λ·P_ctx(x | h) + (1 − λ)·P_corpus(x | h)      λ = 0.3 + 0.65·ρ
 * </pre>
 * where each source backs off from the trigram to the bigram table, a source with no entry for the
 * history drops out (the other gets all the mass), and ρ is the context's repetitiveness: the fraction
 * of its trigram occurrences that repeat an earlier one. A repetitive context therefore gets copied
 * more. If neither source knows the history, the next word is drawn from the corpus's sentence starts.
 * Sampling raises P to 1/t (t = temperature, or {@value #GREEDY_TEMPERATURE} when the request asks for
 * 0), keeps the top-p nucleus and draws. Temperature 0 seeds the draw from a hash of the prompt, which
 * makes it reproducible; otherwise the seed is random.
 *
 * <p><b>Copy mechanism</b> ({@link ContextSalience}): at a sentence boundary (after {@code . ! ? : \n}, or
 * at the start when the prompt ends on one), with probability COPY_GATE·COPY_DECAY^k after k earlier
 * copies (0.9, 0.45, 0.225, …; times the share of salience not yet inhibited), the next words are copied
 * from the prompt instead of sampled: a salient word (rare, name-like, related to the latest turn) with up
 * to five words before it in its sentence. The n-gram then continues from there. Like an attention head
 * that copies the user's names and key words, it brings a name from an earlier turn back into the reply.
 *
 * <p><b>Paragraphs</b>: once a paragraph holds PARAGRAPH_MIN + U[0, PARAGRAPH_SPREAD] tokens (40–120), the
 * next sentence end is followed by a blank line ({@code "\n" "\n"}, two tokens), and sampling resumes
 * from the history (\n, \n), where the corpus knows its paragraph openings. Newlines in the prompt are context units like any other.
 * The gate, the copy targets and the paragraph lengths are drawn from a second generator seeded from the
 * same seed, so temperature 0 stays reproducible.
 *
 * <p><b>Formulaic rows</b> ({@link FormulaicLines}): the more structured the prompt (digits, symbols, a quoted
 * format template), the more the answer is lines that copy the previous line with its numbers advanced, so
 * a table or counting request gets repetitive output and a story request gets none of this.
 *
 * <p>Each word is emitted as its {@link Tokenizer} pieces, so every piece is one token.
 * <b>End of sequence:</b> with L = 200 + (seed mod 601), the generation emits EOS right after the first
 * sentence-ending word ({@code . ! ?}) once at least L tokens were emitted, i.e. natural answers are
 * 200–800+ tokens long and benchmark requests with smaller max_tokens end by length.
 */
public final class NgramTextModel implements TextGenerator {
    public static final String CORPUS_RESOURCE = "refserver/corpus.txt";
    static final double GREEDY_TEMPERATURE = 0.5;
    /** A unit is a word with its leading space, a number, one punctuation mark, or one whitespace char. */
    private static final Pattern UNIT = Pattern.compile(" ?\\p{L}+| ?\\p{Nd}+| ?[^\\s\\p{L}\\p{Nd}]|\\s");

    /** Copy gate at the k-th sentence boundary after k earlier copies: COPY_GATE · COPY_DECAY^k. */
    static final double COPY_GATE = 0.9;
    static final double COPY_DECAY = 0.5;
    /** A paragraph ends at the first sentence end after PARAGRAPH_MIN + U[0, PARAGRAPH_SPREAD] tokens. */
    static final int PARAGRAPH_MIN = 40;
    static final int PARAGRAPH_SPREAD = 80;

    private final Tokenizer tokenizer;
    private final Lexicon lexicon;
    private final NgramTable corpus = new NgramTable();
    private final Counts sentenceStarts = new Counts();

    public NgramTextModel(Tokenizer tokenizer, String corpusText) {
        this.tokenizer = tokenizer;
        this.lexicon = new Lexicon(corpusText, Lexicon.builtInWordList());
        List<String> units = units(corpusText);
        String h2 = "\n";
        String h1 = "\n";
        for (String u : units) {
            corpus.add(h2, h1, u);
            if (isSentenceEnd(h1) && !u.isBlank()) {
                sentenceStarts.add(u.startsWith(" ") ? u : " " + u);
            }
            h2 = h1;
            h1 = u;
        }
        if (sentenceStarts.size() == 0) {
            throw new IllegalArgumentException("corpus has no sentences");
        }
    }

    /** The model over the built-in corpus. */
    public static NgramTextModel withBuiltInCorpus(Tokenizer tokenizer) {
        try (InputStream in = NgramTextModel.class.getClassLoader().getResourceAsStream(CORPUS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + CORPUS_RESOURCE);
            }
            return new NgramTextModel(tokenizer, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + CORPUS_RESOURCE, e);
        }
    }

    @Override
    public Generation begin(String prompt, Sampling sampling) {
        return new NgramGeneration(prompt, sampling);
    }

    static List<String> units(CharSequence text) {
        List<String> out = new ArrayList<>();
        Matcher m = UNIT.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    private static boolean isSentenceEnd(String unit) {
        String u = unit.strip();
        return u.equals(".") || u.equals("!") || u.equals("?");
    }

    /** 64-bit FNV-1a of the text and the sampling settings: the reproducible seed of temperature 0. */
    static long seedOf(String prompt, Sampling sampling) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < prompt.length(); i++) {
            h ^= prompt.charAt(i);
            h *= 0x100000001b3L;
        }
        return h ^ Double.doubleToLongBits(sampling.topP());
    }

    private final class NgramGeneration implements Generation {
        private final NgramTable context = new NgramTable();
        private final SplittableRandom random;
        /** Draws of the copy gate, copy targets and paragraph lengths, apart so they do not shift word sampling. */
        private final SplittableRandom structure;
        private final double invTemperature;
        private final double topP;
        private final double lambda;
        private final int lengthTarget;
        private final ContextSalience salience;
        private final FormulaicLines lines;
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        /** Units decided ahead of sampling: a copied sentence, or a paragraph break. */
        private final ArrayDeque<String> planned = new ArrayDeque<>();
        private String h2 = "\n";
        private String h1 = "\n";
        private int emitted;
        private int copies;
        private int paragraphTokens;
        private int paragraphTarget;
        private boolean eosDue;

        NgramGeneration(String prompt, Sampling sampling) {
            List<String> promptUnits = units(prompt);
            for (String u : promptUnits) {
                context.add(h2, h1, u);
                h2 = h1;
                h1 = u;
            }
            salience = new ContextSalience(promptUnits, lexicon);
            lines = new FormulaicLines(promptUnits);
            lambda = 0.3 + 0.65 * context.repetitiveness();
            long seed = sampling.temperature() == 0 ? seedOf(prompt, sampling) : new SplittableRandom().nextLong();
            random = new SplittableRandom(seed);
            structure = new SplittableRandom(~seed);
            lengthTarget = 200 + (int) Math.floorMod(seed, 601L);
            invTemperature = 1.0 / (sampling.temperature() == 0 ? GREEDY_TEMPERATURE : sampling.temperature());
            topP = sampling.topP() == 0 ? Double.MIN_VALUE : sampling.topP();
            paragraphTarget = PARAGRAPH_MIN + structure.nextInt(PARAGRAPH_SPREAD + 1);
        }

        @Override
        public String nextPiece() {
            if (pending.isEmpty()) {
                if (eosDue) {
                    return EOS;
                }
                String unit = nextUnit();
                context.add(h2, h1, unit);
                h2 = h1;
                h1 = unit;
                lines.record(unit);
                pending.addAll(tokenizer.pieces(unit));
            }
            String piece = pending.poll();
            emitted++;
            paragraphTokens++;
            if (pending.isEmpty() && planned.isEmpty() && isSentenceEnd(h1)) {
                if (emitted >= lengthTarget) {
                    eosDue = true;
                } else if (lines.sigma() > 0 && structure.nextDouble() < lines.sigma()) {
                    planned.add("\n");
                } else if (paragraphTokens >= paragraphTarget) {
                    planned.add("\n");
                    planned.add("\n");
                    paragraphTokens = -2;
                    paragraphTarget = PARAGRAPH_MIN + structure.nextInt(PARAGRAPH_SPREAD + 1);
                }
            } else if (pending.isEmpty() && planned.isEmpty() && lines.sigma() > 0 && lines.atRowLength()
                    && structure.nextDouble() < lines.sigma()) {
                planned.add("\n");
            }
            return piece;
        }

        private String nextUnit() {
            if (!planned.isEmpty()) {
                return planned.poll();
            }
            if (h1.equals("\n") && lines.sigma() > 0 && lines.canRepeat()
                    && structure.nextDouble() < FormulaicLines.REPEAT * lines.sigma()) {
                planned.addAll(lines.repeatPrevious(structure));
                return planned.poll();
            }
            if (emitted == 0 && lines.sigma() > 0 && structure.nextDouble() < lines.sigma()) {
                List<String> template = lines.takeTemplate();
                if (template != null) {
                    planned.addAll(template);
                    return planned.poll();
                }
            }
            if (ContextSalience.isBoundary(h1) && structure.nextDouble() < COPY_GATE * Math.pow(COPY_DECAY, copies)
                    * salience.remainingShare()) {
                List<String> span = salience.drawSpan(structure);
                while (!span.isEmpty() && span.get(0).isBlank()) {
                    span = span.subList(1, span.size());
                }
                if (!span.isEmpty()) {
                    copies++;
                    String first = span.get(0).strip();
                    first = Character.toUpperCase(first.charAt(0)) + first.substring(1);
                    boolean glued = h1.equals("\n") || !Character.isLetterOrDigit(first.charAt(0));
                    planned.add(glued ? first : " " + first);
                    planned.addAll(span.subList(1, span.size()));
                    return planned.poll();
                }
            }
            return sampledUnit();
        }

        private String sampledUnit() {
            Counts fromContext = context.lookup(h2, h1);
            Counts fromCorpus = corpus.lookup(h2, h1);
            if (fromContext == null && fromCorpus == null) {
                fromCorpus = sentenceStarts;
            }
            double wContext = fromCorpus == null ? 1.0 : fromContext == null ? 0.0 : lambda;
            Candidates c = new Candidates();
            if (fromContext != null) {
                fromContext.addTo(c, wContext);
            }
            if (fromCorpus != null) {
                fromCorpus.addTo(c, 1.0 - wContext);
            }
            return c.sample(invTemperature, topP, random);
        }
    }
}
