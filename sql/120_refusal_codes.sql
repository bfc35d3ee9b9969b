-- rashin 120: one SQLSTATE of rashin's own per kind of refusal, so the application says
-- why from the code alone (backend/store/outcome.c picks the Japanese or English reason)
-- and never from the message text, whatever lc_messages the server has. The functions
-- of 050, 060 and 070 again with only their ERRCODEs changed (an applied migration is
-- never edited); the message text stays for psql and the logs.
--   RS001       stale version (rs_version, unchanged)
--   RS201-RS2xx staff: the last active admin; a role changed by a non-admin
--   RS301-RS3xx the plan: the evaluation workflow, the 計画当初 text
--   RS401-RS4xx VDI: the request's, the account's and the MFA secret's state rules
--   RS501       training: a session full
-- 42501 is left to PostgreSQL (a policy, a missing grant): the application says "not
-- allowed for your role" for it.

CREATE OR REPLACE FUNCTION rs_staff_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.role = 'admin' AND OLD.active
	   AND (NOT NEW.active OR NEW.role <> 'admin')
	   AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active AND id <> OLD.id) THEN
		RAISE EXCEPTION 'the last active admin cannot be removed' USING ERRCODE = 'RS201',
			DETAIL = format('staff=%s', OLD.login);
	END IF;
	IF TG_OP = 'UPDATE' AND NEW.role <> OLD.role AND NOT rs_is('admin')
	   AND rs_staff_id() IS NOT NULL THEN
		RAISE EXCEPTION 'only an admin may change roles' USING ERRCODE = 'RS202',
			DETAIL = format('staff=%s', OLD.login);
	END IF;
	RETURN NEW;
END
$$;

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
			RAISE EXCEPTION 'evaluation %: published evaluations cannot be deleted', OLD.id USING ERRCODE = 'RS301';
		END IF;
		RETURN OLD;
	END IF;
	IF TG_OP = 'UPDATE' AND OLD.published_at IS NOT NULL THEN
		RAISE EXCEPTION 'evaluation %: published; a correction is a new revision', OLD.id USING ERRCODE = 'RS302';
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
				RAISE EXCEPTION 'evaluation: a revision must supersede a published evaluation of the same measure and year' USING ERRCODE = 'RS303';
			END IF;
			IF NEW.revision <> v_prev_rev + 1 THEN
				RAISE EXCEPTION 'evaluation: a revision of revision % must be revision %', v_prev_rev, v_prev_rev + 1 USING ERRCODE = 'RS304';
			END IF;
			IF EXISTS (SELECT 1 FROM evaluation WHERE supersedes = NEW.supersedes) THEN
				RAISE EXCEPTION 'evaluation: revision % already has a newer revision', v_prev_rev USING ERRCODE = 'RS305';
			END IF;
		ELSIF EXISTS (SELECT 1 FROM evaluation WHERE measure_id = NEW.measure_id AND fy = NEW.fy) THEN
			RAISE EXCEPTION 'evaluation: measure % already has an evaluation for FY%; a new one must be a revision', NEW.measure_id, NEW.fy USING ERRCODE = 'RS306';
		END IF;
	ELSE
		v_e1_changed := (NEW.e1_grade, NEW.e1_achievements, NEW.e1_issues, NEW.e1_next, NEW.e1_submitted_at)
			IS DISTINCT FROM (OLD.e1_grade, OLD.e1_achievements, OLD.e1_issues, OLD.e1_next, OLD.e1_submitted_at);
		v_e2_changed := (NEW.e2_grade, NEW.e2_findings, NEW.e2_instruction, NEW.e2_submitted_at)
			IS DISTINCT FROM (OLD.e2_grade, OLD.e2_findings, OLD.e2_instruction, OLD.e2_submitted_at);
		v_cio_changed := NEW.cio_comment IS DISTINCT FROM OLD.cio_comment;
		IF (NEW.measure_id, NEW.fy, NEW.revision, NEW.supersedes)
		   IS DISTINCT FROM (OLD.measure_id, OLD.fy, OLD.revision, OLD.supersedes) THEN
			RAISE EXCEPTION 'evaluation %: measure, year and revision cannot change', OLD.id USING ERRCODE = 'RS307';
		END IF;
		IF v_e1_changed AND OLD.e2_submitted_at IS NOT NULL THEN
			RAISE EXCEPTION 'evaluation %: the 2nd evaluation is submitted; the 1st can no longer change', OLD.id USING ERRCODE = 'RS308';
		END IF;
	END IF;
	IF rs_staff_id() IS NOT NULL THEN
		IF v_e1_changed AND NOT (rs_is('admin') OR (rs_is('lead') AND rs_my_measure(NEW.measure_id))) THEN
			RAISE EXCEPTION 'evaluation: only the measure''s department or IT staff may write the 1st evaluation' USING ERRCODE = 'RS309';
		END IF;
		IF (v_e2_changed OR v_cio_changed) AND NOT rs_is('auditor') THEN
			RAISE EXCEPTION 'evaluation: only the DX council / CIO adviser (auditor) may write the 2nd evaluation and advice' USING ERRCODE = 'RS310';
		END IF;
		IF NEW.published_at IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.published_at IS NULL)
		   AND NOT rs_is('admin') THEN
			RAISE EXCEPTION 'evaluation: only IT staff publish' USING ERRCODE = 'RS311';
		END IF;
	END IF;
	IF NEW.e2_submitted_at IS NOT NULL AND NEW.e1_submitted_at IS NULL THEN
		RAISE EXCEPTION 'evaluation: the 2nd evaluation needs a submitted 1st evaluation' USING ERRCODE = 'RS312';
	END IF;
	IF NEW.published_at IS NOT NULL AND NEW.e2_submitted_at IS NULL THEN
		RAISE EXCEPTION 'evaluation: publication needs a submitted 2nd evaluation' USING ERRCODE = 'RS313';
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION rs_plan_orig_guard() RETURNS trigger
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
				USING ERRCODE = 'RS314';
		END IF;
		IF TG_OP = 'INSERT' AND jsonb_typeof(v_new -> v_col) <> 'null' AND rs_is('admin') THEN
			RAISE EXCEPTION '%: an addition has no original text (計画当初, %)', TG_TABLE_NAME, v_col
				USING ERRCODE = 'RS315';
		END IF;
	END LOOP;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION rs_vdi_request_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_max	int := coalesce(nullif(current_setting('rashin.vdi_max_days', true), '')::int, 366);
	v_days	int;
	v_login	text;
	v_id	text := coalesce(NEW.id::text, 'new');
