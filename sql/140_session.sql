-- rashin 140: the acting member comes from a session the database opened, not from a
-- setting the application chooses. Until now every policy read rs_staff_id() from the
-- setting rashin.staff_id, which rashin_app may set to anyone's id. Now:
--   * rs_session_open(login, fingerprint, source, ttl) opens a session row and returns a
--     random secret (64 hex digits, 244 random bits from two gen_random_uuid()); only its
--     SHA-256 is stored. It may be called by rashin_auth (the role the SSH server's
--     authenticating step logs in as, after it has verified the key's signature: the
--     fingerprint must be an unrevoked key of that active member) and by the owner
--     (migrations' role: a local `rashin ... --as LOGIN` run by the host's administrator,
--     fingerprint ''). rashin_app may not call it.
--   * Every transaction of a session sets rashin.session to the secret; rs_staff_id()
--     finds the open, unexpired session with that hash. A setting rashin_app picks itself
--     (rashin.staff_id, a made-up or another member's secret) finds no session of its
--     own: a forged secret is as good as none (no member), and a secret is only known to
--     the session it was handed to.
--   * rs_session_close(secret) ends it (logout; the holder of the secret may end it);
--     expires_at ends it by time. Opening and closing are written to the audit chain.
-- The policies are unchanged: they call rs_staff_id() / rs_role() / rs_is() once per
-- statement ((SELECT ...) InitPlans, sql/013); rs_staff_id() is one index probe.
-- The auditor (CIO adviser / DX council) now writes only what README says: 2nd
-- evaluations and advice (evaluation, hearing). Filing a VDI request and adding or
-- revoking an SSH key of one's own are for the other roles; IT (admin) registers an
-- auditor's keys.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rashin_auth') THEN
		CREATE ROLE rashin_auth LOGIN NOINHERIT;
	END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO rashin_auth;

-- The embedded PgBouncer's auth_user (backend/store/pgembed.c): it reads rashin_auth's
-- SCRAM verifier (never a password) so rashin_auth's logins go through the pool, and
-- PgBouncer logs in to PostgreSQL with the client's own SCRAM proof. Nothing else.
DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rashin_pool') THEN
		CREATE ROLE rashin_pool LOGIN NOINHERIT;
	END IF;
END
$$;
CREATE FUNCTION rs_pool_secret(p_user text) RETURNS TABLE (usename name, passwd text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
	AS $$ SELECT usename, passwd FROM pg_shadow
		WHERE usename = p_user AND usename = 'rashin_auth' AND passwd LIKE 'SCRAM-SHA-256$%' $$;
REVOKE EXECUTE ON FUNCTION rs_pool_secret(text) FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO rashin_pool;
GRANT EXECUTE ON FUNCTION rs_pool_secret(text) TO rashin_pool;

CREATE TABLE rs_session (
	id		bigserial PRIMARY KEY,
	staff_id	int NOT NULL REFERENCES staff(id),
	fingerprint	text NOT NULL,		-- the SSH key's, '' for a local session
	source		text NOT NULL,
	hash		bytea NOT NULL UNIQUE,	-- sha256 of the secret
	opened_at	timestamptz NOT NULL DEFAULT now(),
	expires_at	timestamptz NOT NULL,
	closed_at	timestamptz
);
CREATE INDEX rs_session_expires ON rs_session (expires_at);
REVOKE ALL ON rs_session FROM PUBLIC;
-- rashin_app and rashin_auth get no privilege on the table: only the owner's functions
-- below read or write it.

CREATE OR REPLACE FUNCTION rs_staff_id() RETURNS int
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
		  AND closed_at IS NULL AND expires_at > now());
END
$$;

CREATE FUNCTION rs_session_open(p_login text, p_fingerprint text, p_source text,
	p_ttl interval) RETURNS text
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_staff	int;
	v_id	bigint;
	v_secret text := replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
	v_until	timestamptz;
