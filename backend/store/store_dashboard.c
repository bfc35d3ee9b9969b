/*
 * store_dashboard — the dashboard's numbers (see store_dashboard.h). Each tile is one
 * constant statement with $n parameters: $1 today (date), $2 fiscal year, $3 department
 * (0 = all), $4 trainer (0 = all) — each statement uses the ones it needs.
 */
#include "backend/store/store_dashboard.h"

#include <stdio.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/util.h"

static const char sql_parts[] =
	"SELECT p.id, p.title,"
	" count(m.id) FILTER (WHERE m.status = 'not_started'),"
	" count(m.id) FILTER (WHERE m.status = 'studying'),"
	" count(m.id) FILTER (WHERE m.status = 'in_progress'),"
	" count(m.id) FILTER (WHERE m.status = 'done'),"
	" count(m.id) FILTER (WHERE m.status = 'reviewing')"
	" FROM plan_part p LEFT JOIN measure m ON m.part_id = p.id AND ($1::int = 0 OR"
	"  EXISTS (SELECT 1 FROM measure_dept d WHERE d.measure_id = m.id AND d.dept_id = $1::int))"
	" GROUP BY p.id, p.title ORDER BY p.id LIMIT 9";

static const char sql_phases[] =
	"SELECT phase, count(DISTINCT measure_id) FROM measure_phase"
	" WHERE $1::int BETWEEN fy_from AND fy_to"
	" GROUP BY phase ORDER BY 2 DESC, phase LIMIT 4";

static const char sql_eval[] =
	"SELECT (SELECT count(*) FROM measure),"
	" count(e.id) FILTER (WHERE e.e1_submitted_at IS NOT NULL),"
	" count(e.id) FILTER (WHERE e.e2_submitted_at IS NOT NULL),"
	" count(e.id) FILTER (WHERE e.published_at IS NOT NULL),"
	" count(e.id) FILTER (WHERE e.e1_submitted_at IS NOT NULL AND e.cio_comment IS NULL),"
	" (SELECT count(*) FROM measure m WHERE ($2::int = 0 OR EXISTS (SELECT 1 FROM"
	"   measure_dept d WHERE d.measure_id = m.id AND d.dept_id = $2::int))"
	"   AND NOT EXISTS (SELECT 1 FROM evaluation x WHERE x.measure_id = m.id"
	"   AND x.fy = $1::int AND x.e1_submitted_at IS NOT NULL))"
	" FROM evaluation e WHERE e.fy = $1::int"
	" AND NOT EXISTS (SELECT 1 FROM evaluation n WHERE n.supersedes = e.id)";

/* Per system its finished / doing counts from mig_progress (sql/100: kept by triggers),
 * not the 20 x 40 cells counted at every reload; overdue cells from mig_due's open cells
 * per end date (sql/112, the same triggers), not from mig_status's 800 rows. */
static const char sql_mig[] =
	"WITH steps AS (SELECT count(*) AS n FROM mig_step WHERE NOT retired),"
	" sys AS ("
	"  SELECT coalesce(pr.finished, 0) AS finished, coalesce(pr.doing, 0) AS doing"
	"  FROM mig_system sy LEFT JOIN mig_progress pr ON pr.system_id = sy.id"
	"  WHERE $2::int = 0 OR sy.dept_id = $2::int)"
	" SELECT (SELECT count(*) FROM mig_system WHERE $2::int = 0 OR dept_id = $2::int),"
	" coalesce(sum(steps.n), 0), coalesce(sum(finished), 0),"
	" rs_mig_systems_done($2::int),"	/* as the KPI counts them (sql/141) */
	" count(*) FILTER (WHERE finished < steps.n AND (doing > 0 OR finished > 0)),"
	" count(*) FILTER (WHERE finished = 0 AND doing = 0),"
	" (SELECT coalesce(sum(u.open), 0) FROM mig_due u"
	"   JOIN mig_system s3 ON s3.id = u.system_id"
	"   WHERE u.planned_end < $1::date AND ($2::int = 0 OR s3.dept_id = $2::int)),"
	" (SELECT count(*) FROM mig_system WHERE special_support"
	"   AND ($2::int = 0 OR dept_id = $2::int)),"
	" (SELECT count(*) FROM mig_risk r JOIN mig_system s2 ON s2.id = r.system_id"
	"   WHERE r.status IN ('open', 'in_progress') AND ($2::int = 0 OR s2.dept_id = $2::int))"
	" FROM sys CROSS JOIN steps WHERE steps.n > 0";	/* no steps: no cells, as on the board */

