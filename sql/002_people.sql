-- rashin 002: departments, staff, roles, SSH keys; identity functions used by every policy.

CREATE TABLE department (
	id		serial PRIMARY KEY,
	parent_id	int REFERENCES department (id),
	code		text UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	kana		text CHECK (kana IS NULL OR length(kana) <= 200),
	is_it		boolean NOT NULL DEFAULT false,		-- 情報主管部門
	active		boolean NOT NULL DEFAULT true,
	version		int NOT NULL DEFAULT 1,
	CHECK (parent_id IS DISTINCT FROM id)
);
CREATE UNIQUE INDEX department_name ON department (coalesce(parent_id, 0), name);

CREATE TABLE staff (
	id		serial PRIMARY KEY,
	login		text NOT NULL UNIQUE CHECK (login ~ '^[a-z][a-z0-9_.-]{1,31}$'),
	name		text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
	kana		text NOT NULL CHECK (kana ~ '^[ぁ-ゖァ-ヺー・ 　]{1,100}$'),
	dept_id		int NOT NULL REFERENCES department (id),
	role		text NOT NULL CHECK (role IN ('admin', 'lead', 'trainer', 'auditor', 'readonly')),
	is_manager	boolean NOT NULL DEFAULT false,		-- 部課長級
	lang		text CHECK (lang IN ('ja', 'en')),
	active		boolean NOT NULL DEFAULT true,
	created_at	timestamptz NOT NULL DEFAULT now(),
	version		int NOT NULL DEFAULT 1
);
CREATE INDEX staff_dept ON staff (dept_id);
CREATE INDEX staff_kana ON staff (kana COLLATE "ja-x-icu", id);

-- Who was in which department when.
CREATE TABLE staff_dept_history (
	id		serial PRIMARY KEY,
	staff_id	int NOT NULL REFERENCES staff (id),
	dept_id		int NOT NULL REFERENCES department (id),
	from_at		timestamptz NOT NULL DEFAULT now(),
	to_at		timestamptz,
	CHECK (to_at IS NULL OR to_at >= from_at)
);

