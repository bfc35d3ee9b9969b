/*
 * store_mig_edit — writes of the migration's system detail and risk comments: a
 * system's fields saved with the version read (stale: RS001), comments on a risk.
 * Declared in store_mig.h. Row-level security decides who may write.
 */
#include "backend/store/store_mig.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

int
mig_system_save(struct db *db, const struct mig_system *s, char sqlstate[6], char **cause)
{
	char		 sid[16], did[16], ver[16];
	const char	*q[2] = { s->vendor, s->target_vendor };
	const char	*p[14] = { sid, did, s->vendor, s->product, s->target_vendor,
	    s->target_product, s->hosting, s->planned_cutover, s->actual_cutover,
	    s->special ? "t" : "f", s->special_deadline, s->special_reason, s->notes, ver };
	PGresult	*res;
	int		 v, i;

	if (sqlstate != NULL)
		sqlstate[0] = '\0';
	res = db_query(db, "SELECT $1 = '' OR EXISTS (SELECT 1 FROM vendor WHERE name = $1), "
	    "$2 = '' OR EXISTS (SELECT 1 FROM vendor WHERE name = $2)", 2, q, NULL, cause);
	if (res == NULL)
		return -1;
	for (i = 0; i < 2; i++)
		if (strcmp(db_str(res, 0, i), "t") != 0) {
			PQclear(res);
			return set_cause(cause, "%s: %s", _("no such vendor"), q[i]);
		}
	PQclear(res);
	snprintf(sid, sizeof sid, "%d", s->id);
	snprintf(did, sizeof did, "%d", s->dept_id);
	snprintf(ver, sizeof ver, "%d", s->version);
	res = db_query(db, "UPDATE mig_system SET dept_id = nullif($2::int, 0), "
	    "vendor_id = (SELECT id FROM vendor WHERE name = $3), product = $4, "
	    "target_vendor_id = (SELECT id FROM vendor WHERE name = $5), target_product = $6, "
	    "hosting = $7, planned_cutover = nullif($8, '')::date, "
	    "actual_cutover = nullif($9, '')::date, special_support = $10::boolean, "
	    "special_deadline = nullif($11, '')::date, special_reason = nullif($12, ''), "
	    "notes = $13, version = $14::int WHERE id = $1::int RETURNING version",
	    14, p, sqlstate, cause);
	if (res == NULL)
		return -1;
	v = PQntuples(res) == 1 ? db_int(res, 0, 0) : -1;
	PQclear(res);
	if (v < 0)
		db_refused(sqlstate, cause, _("permission denied"));
	return v;
}

int
mig_risk_comments_load(struct db *db, int risk_id, struct mig_comments *c, char **cause)
{
	char		 rid[16];
	const char	*p[1] = { rid };
	PGresult	*res;
	int		 i;

	snprintf(rid, sizeof rid, "%d", risk_id);
	c->v = db_rows(db, "SELECT to_char(c.created_at, 'YYYY-MM-DD HH24:MI'), "
	    "coalesce(s.login, ''), c.body FROM mig_risk_comment c "
	    "LEFT JOIN staff s ON s.id = c.author_id WHERE c.risk_id = $1::int "
	    "ORDER BY c.created_at, c.id", 1, p, sizeof *c->v, &c->n, &res, cause);
	if (c->v == NULL)
		return -1;
	for (i = 0; i < c->n; i++) {
		snprintf(c->v[i].at, sizeof c->v[i].at, "%s", db_str(res, i, 0));
		c->v[i].who = xstrdup(db_str(res, i, 1));
		c->v[i].body = xstrdup(db_str(res, i, 2));
	}
	PQclear(res);
	return 0;
}

void
mig_risk_comments_free(struct mig_comments *c)
{
	int	 i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].who);
		free(c->v[i].body);
	}
	free(c->v);
	memset(c, 0, sizeof *c);
}

int
mig_risk_comment_add(struct db *db, int risk_id, const char *body, char sqlstate[6],
    char **cause)
{
	char		 rid[16];
	const char	*p[2] = { rid, body };

	snprintf(rid, sizeof rid, "%d", risk_id);
	return db_exec(db, "INSERT INTO mig_risk_comment (risk_id, body, author_id) "
	    "VALUES ($1::int, $2, rs_staff_id())", 2, p, sqlstate, cause);
}

