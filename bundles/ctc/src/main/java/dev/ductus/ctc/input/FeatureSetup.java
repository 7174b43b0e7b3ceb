package dev.ductus.ctc.input;

import dev.ductus.api.features.FeatureExtractor;
import dev.ductus.api.features.FeatureSequence;
import dev.ductus.api.image.GrayImage;
import java.util.List;

/** Sliding-window features of one extractor, standardised with statistics of the training lines. */
public final class FeatureSetup implements InputSetup {
    private final FeatureExtractor extractor;

    public FeatureSetup(FeatureExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public String spec() {
        return extractor.spec();
    }

    @Override
    public LineEncoder fit(List<GrayImage> sample) {
        int d = extractor.dimension();
        double[] sum = new double[d];
        double[] sq = new double[d];
        long n = 0;
        for (GrayImage im : sample) {
            FeatureSequence f = extractor.extract(im);
            for (int t = 0; t < f.frames(); t++) {
                for (int k = 0; k < d; k++) {
                    double v = f.get(t, k);
                    sum[k] += v;
                    sq[k] += v * v;
                }
            }
            n += f.frames();
        }
        float[] mean = new float[d];
        float[] std = new float[d];
        for (int k = 0; k < d; k++) {
            double m = n == 0 ? 0 : sum[k] / n;
            double var = n == 0 ? 1 : Math.max(0, sq[k] / n - m * m);
            mean[k] = (float) m;
            std[k] = (float) Math.max(1e-3, Math.sqrt(var));
        }
        return new FeatureEncoder(extractor, mean, std);
    }

    @Override
    public LineEncoder restore(String inputSpec, float[] featureMean, float[] featureStd) {
        if (!inputSpec.equals(extractor.spec())) {
            throw new IllegalArgumentException("the model was trained on features '" + inputSpec + "', this extractor makes '"
                    + extractor.spec() + "'");
        }
        if (featureMean == null || featureStd == null) {
            throw new IllegalArgumentException("the model has no feature statistics");
        }
        return new FeatureEncoder(extractor, featureMean, featureStd);
    }
}
