package dev.ductus.ctc.explain;

import dev.ductus.api.InputException;
import dev.ductus.api.image.GrayImage;
import dev.ductus.api.model.FrameScores;
import dev.ductus.api.model.ScoreKind;
import dev.ductus.ctc.decode.BestPathDecoder;
import dev.ductus.ctc.input.EncodedLine;
import dev.ductus.ctc.input.LineEncoder;
import dev.ductus.ctc.input.PixelEncoder;
import dev.ductus.ctc.input.PixelSetup;
import dev.ductus.ctc.model.CtcModel;
import dev.ductus.nn.layer.MdLstm;
import dev.ductus.nn.tensor.Batch;
import dev.ductus.nn.tensor.Tensor;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Explains a pixel CTC model's reading of one preprocessed line: encodes it as the model's input, traces the
 * network keeping the 2-D LSTM layers' outputs, and turns the last layer into CTC log-posteriors (the same
 * numbers the optical-model stage gives a decoder).
 */
public final class LineExplainer {
    private final CtcModel model;
    private final LineEncoder encoder;

    public LineExplainer(CtcModel model, String source) {
        if (!model.inputSpec().startsWith(PixelEncoder.PREFIX)) {
            throw new InputException(source, "explain shows pixel models; this one reads '" + model.inputSpec() + "'");
        }
        this.model = model;
        this.encoder = new PixelSetup(0).restore(model.inputSpec(), null, null);
    }

    public LineExplanation explain(GrayImage line, String pipelineText) {
        EncodedLine e = encoder.encode(line);
        Batch x = CtcModel.assemble(List.of(e), new Batch(new Tensor(DataType.FLOAT, 1)));
        LayerTrace trace = LayerTrace.run(model.network(), x, l -> l instanceof MdLstm);
        x.data().release();
        FeatureMap out = trace.output();
        int frames = out.width();
        int k = out.channels();
        float[] scores = new float[frames * k];
        for (int t = 0; t < frames; t++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) max = Math.max(max, out.get(0, t, c));
            double sum = 0;
            for (int c = 0; c < k; c++) sum += Math.exp(out.get(0, t, c) - max);
            double lse = max + Math.log(sum);
            for (int c = 0; c < k; c++) scores[t * k + c] = (float) (out.get(0, t, c) - lse);
        }
        FrameScores posteriors = new FrameScores(ScoreKind.CTC_LOG_POSTERIOR, frames, k, scores, model.alphabet(), null,
                e.frameX(frames), e.imageWidth());
        String greedy = new BestPathDecoder().decode(posteriors).text();
        float[] ink = e.values();
        float[] paper = new float[ink.length];
        for (int i = 0; i < ink.length; i++) paper[i] = 1 - ink[i];
        GrayImage seen = new GrayImage(e.width(), e.height(), paper, null, line.source());
        String description = model.system() + ", " + model.network().spec() + ", " + model.network().parameterCount() + " parameters";
        return new LineExplanation(line.source(), description, seen, posteriors, greedy, pipelineText, trace.maps());
    }
}
