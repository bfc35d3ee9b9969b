-- A session opened while its key is being revoked (or its member deactivated) must not
-- outlive the revocation (sql/147_session_revoke.sql): rs_session_open's checks read the
-- member's and the key's rows FOR SHARE, so an open that meets an uncommitted revocation
-- waits for it and then sees the key revoked (or the member inactive) and refuses; a
-- revocation that comes after the open waits for it and its trigger closes the new session.
-- Before, both checks were plain reads: an open racing a revocation passed the check,
-- inserted its session after the revoking trigger had closed the others, and lived on.
-- The body is 140's but for the two FOR SHARE.

CREATE OR REPLACE FUNCTION rs_session_open(p_login text, p_fingerprint text, p_source text,
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
	SELECT id INTO v_staff FROM staff WHERE login = p_login AND active FOR SHARE;
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
		AND fingerprint = p_fingerprint AND revoked_at IS NULL FOR SHARE) THEN
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
