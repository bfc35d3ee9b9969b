/*
 * store_vdi — SQL for telework VDI accounts. Every statement a constant string with $n
 * parameters; the database decides what is allowed (sql/030_vdi_ext.sql).
 */
#include "backend/store/store_vdi.h"
#include "backend/store/store_staff_io.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/store/outcome.h"
#include "backend/store/store_export.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

static const char *const states[] = { "requested", "manager_approved", "approved", "rejected",
	"withdrawn", "scheduled", "active", "suspended", "expired", "revoked" };

int
store_vdi_state_known(const char *s)
{
	size_t i;

	for (i = 0; i < nitems(states); i++)
		if (strcmp(s, states[i]) == 0)
			return 1;
	return 0;
}

/* vdi_account.vdi_username's CHECK (sql/005_vdi.sql), asked before the database is. */
static int
username_ok(const char *u)
{
	size_t n = strlen(u);

	return n >= 1 && n <= 64 && strspn(u, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
	    "0123456789._-") == n;
}

/*
 * An update touched no row: say whether the request is missing or out of reach
 * (STORE_NOT_FOUND), or there and not to be changed by this member (STORE_REFUSED).
 */
static int
not_changed(struct db *db, int id, const char *what, char **cause)
{
	char ids[16];
	const char *p[1] = { ids };
	PGresult *res;
	int seen;

	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT 1 FROM vdi_request WHERE id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return STORE_FAILED;
	seen = PQntuples(res) > 0;
	PQclear(res);
	if (!seen) {
		set_cause(cause, "%s %d: %s", _("VDI request"), id,
		    _("no such request, or not one you may see"));
		return STORE_NOT_FOUND;
	}
	set_cause(cause, "%s %d: %s", _("VDI request"), id, what);
	return STORE_REFUSED;
}

int
store_vdi_list(struct db *db, const char *state, const char *today, int expiring_days,
    struct vdi_list *l, char **cause)
{
	char days[16];
	const char *p[3] = { state, today, days };
	PGresult *res;
	struct vdi_row *r;
	int i;

	memset(l, 0, sizeof *l);
	snprintf(days, sizeof days, "%d", expiring_days);
	res = db_query(db,
	    "SELECT r.id, s.login, s.name, coalesce(rs_vdi_state(a.state, a.valid_from, a.valid_to, "
	    "coalesce($2::date, rs_today())), r.state), "
	    "coalesce(a.valid_from, r.period_from)::text, coalesce(a.valid_to, r.period_to)::text, "
	    "CASE WHEN a.state IN ('active', 'suspended') "
	    "THEN a.valid_to - coalesce($2::date, rs_today()) END, "
	    "coalesce(a.mfa_state, ''), coalesce(a.vdi_username, ''), coalesce(a.pool, ''), "
	    "r.device_id, coalesce(m.login, ''), "
	    "coalesce(CASE WHEN r.state = 'rejected' THEN r.reject_reason END, a.state_reason, '') "
	    "FROM vdi_request r JOIN staff s ON s.id = r.staff_id "
	    "LEFT JOIN vdi_account a ON a.request_id = r.id "
	    "LEFT JOIN staff m ON m.id = r.manager_id "
	    "WHERE ($1 = '' OR coalesce(rs_vdi_state(a.state, a.valid_from, a.valid_to, "
	    "coalesce($2::date, rs_today())), r.state) = $1) "
	    "AND ($3::int < 0 OR (a.state = 'active' "
	    "AND a.valid_to BETWEEN coalesce($2::date, rs_today()) "
	    "AND coalesce($2::date, rs_today()) + $3::int)) "
	    "ORDER BY CASE WHEN $3::int >= 0 THEN a.valid_to END, r.id", 3, p, NULL, cause);
	if (res == NULL)
		return -1;
	l->n = PQntuples(res);
	l->rows = xcalloc((size_t)l->n + 1, sizeof *l->rows);
	for (i = 0; i < l->n; i++) {
		r = &l->rows[i];
		r->id = db_int(res, i, 0);
		r->login = xstrdup(db_str(res, i, 1));
		r->name = xstrdup(db_str(res, i, 2));
		r->state = xstrdup(db_str(res, i, 3));
		r->period_from = xstrdup(db_str(res, i, 4));
		r->period_to = xstrdup(db_str(res, i, 5));
		r->has_days = !db_isnull(res, i, 6);
		r->days_left = db_int(res, i, 6);
		r->mfa = xstrdup(db_str(res, i, 7));
		r->username = xstrdup(db_str(res, i, 8));
		r->pool = xstrdup(db_str(res, i, 9));
		r->device = xstrdup(db_str(res, i, 10));
		r->manager = xstrdup(db_str(res, i, 11));
		r->note = xstrdup(db_str(res, i, 12));
	}
	PQclear(res);
	return 0;
}

