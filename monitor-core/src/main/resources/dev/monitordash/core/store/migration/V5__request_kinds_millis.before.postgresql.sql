-- Before V5 on PostgreSQL: the V4 request table is kept as request_v4; V5's Java step copies its rows into
-- the new layout (keeping their ids, so outliers and profiles stay linked) and drops it, in the same
-- transaction.
DROP VIEW request_detail;
DROP INDEX request_failed;
ALTER TABLE request RENAME TO request_v4;
ALTER INDEX IF EXISTS request_pkey RENAME TO request_v4_pkey;
