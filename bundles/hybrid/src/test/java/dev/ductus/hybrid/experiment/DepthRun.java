package dev.ductus.hybrid.experiment;

import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.testsupport.EmbeddedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ductus experiment depth ...} outside OSGi: the verb's own command line over the data and image
 * bundles wired by hand. The first argument is the preprocessing chain (default or uniform), the rest are the
 * verb's arguments, e.g. {@code default depth --system mlp-hmm --data cursive --gmm FILE --max-depth 4}.
 */
public final class DepthRun {
    private DepthRun() {
    }

    public static void main(String[] argv) throws Exception {
        String chain = argv[0];
        List<String> args = new ArrayList<>(List.of(argv).subList(1, argv.length));
        int status = new DepthCommandLine(EmbeddedData.provider(DatasetSize.SMALL), EmbeddedData.preprocessor(chain),
                chain, Path.of(System.getProperty("java.io.tmpdir"), "hybrid-exp")).run(args, System.out, System.err);
        System.exit(status);
    }
}
