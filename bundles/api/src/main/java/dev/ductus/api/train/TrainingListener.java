package dev.ductus.api.train;

import org.osgi.annotation.versioning.ConsumerType;

/** Receives progress events while a model trains. */
@ConsumerType
public interface TrainingListener {
    void progress(TrainingProgress event);

    /** A line of free text (a warning, a summary). */
    default void message(String text) {
    }
}