BEGIN
	SELECT login INTO v_login FROM staff WHERE id = NEW.staff_id;
	IF TG_OP = 'INSERT' OR (OLD.state = 'requested' AND NEW.state = 'requested') THEN
		IF NOT NEW.no_personal_data THEN
			RAISE EXCEPTION 'VDI request: the declaration that no 特定個人情報 (My Number data) is handled is missing'
				USING ERRCODE = 'RS401', DETAIL = format('staff=%s', v_login);
		END IF;
		IF NEW.period_to < NEW.period_from THEN
			RAISE EXCEPTION 'VDI request: the period ends before it starts' USING ERRCODE = 'RS402',
				DETAIL = format('staff=%s from=%s to=%s', v_login, NEW.period_from, NEW.period_to);
		END IF;
		v_days := NEW.period_to - NEW.period_from + 1;
		IF v_days > v_max THEN
			RAISE EXCEPTION 'VDI request: the period is longer than the maximum (vdi.max_days)'
				USING ERRCODE = 'RS403', DETAIL = format('staff=%s from=%s to=%s days=%s max=%s',
				v_login, NEW.period_from, NEW.period_to, v_days, v_max);
		END IF;
		IF NOT rs_vdi_staff_active(NEW.staff_id) THEN
			RAISE EXCEPTION 'VDI request: not an active staff member' USING ERRCODE = 'RS404',
				DETAIL = format('staff=%s', coalesce(v_login, NEW.staff_id::text));
		END IF;
		IF NEW.manager_id IS NOT NULL AND (NEW.manager_id = NEW.staff_id OR NOT rs_vdi_staff_active(NEW.manager_id)) THEN
			RAISE EXCEPTION 'VDI request: the manager must be another, active staff member'
				USING ERRCODE = 'RS405', DETAIL = format('staff=%s', v_login);
		END IF;
		IF NEW.renews IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vdi_request
				WHERE id = NEW.renews AND staff_id = NEW.staff_id) THEN
			RAISE EXCEPTION 'VDI request: the request being renewed is not theirs' USING ERRCODE = 'RS406',
				DETAIL = format('staff=%s renews=%s', v_login, NEW.renews);
		END IF;
	END IF;
	IF TG_OP = 'INSERT' THEN
		-- The application always acts as someone: its requests start at the beginning.
		-- Without an identity (the owner loading data) rows are taken as given.
		IF rs_staff_id() IS NOT NULL THEN
			IF NEW.state <> 'requested' OR NEW.manager_by IS NOT NULL OR NEW.approved_by IS NOT NULL
			   OR NEW.rejected_by IS NOT NULL THEN
				RAISE EXCEPTION 'VDI request: a new request starts in state requested'
					USING ERRCODE = 'RS407', DETAIL = format('staff=%s', v_login);
			END IF;
			NEW.requested_by := rs_staff_id();
			NEW.manager_at := NULL;
			NEW.approved_at := NULL;
			NEW.rejected_at := NULL;
		END IF;
		RETURN NEW;
	END IF;

	IF OLD.state IN ('approved', 'rejected', 'withdrawn') THEN
		RAISE EXCEPTION 'VDI request: already decided; nothing more can happen to it (a renewal is a new request)'
			USING ERRCODE = 'RS408', DETAIL = format('request=%s state=%s', v_id, OLD.state);
	END IF;
	IF OLD.state <> 'requested' AND (NEW.staff_id, NEW.reason, NEW.work_kinds, NEW.no_personal_data,
	    NEW.period_from, NEW.period_to, NEW.device_id, NEW.manager_id, NEW.renews) IS DISTINCT FROM
	   (OLD.staff_id, OLD.reason, OLD.work_kinds, OLD.no_personal_data, OLD.period_from, OLD.period_to,
	    OLD.device_id, OLD.manager_id, OLD.renews) THEN
		RAISE EXCEPTION 'VDI request: only a request in state requested can be edited'
			USING ERRCODE = 'RS409', DETAIL = format('request=%s state=%s', v_id, OLD.state);
	END IF;
	-- A step statement asks for its stamp by clearing it (SET manager_at = NULL): asked
	-- again without a state change, the step is refused instead of silently repeated.
	IF NEW.state = OLD.state THEN
		IF (NEW.manager_by, NEW.manager_at, NEW.manager_comment, NEW.approved_by, NEW.approved_at,
		    NEW.approve_comment, NEW.rejected_by, NEW.rejected_at, NEW.reject_reason) IS DISTINCT FROM
		   (OLD.manager_by, OLD.manager_at, OLD.manager_comment, OLD.approved_by, OLD.approved_at,
		    OLD.approve_comment, OLD.rejected_by, OLD.rejected_at, OLD.reject_reason) THEN
			IF OLD.state = 'manager_approved' AND NEW.manager_at IS DISTINCT FROM OLD.manager_at THEN
				RAISE EXCEPTION 'VDI request: the manager''s approval is already recorded'
					USING ERRCODE = 'RS410', DETAIL = format('request=%s state=%s', v_id, OLD.state);
			END IF;
			RAISE EXCEPTION 'VDI request: approvals are recorded only by the approval steps'
				USING ERRCODE = 'RS411', DETAIL = format('request=%s', v_id);
		END IF;
		RETURN NEW;
	END IF;

	-- The state machine.
	IF NEW.state IN ('manager_approved', 'approved', 'rejected') AND NOT rs_is('admin') THEN
		RAISE EXCEPTION 'VDI request: only IT staff (role admin) may record approvals or reject'
			USING ERRCODE = 'RS412', DETAIL = format('request=%s', v_id);
	END IF;
	IF NEW.state IN ('manager_approved', 'approved') AND NOT rs_vdi_staff_active(NEW.staff_id) THEN
		RAISE EXCEPTION 'VDI request: the member is no longer an active staff member'
			USING ERRCODE = 'RS413', DETAIL = format('request=%s staff=%s', v_id, v_login);
	END IF;
	CASE NEW.state
	WHEN 'manager_approved' THEN
		IF OLD.state <> 'requested' THEN
			RAISE EXCEPTION 'VDI request: the manager''s approval is already recorded'
				USING ERRCODE = 'RS410', DETAIL = format('request=%s state=%s', v_id, OLD.state);
		END IF;
		NEW.manager_by := rs_staff_id();
		NEW.manager_at := now();
	WHEN 'approved' THEN
		IF OLD.state <> 'manager_approved' THEN
			RAISE EXCEPTION 'VDI request: the manager''s approval must be recorded first'
				USING ERRCODE = 'RS414', DETAIL = format('request=%s state=%s', v_id, OLD.state);
		END IF;
		IF NEW.staff_id = rs_staff_id() THEN
			RAISE EXCEPTION 'VDI request: you cannot give IT approval to your own request'
				USING ERRCODE = 'RS415', DETAIL = format('request=%s', v_id);
		END IF;
		NEW.approved_by := rs_staff_id();
		NEW.approved_at := now();
	WHEN 'rejected' THEN
		NEW.rejected_by := rs_staff_id();
		NEW.rejected_at := now();
	WHEN 'withdrawn' THEN
		NULL;
	ELSE
		RAISE EXCEPTION 'VDI request: this state change is not allowed' USING ERRCODE = 'RS416',
			DETAIL = format('request=%s from=%s to=%s', v_id, OLD.state, NEW.state);
	END CASE;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION rs_vdi_account_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	r	vdi_request;
	v_final	boolean;
