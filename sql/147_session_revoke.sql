-- rashin 147: revoking a key ends the database sessions opened with it, and deactivating
-- a member ends all of theirs, in the same transaction (issue 28). Until now a session
-- (sql/140_session.sql) lived on after its key was revoked or removed until its process
-- noticed (the console's key check); a command running meanwhile kept acting as the
-- member. Now:
--   * rs_session.ended_reason records why a session was ended by someone else ('key
--     revoked', 'key removed', 'staff deactivated'; NULL for a logout or an expiry);
--   * a trigger on ssh_key (a revocation, a deletion) and one on staff (deactivation) close
--     the member's matching open sessions, each close audited with the reason and by whom;
--   * rs_staff_id() refuses at once a session so ended: any further statement on it fails
--     with RS701 (a logged-out or expired session still acts as no one, as before);
--   * rs_event (login, logout and session events) still finds the member of a session so
--     ended, so its LOGOUT and the console's "session ended" event are recorded with them.

ALTER TABLE rs_session ADD COLUMN ended_reason text;

-- The member of the transaction's session, whether open or ended by someone else (for the
-- audit of its end); NULL for none, a forged, a logged-out or an expired one.
CREATE FUNCTION rs_session_member() RETURNS int
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_secret text := current_setting('rashin.session', true);
BEGIN
	IF v_secret IS NULL OR length(v_secret) <> 64 THEN
		RETURN NULL;
	END IF;
	RETURN (SELECT staff_id FROM rs_session
		WHERE hash = sha256(convert_to(v_secret, 'UTF8'))
		  AND ((closed_at IS NULL AND expires_at > now()) OR ended_reason IS NOT NULL));
END
$$;

CREATE OR REPLACE FUNCTION rs_staff_id() RETURNS int
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_secret text := current_setting('rashin.session', true);
	r	record;
BEGIN
	IF v_secret IS NULL OR length(v_secret) <> 64 THEN
		RETURN NULL;
	END IF;
	SELECT staff_id, closed_at, expires_at, ended_reason INTO r FROM rs_session
		WHERE hash = sha256(convert_to(v_secret, 'UTF8'));
	IF r.ended_reason IS NOT NULL THEN
		RAISE EXCEPTION 'session ended: %', r.ended_reason USING ERRCODE = 'RS701',
			HINT = 'sign in again';
	END IF;
	IF r.closed_at IS NULL AND r.expires_at > now() THEN
		RETURN r.staff_id;
	END IF;
	RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION rs_event(p_action text, p_tbl text, p_key text, p_detail jsonb) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF p_action NOT IN ('LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'EVENT') THEN
		RAISE EXCEPTION 'rs_event: action not allowed' USING DETAIL = format('action=%s', p_action);
	END IF;
	RETURN rs_audit_append(rs_session_member(), p_tbl, p_key, p_action, NULL, p_detail);
END
$$;

-- End p_staff's open sessions (those opened with key p_fingerprint; NULL: all), each
-- audited: the number ended.
CREATE FUNCTION rs_session_end(p_staff int, p_fingerprint text, p_reason text) RETURNS int
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_by	text := (SELECT login FROM staff WHERE id = rs_session_member());
	v_n	int := 0;
	r	record;
BEGIN
	FOR r IN UPDATE rs_session SET closed_at = clock_timestamp(), ended_reason = p_reason
		WHERE staff_id = p_staff AND closed_at IS NULL AND expires_at > now()
		  AND (p_fingerprint IS NULL OR fingerprint = p_fingerprint)
		RETURNING id, fingerprint
	LOOP
		PERFORM rs_audit_append(p_staff, 'rs_session', r.id::text, 'EVENT', NULL,
			jsonb_build_object('event', 'close', 'reason', p_reason,
				'fingerprint', r.fingerprint, 'by', coalesce(v_by, session_user::text)));
		v_n := v_n + 1;
	END LOOP;
	RETURN v_n;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_session_end(int, text, text) FROM PUBLIC;

CREATE FUNCTION rs_ssh_key_session_end() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM rs_session_end(OLD.staff_id, OLD.fingerprint, 'key removed');
	ELSIF OLD.revoked_at IS NULL AND NEW.revoked_at IS NOT NULL THEN
		PERFORM rs_session_end(NEW.staff_id, NEW.fingerprint,
			CASE WHEN NEW.revoke_reason = 'staff deactivated' THEN 'staff deactivated'
			ELSE 'key revoked' END);
	END IF;
	RETURN NULL;
END
$$;
-- named to run after ssh_key's audit triggers (AFTER triggers run in name order), whose
-- rs_staff_id() would refuse a session this one has just ended (the revoker's own)
CREATE TRIGGER ssh_key_zz_session_end AFTER UPDATE OF revoked_at OR DELETE ON ssh_key
	FOR EACH ROW EXECUTE FUNCTION rs_ssh_key_session_end();

CREATE FUNCTION rs_staff_session_end() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF OLD.active AND NOT NEW.active THEN
		PERFORM rs_session_end(NEW.id, NULL, 'staff deactivated');
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER staff_zz_session_end AFTER UPDATE OF active ON staff
	FOR EACH ROW EXECUTE FUNCTION rs_staff_session_end();
