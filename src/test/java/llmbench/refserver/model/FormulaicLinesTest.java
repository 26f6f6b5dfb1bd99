package llmbench.refserver.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class FormulaicLinesTest {

    private static FormulaicLines of(String prompt) {
        return new FormulaicLines(NgramTextModel.units(prompt));
    }

    private static void emit(FormulaicLines lines, String text) {
        NgramTextModel.units(text).forEach(lines::record);
    }

    @Test
    void proseRequestHasNoStructureEvenWithItsChatRoleLabels() {
        assertEquals(0.0, of("user: Write the opening of a story set in a lighthouse, where the keeper's lamp is lit "
                + "every night.\nassistant:").sigma());
    }

    @Test
    void quotedFormatTemplateMakesTheRequestStructuredAndBecomesTheFirstLine() {
        // 22 units besides the role colons, 3 of them digits or symbols ("2", "^", "="): (3/22 − 0.02)/0.1 = 1.16,
        // plus 0.5 for the template, clamped to 1.
        FormulaicLines lines = of("user: List the powers of two in the format \"2^n = value\", one per line.\nassistant:");
        assertEquals(1.0, lines.sigma());
        assertEquals(List.of("2", "^", "n", " =", " value", "\n"), lines.takeTemplate());
        assertNull(lines.takeTemplate());
    }

    @Test
    void copiedLineContinuesTheProgressionOfItsNumbers() {
        FormulaicLines lines = of("7 x 1 = 7");
        emit(lines, "7 x 1 = 7\n7 x 2 = 14\n");
        assertEquals("7 x 3 = 21", String.join("", lines.advancedPrevious()));
    }

    @Test
    void copiedLineWithoutAnEarlierRowCountsItsLastNumberUp() {
        FormulaicLines lines = of("Day 1");
        emit(lines, "| Day 9 | Pending |\n");
        assertEquals("| Day 10 | Pending |", String.join("", lines.advancedPrevious()));
    }
}
