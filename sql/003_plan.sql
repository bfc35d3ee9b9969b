-- rashin 003: the Digital Strategy Plan: parts (基本目標), measures (施策), concrete
-- actions (具体策), responsible departments, fiscal-year phases, milestones, KPIs and
-- the yearly PDCA evaluations. Status and grade values are codes; the UI shows labels.

CREATE TABLE plan_part (
	id		int PRIMARY KEY CHECK (id BETWEEN 1 AND 9),
	title		text NOT NULL UNIQUE CHECK (length(title) BETWEEN 1 AND 200),
	version		int NOT NULL DEFAULT 1
);

-- status: not_started 未着手, studying 調査・検討, in_progress 実施中, done 完了, reviewing 見直し
CREATE TABLE measure (
	id		serial PRIMARY KEY,
	part_id		int NOT NULL REFERENCES plan_part (id),
	seq		int NOT NULL CHECK (seq BETWEEN 1 AND 99),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	goal		text NOT NULL CHECK (length(goal) <= 4000),		-- 施策目標
	overview	text NOT NULL CHECK (length(overview) <= 8000),	-- 施策概要
	orig_name	text,		-- 計画当初: the plan's text as published (NULL if added later)
	orig_goal	text,
	orig_overview	text,
	status		text NOT NULL DEFAULT 'not_started' CHECK (status IN
				('not_started', 'studying', 'in_progress', 'done', 'reviewing')),
	added_fy	int CHECK (added_fy BETWEEN 2026 AND 2032),
	version		int NOT NULL DEFAULT 1,
	UNIQUE (part_id, seq)
);

CREATE TABLE measure_dept (
	measure_id	int NOT NULL REFERENCES measure (id) ON DELETE CASCADE,
	dept_id		int NOT NULL REFERENCES department (id),
	PRIMARY KEY (measure_id, dept_id)
);

CREATE TABLE action (
	id		serial PRIMARY KEY,
	measure_id	int NOT NULL REFERENCES measure (id),
	seq		int NOT NULL CHECK (seq BETWEEN 1 AND 99),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	body		text NOT NULL DEFAULT '' CHECK (length(body) <= 8000),
	orig_title	text,
	orig_body	text,
	status		text NOT NULL DEFAULT 'not_started' CHECK (status IN
				('not_started', 'studying', 'in_progress', 'done', 'reviewing')),
	version		int NOT NULL DEFAULT 1,
	UNIQUE (measure_id, seq)
);

-- A bar on the schedule: a phase (調査・検討, 実施, ...) over fiscal years, optionally months.
CREATE TABLE measure_phase (
	id		serial PRIMARY KEY,
	measure_id	int NOT NULL REFERENCES measure (id),
	action_id	int REFERENCES action (id),
	seq		int NOT NULL DEFAULT 1,
	phase		text NOT NULL CHECK (length(phase) BETWEEN 1 AND 60),
	fy_from		int NOT NULL CHECK (fy_from BETWEEN 2026 AND 2032),
	fy_to		int NOT NULL CHECK (fy_to BETWEEN 2026 AND 2032),
	month_from	int CHECK (month_from BETWEEN 1 AND 12),
	month_to	int CHECK (month_to BETWEEN 1 AND 12),
	version		int NOT NULL DEFAULT 1,
	CHECK (fy_to >= fy_from)
);
CREATE INDEX measure_phase_measure ON measure_phase (measure_id, seq);

CREATE TABLE milestone (
	id		serial PRIMARY KEY,
	measure_id	int NOT NULL REFERENCES measure (id),
	action_id	int REFERENCES action (id),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	due		date NOT NULL CHECK (due BETWEEN '2026-04-01' AND '2033-03-31'),
	done_on		date,
	version		int NOT NULL DEFAULT 1
);

CREATE TABLE kpi (
	id		serial PRIMARY KEY,
	measure_id	int NOT NULL REFERENCES measure (id),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	unit		text NOT NULL DEFAULT '' CHECK (length(unit) <= 20),
	baseline	numeric,
	baseline_fy	int CHECK (baseline_fy BETWEEN 2000 AND 2032),
	higher_is_better boolean NOT NULL DEFAULT true,
	version		int NOT NULL DEFAULT 1,
	UNIQUE (measure_id, name)
);

