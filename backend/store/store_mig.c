/*
 * store_mig — SQL in, plain structs out, for the standardisation migration: the board,
 * system detail, history, exchange rows and status writes. The issue/risk log is in
 * store_risk.c. Every statement is constant with $n parameters; the database's
 * row-level security decides what this member may write.
 */
#include "backend/store/store_mig.h"

#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/store/store_export.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

static void
copy_date(char dst[11], const char *src)
{
	snprintf(dst, 11, "%s", src);
}

static int
parse_iso(const char *s, struct fy_date *d)
{
	return sscanf(s, "%4d-%2d-%2d", &d->year, &d->month, &d->day) == 3 ? 0 : -1;
}

static enum mig_st
st_of(const char *code)
{
	enum mig_st st;

	return mig_st_parse(code, &st) == 0 ? st : MIG_TODO;
}

/*
 * The board's two reference lists come back in one row shape: id, seq, name,
 * dept (systems) or phase (steps), writable, retired, vendor.
 */
static int
refs_load(struct db *db, const char *sql, int nparams, const char *const *p,
    struct mig_refs *r, char **cause)
{
	PGresult *res;
	int i;

	if ((r->v = db_rows(db, sql, nparams, p, sizeof *r->v, &r->n, &res, cause)) == NULL)
		return -1;
	for (i = 0; i < r->n; i++) {
		r->v[i].id = db_int(res, i, 0);
		r->v[i].seq = db_int(res, i, 1);
		r->v[i].name = xstrdup(db_str(res, i, 2));
		r->v[i].dept = xstrdup(db_str(res, i, 3));
		r->v[i].writable = strcmp(db_str(res, i, 4), "t") == 0;
		r->v[i].retired = strcmp(db_str(res, i, 5), "t") == 0;
		r->v[i].vendor = xstrdup(db_str(res, i, 6));
		r->v[i].version = db_int(res, i, 7);
	}
	PQclear(res);
	return 0;
}

int
mig_systems_load(struct db *db, struct mig_refs *r, char **cause)
{
	return refs_load(db, "SELECT s.id, s.seq, s.name, coalesce(d.name, ''), "
	    "rs_mig_writable(s.id), false, coalesce(v.name, ''), 0 FROM mig_system s "
	    "LEFT JOIN department d ON d.id = s.dept_id "
	    "LEFT JOIN vendor v ON v.id = s.vendor_id ORDER BY s.seq", 0, NULL, r, cause);
}

int
mig_steps_load(struct db *db, int all, struct mig_refs *r, char **cause)
{
	const char *p[1] = { all ? "t" : "f" };

	return refs_load(db, "SELECT id, seq, name, phase, false, retired, '', version FROM mig_step "
	    "WHERE $1::boolean OR NOT retired ORDER BY seq", 1, p, r, cause);
}

void
mig_refs_free(struct mig_refs *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		free(r->v[i].name);
		free(r->v[i].dept);
		free(r->v[i].vendor);
	}
	free(r->v);
	memset(r, 0, sizeof *r);
}

/* A positive number written in ASCII digits, or -1. */
static int
number(const char *s)
{
	long v = 0;

	if (*s == '\0' || strlen(s) > 6)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return (int)v;
}

static const struct mig_ref *
ref_find(const struct mig_refs *r, const char *key, int by_seq)
{
	int i, n = number(key);

	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, key) == 0 && !r->v[i].retired)
			return &r->v[i];
	for (i = 0; n > 0 && i < r->n; i++)
		if ((by_seq ? r->v[i].seq : r->v[i].id) == n && !r->v[i].retired)
			return &r->v[i];
	return NULL;
}

const struct mig_ref *
mig_ref_system(const struct mig_refs *r, const char *key)
{
	return ref_find(r, key, 0);
}

const struct mig_ref *
mig_ref_step(const struct mig_refs *r, const char *key)
{
	return ref_find(r, key, 1);
}

