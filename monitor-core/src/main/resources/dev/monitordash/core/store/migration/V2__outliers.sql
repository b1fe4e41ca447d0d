-- MonitorDash schema, version 2: outliers (level 2), each linked to its request row.
-- Structured columns for what is searched or charted, text for stacks. Request headers and parameters
-- and the threads of the dump are rows of their own, so no format has to be parsed to read them back.

CREATE TABLE outlier (
    id ${id},
    request_id BIGINT NOT NULL UNIQUE REFERENCES request (id),
    endpoint_id BIGINT NOT NULL REFERENCES endpoint (id),  -- retention is per endpoint: last K kept
    captured_at BIGINT NOT NULL,        -- when the deadline passed and the capture was taken
    ran_for BIGINT NOT NULL,            -- microseconds the request had run at that moment
    threshold BIGINT NOT NULL,          -- the endpoint's threshold then, microseconds
    url TEXT,                           -- full URL without the query string (null: request not read)
    query TEXT,                         -- raw query string, secrets masked
    method TEXT,
    remote_address TEXT,
    user_name TEXT,
    request_thread TEXT NOT NULL,
    request_stack TEXT NOT NULL,        -- one frame per line; ends with (truncated) when cut
    cpu_per_core TEXT NOT NULL,         -- percent per logical processor, comma-separated, in order; -1 unknown
    cpu_total DOUBLE PRECISION NOT NULL,
    memory_total BIGINT NOT NULL,       -- bytes; -1 unknown
    memory_available BIGINT NOT NULL,
    heap_used BIGINT NOT NULL,
    heap_committed BIGINT NOT NULL,
    heap_max BIGINT NOT NULL,
    non_heap_used BIGINT NOT NULL,
    non_heap_committed BIGINT NOT NULL,
    gc_count BIGINT NOT NULL,
    gc_time BIGINT NOT NULL,            -- milliseconds, all collectors
    thread_count INTEGER NOT NULL,
    daemon_thread_count INTEGER NOT NULL,
    peak_thread_count INTEGER NOT NULL,
    load_1 DOUBLE PRECISION NOT NULL,   -- load averages; negative unknown
    load_5 DOUBLE PRECISION NOT NULL,
    load_15 DOUBLE PRECISION NOT NULL,
    notes TEXT NOT NULL DEFAULT ''      -- what was cut or missing, one note per line
);

-- The outliers page lists an endpoint's outliers newest first; retention walks the same index.
CREATE INDEX outlier_endpoint ON outlier (endpoint_id, id);

-- Request headers (kind 'header') and parameters (kind 'parameter'), in request order, masked.
CREATE TABLE outlier_field (
    outlier_id BIGINT NOT NULL REFERENCES outlier (id),
    kind TEXT NOT NULL,
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (outlier_id, kind, position)
);

-- The dump of all threads at the capture.
CREATE TABLE outlier_thread (
    outlier_id BIGINT NOT NULL REFERENCES outlier (id),
    position INTEGER NOT NULL,
    thread_id BIGINT NOT NULL,
    name TEXT NOT NULL,
    state TEXT NOT NULL,                -- java.lang.Thread.State
    daemon BOOLEAN NOT NULL,
    lock_name TEXT,
    lock_owner TEXT,
    stack TEXT NOT NULL,
    PRIMARY KEY (outlier_id, position)
);
