-- MonitorDash schema, version 6: alert rules, their states, silences, receivers and the notification
-- history (docs/alerts.md). Shared by every instance of one database: a rule saved on one instance is
-- evaluated by whichever instance holds the evaluation lease (alert_lease). Label and setting maps are
-- stored as lines "key=value" (keys are identifiers, values single lines), so no JSON parser is needed.

CREATE TABLE alert_rule (
    id ${id},
    name TEXT NOT NULL UNIQUE,
    metric TEXT NOT NULL,               -- Metric id, e.g. p95 or cpu
    endpoints TEXT NOT NULL,            -- endpoint name or pattern with *; '*' all endpoints
    comparison TEXT NOT NULL,           -- above or below
    threshold DOUBLE PRECISION NOT NULL, -- in the metric's unit
    window_seconds BIGINT NOT NULL,
    for_seconds BIGINT NOT NULL,
    severity TEXT NOT NULL,
    labels TEXT NOT NULL,
    receivers TEXT NOT NULL,            -- receiver names, one per line; empty: every receiver
    enabled INTEGER NOT NULL,
    updated_at BIGINT NOT NULL          -- epoch microseconds
);

-- One row per alert: a rule and one series of it (an endpoint, or a host for resource rules).
CREATE TABLE alert_state (
    rule_id BIGINT NOT NULL,
    series TEXT NOT NULL,
    state TEXT NOT NULL,                -- pending, firing or resolved (inactive alerts have no row)
    value DOUBLE PRECISION NOT NULL,    -- the metric's last value
    active_since BIGINT NOT NULL,       -- when the condition started to hold
    fired_at BIGINT,
    resolved_at BIGINT,
    notified_at BIGINT,                 -- last firing notification handed to the receivers
    owner TEXT NOT NULL,                -- instance that evaluates the series ('*' request rules: the lease holder)
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (rule_id, series)
);

CREATE TABLE alert_silence (
    id ${id},
    rule_id BIGINT,                     -- null: any rule whose labels match
    matchers TEXT NOT NULL,             -- labels an alert must all carry to be muted
    ends_at BIGINT NOT NULL,
    comment TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE alert_receiver (
    id ${id},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,                 -- webhook, slack or email
    settings TEXT NOT NULL,             -- what may be shown: host, port, addresses, webhook URL
    secret TEXT,                        -- never returned by the API: signing key, Slack URL, SMTP password
    enabled INTEGER NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Every notification sent or failed, and every test message.
CREATE TABLE alert_notification (
    id ${id},
    at BIGINT NOT NULL,
    receiver TEXT NOT NULL,
    rule_id BIGINT,
    rule_name TEXT,
    kind TEXT NOT NULL,                 -- firing, resolved or test
    alerts INTEGER NOT NULL,            -- alerts in the message (grouping)
    outcome TEXT NOT NULL,              -- sent or failed
    attempt INTEGER NOT NULL,
    error TEXT,
    summary TEXT NOT NULL
);
CREATE INDEX alert_notification_at ON alert_notification (at);

-- Who evaluates the request rules (one instance of those sharing the database) until when.
CREATE TABLE alert_lease (
    name TEXT PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at BIGINT NOT NULL
);