CREATE TABLE kpi_value (
	kpi_id		int NOT NULL REFERENCES kpi (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	target		numeric,
	actual		numeric,
	note		text CHECK (length(note) <= 2000),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (kpi_id, fy)
);

-- PDCA: 1st evaluation by the implementing department, CIO adviser's comment,
-- 2nd evaluation by the DX council, publication by the IT division. Published rows are
-- read-only; a correction is a new revision that supersedes the old one.
CREATE TABLE evaluation (
	id		serial PRIMARY KEY,
	measure_id	int NOT NULL REFERENCES measure (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	revision	int NOT NULL DEFAULT 1 CHECK (revision >= 1),
	supersedes	int REFERENCES evaluation (id),
	e1_grade	text CHECK (e1_grade IN ('A', 'B', 'C', 'D')),
	e1_achievements	text CHECK (length(e1_achievements) <= 8000),
	e1_issues	text CHECK (length(e1_issues) <= 8000),
	e1_next		text CHECK (length(e1_next) <= 8000),
	e1_by		int REFERENCES staff (id),
	e1_submitted_at	timestamptz,
	cio_comment	text CHECK (length(cio_comment) <= 8000),
	cio_by		int REFERENCES staff (id),
	cio_at		timestamptz,
	e2_grade	text CHECK (e2_grade IN ('A', 'B', 'C', 'D')),
	e2_findings	text CHECK (length(e2_findings) <= 8000),
	e2_instruction	text CHECK (length(e2_instruction) <= 8000),
	e2_by		int REFERENCES staff (id),
	e2_submitted_at	timestamptz,
	published_at	timestamptz,
	published_by	int REFERENCES staff (id),
	version		int NOT NULL DEFAULT 1,
	UNIQUE (measure_id, fy, revision),
	CHECK (e1_submitted_at IS NULL OR e1_grade IS NOT NULL),
	CHECK (e2_submitted_at IS NULL OR (e1_submitted_at IS NOT NULL AND e2_grade IS NOT NULL)),
	CHECK (published_at IS NULL OR e2_submitted_at IS NOT NULL),
	CHECK ((revision = 1) = (supersedes IS NULL))
);

CREATE TABLE hearing (
	id		serial PRIMARY KEY,
	measure_id	int NOT NULL REFERENCES measure (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	held_on		date NOT NULL,
	attendees	text NOT NULL DEFAULT '' CHECK (length(attendees) <= 2000),
	notes		text NOT NULL DEFAULT '' CHECK (length(notes) <= 8000),
	version		int NOT NULL DEFAULT 1
);

-- Is the measure one of the acting member's department's?
CREATE FUNCTION rs_my_measure(p_measure int) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT EXISTS (SELECT 1 FROM measure_dept WHERE measure_id = p_measure AND dept_id = rs_dept()) $$;
GRANT EXECUTE ON FUNCTION rs_my_measure(int) TO rashin_app;

-- The PDCA workflow, enforced whoever writes.
CREATE FUNCTION rs_evaluation_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_e1_changed boolean;
	v_e2_changed boolean;
	v_cio_changed boolean;
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF OLD.published_at IS NOT NULL THEN
			RAISE EXCEPTION 'evaluation %: published evaluations cannot be deleted', OLD.id USING ERRCODE = 'RS003';
		END IF;
		RETURN OLD;
	END IF;
	IF TG_OP = 'UPDATE' AND OLD.published_at IS NOT NULL THEN
		RAISE EXCEPTION 'evaluation %: published; a correction is a new revision', OLD.id USING ERRCODE = 'RS003';
	END IF;
	IF TG_OP = 'INSERT' THEN
		v_e1_changed := NEW.e1_grade IS NOT NULL OR NEW.e1_submitted_at IS NOT NULL;
		v_e2_changed := NEW.e2_grade IS NOT NULL OR NEW.e2_submitted_at IS NOT NULL;
		v_cio_changed := NEW.cio_comment IS NOT NULL;
		IF NEW.supersedes IS NOT NULL AND NOT EXISTS (SELECT 1 FROM evaluation
		    WHERE id = NEW.supersedes AND published_at IS NOT NULL
		      AND measure_id = NEW.measure_id AND fy = NEW.fy) THEN
			RAISE EXCEPTION 'evaluation: a revision must supersede a published evaluation of the same measure and year' USING ERRCODE = 'RS003';
		END IF;
	ELSE
		v_e1_changed := (NEW.e1_grade, NEW.e1_achievements, NEW.e1_issues, NEW.e1_next, NEW.e1_submitted_at)
			IS DISTINCT FROM (OLD.e1_grade, OLD.e1_achievements, OLD.e1_issues, OLD.e1_next, OLD.e1_submitted_at);
		v_e2_changed := (NEW.e2_grade, NEW.e2_findings, NEW.e2_instruction, NEW.e2_submitted_at)
			IS DISTINCT FROM (OLD.e2_grade, OLD.e2_findings, OLD.e2_instruction, OLD.e2_submitted_at);
		v_cio_changed := NEW.cio_comment IS DISTINCT FROM OLD.cio_comment;
		IF v_e1_changed AND OLD.e2_submitted_at IS NOT NULL THEN
			RAISE EXCEPTION 'evaluation %: the 2nd evaluation is submitted; the 1st can no longer change', OLD.id USING ERRCODE = 'RS003';
		END IF;
	END IF;
	IF rs_staff_id() IS NOT NULL THEN
		IF v_e1_changed AND NOT (rs_is('admin') OR (rs_is('lead') AND rs_my_measure(NEW.measure_id))) THEN
			RAISE EXCEPTION 'evaluation: only the measure''s department or IT staff may write the 1st evaluation' USING ERRCODE = '42501';
		END IF;
		IF (v_e2_changed OR v_cio_changed) AND NOT rs_is('auditor') THEN
			RAISE EXCEPTION 'evaluation: only the DX council / CIO adviser (auditor) may write the 2nd evaluation and advice' USING ERRCODE = '42501';
		END IF;
		IF NEW.published_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.published_at IS NULL)
		   AND NOT rs_is('admin') THEN
			RAISE EXCEPTION 'evaluation: only IT staff publish' USING ERRCODE = '42501';
		END IF;
	END IF;
	IF NEW.e2_submitted_at IS NOT NULL AND NEW.e1_submitted_at IS NULL THEN
		RAISE EXCEPTION 'evaluation: the 2nd evaluation needs a submitted 1st evaluation' USING ERRCODE = 'RS003';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER evaluation_guard BEFORE INSERT OR UPDATE OR DELETE ON evaluation
	FOR EACH ROW EXECUTE FUNCTION rs_evaluation_guard();
