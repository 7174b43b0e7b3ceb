package dev.ductus.image.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.image.Preprocessor;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainAssemblyTest {
    private final Preprocessor a = (img, notes) -> img;
    private final Preprocessor b = (img, notes) -> img;
    private final Preprocessor b2 = (img, notes) -> img;

    @Test
    void assemblesOnlyWhenEveryNamedStepIsThere() {
        ChainAssembly assembly = new ChainAssembly();
        assembly.add("a", a, 0, 1);
        ChainAssembly.State state = assembly.assemble(List.of("a", "b"));
        assertFalse(state.complete());
        assertEquals(List.of("b"), state.missing());
        assembly.add("b", b, 0, 2);
        state = assembly.assemble(List.of("b", "a"));
        assertTrue(state.complete());
        assertEquals(List.of("b", "a"), state.chain().names());
        assertSame(b, state.chain().steps().get(0).preprocessor());
        assembly.remove(b);
        assertEquals(List.of("b"), assembly.assemble(List.of("a", "b")).missing());
    }

    @Test
    void highestRankingThenOldestWins() {
        ChainAssembly assembly = new ChainAssembly();
        assembly.add("b", b, 0, 5);
        assembly.add("b", b2, 0, 9);
        assertSame(b, assembly.assemble(List.of("b")).chain().steps().get(0).preprocessor());
        assembly.add("b", b2, 10, 9);
        assertSame(b2, assembly.assemble(List.of("b")).chain().steps().get(0).preprocessor());
        assembly.remove("b", b2);
        assertSame(b, assembly.assemble(List.of("b")).chain().steps().get(0).preprocessor());
    }

    @Test
    void aStepMayBeUsedTwice() {
        ChainAssembly assembly = new ChainAssembly();
        assembly.add("a", a, 0, 1);
        assertEquals(List.of("a", "a"), assembly.assemble(List.of("a", "a")).chain().names());
    }

    @Test
    void aStepWithItsOwnOptionsIsBuiltForThisChainOnly() {
        ChainAssembly assembly = new ChainAssembly();
        ChainAssembly.State state = assembly.assemble(List.of("normalize(mode=uniform;height=32)"));
        assertTrue(state.complete(), "no step service is needed for a step with inline options");
        dev.ductus.api.image.GrayImage line = dev.ductus.api.image.GrayImage.blank(200, 80);
        float[] p = line.pixels().clone();
        for (int y = 30; y < 50; y++) for (int x = 20; x < 180; x++) p[y * 200 + x] = 0f;
        dev.ductus.api.image.GrayImage out = state.chain().process(new dev.ductus.api.image.GrayImage(200, 80, p), new dev.ductus.api.Notes());
        assertEquals(32, out.height());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> assembly.assemble(List.of("normalize(heigth=32)")), "a misspelt option is refused");
    }
}
