-- rashin 080: the identity functions behind every row-level security policy, in PL/pgSQL.
-- As LANGUAGE sql functions with SECURITY DEFINER / SET they are never inlined, and
-- PostgreSQL plans a SQL function's body again at every call site of every statement
-- (its plan lives only as long as the statement): the dashboard's seven statements
-- spent ~0.35 ms per policy InitPlan planning "SELECT role FROM staff ...", 2-3 ms each.
-- PL/pgSQL keeps each body's plan for the session. Same rules, same results; measured in
-- bench/README.md.

CREATE OR REPLACE FUNCTION rs_role() RETURNS text
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN RETURN (SELECT role FROM staff WHERE id = rs_staff_id() AND active); END $$;

CREATE OR REPLACE FUNCTION rs_dept() RETURNS int
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN RETURN (SELECT dept_id FROM staff WHERE id = rs_staff_id() AND active); END $$;

CREATE OR REPLACE FUNCTION rs_is(VARIADIC p_roles text[]) RETURNS boolean
	LANGUAGE plpgsql STABLE
	AS $$ BEGIN RETURN coalesce(rs_role() = ANY (p_roles), false); END $$;

CREATE OR REPLACE FUNCTION rs_same_dept(p_staff int) RETURNS boolean
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN RETURN EXISTS (SELECT 1 FROM staff WHERE id = p_staff AND dept_id = rs_dept()); END $$;

CREATE OR REPLACE FUNCTION rs_my_measure(p_measure int) RETURNS boolean
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN
		RETURN EXISTS (SELECT 1 FROM measure_dept WHERE measure_id = p_measure AND dept_id = rs_dept());
	END $$;

CREATE OR REPLACE FUNCTION rs_my_system(p_system int) RETURNS boolean
	LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
	AS $$ BEGIN
		RETURN EXISTS (SELECT 1 FROM mig_system WHERE id = p_system AND dept_id = rs_dept());
	END $$;

CREATE OR REPLACE FUNCTION rs_mig_writable(p_system int) RETURNS boolean
	LANGUAGE plpgsql STABLE SET search_path = public, pg_temp
	AS $$ BEGIN RETURN rs_is('admin') OR (rs_is('lead') AND rs_my_system(p_system)); END $$;