CREATE TABLE ssh_key (
	id		serial PRIMARY KEY,
	staff_id	int NOT NULL REFERENCES staff (id),
	key_type	text NOT NULL CHECK (key_type IN ('ssh-ed25519', 'ecdsa-sha2-nistp256',
				'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'ssh-rsa')),
	key_b64		text NOT NULL CHECK (key_b64 ~ '^[A-Za-z0-9+/]+={0,2}$' AND length(key_b64) <= 8192),
	fingerprint	text NOT NULL UNIQUE CHECK (fingerprint ~ '^SHA256:[A-Za-z0-9+/]{43}$'),
	bits		int CHECK (bits > 0),
	comment		text NOT NULL DEFAULT '' CHECK (length(comment) <= 200),
	added_by	int REFERENCES staff (id),
	added_at	timestamptz NOT NULL DEFAULT now(),
	last_used	timestamptz,
	revoked_at	timestamptz,
	revoked_by	int REFERENCES staff (id),
	revoke_reason	text,
	version		int NOT NULL DEFAULT 1,
	CHECK (key_type <> 'ssh-rsa' OR bits >= 3072),
	CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX ssh_key_staff ON ssh_key (staff_id);

-- The acting staff member's role and department (NULL when none or inactive).
CREATE FUNCTION rs_role() RETURNS text
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT role FROM staff WHERE id = rs_staff_id() AND active $$;
CREATE FUNCTION rs_dept() RETURNS int
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT dept_id FROM staff WHERE id = rs_staff_id() AND active $$;
CREATE FUNCTION rs_is(VARIADIC p_roles text[]) RETURNS boolean
	LANGUAGE sql STABLE
	AS $$ SELECT coalesce(rs_role() = ANY (p_roles), false) $$;
-- Is staff member p_staff in the acting member's department?
CREATE FUNCTION rs_same_dept(p_staff int) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT EXISTS (SELECT 1 FROM staff WHERE id = p_staff AND dept_id = rs_dept()) $$;
GRANT EXECUTE ON FUNCTION rs_staff_id(), rs_role(), rs_dept(), rs_is(text[]), rs_same_dept(int) TO rashin_app;

-- Login: the only way to look a key up without an identity. Returns the staff member
-- only for an active member's unrevoked key, and records its use.
CREATE FUNCTION rs_auth_key(p_login text, p_type text, p_b64 text)
	RETURNS TABLE (staff_id int, login text, name text, role text, dept_id int,
		dept_name text, lang text, fingerprint text)
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	RETURN QUERY
	UPDATE ssh_key k SET last_used = now()
		FROM staff s JOIN department d ON d.id = s.dept_id
		WHERE s.login = p_login AND s.active AND k.staff_id = s.id
		  AND k.key_type = p_type AND k.key_b64 = p_b64 AND k.revoked_at IS NULL
		RETURNING s.id, s.login, s.name, s.role, s.dept_id, d.name, s.lang, k.fingerprint;
END
$$;
GRANT EXECUTE ON FUNCTION rs_auth_key(text, text, text) TO rashin_app;

-- Look a login up for `rashin tui --as LOGIN` (local, trusted by the operating system).
CREATE FUNCTION rs_identity(p_login text)
	RETURNS TABLE (staff_id int, login text, name text, role text, dept_id int,
		dept_name text, lang text)
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
	SELECT s.id, s.login, s.name, s.role, s.dept_id, d.name, s.lang
	FROM staff s JOIN department d ON d.id = s.dept_id
	WHERE s.login = p_login AND s.active
	$$;
GRANT EXECUTE ON FUNCTION rs_identity(text) TO rashin_app;

-- Deactivation ends access in the same transaction: keys revoked (VDI in 004),
-- department history closed. The last active admin cannot be removed.
CREATE FUNCTION rs_staff_guard() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.role = 'admin' AND OLD.active
	   AND (NOT NEW.active OR NEW.role <> 'admin')
	   AND NOT EXISTS (SELECT 1 FROM staff WHERE role = 'admin' AND active AND id <> OLD.id) THEN
		RAISE EXCEPTION 'staff %: the last active admin cannot be removed', OLD.login
			USING ERRCODE = 'RS002';
	END IF;
	IF TG_OP = 'UPDATE' AND NEW.role <> OLD.role AND NOT rs_is('admin')
	   AND rs_staff_id() IS NOT NULL THEN
		RAISE EXCEPTION 'staff %: only an admin may change roles', OLD.login
			USING ERRCODE = '42501';
	END IF;
	RETURN NEW;
END
$$;

CREATE FUNCTION rs_staff_after() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO staff_dept_history (staff_id, dept_id) VALUES (NEW.id, NEW.dept_id);
		RETURN NULL;
	END IF;
	IF NEW.dept_id <> OLD.dept_id THEN
		UPDATE staff_dept_history SET to_at = now() WHERE staff_id = NEW.id AND to_at IS NULL;
		INSERT INTO staff_dept_history (staff_id, dept_id) VALUES (NEW.id, NEW.dept_id);
	END IF;
	IF OLD.active AND NOT NEW.active THEN
		UPDATE ssh_key SET revoked_at = now(), revoked_by = rs_staff_id(),
			revoke_reason = 'staff deactivated'
			WHERE staff_id = NEW.id AND revoked_at IS NULL;
		UPDATE staff_dept_history SET to_at = now() WHERE staff_id = NEW.id AND to_at IS NULL;
		PERFORM pg_notify('rashin_staff', NEW.id::text);
	END IF;
	RETURN NULL;
END
$$;

CREATE TRIGGER staff_guard BEFORE UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION rs_staff_guard();
CREATE TRIGGER staff_after AFTER INSERT OR UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION rs_staff_after();
