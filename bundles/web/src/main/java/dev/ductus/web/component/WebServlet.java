package dev.ductus.web.component;

import dev.ductus.web.api.WebApi;
import dev.ductus.web.api.WebRequest;
import dev.ductus.web.api.WebResponse;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Moves bytes between HTTP and {@link WebApi}: reads the body (bounded: a declared or actual length above the
 * limit is answered 413; the rest is read and dropped up to a bound, see {@link #drain}), takes the image part of a multipart upload, and writes the
 * answer. Nothing else is decided here.
 */
final class WebServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient WebApi api;

    WebServlet(WebApi api) {
        this.api = api;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws ServletException, IOException {
        WebResponse answer;
        try {
            answer = answer(req);
        } catch (TooLarge e) {
            answer = WebResponse.error(413, e.getMessage());
            drain(req);
            resp.setHeader("Connection", "close");
        } catch (IOException | ServletException | IllegalStateException e) {
            answer = WebResponse.error(400, "the request could not be read: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
        resp.setStatus(answer.status());
        resp.setContentType(answer.contentType());
        resp.setHeader("Cache-Control", "no-store");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        if (answer.status() == 503) resp.setHeader("Retry-After", "1");
        resp.setContentLength(answer.body().length);
        if (!req.getMethod().equals("HEAD")) resp.getOutputStream().write(answer.body());
    }

    private WebResponse answer(HttpServletRequest req) throws IOException, ServletException {
        String path = req.getPathInfo() == null ? req.getServletPath() : req.getServletPath() + req.getPathInfo();
        Map<String, String> query = query(req.getQueryString());
        String type = mediaType(req.getContentType());
        byte[] body = new byte[0];
        if (req.getMethod().equals("POST")) {
            if (type.startsWith("multipart/")) {
                Part image = null;
                for (Part p : req.getParts()) {
                    String pt = mediaType(p.getContentType());
                    if (image == null && (pt.startsWith("image/") || pt.equals("application/zip") || "image".equals(p.getName())
                            || "file".equals(p.getName()))) {
                        image = p;
                    }
                }
                if (image == null) return WebResponse.error(400, "the multipart upload has no image part (name it 'image')");
                if (image.getSize() > api.limits().maxBodyBytes()) throw tooLarge(image.getSize());
                type = mediaType(image.getContentType());
                try (InputStream in = image.getInputStream()) {
                    body = read(in, api.limits().maxBodyBytes());
                }
            } else {
                long declared = req.getContentLengthLong();
                if (declared > api.limits().maxBodyBytes()) throw tooLarge(declared);
                body = read(req.getInputStream(), api.limits().maxBodyBytes());
            }
        }
        String token = req.getHeader("Authorization");
        if (token != null && token.regionMatches(true, 0, "Bearer ", 0, 7)) token = token.substring(7).trim();
        else token = query.get("token");
        return api.handle(new WebRequest(req.getMethod(), path, query, type, body, token));
    }

    /**
     * Reads and drops what is left of a refused body, up to four times the limit (at most 64 MiB), so that a client
     * that sends its whole body before reading the answer gets the 413 instead of a broken connection; a larger body
     * is not read (the connection is closed under it).
     */
    private void drain(HttpServletRequest req) {
        if (mediaType(req.getContentType()).startsWith("multipart/")) return;
        long bound = Math.min(4 * api.limits().maxBodyBytes(), 64L << 20);
        long declared = req.getContentLengthLong();
        if (declared > bound) return;
        try {
            InputStream in = req.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while (total < bound && (n = in.read(buffer)) > 0) total += n;
        } catch (IOException | IllegalStateException e) {
            // the client went away: nothing to answer
        }
    }

    private TooLarge tooLarge(long bytes) {
        return new TooLarge("the body is " + bytes + " bytes, above the limit of " + api.limits().maxBodyBytes() + " (max.body.bytes)");
    }

    private byte[] read(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            total += n;
            if (total > max) throw tooLarge(total);
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** The query string's parameters (the first value of each); the body is never parsed as a form. */
    static Map<String, String> query(String queryString) {
        Map<String, String> query = new HashMap<>();
        if (queryString == null || queryString.isEmpty()) return query;
        for (String pair : queryString.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq >= 0 ? pair.substring(0, eq) : pair;
            String v = eq >= 0 ? pair.substring(eq + 1) : "";
            try {
                query.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("malformed query string near '" + pair + "'");
            }
        }
        return query;
    }

    private static String mediaType(String contentType) {
        if (contentType == null) return "";
        int semi = contentType.indexOf(';');
        return (semi >= 0 ? contentType.substring(0, semi) : contentType).trim().toLowerCase(Locale.ROOT);
    }

    private static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }
}