static const char sql_vdi[] =
	"SELECT"
	/* 有効 as vdi list says it (rs_vdi_state): within its period, not 予定 before it */
	" (SELECT count(*) FROM vdi_account"
	"   WHERE rs_vdi_state(state, valid_from, valid_to, $1::date) = 'active'),"
	" (SELECT count(*) FROM vdi_request WHERE state IN ('requested', 'manager_approved')),"
	" (SELECT count(*) FROM vdi_account WHERE state = 'active'"
	"   AND valid_to BETWEEN $1::date AND $1::date + 30)";

static const char sql_training[] =
	"SELECT"
	/* the KPI's own figures (kpi_figure, sql/141): the report and `kpi list` say the same */
	" coalesce(rs_kpi_actual('dx_leaders', $2::int), 0),"
	" coalesce(rs_kpi_target('dx_leaders', $2::int), 0),"
	" (SELECT count(*) FROM dx_candidate WHERE fy = $2::int AND status = 'in_training'),"
	" (SELECT count(*) FROM course_session WHERE starts_at >= date_trunc('month', $1::date)"
	"   AND starts_at < date_trunc('month', $1::date) + interval '1 month'),"
	" (SELECT count(DISTINCT cs.id) FROM course_session cs"
	"   JOIN enrolment e ON e.session_id = cs.id AND e.state = 'enrolled'"
	"   LEFT JOIN attendance a ON a.session_id = cs.id AND a.staff_id = e.staff_id"
	"   WHERE cs.starts_at < $1::date AND a.staff_id IS NULL"
	"   AND ($3::int = 0 OR cs.trainer_id = $3::int)),"
	" (SELECT count(*) FROM course_session cs"
	"   JOIN enrolment e ON e.session_id = cs.id AND e.state = 'enrolled'"
	"   LEFT JOIN attendance a ON a.session_id = cs.id AND a.staff_id = e.staff_id"
	"   WHERE cs.starts_at < $1::date AND a.staff_id IS NULL"
	"   AND ($3::int = 0 OR cs.trainer_id = $3::int))";

static const char sql_upcoming[] =
	"SELECT to_char(cs.starts_at, 'YYYY-MM-DD HH24:MI'), c.title, cs.place,"
	" (SELECT count(*) FROM enrolment e WHERE e.session_id = cs.id AND e.state = 'enrolled')"
	" FROM course_session cs JOIN course c ON c.id = cs.course_id"
	" WHERE cs.starts_at >= $1::date AND cs.starts_at < $1::date + 14"
	" AND ($2::int = 0 OR cs.trainer_id = $2::int)"
	" ORDER BY cs.starts_at, cs.id LIMIT 6";

static void
store_dashboard_copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src);
}

/* The dashboard's statements, one per tile (bit 1 << Q_x is DASH_T_x). */
enum { Q_PARTS, Q_PHASES, Q_EVAL, Q_MIG, Q_VDI, Q_TRAINING, Q_UPCOMING, Q_N };

static const struct {
	const char	*table;
	unsigned	 tiles;
} dash_moves[] = {
	{ "plan_part", DASH_T_PARTS },
	{ "measure", DASH_T_PARTS | DASH_T_EVAL },
	{ "measure_dept", DASH_T_PARTS | DASH_T_EVAL },
	{ "measure_phase", DASH_T_PHASES },
	{ "evaluation", DASH_T_EVAL },
	{ "mig_system", DASH_T_MIG },
	{ "mig_step", DASH_T_MIG },
	{ "mig_status", DASH_T_MIG },
	{ "mig_risk", DASH_T_MIG },
	{ "vdi_account", DASH_T_VDI },
	{ "vdi_request", DASH_T_VDI },
	{ "course", DASH_T_UPCOMING },
	{ "course_session", DASH_T_TRAINING | DASH_T_UPCOMING },
	{ "enrolment", DASH_T_TRAINING | DASH_T_UPCOMING },
	{ "attendance", DASH_T_TRAINING },
	{ "dx_candidate", DASH_T_TRAINING },
	{ "dx_target", DASH_T_TRAINING },
};

