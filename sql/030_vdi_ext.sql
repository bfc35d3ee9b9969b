-- rashin 030: the VDI lifecycle's rules, in the database (one place for the state machine).
--   * The TOTP secret moves out of vdi_account, whose audit trigger logs the whole row:
--     vdi_mfa_secret holds it (AES-256-GCM, key outside the database), admins only,
--     deliberately without an audit trigger. Its changes are audited through
--     vdi_account.mfa_state and vdi_event, which never carry the secret.
--   * Requests: the declaration, the longest period (vdi.max_days, passed per transaction
--     as rashin.vdi_max_days; 366 when unset), active staff, then
--     requested -> manager_approved -> approved, or -> rejected / withdrawn; each step
--     stamped with who and when by the database, and logged in vdi_event.
--   * Accounts: provisioned only from an approved request of an active member, within its
--     period; active <-> suspended, -> expired, -> revoked (expired and revoked are final);
--     MFA none -> pending -> enrolled, reset to none with a reason.
--   * Deactivating a member also withdraws their open requests and logs each revocation.
-- Errors: RS010 out of order, RS011 request refused (declaration, period, staff),
-- 42501 wrong role; messages name the request.

ALTER TABLE vdi_account DROP COLUMN mfa_secret_enc;
ALTER TABLE vdi_account ADD COLUMN mfa_reason text
	CHECK (mfa_reason IS NULL OR length(mfa_reason) BETWEEN 1 AND 500);

CREATE TABLE vdi_mfa_secret (
	account_id	int PRIMARY KEY REFERENCES vdi_account (id),
	secret_enc	bytea NOT NULL CHECK (length(secret_enc) BETWEEN 29 AND 256),	-- nonce|ciphertext|tag
	created_at	timestamptz NOT NULL DEFAULT now(),
	created_by	int REFERENCES staff (id),
	last_step	bigint		-- last TOTP step accepted: a code is never accepted twice
);
ALTER TABLE vdi_mfa_secret ENABLE ROW LEVEL SECURITY;
ALTER TABLE vdi_mfa_secret FORCE ROW LEVEL SECURITY;
CREATE POLICY vdi_mfa_secret_all ON vdi_mfa_secret FOR ALL TO rashin_app
	USING (rs_is('admin')) WITH CHECK (rs_is('admin'));
GRANT SELECT, INSERT, UPDATE, DELETE ON vdi_mfa_secret TO rashin_app;
-- No audit trigger on vdi_mfa_secret, on purpose (see above).

-- The event log entry every transition writes.
CREATE FUNCTION rs_vdi_log(p_request int, p_account int, p_event text, p_detail text) RETURNS void
	LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	INSERT INTO vdi_event (request_id, account_id, event, actor_id, detail)
	VALUES (p_request, p_account, p_event, rs_staff_id(), left(coalesce(p_detail, ''), 2000))
	$$;
REVOKE EXECUTE ON FUNCTION rs_vdi_log(int, int, text, text) FROM PUBLIC;

CREATE FUNCTION rs_vdi_staff_active(p_staff int) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT coalesce((SELECT active FROM staff WHERE id = p_staff), false) $$;

