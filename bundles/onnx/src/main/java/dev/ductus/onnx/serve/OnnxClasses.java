package dev.ductus.onnx.serve;

import dev.ductus.api.InputException;
import dev.ductus.api.model.Alphabet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ONNX model's output classes are: its alphabet (the symbols in class order, blank left out) and the class
 * index of the CTC blank. From the stage configuration (inline or a symbols file) or from a Ductus export's metadata.
 */
public record OnnxClasses(Alphabet alphabet, int blank) {
    public OnnxClasses {
        if (blank < 0 || blank > alphabet.size()) {
            throw new IllegalArgumentException("blank index " + blank + " outside 0.." + alphabet.size());
        }
    }

    public int classes() {
        return alphabet.size() + 1;
    }

    /** Inline symbols in class order, one code point each (a space is the space symbol); the blank at {@code blank}. */
    public static OnnxClasses inline(String symbols, int blank) {
        List<String> out = new ArrayList<>();
        symbols.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
        return new OnnxClasses(new Alphabet(out), blank);
    }

    /**
     * A symbols file: one symbol per line in class order, optionally followed by whitespace and its class index
     * (PyLaia's {@code syms.txt}); {@code <space>} is the space, {@code <ctc>} or {@code <blank>} the blank (whose
     * position then gives the blank index, else {@code blank} does). Blank lines are skipped.
     *
     * @throws InputException naming the file: unreadable, a duplicate symbol or index, or a gap in the indices
     */
    public static OnnxClasses file(Path file, int blank) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputException(file.toString(), "cannot read the symbols file: " + e.getMessage());
        }
        TreeMap<Integer, String> byIndex = new TreeMap<>();
        int next = 0;
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty()) continue;
            String[] f = line.split("\\s+");
            if (f.length > 2) throw new InputException(file + ":" + n, "expected SYMBOL [INDEX], got '" + line + "'");
            int index = next;
            if (f.length == 2) {
                try {
                    index = Integer.parseInt(f[1]);
                } catch (NumberFormatException e) {
                    throw new InputException(file + ":" + n, "expected SYMBOL [INDEX], got '" + line + "'");
                }
            }
            if (byIndex.put(index, f[0]) != null) throw new InputException(file + ":" + n, "class index " + index + " given twice");
            next = index + 1;
        }
        List<String> symbols = new ArrayList<>();
        int expected = 0;
        for (Map.Entry<Integer, String> e : byIndex.entrySet()) {
            if (e.getKey() != expected) throw new InputException(file.toString(), "no symbol for class index " + expected);
            expected++;
            String s = e.getValue();
            if (s.equals("<ctc>") || s.equals("<blank>")) {
                blank = e.getKey();
                continue;
            }
            symbols.add(s.equals("<space>") ? " " : s);
        }
        try {
            for (String s : symbols) {
                if (s.codePointCount(0, s.length()) != 1) throw new IllegalArgumentException("symbol '" + s + "' is not one character");
            }
            return new OnnxClasses(new Alphabet(symbols), blank);
        } catch (IllegalArgumentException e) {
            throw new InputException(file.toString(), e.getMessage());
        }
    }
}