void
store_vdi_list_free(struct vdi_list *l)
{
	int i;

	for (i = 0; i < l->n; i++) {
		free(l->rows[i].login);
		free(l->rows[i].name);
		free(l->rows[i].state);
		free(l->rows[i].period_from);
		free(l->rows[i].period_to);
		free(l->rows[i].mfa);
		free(l->rows[i].username);
		free(l->rows[i].pool);
		free(l->rows[i].device);
		free(l->rows[i].manager);
		free(l->rows[i].note);
	}
	free(l->rows);
	memset(l, 0, sizeof *l);
}

/* The id of an existing staff member by login; -1 with *cause when there is none. */
static int
staff_id(struct db *db, const char *login, char **cause)
{
	int	 id, rc = store_staff_id_login(db, login, &id, cause);

	if (rc == 1)
		set_cause(cause, "%s: %s", login, _("no such staff member"));
	return rc == 0 ? id : -1;
}

enum store_rc
store_vdi_request(struct db *db, const struct vdi_request_in *in, int *id, char **cause)
{
	char maxs[16], staffs[16], mgrs[16], renews[16], state[6] = "";
	const char *p[9];
	PGresult *res;
	int sid = 0, mid = 0;

	if (in->login != NULL && (sid = staff_id(db, in->login, cause)) < 0)
		return STORE_NOT_FOUND;
	if (in->manager != NULL && (mid = staff_id(db, in->manager, cause)) < 0)
		return STORE_NOT_FOUND;
	snprintf(maxs, sizeof maxs, "%d", in->max_days);
	snprintf(staffs, sizeof staffs, "%d", sid);
	snprintf(mgrs, sizeof mgrs, "%d", mid);
	snprintf(renews, sizeof renews, "%d", in->renews);
	p[0] = staffs;
	p[1] = in->reason;
	p[2] = in->work;
	p[3] = in->declared ? "true" : "false";
	p[4] = in->from;
	p[5] = in->to;
	p[6] = in->device != NULL ? in->device : "";
	p[7] = mgrs;
	p[8] = renews;
	if (db_begin(db, cause) != 0)
		return STORE_FAILED;
	/* The period limit is checked by the database, with the configured maximum. */
	if (db_exec(db, "SELECT set_config('rashin.vdi_max_days', $1, true)", 1,
	    (const char *const[]){ maxs }, NULL, cause) != 0)
		goto fail;
	res = db_query(db,
	    "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, "
	    "period_to, device_id, manager_id, renews) VALUES "
	    "(CASE WHEN $1::int = 0 THEN rs_staff_id() ELSE $1::int END, $2, $3, $4::boolean, "
	    "$5::date, $6::date, $7, nullif($8::int, 0), nullif($9::int, 0)) RETURNING id",
	    9, p, state, cause);
	if (res == NULL)	/* *cause: the rule refused, said by its code (db.c) */
		goto fail;
	*id = db_int(res, 0, 0);
	PQclear(res);
	return db_commit(db, cause) == 0 ? STORE_OK : STORE_FAILED;
fail:
	db_rollback(db);
	return state[0] != '\0' ? outcome_of(state) : STORE_FAILED;
}