/*
 * One system (by name, else id) and one unretired step (by name, else seq) with that
 * pair's status, in one statement: what `mig set` needs, without loading every system,
 * step and status (each command runs on a fresh backend, where every relation and
 * function a statement touches is loaded for the first time). Same matching as
 * mig_ref_system / mig_ref_step.
 */
int
mig_target_load(struct db *db, const char *sys_key, const char *step_key, struct mig_target *t,
    char **cause)
{
	char sn[16], tn[16];
	const char *p[4] = { sys_key, sn, step_key, tn };
	PGresult *res;
	int n;

	memset(t, 0, sizeof *t);
	t->st = MIG_TODO;
	if ((n = number(sys_key)) > 0)
		snprintf(sn, sizeof sn, "%d", n);
	else
		p[1] = NULL;
	if ((n = number(step_key)) > 0)
		snprintf(tn, sizeof tn, "%d", n);
	else
		p[3] = NULL;
	res = db_query(db, "SELECT sy.id, sy.name, st.id, st.name, coalesce(ms.status, 'todo'), "
	    "coalesce(ms.version, 0) FROM (SELECT 1) one "
	    "LEFT JOIN LATERAL (SELECT id, name FROM mig_system WHERE name = $1 OR id = $2::int "
	    "ORDER BY name = $1 DESC, seq LIMIT 1) sy ON true "
	    "LEFT JOIN LATERAL (SELECT id, name FROM mig_step WHERE NOT retired "
	    "AND (name = $3 OR seq = $4::int) ORDER BY name = $3 DESC, seq LIMIT 1) st ON true "
	    "LEFT JOIN mig_status ms ON ms.system_id = sy.id AND ms.step_id = st.id",
	    4, p, NULL, cause);
	if (res == NULL)
		return -1;
	t->sys_id = db_int(res, 0, 0);
	t->sys = xstrdup(db_str(res, 0, 1));
	t->step_id = db_int(res, 0, 2);
	t->step = xstrdup(db_str(res, 0, 3));
	t->st = st_of(db_str(res, 0, 4));
	t->version = db_int(res, 0, 5);
	PQclear(res);
	return 0;
}

void
mig_target_free(struct mig_target *t)
{
	free(t->sys);
	free(t->step);
	memset(t, 0, sizeof *t);
}

int
mig_board_load(struct db *db, const struct fy_date *today, struct mig_board *b, char **cause)
{
	struct mig_refs sys, steps;
	int i, j, rc;

	memset(b, 0, sizeof *b);
	if (mig_steps_load(db, 0, &steps, cause) != 0)
		return -1;
	if (mig_systems_load(db, &sys, cause) != 0) {
		mig_refs_free(&steps);
		return -1;
	}
	mig_board_init(b, sys.n, steps.n);
	for (j = 0; j < steps.n; j++) {
		b->steps[j].id = steps.v[j].id;
		b->steps[j].seq = steps.v[j].seq;
		b->steps[j].name = xstrdup(steps.v[j].name);
		b->steps[j].phase = xstrdup(steps.v[j].dept);
	}
	for (i = 0; i < sys.n; i++) {
		b->sys[i].id = sys.v[i].id;
		b->sys[i].seq = sys.v[i].seq;
		b->sys[i].name = xstrdup(sys.v[i].name);
		b->sys[i].dept = xstrdup(sys.v[i].dept);
		b->sys[i].vendor = xstrdup(sys.v[i].vendor);
		b->sys[i].writable = sys.v[i].writable;
	}
	rc = mig_board_statuses(db, today, b, cause);
	if (rc != 0)
		mig_board_free(b);
	mig_refs_free(&sys);
	mig_refs_free(&steps);
	return rc;
}

