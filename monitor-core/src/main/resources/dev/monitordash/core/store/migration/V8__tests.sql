-- MonitorDash schema, version 8: test runs of the application's test suite (the seed's testing procedure),
-- the endpoints each test's requests hit, and the API tokens CI uses to post runs (docs/testing.md).

-- A test by its one name, "<class>#<method>" (TestNames).
CREATE TABLE test_case (
    id ${id},
    name TEXT NOT NULL UNIQUE
);

-- One run of the suite; run_key is the client's run id, which makes a repeated delivery a no-op.
CREATE TABLE test_run (
    id ${id},
    run_key TEXT NOT NULL UNIQUE,
    version TEXT NOT NULL,
    started_at BIGINT NOT NULL,         -- epoch microseconds
    received_at BIGINT NOT NULL
);

CREATE INDEX test_run_version ON test_run (version, started_at);

-- One execution of a test (a repeated or parameterized test has one per invocation). result_key is JUnit's
-- unique id of the execution: the same key of the same run is stored once, however often it is posted.
CREATE TABLE test_result (
    run_id BIGINT NOT NULL,
    result_key TEXT NOT NULL,
    test_id BIGINT NOT NULL,
    display_name TEXT NOT NULL,
    outcome TEXT NOT NULL,              -- passed, failed, skipped, aborted
    duration BIGINT NOT NULL,           -- microseconds
    repetition INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    PRIMARY KEY (run_id, result_key)
)${without_rowid};

-- A test's executions across versions: its box plots and the comparison read by test.
CREATE INDEX test_result_test ON test_result (test_id, run_id);

-- Requests the monitor recorded while a test ran, per endpoint, test and origin (whose version they ran).
CREATE TABLE test_hit (
    endpoint_id BIGINT NOT NULL,
    test_id BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    total BIGINT NOT NULL,              -- summed duration, microseconds
    last_seen BIGINT NOT NULL,          -- epoch microseconds of the latest request
    PRIMARY KEY (endpoint_id, test_id, origin_id)
)${without_rowid};

-- Tokens an admin created for CI to post test runs. Only a SHA-256 digest of the secret is kept: the
-- secret is 256 random bits, so a digest without salt or stretching cannot be reversed by guessing.
CREATE TABLE api_token (
    id ${id},
    name TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT,                  -- null: never
    last_used BIGINT
);
