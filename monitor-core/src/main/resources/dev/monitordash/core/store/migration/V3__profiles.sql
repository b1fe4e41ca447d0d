-- MonitorDash schema, version 3: request profiles (level 3), each linked to its request row.
-- A profile is a call tree stored node by node in pre-order: a node's parent is an earlier position
-- (-1 for the outermost frames), so the tree is rebuilt in one ordered read.

CREATE TABLE profile (
    id ${id},
    request_id BIGINT NOT NULL UNIQUE REFERENCES request (id),
    endpoint_id BIGINT NOT NULL REFERENCES endpoint (id),  -- retention is per endpoint: last K kept
    samples INTEGER NOT NULL,
    period BIGINT NOT NULL,             -- sampling period, microseconds
    duration BIGINT NOT NULL,           -- the request's measured duration, microseconds
    truncated BOOLEAN NOT NULL          -- nodes beyond the cap were not stored
);

CREATE INDEX profile_endpoint ON profile (endpoint_id, id);

CREATE TABLE profile_node (
    profile_id BIGINT NOT NULL REFERENCES profile (id),
    position INTEGER NOT NULL,
    parent INTEGER NOT NULL,
    frame TEXT NOT NULL,                -- class.method
    hits INTEGER NOT NULL,              -- samples with this frame on the stack, from this path
    PRIMARY KEY (profile_id, position)
);