/* The cell of system sid and step tid: its index in b->cells, or -1 if not on the board. */
static int
board_index(const struct mig_board *b, int sid, int tid)
{
	int i, j;

	for (i = 0; i < b->nsys && b->sys[i].id != sid; i++)
		;
	for (j = 0; j < b->nstep && b->steps[j].id != tid; j++)
		;
	if (i == b->nsys || j == b->nstep)
		return -1;
	return i * b->nstep + j;
}

/* A cell from a status row's status, planned end ("" when none) and version. */
static void
cell_read(struct mig_cell *c, const char *status, const char *end, int version)
{
	c->st = st_of(status);
	c->has_end = parse_iso(end, &c->planned_end) == 0;
	c->version = version;
}

/*
 * Ask for the cells named by ids[i] = { system id, step id } (at most
 * MIG_BOARD_CELLS_MAX, one round trip): sent and left in flight (res NULL:
 * db_batch_send), or read into res. 0, or -1 with *cause.
 */
static int
cells_ask(struct db *db, const int (*ids)[2], int n, PGresult **res, char **cause)
{
	static const char sql[] = "SELECT status, coalesce(to_char(planned_end, 'YYYY-MM-DD'), ''), "
	    "version FROM mig_status WHERE system_id = $1::int AND step_id = $2::int";
	struct db_stmt stmts[MIG_BOARD_CELLS_MAX];
	char num[MIG_BOARD_CELLS_MAX][2][16];
	const char *params[MIG_BOARD_CELLS_MAX][2];
	int k;

	if (n > MIG_BOARD_CELLS_MAX)
		return set_cause(cause, "too many cells");
	for (k = 0; k < n; k++) {
		snprintf(num[k][0], sizeof num[k][0], "%d", ids[k][0]);
		snprintf(num[k][1], sizeof num[k][1], "%d", ids[k][1]);
		params[k][0] = num[k][0];
		params[k][1] = num[k][1];
		stmts[k].sql = sql;
		stmts[k].nparams = 2;
		stmts[k].params = params[k];
	}
	if (n == 0)
		return 0;
	if (res == NULL)
		return db_batch_send(db, stmts, n, DB_PREPARE, cause);
	return db_batch(db, stmts, n, DB_PREPARE, res, NULL, cause);
}

/* The asked cells' rows into b (and cleared), the board counted: 0, or 1 if no cell
 * changed. A cell without a status row is 未着手; ids not on the board are skipped. */
static int
cells_apply(const struct fy_date *today, struct mig_board *b, const int (*ids)[2], int n,
    PGresult **res)
{
	struct mig_cell *c, was;
	int k, at, changed = 0;

	for (k = 0; k < n; k++) {
		if ((at = board_index(b, ids[k][0], ids[k][1])) != -1) {
			c = &b->cells[at];
			was = *c;
			if (PQntuples(res[k]) > 0)
				cell_read(c, db_str(res[k], 0, 0), db_str(res[k], 0, 1),
				    db_int(res[k], 0, 2));
			else
				cell_read(c, "todo", "", MIG_VERSION_NONE);
			if (c->st != was.st || c->has_end != was.has_end || (c->has_end &&
			    mig_date_cmp(&c->planned_end, &was.planned_end) != 0))
				changed = 1;
		}
		PQclear(res[k]);
	}
	mig_board_count(b, today);
	return changed ? 0 : 1;
}

int
mig_board_cells(struct db *db, const struct fy_date *today, struct mig_board *b,
    const int (*ids)[2], int n, char **cause)
{
	PGresult *res[MIG_BOARD_CELLS_MAX];

	if (cells_ask(db, ids, n, res, cause) != 0)
		return -1;
	return cells_apply(today, b, ids, n, res);
}

int
mig_board_cells_send(struct db *db, const int (*ids)[2], int n, char **cause)
{
	return cells_ask(db, ids, n, NULL, cause);
}

