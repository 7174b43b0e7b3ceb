package dev.ductus.shell.component;

import dev.ductus.shell.cli.RecognizeVerb;

/** The PAGE XML writer for {@code recognize --format page}, from the data bundle. */
final class PageXml {
    private PageXml() {
    }

    static RecognizeVerb.PageWriter writerIfAvailable() {
        return null;
    }
}
