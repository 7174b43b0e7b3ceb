package dev.ductus.hmm.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.hmm.TinyModels;
import org.junit.jupiter.api.Test;

class LineHmmTest {
    private final CharacterHmms hmms = TinyModels.spaceAB(0.1);

    @Test
    void chainsUnitsWithOptionalSpaces() {
        // "  a b " -> [sp] a [sp] b [sp]: leading/trailing/repeated spaces normalised
        LineHmm line = LineHmm.of(hmms, new int[] {0, 0, 1, 0, 0, 2, 0});
        assertEquals(5, line.units());
        int[] symbols = {0, 1, 0, 2, 0};
        boolean[] optional = {true, false, true, false, true};
        for (int u = 0; u < 5; u++) {
            assertEquals(symbols[u], line.unitSymbol(u));
            assertEquals(optional[u], line.unitOptional(u));
        }
        assertEquals(1 + 2 + 1 + 3 + 1, line.size());
        // entry into the leading space or straight into "a"
        assertEquals(0.0, line.logInit(0));
        assertEquals(0.0, line.logInit(1));
        assertFalse(line.logInit(2) > Double.NEGATIVE_INFINITY);
        // the line may end after the trailing space, after b's last state, or by b's skip exit
        assertTrue(line.logFinal(7) > Double.NEGATIVE_INFINITY);
        assertTrue(line.logFinal(6) > Double.NEGATIVE_INFINITY);
        assertTrue(line.logFinal(5) > Double.NEGATIVE_INFINITY);
        assertFalse(line.logFinal(4) > Double.NEGATIVE_INFINITY);
    }

    @Test
    void spaceBetweenWordsCanBeSkipped() {
        LineHmm line = LineHmm.of(hmms, new int[] {1, 0, 2});
        // a's last state (line state 2) goes to the space (3) and straight to b's first state (4)
        boolean toSpace = false;
        boolean toB = false;
        for (int a = 0; a < line.arcs(); a++) {
            if (line.arcFrom(a) == 2 && line.arcTo(a) == 3) toSpace = true;
            if (line.arcFrom(a) == 2 && line.arcTo(a) == 4) toB = true;
        }
        assertTrue(toSpace);
        assertTrue(toB);
    }

    @Test
    void minimumFramesUsesSkips() {
        // "ab": a needs 1 frame with its skip exit (2 states), b needs 2 of its 3 states
        assertEquals(3, LineHmm.of(hmms, new int[] {1, 2}).minimumFrames());
        assertEquals(5, LineHmm.of(TinyModels.spaceAB(0), new int[] {1, 2}).minimumFrames());
    }
}
