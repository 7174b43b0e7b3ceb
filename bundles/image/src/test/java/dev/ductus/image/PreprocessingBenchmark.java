package dev.ductus.image;

import dev.ductus.api.Notes;
import dev.ductus.api.image.GrayImage;
import dev.ductus.image.step.PreprocessingChain;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Time per step of the default chain (contrast, deskew, deslant, crop, normalize) on a clean and on a noisy
 * 2000x150 line (Serif 54 px, slant 10 deg, skew -2 deg; the noisy one faded to a third of the contrast with
 * noise sigma 0.08, as {@link NoisyScans#degrade(GrayImage, long)}). Not a unit test: run by hand, e.g.
 * {@code java -cp target/classes:target/test-classes:API_JAR dev.ductus.image.PreprocessingBenchmark [repeats]}.
 * Prints the median CPU milliseconds of every step (the thread's own CPU time, so other work on a shared machine
 * does not count) over the repeats, after as many warm-up runs, and the notes of the last run.
 */
public final class PreprocessingBenchmark {
    private PreprocessingBenchmark() {
    }

    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Font font = new Font(Font.SERIF, Font.PLAIN, 54);
        String text = textOfWidth(font, 1850);
        NoisyScans.Line line = NoisyScans.line(text, font, 2000, 150, 10, -2);
        GrayImage noisy = NoisyScans.degrade(line.clean(), 7);
        PreprocessingChain chain = PreprocessingChain.of("contrast", "deskew", "deslant", "crop", "normalize");
        System.out.printf(Locale.ROOT, "default chain, 2000x150 line, CPU time, median of %d runs after %d warm-up runs%n", repeats, repeats);
        for (var e : Map.of("clean", line.clean(), "noisy", noisy).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList()) {
            Map<String, double[]> times = new LinkedHashMap<>();
            Notes last = null;
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            for (int run = 0; run < 2 * repeats; run++) {
                Notes notes = new Notes();
                GrayImage image = e.getValue();
                for (PreprocessingChain.Step step : chain.steps()) {
                    long t0 = cpu.getCurrentThreadCpuTime();
                    image = step.preprocessor().process(image, notes);
                    double millis = (cpu.getCurrentThreadCpuTime() - t0) / 1e6;
                    if (run >= repeats) times.computeIfAbsent(step.name(), n -> new double[repeats])[run - repeats] = millis;
                }
                last = notes;
            }
            StringBuilder sb = new StringBuilder(e.getKey() + ":");
            double total = 0;
            for (var t : times.entrySet()) {
                double median = median(t.getValue());
                total += median;
                sb.append(String.format(Locale.ROOT, " %s %.1f ms,", t.getKey(), median));
            }
            sb.append(String.format(Locale.ROOT, " total %.1f ms", total));
            System.out.println(sb);
            System.out.println("  " + last);
        }
    }

    private static String textOfWidth(Font font, int width) {
        FontRenderContext frc = new FontRenderContext(null, true, true);
        List<String> words = new ArrayList<>();
        for (int i = 0; ; i++) {
            words.add(DrawnText.WORDS[(i * 5) % DrawnText.WORDS.length]);
            if (font.getStringBounds(String.join(" ", words), frc).getWidth() > width) {
                words.remove(words.size() - 1);
                return String.join(" ", words);
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
