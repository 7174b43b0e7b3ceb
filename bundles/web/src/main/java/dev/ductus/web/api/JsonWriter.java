package dev.ductus.web.api;

/**
 * A streaming JSON writer for the API's answers: objects, arrays, strings (escaped per RFC 8259), numbers (NaN and
 * infinities as null), booleans and null. Commas are placed by the writer; misuse (a value where a name is due)
 * fails fast with IllegalStateException.
 */
public final class JsonWriter {
    private final StringBuilder out = new StringBuilder(256);
    // one entry per open container: 'o' object awaiting a name, 'v' object awaiting the value of a name, 'a' array
    private final StringBuilder stack = new StringBuilder();
    private final StringBuilder first = new StringBuilder();

    public JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        push('o');
        return this;
    }

    public JsonWriter endObject() {
        pop('o', '}');
        return this;
    }

    public JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        push('a');
        return this;
    }

    public JsonWriter endArray() {
        pop('a', ']');
        return this;
    }

    /** The next member's name (inside an object). */
    public JsonWriter name(String name) {
        int top = stack.length() - 1;
        if (top < 0 || stack.charAt(top) != 'o') throw new IllegalStateException("a name outside an object: " + name);
        if (first.charAt(top) == '0') out.append(',');
        first.setCharAt(top, '0');
        quote(name);
        out.append(':');
        stack.setCharAt(top, 'v');
        return this;
    }

    public JsonWriter value(String s) {
        beforeValue();
        if (s == null) out.append("null");
        else quote(s);
        return this;
    }

    public JsonWriter value(double d) {
        beforeValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) out.append("null");
        else if (d == Math.rint(d) && Math.abs(d) < 1e15) out.append((long) d);
        else out.append(Double.toString(d)); // always a valid JSON number for a finite double
        return this;
    }

    public JsonWriter value(long n) {
        beforeValue();
        out.append(n);
        return this;
    }

    public JsonWriter value(boolean b) {
        beforeValue();
        out.append(b);
        return this;
    }

    public JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    /** Shorthands for one member. */
    public JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, double value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    public JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** The document; every container must be closed. */
    @Override
    public String toString() {
        if (stack.length() > 0) throw new IllegalStateException("unclosed JSON containers: " + stack);
        return out.toString();
    }

    private void beforeValue() {
        int top = stack.length() - 1;
        if (top < 0) {
            if (out.length() > 0) throw new IllegalStateException("a second top-level JSON value");
            return;
        }
        char c = stack.charAt(top);
        if (c == 'o') throw new IllegalStateException("a value without a name in an object");
        if (c == 'v') {
            stack.setCharAt(top, 'o');
            return;
        }
        if (first.charAt(top) == '0') out.append(',');
        first.setCharAt(top, '0');
    }

    private void push(char kind) {
        stack.append(kind);
        first.append('1');
    }

    private void pop(char kind, char close) {
        int top = stack.length() - 1;
        if (top < 0 || stack.charAt(top) != kind) throw new IllegalStateException("no open " + (kind == 'o' ? "object" : "array") + " to close");
        stack.setLength(top);
        first.setLength(top);
        out.append(close);
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    // U+2028/2029 break JavaScript string literals when the JSON is embedded in a script
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
