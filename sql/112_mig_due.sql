-- rashin 112: the dashboard's overdue count from kept counts, not from mig_status's rows.
--
-- Every open dashboard re-runs its migration tile when any cell moves (at 200 consoles
-- ~200 times a second). Its overdue count read all of mig_status (800 rows: the cells
-- not done whose end date has passed) and was half of the tile's time: 0.4 of 0.8 ms
-- (bench/README.md, session 6). An index cannot help: one on status makes every status
-- write non-HOT (sql/110), and most cells' end dates are in the past.
--
-- mig_due: per system and end date, the open cells (todo or doing, of steps not retired,
-- with an end date). The overdue count is the sum of the rows before today: tens of short
-- rows. Kept by the same statement triggers as mig_progress (sql/100), under the same
-- row locks: a statement locks the mig_progress rows of every system whose counts it
-- changes, in system order, before it writes either table, so two writers of the same
-- system wait for each other. A step retired or restored, or a system added, recounts.
-- Moving a cell between todo and doing (what the board's keys mostly do) changes no
-- row here.
--
-- Also: mig_progress's policy called rs_role() for each row (20 calls per tile, ~7 us
-- each); written as (SELECT rs_role()), as sql/013 did for the other tables, it is
-- evaluated once per statement. Same rule.

ALTER POLICY mig_progress_sel ON mig_progress USING ((SELECT rs_role()) IS NOT NULL);

CREATE TABLE mig_due (
	system_id	int NOT NULL REFERENCES mig_system (id) ON DELETE CASCADE,
	planned_end	date NOT NULL,
	open		int NOT NULL DEFAULT 0 CHECK (open >= 0),
	PRIMARY KEY (system_id, planned_end)
) WITH (fillfactor = 10, autovacuum_analyze_threshold = 2000000000);	-- as sql/110, 111
ALTER TABLE mig_due ENABLE ROW LEVEL SECURITY;
-- read as mig_status is read (any identified member); written only by the triggers
CREATE POLICY mig_due_sel ON mig_due FOR SELECT USING ((SELECT rs_role()) IS NOT NULL);
GRANT SELECT ON mig_due TO rashin_app;

-- Recount the given systems (all when p_system is NULL): mig_progress as before, and
-- mig_due (rows that no longer count are set to 0, not deleted: updates stay in place).
CREATE OR REPLACE FUNCTION rs_mig_progress_recount(p_system int) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	-- status writers in flight commit first (already held when called by the triggers)
	LOCK TABLE mig_status IN SHARE MODE;
	INSERT INTO mig_progress (system_id, finished, doing)
	SELECT sy.id,
		count(st.step_id) FILTER (WHERE st.status IN ('done', 'na')),
		count(st.step_id) FILTER (WHERE st.status = 'doing')
	FROM mig_system sy
	LEFT JOIN (mig_status st JOIN mig_step p ON p.id = st.step_id AND NOT p.retired)
		ON st.system_id = sy.id
	WHERE p_system IS NULL OR sy.id = p_system
	GROUP BY sy.id
	ON CONFLICT (system_id) DO UPDATE SET finished = EXCLUDED.finished, doing = EXCLUDED.doing;

	WITH fresh AS (
		SELECT st.system_id, st.planned_end, count(*)::int AS open
		FROM mig_status st JOIN mig_step p ON p.id = st.step_id AND NOT p.retired
		WHERE st.status IN ('todo', 'doing') AND st.planned_end IS NOT NULL
			AND (p_system IS NULL OR st.system_id = p_system)
		GROUP BY st.system_id, st.planned_end),
	gone AS (
		UPDATE mig_due u SET open = 0
		WHERE (p_system IS NULL OR u.system_id = p_system) AND u.open <> 0
			AND NOT EXISTS (SELECT 1 FROM fresh f
				WHERE f.system_id = u.system_id AND f.planned_end = u.planned_end))
	INSERT INTO mig_due AS u (system_id, planned_end, open)
	SELECT system_id, planned_end, open FROM fresh ORDER BY system_id, planned_end
	ON CONFLICT (system_id, planned_end) DO UPDATE SET open = EXCLUDED.open
		WHERE u.open <> EXCLUDED.open;
