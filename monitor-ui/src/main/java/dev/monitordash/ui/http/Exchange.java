package dev.monitordash.ui.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to the dashboard with the helpers every route needs: the dashboard's base path (context
 * path + mount path, so links and cookies work under any context path), method checks, bounded body
 * reading, and JSON / redirect / error answers.
 */
public final class Exchange {

    /** Request bodies are tiny JSON objects; anything bigger is refused before it is read. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final String basePath;
    private final String path;
    private final Map<String, Supplier<String>> answerHeaders = new LinkedHashMap<>();

    public Exchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
        this.basePath = request.getContextPath() + request.getServletPath();
        String info = request.getPathInfo();
        this.path = info == null ? "" : info;
    }

    public HttpServletRequest request() {
        return request;
    }

    public HttpServletResponse response() {
        return response;
    }

    /** Context path + dashboard mount path, e.g. {@code /shop/dashboard}; no trailing slash. */
    public String basePath() {
        return basePath;
    }

    /** The path inside the dashboard, e.g. {@code /api/overview}; empty for the bare mount path. */
    public String path() {
        return path;
    }

    public String method() {
        return request.getMethod();
    }

    public boolean isApi() {
        return path.startsWith("/api/");
    }

    /** Fails with 405 and an {@code Allow} header unless the request uses the given method. */
    public void requireMethod(String method) {
        if (!method.equals(request.getMethod())) {
            throw HttpError.methodNotAllowed(method);
        }
    }

    /** Reads a JSON request body; 415 for another content type, 413 when too large. */
    public byte[] jsonBody() throws IOException {
        String type = request.getContentType();
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new HttpError(415, "Content-Type must be application/json");
        }
        long declared = request.getContentLengthLong();
        if (declared > MAX_BODY_BYTES) {
            throw new HttpError(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new HttpError(413, "request body larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        }
    }

    /**
     * A header whose value is known only once the answer has been computed (e.g. whether the reads behind it
     * were partial): asked for just before a successful JSON answer is written, since headers cannot follow
     * the body; a null value leaves the header out.
     */
    public void headerOnAnswer(String name, Supplier<String> value) {
        answerHeaders.put(name, value);
    }

    public void json(int status, Object body) throws IOException {
        SecurityHeaders.noStore(response);
        response.setStatus(status);
        if (status < 300) {
            answerHeaders.forEach((name, value) -> {
                String v = value.get();
                if (v != null) {
                    response.setHeader(name, v);
                }
            });
        }
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        Json.write(response.getOutputStream(), body);
    }

    /** Redirects to a path inside the dashboard ({@code "/login"}), as an absolute path, never a full URL. */
    public void redirect(int status, String dashboardPath) {
        SecurityHeaders.noStore(response);
        response.setStatus(status);
        response.setHeader("Location", basePath + dashboardPath);
    }

    public void noContent() {
        SecurityHeaders.noStore(response);
        response.setStatus(204);
    }

    /*
     * A refused request's body is often never read (CSRF, role, method checks come first). A container
     * that answers without reading it closes the connection, and a client reusing that keep-alive
     * connection then fails with "no bytes". Reading a small body keeps keep-alive sound; for a large
     * one the client is told the connection closes.
     */
    private void discardUnreadBody() {
        long declared = request.getContentLengthLong();
        if (declared == 0) {
            return;
        }
        if (declared > MAX_BODY_BYTES) {
            response.setHeader("Connection", "close");
            return;
        }
        try {
            InputStream in = request.getInputStream();
            if (in.readNBytes(MAX_BODY_BYTES + 1).length > MAX_BODY_BYTES) {
                response.setHeader("Connection", "close");
            }
        } catch (IOException | IllegalStateException e) {
            response.setHeader("Connection", "close");
        }
    }

    /** Answers a refused request: JSON {@code {"error": ...}} for the API, plain text for pages. */
    public void fail(HttpError error) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        discardUnreadBody();
        error.headers().forEach(response::setHeader);
        if (isApi()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", error.getMessage());
            body.putAll(error.details());
            json(error.status(), body);
        } else {
            SecurityHeaders.noStore(response);
            response.setStatus(error.status());
            response.setContentType("text/plain");
            response.setCharacterEncoding("UTF-8");
            response.getOutputStream().write((error.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }
}