int
mig_board_cells_recv(struct db *db, const struct fy_date *today, struct mig_board *b,
    const int (*ids)[2], int n, char **cause)
{
	PGresult *res[MIG_BOARD_CELLS_MAX];

	if (n > 0 && db_batch_take(db, res, NULL, cause) != 0)
		return -1;
	return cells_apply(today, b, ids, n, res);
}

/*
 * The statuses of b's cells read again (its systems and steps as they are: a NOTIFY of
 * mig_status changes nothing else), and counted; b as it was on failure.
 */
int
mig_board_statuses(struct db *db, const struct fy_date *today, struct mig_board *b,
    char **cause)
{
	static const char sql[] = "SELECT ms.system_id, ms.step_id, ms.status, "
	    "coalesce(to_char(ms.planned_end, 'YYYY-MM-DD'), ''), ms.version "
	    "FROM mig_status ms JOIN mig_step st ON st.id = ms.step_id WHERE NOT st.retired";
	const struct db_stmt stmt = { sql, 0, NULL };
	struct mig_cell *cells;
	PGresult *res;
	int i, k, at, n = b->nsys * b->nstep;

	if (db_batch(db, &stmt, 1, DB_PREPARE, &res, NULL, cause) != 0)
		return -1;
	cells = xcalloc(n > 0 ? (size_t)n : 1, sizeof *cells);
	for (i = 0; i < n; i++) {
		cells[i].st = MIG_TODO;
		cells[i].version = MIG_VERSION_NONE;
	}
	for (k = 0; k < PQntuples(res); k++) {
		if ((at = board_index(b, db_int(res, k, 0), db_int(res, k, 1))) != -1)
			cell_read(&cells[at], db_str(res, k, 2), db_str(res, k, 3),
			    db_int(res, k, 4));
	}
	PQclear(res);
	free(b->cells);
	b->cells = cells;
	mig_board_count(b, today);
	return 0;
}

int
mig_xrows_load(struct db *db, struct mig_xrows *x, char **cause)
{
	PGresult *res;
	int i;

	x->v = db_rows(db, "SELECT sy.id, st.id, sy.name, st.name, ms.system_id IS NOT NULL, "
	    "coalesce(ms.status, 'todo'), coalesce(to_char(ms.planned_start, 'YYYY-MM-DD'), ''), "
	    "coalesce(to_char(ms.planned_end, 'YYYY-MM-DD'), ''), "
	    "coalesce(to_char(ms.actual_end, 'YYYY-MM-DD'), ''), coalesce(ms.note, ''), "
	    "coalesce(ms.version, 0) "
	    "FROM mig_system sy CROSS JOIN mig_step st "
	    "LEFT JOIN mig_status ms ON ms.system_id = sy.id AND ms.step_id = st.id "
	    "WHERE NOT st.retired ORDER BY sy.seq, st.seq", 0, NULL, sizeof *x->v, &x->n, &res, cause);
	if (x->v == NULL)
		return -1;
	for (i = 0; i < x->n; i++) {
		struct mig_xrow *r = &x->v[i];

		r->sys_id = db_int(res, i, 0);
		r->step_id = db_int(res, i, 1);
		r->sys = xstrdup(db_str(res, i, 2));
		r->step = xstrdup(db_str(res, i, 3));
		r->exists = strcmp(db_str(res, i, 4), "t") == 0;
		r->st = st_of(db_str(res, i, 5));
		copy_date(r->ps, db_str(res, i, 6));
		copy_date(r->pe, db_str(res, i, 7));
		copy_date(r->ae, db_str(res, i, 8));
		r->note = xstrdup(db_str(res, i, 9));
		r->version = db_int(res, i, 10);
	}
	PQclear(res);
	return 0;
}