END
$$;

-- A statement's status changes, summed per system (mig_progress) and per system and end
-- date (mig_due), applied in that order after locking the systems' mig_progress rows in
-- system order (see sql/100: a row trigger took the locks in whatever order the rows
-- came, and writers deadlocked).
CREATE OR REPLACE FUNCTION rs_mig_progress_status() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_new	mig_status[] := '{}';	-- the statement's rows after / before it
	v_old	mig_status[] := '{}';
	v_sys	int[];
	v_f	int[];
	v_d	int[];
	v_dsys	int[];			-- mig_due: system, end date, open cells added
	v_dend	date[];
	v_dn	int[];
BEGIN
	-- (a trigger names only the transition tables its event has)
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		v_new := ARRAY(SELECT n FROM new_rows n);
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		v_old := ARRAY(SELECT o FROM old_rows o);
	END IF;
	-- per system: finished and doing added minus removed; per system and end date: open
	-- cells added minus removed (steps not retired)
	WITH c AS (
		SELECT x.system_id, x.status, x.planned_end, x.sign
		FROM (SELECT system_id, step_id, status, planned_end, 1 AS sign FROM unnest(v_new)
			UNION ALL
			SELECT system_id, step_id, status, planned_end, -1 FROM unnest(v_old)) x
		JOIN mig_step p ON p.id = x.step_id AND NOT p.retired),
	pr AS (
		SELECT system_id, sum(sign * (status IN ('done', 'na'))::int)::int AS f,
			sum(sign * (status = 'doing')::int)::int AS d
		FROM c GROUP BY system_id),
	due AS (
		SELECT system_id, planned_end, sum(sign)::int AS n FROM c
		WHERE status IN ('todo', 'doing') AND planned_end IS NOT NULL
		GROUP BY system_id, planned_end)
	SELECT (SELECT array_agg(system_id ORDER BY system_id) FROM pr WHERE f <> 0 OR d <> 0),
		(SELECT array_agg(f ORDER BY system_id) FROM pr WHERE f <> 0 OR d <> 0),
		(SELECT array_agg(d ORDER BY system_id) FROM pr WHERE f <> 0 OR d <> 0),
		(SELECT array_agg(system_id ORDER BY system_id, planned_end) FROM due WHERE n <> 0),
		(SELECT array_agg(planned_end ORDER BY system_id, planned_end) FROM due WHERE n <> 0),
		(SELECT array_agg(n ORDER BY system_id, planned_end) FROM due WHERE n <> 0)
	INTO v_sys, v_f, v_d, v_dsys, v_dend, v_dn;
	IF v_sys IS NULL AND v_dsys IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM 1 FROM mig_progress
		WHERE system_id = ANY (coalesce(v_sys, '{}') || coalesce(v_dsys, '{}'))
		ORDER BY system_id FOR UPDATE;
	IF v_sys IS NOT NULL THEN
		UPDATE mig_progress pr SET finished = pr.finished + x.f, doing = pr.doing + x.d
			FROM unnest(v_sys, v_f, v_d) AS x (system_id, f, d)
			WHERE pr.system_id = x.system_id;
	END IF;
	IF v_dsys IS NOT NULL THEN
		-- (not INSERT ... ON CONFLICT: its CHECK sees the proposed row, a negative change)
		UPDATE mig_due u SET open = u.open + x.n
			FROM unnest(v_dsys, v_dend, v_dn) AS x (system_id, planned_end, n)
			WHERE u.system_id = x.system_id AND u.planned_end = x.planned_end;
		INSERT INTO mig_due (system_id, planned_end, open)
		SELECT x.system_id, x.planned_end, x.n
		FROM unnest(v_dsys, v_dend, v_dn) AS x (system_id, planned_end, n)
		WHERE NOT EXISTS (SELECT 1 FROM mig_due u
			WHERE u.system_id = x.system_id AND u.planned_end = x.planned_end);
	END IF;
	RETURN NULL;
END
$$;

SELECT rs_mig_progress_recount(NULL);
