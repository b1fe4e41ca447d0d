package dev.monitordash.core.outlier;

import java.util.List;

/**
 * What an outlier keeps of its request, framework-neutral: the servlet module builds it from the
 * request only when the request has become an outlier (see {@link OutlierWatch}).
 *
 * @param url        the full URL without the query string
 * @param query      the raw query string, or null
 * @param headers    in the order the request sent them; a header sent twice appears twice
 * @param parameters parameters the request already carried in parsed form (never read from the body
 *                   by MonitorDash)
 * @param notes      what could not be captured, or was cut ("(truncated)")
 */
public record RequestData(
        String url,
        String query,
        String method,
        List<NameValue> headers,
        List<NameValue> parameters,
        String remoteAddress,
        String user,
        List<String> notes) {

    public RequestData {
        headers = List.copyOf(headers);
        parameters = List.copyOf(parameters);
        notes = List.copyOf(notes);
    }
}
