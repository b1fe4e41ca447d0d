-- MonitorDash schema, version 1: endpoints, versions and raw requests.
-- All times are epoch MICROSECONDS (UTC) in BIGINT columns, in both dialects: the query layer buckets
-- them into days and hours of the configured time zone in Java, so DST is handled in one place.
-- ${id} is the dialect's generated primary key (SQLite rowid, PostgreSQL identity).
-- Statements end with a semicolon at the end of a line; lines starting with -- are comments.

CREATE TABLE endpoint (
    id ${id},
    name TEXT NOT NULL UNIQUE,          -- route template, never a raw URL
    handler TEXT,                       -- servlet name or controller, if known
    level INTEGER NOT NULL,             -- monitoring level 0-3
    methods TEXT NOT NULL DEFAULT '',   -- HTTP methods seen, comma-separated
    first_seen BIGINT NOT NULL,
    first_version TEXT,
    last_requested BIGINT
);

CREATE TABLE version (
    name TEXT PRIMARY KEY,              -- what requests are tagged with
    first_seen BIGINT NOT NULL,         -- kept from the first start with this version
    commit_id TEXT,                     -- full git commit id, if from git ("commit" is an SQL keyword)
    commit_time BIGINT,
    tags TEXT NOT NULL DEFAULT ''       -- git tags at HEAD, space-separated (a tag name has no space)
);

CREATE TABLE request (
    id ${id},
    endpoint_id BIGINT NOT NULL REFERENCES endpoint (id),
    started_at BIGINT NOT NULL,
    duration BIGINT NOT NULL,           -- microseconds
    method TEXT NOT NULL,
    status INTEGER NOT NULL,
    version TEXT NOT NULL,
    user_name TEXT,
    client_ip TEXT,
    service TEXT NOT NULL,
    instance TEXT NOT NULL
);

-- Every index costs write throughput; these two serve the views (measured with the benchmarks
-- module's WriterThroughputBenchmark).
-- Per endpoint over a time range, covering duration and status too: the heatmap, hourly series,
-- overview counts, errors and medians read this index only, never the table. Its insertion point per
-- endpoint is always the right end (started_at grows), which keeps batch writes cheap; an index that
-- starts with (endpoint_id, duration) inserted at random places and cost about half the write rate.
CREATE INDEX request_endpoint_time ON request (endpoint_id, started_at, duration, status);
-- All endpoints over a time range (versions page, retention of old rows); append-only.
CREATE INDEX request_started ON request (started_at);
