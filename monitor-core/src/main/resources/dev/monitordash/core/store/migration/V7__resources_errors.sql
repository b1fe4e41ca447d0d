-- MonitorDash schema, version 7: resources over time and errors grouped by cause (docs/resources.md).
-- Same conventions as V4: times in epoch microseconds (UTC), ${blob} the dialect's byte-string type,
-- ${without_rowid} clustering rollup-like tables by their primary key on SQLite.

-- One row per resource sample (every monitordash.resources.period, 8 640 a day at 10 s) of one origin
-- (version, service, instance). The figures are one compact blob (ResourceSample's format, ~120 bytes),
-- not a column each: the set of figures may grow without a migration, and a day is ~1 MB per instance.
-- Clustered by time: range reads and retention's deletes both walk it in that order.
CREATE TABLE resource_sample (
    at BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    sample ${blob} NOT NULL,
    PRIMARY KEY (at, origin_id)
)${without_rowid};

-- Downsampled rows for long ranges: per minute (span 60, kept 8 days: longer views read hours) and per hour (span 3600, kept as
-- long as the request rollups). Each holds count, minimum, sum and maximum of every figure
-- (ResourceSummary's format), added to by the sampling thread as it writes each sample.
CREATE TABLE resource_rollup (
    span INTEGER NOT NULL,              -- seconds
    bucket BIGINT NOT NULL,             -- start, epoch microseconds
    origin_id BIGINT NOT NULL,
    summary ${blob} NOT NULL,
    PRIMARY KEY (span, bucket, origin_id)
)${without_rowid};

-- One row per cause: the exception's class and its normalized stack (ErrorFingerprint) hashed.
-- The sample (message masked, full stack) is the first occurrence's; the counts cover all of them.
CREATE TABLE error_group (
    id ${id},
    fingerprint TEXT NOT NULL UNIQUE,
    exception TEXT NOT NULL,            -- class of the exception that ended the request
    root_cause TEXT,                    -- class of its innermost cause; null when it has none
    message TEXT,                       -- masked, capped; of the first occurrence
    frame TEXT,                         -- the first frame, normalized: where it was thrown
    stack TEXT NOT NULL,                -- the first occurrence's full stack with causes, messages masked
    occurrences BIGINT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX error_group_last_seen ON error_group (last_seen);

-- Occurrences per UTC hour, endpoint and origin: the range counts, the per-day sparkline (days in the
-- configured zone, bucketed in Java as the heatmaps are) and the endpoints and versions affected.
CREATE TABLE error_hour (
    hour BIGINT NOT NULL,               -- started_at / 3600000000
    group_id BIGINT NOT NULL,
    endpoint_id BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    occurrences BIGINT NOT NULL,
    PRIMARY KEY (hour, group_id, endpoint_id, origin_id)
)${without_rowid};
CREATE INDEX error_hour_group ON error_hour (group_id, hour);

-- First and last occurrence of each cause per version, to the microsecond: "a new cause after a deploy"
-- is a group whose first version is the one deployed last.
CREATE TABLE error_version (
    group_id BIGINT NOT NULL,
    version TEXT NOT NULL,
    occurrences BIGINT NOT NULL,
    first_seen BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    PRIMARY KEY (group_id, version)
)${without_rowid};
