-- A save's receipt (issue 27): every transaction rashin opens sets rashin.save to a random
-- token of its own (backend/store/db.c, with the identity), and each audit entry it
-- appends records it. When the connection breaks after a COMMIT was sent (a failover, a
-- restart) the session cannot know from the connection whether the save was done; it
-- reconnects and asks rs_save_done(token): an audit entry with the token means the
-- transaction committed (on the node that now takes writes), none means it did not. So a
-- save is reported done once or not done, never left a guess. The token is not part of an
-- entry's hash (rs_audit_content): it proves nothing about the chain, only which
-- transaction wrote the entry.
ALTER TABLE audit_log ADD COLUMN save_token text;

CREATE OR REPLACE FUNCTION rs_audit_append(p_staff int, p_tbl text, p_key text, p_action text,
	p_before jsonb, p_after jsonb) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_id	bigint;
	v_at	timestamptz := clock_timestamp();
	v_prev	text;
	v_hash	text;
BEGIN
	-- One writer at a time, so the chain never forks.
	PERFORM pg_advisory_xact_lock(7261736869);
	SELECT hash INTO v_prev FROM audit_log ORDER BY id DESC LIMIT 1;
	v_prev := coalesce(v_prev, repeat('0', 64));
	v_id := nextval('audit_log_id_seq');
	v_hash := encode(sha256(convert_to(v_prev || '|' || rs_audit_content(v_id, v_at,
		p_staff, p_tbl, p_key, p_action, p_before, p_after), 'UTF8')), 'hex');
	INSERT INTO audit_log (id, at, staff_id, tbl, key, action, before, after, prev_hash, hash,
		save_token)
		VALUES (v_id, v_at, p_staff, p_tbl, p_key, p_action, p_before, p_after, v_prev, v_hash,
		nullif(current_setting('rashin.save', true), ''));
	RETURN v_id;
END
$$;

-- Did the transaction with this token commit? Its entries are the last hour's (the
-- audit_log_at index finds them; a session asks within seconds of losing its connection).
-- A token is 128 random bits known only to the session that made it.
CREATE FUNCTION rs_save_done(p_token text) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	SELECT EXISTS (SELECT 1 FROM audit_log
		WHERE at > now() - interval '1 hour' AND save_token = p_token)
	$$;
REVOKE EXECUTE ON FUNCTION rs_save_done(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION rs_save_done(text) TO rashin_app;
