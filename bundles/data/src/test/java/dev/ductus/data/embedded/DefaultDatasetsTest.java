package dev.ductus.data.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.InputException;
import dev.ductus.api.data.Dataset;
import dev.ductus.api.data.Sample;
import dev.ductus.data.ImageIoLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DefaultDatasetsTest {
    @TempDir
    Path dir;

    @Test
    void opensEmbeddedNamesWithoutArgumentsGeneratingThemOnce() {
        List<String> progress = new ArrayList<>();
        EmbeddedDatasets embedded = new EmbeddedDatasets(dir.resolve("datasets"), new FixtureDataSources(dir), 2);
        DefaultDatasets provider = new DefaultDatasets(embedded, new ImageIoLoader(), DatasetSize.TINY, progress::add);

        assertEquals(List.of("cursive", "digits", "paragraphs"), provider.names());
        Dataset test = provider.open("digits", "test");
        assertEquals("digits", test.name());
        assertEquals("test", test.split());
        assertEquals(10, test.size());
        assertTrue(Files.isRegularFile(dir.resolve("datasets/digits-tiny-g1/dataset.properties")));
        assertTrue(progress.stream().anyMatch(l -> l.contains("ETA")), progress.toString());
        Sample first = test.samples().get(0);
        assertTrue(first.loadImage().height() > 40);
        assertTrue(first.text().matches("[0-9 ]+"));

        int lines = progress.size();
        assertEquals(test.samples().get(3).text(), provider.open("digits:tiny", "test").samples().get(3).text());
        assertEquals(100, provider.open("digits", "train").size());
        assertEquals(lines, progress.size(), "a generated dataset is not generated again");
    }

    @Test
    void paragraphSamplesCarryTheirLineBoxes() {
        EmbeddedDatasets embedded = new EmbeddedDatasets(dir.resolve("datasets"), new FixtureDataSources(dir), 2);
        DefaultDatasets provider = new DefaultDatasets(embedded, new ImageIoLoader(), DatasetSize.TINY, l -> { });
        Dataset validation = provider.open("paragraphs", "validation");
        assertEquals(1, validation.size());
        Sample s = validation.samples().get(0);
        assertEquals(s.text().split("\n").length, s.lineBoxes().size());
    }

    @Test
    void rejectsUnknownSplitsAndSizesAndOpensPaths() throws Exception {
        EmbeddedDatasets embedded = new EmbeddedDatasets(dir.resolve("datasets"), new FixtureDataSources(dir), 1);
        ImageIoLoader loader = new ImageIoLoader();
        DefaultDatasets provider = new DefaultDatasets(embedded, loader, DatasetSize.TINY, l -> { });
        assertThrows(InputException.class, () -> provider.open("cursive", "dev"));
        assertThrows(InputException.class, () -> provider.open("cursive:huge", "test"));
        InputException missing = assertThrows(InputException.class, () -> provider.open(dir.resolve("nothing").toString(), "test"));
        assertTrue(missing.getMessage().contains("nothing"));

        Path folder = dir.resolve("lines");
        loader.writePng(ImageIoLoader.pattern(20, 10, 1), folder.resolve("x.png"));
        Files.writeString(folder.resolve("x.gt.txt"), "hello\n");
        assertEquals("hello", provider.open(folder.toString(), "test").samples().get(0).text());
    }
}
