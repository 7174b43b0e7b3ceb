package dev.ductus.api.train;

import org.osgi.annotation.versioning.ProviderType;

/** Trains the models of one system (registered with {@code ductus.system}). */
@ProviderType
public interface Trainer {
    String system();

    TrainingResult train(TrainingRequest request, TrainingListener listener) throws Exception;
}