BEGIN
	IF p_ttl IS NULL OR p_ttl < interval '1 minute' OR p_ttl > interval '31 days' THEN
		RAISE EXCEPTION 'rs_session_open: a lifetime of % is outside 1 minute .. 31 days', p_ttl;
	END IF;
	SELECT id INTO v_staff FROM staff WHERE login = p_login AND active;
	IF v_staff IS NULL THEN
		RAISE EXCEPTION 'rs_session_open: no active staff member %', p_login;
	END IF;
	IF coalesce(p_fingerprint, '') = '' THEN
		-- a local session: only the owner (the host's administrator) opens one
		IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_class
			WHERE oid = 'rs_session'::regclass), 'USAGE') THEN
			RAISE EXCEPTION 'rs_session_open: a session without a key is the owner''s to open';
		END IF;
	ELSIF NOT EXISTS (SELECT 1 FROM ssh_key WHERE staff_id = v_staff
		AND fingerprint = p_fingerprint AND revoked_at IS NULL) THEN
		RAISE EXCEPTION 'rs_session_open: % is not an unrevoked key of %', p_fingerprint, p_login;
	END IF;
	v_until := clock_timestamp() + p_ttl;
	-- sessions that ended a day ago are only history: the audit chain keeps it
	DELETE FROM rs_session WHERE coalesce(closed_at, expires_at) < now() - interval '1 day';
	INSERT INTO rs_session (staff_id, fingerprint, source, hash, expires_at)
		VALUES (v_staff, coalesce(p_fingerprint, ''), coalesce(p_source, ''),
			sha256(convert_to(v_secret, 'UTF8')), v_until)
		RETURNING id INTO v_id;
	PERFORM rs_audit_append(v_staff, 'rs_session', v_id::text, 'EVENT', NULL,
		jsonb_build_object('event', 'open', 'login', p_login,
			'fingerprint', coalesce(p_fingerprint, ''), 'source', coalesce(p_source, ''),
			'by', session_user, 'expires_at', v_until));
	RETURN v_secret;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_session_open(text, text, text, interval) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rs_session_open(text, text, text, interval) TO rashin_auth;

-- The holder of a secret ends its session (logout): true if it was open.
CREATE FUNCTION rs_session_close(p_secret text) RETURNS boolean
	LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_id	bigint;
	v_staff	int;
BEGIN
	UPDATE rs_session SET closed_at = clock_timestamp()
		WHERE hash = sha256(convert_to(coalesce(p_secret, ''), 'UTF8')) AND closed_at IS NULL
		RETURNING id, staff_id INTO v_id, v_staff;
	IF v_id IS NULL THEN
		RETURN false;
	END IF;
	PERFORM rs_audit_append(v_staff, 'rs_session', v_id::text, 'EVENT', NULL,
		jsonb_build_object('event', 'close'));
	RETURN true;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_session_close(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rs_session_close(text) TO rashin_app, rashin_auth;

-- The embedded cluster's rashin_auth password, set by rashin at each start from its
-- secret file (a SCRAM verifier computed by the client: the password never reaches the
-- server's log). ALTER ROLE takes no parameters; this takes one. The owner's only.
CREATE FUNCTION rs_auth_password(p_verifier text) RETURNS void
	LANGUAGE plpgsql VOLATILE SET search_path = public, pg_temp
	AS $$
BEGIN
	IF p_verifier !~ '^SCRAM-SHA-256\$[0-9]+:[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$' THEN
		RAISE EXCEPTION 'rs_auth_password: not a SCRAM-SHA-256 verifier';
	END IF;
	EXECUTE format('ALTER ROLE rashin_auth PASSWORD %L', p_verifier);
END
$$;
REVOKE EXECUTE ON FUNCTION rs_auth_password(text) FROM PUBLIC;

-- The auditor writes only 2nd evaluations and advice (README's rule).
ALTER POLICY ssh_key_ins ON ssh_key WITH CHECK ((SELECT rs_is('admin')) OR
	(staff_id = (SELECT rs_staff_id()) AND (SELECT rs_role()) IS NOT NULL
	 AND NOT (SELECT rs_is('auditor'))));
ALTER POLICY ssh_key_upd ON ssh_key USING ((SELECT rs_is('admin')) OR
	(staff_id = (SELECT rs_staff_id()) AND (SELECT rs_role()) IS NOT NULL
	 AND NOT (SELECT rs_is('auditor'))))
	WITH CHECK ((SELECT rs_is('admin')) OR
	(staff_id = (SELECT rs_staff_id()) AND (SELECT rs_role()) IS NOT NULL
	 AND NOT (SELECT rs_is('auditor'))));
ALTER POLICY vdi_request_ins ON vdi_request WITH CHECK ((SELECT rs_is('admin')) OR
	(staff_id = (SELECT rs_staff_id()) AND state = 'requested' AND (SELECT rs_role()) IS NOT NULL
	 AND NOT (SELECT rs_is('auditor'))));
ALTER POLICY vdi_request_upd ON vdi_request USING ((SELECT rs_is('admin')) OR
	(staff_id = (SELECT rs_staff_id()) AND state = 'requested' AND (SELECT rs_role()) IS NOT NULL
	 AND NOT (SELECT rs_is('auditor'))))
	WITH CHECK ((SELECT rs_is('admin')) OR
	(staff_id = (SELECT rs_staff_id()) AND state = 'requested' AND (SELECT rs_role()) IS NOT NULL
	 AND NOT (SELECT rs_is('auditor'))));
