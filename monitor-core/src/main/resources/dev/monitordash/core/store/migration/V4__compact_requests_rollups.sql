-- MonitorDash schema, version 4: compact request rows and the rollups every dashboard view reads.
-- Strings that repeat in every request (version, service, instance, user, client address) are stored
-- once, in dictionary tables, and requests carry their integer ids. Views read pre-aggregated rollup
-- rows (per UTC hour and per UTC day), never raw rows over long ranges. The V1 rows (request_v1) are
-- moved into the new table in bounded chunks by the writer thread after startup (LegacyRequests).
-- ${blob} is the dialect's byte-string type; ${without_rowid} clusters a table by its primary key
-- on SQLite (nothing on PostgreSQL).

-- The request_v1 indexes would only slow the conversion's deletes; it reads by id.
DROP INDEX request_endpoint_time;
DROP INDEX request_started;

-- What a JVM stamps on every record: one row per (version, service, instance).
CREATE TABLE origin (
    id ${id},
    version TEXT NOT NULL,
    service TEXT NOT NULL,
    instance TEXT NOT NULL,
    UNIQUE (version, service, instance)
);

CREATE TABLE app_user (
    id ${id},
    name TEXT NOT NULL UNIQUE
);

CREATE TABLE client (
    id ${id},
    address TEXT NOT NULL UNIQUE
);

-- Raw requests, kept for monitordash.retention.requests (export, recent failures, outlier and profile
-- links, and the few seconds the user rollups lag behind). No foreign keys and one index only: rows are
-- appended in id order, which is close to time order, and the hourly rollups hold each hour's id range.
CREATE TABLE request (
    id ${id},
    endpoint_id BIGINT NOT NULL,
    started_at BIGINT NOT NULL,         -- epoch microseconds
    duration BIGINT NOT NULL,           -- microseconds
    status INTEGER NOT NULL,
    method TEXT NOT NULL,
    origin_id BIGINT NOT NULL,          -- origin: version, service, instance
    user_id BIGINT,                     -- app_user; null when the request had no user
    client_id BIGINT                    -- client; null when unknown
);

-- Failed requests only (a few percent of rows): the status page's most recent failures. Of one user, the
-- endpoint's failures are walked newest first until the user's are found (an index of its own cost
-- 0.8 MB per million requests for that one list).
CREATE INDEX request_failed ON request (endpoint_id, started_at) WHERE status >= 400;

-- The V1 shape, for outlier and profile pages, the export and anyone's own SQL.
CREATE VIEW request_detail AS
SELECT r.id, r.endpoint_id, r.started_at, r.duration, r.method, r.status, o.version, u.name AS user_name,
       c.address AS client_ip, o.service, o.instance
FROM request r
JOIN origin o ON o.id = r.origin_id
LEFT JOIN app_user u ON u.id = r.user_id
LEFT JOIN client c ON c.id = r.client_id;

-- Per UTC hour (started_at / 3600000000), endpoint and origin; written in the batch's transaction.
CREATE TABLE rollup_hour (
    hour BIGINT NOT NULL,
    endpoint_id BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    errors_4xx BIGINT NOT NULL,
    errors_5xx BIGINT NOT NULL,
    total BIGINT NOT NULL,              -- summed duration, microseconds
    fastest BIGINT NOT NULL,
    slowest BIGINT NOT NULL,
    quarter_2 BIGINT NOT NULL,          -- requests in the hour's 2nd, 3rd and 4th quarter: local hours of
    quarter_3 BIGINT NOT NULL,          -- zones offset by 30 or 45 minutes
    quarter_4 BIGINT NOT NULL,
    first_id BIGINT NOT NULL,           -- bounds of the hour's request ids: export and retention read
    last_id BIGINT NOT NULL,            -- raw rows by id range
    statuses ${blob} NOT NULL,          -- StatusCounts
    sketch ${blob} NOT NULL,            -- DurationSketch
    PRIMARY KEY (hour, endpoint_id, origin_id)
)${without_rowid};

-- Per UTC day (started_at / 86400000000): long ranges merge few sketches; the sample feeds the report.
CREATE TABLE rollup_day (
    day BIGINT NOT NULL,
    endpoint_id BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    errors_4xx BIGINT NOT NULL,
    errors_5xx BIGINT NOT NULL,
    total BIGINT NOT NULL,
    fastest BIGINT NOT NULL,
    slowest BIGINT NOT NULL,
    statuses ${blob} NOT NULL,          -- StatusCounts
    sketch ${blob} NOT NULL,
    sample ${blob} NOT NULL,            -- Reservoir: a uniform sample of the day's durations
    PRIMARY KEY (day, endpoint_id, origin_id)
)${without_rowid};

-- Per user and UTC day of an endpoint; user_id 0 counts the users beyond the per-day cap together.
-- Built from raw rows a few seconds behind the writer (rollup_progress), so a batch never touches one
-- row per user.
CREATE TABLE rollup_user (
    endpoint_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    total BIGINT NOT NULL,
    fastest BIGINT NOT NULL,
    slowest BIGINT NOT NULL,
    statuses ${blob} NOT NULL,          -- StatusCounts
    hours ${blob} NOT NULL,             -- HourSlots: count, sum, min, max per UTC hour
    sketch ${blob} NOT NULL,
    PRIMARY KEY (endpoint_id, day, origin_id, user_id)
)${without_rowid};

-- Per client address and UTC day of an endpoint (IP × version bubbles); client_id 0: beyond the cap.
CREATE TABLE rollup_client (
    endpoint_id BIGINT NOT NULL,
    day BIGINT NOT NULL,
    origin_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    total BIGINT NOT NULL,
    fastest BIGINT NOT NULL,
    slowest BIGINT NOT NULL,
    PRIMARY KEY (endpoint_id, day, origin_id, client_id)
)${without_rowid};

-- How far each origin's raw rows are in rollup_user and rollup_client. Rows of the origin with an id in
-- (rolled_up_to, written_to] are not yet; the writer raises written_to with every batch, so finding what is
-- pending never scans past the origin's last batch. Each origin's rows come from one JVM's single writer
-- thread, in commit order, so an id watermark per origin is exact on PostgreSQL too.
CREATE TABLE rollup_progress (
    origin_id BIGINT PRIMARY KEY,
    rolled_up_to BIGINT NOT NULL,
    written_to BIGINT NOT NULL
);
