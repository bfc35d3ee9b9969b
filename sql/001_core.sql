-- rashin 001: roles, identity functions, version and audit machinery.
-- Applied by `rashin migrate` in one transaction as the owner role.

DO $$
BEGIN
	IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rashin_app') THEN
		CREATE ROLE rashin_app LOGIN;
	END IF;
END
$$;

REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO rashin_app;

-- The acting staff member, set per transaction by the application:
--   SELECT set_config('rashin.staff_id', $1, true)
CREATE FUNCTION rs_staff_id() RETURNS int
	LANGUAGE sql STABLE
	AS $$ SELECT nullif(current_setting('rashin.staff_id', true), '')::int $$;

-- Audit log: append-only for the application, hash-chained.
CREATE TABLE audit_log (
	id		bigserial PRIMARY KEY,
	at		timestamptz NOT NULL DEFAULT clock_timestamp(),
	staff_id	int,
	tbl		text NOT NULL,
	key		text NOT NULL,
	action		text NOT NULL CHECK (action IN ('INSERT', 'UPDATE', 'DELETE',
				'LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'EVENT')),
	before		jsonb,
	after		jsonb,
	prev_hash	text NOT NULL,
	hash		text NOT NULL
);
CREATE INDEX audit_log_staff ON audit_log (staff_id, id);
CREATE INDEX audit_log_tbl ON audit_log (tbl, key, id);
CREATE INDEX audit_log_at ON audit_log (at);

-- The text each entry's hash covers; `rashin audit verify` rebuilds it in C from
-- the same columns (see backend/audit.c), so this function is documentation, not trust.
CREATE FUNCTION rs_audit_content(p_id bigint, p_at timestamptz, p_staff int, p_tbl text,
	p_key text, p_action text, p_before jsonb, p_after jsonb) RETURNS text
	LANGUAGE sql IMMUTABLE
	AS $$
	SELECT concat_ws('|', p_id::text,
		to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
		coalesce(p_staff::text, ''), p_tbl, p_key, p_action,
		coalesce(p_before::text, ''), coalesce(p_after::text, ''))
	$$;

CREATE FUNCTION rs_audit_append(p_staff int, p_tbl text, p_key text, p_action text,
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
	INSERT INTO audit_log (id, at, staff_id, tbl, key, action, before, after, prev_hash, hash)
		VALUES (v_id, v_at, p_staff, p_tbl, p_key, p_action, p_before, p_after, v_prev, v_hash);
	RETURN v_id;
END
$$;

-- Row trigger: audit every change and NOTIFY listeners with "table:key".
-- Trigger arguments name the key columns (default: id).
CREATE FUNCTION rs_audit() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
DECLARE
	v_row	jsonb;
	v_key	text := '';
	v_col	text;
	i	int;
BEGIN
	v_row := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
	IF TG_NARGS = 0 THEN
		v_key := v_row ->> 'id';
	ELSE
		FOR i IN 0 .. TG_NARGS - 1 LOOP
			v_col := TG_ARGV[i];
			v_key := v_key || CASE WHEN i > 0 THEN ',' ELSE '' END || coalesce(v_row ->> v_col, '');
		END LOOP;
	END IF;
	PERFORM rs_audit_append(rs_staff_id(), TG_TABLE_NAME, v_key, TG_OP,
		CASE WHEN TG_OP = 'INSERT' THEN NULL ELSE to_jsonb(OLD) END,
		CASE WHEN TG_OP = 'DELETE' THEN NULL ELSE to_jsonb(NEW) END);
	PERFORM pg_notify('rashin', TG_TABLE_NAME || ':' || v_key);
	RETURN NULL;
END
$$;

-- Optimistic locking: a save carries the version it read; the database bumps it.
-- A save with another version is refused with SQLSTATE RS001.
CREATE FUNCTION rs_version() RETURNS trigger
	LANGUAGE plpgsql
	AS $$
BEGIN
	IF NEW.version IS DISTINCT FROM OLD.version THEN
		RAISE EXCEPTION 'stale version: % row % was changed by someone else (version % now, % read)',
			TG_TABLE_NAME, coalesce(to_jsonb(OLD) ->> 'id', '?'), OLD.version, NEW.version
			USING ERRCODE = 'RS001';
	END IF;
	NEW.version := OLD.version + 1;
	RETURN NEW;
END
$$;

-- Application-level events (logins, exports) go into the same chain.
CREATE FUNCTION rs_event(p_action text, p_tbl text, p_key text, p_detail jsonb) RETURNS bigint
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF p_action NOT IN ('LOGIN', 'LOGIN_FAILED', 'LOGOUT', 'EVENT') THEN
		RAISE EXCEPTION 'rs_event: action % not allowed', p_action;
	END IF;
	RETURN rs_audit_append(rs_staff_id(), p_tbl, p_key, p_action, NULL, p_detail);
END
$$;
GRANT EXECUTE ON FUNCTION rs_event(text, text, text, jsonb) TO rashin_app;
REVOKE EXECUTE ON FUNCTION rs_audit_append(int, text, text, text, jsonb, jsonb) FROM PUBLIC;