int
store_mig_export(struct db *db, struct store_export *x, char **cause)
{
	return store_export_run(db, STORE_EXPORT_CURSOR "SELECT sy.name, st.name, "
	    "coalesce(ms.status, 'todo'), coalesce(to_char(ms.planned_start, 'YYYY-MM-DD'), ''), "
	    "coalesce(to_char(ms.planned_end, 'YYYY-MM-DD'), ''), "
	    "coalesce(to_char(ms.actual_end, 'YYYY-MM-DD'), ''), coalesce(ms.note, '') "
	    "FROM mig_system sy CROSS JOIN mig_step st "
	    "LEFT JOIN mig_status ms ON ms.system_id = sy.id AND ms.step_id = st.id "
	    "WHERE NOT st.retired ORDER BY sy.seq, st.seq", 0, NULL, x, cause);
}

void
mig_xrows_free(struct mig_xrows *x)
{
	int i;

	for (i = 0; i < x->n; i++) {
		free(x->v[i].sys);
		free(x->v[i].step);
		free(x->v[i].note);
	}
	free(x->v);
	memset(x, 0, sizeof *x);
}

struct mig_xrow *
mig_xrow_find(const struct mig_xrows *x, int sys_id, int step_id)
{
	int i;

	for (i = 0; i < x->n; i++)
		if (x->v[i].sys_id == sys_id && x->v[i].step_id == step_id)
			return &x->v[i];
	return NULL;
}

int
mig_xrow_write(struct db *db, const struct mig_xrow *r, char sqlstate[6], char **cause)
{
	char sid[16], tid[16], ver[16];
	const char *p[8] = { sid, tid, mig_st_code(r->st), r->ps, r->pe, r->ae, r->note, ver };

	snprintf(sid, sizeof sid, "%d", r->sys_id);
	snprintf(tid, sizeof tid, "%d", r->step_id);
	snprintf(ver, sizeof ver, "%d", r->version);
	return db_exec(db, "INSERT INTO mig_status (system_id, step_id, status, planned_start, "
	    "planned_end, actual_end, note) VALUES ($1::int, $2::int, $3, nullif($4, '')::date, "
	    "nullif($5, '')::date, nullif($6, '')::date, $7) "
	    "ON CONFLICT (system_id, step_id) DO UPDATE SET status = EXCLUDED.status, "
	    "planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end, "
	    "actual_end = EXCLUDED.actual_end, note = EXCLUDED.note, version = $8::int",
	    8, p, sqlstate, cause);
}

int
mig_status_set(struct db *db, int sys_id, int step_id, enum mig_st st, const char *note,
    int version, const char *today, char sqlstate[6], char **cause)
{
	char sid[16], tid[16], ver[16];
	const char *p[6] = { sid, tid, mig_st_code(st), note, ver, today };
	PGresult *res;
	int v;

	snprintf(sid, sizeof sid, "%d", sys_id);
	snprintf(tid, sizeof tid, "%d", step_id);
	snprintf(ver, sizeof ver, "%d", version);
	res = db_query(db, "INSERT INTO mig_status (system_id, step_id, status, note, actual_end) "
	    "VALUES ($1::int, $2::int, $3::text, coalesce($4::text, ''), "
	    "CASE WHEN $3::text = 'done' THEN $6::date END) "
	    "ON CONFLICT (system_id, step_id) DO UPDATE SET status = EXCLUDED.status, "
	    "note = coalesce($4::text, mig_status.note), "
	    "actual_end = CASE WHEN EXCLUDED.status = 'done' AND mig_status.status <> 'done' "
	    "THEN coalesce(mig_status.actual_end, $6::date) ELSE mig_status.actual_end END, "
	    "version = $5::int RETURNING version", 6, p, sqlstate, cause);
	if (res == NULL)
		return -1;
	v = PQntuples(res) == 1 ? db_int(res, 0, 0) : -1;
	if (v < 0)
		set_cause(cause, "%s", _("the change was not saved"));
	PQclear(res);
	return v;
}

/*
 * The row of one cell as it is now, and who changed it last and when: the audit trail
 * where this member may read it (admins, auditors: every change), else the status
 * history (everyone: changes of status). 0, or -1 with *cause.
 */
