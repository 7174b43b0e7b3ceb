package dev.ductus.web.api;

import java.nio.charset.StandardCharsets;

/** One HTTP answer: status, media type and body. */
public record WebResponse(int status, String contentType, byte[] body) {
    public static final String JSON = "application/json; charset=utf-8";

    public static WebResponse json(int status, String json) {
        return new WebResponse(status, JSON, json.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code {"error": message, "status": status}}: every error the API answers looks like this. */
    public static WebResponse error(int status, String message) {
        return json(status, new JsonWriter().beginObject().field("error", message).field("status", status).endObject().toString());
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
