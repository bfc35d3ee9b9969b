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
