package dev.ductus.web.api;

import java.util.Map;

/**
 * One HTTP request as the API sees it: method, path (without the query), decoded query parameters (the first
 * value of each), the body's media type (without parameters, lower case; empty when none), the body, and the
 * access token the client presented (Authorization: Bearer, or {@code ?token=}), null when none.
 */
public record WebRequest(String method, String path, Map<String, String> query, String contentType, byte[] body,
                         String token) {
    public WebRequest {
        query = Map.copyOf(query);
        contentType = contentType == null ? "" : contentType;
        body = body == null ? new byte[0] : body;
    }

    public String parameter(String name, String otherwise) {
        String v = query.get(name);
        return v == null || v.isBlank() ? otherwise : v.trim();
    }
}
