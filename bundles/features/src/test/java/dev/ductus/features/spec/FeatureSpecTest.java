package dev.ductus.features.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.features.Images;
import dev.ductus.features.handcrafted.HandcraftedFeatures;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {
    @Test
    void parsesAndPrintsTheCanonicalForm() {
        assertEquals("handcrafted:w=3,s=3,deltas=1", FeatureSpec.parse("handcrafted:w=3,s=3,deltas=1").toString());
        assertEquals("handcrafted:w=3,s=3,deltas=1", FeatureSpec.parse("handcrafted").toString());
        assertEquals("handcrafted:w=2,s=3,deltas=0", FeatureSpec.parse(" handcrafted:deltas=false, w=2 ").toString());
        assertEquals("pixels:w=4,s=2,h=32,deltas=0", FeatureSpec.parse("pixels:w=4,s=2,h=32").toString());
        FeatureSpec p = FeatureSpec.parse("pixels:h=16");
        assertEquals(FeatureSpec.Kind.PIXELS, p.kind());
        assertEquals(16, p.height());
    }

    @Test
    void rejectsWhatItDoesNotUnderstand() {
        for (String bad : new String[] {"", "mfcc:w=3", "handcrafted:h=32", "handcrafted:w=x", "handcrafted:w=0",
            "pixels:w", "handcrafted:w=3,w=4", "handcrafted:deltas=3"}) {
            InputException e = assertThrows(InputException.class, () -> FeatureSpec.parse(bad), bad);
            assertTrue(e.getMessage().contains("feature spec"), e.getMessage());
        }
    }

    @Test
    void extractorStampsItsSpecAndFramePositions() {
        WindowFeatureExtractor x = WindowFeatureExtractor.of("handcrafted:w=3,s=3,deltas=1");
        assertEquals(2 * HandcraftedFeatures.DIMENSION, x.dimension());
        float[] p = Images.white(30, 24);
        Images.ink(p, 30, 5, 20, 8, 16);
        FeatureSequence fs = x.extract(Images.image(30, 24, p, null));
        assertEquals(10, fs.frames());
        assertEquals(x.spec(), fs.spec());
        assertEquals(1.5f, fs.frameX()[0]);
        assertEquals(28.5f, fs.frameX()[9]);
        WindowFeatureExtractor px = WindowFeatureExtractor.of("pixels:w=4,s=2,h=8");
        FeatureSequence ps = px.extract(Images.image(30, 24, p, null));
        assertEquals(32, ps.dimension());
        assertEquals(15, ps.frames());
        assertArrayEquals(new float[] {1f, 3f}, new float[] {ps.frameX()[0], ps.frameX()[1]});
    }
}
