package dev.ductus.store.service;

/** LDAP filters over service properties, with values escaped (RFC 4515 as OSGi reads it: {@code \ * ( )}). */
public final class ServiceFilters {
    private ServiceFilters() {
    }

    /** The value with {@code \}, {@code *}, {@code (} and {@code )} escaped, so it matches only itself. */
    public static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '*' || c == '(' || c == ')') sb.append('\\');
            sb.append(c);
        }
        return sb.toString();
    }

    /** {@code (key=value)} with the value escaped. */
    public static String equal(String key, String value) {
        return "(" + key + "=" + escape(value) + ")";
    }
}
