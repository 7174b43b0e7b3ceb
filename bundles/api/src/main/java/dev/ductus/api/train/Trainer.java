package dev.ductus.api.train;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/** Trains the models of one system (registered with {@code ductus.system}). */
@ProviderType
public interface Trainer {
    String system();

    TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception;

    /**
     * The training options ({@code --set key=value}) this trainer accepts: key to a one-line description with
     * its default, in the order to list them. Empty when the trainer does not declare them (nothing is checked).
     */
    default Map<String, String> options() {
        return Map.of();
    }
}
