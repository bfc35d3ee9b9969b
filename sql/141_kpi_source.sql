-- rashin 141: one source for every figure. A KPI whose value rashin already knows is
-- computed from its domain for the fiscal year (April-March), never typed: kpi.source
-- names how (kpi_source, a code with its label and definition); the others stay typed,
-- and a typed value says who typed it and when. kpi_figure(fy) is the one place every
-- reader takes a KPI's target and actual from: `kpi list`, the progress report and the
-- dashboard's tiles.
--   dx_leaders     DX推進リーダー認定者数: candidates of the year with status certified
--                  (training, sql/040); target: the departments' targets of the year
--                  (dx_target). The plan sets no number of its own: it has leaders
--                  developed 計画的に from general staff (施策 3-3), i.e. the targets IT
--                  gives each department, whose sum is the target.
--   mig_done       標準準拠システム移行完了業務数: systems whose every step is 完了 or
--                  対象外 on the migration board, as the board shows it today (so only for
--                  the current fiscal year); target: every system on the board (施策 2-2:
--                  「全業務の確実な移行」).
--   training_rate  必修研修修了率 (%): of the people each mandatory course is for, those
--                  holding a completion valid in the year (training_dept_report); target
--                  typed.
--   vdi_active     テレワークVDI有効アカウント数: accounts 有効 today (rs_vdi_state: within
--                  their period), current fiscal year only; target typed.
-- Typing an actual of a computed KPI is refused (RS316), as is typing a target the
-- domain gives (RS317).

CREATE TABLE kpi_source (
	code		text PRIMARY KEY CHECK (code ~ '^[a-z_]{1,32}$'),
	label_ja	text NOT NULL CHECK (length(label_ja) BETWEEN 1 AND 60),
	label_en	text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
	definition_ja	text NOT NULL CHECK (length(definition_ja) BETWEEN 1 AND 400),
	definition_en	text NOT NULL CHECK (length(definition_en) BETWEEN 1 AND 400),
	target_computed	boolean NOT NULL,
	seq		int NOT NULL DEFAULT 0
);
INSERT INTO kpi_source VALUES
	('dx_leaders', 'DX推進リーダー認定者数', 'DX leaders certified',
	 '研修記録の DX推進リーダー候補者のうち、その年度に「認定」となった人数。目標は各課の育成目標 (年度) の合計。',
	 'DX-leader candidates of the fiscal year whose status is certified (training records). Target: the sum of the departments'' targets for the year.',
	 true, 1),
	('mig_done', '標準準拠システム移行完了業務数', 'systems migrated',
	 '移行ボードで全手順が「完了」または「対象外」の業務の数 (今日の状態、今年度のみ)。目標は移行ボードの全業務数。',
	 'Systems whose every step on the migration board is done or not applicable (as of today; current fiscal year only). Target: every system on the board.',
	 true, 2),
	('training_rate', '必修研修修了率', 'mandatory training completion',
	 '必修研修の対象者 (研修ごと) のうち、その年度に有効な修了がある人の割合 (%)。',
	 'Of the people each mandatory course is for, the share holding a completion valid in the fiscal year (%).',
	 false, 3),
	('vdi_active', 'テレワークVDI有効アカウント数', 'active VDI accounts',
	 '有効期間内で「有効」のテレワーク VDI アカウントの数 (今日の状態、今年度のみ)。',
	 'Telework VDI accounts active today, within their period (current fiscal year only).',
	 false, 4);
ALTER TABLE kpi_source ENABLE ROW LEVEL SECURITY;
ALTER TABLE kpi_source FORCE ROW LEVEL SECURITY;
CREATE POLICY kpi_source_read ON kpi_source FOR SELECT TO rashin_app USING ((SELECT rs_role()) IS NOT NULL);
GRANT SELECT ON kpi_source TO rashin_app;

ALTER TABLE kpi ADD COLUMN source text REFERENCES kpi_source (code);
ALTER TABLE kpi_value ADD COLUMN entered_by int REFERENCES staff (id);
ALTER TABLE kpi_value ADD COLUMN entered_at timestamptz;

-- The KPIs rashin can compute, on the measures they belong to (unless one of that name
-- is there already: an install that typed them before is converted below).
INSERT INTO kpi (measure_id, name, unit, source)
SELECT m.id, v.name, v.unit, v.source
FROM (VALUES (3, 3, 'DX推進リーダー認定者数', '人', 'dx_leaders'),
	(2, 2, '標準準拠システム移行完了業務数', '業務', 'mig_done'),
	(3, 3, '必修研修修了率', '%', 'training_rate'),
	(3, 1, 'テレワークVDI有効アカウント数', '件', 'vdi_active')) AS v (part, seq, name, unit, source)
