-- V5: smaller request rows (docs/storage.md). A request's method and status become one small integer, an
-- id into request_kind: the two common kinds (GET 200, POST 200) are 0 and 1, which SQLite stores in no
-- bytes at all, and every kind with a status of 400 or more has a negative id, so that "failed" needs no
-- join (the request_failed index below). The start time is kept in epoch milliseconds (6 bytes in SQLite,
-- against 8 for microseconds); durations stay in microseconds.

CREATE TABLE request_kind (
    id INTEGER PRIMARY KEY,             -- >= 0: status below 400; < 0: status 400 or more
    method TEXT NOT NULL,
    status INTEGER NOT NULL,
    UNIQUE (method, status)
);

INSERT INTO request_kind (id, method, status) VALUES (0, 'GET', 200);
INSERT INTO request_kind (id, method, status) VALUES (1, 'POST', 200);

CREATE TABLE request (
    id ${id},
    endpoint_id BIGINT NOT NULL,
    started_ms BIGINT NOT NULL,         -- epoch milliseconds
    duration BIGINT NOT NULL,           -- microseconds
    kind INTEGER NOT NULL,              -- request_kind: method and status
    origin_id BIGINT NOT NULL,          -- origin: version, service, instance
    user_id BIGINT,                     -- app_user; null when the request had no user
    client_id BIGINT                    -- client; null when unknown
);

CREATE INDEX request_failed ON request (endpoint_id, started_ms) WHERE kind < 0;

-- Readers of whole requests (export, outliers, profiles) keep V4's columns, start time in microseconds.
CREATE VIEW request_detail AS
SELECT r.id, r.endpoint_id, r.started_ms * 1000 AS started_at, r.duration, k.method, k.status, o.version,
       u.name AS user_name, c.address AS client_ip, o.service, o.instance
FROM request r
JOIN request_kind k ON k.id = r.kind
JOIN origin o ON o.id = r.origin_id
LEFT JOIN app_user u ON u.id = r.user_id
LEFT JOIN client c ON c.id = r.client_id;
