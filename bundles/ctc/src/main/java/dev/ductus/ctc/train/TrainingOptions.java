package dev.ductus.ctc.train;

import dev.ductus.api.train.TrainingRequest;
import java.util.Map;

/**
 * Options of a CTC training run, from {@link TrainingRequest#options()} over the system's defaults:
 * {@code model} (model string of the hidden layers; the output layer is added), {@code epochs},
 * {@code batch}, {@code lr}, {@code optimizer} (adam | sgd), {@code momentum}, {@code schedule}
 * (see LearningRateSchedule), {@code clip} (global gradient norm), {@code weight.decay}, {@code patience}
 * (epochs without a better validation CER before stopping), {@code seed}, {@code augment} (true | false),
 * {@code checkpoint.steps}, {@code max.samples} / {@code max.validation} (0 = all), {@code progress.steps},
 * {@code max.minutes} (a wall-time budget: once spent, the epoch under way ends at the next batch, is validated
 * like any other, and training stops; 0 = none).
 */
public record TrainingOptions(String model, int epochs, int batch, double lr, String optimizer, double momentum,
                              String schedule, double clip, double weightDecay, int patience, long seed, boolean augment,
                              int checkpointSteps, int maxSamples, int maxValidation, int progressSteps,
                              double maxMinutes) {
    /** The keys a CTC trainer accepts, with what they do (the component's configured defaults apply). */
    public static final Map<String, String> OPTIONS = options();

    private static Map<String, String> options() {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("model", "model string of the hidden layers (the output layer is added), e.g. conv=16:3x3,pool=2x2,blstm=128");
        m.put("epochs", "most epochs to train");
        m.put("batch", "lines per update");
        m.put("lr", "learning rate");
        m.put("optimizer", "adam | sgd");
        m.put("momentum", "SGD momentum (0.9)");
        m.put("schedule", "learning-rate schedule: constant | step:E:F | exp:G | cosine:S[:MIN], optionally ,warmup:STEPS (constant)");
        m.put("clip", "global gradient-norm clipping (5)");
        m.put("weight.decay", "weight decay (0)");
        m.put("patience", "epochs without a better validation CER before stopping (5)");
        m.put("seed", "random seed (1)");
        m.put("augment", "random line distortions while training: true | false");
        m.put("checkpoint.steps", "write the resumable checkpoint every this many steps (200)");
        m.put("max.samples", "train on at most this many lines, 0 = all (0)");
        m.put("max.validation", "validate on at most this many lines, 0 = all (0)");
        m.put("progress.steps", "report progress every this many steps (10)");
        m.put("max.minutes", "wall-time budget of the whole run, resumed parts included (a resume continues the same clock): the epoch under way ends, is validated and training stops, 0 = none (0)");
        m.put("calibrate.only", "true: fit the confidence calibration of the model at --out on the validation lines, train nothing");
        m.put("chain", "the preprocessing chain the model is trained on, recorded in it (the trainer's preprocessor)");
        m.put("data", "the data's name, recorded by ductus train");
        m.put("from", "fine-tune: start from the weights, alphabet and input normalisation of this trained model of the same system (fresh optimizer and epochs; `model` is ignored); ductus train --from MODEL");
        return java.util.Collections.unmodifiableMap(m);
    }

    public static TrainingOptions from(TrainingRequest request, Map<String, String> defaults) {
        dev.ductus.api.train.TrainingOptionKeys.check("CTC", request.options(), OPTIONS);
        Map<String, String> d = defaults;
        java.util.function.Function<String, String> o = k -> request.option(k, d.getOrDefault(k, ""));
        try {
            return new TrainingOptions(
                    o.apply("model"),
                    Integer.parseInt(o.apply("epochs")),
                    Integer.parseInt(o.apply("batch")),
                    Double.parseDouble(o.apply("lr")),
                    o.apply("optimizer"),
                    Double.parseDouble(orDefault(o.apply("momentum"), "0.9")),
                    orDefault(o.apply("schedule"), "constant"),
                    Double.parseDouble(orDefault(o.apply("clip"), "5")),
                    Double.parseDouble(orDefault(o.apply("weight.decay"), "0")),
                    Integer.parseInt(orDefault(o.apply("patience"), "5")),
                    Long.parseLong(orDefault(o.apply("seed"), "1")),
                    Boolean.parseBoolean(orDefault(o.apply("augment"), "true")),
                    Integer.parseInt(orDefault(o.apply("checkpoint.steps"), "200")),
                    Integer.parseInt(orDefault(o.apply("max.samples"), "0")),
                    Integer.parseInt(orDefault(o.apply("max.validation"), "0")),
                    Integer.parseInt(orDefault(o.apply("progress.steps"), "10")),
                    Double.parseDouble(orDefault(o.apply("max.minutes"), "0")));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad training option: " + e.getMessage(), e);
        }
    }

    private static String orDefault(String v, String fallback) {
        return v == null || v.isBlank() ? fallback : v;
    }

    public TrainingOptions {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("option model (a model string) is required");
        if (epochs < 1 || batch < 1) throw new IllegalArgumentException("epochs and batch must be positive");
        if (!(maxMinutes >= 0)) throw new IllegalArgumentException("max.minutes must be 0 (no budget) or positive");
        if (!optimizer.equals("adam") && !optimizer.equals("sgd")) throw new IllegalArgumentException("optimizer must be adam or sgd");
    }
}
