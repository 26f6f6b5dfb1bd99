package llmbench.refserver.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class StopSequenceFilterTest {

    @Test
    void holdsBackTheLastStopLengthMinusOneCharacters() {
        StopSequenceFilter f = new StopSequenceFilter(List.of("END"));   // keeps 2 chars
        assertEquals("", f.accept(" a"));
        assertEquals(" ", f.accept("b"));        // buffer " ab" → release " ", keep "ab"
        assertEquals("ab c", f.accept(" cde"));  // buffer "ab cde" → release "ab c", keep "de"
        assertFalse(f.stopped());
        assertEquals("de", f.drain());
    }

    @Test
    void releasesTextBeforeTheStopStringAndDropsTheRest() {
        StopSequenceFilter f = new StopSequenceFilter(List.of("END", "."));
        assertEquals("", f.accept("x"));
        assertEquals("xy", f.accept("y. more"));
        assertTrue(f.stopped());
    }

    @Test
    void stopStringSplitAcrossTokensIsCaught() {
        StopSequenceFilter f = new StopSequenceFilter(List.of("END"));
        assertEquals("", f.accept("E"));
        assertEquals("", f.accept("N"));
        assertEquals("", f.accept("D!"));
        assertTrue(f.stopped());
    }

    /** The model emits a line break as its own "\n" token; a "\n" stop holds nothing back and cuts there. */
    @Test
    void newlineStopCutsAtTheNewlineToken() {
        StopSequenceFilter f = new StopSequenceFilter(List.of("\n"));   // keeps 0 chars
        assertEquals(" One", f.accept(" One"));
        assertEquals(".", f.accept("."));
        assertFalse(f.stopped());
        assertEquals("", f.accept("\n"));
        assertTrue(f.stopped());
    }
}
