-- rashin 004: standardisation migration of the core business systems (基幹業務システム):
-- systems, procedure steps (data, editable), per-system step status with history, vendors,
-- and the issue/risk log (課題管理表).
-- step status: done 完了済み, doing 作業中, todo 未着手, na 対象外

CREATE TABLE vendor (
	id		serial PRIMARY KEY,
	name		text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
	contact		text NOT NULL DEFAULT '' CHECK (length(contact) <= 500),
	version		int NOT NULL DEFAULT 1
);

CREATE TABLE mig_system (
	id		serial PRIMARY KEY,
	seq		int NOT NULL UNIQUE CHECK (seq BETWEEN 1 AND 99),
	name		text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
	dept_id		int REFERENCES department (id),
	vendor_id	int REFERENCES vendor (id),
	product		text NOT NULL DEFAULT '' CHECK (length(product) <= 200),
	target_vendor_id int REFERENCES vendor (id),
	target_product	text NOT NULL DEFAULT '' CHECK (length(target_product) <= 200),
	hosting		text NOT NULL DEFAULT '' CHECK (length(hosting) <= 100),	-- ガバメントクラウド provider or オンプレミス
	planned_cutover	date,
	actual_cutover	date,
	special_support	boolean NOT NULL DEFAULT false,		-- 特定移行支援システム
	special_deadline date,
	special_reason	text,
	notes		text NOT NULL DEFAULT '' CHECK (length(notes) <= 8000),
	version		int NOT NULL DEFAULT 1,
	CHECK (NOT special_support OR (special_deadline IS NOT NULL AND coalesce(special_reason, '') <> ''))
);

CREATE TABLE mig_step (
	id		serial PRIMARY KEY,
	phase		text NOT NULL CHECK (length(phase) BETWEEN 1 AND 60),
	seq		int NOT NULL UNIQUE CHECK (seq BETWEEN 1 AND 999),
	name		text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
	retired		boolean NOT NULL DEFAULT false,
	version		int NOT NULL DEFAULT 1
);

CREATE TABLE mig_status (
	system_id	int NOT NULL REFERENCES mig_system (id),
	step_id		int NOT NULL REFERENCES mig_step (id),
	status		text NOT NULL DEFAULT 'todo' CHECK (status IN ('done', 'doing', 'todo', 'na')),
	planned_start	date,
	planned_end	date,
	actual_end	date,
	owner_id	int REFERENCES staff (id),
	note		text NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (system_id, step_id),
	CHECK (planned_end IS NULL OR planned_start IS NULL OR planned_end >= planned_start)
);

CREATE TABLE mig_status_history (
	id		bigserial PRIMARY KEY,
	system_id	int NOT NULL,
	step_id		int NOT NULL,
	old_status	text,
	new_status	text NOT NULL,
	changed_by	int,
	changed_at	timestamptz NOT NULL DEFAULT clock_timestamp(),
	note		text NOT NULL DEFAULT '',
	FOREIGN KEY (system_id, step_id) REFERENCES mig_status (system_id, step_id)
);
CREATE INDEX mig_status_history_sys ON mig_status_history (system_id, changed_at);

CREATE FUNCTION rs_mig_history() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'INSERT' OR NEW.status IS DISTINCT FROM OLD.status THEN
		INSERT INTO mig_status_history (system_id, step_id, old_status, new_status, changed_by, note)
		VALUES (NEW.system_id, NEW.step_id, CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END,
			NEW.status, rs_staff_id(), NEW.note);
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER mig_status_history AFTER INSERT OR UPDATE ON mig_status
	FOR EACH ROW EXECUTE FUNCTION rs_mig_history();

CREATE TABLE mig_risk (
	id		serial PRIMARY KEY,
	system_id	int NOT NULL REFERENCES mig_system (id),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	description	text NOT NULL DEFAULT '' CHECK (length(description) <= 8000),
	kind		text NOT NULL CHECK (kind IN ('issue', 'risk', 'question')),	-- 課題/リスク/質問
	impact		int NOT NULL DEFAULT 3 CHECK (impact BETWEEN 1 AND 5),
	likelihood	int NOT NULL DEFAULT 3 CHECK (likelihood BETWEEN 1 AND 5),
	owner_id	int REFERENCES staff (id),
	due		date,
	status		text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
	vendor_ref	text NOT NULL DEFAULT '' CHECK (length(vendor_ref) <= 200),
	step_id		int REFERENCES mig_step (id),
	created_by	int REFERENCES staff (id),
	created_at	timestamptz NOT NULL DEFAULT now(),
	version		int NOT NULL DEFAULT 1
);
CREATE INDEX mig_risk_open ON mig_risk (status, due, id);

CREATE TABLE mig_risk_comment (
	id		serial PRIMARY KEY,
	risk_id		int NOT NULL REFERENCES mig_risk (id),
	body		text NOT NULL CHECK (length(body) BETWEEN 1 AND 4000),
	author_id	int REFERENCES staff (id),
	created_at	timestamptz NOT NULL DEFAULT now()
);

-- Is the system one of the acting member's department's?
CREATE FUNCTION rs_my_system(p_system int) RETURNS boolean
	LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ SELECT EXISTS (SELECT 1 FROM mig_system WHERE id = p_system AND dept_id = rs_dept()) $$;
GRANT EXECUTE ON FUNCTION rs_my_system(int) TO rashin_app;
