/*
 * store_plan_add — additions to the plan: measures with their departments, concrete
 * actions (see store_plan.h). Constant SQL with $n
 * parameters; the policies decide who may (sql/009, 013), sql/060 keeps the 計画当初
 * text and the plan's period; the audit triggers record every write.
 */
#include "backend/store/store_plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

int
plan_text_check(const char *what, const char *s, int max, int multiline, char **cause)
{
	return text_input_check(what, s, multiline ? TEXT_IN_MULTILINE : 0, max, cause);
}

const char *
plan_added_label(int fy, char *buf, size_t len)
{
	char f[FY_BUFSIZE];

	snprintf(buf, len, "%s (%s)", plan_tr("added"), fy_format(fy, i18n_lang(), f, sizeof f));
	return buf;
}

/* A failed write's message: refusal by the policies, a duplicate number, or as it came. */
static int
add_failed(const char *state, char *why, enum plan_field *bad, char **cause)
{
	if (outcome_is(state, DB_SQLSTATE_DENIED)) {
		free(why);
		return set_cause(cause, "%s", plan_tr("permission denied: only IT staff (admin) may "
		    "add measures and actions"));
	}
	if (outcome_is(state, DB_SQLSTATE_UNIQUE)) {
		free(why);
		*bad = PLAN_F_SEQ;
		return set_cause(cause, "%s", plan_tr("that number is taken"));
	}
	set_cause(cause, "%s", why != NULL ? why : "?");
	free(why);
	return -1;
}

static int
check_common(const struct plan_new *in, const char **status, enum plan_field *bad,
    char **cause)
{
	*status = in->status == NULL || in->status[0] == '\0' ? "not_started" :
	    plan_status_parse(in->status);
	if (*status == NULL) {
		*bad = PLAN_F_STATUS;
		return set_cause(cause, "%s: %s", in->status, plan_tr("one of not_started, studying, "
		    "in_progress, done, reviewing"));
	}
	if (in->seq < 0 || in->seq > 99) {
		*bad = PLAN_F_SEQ;
		return set_cause(cause, "%d: %s", in->seq, plan_tr("a number 1-99"));
	}
	if (in->fy < PLAN_FY_FIRST || in->fy > PLAN_FY_MAX)
		return set_cause(cause, "%d: %s", in->fy, plan_tr("a fiscal year 2026-2032"));
	return 0;
}

/* Department references ("T-A,テスト乙課") to a PostgreSQL int array literal. */
static int
dept_ids(struct db *db, const char *list, char **arr, enum plan_field *bad, char **cause)
{
	char *copy = xstrdup(list), *p = copy, *tok, *why = NULL, *a = xstrdup("{");
	const char *pv[1];
	PGresult *res;
	size_t i;
	int n = 0;

	for (i = 0; copy[i] != '\0'; i++)	/* "、" and "，" as "," */
		if (strncmp(copy + i, "、", 3) == 0 || strncmp(copy + i, "，", 3) == 0)
			memcpy(copy + i, ",  ", 3);
	while ((tok = strsep(&p, ",")) != NULL) {
		char *t = tok, *end = tok + strlen(tok), *na;

		while (*t == ' ')
			t++;
		while (end > t && end[-1] == ' ')
			*--end = '\0';
		if (*t == '\0')
			continue;
		pv[0] = t;
		res = db_query(db, "SELECT id FROM department WHERE code = $1 OR name = $1 "
		    "ORDER BY (code = $1) DESC LIMIT 1", 1, pv, NULL, &why);
		if (res == NULL || PQntuples(res) != 1) {
			*bad = PLAN_F_DEPTS;
			if (res == NULL)
				set_cause(cause, "department: %s", why != NULL ? why : "?");
			else
				set_cause(cause, "%s: %s", plan_tr("unknown department"), t);
			PQclear(res);
			free(why);
			free(copy);
			free(a);
			return -1;
		}
		na = xasprintf("%s%s%d", a, n++ > 0 ? "," : "", db_int(res, 0, 0));
		free(a);
		a = na;
		PQclear(res);
	}
	free(copy);
	if (n == 0) {
		free(a);
		*bad = PLAN_F_DEPTS;
		return set_cause(cause, "%s", plan_tr("at least one responsible department"));
	}
	*arr = xasprintf("%s}", a);
	free(a);
	return 0;
}

int
plan_measure_add(struct db *db, const struct plan_new *in, int *id, int *seq,
    enum plan_field *bad, char **cause)
{
	char partb[16], seqb[16], fyb[16], idb[16], state[6], *depts = NULL, *why = NULL;
	const char *status, *p[7];
	PGresult *res;

