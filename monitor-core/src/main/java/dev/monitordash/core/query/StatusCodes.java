package dev.monitordash.core.query;

import java.util.List;

/**
 * An endpoint's status codes in a range and its most recent failed requests.
 *
 * @param codes  every status code with requests, ascending
 * @param failed the most recent requests with status &ge; 400, newest first
 */
public record StatusCodes(List<Count> codes, List<StoredRequest> failed) {

    public record Count(int status, long requests) {
    }
}
