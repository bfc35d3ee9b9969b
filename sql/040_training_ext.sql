-- rashin 040: training, computed by the database so every writer gets the same answer.
--   training_completion  per course × staff × fiscal year: the rule met or not (attend N of
--                        the FY's sessions, or all; 遅刻 counted per course; pass mark if set),
--                        when, and until which FY it stays valid. Never typed by hand.
--   certificates         issued (and withdrawn, and restored) by triggers on completion:
--                        PREFIX-FY-NNNN, unique; the application may only read them.
--   waiting list         an enrolment beyond capacity becomes 'waiting'; when an enrolled
--                        person leaves, the first waiting one (by enrolled_at) is promoted.
--   reports              per department: mandatory-course completion and DX-leader progress
--                        against target, aggregated, visible by role.

-- Fiscal year (April-March) of a date: 2026-04-01 .. 2027-03-31 is FY2026.
CREATE FUNCTION rs_fy_of(p_day date) RETURNS int
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT (extract(year FROM p_day) - CASE WHEN extract(month FROM p_day) < 4 THEN 1 ELSE 0 END)::int $$;
-- The city's calendar day of a moment.
CREATE FUNCTION rs_day(p_at timestamptz) RETURNS date
	LANGUAGE sql STABLE
	AS $$ SELECT (p_at AT TIME ZONE 'Asia/Tokyo')::date $$;
GRANT EXECUTE ON FUNCTION rs_fy_of(date), rs_day(timestamptz) TO rashin_app;

-- Certificate numbers: a prefix per course (default by category), a counter per prefix and FY.
ALTER TABLE course ADD COLUMN cert_prefix text CHECK (cert_prefix ~ '^[A-Z][A-Z0-9]{0,7}$');
CREATE FUNCTION rs_cert_prefix(p_course int) RETURNS text
	LANGUAGE sql STABLE
	AS $$
	SELECT coalesce(cert_prefix, CASE category WHEN 'dx_leader' THEN 'DXL' WHEN 'ict_basic' THEN 'ICT'
		WHEN 'security_general' THEN 'SEC' WHEN 'security_manager' THEN 'SECM'
		WHEN 'info_asset' THEN 'INFO' WHEN 'gen_ai' THEN 'GAI' ELSE 'TRN' END)
	FROM course WHERE id = p_course
	$$;

CREATE TABLE certificate_counter (
	prefix		text NOT NULL,
	fy		int NOT NULL,
	last		int NOT NULL,
	PRIMARY KEY (prefix, fy)
);
ALTER TABLE certificate_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE certificate_counter FORCE ROW LEVEL SECURITY;

-- A withdrawn certificate keeps its number (restored if the rule is met again).
ALTER TABLE certificate ADD COLUMN revoked_at timestamptz;
REVOKE INSERT, UPDATE, DELETE ON certificate FROM rashin_app;

-- Completion. security_invoker: the caller's row-level security on attendance, enrolment,
-- exam_score and certificate decides which rows they see (a lead: their department).
CREATE VIEW training_completion WITH (security_invoker = true) AS
WITH who AS (
	SELECT cs.course_id, cs.fy, e.staff_id FROM enrolment e
		JOIN course_session cs ON cs.id = e.session_id WHERE e.state <> 'cancelled'
	UNION
	SELECT cs.course_id, cs.fy, a.staff_id FROM attendance a
		JOIN course_session cs ON cs.id = a.session_id
	UNION
	SELECT course_id, fy, staff_id FROM exam_score
), held AS (
	SELECT course_id, fy, count(*)::int AS n FROM course_session GROUP BY course_id, fy
), marks AS (
	SELECT cs.course_id, cs.fy, a.staff_id,
		count(*) FILTER (WHERE a.status = 'present')::int AS present,
		count(*) FILTER (WHERE a.status = 'late')::int AS late,
		count(*) FILTER (WHERE a.status = 'excused')::int AS excused,
		count(*) FILTER (WHERE a.status = 'absent')::int AS absent
	FROM attendance a JOIN course_session cs ON cs.id = a.session_id
	GROUP BY cs.course_id, cs.fy, a.staff_id
), counted AS (		-- attended sessions in order, to date the completion
	SELECT cs.course_id, cs.fy, a.staff_id, cs.starts_at,
		row_number() OVER (PARTITION BY cs.course_id, cs.fy, a.staff_id
			ORDER BY cs.starts_at, cs.id)::int AS k
	FROM attendance a JOIN course_session cs ON cs.id = a.session_id
	JOIN course c ON c.id = cs.course_id
	WHERE a.status = 'present' OR (a.status = 'late' AND c.late_counts)
), base AS (
	SELECT w.course_id, w.staff_id, w.fy, coalesce(h.n, 0) AS sessions,
		coalesce(c.rule_n, h.n, 0) AS required,
		coalesce(m.present, 0) AS present, coalesce(m.late, 0) AS late,
		coalesce(m.excused, 0) AS excused, coalesce(m.absent, 0) AS absent,
		coalesce(m.present, 0) + CASE WHEN c.late_counts THEN coalesce(m.late, 0) ELSE 0 END
			AS attended,
		x.score, c.pass_mark, c.valid_fys
	FROM who w
	JOIN course c ON c.id = w.course_id
	LEFT JOIN held h ON h.course_id = w.course_id AND h.fy = w.fy
	LEFT JOIN marks m ON m.course_id = w.course_id AND m.fy = w.fy AND m.staff_id = w.staff_id
	LEFT JOIN exam_score x ON x.course_id = w.course_id AND x.fy = w.fy AND x.staff_id = w.staff_id
), judged AS (
	SELECT b.*, (b.attended >= b.required AND (b.required > 0 OR b.pass_mark IS NOT NULL)
		AND (b.pass_mark IS NULL OR coalesce(b.score >= b.pass_mark, false))) AS completed
	FROM base b
)
SELECT j.course_id, j.staff_id, j.fy, j.sessions, j.required, j.present, j.late, j.excused,
	j.absent, j.attended, j.score, j.pass_mark, j.completed,
	CASE WHEN j.completed THEN rs_day(k.starts_at) END AS completed_on,
	CASE WHEN j.completed THEN j.fy + j.valid_fys - 1 END AS valid_to_fy,	-- NULL: no limit
	CASE WHEN j.completed AND j.valid_fys IS NOT NULL
		THEN make_date(j.fy + j.valid_fys, 3, 31) END AS valid_until,
	cert.cert_no
FROM judged j
LEFT JOIN counted k ON k.course_id = j.course_id AND k.fy = j.fy AND k.staff_id = j.staff_id
	AND k.k = j.required
LEFT JOIN certificate cert ON cert.course_id = j.course_id AND cert.staff_id = j.staff_id
	AND cert.fy = j.fy AND cert.revoked_at IS NULL;
GRANT SELECT ON training_completion TO rashin_app;

-- Bring one person's certificate (and DX-programme status) in line with the rule.
CREATE FUNCTION rs_training_sync(p_course int, p_staff int, p_fy int) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_done		boolean;
	v_cert		certificate%ROWTYPE;
	v_prefix	text;
	v_n		int;
	v_cat		text;
	v_all		boolean;
	v_any		boolean;
BEGIN
	SELECT coalesce(bool_or(completed), false) INTO v_done FROM training_completion
		WHERE course_id = p_course AND staff_id = p_staff AND fy = p_fy;
	SELECT * INTO v_cert FROM certificate
		WHERE course_id = p_course AND staff_id = p_staff AND fy = p_fy;
	IF v_done AND v_cert.id IS NULL THEN
		v_prefix := rs_cert_prefix(p_course);
		INSERT INTO certificate_counter AS cc (prefix, fy, last) VALUES (v_prefix, p_fy, 1)
			ON CONFLICT (prefix, fy) DO UPDATE SET last = cc.last + 1
			RETURNING last INTO v_n;
		INSERT INTO certificate (cert_no, course_id, staff_id, fy, issued_at)
			VALUES (v_prefix || '-' || p_fy || '-' || CASE WHEN v_n < 10000
				THEN lpad(v_n::text, 4, '0') ELSE v_n::text END,
				p_course, p_staff, p_fy, clock_timestamp());
	ELSIF v_done AND v_cert.revoked_at IS NOT NULL THEN
		UPDATE certificate SET revoked_at = NULL WHERE id = v_cert.id;
	ELSIF NOT v_done AND v_cert.id IS NOT NULL AND v_cert.revoked_at IS NULL THEN
		UPDATE certificate SET revoked_at = clock_timestamp() WHERE id = v_cert.id;
	END IF;

	-- DX推進リーダー: 候補 -> 受講中 on the first attended session of the programme's
	-- courses that FY; 認定 when every one of them is completed.
	SELECT category INTO v_cat FROM course WHERE id = p_course;
	IF v_cat = 'dx_leader' THEN
		SELECT bool_and(coalesce(tc.completed, false)), bool_or(coalesce(tc.attended, 0) > 0)
			INTO v_all, v_any
			FROM (SELECT DISTINCT cs.course_id FROM course_session cs
				JOIN course c ON c.id = cs.course_id
				WHERE c.category = 'dx_leader' AND cs.fy = p_fy) pc
			LEFT JOIN training_completion tc ON tc.course_id = pc.course_id
				AND tc.staff_id = p_staff AND tc.fy = p_fy;
		UPDATE dx_candidate SET status = CASE WHEN v_all THEN 'certified'
				WHEN v_any THEN 'in_training' ELSE 'candidate' END
			WHERE staff_id = p_staff AND fy = p_fy AND status IS DISTINCT FROM
				CASE WHEN v_all THEN 'certified' WHEN v_any THEN 'in_training' ELSE 'candidate' END;
	END IF;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_training_sync(int, int, int) FROM PUBLIC;

-- Everyone taking part in a course in one FY (NULL: every FY).
CREATE FUNCTION rs_training_sync_course(p_course int, p_fy int) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	r	record;
BEGIN
	FOR r IN SELECT DISTINCT t.staff_id, t.fy FROM (
			SELECT staff_id, fy FROM training_completion WHERE course_id = p_course
			UNION SELECT staff_id, fy FROM certificate WHERE course_id = p_course) t
		WHERE p_fy IS NULL OR t.fy = p_fy
	LOOP
		PERFORM rs_training_sync(p_course, r.staff_id, r.fy);
	END LOOP;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_training_sync_course(int, int) FROM PUBLIC;

CREATE FUNCTION rs_attendance_sync() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_course	int;
	v_fy		int;
BEGIN
	IF TG_OP <> 'INSERT' THEN
		SELECT course_id, fy INTO v_course, v_fy FROM course_session WHERE id = OLD.session_id;
		PERFORM rs_training_sync(v_course, OLD.staff_id, v_fy);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		SELECT course_id, fy INTO v_course, v_fy FROM course_session WHERE id = NEW.session_id;
		PERFORM rs_training_sync(v_course, NEW.staff_id, v_fy);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER attendance_sync AFTER INSERT OR UPDATE OR DELETE ON attendance
	FOR EACH ROW EXECUTE FUNCTION rs_attendance_sync();

CREATE FUNCTION rs_exam_sync() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP <> 'INSERT' THEN
		PERFORM rs_training_sync(OLD.course_id, OLD.staff_id, OLD.fy);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM rs_training_sync(NEW.course_id, NEW.staff_id, NEW.fy);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER exam_score_sync AFTER INSERT OR UPDATE OR DELETE ON exam_score
	FOR EACH ROW EXECUTE FUNCTION rs_exam_sync();

-- A changed rule, or a session added or removed, changes who has completed.
CREATE FUNCTION rs_course_sync() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_TABLE_NAME = 'course' THEN
		PERFORM rs_training_sync_course(NEW.id, NULL);
		RETURN NULL;
	END IF;
	IF TG_OP <> 'INSERT' THEN
		PERFORM rs_training_sync_course(OLD.course_id, OLD.fy);
	END IF;
	IF TG_OP <> 'DELETE' THEN
		PERFORM rs_training_sync_course(NEW.course_id, NEW.fy);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER course_sync AFTER UPDATE OF rule_n, pass_mark, late_counts ON course
	FOR EACH ROW EXECUTE FUNCTION rs_course_sync();
CREATE TRIGGER course_session_sync AFTER INSERT OR DELETE OR UPDATE OF course_id, fy ON course_session
	FOR EACH ROW EXECUTE FUNCTION rs_course_sync();

-- Waiting list. Before a row becomes 'enrolled': if the session is full it is 'waiting'
-- instead (an explicit promotion of a waiting row into a full session is refused, RS010).
-- A cancelled enrolment taken up again joins the back of the queue.
CREATE FUNCTION rs_enrolment_capacity() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_cap	int;
	v_taken	int;
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.state = 'cancelled' AND NEW.state <> 'cancelled' THEN
		NEW.enrolled_at := clock_timestamp();
	END IF;
	IF NEW.state <> 'enrolled' OR (TG_OP = 'UPDATE' AND OLD.state = 'enrolled'
	    AND OLD.session_id = NEW.session_id) THEN
		RETURN NEW;
	END IF;
	-- one enrolment decision at a time per session
	SELECT capacity INTO v_cap FROM course_session WHERE id = NEW.session_id FOR UPDATE;
	IF v_cap IS NULL THEN
		RETURN NEW;
	END IF;
	SELECT count(*) INTO v_taken FROM enrolment
		WHERE session_id = NEW.session_id AND state = 'enrolled' AND staff_id <> NEW.staff_id;
	IF v_taken >= v_cap THEN
		IF TG_OP = 'UPDATE' AND OLD.state = 'waiting' THEN
			RAISE EXCEPTION 'session %: full (capacity %)', NEW.session_id, v_cap
				USING ERRCODE = 'RS010';
		END IF;
		NEW.state := 'waiting';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER enrolment_waitlist BEFORE INSERT OR UPDATE ON enrolment
	FOR EACH ROW EXECUTE FUNCTION rs_enrolment_capacity();

-- Promote waiting people, first come first served, while seats are free.
CREATE FUNCTION rs_enrolment_fill(p_session int) RETURNS void
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_cap	int;
	v_free	int;
BEGIN
	SELECT capacity INTO v_cap FROM course_session WHERE id = p_session FOR UPDATE;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF v_cap IS NOT NULL THEN
		SELECT v_cap - count(*) INTO v_free FROM enrolment
			WHERE session_id = p_session AND state = 'enrolled';
		IF v_free <= 0 THEN
			RETURN;
		END IF;
	END IF;
	UPDATE enrolment e SET state = 'enrolled'
		FROM (SELECT staff_id FROM enrolment WHERE session_id = p_session AND state = 'waiting'
			ORDER BY enrolled_at, staff_id LIMIT v_free) q
		WHERE e.session_id = p_session AND e.staff_id = q.staff_id;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_enrolment_fill(int) FROM PUBLIC;

CREATE FUNCTION rs_enrolment_release() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_TABLE_NAME = 'course_session' THEN
		PERFORM rs_enrolment_fill(NEW.id);
	ELSIF OLD.state = 'enrolled' AND (TG_OP = 'DELETE' OR NEW.state <> 'enrolled'
	    OR NEW.session_id <> OLD.session_id) THEN
		PERFORM rs_enrolment_fill(OLD.session_id);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER enrolment_release AFTER UPDATE OR DELETE ON enrolment
	FOR EACH ROW EXECUTE FUNCTION rs_enrolment_release();
CREATE TRIGGER course_session_capacity AFTER UPDATE OF capacity ON course_session
	FOR EACH ROW EXECUTE FUNCTION rs_enrolment_release();

-- Which departments' aggregates the caller may see: IT, trainers, the auditor and readers
-- all of them (counts only); a lead only their own; no identity, none.
CREATE FUNCTION rs_report_dept(p_dept int) RETURNS boolean
	LANGUAGE sql STABLE
	AS $$ SELECT rs_is('admin', 'trainer', 'auditor', 'readonly') OR (rs_is('lead') AND p_dept = rs_dept()) $$;

-- Mandatory courses per department for one FY: the people the course is for (audience
-- all / managers / nominated = enrolled that FY) and how many hold a completion valid in
-- that FY (completed in it, or earlier and not yet expired).
CREATE FUNCTION training_dept_report(p_fy int)
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
	WHERE rs_report_dept(d.id)
	GROUP BY d.id, d.code, d.name, c.id, c.code, c.title
	ORDER BY d.id, c.code
	$$;

-- DX推進リーダー per department for one FY: target, nominated candidates and their status.
CREATE FUNCTION training_dx_report(p_fy int)
	RETURNS TABLE (dept_id int, dept_code text, dept_name text, target int, candidates int,
		in_training int, certified int)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	WITH k AS (
		SELECT s.dept_id, count(*)::int AS n,
			(count(*) FILTER (WHERE x.status = 'in_training'))::int AS doing,
			(count(*) FILTER (WHERE x.status = 'certified'))::int AS done
		FROM dx_candidate x JOIN staff s ON s.id = x.staff_id
		WHERE x.fy = p_fy GROUP BY s.dept_id
	)
	SELECT d.id, d.code, d.name, t.target, coalesce(k.n, 0), coalesce(k.doing, 0),
		coalesce(k.done, 0)
	FROM department d
	LEFT JOIN dx_target t ON t.dept_id = d.id AND t.fy = p_fy
	LEFT JOIN k ON k.dept_id = d.id
	WHERE (t.target IS NOT NULL OR k.n IS NOT NULL) AND rs_report_dept(d.id)
	ORDER BY d.id
	$$;
GRANT EXECUTE ON FUNCTION rs_report_dept(int), training_dept_report(int), training_dx_report(int)
	TO rashin_app;

-- A candidate nominated after attending starts at the status their attendance gives.
CREATE FUNCTION rs_dx_candidate_sync() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_course	int;
BEGIN
	FOR v_course IN SELECT DISTINCT cs.course_id FROM course_session cs
		JOIN course c ON c.id = cs.course_id WHERE c.category = 'dx_leader' AND cs.fy = NEW.fy
	LOOP
		PERFORM rs_training_sync(v_course, NEW.staff_id, NEW.fy);
	END LOOP;
	RETURN NULL;
END
$$;
CREATE TRIGGER dx_candidate_sync AFTER INSERT ON dx_candidate
	FOR EACH ROW EXECUTE FUNCTION rs_dx_candidate_sync();
