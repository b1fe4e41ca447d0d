-- Before V5 on SQLite: the V4 request table is kept as request_v4; V5's Java step copies its rows into the
-- new layout and drops it, in the same transaction. legacy_alter_table keeps the REFERENCES request (id)
-- of outlier and profile pointing at the name "request" (the new table), as in V4.
DROP VIEW request_detail;
DROP INDEX request_failed;
PRAGMA legacy_alter_table = ON;
ALTER TABLE request RENAME TO request_v4;
PRAGMA legacy_alter_table = OFF;
