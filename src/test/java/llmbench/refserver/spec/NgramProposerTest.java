package llmbench.refserver.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class NgramProposerTest {
    private static int[] propose(int min, int max, int k, int... ctx) {
        return new NgramProposer(min, max).propose(ctx, ctx.length, k);
    }

    @Test
    void theLongestMatchingKeyProposesWhatFollowedItUpToK() {
        // n=4 key [4,1,2,3] has no earlier occurrence; n=3 key [1,2,3] occurred at 0, followed by 4,1,2,3
        assertArrayEquals(new int[] {4, 1, 2, 3}, propose(1, 4, 5, 1, 2, 3, 4, 1, 2, 3));
        assertArrayEquals(new int[] {4, 1}, propose(1, 4, 2, 1, 2, 3, 4, 1, 2, 3));
    }

    @Test
    void theMostRecentEarlierOccurrenceWins() {
        // key [5]: occurrences at 2 and 0; the one at 2 is taken → [7, 5], not [9, 5, 7, 5]
        assertArrayEquals(new int[] {7, 5}, propose(1, 1, 5, 5, 9, 5, 7, 5));
    }

    @Test
    void aProposalMayRunIntoTheKeyItself() {
        // key [7,7] (positions 1..2) matches at 0 → the token at 2
        assertArrayEquals(new int[] {7}, propose(1, 2, 5, 7, 7, 7));
    }

    @Test
    void nothingWithoutAMatchOrWithTooShortAContext() {
        assertArrayEquals(new int[0], propose(1, 4, 5, 1, 2, 3));
        assertArrayEquals(new int[0], propose(1, 4, 5, 1));
        assertArrayEquals(new int[0], propose(2, 4, 5, 1, 2, 3, 2), "[3,2] never occurred; n=1 not allowed");
        assertArrayEquals(new int[] {3, 2}, propose(1, 4, 5, 1, 2, 3, 2), "with n=1: [2] at 1");
    }
}
