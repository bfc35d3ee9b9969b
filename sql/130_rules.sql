-- rashin 130: domain rules kept by the database, each refusal with a code of its own
-- (backend/store/outcome.c says why from the code):
--   RS203-RS205 a department's code, name or kana out of bounds
--   RS502       attendance for someone who is not a confirmed participant (waiting,
--               cancelled or never enrolled): the waiting list is promoted in order when
--               a seat frees up (040), and only a seat counts
--   RS503       attendance before the session's day (the city's calendar, rs_today())
--   RS504-RS506 a course's category (not one of rs_label's), code or title
--   RS601       a step in a phase that does not exist (phases are data IT manages)
--   RS602       a risk's kind that does not exist
-- Completion and certificates follow from attendance (040's triggers), so with these rules
-- no one completes before the day or from the waiting list.
-- Codes shown to people (course categories, risk kinds) are data with Japanese and
-- English labels: rs_label; a writer may give a code or either label (rs_code_of).
-- Rules bind the application (an identity, rs_staff_id()); the owner loading seeds and
-- fixtures is taken as given, as in 070 and 120.

-- Today as the application sees it: the date it sets with each transaction's identity
-- (rashin.today: RASHIN_TODAY when pinned, else the local date), else the city's day.
CREATE FUNCTION rs_today() RETURNS date
	LANGUAGE sql STABLE
	AS $$ SELECT coalesce(nullif(current_setting('rashin.today', true), '')::date, rs_day(now())) $$;
GRANT EXECUTE ON FUNCTION rs_today() TO rashin_app;

-- Codes with their labels, per domain, in display order.
CREATE TABLE rs_label (
	domain		text NOT NULL CHECK (domain ~ '^[a-z_]{1,32}$'),
	code		text NOT NULL CHECK (code ~ '^[a-z0-9_]{1,32}$'),
	label_ja	text NOT NULL CHECK (length(label_ja) BETWEEN 1 AND 60),
	label_en	text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
	seq		int NOT NULL DEFAULT 0,
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (domain, code),
	UNIQUE (domain, label_ja),
	UNIQUE (domain, label_en)
);
INSERT INTO rs_label (domain, code, label_ja, label_en, seq) VALUES
	('course_category', 'dx_leader', 'DX推進リーダー育成', 'DX leader development', 1),
	('course_category', 'ict_basic', 'ICT基礎', 'ICT basics', 2),
	('course_category', 'security_general', '情報セキュリティ(一般職員)', 'security (staff)', 3),
	('course_category', 'security_manager', '情報セキュリティ(管理職)', 'security (managers)', 4),
	('course_category', 'info_asset', '情報資産管理', 'information assets', 5),
	('course_category', 'gen_ai', '生成AI', 'generative AI', 6),
	('course_category', 'other', 'その他', 'other', 7),
	('risk_kind', 'issue', '課題', 'issue', 1),
	('risk_kind', 'risk', 'リスク', 'risk', 2),
	('risk_kind', 'question', '質問', 'question', 3);
ALTER TABLE rs_label ENABLE ROW LEVEL SECURITY;
ALTER TABLE rs_label FORCE ROW LEVEL SECURITY;
CREATE POLICY rs_label_read ON rs_label FOR SELECT TO rashin_app USING (rs_role() IS NOT NULL);
CREATE POLICY rs_label_ins ON rs_label FOR INSERT TO rashin_app WITH CHECK (rs_is('admin'));
CREATE POLICY rs_label_upd ON rs_label FOR UPDATE TO rashin_app USING (rs_is('admin'))
	WITH CHECK (rs_is('admin'));
GRANT SELECT, INSERT, UPDATE ON rs_label TO rashin_app;
CREATE TRIGGER rs_label_version BEFORE UPDATE ON rs_label FOR EACH ROW EXECUTE FUNCTION rs_version();
CREATE TRIGGER rs_label_audit AFTER INSERT OR UPDATE OR DELETE ON rs_label
	FOR EACH ROW EXECUTE FUNCTION rs_audit('domain', 'code');

-- The code a value names in a domain: the code itself, or its Japanese or English label
-- (case and surrounding blanks aside); NULL when none.
CREATE FUNCTION rs_code_of(p_domain text, p_value text) RETURNS text
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	SELECT code FROM rs_label WHERE domain = p_domain
	   AND (code = lower(btrim(p_value)) OR label_ja = btrim(p_value)
		OR lower(label_en) = lower(btrim(p_value)))
	ORDER BY code = lower(btrim(p_value)) DESC LIMIT 1
	$$;
GRANT EXECUTE ON FUNCTION rs_code_of(text, text) TO rashin_app;

-- Courses: the category is data (rs_label), given by code or label.
ALTER TABLE course DROP CONSTRAINT course_category_check;
CREATE FUNCTION rs_course_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
DECLARE
	v_cat	text := rs_code_of('course_category', NEW.category);
BEGIN
	IF v_cat IS NULL THEN
		RAISE EXCEPTION 'course: no such category: %', NEW.category USING ERRCODE = 'RS504',
			DETAIL = format('category=%s', NEW.category);
	END IF;
	NEW.category := v_cat;
	IF NEW.code !~ '^[A-Za-z0-9_-]{1,32}$' THEN
		RAISE EXCEPTION 'course: the code is 1-32 letters, digits, _ or -' USING ERRCODE = 'RS505',
			DETAIL = format('code=%s', NEW.code);
	END IF;
	IF length(NEW.title) NOT BETWEEN 1 AND 200 THEN
		RAISE EXCEPTION 'course: the title is 1-200 characters' USING ERRCODE = 'RS506',
			DETAIL = format('code=%s', NEW.code);
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER course_guard BEFORE INSERT OR UPDATE OF code, title, category ON course
	FOR EACH ROW EXECUTE FUNCTION rs_course_guard();

-- Departments: the values checked with a reason before the CHECKs would say it raw.
CREATE FUNCTION rs_department_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
BEGIN
	IF NEW.code IS NOT NULL AND NEW.code !~ '^[A-Za-z0-9_-]{1,32}$' THEN
		RAISE EXCEPTION 'department: the code is 1-32 letters, digits, _ or -' USING ERRCODE = 'RS203',
			DETAIL = format('code=%s', NEW.code);
	END IF;
	IF length(NEW.name) NOT BETWEEN 1 AND 100 THEN
		RAISE EXCEPTION 'department: the name is 1-100 characters' USING ERRCODE = 'RS204',
			DETAIL = format('code=%s', NEW.code);
	END IF;
	IF length(NEW.kana) > 200 THEN
		RAISE EXCEPTION 'department: the kana is at most 200 characters' USING ERRCODE = 'RS205',
			DETAIL = format('code=%s', NEW.code);
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER department_guard BEFORE INSERT OR UPDATE OF code, name, kana ON department
	FOR EACH ROW EXECUTE FUNCTION rs_department_guard();

-- Attendance: only a confirmed seat, never before the session's day.
CREATE FUNCTION rs_attendance_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_day	date;
	v_state	text;
	v_login	text;
BEGIN
	IF rs_staff_id() IS NULL THEN
		RETURN NEW;	-- seeds, fixtures and migrations
	END IF;
	IF TG_OP = 'UPDATE' AND (NEW.session_id, NEW.staff_id, NEW.status)
	   IS NOT DISTINCT FROM (OLD.session_id, OLD.staff_id, OLD.status) THEN
		RETURN NEW;	-- a note
	END IF;
	SELECT login INTO v_login FROM staff WHERE id = NEW.staff_id;
	SELECT rs_day(starts_at) INTO v_day FROM course_session WHERE id = NEW.session_id;
	IF v_day > rs_today() THEN
		RAISE EXCEPTION 'attendance: the session has not taken place yet' USING ERRCODE = 'RS503',
			DETAIL = format('session=%s day=%s today=%s staff=%s', NEW.session_id, v_day,
				rs_today(), v_login);
	END IF;
	SELECT state INTO v_state FROM enrolment
		WHERE session_id = NEW.session_id AND staff_id = NEW.staff_id;
	IF v_state IS DISTINCT FROM 'enrolled' THEN
		RAISE EXCEPTION 'attendance: only a participant with a confirmed seat can be marked'
			USING ERRCODE = 'RS502', DETAIL = format('session=%s staff=%s enrolment=%s',
				NEW.session_id, v_login, coalesce(v_state, 'none'));
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER attendance_guard BEFORE INSERT OR UPDATE ON attendance
	FOR EACH ROW EXECUTE FUNCTION rs_attendance_guard();

-- Phases of the migration procedure: data IT manages, in order; a step's phase is one.
CREATE TABLE mig_phase (
	name		text PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 60),
	seq		int NOT NULL UNIQUE CHECK (seq BETWEEN 1 AND 999),
	version		int NOT NULL DEFAULT 1
);
INSERT INTO mig_phase (name, seq)
	SELECT phase, row_number() OVER (ORDER BY min(seq))::int FROM mig_step GROUP BY phase;
