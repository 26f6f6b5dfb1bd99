package llmbench.refserver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NgramTextModelTest {
    private final Tokenizer tokenizer = new Tokenizer();
    private final NgramTextModel model = NgramTextModel.withBuiltInCorpus(tokenizer);

    private List<String> generate(String prompt, Sampling s, int max) {
        TextGenerator.Generation g = model.begin(prompt, s);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < max; i++) {
            String p = g.nextPiece();
            if (p == TextGenerator.Generation.EOS) {
                break;
            }
            out.add(p);
        }
        return out;
    }

    @Test
    void temperatureZeroRepeatsItselfForTheSamePrompt() {
        Sampling greedy = new Sampling(0, 1);
        assertEquals(generate("user: Tell me a story.\nassistant:", greedy, 150),
                generate("user: Tell me a story.\nassistant:", greedy, 150));
        assertNotEquals(generate("user: Tell me a story.\nassistant:", greedy, 150),
                generate("user: Tell me a joke.\nassistant:", greedy, 150));
    }

    @Test
    void everyPieceIsExactlyOneToken() {
        for (String piece : generate("Numbers like 123456 and internationalisation matter.", new Sampling(1, 1), 1000)) {
            assertEquals(1, tokenizer.count(piece), "'" + piece + "'");
        }
    }

    @Test
    void endOfSequenceComesAfterASentenceEndAndNotBefore200Tokens() {
        TextGenerator.Generation g = model.begin("A plan has three parts.", new Sampling(0, 1));
        List<String> out = new ArrayList<>();
        for (String p; (p = g.nextPiece()) != TextGenerator.Generation.EOS; ) {
            out.add(p);
            assertTrue(out.size() < 5000, "no EOS");
        }
        assertTrue(out.size() >= 200, "EOS after " + out.size());
        assertTrue(Set.of(".", "!", "?").contains(out.get(out.size() - 1).strip()));
    }

    /** Share of generated pieces that are words only the context contains. */
    private double copiedShare(String unit, int repeats) {
        Set<String> invented = Set.of(" zorbex", " quimly", " flapor", " drubin");
        int copied = 0;
        int total = 0;
        for (int variant = 0; variant < 5; variant++) {
            String prompt = variant + " " + unit.repeat(repeats);
            for (String p : generate(prompt, new Sampling(0, 1), 400)) {
                total++;
                if (invented.contains(p)) {
                    copied++;
                }
            }
        }
        return (double) copied / total;
    }

    @Test
    void repetitiveContextIsCopiedMoreThanAVariedOne() {
        String unit = "The zorbex and the quimly of the flapor is a drubin. ";
        double once = copiedShare(unit, 1);
        double many = copiedShare(unit, 12);
        assertTrue(many > once, "copied share " + many + " (repetitive) vs " + once + " (once)");
    }

    private static String text(List<String> pieces) {
        return String.join("", pieces);
    }

    /** Turn 2 of the seed's multiturn check, for other names too: the name of turn 1 comes back. */
    @Test
    void aNameFromAnEarlierTurnComesBackInTheReply() {
        for (String name : List.of("Alice", "Kenji", "Priya")) {
            int named = 0;
            for (int i = 0; i < 100; i++) {
                String turn1 = "system: You are a helpful assistant.\nuser: Hi! My name is " + name
                        + ". Please remember my name, " + name + ".\nassistant:";
                String reply1 = text(generate(turn1, new Sampling(0.3, 1), 64));
                String turn2 = turn1 + reply1 + "\nuser: What is my name?\nassistant:";
                if (text(generate(turn2, new Sampling(0.3, 1), 64)).contains(name)) {
                    named++;
                }
            }
            // measured: 99–100 of 100 (before the copy mechanism: about 50)
            assertTrue(named >= 90, name + " named in " + named + " of 100 replies");
        }
    }

    @Test
    void proseBreaksIntoParagraphsWithinAFewHundredTokens() {
        int broken = 0;
        for (int variant = 0; variant < 20; variant++) {
            String prompt = "user: Count from 1 to " + (10 + variant) + ", one number per line.\nassistant:";
            if (text(generate(prompt, new Sampling(0, 1), 256)).contains("\n\n")) {
                broken++;
            }
        }
        assertTrue(broken >= 19, broken + " of 20");
    }
}
