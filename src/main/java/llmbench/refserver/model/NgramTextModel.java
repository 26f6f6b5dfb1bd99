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

    private final Tokenizer tokenizer;
    private final NgramTable corpus = new NgramTable();
    private final Counts sentenceStarts = new Counts();

    public NgramTextModel(Tokenizer tokenizer, String corpusText) {
        this.tokenizer = tokenizer;
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
        private final double invTemperature;
        private final double topP;
        private final double lambda;
        private final int lengthTarget;
        private final ArrayDeque<String> pending = new ArrayDeque<>();
        private String h2 = "\n";
        private String h1 = "\n";
        private int emitted;
        private boolean eosDue;

        NgramGeneration(String prompt, Sampling sampling) {
            for (String u : units(prompt)) {
                context.add(h2, h1, u);
                h2 = h1;
                h1 = u;
            }
            lambda = 0.3 + 0.65 * context.repetitiveness();
            long seed = sampling.temperature() == 0 ? seedOf(prompt, sampling) : new SplittableRandom().nextLong();
            random = new SplittableRandom(seed);
            lengthTarget = 200 + (int) Math.floorMod(seed, 601L);
            invTemperature = 1.0 / (sampling.temperature() == 0 ? GREEDY_TEMPERATURE : sampling.temperature());
            topP = sampling.topP() == 0 ? Double.MIN_VALUE : sampling.topP();
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
                pending.addAll(tokenizer.pieces(unit));
            }
            String piece = pending.poll();
            emitted++;
            if (pending.isEmpty() && emitted >= lengthTarget && isSentenceEnd(h1)) {
                eosDue = true;
            }
            return piece;
        }

        private String nextUnit() {
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
