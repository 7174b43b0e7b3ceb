package dev.ductus.hmm.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.hmm.topology.CharacterHmms;
import java.lang.annotation.Annotation;
import java.util.List;
import org.junit.jupiter.api.Test;

class HmmDecoderComponentTest {
    private static HmmDecoderComponent.Config config(String mode, double beam) {
        return new HmmDecoderComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return HmmDecoderComponent.Config.class;
            }

            @Override
            public String ductus_name() {
                return "hmm";
            }

            @Override
            public double lm_weight() {
                return 2;
            }

            @Override
            public double insertion_penalty() {
                return -1;
            }

            @Override
            public double beam() {
                return beam;
            }

            @Override
            public int max_tokens() {
                return 100;
            }

            @Override
            public String mode() {
                return mode;
            }
        };
    }

    @Test
    void decodesHmmStateScoresWithTheConfiguredSettings() {
        HmmDecoderComponent c = new HmmDecoderComponent();
        c.configure(config("auto", 100));
        assertTrue(c.accepts(ScoreKind.HMM_STATE_LOG_LIKELIHOOD));
        assertFalse(c.accepts(ScoreKind.CTC_LOG_POSTERIOR));
        CharacterHmms hmm = CharacterHmms.create(new Alphabet(List.of(" ", "a", "b")), new int[] {1, 1, 1}, 0.5, 0);
        // frames 0-1 say "a", frames 2-3 say "b"
        float[] s = {-9, 0, -9, -9, 0, -9, -9, -9, 0, -9, -9, 0};
        FrameScores scores = new FrameScores(ScoreKind.HMM_STATE_LOG_LIKELIHOOD, 4, 3, s, hmm.alphabet(), hmm,
                FrameScores.evenPositions(4, 8), 8);
        assertEquals("ab", c.decode(scores, null).text());
        c.configure(config("lexicon", 100));
        assertThrows(InputException.class, () -> c.decode(scores, null));
    }

    @Test
    void refusesUnknownModesAndBadBeams() {
        HmmDecoderComponent c = new HmmDecoderComponent();
        assertThrows(IllegalArgumentException.class, () -> c.configure(config("fast", 100)));
        assertThrows(IllegalArgumentException.class, () -> c.configure(config("open", 0)));
    }
}
