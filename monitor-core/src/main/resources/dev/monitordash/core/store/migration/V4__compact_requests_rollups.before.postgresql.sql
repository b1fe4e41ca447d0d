-- Before V4 on PostgreSQL: the V1 request table is kept as request_v1 and converted in the background.
-- Outliers and profiles keep their request ids (the conversion keeps every row's id), but their foreign
-- keys would follow the rename to request_v1 and refuse links to new rows: they are dropped. The new
-- request table has no foreign keys at all (each costs an index probe per inserted row).
ALTER TABLE outlier DROP CONSTRAINT IF EXISTS outlier_request_id_fkey;
ALTER TABLE profile DROP CONSTRAINT IF EXISTS profile_request_id_fkey;
ALTER TABLE request RENAME TO request_v1;
ALTER INDEX IF EXISTS request_pkey RENAME TO request_v1_pkey;
