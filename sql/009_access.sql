-- rashin 009: access rules (row-level security, ENABLE + FORCE on every staff-editable
-- table), grants to the application role, and the version/audit triggers on every table.
--   admin    IT division: everything
--   lead     writes only their department's measures (and their KPIs, phases, 1st
--            evaluations) and their department's migration systems
--   trainer  writes training tables only
--   auditor  CIO adviser / DX council: reads everything, writes 2nd evaluations, advice
--   readonly reads the catalogue, schedules, migration and training summaries

-- pol(table, read, write[, delete]): one SELECT policy and INSERT/UPDATE/DELETE policies.
CREATE FUNCTION pg_temp.pol(t text, rd text, wr text, del text DEFAULT NULL) RETURNS void
	LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
	EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
	EXECUTE format('CREATE POLICY %I ON %I FOR SELECT TO rashin_app USING (%s)', t || '_read', t, rd);
	IF wr IS NOT NULL THEN
		EXECUTE format('GRANT INSERT, UPDATE ON %I TO rashin_app', t);
		EXECUTE format('CREATE POLICY %I ON %I FOR INSERT TO rashin_app WITH CHECK (%s)', t || '_ins', t, wr);
		EXECUTE format('CREATE POLICY %I ON %I FOR UPDATE TO rashin_app USING (%s) WITH CHECK (%s)', t || '_upd', t, wr, wr);
	END IF;
	IF del IS NOT NULL THEN
		EXECUTE format('GRANT DELETE ON %I TO rashin_app', t);
		EXECUTE format('CREATE POLICY %I ON %I FOR DELETE TO rashin_app USING (%s)', t || '_del', t, del);
	END IF;
	EXECUTE format('GRANT SELECT ON %I TO rashin_app', t);
END
$$;

SELECT pg_temp.pol('department', 'rs_role() IS NOT NULL', 'rs_is(''admin'')');
SELECT pg_temp.pol('staff', 'rs_role() IS NOT NULL', 'rs_is(''admin'')');
SELECT pg_temp.pol('staff_dept_history', 'rs_role() IS NOT NULL', NULL);
SELECT pg_temp.pol('ssh_key',
	'rs_is(''admin'', ''auditor'') OR staff_id = rs_staff_id()',
	'rs_is(''admin'') OR (staff_id = rs_staff_id() AND rs_role() IS NOT NULL)');

SELECT pg_temp.pol('plan_part', 'rs_role() IS NOT NULL', 'rs_is(''admin'')');
SELECT pg_temp.pol('measure', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure(id))', 'rs_is(''admin'')');
SELECT pg_temp.pol('measure_dept', 'rs_role() IS NOT NULL', 'rs_is(''admin'')', 'rs_is(''admin'')');
SELECT pg_temp.pol('action', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))', 'rs_is(''admin'')');
SELECT pg_temp.pol('measure_phase', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))');
SELECT pg_temp.pol('milestone', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))');
SELECT pg_temp.pol('kpi', 'rs_role() IS NOT NULL', 'rs_is(''admin'')', 'rs_is(''admin'')');
SELECT pg_temp.pol('kpi_value', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_measure((SELECT measure_id FROM kpi WHERE kpi.id = kpi_id)))');
SELECT pg_temp.pol('evaluation', 'rs_role() IS NOT NULL',
	'rs_is(''admin'', ''auditor'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))');
SELECT pg_temp.pol('hearing', 'rs_role() IS NOT NULL',
	'rs_is(''admin'', ''auditor'') OR (rs_is(''lead'') AND rs_my_measure(measure_id))');

SELECT pg_temp.pol('vendor', 'rs_role() IS NOT NULL', 'rs_is(''admin'')');
SELECT pg_temp.pol('mig_system', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_system(id))');
SELECT pg_temp.pol('mig_step', 'rs_role() IS NOT NULL', 'rs_is(''admin'')');
SELECT pg_temp.pol('mig_status', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_system(system_id))');
SELECT pg_temp.pol('mig_status_history', 'rs_role() IS NOT NULL', NULL);
SELECT pg_temp.pol('mig_risk', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_system(system_id))');
SELECT pg_temp.pol('mig_risk_comment', 'rs_role() IS NOT NULL',
	'rs_is(''admin'') OR (rs_is(''lead'') AND rs_my_system((SELECT system_id FROM mig_risk WHERE mig_risk.id = risk_id)))');