CREATE FUNCTION rs_vdi_request_guard() RETURNS trigger
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
			RAISE EXCEPTION 'VDI request for %: the declaration that no 特定個人情報 (My Number data) is handled is missing', v_login
				USING ERRCODE = 'RS011';
		END IF;
		IF NEW.period_to < NEW.period_from THEN
			RAISE EXCEPTION 'VDI request for %: the period ends (%) before it starts (%)', v_login,
				NEW.period_to, NEW.period_from USING ERRCODE = 'RS011';
		END IF;
		v_days := NEW.period_to - NEW.period_from + 1;
		IF v_days > v_max THEN
			RAISE EXCEPTION 'VDI request for %: the period %..% is % days, longer than the maximum of % days (vdi.max_days)',
				v_login, NEW.period_from, NEW.period_to, v_days, v_max USING ERRCODE = 'RS011';
		END IF;
		IF NOT rs_vdi_staff_active(NEW.staff_id) THEN
			RAISE EXCEPTION 'VDI request: % is not an active staff member', coalesce(v_login, NEW.staff_id::text)
				USING ERRCODE = 'RS011';
		END IF;
		IF NEW.manager_id IS NOT NULL AND (NEW.manager_id = NEW.staff_id OR NOT rs_vdi_staff_active(NEW.manager_id)) THEN
			RAISE EXCEPTION 'VDI request for %: the manager must be another, active staff member', v_login
				USING ERRCODE = 'RS011';
		END IF;
		IF NEW.renews IS NOT NULL AND NOT EXISTS (SELECT 1 FROM vdi_request
				WHERE id = NEW.renews AND staff_id = NEW.staff_id) THEN
			RAISE EXCEPTION 'VDI request for %: request % being renewed is not theirs', v_login, NEW.renews
				USING ERRCODE = 'RS011';
		END IF;
	END IF;
	IF TG_OP = 'INSERT' THEN
		-- The application always acts as someone: its requests start at the beginning.
		-- Without an identity (the owner loading data) rows are taken as given.
		IF rs_staff_id() IS NOT NULL THEN
			IF NEW.state <> 'requested' OR NEW.manager_by IS NOT NULL OR NEW.approved_by IS NOT NULL
			   OR NEW.rejected_by IS NOT NULL THEN
				RAISE EXCEPTION 'VDI request for %: a new request starts in state requested', v_login
					USING ERRCODE = 'RS010';
			END IF;
			NEW.requested_by := rs_staff_id();
			NEW.manager_at := NULL;
			NEW.approved_at := NULL;
			NEW.rejected_at := NULL;
		END IF;
		RETURN NEW;
	END IF;

	IF OLD.state IN ('approved', 'rejected', 'withdrawn') THEN
		RAISE EXCEPTION 'VDI request %: already %; nothing more can happen to it (a renewal is a new request)',
			v_id, OLD.state USING ERRCODE = 'RS010';
	END IF;
	IF OLD.state <> 'requested' AND (NEW.staff_id, NEW.reason, NEW.work_kinds, NEW.no_personal_data,
	    NEW.period_from, NEW.period_to, NEW.device_id, NEW.manager_id, NEW.renews) IS DISTINCT FROM
	   (OLD.staff_id, OLD.reason, OLD.work_kinds, OLD.no_personal_data, OLD.period_from, OLD.period_to,
	    OLD.device_id, OLD.manager_id, OLD.renews) THEN
		RAISE EXCEPTION 'VDI request %: only a request in state requested can be edited (it is %)', v_id, OLD.state
			USING ERRCODE = 'RS010';
	END IF;
	-- A step statement asks for its stamp by clearing it (SET manager_at = NULL): asked
	-- again without a state change, the step is refused instead of silently repeated.
	IF NEW.state = OLD.state THEN
		IF (NEW.manager_by, NEW.manager_at, NEW.manager_comment, NEW.approved_by, NEW.approved_at,
		    NEW.approve_comment, NEW.rejected_by, NEW.rejected_at, NEW.reject_reason) IS DISTINCT FROM
		   (OLD.manager_by, OLD.manager_at, OLD.manager_comment, OLD.approved_by, OLD.approved_at,
		    OLD.approve_comment, OLD.rejected_by, OLD.rejected_at, OLD.reject_reason) THEN
			IF OLD.state = 'manager_approved' AND NEW.manager_at IS DISTINCT FROM OLD.manager_at THEN
				RAISE EXCEPTION 'VDI request %: the manager''s approval is already recorded (state %)', v_id, OLD.state
					USING ERRCODE = 'RS010';
			END IF;
			RAISE EXCEPTION 'VDI request %: approvals are recorded only by the approval steps', v_id
				USING ERRCODE = 'RS010';
		END IF;
		RETURN NEW;
	END IF;

	-- The state machine.
	IF NEW.state IN ('manager_approved', 'approved', 'rejected') AND NOT rs_is('admin') THEN
		RAISE EXCEPTION 'VDI request %: only IT staff (role admin) may record approvals or reject', v_id
			USING ERRCODE = '42501';
	END IF;
	IF NEW.state IN ('manager_approved', 'approved') AND NOT rs_vdi_staff_active(NEW.staff_id) THEN
		RAISE EXCEPTION 'VDI request %: % is no longer an active staff member', v_id, v_login
			USING ERRCODE = 'RS011';
	END IF;
	CASE NEW.state
	WHEN 'manager_approved' THEN
		IF OLD.state <> 'requested' THEN
			RAISE EXCEPTION 'VDI request %: the manager''s approval is already recorded (state %)', v_id, OLD.state
				USING ERRCODE = 'RS010';
		END IF;
		NEW.manager_by := rs_staff_id();
		NEW.manager_at := now();
	WHEN 'approved' THEN
		IF OLD.state <> 'manager_approved' THEN
			RAISE EXCEPTION 'VDI request %: the manager''s approval must be recorded first (state %)', v_id, OLD.state
				USING ERRCODE = 'RS010';
		END IF;
		IF NEW.staff_id = rs_staff_id() THEN
			RAISE EXCEPTION 'VDI request %: you cannot give IT approval to your own request', v_id
				USING ERRCODE = '42501';
		END IF;
		NEW.approved_by := rs_staff_id();
		NEW.approved_at := now();
	WHEN 'rejected' THEN
		NEW.rejected_by := rs_staff_id();
		NEW.rejected_at := now();
	WHEN 'withdrawn' THEN
		NULL;
	ELSE
		RAISE EXCEPTION 'VDI request %: cannot go from % back to %', v_id, OLD.state, NEW.state
			USING ERRCODE = 'RS010';
	END CASE;
	RETURN NEW;
