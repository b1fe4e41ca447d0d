package dev.monitordash.servlet;

import dev.monitordash.core.outlier.NameValue;
import dev.monitordash.core.outlier.QueryString;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.servlet.client.ClientAddressResolver;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Reads what an outlier keeps of its request. Runs on the watchdog thread, only for a request that has
 * become an outlier, while the request still runs (the watch holds the request thread at its end until
 * this returns, so the container cannot recycle the request meanwhile).
 *
 * <p>It reads only what the container parsed before the application ran: URL, method, headers, the
 * query string, the remote address and the authenticated principal. It never calls {@code getParameter*}:
 * that would make the container parse a form body, consuming the stream the application may not have
 * read yet (the Servlet API cannot tell whether it already did). Parameters therefore come from the
 * query string, parsed here; a form body is noted, never read. The app's user function is not called
 * either: it may touch the session from a foreign thread; the request's record carries that user.
 */
final class OutlierRequestReader implements Supplier<RequestData> {

    private final HttpServletRequest request;
    private final ClientAddressResolver clientAddress;
    private final int maxHeaders;

    /** @param maxHeaders headers an outlier keeps: one more is read, so that the cut can be noted */
    OutlierRequestReader(HttpServletRequest request, ClientAddressResolver clientAddress, int maxHeaders) {
        this.request = request;
        this.clientAddress = clientAddress;
        this.maxHeaders = maxHeaders;
    }

    @Override
    public RequestData get() {
        List<String> notes = new ArrayList<>();
        List<NameValue> headers = new ArrayList<>();
        Enumeration<String> names = request.getHeaderNames();
        while (names != null && names.hasMoreElements() && headers.size() <= maxHeaders) {
            String name = names.nextElement();
            Enumeration<String> values = request.getHeaders(name);
            while (values != null && values.hasMoreElements()) {
                headers.add(new NameValue(name, values.nextElement()));
            }
        }
        String query = request.getQueryString();
        String type = request.getContentType();
        if (type != null && (type.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")
                || type.toLowerCase(Locale.ROOT).startsWith("multipart/"))) {
            notes.add("form parameters in the request body are not read (the body belongs to the application)");
        }
        Principal principal = request.getUserPrincipal();
        return new RequestData(request.getRequestURL().toString(), query, request.getMethod(), headers,
                QueryString.parse(query), clientAddress.resolve(request), principal == null ? null : principal.getName(),
                notes);
    }
}