SELECT pg_temp.pol('vdi_request',
	'rs_is(''admin'', ''auditor'') OR staff_id = rs_staff_id() OR manager_id = rs_staff_id()',
	'rs_is(''admin'') OR (staff_id = rs_staff_id() AND state = ''requested'' AND rs_role() IS NOT NULL)');
SELECT pg_temp.pol('vdi_account', 'rs_is(''admin'', ''auditor'') OR staff_id = rs_staff_id()',
	'rs_is(''admin'')');
SELECT pg_temp.pol('vdi_event', 'rs_is(''admin'', ''auditor'')',
	'rs_is(''admin'') OR (actor_id = rs_staff_id() AND rs_role() IS NOT NULL)');

SELECT pg_temp.pol('course', 'rs_role() IS NOT NULL', 'rs_is(''admin'', ''trainer'')');
SELECT pg_temp.pol('course_session', 'rs_role() IS NOT NULL', 'rs_is(''admin'', ''trainer'')',
	'rs_is(''admin'', ''trainer'')');
SELECT pg_temp.pol(t,
	'rs_is(''admin'', ''trainer'', ''auditor'') OR staff_id = rs_staff_id() OR (rs_is(''lead'') AND rs_same_dept(staff_id))',
	'rs_is(''admin'', ''trainer'')', 'rs_is(''admin'', ''trainer'')')
	FROM unnest(ARRAY['enrolment', 'attendance', 'exam_score', 'certificate', 'dx_candidate']) AS t;
SELECT pg_temp.pol('dx_target', 'rs_role() IS NOT NULL', 'rs_is(''admin'')');

SELECT pg_temp.pol('audit_log', 'rs_is(''admin'', ''auditor'')', NULL);

GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO rashin_app;
REVOKE ALL ON audit_log_id_seq FROM rashin_app;

-- Version bump on every table that has a version column; audit + NOTIFY on every table
-- that staff edit (key columns named where the primary key is not "id").
DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT c.table_name FROM information_schema.columns c
		JOIN information_schema.tables tb USING (table_schema, table_name)
		WHERE c.table_schema = 'public' AND c.column_name = 'version' AND tb.table_type = 'BASE TABLE'
	LOOP
		EXECUTE format('CREATE TRIGGER %I BEFORE UPDATE ON %I FOR EACH ROW EXECUTE FUNCTION rs_version()',
			t || '_version', t);
	END LOOP;
END
$$;

CREATE FUNCTION pg_temp.audit(t text, VARIADIC keys text[] DEFAULT '{}') RETURNS void
	LANGUAGE plpgsql AS $$
BEGIN
	EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION rs_audit(%s)',
		t || '_audit', t, (SELECT string_agg(quote_literal(k), ', ') FROM unnest(keys) AS k));
END
$$;
SELECT pg_temp.audit(t) FROM unnest(ARRAY['department', 'staff', 'ssh_key', 'plan_part', 'measure',
	'action', 'measure_phase', 'milestone', 'kpi', 'evaluation', 'hearing', 'vendor', 'mig_system',
	'mig_step', 'mig_risk', 'mig_risk_comment', 'vdi_request', 'vdi_account', 'vdi_event', 'course',
	'course_session', 'certificate']) AS t;
SELECT pg_temp.audit('measure_dept', 'measure_id', 'dept_id');
SELECT pg_temp.audit('kpi_value', 'kpi_id', 'fy');
SELECT pg_temp.audit('mig_status', 'system_id', 'step_id');
SELECT pg_temp.audit('enrolment', 'session_id', 'staff_id');
SELECT pg_temp.audit('attendance', 'session_id', 'staff_id');
SELECT pg_temp.audit('exam_score', 'course_id', 'staff_id', 'fy');
SELECT pg_temp.audit('dx_candidate', 'staff_id', 'fy');
SELECT pg_temp.audit('dx_target', 'dept_id', 'fy');