END
$$;
CREATE TRIGGER vdi_request_guard BEFORE INSERT OR UPDATE ON vdi_request
	FOR EACH ROW EXECUTE FUNCTION rs_vdi_request_guard();

CREATE FUNCTION rs_vdi_request_log() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM rs_vdi_log(NEW.id, NULL, 'request.' || NEW.state,
			NEW.period_from || '..' || NEW.period_to || CASE WHEN NEW.renews IS NOT NULL
				THEN ' renews ' || NEW.renews ELSE '' END);
	ELSIF NEW.state <> OLD.state THEN
		PERFORM rs_vdi_log(NEW.id, NULL, 'request.' || NEW.state, CASE NEW.state
			WHEN 'manager_approved' THEN NEW.manager_comment
			WHEN 'approved' THEN NEW.approve_comment
			WHEN 'rejected' THEN NEW.reject_reason
			ELSE '' END);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER vdi_request_log AFTER INSERT OR UPDATE ON vdi_request
	FOR EACH ROW EXECUTE FUNCTION rs_vdi_request_log();

CREATE FUNCTION rs_vdi_account_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	r	vdi_request;
	v_final	boolean;
BEGIN
	SELECT * INTO r FROM vdi_request WHERE id = NEW.request_id;
	IF TG_OP = 'INSERT' THEN
		IF r.id IS NULL OR r.state <> 'approved' THEN
			RAISE EXCEPTION 'VDI request %: provisioning needs an approved request (state %)', NEW.request_id,
				coalesce(r.state, 'none') USING ERRCODE = 'RS010';
		END IF;
		IF EXISTS (SELECT 1 FROM vdi_account WHERE request_id = NEW.request_id) THEN
			RAISE EXCEPTION 'VDI request %: already provisioned', NEW.request_id USING ERRCODE = 'RS010';
		END IF;
		IF NOT rs_vdi_staff_active(r.staff_id) THEN
			RAISE EXCEPTION 'VDI request %: the member is no longer active', NEW.request_id USING ERRCODE = 'RS011';
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
		RAISE EXCEPTION 'VDI account of request %: the request, member, validity and provisioning are fixed (a renewal is a new request)',
			OLD.request_id USING ERRCODE = 'RS010';
	END IF;
	v_final := OLD.state IN ('expired', 'revoked');
	IF v_final AND (NEW.state <> OLD.state OR NEW.mfa_state <> OLD.mfa_state
	    OR NEW.vdi_username <> OLD.vdi_username OR NEW.pool <> OLD.pool) THEN
		RAISE EXCEPTION 'VDI account of request %: already %; nothing more can happen to it',
			OLD.request_id, OLD.state USING ERRCODE = 'RS010';
	END IF;
	IF NEW.state <> OLD.state THEN
		IF NOT ((OLD.state = 'active' AND NEW.state IN ('suspended', 'expired', 'revoked'))
		     OR (OLD.state = 'suspended' AND NEW.state IN ('active', 'expired', 'revoked'))) THEN
			RAISE EXCEPTION 'VDI account of request %: cannot go from % to %', OLD.request_id,
				OLD.state, NEW.state USING ERRCODE = 'RS010';
		END IF;
		IF NEW.state = 'active' AND NOT rs_vdi_staff_active(OLD.staff_id) THEN
			RAISE EXCEPTION 'VDI account of request %: the member is no longer active', OLD.request_id
				USING ERRCODE = 'RS011';
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
			RAISE EXCEPTION 'VDI account of request %: MFA enrolment needs an active account (it is %)',
				OLD.request_id, NEW.state USING ERRCODE = 'RS010';
		END IF;
		IF NEW.mfa_state = 'pending' AND OLD.mfa_state = 'enrolled' THEN
			RAISE EXCEPTION 'VDI account of request %: MFA is already enrolled; reset it first (vdi mfa reset)',
				OLD.request_id USING ERRCODE = 'RS010';
		END IF;
		IF NEW.mfa_state = 'enrolled' AND OLD.mfa_state <> 'pending' THEN
			RAISE EXCEPTION 'VDI account of request %: no MFA enrolment in progress', OLD.request_id
				USING ERRCODE = 'RS010';
		END IF;
		IF NEW.mfa_state = 'none' AND coalesce(NEW.mfa_reason, '') = '' THEN
			RAISE EXCEPTION 'VDI account of request %: an MFA reset needs a reason', OLD.request_id
				USING ERRCODE = 'RS010';
		END IF;
		NEW.mfa_enrolled_at := CASE WHEN NEW.mfa_state = 'enrolled' THEN now() END;
		IF NEW.mfa_state <> 'none' THEN
			NEW.mfa_reason := NULL;
		END IF;
	ELSIF NEW.mfa_enrolled_at IS DISTINCT FROM OLD.mfa_enrolled_at THEN
		RAISE EXCEPTION 'VDI account of request %: the enrolment time is set by the enrolment', OLD.request_id
			USING ERRCODE = 'RS010';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER vdi_account_guard BEFORE INSERT OR UPDATE ON vdi_account
	FOR EACH ROW EXECUTE FUNCTION rs_vdi_account_guard();

