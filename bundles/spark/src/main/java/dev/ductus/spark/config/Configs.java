package dev.ductus.spark.config;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * A component's configuration annotation ({@code @interface Config}) over a property map, as Declarative Services
 * builds it: each method reads the property its name maps to ({@code lm_weight} -> {@code lm.weight},
 * {@code __} -> {@code _}, {@code $_$} -> {@code -}, {@code $$} -> {@code $}, a lone {@code $} dropped) and coerces the
 * value to the method's type; a missing property gives the method's default. So the Spark job configures the
 * runtime's stage classes with the same defaults and the same files.
 */
public final class Configs {
    private Configs() {
    }

    /** The annotation {@code type} whose methods read {@code properties}. */
    public static <A> A of(Class<A> type, Map<String, ?> properties) {
        if (!type.isAnnotation()) throw new IllegalArgumentException(type + " is not an annotation type");
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            switch (method.getName()) {
                case "annotationType": return type;
                case "toString": return type.getSimpleName() + properties;
                case "hashCode": return System.identityHashCode(self);
                case "equals": return self == args[0];
                default: return value(type, method, properties);
            }
        });
        return type.cast(proxy);
    }

    /** The property name DS maps an annotation method's name to. */
    public static String propertyName(String methodName) {
        StringBuilder sb = new StringBuilder(methodName.length());
        for (int i = 0; i < methodName.length(); i++) {
            char c = methodName.charAt(i);
            if (c == '$') {
                if (methodName.startsWith("$_$", i)) {
                    sb.append('-');
                    i += 2;
                } else if (methodName.startsWith("$$", i)) {
                    sb.append('$');
                    i++;
                }
            } else if (c == '_') {
                if (methodName.startsWith("__", i)) {
                    sb.append('_');
                    i++;
                } else {
                    sb.append('.');
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Object value(Class<?> type, Method method, Map<String, ?> properties) {
        String key = propertyName(method.getName());
        Object raw = properties.get(key);
        Class<?> want = method.getReturnType();
        if (raw == null) {
            Object d = method.getDefaultValue();
            if (d == null) return want.isArray() ? Array.newInstance(want.getComponentType(), 0) : want.isPrimitive() ? zero(want) : null;
            return d;
        }
        try {
            return coerce(raw, want);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(type.getEnclosingClass().getSimpleName() + ": property " + key + " = '" + raw
                    + "' is not " + (want.isArray() ? "a list of " + want.getComponentType().getSimpleName() : "a " + want.getSimpleName()), e);
        }
    }

    private static Object coerce(Object raw, Class<?> want) {
        if (want.isArray()) {
            Class<?> element = want.getComponentType();
            Object[] items = raw instanceof Collection<?> c ? c.toArray() : raw.getClass().isArray() ? boxed(raw) : new Object[]{raw};
            Object out = Array.newInstance(element, items.length);
            for (int i = 0; i < items.length; i++) Array.set(out, i, coerce(items[i], element));
            return out;
        }
        if (raw.getClass().isArray() || raw instanceof Collection<?>) {
            Object[] items = raw instanceof Collection<?> c ? c.toArray() : boxed(raw);
            if (items.length == 0) throw new IllegalArgumentException("empty list");
            return coerce(items[0], want);
        }
        String s = String.valueOf(raw).trim();
        if (want == String.class) return String.valueOf(raw);
        if (want == int.class || want == Integer.class) return raw instanceof Number n ? n.intValue() : Integer.parseInt(s);
        if (want == long.class || want == Long.class) return raw instanceof Number n ? n.longValue() : Long.parseLong(s);
        if (want == double.class || want == Double.class) return raw instanceof Number n ? n.doubleValue() : Double.parseDouble(s);
        if (want == float.class || want == Float.class) return raw instanceof Number n ? n.floatValue() : Float.parseFloat(s);
        if (want == boolean.class || want == Boolean.class) return raw instanceof Boolean b ? b : Boolean.parseBoolean(s);
        if (want.isEnum()) {
            for (Object constant : want.getEnumConstants()) {
                if (((Enum<?>) constant).name().equalsIgnoreCase(s)) return constant;
            }
            throw new IllegalArgumentException("no such constant");
        }
        throw new IllegalArgumentException("unsupported type " + want.getName().toLowerCase(Locale.ROOT));
    }

    private static Object[] boxed(Object array) {
        Object[] out = new Object[Array.getLength(array)];
        for (int i = 0; i < out.length; i++) out[i] = Array.get(array, i);
        return out;
    }

    private static Object zero(Class<?> primitive) {
        if (primitive == boolean.class) return false;
        if (primitive == double.class) return 0.0;
        if (primitive == float.class) return 0f;
        if (primitive == long.class) return 0L;
        return 0;
    }
}
