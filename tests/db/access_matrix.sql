-- Generated access matrix for tests/db/test_attack_access.sh: for every table in public,
-- every role (admin, lead, trainer, auditor, readonly, none) and INSERT / UPDATE / DELETE,
-- what a write as rashin_app with that identity does. Run by the superuser; prints
-- "table op admin lead trainer auditor readonly none" per line. Outcomes:
--   all / part / zero rows an UPDATE or DELETE touched: every row, some, none (the row
--                     policy hid every row from this write: refused without an error)
--   no                refused with an error: no privilege, or a policy's WITH CHECK failed
--                     (SQLSTATE 42501)
--   yes / no          INSERT of a copy of the table's first row passed / failed the rules
--                     (a unique or other constraint error after the policy counts as yes)
--   empty             the table has no row to try an UPDATE or DELETE on: proves nothing,
--                     and the test fails on it (tests/db/access_fixture.sql gives every
--                     table rows)
--   23503             DELETE: the policy let it through, but other rows still refer to these
--   Pxxxx / RSxxx...  another SQLSTATE (a trigger refused before the policy was reached)
-- The INSERT probe is a copy of the first row; where a trigger would refuse any copy
-- before the policy is reached, am_patch moves it (an evaluation: to another year, as a
-- second evaluation of the same measure and year is refused by the workflow trigger).
CREATE TEMP TABLE am_probe AS
	SELECT c.relname::text AS tbl, NULL::bigint AS total, NULL::jsonb AS first_row,
		(SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0
		 AND NOT a.attisdropped AND a.attidentity <> 'a' AND a.attgenerated = ''
		 ORDER BY a.attnum LIMIT 1) AS col
	FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
	WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p');
DO $$
DECLARE r record; j jsonb; k bigint;
BEGIN
	FOR r IN SELECT tbl FROM am_probe LOOP
		EXECUTE format('SELECT count(*), (SELECT to_jsonb(t) FROM %I t LIMIT 1) FROM %I', r.tbl, r.tbl)
			INTO k, j;
		UPDATE am_probe SET total = k, first_row = coalesce(j, '{}') WHERE tbl = r.tbl;
	END LOOP;
END $$;
CREATE TEMP TABLE am_patch (tbl text PRIMARY KEY, patch jsonb);
INSERT INTO am_patch VALUES ('evaluation', '{"fy": 2031}');
UPDATE am_probe p SET first_row = first_row || a.patch FROM am_patch a WHERE a.tbl = p.tbl;
CREATE TEMP TABLE am_result (tbl text, op text, who text, outcome text);
-- each identity is a session the owner opens (sql/140_session.sql); none: no session
CREATE TEMP TABLE am_who AS
	SELECT v.i, v.who, coalesce((SELECT rs_session_open(login, '', 'access matrix',
		interval '1 hour') FROM staff WHERE id = v.id), '') AS secret
	FROM (VALUES (1, 'admin', 901), (2, 'lead', 902), (3, 'trainer', 903),
		(4, 'auditor', 904), (5, 'readonly', 906), (6, 'none', 0)) v(i, who, id);
GRANT SELECT ON am_probe, am_who TO rashin_app;
GRANT INSERT ON am_result TO rashin_app;
SET ROLE rashin_app;
DO $$
DECLARE
	p record; w record; n bigint; st text; op text;
BEGIN
	FOR w IN SELECT * FROM am_who ORDER BY i LOOP
		FOR p IN SELECT * FROM am_probe LOOP
			FOREACH op IN ARRAY ARRAY['insert', 'update', 'delete'] LOOP
				n := NULL; st := NULL;
				BEGIN
					PERFORM set_config('rashin.session', w.secret, true);
					IF op = 'insert' THEN
						EXECUTE format('INSERT INTO %I OVERRIDING SYSTEM VALUE SELECT * FROM jsonb_populate_record(NULL::%I, $1)',
							p.tbl, p.tbl) USING p.first_row;
					ELSIF op = 'update' THEN
						EXECUTE format('UPDATE %I SET %I = %I', p.tbl, p.col, p.col);
					ELSE
						EXECUTE format('DELETE FROM %I', p.tbl);
					END IF;
					GET DIAGNOSTICS n = ROW_COUNT;
					RAISE EXCEPTION 'undo' USING ERRCODE = 'RSZ99';
				EXCEPTION WHEN OTHERS THEN
					IF SQLSTATE <> 'RSZ99' THEN st := SQLSTATE; END IF;
				END;
				INSERT INTO am_result VALUES (p.tbl, op, w.who, CASE
					WHEN op = 'insert' AND (st IS NULL OR st LIKE '23%') THEN 'yes'
					WHEN st = '42501' THEN 'no'
					WHEN st IS NOT NULL THEN st
					WHEN op = 'insert' THEN 'yes'
					WHEN p.total = 0 THEN 'empty'
					WHEN n = 0 THEN 'zero'
					WHEN n = p.total THEN 'all'
					ELSE 'part' END);
			END LOOP;
		END LOOP;
	END LOOP;
END $$;
RESET ROLE;
SELECT tbl || ' ' || op || ' ' || string_agg(outcome, ' ' ORDER BY CASE who WHEN 'admin' THEN 1
	WHEN 'lead' THEN 2 WHEN 'trainer' THEN 3 WHEN 'auditor' THEN 4 WHEN 'readonly' THEN 5 ELSE 6 END)
	FROM am_result GROUP BY tbl, op ORDER BY tbl, CASE op WHEN 'insert' THEN 1 WHEN 'update' THEN 2 ELSE 3 END;
