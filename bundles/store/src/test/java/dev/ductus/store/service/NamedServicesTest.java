package dev.ductus.store.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.StageProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NamedServicesTest {
    @Test
    void findsByNameWaitsForALateOneAndNamesTheRegisteredOnesWhenMissing() throws Exception {
        NamedServices<String> chains = new NamedServices<>("preprocessing chain");
        String uniform = "uniform chain";
        chains.add("default chain", Map.of(StageProperties.NAME, "default"));
        chains.add(uniform, Map.of(StageProperties.NAME, "uniform"));
        assertEquals(uniform, chains.get("uniform", 0));

        Thread late = new Thread(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            chains.add("pixels chain", Map.of(StageProperties.NAME, "pixels"));
        });
        late.start();
        assertEquals("pixels chain", chains.get("pixels", 5_000));
        late.join();

        chains.remove(uniform);
        InputException e = assertThrows(InputException.class, () -> chains.get("uniform", 50));
        assertTrue(e.getMessage().contains("preprocessing chain 'uniform'") && e.getMessage().contains("[default, pixels]"),
                e.getMessage());
    }
}
