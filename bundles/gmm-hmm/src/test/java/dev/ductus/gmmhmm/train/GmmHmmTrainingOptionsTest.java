package dev.ductus.gmmhmm.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GmmHmmTrainingOptionsTest {
    @Test
    void defaultsAndStages() {
        GmmHmmTrainingOptions o = GmmHmmTrainingOptions.defaults();
        assertEquals(0, o.fixedStates());
        assertArrayEquals(new int[] {1, 2, 4, 8, 16}, o.stages());
        assertEquals(o.firstIterations() + 4 * o.iterations(), o.totalIterations());
        GmmHmmTrainingOptions p = GmmHmmTrainingOptions.parse(Map.of("states", "6", "mixtures", "4",
                "features", "pixels:h=16"));
        assertEquals(6, p.fixedStates());
        assertEquals("pixels:w=4,s=2,h=16,deltas=0", p.features());
        assertArrayEquals(new int[] {1, 2, 4}, p.stages());
    }

    @Test
    void refusesTyposAndNonsense() {
        for (Map<String, String> bad : new Map[] {Map.of("mixture", "4"), Map.of("mixtures", "6"), Map.of("states", "many"),
            Map.of("skip", "0.9"), Map.of("features", "mfcc")}) {
            InputException e = assertThrows(InputException.class, () -> GmmHmmTrainingOptions.parse(bad), bad.toString());
            assertTrue(e.getMessage().contains(bad.keySet().iterator().next()) || e.getMessage().contains("feature spec"),
                    e.getMessage());
        }
    }
}
