-- rashin 005: secure-telework VDI accounts: requests, approvals, accounts, events.
-- request state: requested -> manager_approved -> approved | rejected | withdrawn
-- account state: active <-> suspended, -> expired, -> revoked

CREATE TABLE vdi_request (
	id		serial PRIMARY KEY,
	staff_id	int NOT NULL REFERENCES staff (id),
	requested_by	int REFERENCES staff (id),
	reason		text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	work_kinds	text NOT NULL CHECK (length(work_kinds) BETWEEN 1 AND 1000),
	no_personal_data boolean NOT NULL CHECK (no_personal_data),	-- 特定個人情報を扱わない旨の申告
	period_from	date NOT NULL,
	period_to	date NOT NULL,
	device_id	text NOT NULL DEFAULT '' CHECK (length(device_id) <= 64),
	manager_id	int REFERENCES staff (id),
	renews		int REFERENCES vdi_request (id),
	state		text NOT NULL DEFAULT 'requested' CHECK (state IN
				('requested', 'manager_approved', 'approved', 'rejected', 'withdrawn')),
	manager_by	int REFERENCES staff (id),
	manager_at	timestamptz,
	manager_comment	text,
	approved_by	int REFERENCES staff (id),
	approved_at	timestamptz,
	approve_comment	text,
	rejected_by	int REFERENCES staff (id),
	rejected_at	timestamptz,
	reject_reason	text,
	created_at	timestamptz NOT NULL DEFAULT now(),
	version		int NOT NULL DEFAULT 1,
	CHECK (period_to >= period_from),
	CHECK (state <> 'rejected' OR coalesce(reject_reason, '') <> '')
);

CREATE TABLE vdi_account (
	id		serial PRIMARY KEY,
	request_id	int NOT NULL UNIQUE REFERENCES vdi_request (id),
	staff_id	int NOT NULL REFERENCES staff (id),
	vdi_username	text NOT NULL UNIQUE CHECK (vdi_username ~ '^[A-Za-z0-9._-]{1,64}$'),
	pool		text NOT NULL CHECK (length(pool) BETWEEN 1 AND 64),
	valid_from	date NOT NULL,
	valid_to	date NOT NULL,
	state		text NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'suspended', 'expired', 'revoked')),
	state_reason	text,
	state_at	timestamptz NOT NULL DEFAULT now(),
	provisioned_by	int REFERENCES staff (id),
	provisioned_at	timestamptz NOT NULL DEFAULT now(),
	mfa_state	text NOT NULL DEFAULT 'none' CHECK (mfa_state IN ('none', 'pending', 'enrolled')),
	mfa_secret_enc	bytea,		-- encrypted with a key kept outside the database
	mfa_enrolled_at	timestamptz,
	version		int NOT NULL DEFAULT 1,
	CHECK (valid_to >= valid_from),
	CHECK (state IN ('active', 'expired') OR coalesce(state_reason, '') <> '')
);
CREATE INDEX vdi_account_expiry ON vdi_account (state, valid_to);

CREATE TABLE vdi_event (
	id		bigserial PRIMARY KEY,
	request_id	int REFERENCES vdi_request (id),
	account_id	int REFERENCES vdi_account (id),
	event		text NOT NULL CHECK (length(event) BETWEEN 1 AND 40),
	actor_id	int REFERENCES staff (id),
	at		timestamptz NOT NULL DEFAULT now(),
	detail		text NOT NULL DEFAULT '' CHECK (length(detail) <= 2000)
);

-- Deactivating a staff member revokes their VDI accounts in the same transaction.
CREATE FUNCTION rs_staff_vdi() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
	AS $$
BEGIN
	IF OLD.active AND NOT NEW.active THEN
		UPDATE vdi_account SET state = 'revoked', state_reason = 'staff deactivated', state_at = now()
			WHERE staff_id = NEW.id AND state IN ('active', 'suspended');
	END IF;
	RETURN NULL;
END
$$;
CREATE TRIGGER staff_vdi AFTER UPDATE ON staff FOR EACH ROW EXECUTE FUNCTION rs_staff_vdi();
