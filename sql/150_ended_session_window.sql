-- rashin 150: a session ended by someone else (a revoked or removed key, a deactivated
-- member: sql/147) is still its member's for rs_event only for ten minutes after its end:
-- long enough for its process to notice (its next statement fails with RS701, the console
-- checks its key within seconds) and record its logout with the member, and no longer a
-- way for a process that kept the secret to write audit events in the member's name for
-- ever (found in review). After the window it counts for no one, as a logged-out or an
-- expired session does. The body is 147's but for the window.

CREATE OR REPLACE FUNCTION rs_session_member() RETURNS int
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
		  AND ((closed_at IS NULL AND expires_at > now()) OR
		       (ended_reason IS NOT NULL AND closed_at > now() - interval '10 minutes')));
END
$$;