CREATE FUNCTION rs_vdi_account_log() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		PERFORM rs_vdi_log(NEW.request_id, NEW.id, 'account.provisioned',
			NEW.vdi_username || ' ' || NEW.pool || ' ' || NEW.valid_from || '..' || NEW.valid_to);
		RETURN NULL;
	END IF;
	IF NEW.state <> OLD.state THEN
		PERFORM rs_vdi_log(NEW.request_id, NEW.id, 'account.' || NEW.state, NEW.state_reason);
	END IF;
	IF NEW.mfa_state <> OLD.mfa_state THEN
		PERFORM rs_vdi_log(NEW.request_id, NEW.id, CASE NEW.mfa_state
			WHEN 'pending' THEN 'mfa.started' WHEN 'enrolled' THEN 'mfa.enrolled' ELSE 'mfa.reset' END,
			NEW.mfa_reason);
	END IF;
	IF NEW.mfa_state = 'none' AND OLD.mfa_state <> 'none' THEN
		DELETE FROM vdi_mfa_secret WHERE account_id = NEW.id;
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER vdi_account_log AFTER INSERT OR UPDATE ON vdi_account
	FOR EACH ROW EXECUTE FUNCTION rs_vdi_account_log();

-- A secret is stored only for an active account that is not enrolled (or replaced while
-- pending); confirming only moves last_step forward.
CREATE FUNCTION rs_vdi_secret_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	a	vdi_account;
BEGIN
	SELECT * INTO a FROM vdi_account WHERE id = NEW.account_id;
	IF TG_OP = 'INSERT' OR NEW.secret_enc IS DISTINCT FROM OLD.secret_enc THEN
		IF a.state IS DISTINCT FROM 'active' OR a.mfa_state = 'enrolled' THEN
			RAISE EXCEPTION 'VDI account of request %: a new MFA secret needs an active account without MFA enrolled (it is %, MFA %)',
				a.request_id, a.state, a.mfa_state USING ERRCODE = 'RS010';
		END IF;
		NEW.created_at := now();
		NEW.created_by := rs_staff_id();
		NEW.last_step := NULL;
	ELSIF NEW.last_step IS NOT NULL AND OLD.last_step IS NOT NULL AND NEW.last_step <= OLD.last_step THEN
		RAISE EXCEPTION 'VDI account of request %: this code was already used', a.request_id
			USING ERRCODE = 'RS010';
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER vdi_secret_guard BEFORE INSERT OR UPDATE ON vdi_mfa_secret
	FOR EACH ROW EXECUTE FUNCTION rs_vdi_secret_guard();

-- Deactivation: accounts revoked (each logged), open requests withdrawn, same transaction.
CREATE OR REPLACE FUNCTION rs_staff_vdi() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF OLD.active AND NOT NEW.active THEN
		UPDATE vdi_account SET state = 'revoked', state_reason = 'staff deactivated'
			WHERE staff_id = NEW.id AND state IN ('active', 'suspended');
		UPDATE vdi_request SET state = 'withdrawn'
			WHERE staff_id = NEW.id AND state IN ('requested', 'manager_approved');
	END IF;
	RETURN NULL;
END
$$;

-- The event log is append-only, and only IT writes to it directly; everyone else's
-- actions reach it through the triggers above (which run as the owner).
DROP POLICY vdi_event_upd ON vdi_event;
REVOKE UPDATE ON vdi_event FROM rashin_app;
ALTER POLICY vdi_event_ins ON vdi_event WITH CHECK (rs_is('admin') AND actor_id = rs_staff_id());