ALTER TABLE mig_step ADD CONSTRAINT mig_step_phase_fkey FOREIGN KEY (phase)
	REFERENCES mig_phase (name) ON UPDATE CASCADE;
ALTER TABLE mig_phase ENABLE ROW LEVEL SECURITY;
ALTER TABLE mig_phase FORCE ROW LEVEL SECURITY;
CREATE POLICY mig_phase_read ON mig_phase FOR SELECT TO rashin_app USING (rs_role() IS NOT NULL);
CREATE POLICY mig_phase_ins ON mig_phase FOR INSERT TO rashin_app WITH CHECK (rs_is('admin'));
CREATE POLICY mig_phase_upd ON mig_phase FOR UPDATE TO rashin_app USING (rs_is('admin'))
	WITH CHECK (rs_is('admin'));
GRANT SELECT, INSERT, UPDATE ON mig_phase TO rashin_app;
CREATE TRIGGER mig_phase_version BEFORE UPDATE ON mig_phase FOR EACH ROW EXECUTE FUNCTION rs_version();
CREATE TRIGGER mig_phase_audit AFTER INSERT OR UPDATE OR DELETE ON mig_phase
	FOR EACH ROW EXECUTE FUNCTION rs_audit('name');

CREATE FUNCTION rs_mig_step_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM mig_phase WHERE name = NEW.phase) THEN
		RAISE EXCEPTION 'migration step: no such phase: %', NEW.phase USING ERRCODE = 'RS601',
			DETAIL = format('phase=%s step=%s', NEW.phase, NEW.name);
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER mig_step_guard BEFORE INSERT OR UPDATE OF phase ON mig_step
	FOR EACH ROW EXECUTE FUNCTION rs_mig_step_guard();

