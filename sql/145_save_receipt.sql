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

-- Filled as each entry is appended (rs_audit_append's INSERT), from the transaction's
-- setting: "" or unset (a migration, psql) leaves it NULL.
CREATE FUNCTION rs_audit_save_token() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	NEW.save_token := nullif(current_setting('rashin.save', true), '');
	RETURN NEW;
END
$$;
CREATE TRIGGER audit_log_save_token BEFORE INSERT ON audit_log
	FOR EACH ROW EXECUTE FUNCTION rs_audit_save_token();

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