JOIN measure m ON m.part_id = v.part AND m.seq = v.seq
WHERE NOT EXISTS (SELECT 1 FROM kpi k WHERE k.name = v.name);
-- Typed before: now computed; the typed figures go (the audit trail keeps them).
UPDATE kpi SET source = s.code FROM kpi_source s WHERE kpi.source IS NULL AND kpi.name = s.label_ja;
UPDATE kpi_value v SET actual = NULL,
	target = CASE WHEN s.target_computed THEN NULL ELSE v.target END
	FROM kpi k JOIN kpi_source s ON s.code = k.source WHERE k.id = v.kpi_id;
DELETE FROM kpi_value WHERE actual IS NULL AND target IS NULL AND note IS NULL;

-- training_dept_report (sql/040) for every department, whoever asks: the rate above is
-- the city's; the report itself still shows each role its own share.
CREATE FUNCTION rs_training_dept_all(p_fy int)
	RETURNS TABLE (dept_id int, dept_code text, dept_name text, course_id int, course_code text,
		course_title text, total int, done int)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	WITH pop AS (
		SELECT c.id AS course_id, s.id AS staff_id, s.dept_id
		FROM course c JOIN staff s ON s.active
		WHERE c.mandatory AND (c.audience = 'all' OR (c.audience = 'managers' AND s.is_manager)
			OR (c.audience = 'nominated' AND EXISTS (SELECT 1 FROM enrolment e
				JOIN course_session cs ON cs.id = e.session_id
				WHERE cs.course_id = c.id AND cs.fy = p_fy AND e.staff_id = s.id
				  AND e.state <> 'cancelled')))
	), valid AS (		-- computed once, joined by hash
		SELECT DISTINCT tc.course_id, tc.staff_id FROM training_completion tc
		JOIN course c ON c.id = tc.course_id AND c.mandatory
		WHERE tc.completed AND tc.fy <= p_fy AND (tc.valid_to_fy IS NULL OR tc.valid_to_fy >= p_fy)
	)
	SELECT d.id, d.code, d.name, c.id, c.code, c.title, count(*)::int,
		(count(v.staff_id))::int
	FROM pop p JOIN department d ON d.id = p.dept_id JOIN course c ON c.id = p.course_id
	LEFT JOIN valid v ON v.course_id = p.course_id AND v.staff_id = p.staff_id
	GROUP BY d.id, d.code, d.name, c.id, c.code, c.title
	ORDER BY d.id, c.code
	$$;
REVOKE EXECUTE ON FUNCTION rs_training_dept_all(int) FROM PUBLIC;
CREATE OR REPLACE FUNCTION training_dept_report(p_fy int)
	RETURNS TABLE (dept_id int, dept_code text, dept_name text, course_id int, course_code text,
		course_title text, total int, done int)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT * FROM rs_training_dept_all(p_fy) r WHERE rs_report_dept(r.dept_id) $$;