-- Risks: the kind by code or label.
CREATE FUNCTION rs_mig_risk_kind() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
DECLARE
	v_kind	text := rs_code_of('risk_kind', NEW.kind);
BEGIN
	IF v_kind IS NULL THEN
		RAISE EXCEPTION 'risk: no such kind: %', NEW.kind USING ERRCODE = 'RS602',
			DETAIL = format('kind=%s', NEW.kind);
	END IF;
	NEW.kind := v_kind;
	RETURN NEW;
END
$$;
CREATE TRIGGER mig_risk_kind BEFORE INSERT OR UPDATE OF kind ON mig_risk
	FOR EACH ROW EXECUTE FUNCTION rs_mig_risk_kind();

-- A VDI account as shown: 有効 (active) only within its period; before it starts it is
-- 予定 (scheduled), after it ends 期限切れ (expired) even before the sweep records it.
CREATE FUNCTION rs_vdi_state(p_state text, p_from date, p_to date, p_day date) RETURNS text
	LANGUAGE sql IMMUTABLE
	AS $$
	SELECT CASE WHEN p_state = 'active' AND p_from > p_day THEN 'scheduled'
		WHEN p_state IN ('active', 'suspended') AND p_to < p_day THEN 'expired'
		ELSE p_state END
	$$;
GRANT EXECUTE ON FUNCTION rs_vdi_state(text, date, date, date) TO rashin_app;
