/*
 * store_eval — SQL for the PDCA evaluations and hearings (see store_eval.h). Each step
 * reads the latest revision, then inserts or updates it carrying the version read; the
 * trigger rs_evaluation_guard and the row-level policies accept or refuse.
 */
#include "backend/store/store_eval.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_plan.h"
#include "backend/lib/util.h"

static char *
dup_or_null(const PGresult *res, int r, int c)
{
	return db_isnull(res, r, c) ? NULL : xstrdup(db_str(res, r, c));
}

int
eval_board(struct db *db, int fy, int measure_id, struct plan_eval **out, int *n, char **cause)
{
	char fbuf[16], mbuf[16];
	const char *p[2] = { fbuf, mbuf };
	struct plan_eval *e;
	PGresult *res;
	char *why = NULL;
	int i, c;

	*out = NULL;
	*n = 0;
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	snprintf(mbuf, sizeof mbuf, "%d", measure_id);
	res = db_query(db, "SELECT m.id, m.part_id, m.seq, m.part_id || '-' || m.seq, m.name, "
	    "coalesce(e.id, 0), coalesce(e.revision, 0), coalesce(e.supersedes, 0), "
	    "coalesce(e.version, 0), e.e1_grade, e.e1_achievements, e.e1_issues, e.e1_next, "
	    "s1.name, to_char(e.e1_submitted_at, 'YYYY-MM-DD'), e.cio_comment, sc.name, "
	    "to_char(e.cio_at, 'YYYY-MM-DD'), e.e2_grade, e.e2_findings, e.e2_instruction, "
	    "s2.name, to_char(e.e2_submitted_at, 'YYYY-MM-DD'), "
	    "to_char(e.published_at, 'YYYY-MM-DD'), sp.name, "
	    "(SELECT count(*) FROM hearing h WHERE h.measure_id = m.id AND h.fy = $1::int)::int "
	    "FROM measure m LEFT JOIN LATERAL (SELECT * FROM evaluation x WHERE x.measure_id = m.id "
	    "AND x.fy = $1::int ORDER BY x.revision DESC LIMIT 1) e ON true "
	    "LEFT JOIN staff s1 ON s1.id = e.e1_by LEFT JOIN staff sc ON sc.id = e.cio_by "
	    "LEFT JOIN staff s2 ON s2.id = e.e2_by LEFT JOIN staff sp ON sp.id = e.published_by "
	    "WHERE $2::int = 0 OR m.id = $2::int ORDER BY m.part_id, m.seq", 2, p, NULL, &why);
	if (res == NULL) {
		set_cause(cause, "evaluation: %s", why);
		free(why);
		return -1;
	}
	*n = PQntuples(res);
	e = xcalloc((size_t)*n + 1, sizeof *e);
	for (i = 0; i < *n; i++) {
		c = 0;
		e[i].measure_id = db_int(res, i, c++);
		e[i].part_id = db_int(res, i, c++);
		e[i].seq = db_int(res, i, c++);
		e[i].code = xstrdup(db_str(res, i, c++));
		e[i].name = xstrdup(db_str(res, i, c++));
		e[i].id = db_int(res, i, c++);
		e[i].revision = db_int(res, i, c++);
		e[i].supersedes = db_int(res, i, c++);
		e[i].version = db_int(res, i, c++);
		e[i].e1_grade = dup_or_null(res, i, c++);
		e[i].e1_achievements = dup_or_null(res, i, c++);
		e[i].e1_issues = dup_or_null(res, i, c++);
		e[i].e1_next = dup_or_null(res, i, c++);
		e[i].e1_by = dup_or_null(res, i, c++);
		e[i].e1_at = dup_or_null(res, i, c++);
		e[i].cio_comment = dup_or_null(res, i, c++);
		e[i].cio_by = dup_or_null(res, i, c++);
		e[i].cio_at = dup_or_null(res, i, c++);
		e[i].e2_grade = dup_or_null(res, i, c++);
		e[i].e2_findings = dup_or_null(res, i, c++);
		e[i].e2_instruction = dup_or_null(res, i, c++);
		e[i].e2_by = dup_or_null(res, i, c++);
		e[i].e2_at = dup_or_null(res, i, c++);
		e[i].published_at = dup_or_null(res, i, c++);
		e[i].published_by = dup_or_null(res, i, c++);
		e[i].hearings = db_int(res, i, c++);
	}
	PQclear(res);
	*out = e;
	return 0;
}