-- Systems with every step 完了 or 対象外 (one department's, or all when p_dept is 0), as
-- the board and the dashboard's tile count them (mig_progress, sql/100).
CREATE FUNCTION rs_mig_systems_done(p_dept int) RETURNS int
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	SELECT count(*)::int FROM mig_system sy LEFT JOIN mig_progress pr ON pr.system_id = sy.id
	CROSS JOIN (SELECT count(*) AS n FROM mig_step WHERE NOT retired) st
	WHERE st.n > 0 AND coalesce(pr.finished, 0) = st.n AND (p_dept = 0 OR sy.dept_id = p_dept)
	$$;
REVOKE EXECUTE ON FUNCTION rs_mig_systems_done(int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rs_mig_systems_done(int) TO rashin_app;

-- A computed KPI's figures for fiscal year p_fy, from the whole city's data whoever asks
-- (they are counts, not rows): NULL where the domain cannot say (a year still to come; a
-- year the board's state of today does not describe; a year with no DX-leader programme).
CREATE FUNCTION rs_kpi_actual(p_source text, p_fy int) RETURNS numeric
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	SELECT CASE WHEN p_fy > rs_fy_of(rs_today()) THEN NULL ELSE CASE p_source
	WHEN 'dx_leaders' THEN CASE WHEN EXISTS (SELECT 1 FROM dx_candidate WHERE fy = p_fy)
		OR EXISTS (SELECT 1 FROM dx_target WHERE fy = p_fy) THEN
		(SELECT count(*) FROM dx_candidate WHERE fy = p_fy AND status = 'certified')::numeric END
	WHEN 'mig_done' THEN CASE WHEN p_fy = rs_fy_of(rs_today()) THEN
		rs_mig_systems_done(0)::numeric END
	WHEN 'training_rate' THEN
		(SELECT round(100.0 * sum(r.done) / nullif(sum(r.total), 0), 1)
		 FROM rs_training_dept_all(p_fy) r)
	WHEN 'vdi_active' THEN CASE WHEN p_fy = rs_fy_of(rs_today()) THEN
		(SELECT count(*) FROM vdi_account
		 WHERE rs_vdi_state(state, valid_from, valid_to, rs_today()) = 'active')::numeric END
	END END
	$$;

CREATE FUNCTION rs_kpi_target(p_source text, p_fy int) RETURNS numeric
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	SELECT CASE p_source
	WHEN 'dx_leaders' THEN (SELECT sum(target) FROM dx_target WHERE fy = p_fy)::numeric
	WHEN 'mig_done' THEN (SELECT nullif(count(*), 0) FROM mig_system)::numeric
	END
	$$;
REVOKE EXECUTE ON FUNCTION rs_kpi_actual(text, int), rs_kpi_target(text, int) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rs_kpi_actual(text, int), rs_kpi_target(text, int) TO rashin_app;

-- Every KPI's figures for fiscal year p_fy, the one source every reader takes them from:
-- target and actual (computed or typed), whether each was computed, the definition of a
-- computed one, and who typed a typed value and when. Read as the caller: the kpi and
-- kpi_value policies decide which KPIs they see.
CREATE FUNCTION kpi_figure(p_fy int)
	RETURNS TABLE (kpi_id int, measure_id int, fy int, source text, target numeric,
		actual numeric, target_computed boolean, actual_computed boolean,
		definition_ja text, definition_en text, entered_by text, entered_by_name text,
		entered_at timestamptz, note text)
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$
	SELECT k.id, k.measure_id, p_fy, k.source,
		CASE WHEN s.target_computed THEN rs_kpi_target(s.code, p_fy) ELSE v.target END,
		CASE WHEN s.code IS NOT NULL THEN rs_kpi_actual(s.code, p_fy) ELSE v.actual END,
		coalesce(s.target_computed, false), s.code IS NOT NULL,
		s.definition_ja, s.definition_en,
		st.login, st.name, v.entered_at, v.note
	FROM kpi k
	LEFT JOIN kpi_source s ON s.code = k.source
	LEFT JOIN kpi_value v ON v.kpi_id = k.id AND v.fy = p_fy
	LEFT JOIN staff st ON st.id = v.entered_by
	ORDER BY k.measure_id, k.id
	$$;
GRANT EXECUTE ON FUNCTION kpi_figure(int) TO rashin_app;

-- Typed values only where the domain has none; who typed them and when, always.
CREATE FUNCTION rs_kpi_value_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_src kpi_source%ROWTYPE;
BEGIN
	SELECT s.* INTO v_src FROM kpi k JOIN kpi_source s ON s.code = k.source WHERE k.id = NEW.kpi_id;
	IF FOUND THEN
		IF NEW.actual IS NOT NULL THEN
			RAISE EXCEPTION 'kpi %: % is computed from its domain; its actual is not typed',
				NEW.kpi_id, v_src.code USING ERRCODE = 'RS316';
		END IF;
		IF v_src.target_computed AND NEW.target IS NOT NULL THEN
			RAISE EXCEPTION 'kpi %: the target of % is computed from its domain; it is not typed',
				NEW.kpi_id, v_src.code USING ERRCODE = 'RS317';
		END IF;
	END IF;
	IF TG_OP = 'INSERT' OR (NEW.actual, NEW.target) IS DISTINCT FROM (OLD.actual, OLD.target) THEN
		NEW.entered_by := coalesce(rs_staff_id(), NEW.entered_by);
		NEW.entered_at := now();
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER kpi_value_guard BEFORE INSERT OR UPDATE ON kpi_value
	FOR EACH ROW EXECUTE FUNCTION rs_kpi_value_guard();
