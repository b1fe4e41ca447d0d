package dev.monitordash.core.query;

import dev.monitordash.core.rollup.DurationSketch;

import java.util.List;

/**
 * What the report reads of one endpoint whose times changed, to check the obvious confounders: its
 * durations per UTC hour of the day on each side (a different mix of hours, such as more of the busy
 * ones, changes the times without any change of code), and per user.
 *
 * @param hoursBefore 24 sketches, index = UTC hour of the day; whole hours of the side's range only
 * @param hoursAfter  the same of the after side
 * @param usersBefore per user of the UTC days the side touches (daily user rollups); the group without a
 *                    user has name null, the users beyond the per-day cap are one group " other users"
 * @param usersAfter  the same of the after side
 */
public record ReportDetail(List<DurationSketch> hoursBefore, List<DurationSketch> hoursAfter,
        List<GroupTimes> usersBefore, List<GroupTimes> usersAfter) {

    public static final int HOURS = 24;

    public ReportDetail {
        if (hoursBefore.size() != HOURS || hoursAfter.size() != HOURS) {
            throw new IllegalArgumentException("24 hours a side, had " + hoursBefore.size() + " and " + hoursAfter.size());
        }
        hoursBefore = List.copyOf(hoursBefore);
        hoursAfter = List.copyOf(hoursAfter);
        usersBefore = List.copyOf(usersBefore);
        usersAfter = List.copyOf(usersAfter);
    }
}
