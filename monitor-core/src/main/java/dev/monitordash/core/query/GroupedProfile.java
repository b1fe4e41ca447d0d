package dev.monitordash.core.query;

import dev.monitordash.core.profile.Profile;

/**
 * An endpoint's merged profile over its last {@code requests} profiled requests: hits per frame over all
 * of them; {@link Profile#nanosOf} gives a frame's total time, divided by {@code requests} its mean time
 * per request.
 */
public record GroupedProfile(Profile merged, int requests) {

    public double meanNanosOf(dev.monitordash.core.profile.CallTree.Node node) {
        return requests == 0 ? 0 : merged.nanosOf(node) / requests;
    }
}
