package dev.monitordash.core.query;

/**
 * The optional one-user predicate of the per-endpoint charts ("this user complains: when does he use the
 * endpoint, which version made it slow for him, what fails for him?"). A null user means all requests.
 * Requests recorded without a user (user_name NULL) are never selected by a user: {@code user_name = ?}
 * does not match NULL, so they count only when no user is chosen.
 */
record UserFilter(String user) {

    static final UserFilter ALL = new UserFilter(null);

    static UserFilter of(String user) {
        return user == null ? ALL : new UserFilter(user);
    }

    /** {@code " AND <alias>user_name = ?"}, or nothing when all users count; alias e.g. {@code "r."}. */
    String and(String alias) {
        return user == null ? "" : " AND " + alias + Dimension.USER.column + " = ?";
    }

    String and() {
        return and("");
    }

    /** The parameters before the predicate, followed by the user when one is chosen. */
    Object[] params(Object... before) {
        return user == null ? before : BoxPlotReader.concat(before, new Object[] {user});
    }
}