int
mig_cell_now_load(struct db *db, int sys_id, int step_id, struct mig_cell_now *now,
    char **cause)
{
	char sid[16], tid[16], key[40];
	const char *p[3] = { sid, tid, key };
	PGresult *res;

	memset(now, 0, sizeof *now);
	now->st = MIG_TODO;
	now->version = MIG_VERSION_NONE;
	snprintf(sid, sizeof sid, "%d", sys_id);
	snprintf(tid, sizeof tid, "%d", step_id);
	snprintf(key, sizeof key, "%d,%d", sys_id, step_id);
	res = db_query(db, "SELECT coalesce(ms.status, 'todo'), coalesce(ms.version, 0), "
	    "coalesce(s.login, ''), "
	    "coalesce(to_char(coalesce(a.at, h.changed_at), 'YYYY-MM-DD HH24:MI:SS'), '') "
	    "FROM (SELECT 1) one "
	    "LEFT JOIN mig_status ms ON ms.system_id = $1::int AND ms.step_id = $2::int "
	    "LEFT JOIN LATERAL (SELECT staff_id, at FROM audit_log WHERE tbl = 'mig_status' "
	    "AND key = $3 ORDER BY id DESC LIMIT 1) a ON true "
	    "LEFT JOIN LATERAL (SELECT changed_by, changed_at FROM mig_status_history "
	    "WHERE system_id = $1::int AND step_id = $2::int "
	    "ORDER BY changed_at DESC, id DESC LIMIT 1) h ON true "
	    "LEFT JOIN staff s ON s.id = CASE WHEN a.at IS NOT NULL THEN a.staff_id "
	    "ELSE h.changed_by END", 3, p, NULL, cause);
	if (res == NULL)
		return -1;
	now->st = st_of(db_str(res, 0, 0));
	now->version = db_int(res, 0, 1);
	snprintf(now->who, sizeof now->who, "%s", db_str(res, 0, 2));
	snprintf(now->when, sizeof now->when, "%s", db_str(res, 0, 3));
	PQclear(res);
	return 0;
}

enum store_rc
mig_cell_set(struct db *db, int sys_id, int step_id, enum mig_st st, int *version,
    const char *today, struct mig_cell_now *now, char **cause)
{
	char sqlstate[6] = "";
	int v;

	if ((v = mig_status_set(db, sys_id, step_id, st, NULL, *version, today, sqlstate,
	    cause)) >= 0) {
		*version = v;
		return STORE_OK;
	}
	if (outcome_of(sqlstate) == STORE_STALE) {
		free(*cause);
		*cause = NULL;
		if (mig_cell_now_load(db, sys_id, step_id, now, cause) != 0)
			return STORE_FAILED;
		*cause = xasprintf(_("%s changed it to %s at %s"), now->who[0] != '\0' ?
		    now->who : "?", mig_st_label(now->st), now->when[0] != '\0' ? now->when : "?");
		return STORE_STALE;
	}
	if (outcome_is(sqlstate, DB_SQLSTATE_DENIED)) {
		free(*cause);
		*cause = mig_refusal(db, sys_id);
		return STORE_REFUSED;
	}
	return outcome_of(sqlstate) == STORE_REFUSED ? STORE_REFUSED : STORE_FAILED;
}

