-- rashin 111: no automatic ANALYZE of the migration board's two write-hot tables.
--
-- New planner statistics of a table make PostgreSQL plan again every prepared statement
-- that reads it, in every backend. Autoanalyze runs after 50 + 10 % of a table's rows
-- have changed: for mig_progress (20 rows) every 52 status writes, for mig_status (800)
-- every 130; each time every open dashboard planned its migration tile again within the
-- next half second (at 200 dashboards and a write every 100 ms: a burst of slow keys
-- every 5-13 s, bench/README.md, session 5). Their statistics do not change a plan:
-- mig_progress is one row per system by construction, mig_status one per system and
-- step. ANALYZE by hand (or after a bulk import) still works; autovacuum itself is left
-- on (sql/110 keeps it from having work there).
ALTER TABLE mig_progress SET (autovacuum_analyze_threshold = 2000000000);
ALTER TABLE mig_status SET (autovacuum_analyze_threshold = 2000000000);