void
eval_board_free(struct plan_eval *e, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		char **f[] = { &e[i].code, &e[i].name, &e[i].e1_grade, &e[i].e1_achievements,
			&e[i].e1_issues, &e[i].e1_next, &e[i].e1_by, &e[i].e1_at, &e[i].cio_comment,
			&e[i].cio_by, &e[i].cio_at, &e[i].e2_grade, &e[i].e2_findings,
			&e[i].e2_instruction, &e[i].e2_by, &e[i].e2_at, &e[i].published_at,
			&e[i].published_by };
		size_t j;

		for (j = 0; j < nitems(f); j++)
			free(*f[j]);
	}
	free(e);
}

static const char stale_eval[] = NP_("plan", "the evaluation was changed by someone else meanwhile; "
    "read it again and retry");
static const char denied_eval[] = NP_("plan", "permission denied: evaluations are written by IT staff, "
    "the DX council and the measure's departments only");

/*
 * A failed write said in the UI language, by its SQLSTATE: a policy's refusal (42501,
 * which has no reason of its own) as denied, a stale version as such; a refusal of
 * rs_evaluation_guard (RS3nn) comes from db.c already said by its code (outcome.c).
 */
static int
refused(char **cause, const char *state, char *why, const char *denied)
{
	enum store_rc rc = outcome_of(state);

	if (outcome_is(state, DB_SQLSTATE_DENIED))
		set_cause(cause, "%s", plan_tr(denied));
	else if (rc == STORE_STALE)
		set_cause(cause, "%s", plan_tr(stale_eval));
	else
		set_cause(cause, "%s", why != NULL ? why : "?");
	free(why);
	return rc;
}

/* The latest revision for (measure, fy): 1 found, 0 none, -1 error. */
static int
latest(struct db *db, const char *mbuf, const char *fbuf, int *id, int *version, int *revision,
    int *published, char **cause)
{
	const char *p[2] = { mbuf, fbuf };
	PGresult *res;
	char *why = NULL;
	int found;

	res = db_query(db, "SELECT id, version, revision, (published_at IS NOT NULL)::int "
	    "FROM evaluation WHERE measure_id = $1::int AND fy = $2::int "
	    "ORDER BY revision DESC LIMIT 1", 2, p, NULL, &why);
	if (res == NULL) {
		set_cause(cause, "evaluation: %s", why);
		free(why);
		return -1;
	}
	found = PQntuples(res) == 1;
	if (found) {
		*id = db_int(res, 0, 0);
		*version = db_int(res, 0, 1);
		*revision = db_int(res, 0, 2);
		*published = db_int(res, 0, 3);
	}
	PQclear(res);
	return found;
}

enum step { STEP_FIRST, STEP_SECOND, STEP_COMMENT, STEP_PUBLISH };

/* A policy's refusal of a step (no reason of its own) said for the step refused. */
static int
step_refused(char **cause, enum step step, const char *state, char *why)
{
	static const char *const denied[] = {
		NP_("plan", "permission denied: only the measure's department (lead) or IT staff may write the 1st evaluation"),
		NP_("plan", "permission denied: only the DX council / CIO adviser (auditor) may write the 2nd evaluation and comments"),
		NP_("plan", "permission denied: only the DX council / CIO adviser (auditor) may write the 2nd evaluation and comments"),
		NP_("plan", "permission denied: only IT staff (admin) publish evaluations"),
	};

	return refused(cause, state, why, denied[step]);
}