char *
mig_refusal(struct db *db, int sys_id)
{
	char sid[16], *cause = NULL, *msg;
	const char *p[1] = { sid };
	PGresult *res;

	snprintf(sid, sizeof sid, "%d", sys_id);
	res = db_query(db, "SELECT s.name, coalesce(d.name, '-'), coalesce(rs_role(), '-'), "
	    "coalesce((SELECT name FROM department WHERE id = rs_dept()), '-') "
	    "FROM mig_system s LEFT JOIN department d ON d.id = s.dept_id WHERE s.id = $1::int",
	    1, p, NULL, &cause);
	if (res == NULL || PQntuples(res) != 1) {
		PQclear(res);
		free(cause);
		return xstrdup(_("permission denied"));
	}
	if (strcmp(db_str(res, 0, 2), "lead") == 0)
		msg = xasprintf(_("permission denied: %s belongs to %s; a lead may change only "
		    "the systems of their own department (%s)"), db_str(res, 0, 0),
		    db_str(res, 0, 1), db_str(res, 0, 3));
	else
		msg = xasprintf(_("permission denied: the role %s may not change %s (%s)"),
		    db_str(res, 0, 2), db_str(res, 0, 0), db_str(res, 0, 1));
	PQclear(res);
	return msg;
}

int
mig_system_load(struct db *db, int id, struct mig_system *s, char **cause)
{
	char sid[16];
	const char *p[1] = { sid };
	PGresult *res;

	memset(s, 0, sizeof *s);
	snprintf(sid, sizeof sid, "%d", id);
	res = db_query(db, "SELECT s.id, s.seq, s.name, coalesce(d.name, ''), coalesce(v.name, ''), "
	    "s.product, coalesce(tv.name, ''), s.target_product, s.hosting, "
	    "coalesce(to_char(s.planned_cutover, 'YYYY-MM-DD'), ''), "
	    "coalesce(to_char(s.actual_cutover, 'YYYY-MM-DD'), ''), s.special_support, "
	    "coalesce(to_char(s.special_deadline, 'YYYY-MM-DD'), ''), coalesce(s.special_reason, ''), "
	    "s.notes, s.version, coalesce(s.dept_id, 0) "
	    "FROM mig_system s LEFT JOIN department d ON d.id = s.dept_id "
	    "LEFT JOIN vendor v ON v.id = s.vendor_id LEFT JOIN vendor tv ON tv.id = s.target_vendor_id "
	    "WHERE s.id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, "%s: %d", _("no such system"), id);
	}
	s->id = db_int(res, 0, 0);
	s->seq = db_int(res, 0, 1);
	s->name = xstrdup(db_str(res, 0, 2));
	s->dept = xstrdup(db_str(res, 0, 3));
	s->vendor = xstrdup(db_str(res, 0, 4));
	s->product = xstrdup(db_str(res, 0, 5));
	s->target_vendor = xstrdup(db_str(res, 0, 6));
	s->target_product = xstrdup(db_str(res, 0, 7));
	s->hosting = xstrdup(db_str(res, 0, 8));
	copy_date(s->planned_cutover, db_str(res, 0, 9));
	copy_date(s->actual_cutover, db_str(res, 0, 10));
	s->special = strcmp(db_str(res, 0, 11), "t") == 0;
	copy_date(s->special_deadline, db_str(res, 0, 12));
	s->special_reason = xstrdup(db_str(res, 0, 13));
	s->notes = xstrdup(db_str(res, 0, 14));
	s->version = db_int(res, 0, 15);
	s->dept_id = db_int(res, 0, 16);
	PQclear(res);
	return 0;
}

void
mig_system_free(struct mig_system *s)
{
	free(s->name);
	free(s->dept);
	free(s->vendor);
	free(s->product);
	free(s->target_vendor);
	free(s->target_product);
	free(s->hosting);
	free(s->special_reason);
	free(s->notes);
	memset(s, 0, sizeof *s);
}

