package dev.ductus.lm.ppl;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * The totals SRILM's {@code ngram -ppl} reports. {@code words} excludes {@code </s>}; OOVs and zero-probability
 * tokens are left out of the log-probability and of both denominators: ppl = 10^(-logprob / (words - oovs -
 * zeroprobs + sentences)) counts one {@code </s>} per sentence, ppl1 = 10^(-logprob / (words - oovs - zeroprobs))
 * does not.
 */
public record Perplexity(long sentences, long words, long oovs, long zeroprobs, double log10Prob) {
    public double ppl() {
        long n = words - oovs - zeroprobs + sentences;
        return n <= 0 ? Double.NaN : Math.pow(10, -log10Prob / n);
    }

    public double ppl1() {
        long n = words - oovs - zeroprobs;
        return n <= 0 ? Double.NaN : Math.pow(10, -log10Prob / n);
    }

    /** The two lines {@code ngram -ppl} prints for a file. */
    public String report(String file) {
        return "file " + file + ": " + sentences + " sentences, " + words + " words, " + oovs + " OOVs\n"
                + zeroprobs + " zeroprobs, logprob= " + g(log10Prob) + " ppl= " + g(ppl()) + " ppl1= " + g(ppl1());
    }

    /** Six significant digits without trailing zeros, as C++ streams print a double. */
    static String g(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) return Double.isNaN(x) ? "undefined" : (x > 0 ? "inf" : "-inf");
        if (x == 0) return "0";
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