BEGIN
	SELECT * INTO r FROM vdi_request WHERE id = NEW.request_id;
	IF TG_OP = 'INSERT' THEN
		IF r.id IS NULL OR r.state <> 'approved' THEN
			RAISE EXCEPTION 'VDI request: provisioning needs an approved request' USING ERRCODE = 'RS417',
				DETAIL = format('request=%s state=%s', NEW.request_id, coalesce(r.state, 'none'));
		END IF;
		IF EXISTS (SELECT 1 FROM vdi_account WHERE request_id = NEW.request_id) THEN
			RAISE EXCEPTION 'VDI request: already provisioned' USING ERRCODE = 'RS418',
				DETAIL = format('request=%s', NEW.request_id);
		END IF;
		IF NOT rs_vdi_staff_active(r.staff_id) THEN
			RAISE EXCEPTION 'VDI request: the member is no longer active' USING ERRCODE = 'RS419',
				DETAIL = format('request=%s', NEW.request_id);
		END IF;
		NEW.staff_id := r.staff_id;
		IF rs_staff_id() IS NOT NULL THEN
			NEW.valid_from := r.period_from;
			NEW.valid_to := r.period_to;
			NEW.state := 'active';
			NEW.state_reason := NULL;
			NEW.mfa_state := 'none';
			NEW.mfa_enrolled_at := NULL;
			NEW.provisioned_by := rs_staff_id();
			NEW.provisioned_at := now();
			NEW.state_at := now();
		END IF;
		RETURN NEW;
	END IF;

	IF (NEW.request_id, NEW.staff_id, NEW.valid_from, NEW.valid_to, NEW.provisioned_by, NEW.provisioned_at)
	   IS DISTINCT FROM (OLD.request_id, OLD.staff_id, OLD.valid_from, OLD.valid_to, OLD.provisioned_by,
	   OLD.provisioned_at) THEN
		RAISE EXCEPTION 'VDI account: the request, member, validity and provisioning are fixed (a renewal is a new request)'
			USING ERRCODE = 'RS420', DETAIL = format('request=%s', OLD.request_id);
	END IF;
	v_final := OLD.state IN ('expired', 'revoked');
	IF v_final AND (NEW.state <> OLD.state OR NEW.mfa_state <> OLD.mfa_state
	    OR NEW.vdi_username <> OLD.vdi_username OR NEW.pool <> OLD.pool) THEN
		RAISE EXCEPTION 'VDI account: already expired or revoked; nothing more can happen to it'
			USING ERRCODE = 'RS421', DETAIL = format('request=%s state=%s', OLD.request_id, OLD.state);
	END IF;
	IF NEW.state <> OLD.state THEN
		IF NOT ((OLD.state = 'active' AND NEW.state IN ('suspended', 'expired', 'revoked'))
		     OR (OLD.state = 'suspended' AND NEW.state IN ('active', 'expired', 'revoked'))) THEN
			RAISE EXCEPTION 'VDI account: this state change is not allowed' USING ERRCODE = 'RS422',
				DETAIL = format('request=%s from=%s to=%s', OLD.request_id, OLD.state, NEW.state);
		END IF;
		IF NEW.state = 'active' AND NOT rs_vdi_staff_active(OLD.staff_id) THEN
			RAISE EXCEPTION 'VDI account: the member is no longer active' USING ERRCODE = 'RS423',
				DETAIL = format('request=%s', OLD.request_id);
		END IF;
		IF NEW.state = 'active' THEN
			NEW.state_reason := NULL;
		END IF;
		NEW.state_at := now();
		IF NEW.state IN ('expired', 'revoked') THEN
			NEW.mfa_state := 'none';	-- the secret goes with it (rs_vdi_account_log)
			NEW.mfa_reason := 'account ' || NEW.state;
			RETURN NEW;
		END IF;
	END IF;
	IF NEW.mfa_state <> OLD.mfa_state THEN
		IF NEW.mfa_state = 'pending' AND NEW.state <> 'active' THEN
			RAISE EXCEPTION 'VDI account: MFA enrolment needs an active account' USING ERRCODE = 'RS424',
				DETAIL = format('request=%s state=%s', OLD.request_id, NEW.state);
		END IF;
		IF NEW.mfa_state = 'pending' AND OLD.mfa_state = 'enrolled' THEN
			RAISE EXCEPTION 'VDI account: MFA is already enrolled; reset it first (vdi mfa reset)'
				USING ERRCODE = 'RS425', DETAIL = format('request=%s', OLD.request_id);
		END IF;
		IF NEW.mfa_state = 'enrolled' AND OLD.mfa_state <> 'pending' THEN
			RAISE EXCEPTION 'VDI account: no MFA enrolment in progress' USING ERRCODE = 'RS426',
				DETAIL = format('request=%s', OLD.request_id);
		END IF;
		IF NEW.mfa_state = 'none' AND coalesce(NEW.mfa_reason, '') = '' THEN
			RAISE EXCEPTION 'VDI account: an MFA reset needs a reason' USING ERRCODE = 'RS427',
				DETAIL = format('request=%s', OLD.request_id);
		END IF;
		NEW.mfa_enrolled_at := CASE WHEN NEW.mfa_state = 'enrolled' THEN now() END;
		IF NEW.mfa_state <> 'none' THEN
			NEW.mfa_reason := NULL;
		END IF;
	ELSIF NEW.mfa_enrolled_at IS DISTINCT FROM OLD.mfa_enrolled_at THEN
		RAISE EXCEPTION 'VDI account: the enrolment time is set by the enrolment' USING ERRCODE = 'RS428',
			DETAIL = format('request=%s', OLD.request_id);
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION rs_vdi_secret_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	a	vdi_account;
BEGIN
	SELECT * INTO a FROM vdi_account WHERE id = NEW.account_id;
	IF TG_OP = 'INSERT' OR NEW.secret_enc IS DISTINCT FROM OLD.secret_enc THEN
		IF a.state IS DISTINCT FROM 'active' OR a.mfa_state = 'enrolled' THEN
			RAISE EXCEPTION 'VDI account: a new MFA secret needs an active account without MFA enrolled'
				USING ERRCODE = 'RS429',
				DETAIL = format('request=%s state=%s mfa=%s', a.request_id, a.state, a.mfa_state);
		END IF;
		NEW.created_at := now();
		NEW.created_by := rs_staff_id();
		NEW.last_step := NULL;
	ELSIF NEW.last_step IS NOT NULL AND OLD.last_step IS NOT NULL AND NEW.last_step <= OLD.last_step THEN
		RAISE EXCEPTION 'VDI account: this code was already used' USING ERRCODE = 'RS430',
			DETAIL = format('request=%s', a.request_id);
	END IF;
	RETURN NEW;
END
$$;

CREATE OR REPLACE FUNCTION rs_enrolment_capacity() RETURNS trigger
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
			RAISE EXCEPTION 'course session: full' USING ERRCODE = 'RS501',
				DETAIL = format('session=%s capacity=%s', NEW.session_id, v_cap);
		END IF;
		NEW.state := 'waiting';
	END IF;
	RETURN NEW;
END
$$;
