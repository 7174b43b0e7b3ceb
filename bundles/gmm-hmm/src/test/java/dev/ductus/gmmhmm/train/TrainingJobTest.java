package dev.ductus.gmmhmm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.train.TrainingListener;
import dev.ductus.api.train.TrainingProgress;
import dev.ductus.api.train.TrainingRequest;
import dev.ductus.api.train.TrainingResult;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.hmm.train.AlignmentFile;
import dev.ductus.testsupport.ListDataset;
import dev.ductus.testsupport.RenderedLines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingJobTest {
    @TempDir
    Path dir;

    @Test
    void trainsOnRenderedLinesAndReadsNewOnes() throws Exception {
        var train = new ListDataset("rendered", "train", RenderedLines.samples("t", RenderedLines.WORDS, 80, "DejaVu Sans", 1));
        var validation = new ListDataset("rendered", "validation",
                RenderedLines.samples("v", RenderedLines.WORDS, 20, "DejaVu Sans", 2));
        Path output = dir.resolve("models/rendered.gmmhmm");
        Path alignments = dir.resolve("rendered.align.tsv");
        List<TrainingProgress> events = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        TrainingListener listener = new TrainingListener() {
            @Override
            public void progress(TrainingProgress event) {
                events.add(event);
            }

            @Override
            public void message(String text) {
                messages.add(text);
            }
        };
        TrainingRequest request = new TrainingRequest(train, validation, output, false, Map.of(
                "features", "handcrafted:w=2,s=2,deltas=1", "mixtures", "4", "iterations", "3",
                "iterations.first", "6", "skip", "0.1", "frames.per.state", "2", "preprocess", "false", "alignments", alignments.toString()));
        TrainingResult result = new TrainingJob(null).run(request, listener);

        assertEquals(output, result.model());
        assertTrue(Files.exists(output));
        assertFalse(Files.exists(TrainingJob.checkpointOf(output)));
        assertEquals(6 + 3 + 3, events.size());
        for (int i = 0; i < events.size(); i++) {
            assertEquals(i + 1, events.get(i).step());
            assertEquals(12, events.get(i).totalSteps());
            assertTrue(events.get(i).etaSeconds() >= 0);
        }
        double first = events.get(0).metrics().get("loglik.per.frame");
        double last = events.get(events.size() - 1).metrics().get("loglik.per.frame");
        assertTrue(last > first, first + " -> " + last);
        assertTrue(result.metrics().get("validation.cer") < 0.05, result.metrics() + " " + messages);

        GmmHmmModel model = GmmHmmModelFile.read(output);
        assertEquals("handcrafted:w=2,s=2,deltas=1", model.featureSpec());
        assertEquals("rendered/train", model.facts().get("train.data"));
        assertEquals(4, model.gmmHmm().maxComponents());
        AlignmentFile.Contents aligned = AlignmentFile.read(alignments);
        assertEquals(80, aligned.entries().size());
        assertEquals(model.gmmHmm().states(), aligned.totalStates());
    }
}