int
mig_history_load(struct db *db, int sys_id, struct mig_hists *h, char **cause)
{
	char sid[16];
	const char *p[1] = { sid };
	PGresult *res;
	int i;

	snprintf(sid, sizeof sid, "%d", sys_id);
	h->v = db_rows(db, "SELECT to_char(h.changed_at, 'YYYY-MM-DD HH24:MI:SS'), st.seq, st.name, "
	    "coalesce(s.login, ''), h.note, coalesce(h.old_status, ''), h.new_status "
	    "FROM mig_status_history h JOIN mig_step st ON st.id = h.step_id "
	    "LEFT JOIN staff s ON s.id = h.changed_by WHERE h.system_id = $1::int "
	    "ORDER BY h.changed_at, h.id", 1, p, sizeof *h->v, &h->n, &res, cause);
	if (h->v == NULL)
		return -1;
	for (i = 0; i < h->n; i++) {
		struct mig_hist *e = &h->v[i];

		snprintf(e->at, sizeof e->at, "%s", db_str(res, i, 0));
		e->step_seq = db_int(res, i, 1);
		e->step = xstrdup(db_str(res, i, 2));
		e->who = xstrdup(db_str(res, i, 3));
		e->note = xstrdup(db_str(res, i, 4));
		snprintf(e->old_st, sizeof e->old_st, "%s", db_str(res, i, 5));
		snprintf(e->new_st, sizeof e->new_st, "%s", db_str(res, i, 6));
	}
	PQclear(res);
	return 0;
}

void
mig_hists_free(struct mig_hists *h)
{
	int i;

	for (i = 0; i < h->n; i++) {
		free(h->v[i].step);
		free(h->v[i].who);
		free(h->v[i].note);
	}
	free(h->v);
	memset(h, 0, sizeof *h);
}

int
mig_step_add(struct db *db, const char *phase, const char *name, int seq, char sqlstate[6],
    char **cause)
{
	char sq[16];
	const char *p[3] = { phase, name, sq };
	PGresult *res;
	int id;

	snprintf(sq, sizeof sq, "%d", seq);
	res = db_query(db, "INSERT INTO mig_step (phase, name, seq) VALUES ($1, $2, "
	    "CASE WHEN $3::int > 0 THEN $3::int "
	    "ELSE (SELECT coalesce(max(seq), 0) / 10 * 10 + 10 FROM mig_step) END) RETURNING id",
	    3, p, sqlstate, cause);
	if (res == NULL)
		return -1;
	id = db_int(res, 0, 0);
	PQclear(res);
	return id;
}

int
mig_phases_load(struct db *db, struct grid *g, char **cause)
{
	return db_grid(db, "SELECT name, seq FROM mig_phase ORDER BY seq", 0, NULL, g, NULL, cause);
}

int
mig_phase_add(struct db *db, const char *name, char sqlstate[6], char **cause)
{
	const char *p[1] = { name };
	PGresult *res;

	res = db_query(db, "INSERT INTO mig_phase (name, seq) "
	    "SELECT $1, coalesce(max(seq), 0) + 1 FROM mig_phase RETURNING seq", 1, p, sqlstate, cause);
	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int
mig_step_update(struct db *db, int id, const char *name, int seq, int retired,
    int version, char sqlstate[6], char **cause)
{
	char sid[16], sq[16], ret[4], ver[16];
	const char *p[5] = { sid, name, sq, ret, ver };
	PGresult *res;
	int n;

	snprintf(sid, sizeof sid, "%d", id);
	snprintf(sq, sizeof sq, "%d", seq);
	snprintf(ret, sizeof ret, "%d", retired);
	snprintf(ver, sizeof ver, "%d", version);
	/* the version read goes in: rs_version refuses it (RS001) when the step moved on */
	res = db_query(db, "UPDATE mig_step SET name = coalesce($2, name), "
	    "seq = CASE WHEN $3::int > 0 THEN $3::int ELSE seq END, "
	    "retired = CASE WHEN $4::int >= 0 THEN $4::int = 1 ELSE retired END, "
	    "version = CASE WHEN $5::int >= 0 THEN $5::int ELSE version END "
	    "WHERE id = $1::int RETURNING id", 5, p, sqlstate, cause);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	PQclear(res);
	if (n == 0)
		return db_refused(sqlstate, cause, _("permission denied: only IT staff (admin) "
		    "edit the step list"));
	return 0;
}
