-- rashin 090: a login records its key's use at most once a minute.
-- rs_auth_key (002) updated ssh_key.last_used at every login. Each such UPDATE is an
-- audited write: an entry appended to the hash chain, whose lock (rs_audit_append) every
-- audited transaction of the database takes in turn, and a NOTIFY "ssh_key:ID" that wakes
-- every open console. Logins with one key (a member's several sessions, a script's ssh
-- calls) queued on that key's row and on the chain, each waiting for the one before to
-- commit: 200 logins with one key took 7 s to get through. The LOGIN entry (rs_event)
-- records every login with its key's fingerprint already; last_used is what the key
-- lists show, to the minute. Same rows returned, same rules (active member, unrevoked
-- key); only the bookkeeping write is skipped while last_used is less than a minute old.

CREATE OR REPLACE FUNCTION rs_auth_key(p_login text, p_type text, p_b64 text)
	RETURNS TABLE (staff_id int, login text, name text, role text, dept_id int,
		dept_name text, lang text, fingerprint text)
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_key	int;
	v_used	timestamptz;
BEGIN
	SELECT k.id, k.last_used INTO v_key, v_used
		FROM ssh_key k JOIN staff s ON s.id = k.staff_id
		WHERE s.login = p_login AND s.active AND k.key_type = p_type
		  AND k.key_b64 = p_b64 AND k.revoked_at IS NULL;
	IF NOT FOUND THEN
		RETURN;
	END IF;
	IF v_used IS NULL OR v_used < now() - interval '1 minute' THEN
		-- revoked or deactivated in the meantime: the UPDATE finds nothing, no login
		UPDATE ssh_key k SET last_used = now()
			FROM staff s
			WHERE k.id = v_key AND s.id = k.staff_id AND s.active AND k.revoked_at IS NULL;
		IF NOT FOUND THEN
			RETURN;
		END IF;
	END IF;
	RETURN QUERY
	SELECT s.id, s.login, s.name, s.role, s.dept_id, d.name, s.lang, k.fingerprint
		FROM ssh_key k JOIN staff s ON s.id = k.staff_id JOIN department d ON d.id = s.dept_id
		WHERE k.id = v_key;
END
$$;
