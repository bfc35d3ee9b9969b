-- Logins whose logout was never written (issue 28). A connection process writes its own
-- LOGOUT when it ends, also when its listener is killed (its parent-death signal closes its
-- sessions as a shutdown does); when the database went down with the server (a killed
-- `rashin demo` stops its embedded cluster), the LOGOUT is lost. Each LOGIN and LOGOUT
-- carries the connection's session id and the server's name (host:port, backend/serve.c),
-- and the server, once it listens again (so no other run of it is alive), closes its
-- earlier runs' open logins with a LOGOUT whose reason is 'connection lost', then marks
-- its start (an EVENT on tbl 'server'), so the next start looks only at logins after it.

CREATE INDEX audit_log_login_server ON audit_log ((after ->> 'server'), id)
	WHERE tbl = 'session' AND action = 'LOGIN';
CREATE INDEX audit_log_logout_session ON audit_log ((after ->> 'session'))
	WHERE tbl = 'session' AND action = 'LOGOUT';

-- The number closed. rashin_app may call it: it may write any session event already
-- (rs_event), and this one only appends.
CREATE FUNCTION rs_sessions_lost(p_server text) RETURNS int
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_since	bigint;
	v_n	int := 0;
	r	record;
BEGIN
	IF coalesce(p_server, '') = '' THEN
		RAISE EXCEPTION 'rs_sessions_lost: no server name';
	END IF;
	-- one start at a time for the whole chain (rs_audit_append's lock), so two calls
	-- never close the same login twice
	PERFORM pg_advisory_xact_lock(7261736869);
	SELECT max(id) INTO v_since FROM audit_log
		WHERE tbl = 'server' AND key = p_server AND action = 'EVENT';
	FOR r IN
		SELECT l.staff_id, l.key, l.after FROM audit_log l
		WHERE l.tbl = 'session' AND l.action = 'LOGIN' AND l.after ->> 'server' = p_server
		  AND l.id > coalesce(v_since, 0) AND l.after ? 'session'
		  AND NOT EXISTS (SELECT 1 FROM audit_log o
			WHERE o.tbl = 'session' AND o.action = 'LOGOUT'
			  AND o.after ->> 'session' = l.after ->> 'session'
			  AND o.after ->> 'server' = p_server AND o.id > l.id)
		ORDER BY l.id
	LOOP
		PERFORM rs_audit_append(r.staff_id, 'session', r.key, 'LOGOUT', NULL,
			r.after || jsonb_build_object('reason', 'connection lost'));
		v_n := v_n + 1;
	END LOOP;
	PERFORM rs_audit_append(NULL, 'server', p_server, 'EVENT', NULL,
		jsonb_build_object('event', 'start', 'sessions_lost', v_n));
	RETURN v_n;
END
$$;
REVOKE EXECUTE ON FUNCTION rs_sessions_lost(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rs_sessions_lost(text) TO rashin_app;
