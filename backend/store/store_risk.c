/*
 * store_risk — the migration's issue/risk log (課題管理表): open items across systems,
 * adding one, editing one with the version read, closing one with a comment. Declared
 * in store_mig.h.
 */
#include "backend/store/store_mig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/store/outcome.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

/* The columns every read of a risk takes, in risk_row's order. */
#define RISK_COLUMNS "SELECT r.id, r.system_id, s.name, coalesce(d.name, ''), r.title, " \
	"r.kind, r.status, coalesce(st.name, ''), coalesce(o.login, ''), " \
	"coalesce(to_char(r.due, 'YYYY-MM-DD'), ''), r.impact, r.likelihood, r.description, " \
	"r.version, rs_mig_writable(r.system_id), coalesce(r.step_id, 0) " \
	"FROM mig_risk r JOIN mig_system s ON s.id = r.system_id " \
	"LEFT JOIN department d ON d.id = s.dept_id LEFT JOIN mig_step st ON st.id = r.step_id " \
	"LEFT JOIN staff o ON o.id = r.owner_id "

static void
risk_row(PGresult *res, int i, struct mig_risk *k)
{
	k->id = db_int(res, i, 0);
	k->sys_id = db_int(res, i, 1);
	k->sys = xstrdup(db_str(res, i, 2));
	k->dept = xstrdup(db_str(res, i, 3));
	k->title = xstrdup(db_str(res, i, 4));
	k->kind = xstrdup(db_str(res, i, 5));
	k->status = xstrdup(db_str(res, i, 6));
	k->step = xstrdup(db_str(res, i, 7));
	k->owner = xstrdup(db_str(res, i, 8));
	snprintf(k->due, sizeof k->due, "%s", db_str(res, i, 9));
	k->impact = db_int(res, i, 10);
	k->likelihood = db_int(res, i, 11);
	k->description = xstrdup(db_str(res, i, 12));
	k->version = db_int(res, i, 13);
	k->writable = strcmp(db_str(res, i, 14), "t") == 0;
	k->step_id = db_int(res, i, 15);
}

int
mig_risks_load(struct db *db, int all, struct mig_risks *r, char **cause)
{
	const char *p[1] = { all ? "t" : "f" };
	PGresult *res;
	int i;

	r->v = db_rows(db, RISK_COLUMNS
	    "WHERE $1::boolean OR r.status IN ('open', 'in_progress') "
	    "ORDER BY r.due NULLS LAST, r.impact DESC, r.likelihood DESC, r.id",
	    1, p, sizeof *r->v, &r->n, &res, cause);
	if (r->v == NULL)
		return -1;
	for (i = 0; i < r->n; i++)
		risk_row(res, i, &r->v[i]);
	PQclear(res);
	return 0;
}