unsigned
store_dashboard_tiles_of(const char *table)
{
	size_t	 i;

	for (i = 0; i < nitems(dash_moves); i++) {
		if (strcmp(table, dash_moves[i].table) == 0)
			return dash_moves[i].tiles;
	}
	return 0;
}

/* Tile q's numbers from its result into d. */
static void
store_dashboard_take(int q, PGresult *res, struct dashboard *d)
{
	int	 i, j;

	switch (q) {
	case Q_PARTS:
		for (i = 0; i < PQntuples(res) && i < DASH_MAX_PARTS; i++) {
			d->parts[i].id = db_int(res, i, 0);
			store_dashboard_copy(d->parts[i].title, sizeof d->parts[i].title,
			    db_str(res, i, 1));
			for (j = 0; j < DASH_NSTATUS; j++)
				d->parts[i].by_status[j] = db_int(res, i, 2 + j);
		}
		d->nparts = i;
		break;
	case Q_PHASES:
		for (i = 0; i < PQntuples(res) && i < DASH_MAX_PHASES; i++) {
			store_dashboard_copy(d->phases[i].phase, sizeof d->phases[i].phase,
			    db_str(res, i, 0));
			d->phases[i].measures = db_int(res, i, 1);
		}
		d->nphases = i;
		break;
	case Q_EVAL:
		d->measures = db_int(res, 0, 0);
		d->e1_submitted = db_int(res, 0, 1);
		d->e2_submitted = db_int(res, 0, 2);
		d->published = db_int(res, 0, 3);
		d->cio_pending = db_int(res, 0, 4);
		d->e1_missing = db_int(res, 0, 5);
		break;
	case Q_MIG:
		d->mig_systems = db_int(res, 0, 0);
		d->mig_cells = db_int(res, 0, 1);
		d->mig_finished = db_int(res, 0, 2);
		d->sys_done = db_int(res, 0, 3);
		d->sys_doing = db_int(res, 0, 4);
		d->sys_todo = db_int(res, 0, 5);
		d->steps_overdue = db_int(res, 0, 6);
		d->special_support = db_int(res, 0, 7);
		d->risks_open = db_int(res, 0, 8);
		break;
	case Q_VDI:
		d->vdi_active = db_int(res, 0, 0);
		d->vdi_requested = db_int(res, 0, 1);
		d->vdi_expiring = db_int(res, 0, 2);
		break;
	case Q_TRAINING:
		d->dx_certified = db_int(res, 0, 0);
		d->dx_target = db_int(res, 0, 1);
		d->dx_in_training = db_int(res, 0, 2);
		d->sessions_month = db_int(res, 0, 3);
		d->unmarked_sessions = db_int(res, 0, 4);
		d->unmarked_people = db_int(res, 0, 5);
		break;
	case Q_UPCOMING:
		for (i = 0; i < PQntuples(res) && i < DASH_MAX_SESSIONS; i++) {
			struct dash_session *s = &d->upcoming[i];

			store_dashboard_copy(s->starts, sizeof s->starts, db_str(res, i, 0));
			store_dashboard_copy(s->course, sizeof s->course, db_str(res, i, 1));
			store_dashboard_copy(s->place, sizeof s->place, db_str(res, i, 2));
			s->enrolled = db_int(res, i, 3);
		}
		d->nupcoming = i;
		break;
	}
}

