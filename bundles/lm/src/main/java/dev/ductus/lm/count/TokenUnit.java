package dev.ductus.lm.count;

import java.util.ArrayList;
import java.util.List;

/**
 * How a line of text becomes the tokens of one sentence: whole words split at white space, or single code
 * points with the space between words as its own token. ARPA separates tokens by white space, so the space
 * token is spelled {@link #SPACE} in model files.
 */
public enum TokenUnit {
    WORD,
    CHARACTER;

    /** How the space between words is written in a character model's vocabulary. */
    public static final String SPACE = "<space>";

    public static TokenUnit parse(String name) {
        return switch (name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "word", "words" -> WORD;
            case "char", "chars", "character", "characters" -> CHARACTER;
            default -> throw new IllegalArgumentException("unknown unit '" + name + "' (word or char)");
        };
    }

    /** The tokens of one line, as model vocabulary spellings; runs of white space count as one space. */
    public List<String> tokens(String line) {
        List<String> out = new ArrayList<>();
        if (this == WORD) {
            int n = line.length();
            int i = 0;
            while (i < n) {
                while (i < n && isSpace(line.charAt(i))) i++;
                int s = i;
                while (i < n && !isSpace(line.charAt(i))) i++;
                if (i > s) out.add(line.substring(s, i));
            }
            return out;
        }
        boolean pendingSpace = false;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp < 0x10000 && isSpace((char) cp)) {
                pendingSpace = !out.isEmpty();
                continue;
            }
            if (pendingSpace) out.add(SPACE);
            pendingSpace = false;
            out.add(new String(Character.toChars(cp)));
        }
        return out;
    }

    /** The vocabulary spelling of a decoder's token: the space becomes {@link #SPACE} in character models. */
    public String spelling(String token) {
        return this == CHARACTER && " ".equals(token) ? SPACE : token;
    }

    /** The decoder's token for a vocabulary spelling: {@link #SPACE} becomes " " in character models. */
    public String token(String spelling) {
        return this == CHARACTER && SPACE.equals(spelling) ? " " : spelling;
    }

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B || c == 0xA0
                || Character.isWhitespace(c);
    }
}
