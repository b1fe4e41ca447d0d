-- Before V4 on SQLite: the V1 request table is kept as request_v1 and converted in the background.
-- legacy_alter_table keeps the REFERENCES request (id) of outlier and profile pointing at the name
-- "request" (the new table), instead of following the rename to request_v1.
PRAGMA legacy_alter_table = ON;
ALTER TABLE request RENAME TO request_v1;
PRAGMA legacy_alter_table = OFF;
