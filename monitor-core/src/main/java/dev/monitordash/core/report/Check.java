package dev.monitordash.core.report;

import java.util.List;

/**
 * One confounder checked for a finding: a different mix of hours of the day (load), a few users, one
 * instance.
 *
 * @param explains whether the confounder accounts for the change: without it (within matching hours,
 *                 without those users, without that instance) the change is below the minimum effect
 * @param text     the outcome in one sentence, with the figures
 * @param users    the users the change is concentrated in (for links to the endpoint page's user view)
 * @param instance the instance it is concentrated in, or null
 */
public record Check(Kind kind, boolean explains, String text, List<String> users, String instance) {

    public enum Kind {
        HOURS("hours"), USERS("users"), INSTANCE("instance");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Check {
        users = List.copyOf(users);
    }

    static Check of(Kind kind, boolean explains, String text) {
        return new Check(kind, explains, text, List.of(), null);
    }
}
