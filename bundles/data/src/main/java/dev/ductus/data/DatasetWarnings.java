package dev.ductus.data;

import java.nio.file.Path;
import java.util.List;

/**
 * Logs what a reader skipped, so a user sees "1 samples, 7 warnings" and the first warnings on the console
 * (one-shot commands log warnings to standard error) even where the caller only counts samples. The dataset
 * keeps every warning ({@link ListDataset#warnings()}); the log shows the first {@link #LOGGED} of them.
 */
final class DatasetWarnings {
    /** Enough to see what is wrong; a dataset with thousands of bad lines would otherwise flood the console. */
    static final int LOGGED = 20;
    private static final System.Logger LOG = System.getLogger(DatasetWarnings.class.getName());

    private DatasetWarnings() {
    }

    /** Logs the dataset's warnings, if any, as read from {@code source}; returns the dataset. */
    static ListDataset logged(ListDataset dataset, Path source) {
        List<String> warnings = dataset.warnings();
        if (warnings.isEmpty()) return dataset;
        LOG.log(System.Logger.Level.WARNING, "{0}: {1}", source, dataset.summary());
        for (String warning : warnings.subList(0, Math.min(LOGGED, warnings.size()))) {
            LOG.log(System.Logger.Level.WARNING, warning);
        }
        if (warnings.size() > LOGGED) {
            LOG.log(System.Logger.Level.WARNING, "{0}: {1} more warnings not shown", source, warnings.size() - LOGGED);
        }
        return dataset;
    }
}
