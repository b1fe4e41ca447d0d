package dev.monitordash.core.query;

import java.util.List;

/**
 * What the per-endpoint filters offer over a range.
 *
 * @param users       the users with requests, most requests first (ties by name), at most the number asked
 *                    for; requests without a user are not listed (no user filter selects them)
 * @param hiddenUsers users with requests that the limit left out
 * @param versions    the versions with requests, first seen first (unknown first-seen last, then by name),
 *                    as {@link AnalyticsQueries#versionBoxes} orders them
 */
public record FilterChoices(List<UserCount> users, int hiddenUsers, List<String> versions) {

    public record UserCount(String user, long requests) {
    }
}
