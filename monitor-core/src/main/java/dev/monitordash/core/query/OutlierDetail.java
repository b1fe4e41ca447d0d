package dev.monitordash.core.query;

import dev.monitordash.core.outlier.CapturedThread;
import dev.monitordash.core.outlier.RequestData;
import dev.monitordash.core.outlier.SystemSnapshot;

import java.util.List;

/**
 * Everything stored of one outlier, as the detail page shows it. Request headers and parameters are
 * masked already; text from the request must be rendered as text, never as HTML.
 *
 * @param request null when the request could not be read at capture time
 * @param notes   what was cut or missing at capture
 */
public record OutlierDetail(
        OutlierSummary summary,
        RequestData request,
        String requestThread,
        String requestStack,
        List<CapturedThread> threads,
        SystemSnapshot system,
        List<String> notes) {
}
