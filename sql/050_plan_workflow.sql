-- rashin 050: the PDCA workflow's remaining rules, as refusals with a reason (RS003)
-- rather than bare CHECK violations, and the revision chain kept linear.
--   * publishing needs a submitted 2nd evaluation;
--   * a revision may be started only from the latest revision, once it is published
--     (one revision per published evaluation: a unique index on supersedes);
--   * a revision carries revision = the superseded one's + 1.
-- Everything else stays as 003 defined it (roles, departments, read-only after publication).

CREATE OR REPLACE FUNCTION rs_evaluation_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_e1_changed boolean;
	v_e2_changed boolean;
	v_cio_changed boolean;
	v_prev_rev int;
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
		IF NEW.supersedes IS NOT NULL THEN
			SELECT revision INTO v_prev_rev FROM evaluation
				WHERE id = NEW.supersedes AND published_at IS NOT NULL
				  AND measure_id = NEW.measure_id AND fy = NEW.fy;
			IF NOT FOUND THEN
				RAISE EXCEPTION 'evaluation: a revision must supersede a published evaluation of the same measure and year' USING ERRCODE = 'RS003';
			END IF;
			IF NEW.revision <> v_prev_rev + 1 THEN
				RAISE EXCEPTION 'evaluation: a revision of revision % must be revision %', v_prev_rev, v_prev_rev + 1 USING ERRCODE = 'RS003';
			END IF;
			IF EXISTS (SELECT 1 FROM evaluation WHERE supersedes = NEW.supersedes) THEN
				RAISE EXCEPTION 'evaluation: revision % already has a newer revision', v_prev_rev USING ERRCODE = 'RS003';
			END IF;
		ELSIF EXISTS (SELECT 1 FROM evaluation WHERE measure_id = NEW.measure_id AND fy = NEW.fy) THEN
			RAISE EXCEPTION 'evaluation: measure % already has an evaluation for FY%; a new one must be a revision', NEW.measure_id, NEW.fy USING ERRCODE = 'RS003';
		END IF;
	ELSE
		v_e1_changed := (NEW.e1_grade, NEW.e1_achievements, NEW.e1_issues, NEW.e1_next, NEW.e1_submitted_at)
			IS DISTINCT FROM (OLD.e1_grade, OLD.e1_achievements, OLD.e1_issues, OLD.e1_next, OLD.e1_submitted_at);
		v_e2_changed := (NEW.e2_grade, NEW.e2_findings, NEW.e2_instruction, NEW.e2_submitted_at)
			IS DISTINCT FROM (OLD.e2_grade, OLD.e2_findings, OLD.e2_instruction, OLD.e2_submitted_at);
		v_cio_changed := NEW.cio_comment IS DISTINCT FROM OLD.cio_comment;
		IF (NEW.measure_id, NEW.fy, NEW.revision, NEW.supersedes)
		   IS DISTINCT FROM (OLD.measure_id, OLD.fy, OLD.revision, OLD.supersedes) THEN
			RAISE EXCEPTION 'evaluation %: measure, year and revision cannot change', OLD.id USING ERRCODE = 'RS003';
		END IF;
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
	IF NEW.published_at IS NOT NULL AND NEW.e2_submitted_at IS NULL THEN
		RAISE EXCEPTION 'evaluation: publication needs a submitted 2nd evaluation' USING ERRCODE = 'RS003';
	END IF;
	RETURN NEW;
END
$$;

CREATE UNIQUE INDEX evaluation_one_successor ON evaluation (supersedes) WHERE supersedes IS NOT NULL;
