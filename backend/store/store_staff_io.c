/*
 * store_staff_io — the statements behind `staff`, `depts` and `keys` (see the header).
 */
#include "backend/store/store_staff_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_rc.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"

/* A write returning a row per change: none is STORE_NOT_FOUND. what: the row's name for
 * a refusal's reason ("what: already exists"). */
static int
io_rc(const char *state, PGresult *res, const char *what, char **cause)
{
	int	 n;

	if (res == NULL)
		return store_rc_of(state, NULL, what, cause);
	n = PQntuples(res);
	PQclear(res);
	return n > 0 ? STORE_OK : STORE_NOT_FOUND;
}

static const char sql_staff_list[] =
	"SELECT s.login, s.name, s.kana, d.name, s.role, CASE WHEN s.is_manager THEN 'yes' ELSE '' END, "
	"CASE WHEN s.active THEN 'yes' ELSE 'no' END "
	"FROM staff s JOIN department d ON d.id = s.dept_id "
	"WHERE ($1 = '' OR d.code = $1) AND ($2 = '' OR s.role = $2) AND (s.active OR $3 = 'all') "
	"AND ($4 = '' OR s.login LIKE $4 || '%' OR s.kana LIKE '%' || $4 || '%' OR s.name LIKE '%' || $4 || '%') "
	"ORDER BY s.kana COLLATE \"ja-x-icu\", s.id";

int
store_staff_list(struct db *db, const char *dept, const char *role, int all, const char *text,
    struct grid *g, char **cause)
{
	const char	*p[4] = { dept, role, all ? "all" : "", text };

	return db_grid(db, sql_staff_list, 4, p, g, NULL, cause);
}

int
store_staff_show(struct db *db, const char *login, struct grid *g, char **cause)
{
	const char	*p[1] = { login };

	return db_grid(db, "SELECT s.login, s.name, s.kana, d.name, s.role, s.active, "
	    "(SELECT count(*) FROM ssh_key k WHERE k.staff_id = s.id AND k.revoked_at IS NULL) "
	    "FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.login = $1", 1, p, g,
	    NULL, cause);
}

int
store_staff_history(struct db *db, const char *login, struct grid *g, char **cause)
{
	const char	*p[1] = { login };

	return db_grid(db, "SELECT d.name, to_char(h.from_at, 'YYYY-MM-DD'), "
	    "coalesce(to_char(h.to_at, 'YYYY-MM-DD'), '') FROM staff_dept_history h "
	    "JOIN department d ON d.id = h.dept_id JOIN staff s ON s.id = h.staff_id "
	    "WHERE s.login = $1 ORDER BY h.from_at, h.id", 1, p, g, NULL, cause);
}

int
store_staff_export(struct db *db, struct store_export *x, char **cause)
{
	return store_export_run(db, STORE_EXPORT_CURSOR "SELECT s.login, s.name, s.kana, d.code, "
	    "s.role, CASE WHEN s.is_manager THEN 'yes' ELSE 'no' END FROM staff s "
	    "JOIN department d ON d.id = s.dept_id WHERE s.active ORDER BY s.kana COLLATE \"ja-x-icu\", s.id",
	    0, NULL, x, cause);
}

int
store_dept_list(struct db *db, struct grid *g, char **cause)
{
	return db_grid(db, "SELECT d.code, d.name, coalesce(p.name, ''), "
	    "CASE WHEN d.is_it THEN 'yes' ELSE '' END, "
	    "(SELECT count(*) FROM staff s WHERE s.dept_id = d.id AND s.active) "
	    "FROM department d LEFT JOIN department p ON p.id = d.parent_id "
	    "WHERE d.active ORDER BY coalesce(d.parent_id, d.id), d.parent_id NULLS FIRST, d.id",
	    0, NULL, g, NULL, cause);
}

int
store_dept_codes(struct db *db, struct grid *g, char **cause)
{
	return db_grid(db, "SELECT code FROM department WHERE active AND code IS NOT NULL",
	    0, NULL, g, NULL, cause);
}

int
store_keys_list(struct db *db, const char *login, struct grid *g, char **cause)
{
	const char	*p[1] = { login };

	return db_grid(db, "SELECT s.login, k.key_type, k.fingerprint, k.comment, "
	    "to_char(k.added_at, 'YYYY-MM-DD HH24:MI'), to_char(k.last_used, 'YYYY-MM-DD HH24:MI'), "
	    "to_char(k.revoked_at, 'YYYY-MM-DD HH24:MI') "
	    "FROM ssh_key k JOIN staff s ON s.id = k.staff_id "
	    "WHERE $1 = '' OR s.login = $1 ORDER BY s.login, k.id", 1, p, g, NULL, cause);
}