/* Ask for the tiles: sent and left in flight (r NULL: db_batch_send), or read into r. */
static int
store_dashboard_ask(struct db *db, const char *today, int fy, int dept_id, int trainer_id,
    unsigned tiles, struct dashboard_req *req, PGresult **r, char **cause)
{
	char		 fys[16], depts[16], trainers[16];
	const char	*p_dept[1] = { depts }, *p_fy[1] = { fys }, *p_fy_dept[2] = { fys, depts };
	const char	*p_today_dept[2] = { today, depts }, *p_today[1] = { today };
	const char	*p_today_fy_tr[3] = { today, fys, trainers };
	const char	*p_today_tr[2] = { today, trainers };
	const struct db_stmt all[Q_N] = {
		[Q_PARTS] = { sql_parts, 1, p_dept },
		[Q_PHASES] = { sql_phases, 1, p_fy },
		[Q_EVAL] = { sql_eval, 2, p_fy_dept },
		[Q_MIG] = { sql_mig, 2, p_today_dept },
		[Q_VDI] = { sql_vdi, 1, p_today },
		[Q_TRAINING] = { sql_training, 3, p_today_fy_tr },
		[Q_UPCOMING] = { sql_upcoming, 2, p_today_tr },
	};
	struct db_stmt	 q[Q_N];
	int		 i, rc;

	snprintf(fys, sizeof fys, "%d", fy);
	snprintf(depts, sizeof depts, "%d", dept_id);
	snprintf(trainers, sizeof trainers, "%d", trainer_id);
	req->tiles = tiles;
	req->n = 0;
	for (i = 0; i < Q_N; i++) {
		if (tiles & (1u << i)) {
			req->which[req->n] = i;
			q[req->n++] = all[i];
		}
	}
	if (req->n == 0)
		return 0;
	/* one round trip, one snapshot: the tiles agree with each other (the parameters
	 * are copied out as the statements are sent) */
	if (r == NULL)
		rc = db_batch_send(db, q, req->n, DB_PREPARE, cause);
	else
		rc = db_batch(db, q, req->n, DB_PREPARE, r, NULL, cause);
	if (rc != 0)
		req->n = 0;
	return rc;
}

/* The asked tiles' results into d (and cleared): 0, or -1 with *cause (d unchanged). */
static int
store_dashboard_apply(const struct dashboard_req *req, PGresult **r, struct dashboard *d,
    char **cause)
{
	static const int min_rows[Q_N] = { 0, 0, 1, 1, 1, 1, 0 };
	int		 i, rc = 0;

	for (i = 0; i < req->n; i++) {
		if (PQntuples(r[i]) < min_rows[req->which[i]])
			rc = set_cause(cause, "dashboard: no result row");
	}
	if (rc == 0) {
		if (req->tiles == DASH_T_ALL)
			memset(d, 0, sizeof *d);
		for (i = 0; i < req->n; i++)
			store_dashboard_take(req->which[i], r[i], d);
	}
	for (i = 0; i < req->n; i++)
		PQclear(r[i]);
	return rc;
}

int
store_dashboard_send(struct db *db, const char *today, int fy, int dept_id,
    int trainer_id, unsigned tiles, struct dashboard_req *req, char **cause)
{
	return store_dashboard_ask(db, today, fy, dept_id, trainer_id, tiles, req, NULL, cause);
}

int
store_dashboard_recv(struct db *db, const struct dashboard_req *req, struct dashboard *d,
    char **cause)
{
	PGresult	*r[Q_N];

	if (req->n == 0)
		return 0;
	if (db_batch_take(db, r, NULL, cause) != 0)
		return -1;
	return store_dashboard_apply(req, r, d, cause);
}

int
store_dashboard_load(struct db *db, const char *today, int fy, int dept_id,
    int trainer_id, unsigned tiles, struct dashboard *d, char **cause)
{
	struct dashboard_req req;
	PGresult	*r[Q_N];

	if (store_dashboard_ask(db, today, fy, dept_id, trainer_id, tiles, &req, r, cause) != 0)
		return -1;
	if (req.n == 0)
		return 0;
	return store_dashboard_apply(&req, r, d, cause);
}

double
store_dashboard_mig_rate(const struct dashboard *d)
{
	if (d->mig_cells <= 0)
		return 0;
	return 100.0 * d->mig_finished / d->mig_cells;
}
