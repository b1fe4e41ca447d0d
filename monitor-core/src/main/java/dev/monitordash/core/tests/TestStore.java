package dev.monitordash.core.tests;

import dev.monitordash.core.query.TestQueries;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Where test runs and the API tokens that post them are kept: the monitor's own store, so the Tests page
 * sits beside the requests those tests made. Every method may throw
 * {@link dev.monitordash.core.store.StoreException}.
 */
public interface TestStore {

    /**
     * Stores a run or a part of one, in one transaction. Results already stored under the same run id and
     * key are left as they are, so a retried delivery changes nothing.
     *
     * @throws InvalidTestRunException if the run breaks {@link TestLimits}
     * @throws RunConflictException    if the run id is stored with another version
     */
    SavedRun save(TestRun run);

    /**
     * A new token for posting test runs; its secret is returned once and stored only as a digest.
     *
     * @param validity how long it is accepted; null for no expiry
     */
    IssuedToken createToken(String name, String createdBy, Duration validity);

    /** Every token, newest first. */
    List<ApiToken> tokens();

    /** Deletes the token; false if there was none with that id. */
    boolean revokeToken(long id);

    /**
     * The token of this secret if it exists (expired or not: the caller says which), noting its use.
     */
    Optional<ApiToken> authenticate(String secret);

    /** The Tests page's queries. */
    TestQueries queries();
}
