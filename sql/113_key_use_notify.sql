-- rashin 113: a login's key-use bookkeeping is notified as "ssh_key_used:ID".
-- Every console re-checks its session (an active member, an unrevoked key: two
-- statements, answered before its next key is handled) when "ssh_key:ID" names the key
-- it logged in with. The bookkeeping write of 090 (last_used, at most once a minute per
-- key) said "ssh_key:ID" too: with one key behind many sessions (a member's several
-- consoles; the load benchmark's 500, all the demo admin's) each such login made all of
-- them re-check at once, and the keys typed meanwhile waited behind two round trips each
-- (bench/README.md, session 7: the slow first keys at 500 sessions came in the runs where
-- that write fell in the last seconds of the login storm). A change of last_used alone
-- is audited as before (rs_audit_append: the same chain entry) but notified as
-- "ssh_key_used:ID", which the key lists read and the consoles do not; every other
-- change of a key (revoked, its comment) still says "ssh_key:ID".

CREATE FUNCTION rs_audit_key_use() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	PERFORM rs_audit_append(rs_staff_id(), TG_TABLE_NAME, NEW.id::text, TG_OP,
		to_jsonb(OLD), to_jsonb(NEW));
	PERFORM pg_notify('rashin', 'ssh_key_used:' || NEW.id);
	RETURN NULL;
END
$$;

-- last_used and the version its write bumps (rs_version) are the only columns changed
CREATE FUNCTION rs_key_use_only(p_old ssh_key, p_new ssh_key) RETURNS boolean
	LANGUAGE sql IMMUTABLE
	AS $$ SELECT (to_jsonb(p_old) - 'last_used' - 'version') = (to_jsonb(p_new) - 'last_used' - 'version') $$;

DROP TRIGGER ssh_key_audit ON ssh_key;
CREATE TRIGGER ssh_key_audit AFTER INSERT OR DELETE ON ssh_key
	FOR EACH ROW EXECUTE FUNCTION rs_audit();
CREATE TRIGGER ssh_key_audit_update AFTER UPDATE ON ssh_key
	FOR EACH ROW WHEN (NOT rs_key_use_only(OLD, NEW)) EXECUTE FUNCTION rs_audit();
CREATE TRIGGER ssh_key_audit_use AFTER UPDATE ON ssh_key
	FOR EACH ROW WHEN (rs_key_use_only(OLD, NEW)) EXECUTE FUNCTION rs_audit_key_use();