int
store_staff_id_login(struct db *db, const char *login, int *id, char **cause)
{
	const char	*p[1] = { login };
	PGresult	*res;
	int		 found;

	res = db_query(db, "SELECT id FROM staff WHERE login = $1", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	found = PQntuples(res) == 1;
	*id = found ? db_int(res, 0, 0) : -1;
	PQclear(res);
	return found ? 0 : 1;
}

int
store_staff_get_login(struct db *db, const char *login, struct staff_rec *r, char **cause)
{
	int	 id, rc;

	if ((rc = store_staff_id_login(db, login, &id, cause)) != 0)
		return rc;
	return store_staff_get(db, id, r, cause);
}

int
store_dept_id_code(struct db *db, const char *code, int *id, char **cause)
{
	const char	*p[1] = { code };
	PGresult	*res;
	int		 rc;

	res = db_query(db, "SELECT id FROM department WHERE code = $1", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	rc = PQntuples(res) == 1 ? 0 : 1;
	*id = rc == 0 ? db_int(res, 0, 0) : 0;
	PQclear(res);
	return rc;
}

int
store_staff_add(struct db *db, const char *login, const char *name, const char *kana,
    const char *dept_code, const char *role, int is_manager, char **cause)
{
	const char	*p[6] = { login, name, kana, dept_code, role, is_manager ? "true" : "false" };
	char		 state[6] = "";

	return io_rc(state, db_query(db, "INSERT INTO staff (login, name, kana, dept_id, role, "
	    "is_manager) SELECT $1, $2, $3, d.id, $5, $6::boolean FROM department d "
	    "WHERE d.code = $4 RETURNING id", 6, p, state, cause), login, cause);
}

static const char sql_upsert[] =
	"INSERT INTO staff (login, name, kana, dept_id, role, is_manager) "
	"SELECT $1, $2, $3, d.id, $5, $6::boolean FROM department d WHERE d.code = $4 "
	"ON CONFLICT (login) DO UPDATE SET name = EXCLUDED.name, kana = EXCLUDED.kana, "
	"dept_id = EXCLUDED.dept_id, role = EXCLUDED.role, is_manager = EXCLUDED.is_manager "
	"WHERE (staff.name, staff.kana, staff.dept_id, staff.role, staff.is_manager) IS DISTINCT FROM "
	"(EXCLUDED.name, EXCLUDED.kana, EXCLUDED.dept_id, EXCLUDED.role, EXCLUDED.is_manager) "
	"RETURNING (xmax = 0)";

int
store_staff_upsert(struct db *db, const char *login, const char *name, const char *kana,
    const char *dept_code, const char *role, int is_manager, int *what, char **cause)
{
	const char	*p[6] = { login, name, kana, dept_code, role, is_manager ? "true" : "false" };
	char		 state[6] = "";
	PGresult	*res;

	*what = 0;
	if ((res = db_query(db, sql_upsert, 6, p, state, cause)) == NULL)
		return store_rc_of(state, NULL, login, cause);
	if (PQntuples(res) > 0)
		*what = strcmp(db_str(res, 0, 0), "t") == 0 ? 1 : 2;
	PQclear(res);
	return STORE_OK;
}

int
store_dept_add(struct db *db, const char *code, const char *name, const char *parent_code,
    char **cause)
{
	const char	*p[3] = { code, name, parent_code };
	char		 state[6] = "";

	return io_rc(state, db_query(db, "INSERT INTO department (code, name, parent_id) "
	    "SELECT $1, $2, (SELECT id FROM department WHERE code = nullif($3, '')) "
	    "WHERE $3 = '' OR EXISTS (SELECT 1 FROM department WHERE code = $3) RETURNING id",
	    3, p, state, cause), code, cause);
}

int
store_key_add_login(struct db *db, const char *login, const char *type, const char *b64,
    const char *fingerprint, int bits, const char *comment, char **cause)
{
	char		 b[16], state[6] = "";
	const char	*p[6] = { login, type, b64, fingerprint, b, comment };

	int		 rc;

	snprintf(b, sizeof b, "%d", bits);
	rc = io_rc(state, db_query(db, "INSERT INTO ssh_key (staff_id, key_type, key_b64, "
	    "fingerprint, bits, comment, added_by) SELECT id, $2, $3, $4, $5::int, $6, "
	    "rs_staff_id() FROM staff WHERE login = $1 AND active RETURNING id", 6, p, state,
	    cause), fingerprint, cause);
	/* the two refusals a key meets, each said for keys */
	if (rc == STORE_REFUSED && cause != NULL && outcome_is(state, DB_SQLSTATE_UNIQUE)) {
		free(*cause);
		*cause = NULL;
		set_cause(cause, "%s %s", fingerprint, _("is already registered"));
	} else if (rc == STORE_REFUSED && cause != NULL && outcome_is(state, DB_SQLSTATE_DENIED)) {
		free(*cause);
		*cause = NULL;
		set_cause(cause, "%s", _("permission denied: you may add keys only for yourself"));
	}
	return rc;
}

int
store_key_revoke_fp(struct db *db, const char *fingerprint, const char *reason, char **cause)
{
	const char	*p[2] = { fingerprint, reason };
	char		 state[6] = "";

	return io_rc(state, db_query(db, "UPDATE ssh_key SET revoked_at = now(), "
	    "revoked_by = rs_staff_id(), revoke_reason = $2 WHERE fingerprint = $1 AND "
	    "revoked_at IS NULL RETURNING id", 2, p, state, cause), fingerprint, cause);
}