/* Insert (no row yet) or update the latest revision; the SQL per step is constant. */
static int
write_step(struct db *db, enum step step, int measure_id, int fy, const struct eval_input *in,
    char **cause)
{
	/* inserts take measure, fy and the step's fields only: $3.. */
	static const char *const ins[] = {
		"INSERT INTO evaluation (measure_id, fy, e1_grade, e1_achievements, e1_issues, "
		"e1_next, e1_by, e1_submitted_at) VALUES ($1::int, $2::int, $3, $4, $5, $6, "
		"rs_staff_id(), now())",
		"INSERT INTO evaluation (measure_id, fy, e2_grade, e2_findings, e2_instruction, "
		"e2_by, e2_submitted_at) VALUES ($1::int, $2::int, $3, $4, $5, rs_staff_id(), now())",
		"INSERT INTO evaluation (measure_id, fy, cio_comment, cio_by, cio_at) "
		"VALUES ($1::int, $2::int, $3, rs_staff_id(), now())",
		NULL,
	};
	static const int ins_n[] = { 6, 5, 3, 0 };
	static const char *const upd[] = {
		"UPDATE evaluation SET e1_grade = $4, e1_achievements = coalesce($5, e1_achievements), "
		"e1_issues = coalesce($6, e1_issues), e1_next = coalesce($7, e1_next), "
		"e1_by = rs_staff_id(), e1_submitted_at = now(), version = $3::int "
		"WHERE id = $8::int AND measure_id = $1::int AND fy = $2::int RETURNING id",
		"UPDATE evaluation SET e2_grade = $4, e2_findings = coalesce($5, e2_findings), "
		"e2_instruction = coalesce($6, e2_instruction), e2_by = rs_staff_id(), "
		"e2_submitted_at = now(), version = $3::int "
		"WHERE id = $8::int AND measure_id = $1::int AND fy = $2::int AND $7::text IS NULL "
		"RETURNING id",
		"UPDATE evaluation SET cio_comment = $5, cio_by = rs_staff_id(), cio_at = now(), "
		"version = $3::int WHERE id = $8::int AND measure_id = $1::int AND fy = $2::int "
		"AND $4::text IS NULL AND $6::text IS NULL AND $7::text IS NULL RETURNING id",
		"UPDATE evaluation SET published_at = now(), published_by = rs_staff_id(), "
		"version = $3::int WHERE id = $8::int AND measure_id = $1::int AND fy = $2::int "
		"AND $4::text IS NULL AND $5::text IS NULL AND $6::text IS NULL AND $7::text IS NULL "
		"RETURNING id",
	};
	char mbuf[16], fbuf[16], vbuf[16], ibuf[16], state[6];
	const char *p[8];
	PGresult *res;
	char *why = NULL;
	int id = 0, version = 0, revision = 0, published = 0, found, n;

	snprintf(mbuf, sizeof mbuf, "%d", measure_id);
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	if ((found = latest(db, mbuf, fbuf, &id, &version, &revision, &published, cause)) < 0)
		return -1;
	if (in != NULL && in->version != 0 && (in->version == EVAL_NONE ? found :
	    !found || in->version != version)) {
		set_cause(cause, "%s", plan_tr(stale_eval));
		return STORE_STALE;
	}
	snprintf(vbuf, sizeof vbuf, "%d", version);
	snprintf(ibuf, sizeof ibuf, "%d", id);
	p[0] = mbuf;
	p[1] = fbuf;
	p[2] = vbuf;
	p[3] = in != NULL ? in->grade : NULL;
	p[4] = in != NULL ? in->text1 : NULL;
	p[5] = in != NULL ? in->text2 : NULL;
	p[6] = in != NULL ? in->text3 : NULL;
	p[7] = ibuf;
	if (!found) {
		const char *ip[6] = { mbuf, fbuf, step == STEP_COMMENT ? p[4] : p[3], p[4], p[5],
			p[6] };

		if (ins[step] == NULL)
			return set_cause(cause, "%s", plan_tr("there is no evaluation for this measure and "
			    "year yet"));
		if (db_exec(db, ins[step], ins_n[step], ip, state, &why) != 0)
		{
			/* a writer who saw none, beaten by another insert, is stale (RS306) */
			if (outcome_is(state, DB_SQLSTATE_EVAL_EXISTS) && in != NULL && in->version == EVAL_NONE) {
				free(why);
				set_cause(cause, "%s", plan_tr(stale_eval));
				return STORE_STALE;
			}
			return step_refused(cause, step, state, why);
		}
		return 0;
	}
	res = db_query(db, upd[step], 8, p, state, &why);
	if (res == NULL)
		return step_refused(cause, step, state, why);
	n = PQntuples(res);
	PQclear(res);
	if (n == 0)	/* visible, but the update policy does not let this member write it */
		return step_refused(cause, step, DB_SQLSTATE_DENIED, NULL);
	return 0;
}

