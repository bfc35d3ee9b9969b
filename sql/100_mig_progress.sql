-- rashin 100: each system's migration progress, kept by triggers, for the dashboard.
-- The dashboard's migration tile counted every system x step cell (20 x 40 = 800 rows: a
-- cross join, a hash join with mig_status and an aggregate) at every reload, and every
-- open dashboard reloads when any status moves: at 200 open dashboards and a write a
-- second that was 200 such aggregations a second, the largest part of PostgreSQL's work
-- under load (bench/README.md). It now sums one row per system. Overdue cells still
-- depend on today's date: they are counted from mig_status through a partial index of
-- the open cells that have an end date.
--
-- finished: the system's statuses done or na of steps not retired; doing: those doing.
-- A step without a status row is todo (as on the board). Status writes change the counts
-- by what each statement added and removed (under READ COMMITTED an UPDATE of a counter
-- applies to the row's latest version, so concurrent writers add up); a step retired or restored, or a system
-- added, recounts from the tables, after locking mig_status against writers so no write
-- in flight is missed.

CREATE TABLE mig_progress (
	system_id	int PRIMARY KEY REFERENCES mig_system (id) ON DELETE CASCADE,
	finished	int NOT NULL DEFAULT 0 CHECK (finished >= 0),
	doing		int NOT NULL DEFAULT 0 CHECK (doing >= 0)
);
ALTER TABLE mig_progress ENABLE ROW LEVEL SECURITY;
-- read as mig_system is read (any identified member); written only by the triggers below
CREATE POLICY mig_progress_sel ON mig_progress FOR SELECT USING (rs_role() IS NOT NULL);
GRANT SELECT ON mig_progress TO rashin_app;

CREATE INDEX mig_status_open_end ON mig_status (planned_end) WHERE status IN ('todo', 'doing');

-- Recount the given systems (all when p_system is NULL) from mig_status and mig_step.
CREATE FUNCTION rs_mig_progress_recount(p_system int) RETURNS void
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
END
$$;

-- A statement's status changes, summed per system, applied in system order: a statement
-- that moves many systems' cells (an import) and another doing the same take the
-- counters' row locks in the same order, so they wait for each other instead of
-- deadlocking (a row trigger took them in whatever order the rows came).
CREATE FUNCTION rs_mig_progress_status() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_new	mig_status[] := '{}';	-- the statement's rows after / before it
	v_old	mig_status[] := '{}';
	v_sys	int[];
	v_f	int[];
	v_d	int[];
BEGIN
	-- (a trigger names only the transition tables its event has)
	IF TG_OP IN ('INSERT', 'UPDATE') THEN
		v_new := ARRAY(SELECT n FROM new_rows n);
	END IF;
	IF TG_OP IN ('UPDATE', 'DELETE') THEN
		v_old := ARRAY(SELECT o FROM old_rows o);
	END IF;
	-- per system: finished and doing added minus removed, steps not retired
	SELECT array_agg(system_id ORDER BY system_id), array_agg(f ORDER BY system_id),
		array_agg(d ORDER BY system_id) INTO v_sys, v_f, v_d
	FROM (SELECT c.system_id, sum(c.sign * (c.status IN ('done', 'na'))::int) AS f,
			sum(c.sign * (c.status = 'doing')::int) AS d
		FROM (SELECT system_id, step_id, status, 1 AS sign FROM unnest(v_new)
			UNION ALL
			SELECT system_id, step_id, status, -1 FROM unnest(v_old)) c
		JOIN mig_step p ON p.id = c.step_id AND NOT p.retired
		GROUP BY c.system_id) x
	WHERE f <> 0 OR d <> 0;
	IF v_sys IS NULL THEN
		RETURN NULL;
	END IF;
	PERFORM 1 FROM mig_progress WHERE system_id = ANY (v_sys) ORDER BY system_id FOR UPDATE;
	UPDATE mig_progress pr SET finished = pr.finished + x.f, doing = pr.doing + x.d
		FROM unnest(v_sys, v_f, v_d) AS x (system_id, f, d)
		WHERE pr.system_id = x.system_id;
	RETURN NULL;
END
$$;
CREATE TRIGGER mig_status_progress_ins AFTER INSERT ON mig_status
	REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rs_mig_progress_status();
CREATE TRIGGER mig_status_progress_upd AFTER UPDATE ON mig_status
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rs_mig_progress_status();
CREATE TRIGGER mig_status_progress_del AFTER DELETE ON mig_status
	REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION rs_mig_progress_status();

-- A step retired or restored, a system added: mig_status is locked against writers before
-- the statement's rows are written (a BEFORE statement trigger), ahead of the audit
-- chain's lock that the rows' audit triggers take. Taken after it (in the AFTER trigger's
-- recount), a status writer holding mig_status and waiting for the chain, and the step's
-- statement holding the chain and waiting for mig_status, deadlocked.
CREATE FUNCTION rs_mig_progress_lock() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	LOCK TABLE mig_status IN SHARE MODE;
	RETURN NULL;
END
$$;
CREATE TRIGGER mig_step_progress_lock BEFORE INSERT OR DELETE OR UPDATE OF retired
	ON mig_step FOR EACH STATEMENT EXECUTE FUNCTION rs_mig_progress_lock();
CREATE TRIGGER mig_system_progress_lock BEFORE INSERT
	ON mig_system FOR EACH STATEMENT EXECUTE FUNCTION rs_mig_progress_lock();

CREATE FUNCTION rs_mig_progress_step() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	PERFORM rs_mig_progress_recount(NULL);
	RETURN NULL;
END
$$;
CREATE TRIGGER mig_step_progress AFTER INSERT OR DELETE OR UPDATE OF retired
	ON mig_step FOR EACH STATEMENT EXECUTE FUNCTION rs_mig_progress_step();

CREATE FUNCTION rs_mig_progress_system() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	PERFORM rs_mig_progress_recount(NEW.id);
	RETURN NULL;
END
$$;
CREATE TRIGGER mig_system_progress AFTER INSERT ON mig_system
	FOR EACH ROW EXECUTE FUNCTION rs_mig_progress_system();

SELECT rs_mig_progress_recount(NULL);
REVOKE EXECUTE ON FUNCTION rs_mig_progress_recount(int) FROM PUBLIC;
