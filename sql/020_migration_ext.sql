-- rashin 020: the migration tracker's write rule in one place. rs_mig_writable(system)
-- is what the policies on mig_system, mig_status, mig_risk and mig_risk_comment use, and
-- what screens ask to show a row as read-only before anyone tries (the same expression,
-- so the two cannot drift). Admins write every system; a lead only their department's.

CREATE FUNCTION rs_mig_writable(p_system int) RETURNS boolean
	LANGUAGE sql STABLE SET search_path = public, pg_temp
	AS $$ SELECT rs_is('admin') OR (rs_is('lead') AND rs_my_system(p_system)) $$;
GRANT EXECUTE ON FUNCTION rs_mig_writable(int) TO rashin_app;

ALTER POLICY mig_system_ins ON mig_system WITH CHECK (rs_mig_writable(id));
ALTER POLICY mig_system_upd ON mig_system USING (rs_mig_writable(id)) WITH CHECK (rs_mig_writable(id));
ALTER POLICY mig_status_ins ON mig_status WITH CHECK (rs_mig_writable(system_id));
ALTER POLICY mig_status_upd ON mig_status USING (rs_mig_writable(system_id))
	WITH CHECK (rs_mig_writable(system_id));
ALTER POLICY mig_risk_ins ON mig_risk WITH CHECK (rs_mig_writable(system_id));
ALTER POLICY mig_risk_upd ON mig_risk USING (rs_mig_writable(system_id))
	WITH CHECK (rs_mig_writable(system_id));
ALTER POLICY mig_risk_comment_ins ON mig_risk_comment
	WITH CHECK (rs_mig_writable((SELECT system_id FROM mig_risk WHERE mig_risk.id = risk_id)));

-- The status history is what people report on: keep it append-only for everyone but
-- the trigger that writes it (no UPDATE/DELETE grant exists; say so explicitly).
REVOKE UPDATE, DELETE, TRUNCATE ON mig_status_history FROM rashin_app;
CREATE INDEX mig_status_history_step ON mig_status_history (system_id, step_id, changed_at);
