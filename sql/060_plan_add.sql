-- rashin 060: additions to the plan and keyboard edits of its schedule.
--   * action.added_fy: the fiscal year a concrete action (具体策) was added after the
--     plan was published (measure.added_fy exists since 003). Additions have no 計画当初
--     text: orig_* stays NULL and the UI says 「追加 (令和N年度)」 instead.
--   * The 計画当初 text (orig_* of measure and action) is the plan as published: staff
--     may not change it, and a row a member adds carries none. Refused as a check
--     violation (23514) naming the rule. A write the policies refuse anyway (a member
--     who may not add measures) is left to them, so the refusal stays 42501.
--   * A schedule bar a member moves or extends stays within the plan's period,
--     FY2026-FY2031 (the columns allow 2032 for KPIs and evaluations). NOT VALID: the
--     rows already there are not re-checked, every new or changed one is.
--   * Adding a concrete action becomes IT staff's alone, like adding a measure (009 let a
--     lead insert actions under their own measures); leads still update them.

ALTER TABLE action ADD COLUMN added_fy int CHECK (added_fy BETWEEN 2026 AND 2032);

ALTER TABLE measure_phase ADD CONSTRAINT measure_phase_plan_period
	CHECK (fy_from >= 2026 AND fy_to <= 2031) NOT VALID;

CREATE FUNCTION rs_plan_orig_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = public, pg_temp
	AS $$
DECLARE
	v_new jsonb := to_jsonb(NEW);
	v_old jsonb := CASE WHEN TG_OP = 'UPDATE' THEN to_jsonb(OLD) ELSE '{}' END;
	v_col text;
BEGIN
	IF rs_staff_id() IS NULL THEN
		RETURN NEW;	-- seeds, fixtures and migrations
	END IF;
	FOREACH v_col IN ARRAY CASE TG_TABLE_NAME WHEN 'measure'
		THEN ARRAY['orig_name', 'orig_goal', 'orig_overview']
		ELSE ARRAY['orig_title', 'orig_body'] END LOOP
		IF TG_OP = 'UPDATE' AND (v_new -> v_col) IS DISTINCT FROM (v_old -> v_col) THEN
			RAISE EXCEPTION '%: the plan''s original text (計画当初, %) cannot be changed', TG_TABLE_NAME, v_col
				USING ERRCODE = '23514';
		END IF;
		IF TG_OP = 'INSERT' AND jsonb_typeof(v_new -> v_col) <> 'null' AND rs_is('admin') THEN
			RAISE EXCEPTION '%: an addition has no original text (計画当初, %)', TG_TABLE_NAME, v_col
				USING ERRCODE = '23514';
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;
CREATE TRIGGER measure_orig_guard BEFORE INSERT OR UPDATE ON measure
	FOR EACH ROW EXECUTE FUNCTION rs_plan_orig_guard();
CREATE TRIGGER action_orig_guard BEFORE INSERT OR UPDATE ON action
	FOR EACH ROW EXECUTE FUNCTION rs_plan_orig_guard();

-- Adding a concrete action is IT staff's, like adding a measure (the leads keep
-- updating their own measures' actions: action_upd is unchanged).
DROP POLICY action_ins ON action;
CREATE POLICY action_ins ON action FOR INSERT TO rashin_app WITH CHECK ((SELECT rs_is('admin')));