/* Run a one-row transition UPDATE with params ($1 = the request id). */
static int
transition(struct db *db, int id, const char *sql, int n, const char **p, const char *why,
    char **cause)
{
	char ids[16], state[6] = "";
	PGresult *res;
	int rows;

	snprintf(ids, sizeof ids, "%d", id);
	p[0] = ids;
	if ((res = db_query(db, sql, n, p, state, cause)) == NULL)
		return outcome_of(state);	/* *cause said by the refusal's code (db.c) */
	rows = PQntuples(res);
	PQclear(res);
	if (rows == 0)
		return not_changed(db, id, why, cause);
	return STORE_OK;
}

enum store_rc
store_vdi_approve(struct db *db, int id, int manager_step, const char *comment, char **cause)
{
	const char *p[2] = { NULL, comment };

	if (manager_step)
		return transition(db, id, "UPDATE vdi_request SET state = 'manager_approved', "
		    "manager_at = NULL, manager_comment = nullif($2, '') WHERE id = $1::int RETURNING id", 2, p,
		    _("permission denied: only IT staff (role admin) may record approvals"), cause);
	return transition(db, id, "UPDATE vdi_request SET state = 'approved', "
	    "approved_at = NULL, approve_comment = nullif($2, '') WHERE id = $1::int RETURNING id", 2, p,
	    _("permission denied: only IT staff (role admin) may approve"), cause);
}

enum store_rc
store_vdi_reject(struct db *db, int id, const char *reason, char **cause)
{
	const char *p[2] = { NULL, reason };

	return transition(db, id, "UPDATE vdi_request SET state = 'rejected', reject_reason = $2 "
	    "WHERE id = $1::int RETURNING id", 2, p,
	    _("permission denied: only IT staff (role admin) may reject"), cause);
}

enum store_rc
store_vdi_provision(struct db *db, int id, const char *username, const char *pool, char **cause)
{
	char ids[16], state[6] = "";
	const char *p[3] = { ids, username, pool };
	PGresult *res;

	snprintf(ids, sizeof ids, "%d", id);
	if (!username_ok(username)) {
		set_cause(cause, "%s %s: %s", _("VDI username"), username,
		    _("use 1-64 of A-Z a-z 0-9 . _ -"));
		return STORE_REFUSED;
	}
	res = db_query(db, "INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, "
	    "valid_from, valid_to) SELECT r.id, r.staff_id, $2, $3, r.period_from, r.period_to "
	    "FROM vdi_request r WHERE r.id = $1::int RETURNING id", 3, p, state, cause);
	if (res == NULL) {
		if (outcome_is(state, DB_SQLSTATE_UNIQUE)) {
			free(*cause);
			set_cause(cause, "%s %s: %s", _("VDI username"), username,
			    _("is already in use"));
			return STORE_REFUSED;
		}
		return outcome_of(state);	/* *cause said by the refusal's code (db.c) */
	}
	if (PQntuples(res) == 0) {
		PQclear(res);
		return not_changed(db, id, _("permission denied"), cause);
	}
	PQclear(res);
	return STORE_OK;
}

enum store_rc
store_vdi_set_state(struct db *db, int id, const char *to, const char *reason, char **cause)
{
	const char *p[3] = { NULL, to, reason };
	char ids[16];
	PGresult *res;
	char *now = NULL;

	/* An account must exist and not be there already; the database checks the rest. */
	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT state FROM vdi_account WHERE request_id = $1::int", 1,
	    (const char *const[]){ ids }, NULL, cause);
	if (res == NULL)
		return STORE_FAILED;
	if (PQntuples(res) > 0)
		now = xstrdup(db_str(res, 0, 0));
	PQclear(res);
	if (now == NULL)
		return not_changed(db, id, _("has no account (it is not provisioned)"), cause);
	if (strcmp(now, to) == 0) {
		set_cause(cause, "%s %d: %s %s", _("VDI account of request"), id, _("already"), now);
		free(now);
		return STORE_REFUSED;
	}
	free(now);
	return transition(db, id, "UPDATE vdi_account SET state = $2, "
	    "state_reason = CASE WHEN $2 = 'active' THEN NULL ELSE $3 END "
	    "WHERE request_id = $1::int RETURNING id", 3, p,
	    _("permission denied: only IT staff (role admin) may change accounts"), cause);
}

