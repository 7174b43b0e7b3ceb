package dev.ductus.image.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ductus.api.Notes;
import dev.ductus.api.StageProperties;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.image.Preprocessor;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The chain component's service life cycle, driven the way SCR drives it, with a recording BundleContext made
 * by {@link Proxy} (only registerService is used).
 */
class PreprocessingChainComponentTest {
    /** What the component registered, as the framework would hold it. */
    private static final class Registry {
        Preprocessor service;
        Dictionary<String, ?> properties;
        int registrations;

        BundleContext context() {
            Bundle bundle = (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getState")) throw new UnsupportedOperationException(method.getName());
                        return Bundle.ACTIVE;
                    });
            return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                    (proxy, method, args) -> {
                        if (method.getName().equals("getBundle")) return bundle;
                        if (!method.getName().equals("registerService")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        service = (Preprocessor) args[1];
                        @SuppressWarnings("unchecked")
                        Dictionary<String, ?> p = (Dictionary<String, ?>) args[2];
                        properties = p;
                        registrations++;
                        return registration();
                    });
        }

        private ServiceRegistration<?> registration() {
            return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "unregister" -> {
                                service = null;
                                properties = null;
                            }
                            case "setProperties" -> {
                                @SuppressWarnings("unchecked")
                                Dictionary<String, ?> p = (Dictionary<String, ?>) args[0];
                                properties = p;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                        return null;
                    });
        }
    }

    private static PreprocessingChainComponent.Config config(String name, String... steps) {
        return (PreprocessingChainComponent.Config) Proxy.newProxyInstance(
                PreprocessingChainComponent.Config.class.getClassLoader(),
                new Class<?>[] {PreprocessingChainComponent.Config.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "ductus_name" -> name;
                    case "steps" -> steps;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private static Map<String, Object> props(String name, long id) {
        return Map.of(StageProperties.STAGE, StageProperties.STAGE_PREPROCESSING_STEP, StageProperties.NAME, name,
                "service.id", id);
    }

    /** A step that notes its own name. */
    private static Preprocessor noting(String name) {
        return (img, notes) -> {
            notes.add(name, "ran");
            return img;
        };
    }

    @Test
    void registersOnlyWhileEveryStepIsPresent() {
        Registry registry = new Registry();
        PreprocessingChainComponent component = new PreprocessingChainComponent();
        Preprocessor contrast = noting("contrast");
        Preprocessor crop = noting("crop");
        component.addStep(contrast, props("contrast", 1));
        component.activate(registry.context(), config("default", "contrast", "crop"));
        assertNull(registry.service, "crop is missing");

        component.addStep(crop, props("crop", 2));
        assertNotNull(registry.service);
        assertEquals(StageProperties.STAGE_PREPROCESSOR, registry.properties.get(StageProperties.STAGE));
        assertEquals("default", registry.properties.get(StageProperties.NAME));
        Notes notes = new Notes();
        registry.service.process(GrayImage.blank(2, 2), notes);
        assertEquals(List.of("contrast", "crop"), stages(notes));

        component.removeStep(crop, props("crop", 2));
        assertNull(registry.service, "withdrawn when a step leaves");
        component.addStep(crop, props("crop", 3));
        assertNotNull(registry.service);
        assertEquals(2, registry.registrations);

        component.deactivate();
        assertNull(registry.service);
    }

    @Test
    void aChangedStepListIsPickedUpWithoutRestart() {
        Registry registry = new Registry();
        PreprocessingChainComponent component = new PreprocessingChainComponent();
        component.addStep(noting("contrast"), props("contrast", 1));
        component.addStep(noting("deskew"), props("deskew", 2));
        component.activate(registry.context(), config("default", "contrast"));
        Preprocessor service = registry.service;

        component.modified(config("fast", "deskew", "contrast"));
        assertEquals(1, registry.registrations, "the same registration, new properties");
        assertEquals("fast", registry.properties.get(StageProperties.NAME));
        assertEquals(List.of("deskew", "contrast"), List.of((String[]) registry.properties.get("steps")));
        Notes notes = new Notes();
        service.process(GrayImage.blank(2, 2), notes);
        assertEquals(List.of("deskew", "contrast"), stages(notes));

        component.modified(config("fast", "deskew", "normalize"));
        assertNull(registry.service, "normalize is not there");
    }

    @Test
    void aCallInFlightFinishesOnTheStepsItStartedWith() throws Exception {
        Registry registry = new Registry();
        PreprocessingChainComponent component = new PreprocessingChainComponent();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Preprocessor slow = (img, notes) -> {
            entered.countDown();
            try {
                assertTrue(release.await(10, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            notes.add("slow", "ran");
            return img;
        };
        component.addStep(slow, props("slow", 1));
        component.addStep(noting("old"), props("old", 2));
        component.addStep(noting("new"), props("new", 3));
        component.activate(registry.context(), config("default", "slow", "old"));
        Preprocessor service = registry.service;

        Notes inFlight = new Notes();
        CompletableFuture<GrayImage> call = CompletableFuture.supplyAsync(() -> service.process(GrayImage.blank(2, 2), inFlight));
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        component.modified(config("default", "new"));
        release.countDown();
        call.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("slow", "old"), stages(inFlight));

        Notes after = new Notes();
        service.process(GrayImage.blank(2, 2), after);
        assertEquals(List.of("new"), stages(after));
    }

    @Test
    void stepsFromAPlainCfgFileAreOneCommaSeparatedString() {
        assertEquals(List.of("contrast", "deskew", "crop"),
                PreprocessingChainComponent.stepNames(new String[] {"contrast, deskew,crop"}));
        assertEquals(List.of("contrast", "crop"), PreprocessingChainComponent.stepNames(new String[] {"contrast", "crop"}));
        assertEquals(List.of(), PreprocessingChainComponent.stepNames(new String[] {" "}));
        assertEquals(List.of("crop", "normalize(mode=uniform,height=64)"),
                PreprocessingChainComponent.stepNames(new String[] {"crop,normalize(mode=uniform,height=64)"}));
    }

    private static List<String> stages(Notes notes) {
        List<String> out = new ArrayList<>();
        for (Notes.Note n : notes.all()) out.add(n.stage());
        return out;
    }
}