	*bad = PLAN_F_NONE;
	if (check_common(in, &status, bad, cause) != 0)
		return -1;
	if (in->part < 1 || in->part > 9) {
		*bad = PLAN_F_PART;
		return set_cause(cause, "%d: %s", in->part, plan_tr("a part number 1-9"));
	}
	if (in->name[0] == '\0') {
		*bad = PLAN_F_NAME;
		return set_cause(cause, "%s", plan_tr("a name is required"));
	}
	if (plan_text_check(plan_tr("name"), in->name, 200, 0, cause) != 0) {
		*bad = PLAN_F_NAME;
		return -1;
	}
	if (plan_text_check(plan_tr("goal"), in->goal, 4000, 1, cause) != 0) {
		*bad = PLAN_F_GOAL;
		return -1;
	}
	if (plan_text_check(plan_tr("overview"), in->overview, 8000, 1, cause) != 0) {
		*bad = PLAN_F_OVERVIEW;
		return -1;
	}
	if (plan_text_check(plan_tr("departments"), in->depts, 2000, 0, cause) != 0) {
		*bad = PLAN_F_DEPTS;
		return -1;
	}
	snprintf(partb, sizeof partb, "%d", in->part);
	p[0] = partb;
	res = db_query(db, "SELECT 1 FROM plan_part WHERE id = $1::int", 1, p, NULL, &why);
	if (res == NULL)
		return add_failed("", why, bad, cause);
	if (PQntuples(res) != 1) {
		PQclear(res);
		*bad = PLAN_F_PART;
		return set_cause(cause, "%s: %d", plan_tr("unknown part"), in->part);
	}
	PQclear(res);
	if (dept_ids(db, in->depts, &depts, bad, cause) != 0)
		return -1;
	snprintf(seqb, sizeof seqb, "%d", in->seq);
	snprintf(fyb, sizeof fyb, "%d", in->fy);
	p[1] = seqb;
	p[2] = in->name;
	p[3] = in->goal;
	p[4] = in->overview;
	p[5] = status;
	p[6] = fyb;
	if (db_begin(db, cause) != 0) {
		free(depts);
		return -1;
	}
	res = db_query(db, "INSERT INTO measure (part_id, seq, name, goal, overview, status, "
	    "added_fy) VALUES ($1::int, CASE WHEN $2::int > 0 THEN $2::int ELSE (SELECT "
	    "coalesce(max(seq), 0) + 1 FROM measure WHERE part_id = $1::int) END, $3, $4, $5, "
	    "$6, $7::int) RETURNING id, seq", 7, p, state, &why);
	if (res == NULL)
		goto failed;
	*id = db_int(res, 0, 0);
	*seq = db_int(res, 0, 1);
	PQclear(res);
	snprintf(idb, sizeof idb, "%d", *id);
	p[0] = idb;
	p[1] = depts;
	if (db_exec(db, "INSERT INTO measure_dept (measure_id, dept_id) "
	    "SELECT DISTINCT $1::int, unnest($2::int[])", 2, p, state, &why) != 0)
		goto failed;
	free(depts);
	return db_commit(db, cause);
failed:
	db_rollback(db);
	free(depts);
	return add_failed(state, why, bad, cause);
}

int
plan_action_add(struct db *db, const struct plan_new *in, int *id, int *seq,
    enum plan_field *bad, char **cause)
{
	char mb[16], seqb[16], fyb[16], state[6], *why = NULL;
	const char *status, *p[6];
	PGresult *res;

	*bad = PLAN_F_NONE;
	if (check_common(in, &status, bad, cause) != 0)
		return -1;
	if (in->name[0] == '\0') {
		*bad = PLAN_F_NAME;
		return set_cause(cause, "%s", plan_tr("a title is required"));
	}
	if (plan_text_check(plan_tr("title"), in->name, 300, 0, cause) != 0) {
		*bad = PLAN_F_NAME;
		return -1;
	}
	if (plan_text_check(plan_tr("text"), in->overview, 8000, 1, cause) != 0) {
		*bad = PLAN_F_OVERVIEW;
		return -1;
	}
	snprintf(mb, sizeof mb, "%d", in->measure_id);
	snprintf(seqb, sizeof seqb, "%d", in->seq);
	snprintf(fyb, sizeof fyb, "%d", in->fy);
	p[0] = mb;
	p[1] = seqb;
	p[2] = in->name;
	p[3] = in->overview;
	p[4] = status;
	p[5] = fyb;
	res = db_query(db, "INSERT INTO action (measure_id, seq, title, body, status, added_fy) "
	    "VALUES ($1::int, CASE WHEN $2::int > 0 THEN $2::int ELSE (SELECT coalesce(max(seq), "
	    "0) + 1 FROM action WHERE measure_id = $1::int) END, $3, $4, $5, $6::int) "
	    "RETURNING id, seq", 6, p, state, &why);
	if (res == NULL) {
		if (outcome_is(state, DB_SQLSTATE_FOREIGN_KEY)) {
			free(why);
			*bad = PLAN_F_MEASURE;
			return set_cause(cause, "%s: %d", plan_tr("unknown measure"), in->measure_id);
		}
		return add_failed(state, why, bad, cause);
	}
	*id = db_int(res, 0, 0);
	*seq = db_int(res, 0, 1);
	PQclear(res);
	return 0;
}