int
mig_cell_load(struct db *db, int sys_id, int step_id, struct mig_cell_fields *c,
    char **cause)
{
	char sid[16], tid[16];
	const char *p[2] = { sid, tid };
	PGresult *res;

	memset(c, 0, sizeof *c);
	c->st = MIG_TODO;
	c->version = MIG_VERSION_NONE;
	snprintf(sid, sizeof sid, "%d", sys_id);
	snprintf(tid, sizeof tid, "%d", step_id);
	res = db_query(db, "SELECT ms.status, coalesce(ms.planned_start::text, ''), "
	    "coalesce(ms.planned_end::text, ''), coalesce(ms.actual_end::text, ''), "
	    "coalesce(s.login, ''), coalesce(s.name, ''), ms.note, ms.version "
	    "FROM mig_status ms LEFT JOIN staff s ON s.id = ms.owner_id "
	    "WHERE ms.system_id = $1::int AND ms.step_id = $2::int", 2, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 1) {
		mig_st_parse(db_str(res, 0, 0), &c->st);
		snprintf(c->ps, sizeof c->ps, "%s", db_str(res, 0, 1));
		snprintf(c->pe, sizeof c->pe, "%s", db_str(res, 0, 2));
		snprintf(c->ae, sizeof c->ae, "%s", db_str(res, 0, 3));
		snprintf(c->owner, sizeof c->owner, "%s", db_str(res, 0, 4));
		snprintf(c->owner_name, sizeof c->owner_name, "%s", db_str(res, 0, 5));
		c->note = xstrdup(db_str(res, 0, 6));
		c->version = db_int(res, 0, 7);
	} else
		c->note = xstrdup("");
	PQclear(res);
	return 0;
}

void
mig_cell_free(struct mig_cell_fields *c)
{
	free(c->note);
	c->note = NULL;
}

enum store_rc
mig_cell_edit(struct db *db, int sys_id, int step_id, const char *ps, const char *pe,
    const char *owner, const char *note, int *version, struct mig_cell_now *now,
    char **cause)
{
	char sid[16], tid[16], ver[16], sqlstate[6] = "";
	const char *p[7] = { sid, tid, ps, pe, owner, note, ver };
	PGresult *res;
	int v;

	snprintf(sid, sizeof sid, "%d", sys_id);
	snprintf(tid, sizeof tid, "%d", step_id);
	snprintf(ver, sizeof ver, "%d", *version);
	if (owner[0] != '\0') {
		const char *q[1] = { owner };

		if ((res = db_query(db, "SELECT 1 FROM staff WHERE login = $1", 1, q, NULL,
		    cause)) == NULL)
			return STORE_FAILED;
		v = PQntuples(res);
		PQclear(res);
		if (v != 1) {
			set_cause(cause, "%s: %s", _("no such member"), owner);
			return STORE_REFUSED;
		}
	}
	res = db_query(db, "INSERT INTO mig_status (system_id, step_id, planned_start, "
	    "planned_end, owner_id, note) VALUES ($1::int, $2::int, nullif($3, '')::date, "
	    "nullif($4, '')::date, (SELECT id FROM staff WHERE login = nullif($5, '')), $6) "
	    "ON CONFLICT (system_id, step_id) DO UPDATE SET "
	    "planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end, "
	    "owner_id = EXCLUDED.owner_id, note = EXCLUDED.note, version = $7::int "
	    "RETURNING version", 7, p, sqlstate, cause);
	if (res != NULL) {
		v = PQntuples(res) == 1 ? db_int(res, 0, 0) : -1;
		PQclear(res);
		if (v >= 0) {
			*version = v;
			return STORE_OK;
		}
		free(*cause);
		*cause = mig_refusal(db, sys_id);
		return STORE_REFUSED;
	}
	if (outcome_of(sqlstate) == STORE_STALE) {
		free(*cause);
		*cause = NULL;
		if (mig_cell_now_load(db, sys_id, step_id, now, cause) != 0)
			return STORE_FAILED;
		*cause = xasprintf(_("%s changed it at %s"), now->who[0] != '\0' ? now->who : "?",
		    now->when[0] != '\0' ? now->when : "?");
		return STORE_STALE;
	}
	if (outcome_is(sqlstate, DB_SQLSTATE_DENIED)) {
		free(*cause);
		*cause = mig_refusal(db, sys_id);
		return STORE_REFUSED;
	}
	if (outcome_is(sqlstate, DB_SQLSTATE_CHECK)) {
		free(*cause);
		*cause = xstrdup(_("not saved: the planned end is before the start, or the note is longer than 2000 characters"));
		return STORE_REFUSED;
	}
	return outcome_of(sqlstate) == STORE_REFUSED ? STORE_REFUSED : STORE_FAILED;
}
