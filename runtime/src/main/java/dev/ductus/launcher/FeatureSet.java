package dev.ductus.launcher;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.felix.feature.impl.FeatureServiceImpl;
import org.osgi.service.feature.Feature;
import org.osgi.service.feature.FeatureBundle;
import org.osgi.service.feature.FeatureConfiguration;
import org.osgi.service.feature.FeatureService;
import org.osgi.service.feature.ID;

/**
 * The union of one or more OSGi R8 features (features/NAME.json): the bundles to install, in order, and the
 * configurations to apply. {@code core} is always part of it.
 */
final class FeatureSet {
    private final Set<ID> bundles = new LinkedHashSet<>();
    private final Map<String, FeatureConfiguration> configurations = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();

    static FeatureSet read(Path featureDir, List<String> requested) throws IOException {
        FeatureService service = new FeatureServiceImpl();
        FeatureSet set = new FeatureSet();
        List<String> all = new ArrayList<>();
        all.add("core");
        for (String r : requested) if (!all.contains(r)) all.add(r);
        for (String name : all) {
            Path file = featureDir.resolve(name + ".json");
            if (!Files.isRegularFile(file)) {
                throw new LaunchException("no feature '" + name + "': " + file + " does not exist (features: "
                        + available(featureDir) + ")");
            }
            Feature f;
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                f = service.readFeature(r);
            } catch (RuntimeException e) {
                throw new LaunchException(file + ": not a valid feature: " + e.getMessage());
            }
            set.names.add(name);
            for (FeatureBundle b : f.getBundles()) set.bundles.add(b.getID());
            set.configurations.putAll(f.getConfigurations());
        }
        return set;
    }

    static String available(Path featureDir) {
        try (var s = Files.list(featureDir)) {
            return String.join(", ", s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList());
        } catch (IOException e) {
            return "none";
        }
    }

    Set<ID> bundles() {
        return bundles;
    }

    Map<String, FeatureConfiguration> configurations() {
        return configurations;
    }

    List<String> names() {
        return names;
    }
}