enum store_rc
mig_risk_get(struct db *db, int id, struct mig_risk *k, char **cause)
{
	char rid[16];
	const char *p[1] = { rid };
	PGresult *res;

	memset(k, 0, sizeof *k);
	snprintf(rid, sizeof rid, "%d", id);
	res = db_query(db, RISK_COLUMNS "WHERE r.id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return STORE_FAILED;
	if (PQntuples(res) == 0) {
		PQclear(res);
		set_cause(cause, "%s: %d", _("no such risk"), id);
		return STORE_NOT_FOUND;
	}
	risk_row(res, 0, k);
	PQclear(res);
	return STORE_OK;
}

void
mig_risk_free(struct mig_risk *k)
{
	free(k->sys);
	free(k->dept);
	free(k->title);
	free(k->kind);
	free(k->status);
	free(k->step);
	free(k->owner);
	free(k->description);
	memset(k, 0, sizeof *k);
}

void
mig_risks_free(struct mig_risks *r)
{
	int i;

	for (i = 0; i < r->n; i++)
		mig_risk_free(&r->v[i]);
	free(r->v);
	memset(r, 0, sizeof *r);
}

int
mig_risk_add(struct db *db, int sys_id, const char *title, const char *kind, int impact,
    int likelihood, const char *due, int step_id, const char *description,
    char sqlstate[6], char **cause)
{
	char sid[16], imp[16], lik[16], tid[16];
	const char *p[8] = { sid, title, kind, imp, lik, due, tid, description };
	PGresult *res;
	int id;

	snprintf(sid, sizeof sid, "%d", sys_id);
	snprintf(imp, sizeof imp, "%d", impact);
	snprintf(lik, sizeof lik, "%d", likelihood);
	snprintf(tid, sizeof tid, "%d", step_id);
	res = db_query(db, "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood, due, "
	    "step_id, description, owner_id, created_by) VALUES ($1::int, $2, $3, $4::int, $5::int, "
	    "nullif($6, '')::date, nullif($7::int, 0), $8, rs_staff_id(), rs_staff_id()) RETURNING id",
	    8, p, sqlstate, cause);
	if (res == NULL)
		return -1;
	id = db_int(res, 0, 0);
	PQclear(res);
	return id;
}

enum store_rc
mig_risk_update(struct db *db, const struct mig_risk_edit *e, int *version, char sqlstate[6],
    char **cause)
{
	char rid[16], imp[16], lik[16], ver[16], tid[16];
	const char *p[10] = { rid, e->title, e->kind, imp, lik, e->due, e->status,
	    e->description, ver, tid };
	PGresult *res;
	int n;

	sqlstate[0] = '\0';
	snprintf(rid, sizeof rid, "%d", e->id);
	snprintf(imp, sizeof imp, "%d", e->impact);
	snprintf(lik, sizeof lik, "%d", e->likelihood);
	snprintf(ver, sizeof ver, "%d", *version);
	snprintf(tid, sizeof tid, "%d", e->step_id);
	/* The version read goes in: rs_version refuses it (RS001) when the row moved on. */
	res = db_query(db, "UPDATE mig_risk SET title = $2, kind = $3, impact = $4::int, "
	    "likelihood = $5::int, due = nullif($6, '')::date, status = $7, description = $8, "
	    "step_id = nullif($10::int, 0), version = $9::int WHERE id = $1::int RETURNING version",
	    10, p, sqlstate, cause);
	if (res == NULL)
		return outcome_of(sqlstate);
	n = PQntuples(res);
	if (n == 1)
		*version = db_int(res, 0, 0);
	PQclear(res);
	if (n == 1)
		return STORE_OK;
	/* No row: gone, or hidden from this member's writes by the policy. */
	res = db_query(db, "SELECT 1 FROM mig_risk WHERE id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return STORE_FAILED;
	n = PQntuples(res);
	PQclear(res);
	if (n == 0) {
		set_cause(cause, "%s: %d", _("no such risk"), e->id);
		return STORE_NOT_FOUND;
	}
	db_refused(sqlstate, cause, _("permission denied"));
	return STORE_REFUSED;
}

int
mig_risk_close(struct db *db, int id, const char *note, int *sys_id, char sqlstate[6],
    char **cause)
{
	char rid[16];
	const char *p[2] = { rid, note };
	PGresult *res;
	int n;

	*sys_id = 0;
	if (sqlstate != NULL)
		sqlstate[0] = '\0';
	snprintf(rid, sizeof rid, "%d", id);
	res = db_query(db, "SELECT system_id, status FROM mig_risk WHERE id = $1::int", 1, p,
	    NULL, cause);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	if (n == 1) {
		*sys_id = db_int(res, 0, 0);
		if (strcmp(db_str(res, 0, 1), "closed") == 0) {
			PQclear(res);
			return set_cause(cause, "%s %d %s", _("risk"), id, _("is already closed"));
		}
	}
	PQclear(res);
	if (n != 1)
		return set_cause(cause, "%s: %d", _("no such risk"), id);
	if (db_begin(db, cause) != 0)
		return -1;
	res = db_query(db, "UPDATE mig_risk SET status = 'closed' WHERE id = $1::int "
	    "AND status <> 'closed' RETURNING id", 1, p, sqlstate, cause);
	if (res == NULL)
		goto fail;
	n = PQntuples(res);
	PQclear(res);
	if (n != 1) {
		db_refused(sqlstate, cause, _("permission denied"));
		goto fail;
	}
	if (note != NULL && note[0] != '\0' &&
	    mig_risk_comment_add(db, id, note, sqlstate, cause) != 0)
		goto fail;
	return db_commit(db, cause);
fail:
	db_rollback(db);
	return -1;
}

const char *
mig_risk_kind_label(const char *kind)
{
	if (strcmp(kind, "issue") == 0)
		return _("issue");
	if (strcmp(kind, "risk") == 0)
		return _("risk");
	if (strcmp(kind, "question") == 0)
		return _("question");
	return kind;
}

const char *
mig_risk_status_label(const char *st)
{
	if (strcmp(st, "open") == 0)
		return _("open");
	if (strcmp(st, "in_progress") == 0)
		return _("in progress");
	if (strcmp(st, "resolved") == 0)
		return _("resolved");
	if (strcmp(st, "closed") == 0)
		return _("closed");
	return st;
}

int
mig_risk_code(struct db *db, enum mig_risk_term term, const char *value, char *code,
    size_t len, char **cause)
{
	const char	*domain = term == MIG_RISK_KIND ? "risk_kind" : "risk_status";
	const char	*p[3] = { domain, value, i18n_lang() };
	PGresult	*res;
	int		 rc = 0;

	res = db_query(db, "SELECT rs_code_of($1, $2), (SELECT string_agg(CASE WHEN l = code "
	    "THEN code ELSE code || ' (' || l || ')' END, ', ' ORDER BY seq) FROM (SELECT code, "
	    "seq, CASE WHEN $3 = 'ja' THEN label_ja ELSE label_en END AS l FROM rs_label "
	    "WHERE domain = $1) x)", 3, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (!db_isnull(res, 0, 0))
		snprintf(code, len, "%s", db_str(res, 0, 0));
	else
		rc = set_cause(cause, term == MIG_RISK_KIND ?
		    _("no such kind \"%s\" (accepted: %s)") :
		    _("no such status \"%s\" (accepted: %s)"), value, db_str(res, 0, 1));
	PQclear(res);
	return rc;
}

