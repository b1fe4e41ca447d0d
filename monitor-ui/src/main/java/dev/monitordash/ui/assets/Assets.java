package dev.monitordash.ui.assets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Serves the dashboard's static files ({@code <dashboard>/assets/...}): our stylesheet, ES modules and
 * icon from {@code dev/monitordash/ui/assets/} on the classpath, and Chart.js from its webjar under
 * {@code assets/vendor/}. Only names of a strict shape and known extensions are looked up, so no path can
 * reach another classpath resource. They reveal no data, so the login page can use them before login.
 * Revalidated with ETags ({@code Cache-Control: no-cache}): an upgraded dashboard never runs stale code.
 */
public final class Assets {

    private static final String ROOT = "dev/monitordash/ui/assets/";
    private static final Pattern SAFE_NAME = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*\\.[a-z]+");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "svg", "image/svg+xml",
            "map", "application/json; charset=utf-8");
    private static final Map<String, String> VENDOR_FILES = Map.of(
            "vendor/chart.umd.js", "chart.umd.js",
            "vendor/chart.umd.js.map", "chart.umd.js.map");

    private final ClassLoader loader;
    private final ConcurrentHashMap<String, Asset> cache = new ConcurrentHashMap<>();

    public Assets(ClassLoader loader) {
        this.loader = loader;
        ChartJsWebjar.version(loader); // fail at startup, not on the first page view, if the webjar is missing
    }

    /** The asset of a name below {@code assets/}, e.g. {@code js/api.js}; empty when there is none. */
    public Optional<Asset> find(String name) {
        Asset cached = cache.get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        String resource = resourceName(name);
        if (resource == null) {
            return Optional.empty();
        }
        String type = CONTENT_TYPES.get(name.substring(name.lastIndexOf('.') + 1));
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                return Optional.empty();
            }
            Asset asset = Asset.of(in.readAllBytes(), type);
            cache.putIfAbsent(name, asset);
            return Optional.of(asset);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard asset " + resource, e);
        }
    }

    private String resourceName(String name) {
        String vendor = VENDOR_FILES.get(name);
        if (vendor != null) {
            return ChartJsWebjar.distResource(loader, vendor);
        }
        if (!SAFE_NAME.matcher(name).matches() || name.startsWith("vendor/")) {
            return null;
        }
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return CONTENT_TYPES.containsKey(ext) && !"map".equals(ext) ? ROOT + name : null;
    }

    /** Writes the asset, or 304 when the browser's copy is current; false when there is no such asset. */
    public boolean serve(String name, HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Optional<Asset> found = find(name);
        if (found.isEmpty()) {
            return false;
        }
        Asset asset = found.get();
        resp.setHeader("ETag", asset.etag());
        resp.setHeader("Cache-Control", "no-cache");
        if (matches(req.getHeader("If-None-Match"), asset.etag())) {
            resp.setStatus(304);
            return true;
        }
        resp.setStatus(200);
        resp.setContentType(asset.contentType());
        resp.setContentLength(asset.bytes().length);
        resp.getOutputStream().write(asset.bytes());
        return true;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}
