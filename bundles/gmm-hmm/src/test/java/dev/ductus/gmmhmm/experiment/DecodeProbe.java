package dev.ductus.gmmhmm.experiment;

import dev.ductus.api.data.Dataset;
import dev.ductus.api.decode.Hypothesis;
import dev.ductus.api.model.FrameScores;
import dev.ductus.data.embedded.DatasetSize;
import dev.ductus.gmmhmm.model.GmmHmmModel;
import dev.ductus.gmmhmm.model.GmmHmmModelFile;
import dev.ductus.gmmhmm.train.TrainingData;
import dev.ductus.hmm.decode.DecoderSettings;
import dev.ductus.hmm.decode.TokenPassingDecoder;
import dev.ductus.hmm.topology.LineHmm;
import dev.ductus.hmm.train.Alignment;
import dev.ductus.hmm.train.ViterbiAligner;
import dev.ductus.testsupport.EmbeddedData;
import java.nio.file.Path;
import java.util.List;

/** Decodes a few lines and compares the decoder's score with the forced alignment of the reference. */
public final class DecodeProbe {
    public static void main(String[] args) throws Exception {
        GmmHmmModel model = GmmHmmModelFile.read(Path.of(args[0]));
        String data = args.length > 1 ? args[1] : "cursive";
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double beam = args.length > 3 ? Double.parseDouble(args[3]) : 250;
        Dataset ds = EmbeddedData.provider(DatasetSize.SMALL).open(data, "validation");
        List<TrainingData.Prepared> prepared = TrainingData.prepare(ds.samples().subList(0, n),
                EmbeddedData.defaultPreprocessor(), model.extractor(), model.alphabet(), 1, true, System.out::println);
        for (TrainingData.Prepared p : prepared) {
            FrameScores fs = model.score(p.line().features(), p.image().width());
            Hypothesis h = new TokenPassingDecoder(DecoderSettings.defaults().withBeam(beam, 100000)).decode(fs, null);
            LineHmm line = LineHmm.of(model.gmmHmm().hmms(), p.line().labels());
            double[] em = new double[fs.frames() * line.size()];
            for (int t = 0; t < fs.frames(); t++) {
                for (int j = 0; j < line.size(); j++) em[t * line.size() + j] = fs.get(t, line.globalState(j));
            }
            Alignment a = ViterbiAligner.align("ref", line, em, fs.frames());
            System.out.printf("REF %s%nHYP %s%n  frames %d decoder %.1f forced %.1f notes %s%n", p.sample().text(), h.text(),
                    fs.frames(), h.logScore(), a == null ? Double.NaN : a.logScore(), h.notes());
            StringBuilder seg = new StringBuilder();
            if (a != null) {
                for (Alignment.Segment s : a.segments()) {
                    seg.append(model.alphabet().symbol(s.symbol()).replace(" ", "_")).append(s.t1() - s.t0()).append(' ');
                }
            }
            System.out.println("  forced segments: " + seg);
        }
    }
}
