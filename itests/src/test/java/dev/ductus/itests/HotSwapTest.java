package dev.ductus.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.StageProperties;
import dev.ductus.api.decode.Decoder;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.image.Preprocessor;
import dev.ductus.api.model.OpticalModel;
import dev.ductus.api.recognize.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;

/** Swapping stages by configuration while requests run: no failure, no request served by a mix of stages. */
class HotSwapTest extends PipelineTestBase {

    @Test
    void fourThreadsRecogniseWhileTheConfigurationFlipsFiftyTimes() throws Exception {
        register(Preprocessor.class, TestStages.preprocessor("1"), StageProperties.STAGE_PREPROCESSOR, "pre-1");
        register(Preprocessor.class, TestStages.preprocessor("2"), StageProperties.STAGE_PREPROCESSOR, "pre-2");
        register(OpticalModel.class, TestStages.model("1", 1), StageProperties.STAGE_OPTICAL_MODEL, "model-1");
        register(OpticalModel.class, TestStages.model("2", 1), StageProperties.STAGE_OPTICAL_MODEL, "model-2");
        register(Decoder.class, TestStages.bestPath(), StageProperties.STAGE_DECODER, "best-path");
        Configuration config = pipeline("swapped", set("1"));
        Recognizer recognizer = context.getService(awaitRecognizer("swapped", r -> ready(r) && status(r).contains("model-1")));

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger served = new AtomicInteger();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        int[] byTag = new int[3];
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(pool.submit(() -> {
                while (running.get()) {
                    try {
                        Hypothesis h = recognizer.recognize(TestStages.image());
                        String pre = h.notes().all().get(0).message();
                        if (!pre.equals(h.text())) problems.add("mixed stages: preprocessor " + pre + ", model " + h.text());
                        synchronized (byTag) {
                            byTag[Integer.parseInt(h.text())]++;
                        }
                        served.incrementAndGet();
                    } catch (RuntimeException e) {
                        problems.add(e.toString());
                    }
                }
            }));
        }
        for (int flip = 1; flip <= 50; flip++) {
            String tag = flip % 2 == 0 ? "1" : "2";
            config.update(set(tag));
            awaitRecognizer("swapped", r -> status(r).contains("model-" + tag));
            Thread.sleep(3);
        }
        running.set(false);
        for (Future<?> f : workers) f.get(10, TimeUnit.SECONDS);
        pool.shutdown();

        assertTrue(problems.isEmpty(), () -> problems.size() + " failed requests, e.g. " + problems.peek());
        assertTrue(served.get() > 100, "requests served: " + served.get());
        assertTrue(byTag[1] > 0 && byTag[2] > 0, "both stage sets served requests: " + byTag[1] + " / " + byTag[2]);
    }

    @Test
    void aStageThatLeavesWithNoReplacementStopsThePipelineAndItsReturnBringsItBack() throws Exception {
        var model = register(OpticalModel.class, TestStages.model("4", 0), StageProperties.STAGE_OPTICAL_MODEL, "model-4");
        register(Decoder.class, TestStages.bestPath(), StageProperties.STAGE_DECODER, "best-path");
        pipeline("fragile", props("preprocessor.target", "", "model.target", "(ductus.name=model-4)"));
        ServiceReference<Recognizer> ref = awaitRecognizer("fragile", PipelineTestBase::ready);
        Recognizer r = context.getService(ref);
        assertEquals("4", r.recognize(TestStages.image()).text());

        model.unregister();
        awaitRecognizer("fragile", s -> !ready(s));
        try {
            r.recognize(TestStages.image());
            throw new AssertionError("a pipeline without its model must refuse requests");
        } catch (dev.ductus.api.InputException expected) {
            assertTrue(expected.getMessage().contains("not ready"), expected.getMessage());
        }
        register(OpticalModel.class, TestStages.model("5", 0), StageProperties.STAGE_OPTICAL_MODEL, "model-4");
        awaitRecognizer("fragile", PipelineTestBase::ready);
        assertEquals("5", r.recognize(TestStages.image()).text());
    }

    private static java.util.Hashtable<String, Object> set(String tag) {
        return props("preprocessor.target", "(ductus.name=pre-" + tag + ")", "model.target", "(ductus.name=model-" + tag + ")",
                "decoder.target", "(ductus.name=best-path)");
    }
}