int
eval_submit(struct db *db, int measure_id, int fy, const struct eval_input *in, char **cause)
{
	return write_step(db, STEP_FIRST, measure_id, fy, in, cause);
}

int
eval_second(struct db *db, int measure_id, int fy, const struct eval_input *in, char **cause)
{
	struct eval_input e2 = { in->grade, in->text1, in->text2, NULL, in->version };

	return write_step(db, STEP_SECOND, measure_id, fy, &e2, cause);
}

int
eval_comment(struct db *db, int measure_id, int fy, const char *text, char **cause)
{
	return eval_comment_v(db, measure_id, fy, text, 0, cause);
}

int
eval_comment_v(struct db *db, int measure_id, int fy, const char *text, int version,
    char **cause)
{
	struct eval_input c = { NULL, text, NULL, NULL, version };

	return write_step(db, STEP_COMMENT, measure_id, fy, &c, cause);
}

int
eval_publish(struct db *db, int measure_id, int fy, char **cause)
{
	return write_step(db, STEP_PUBLISH, measure_id, fy, NULL, cause);
}

int
eval_revise(struct db *db, int measure_id, int fy, int *revision, char **cause)
{
	char mbuf[16], fbuf[16], ibuf[16], rbuf[16], state[6];
	const char *p[4] = { mbuf, fbuf, ibuf, rbuf };
	char *why = NULL;
	int id = 0, version = 0, rev = 0, published = 0, found;

	snprintf(mbuf, sizeof mbuf, "%d", measure_id);
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	if ((found = latest(db, mbuf, fbuf, &id, &version, &rev, &published, cause)) < 0)
		return -1;
	if (!found)
		return set_cause(cause, "%s", plan_tr("there is no evaluation for this measure and year yet"));
	snprintf(ibuf, sizeof ibuf, "%d", id);
	snprintf(rbuf, sizeof rbuf, "%d", rev + 1);
	/* the new revision starts from the 1st evaluation's text, not yet submitted */
	if (db_exec(db, "INSERT INTO evaluation (measure_id, fy, revision, supersedes, e1_grade, "
	    "e1_achievements, e1_issues, e1_next) SELECT $1::int, $2::int, $4::int, id, e1_grade, "
	    "e1_achievements, e1_issues, e1_next FROM evaluation WHERE id = $3::int",
	    4, p, state, &why) != 0)
		return refused(cause, state, why, denied_eval);
	*revision = rev + 1;
	return 0;
}

int
eval_hearing(struct db *db, int measure_id, int fy, const char *held_on, const char *attendees,
    const char *notes, char **cause)
{
	char mbuf[16], fbuf[16], state[6];
	const char *p[5] = { mbuf, fbuf, held_on, attendees, notes };
	char *why = NULL;

	snprintf(mbuf, sizeof mbuf, "%d", measure_id);
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	if (db_exec(db, "INSERT INTO hearing (measure_id, fy, held_on, attendees, notes) "
	    "VALUES ($1::int, $2::int, $3::date, $4, $5)", 5, p, state, &why) != 0) {
		return refused(cause, state, why, NP_("plan", "permission denied: hearings are recorded by IT "
		    "staff, the DX council and the measure's departments"));
	}
	return 0;
}