int
store_vdi_sweep(struct db *db, const char *today,
    void (*fn)(void *, int, const char *, const char *), void *arg, char **cause)
{
	const char *p[1] = { today };
	PGresult *res;
	int i, n;

	res = db_query(db, "UPDATE vdi_account a SET state = 'expired', "
	    "state_reason = 'validity ended ' || a.valid_to "
	    "FROM staff s WHERE s.id = a.staff_id AND a.state IN ('active', 'suspended') "
	    "AND a.valid_to < coalesce($1::date, rs_today()) "
	    "RETURNING a.request_id, s.login, a.valid_to::text", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	for (i = 0; i < n && fn != NULL; i++)
		fn(arg, db_int(res, i, 0), db_str(res, i, 1), db_str(res, i, 2));
	PQclear(res);
	return n;
}

/* The accounts an export takes out ($1: a state, "" for any). */
#define VDI_EXPORT_FROM "FROM vdi_request r JOIN staff s ON s.id = r.staff_id "	\
	"JOIN vdi_account a ON a.request_id = r.id WHERE coalesce(a.vdi_username, '') <> '' "	\
	"AND ($1 = '' OR coalesce(rs_vdi_state(a.state, a.valid_from, a.valid_to, rs_today()), "	\
	"r.state) = $1) "

int
store_vdi_export_event(struct db *db, const char *state, const char *format, char **cause)
{
	const char *p[2] = { state, format };

	return db_exec(db, "SELECT rs_event('EVENT', 'vdi_account', 'export', "
	    "jsonb_build_object('format', $2::text, 'accounts', (SELECT count(*) "
	    VDI_EXPORT_FROM ")::int))", 2, p, NULL, cause);
}

int
store_vdi_export(struct db *db, const char *state, struct store_export *x, char **cause)
{
	const char *p[1] = { state };

	return store_export_run(db, STORE_EXPORT_CURSOR "SELECT a.vdi_username, s.login, s.name, "
	    "coalesce(a.pool, ''), coalesce(a.valid_from, r.period_from)::text, "
	    "coalesce(a.valid_to, r.period_to)::text, coalesce(rs_vdi_state(a.state, a.valid_from, "
	    "a.valid_to, rs_today()), r.state), coalesce(a.mfa_state, ''), r.id::text "
	    VDI_EXPORT_FROM "ORDER BY r.id", 1, p, x, cause);
}

int
store_vdi_history(struct db *db, int id, struct vdi_event_row **out, int *n, char **cause)
{
	char ids[16];
	const char *p[1] = { ids };
	PGresult *res;
	int i;

	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT to_char(e.at, 'YYYY-MM-DD HH24:MI:SS'), e.event, "
	    "coalesce(s.login, ''), e.detail FROM vdi_event e LEFT JOIN staff s ON s.id = e.actor_id "
	    "WHERE e.request_id = $1::int ORDER BY e.id", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	*n = PQntuples(res);
	*out = xcalloc((size_t)*n + 1, sizeof **out);
	for (i = 0; i < *n; i++) {
		(*out)[i].at = xstrdup(db_str(res, i, 0));
		(*out)[i].event = xstrdup(db_str(res, i, 1));
		(*out)[i].actor = xstrdup(db_str(res, i, 2));
		(*out)[i].detail = xstrdup(db_str(res, i, 3));
	}
	PQclear(res);
	return 0;
}

void
store_vdi_history_free(struct vdi_event_row *e, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(e[i].at);
		free(e[i].event);
		free(e[i].actor);
		free(e[i].detail);
	}
	free(e);
}
