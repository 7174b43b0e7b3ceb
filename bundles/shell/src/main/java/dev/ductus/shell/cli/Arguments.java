package dev.ductus.shell.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line arguments of one verb: {@code --name value}, {@code --name=value}, boolean {@code --flag}s
 * (declared up front so they do not swallow the next word), and positional words.
 */
public final class Arguments {
    private final Map<String, List<String>> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /** Thrown for bad usage; the verb prints its usage and exits with 2. */
    public static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    private Arguments() {
    }

    public static Arguments parse(List<String> args, Set<String> flags) {
        Arguments a = new Arguments();
        Map<String, List<String>> opts = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                a.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--") && arg.length() > 2) {
                String name = arg.substring(2);
                String value;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                } else if (flags.contains(name)) {
                    value = "true";
                } else {
                    if (i + 1 >= args.size()) throw new UsageException("option --" + name + " needs a value");
                    value = args.get(++i);
                }
                opts.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                a.options.put(name, opts.get(name));
            } else if (arg.startsWith("-") && arg.length() == 2 && !flags.contains(arg.substring(1))) {
                // short form of an option with a value, e.g. -o out.html
                if (i + 1 >= args.size()) throw new UsageException("option " + arg + " needs a value");
                String name = arg.substring(1);
                opts.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(++i));
                a.options.put(name, opts.get(name));
            } else {
                a.positional.add(arg);
            }
        }
        return a;
    }

    public String get(String name, String fallback) {
        List<String> v = options.get(name);
        return v == null || v.isEmpty() ? fallback : v.get(v.size() - 1);
    }

    public String require(String name) {
        String v = get(name, null);
        if (v == null) throw new UsageException("missing --" + name);
        return v;
    }

    public List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return Boolean.parseBoolean(get(name, "false"));
    }

    public int intValue(String name, int fallback) {
        String v = get(name, null);
        if (v == null) return fallback;
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a whole number, got '" + v + "'");
        }
    }

    public double doubleValue(String name, double fallback) {
        String v = get(name, null);
        if (v == null) return fallback;
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " expects a number, got '" + v + "'");
        }
    }

    public List<String> positional() {
        return positional;
    }

    /** Rejects options the verb does not know, so a typo is not silently ignored. */
    public Arguments allow(Set<String> known) {
        for (String k : options.keySet()) {
            if (!known.contains(k)) throw new UsageException("unknown option --" + k);
        }
        return this;
    }
}
