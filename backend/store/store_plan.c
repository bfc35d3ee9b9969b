/*
 * store_plan — SQL for the plan's catalogue, schedule and KPIs (see store_plan.h).
 */
#include "backend/store/store_plan.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

const char *const plan_status_codes[] = { "not_started", "studying", "in_progress", "done",
	"reviewing", NULL };
static const char *const status_labels[] = { NP_("plan", "not started"),
	NP_("plan", "studying"), NP_("plan", "in progress"), NP_("plan", "completed"),
	NP_("plan", "under review") };

const char *
plan_tr(const char *msgid)
{
	return i18n_pgettext("plan", msgid);
}

const char *
plan_status_label(const char *code)
{
	int i;

	for (i = 0; plan_status_codes[i] != NULL; i++)
		if (code != NULL && strcmp(code, plan_status_codes[i]) == 0)
			return plan_tr(status_labels[i]);
	return code != NULL ? code : "";
}

const char *
plan_status_parse(const char *s)
{
	int i;

	for (i = 0; plan_status_codes[i] != NULL; i++)
		if (strcmp(s, plan_status_codes[i]) == 0 || strcmp(s, status_labels[i]) == 0 ||
		    strcmp(s, plan_tr(status_labels[i])) == 0)
			return plan_status_codes[i];
	return NULL;
}

static char *
dup_or_null(const PGresult *res, int r, int c)
{
	return db_isnull(res, r, c) ? NULL : xstrdup(db_str(res, r, c));
}

static void
fail(char **cause, const char *what, char *why)
{
	set_cause(cause, "%s: %s", what, why != NULL ? why : "?");
	free(why);
}

/* Fills one element (of the array load_rows makes) from row r of res. */
typedef void (*row_fn)(const PGresult *res, int r, void *elem);

/*
 * Run a constant query and make an array of its rows, each elem_size bytes, filled by
 * fill; *n rows. 0, or -1 with *cause naming what was read.
 */
static int
load_rows(struct db *db, const char *sql, int np, const char *const *p, const char *what,
    size_t elem_size, row_fn fill, void **out, int *n, char **cause)
{
	PGresult *res;
	char *why = NULL, *a;
	int i;

	*out = NULL;
	*n = 0;
	if ((res = db_query(db, sql, np, p, NULL, &why)) == NULL) {
		fail(cause, what, why);
		return -1;
	}
	*n = PQntuples(res);
	a = xcalloc((size_t)*n + 1, elem_size);
	for (i = 0; i < *n; i++)
		fill(res, i, a + (size_t)i * elem_size);
	PQclear(res);
	*out = a;
	return 0;
}

/*
 * The end of an UPDATE ... RETURNING with the version read: STORE_OK; STORE_STALE (RS001)
 * with stale as the cause; STORE_REFUSED with check (a CHECK refused it, 23514, when check
 * is not NULL), denied (no row: the policies did not let the member write it) or the
 * refusal said by its code; STORE_FAILED with the error.
 */
static int
update_done(PGresult *res, const char *state, char *why, const char *what, const char *stale,
    const char *check, const char *denied, char **cause)
{
	int n;

	if (res == NULL) {
		if (outcome_of(state) == STORE_STALE) {
			free(why);
			set_cause(cause, "%s", stale);
			return STORE_STALE;
		}
		if (check != NULL && outcome_is(state, DB_SQLSTATE_CHECK)) {
			free(why);
			set_cause(cause, "%s", check);
			return STORE_REFUSED;
		}
		fail(cause, what, why);
		return outcome_of(state) == STORE_REFUSED ? STORE_REFUSED : STORE_FAILED;
	}
	n = PQntuples(res);
	PQclear(res);
	if (n == 0) {
		set_cause(cause, "%s", denied);
		return STORE_REFUSED;
	}
	return STORE_OK;
}

#define MEASURE_COLS \
	"SELECT m.id, m.part_id, m.seq, m.version, coalesce(m.added_fy, 0), " \
	"m.part_id || '-' || m.seq, p.title, m.name, m.goal, m.overview, m.orig_name, " \
	"m.orig_goal, m.orig_overview, m.status, coalesce((SELECT string_agg(d.name, '、' " \
	"ORDER BY d.id) FROM measure_dept md JOIN department d ON d.id = md.dept_id " \
	"WHERE md.measure_id = m.id), ''), e.g1, e.g2 " \
	"FROM measure m JOIN plan_part p ON p.id = m.part_id LEFT JOIN LATERAL (" \
	"SELECT CASE WHEN e1_submitted_at IS NOT NULL THEN e1_grade END AS g1, " \
	"CASE WHEN e2_submitted_at IS NOT NULL THEN e2_grade END AS g2 FROM evaluation " \
	"WHERE measure_id = m.id AND fy = $3::int ORDER BY revision DESC LIMIT 1) e ON true "

static void
measure_from(const PGresult *res, int r, void *elem)
{
	struct plan_measure *m = elem;

	m->id = db_int(res, r, 0);
	m->part_id = db_int(res, r, 1);
	m->seq = db_int(res, r, 2);
	m->version = db_int(res, r, 3);
	m->added_fy = db_int(res, r, 4);
	m->code = xstrdup(db_str(res, r, 5));
	m->part_title = xstrdup(db_str(res, r, 6));
	m->name = xstrdup(db_str(res, r, 7));
	m->goal = xstrdup(db_str(res, r, 8));
	m->overview = xstrdup(db_str(res, r, 9));
	m->orig_name = dup_or_null(res, r, 10);
	m->orig_goal = dup_or_null(res, r, 11);
	m->orig_overview = dup_or_null(res, r, 12);
	m->status = xstrdup(db_str(res, r, 13));
	m->depts = xstrdup(db_str(res, r, 14));
	m->e1_grade = dup_or_null(res, r, 15);
	m->e2_grade = dup_or_null(res, r, 16);
}

void
plan_measure_clear(struct plan_measure *m)
{
	free(m->code);
	free(m->part_title);
	free(m->name);
	free(m->goal);
	free(m->overview);
	free(m->orig_name);
	free(m->orig_goal);
	free(m->orig_overview);
	free(m->status);
	free(m->depts);
	free(m->e1_grade);
	free(m->e2_grade);
	memset(m, 0, sizeof *m);
}

static int
load_measures(struct db *db, int part, const char *status, int fy, struct plan_catalogue *c,
    char **cause)
{
	char pbuf[16], fbuf[16];
	const char *p[3] = { pbuf, status != NULL ? status : "", fbuf };
	void *a;
	int rc;

	snprintf(pbuf, sizeof pbuf, "%d", part);
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	rc = load_rows(db, MEASURE_COLS
	    "WHERE ($1::int = 0 OR m.part_id = $1::int) AND ($2 = '' OR m.status = $2) "
	    "ORDER BY m.part_id, m.seq", 3, p, "measures", sizeof *c->measures, measure_from, &a,
	    &c->nmeasures, cause);
	c->measures = a;
	return rc;
}

#define PHASE_COLS "SELECT id, measure_id, coalesce(action_id, 0), phase, fy_from, fy_to, " \
	"coalesce(month_from, 0), coalesce(month_to, 0), version FROM measure_phase "

static void
phase_from(const PGresult *res, int r, void *elem)
{
	struct plan_phase *ph = elem;

	ph->id = db_int(res, r, 0);
	ph->measure_id = db_int(res, r, 1);
	ph->action_id = db_int(res, r, 2);
	ph->phase = xstrdup(db_str(res, r, 3));
	ph->fy_from = db_int(res, r, 4);
	ph->fy_to = db_int(res, r, 5);
	ph->month_from = db_int(res, r, 6);
	ph->month_to = db_int(res, r, 7);
	ph->version = db_int(res, r, 8);
}

static void
action_from(const PGresult *res, int r, void *elem)
{
	struct plan_action *a = elem;

	a->id = db_int(res, r, 0);
	a->measure_id = db_int(res, r, 1);
	a->seq = db_int(res, r, 2);
	a->title = xstrdup(db_str(res, r, 3));
	a->status = xstrdup(db_str(res, r, 4));
	a->added_fy = db_int(res, r, 5);
}

static void
milestone_from(const PGresult *res, int r, void *elem)
{
	struct plan_milestone *ms = elem;

	ms->measure_id = db_int(res, r, 0);
	ms->action_id = db_int(res, r, 1);
	ms->title = xstrdup(db_str(res, r, 2));
	ms->year = db_int(res, r, 3);
	ms->month = db_int(res, r, 4);
	ms->day = db_int(res, r, 5);
	ms->done = db_int(res, r, 6);
}

static int
load_schedule(struct db *db, struct plan_catalogue *c, char **cause)
{
	void *ph = NULL, *ac = NULL, *ms = NULL;
	int rc;

	rc = load_rows(db, PHASE_COLS "ORDER BY measure_id, action_id NULLS FIRST, seq, id", 0,
	    NULL, "measure_phase", sizeof *c->phases, phase_from, &ph, &c->nphases, cause);
	c->phases = ph;
	if (rc == 0)
		rc = load_rows(db, "SELECT id, measure_id, seq, title, status, coalesce(added_fy, 0) "
		    "FROM action ORDER BY measure_id, seq", 0, NULL, "action", sizeof *c->actions,
		    action_from, &ac, &c->nactions, cause);
	c->actions = ac;
	if (rc == 0)
		rc = load_rows(db, "SELECT measure_id, coalesce(action_id, 0), title, "
		    "extract(year FROM due)::int, extract(month FROM due)::int, "
		    "extract(day FROM due)::int, (done_on IS NOT NULL)::int FROM milestone "
		    "ORDER BY due, id", 0, NULL, "milestone", sizeof *c->milestones, milestone_from,
		    &ms, &c->nmilestones, cause);
	c->milestones = ms;
	return rc;
}

int
plan_load(struct db *db, int part, const char *status, int fy, struct plan_catalogue *c,
    char **cause)
{
	memset(c, 0, sizeof *c);
	if (load_measures(db, part, status, fy, c, cause) != 0 ||
	    load_schedule(db, c, cause) != 0) {
		plan_free(c);
		return -1;
	}
	return 0;
}

void
plan_free(struct plan_catalogue *c)
{
	int i;

	for (i = 0; i < c->nmeasures; i++)
		plan_measure_clear(&c->measures[i]);
	for (i = 0; i < c->nphases; i++)
		free(c->phases[i].phase);
	for (i = 0; i < c->nactions; i++) {
		free(c->actions[i].title);
		free(c->actions[i].status);
	}
	for (i = 0; i < c->nmilestones; i++)
		free(c->milestones[i].title);
	free(c->measures);
	free(c->phases);
	free(c->actions);
	free(c->milestones);
	memset(c, 0, sizeof *c);
}

const char *
plan_phase_in(const struct plan_catalogue *c, int measure_id, int fy)
{
	int i, pass;

	/* the measure's own bars first, then its actions' */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < c->nphases; i++) {
			const struct plan_phase *ph = &c->phases[i];

			if (ph->measure_id == measure_id && (ph->action_id == 0) == (pass == 0) &&
			    ph->fy_from <= fy && fy <= ph->fy_to)
				return ph->phase;
		}
	return NULL;
}

static int
all_digits(const char *s, size_t max)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > max)
		return 0;
	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

int
plan_measure_ref(struct db *db, const char *ref, int *id, char **cause)
{
	char a[16], b[16];
	const char *p[2] = { a, b };
	const char *dash = strchr(ref, '-');
	PGresult *res;
	char *why = NULL;

	if (dash != NULL && (size_t)(dash - ref) < sizeof a && all_digits(dash + 1, 6)) {
		memcpy(a, ref, (size_t)(dash - ref));
		a[dash - ref] = '\0';
		snprintf(b, sizeof b, "%s", dash + 1);
		if (!all_digits(a, 6))
			goto unknown;
		res = db_query(db, "SELECT id FROM measure WHERE part_id = $1::int AND seq = $2::int",
		    2, p, NULL, &why);
	} else if (all_digits(ref, 9)) {
		snprintf(a, sizeof a, "%s", ref);
		res = db_query(db, "SELECT id FROM measure WHERE id = $1::int", 1, p, NULL, &why);
	} else
		goto unknown;
	if (res == NULL) {
		fail(cause, "measure", why);
		return -1;
	}
	if (PQntuples(res) == 1) {
		*id = db_int(res, 0, 0);
		PQclear(res);
		return 0;
	}
	PQclear(res);
unknown:
	set_cause(cause, "%s: %s", plan_tr("unknown measure"), ref);
	return -1;
}

int
plan_measure_get(struct db *db, int id, int fy, struct plan_measure *m, char **cause)
{
	char ibuf[16], fbuf[16];
	const char *p[3] = { ibuf, "", fbuf };
	PGresult *res;
	char *why = NULL;

	snprintf(ibuf, sizeof ibuf, "%d", id);
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	memset(m, 0, sizeof *m);
	res = db_query(db, MEASURE_COLS "WHERE m.id = $1::int AND $2 = ''", 3, p, NULL, &why);
	if (res == NULL) {
		fail(cause, "measure", why);
		return -1;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		set_cause(cause, "%s: %d", plan_tr("unknown measure"), id);
		return -1;
	}
	measure_from(res, 0, m);
	PQclear(res);
	return 0;
}

static const char stale_measure[] = NP_("plan", "the measure was changed by someone else since you "
    "read it (stale version); read it again and retry");
static const char denied_measure[] = NP_("plan", "permission denied: only IT staff and the measure's "
    "departments may change it");

int
plan_measure_set_status(struct db *db, int id, const char *status, int version, char **cause)
{
	char ibuf[16], vbuf[16], state[6], *why = NULL;
	const char *p[3] = { ibuf, status, vbuf };
	PGresult *res;

	snprintf(ibuf, sizeof ibuf, "%d", id);
	snprintf(vbuf, sizeof vbuf, "%d", version);
	res = db_query(db, "UPDATE measure SET status = $2, version = CASE WHEN $3::int = 0 "
	    "THEN version ELSE $3::int END WHERE id = $1::int RETURNING version",
	    3, p, state, &why);
	return update_done(res, state, why, "measure", plan_tr(stale_measure), NULL,
	    plan_tr(denied_measure), cause);
}

int
plan_measure_edit(struct db *db, int id, const char *name, const char *goal,
    const char *overview, int version, char **cause)
{
	char ibuf[16], vbuf[16], state[6], *why = NULL;
	const char *p[5] = { ibuf, name, goal, overview, vbuf };
	PGresult *res;

	snprintf(ibuf, sizeof ibuf, "%d", id);
	snprintf(vbuf, sizeof vbuf, "%d", version);
	res = db_query(db, "UPDATE measure SET name = $2, goal = $3, overview = $4, "
	    "version = $5::int WHERE id = $1::int RETURNING version", 5, p, state, &why);
	return update_done(res, state, why, "measure", plan_tr(stale_measure), NULL,
	    plan_tr(denied_measure), cause);
}

int
plan_phase_get(struct db *db, int id, struct plan_phase *ph, char **cause)
{
	char ib[16];
	const char *p[1] = { ib };
	void *a;
	int n;

	memset(ph, 0, sizeof *ph);
	snprintf(ib, sizeof ib, "%d", id);
	if (load_rows(db, PHASE_COLS "WHERE id = $1::int", 1, p, "measure_phase", sizeof *ph,
	    phase_from, &a, &n, cause) != 0)
		return -1;
	if (n == 1)
		*ph = *(struct plan_phase *)a;
	free(a);
	return n == 1 ? 0 : set_cause(cause, "%s: %d", plan_tr("no such phase"), id);
}

int
plan_phase_set(struct db *db, int id, int fy_from, int fy_to, int month_from, int month_to,
    int version, char **cause)
{
	char b[6][16], state[6], *why = NULL;
	const char *p[6] = { b[0], b[1], b[2], b[3], b[4], b[5] };
	const int v[6] = { id, fy_from, fy_to, month_from, month_to, version };
	PGresult *res;
	int i;

	for (i = 0; i < 6; i++)
		snprintf(b[i], sizeof b[i], "%d", v[i]);
	res = db_query(db, "UPDATE measure_phase SET fy_from = $2::int, fy_to = $3::int, "
	    "month_from = nullif($4::int, 0), month_to = nullif($5::int, 0), version = $6::int "
	    "WHERE id = $1::int RETURNING version", 6, p, state, &why);
	return update_done(res, state, why, "measure_phase", plan_tr("the schedule was changed by "
	    "someone else since you read it (stale version)"), plan_tr("refused: a bar ends after "
	    "it starts and stays within FY2026-FY2031"), plan_tr(denied_measure), cause);
}

static void
kpi_from(const PGresult *res, int r, void *elem)
{
	struct plan_kpi *k = elem;

	k->id = db_int(res, r, 0);
	k->measure_id = db_int(res, r, 1);
	k->version = db_int(res, r, 2);
	k->higher_is_better = db_int(res, r, 3);
	k->name = xstrdup(db_str(res, r, 4));
	k->unit = xstrdup(db_str(res, r, 5));
	k->baseline = dup_or_null(res, r, 6);
	k->baseline_fy = db_int(res, r, 7);
}

/* One year's figures (a kpi_figure row: kpi, fy, target, actual, who, name, when) into k. */
static void
kpi_figures_take(struct plan_kpi *k, int n, const PGresult *res, int r)
{
	int fy = db_int(res, r, 1) - PLAN_FY_FIRST, j;
	int lang_ja = strncmp(i18n_lang(), "ja", 2) == 0;

	if (fy < 0 || fy >= 7)
		return;
	for (j = 0; j < n; j++) {
		if (k[j].id != db_int(res, r, 0))
			continue;
		k[j].target[fy] = dup_or_null(res, r, 2);
		k[j].actual[fy] = dup_or_null(res, r, 3);
		k[j].entered_by[fy] = dup_or_null(res, r, 4);
		k[j].entered_name[fy] = dup_or_null(res, r, 5);
		k[j].entered_at[fy] = dup_or_null(res, r, 6);
		if (k[j].source == NULL && !db_isnull(res, r, 7)) {
			k[j].source = xstrdup(db_str(res, r, 7));
			k[j].target_computed = db_int(res, r, 8);
			k[j].definition = dup_or_null(res, r, lang_ja ? 9 : 10);
		}
	}
}

int
plan_kpis(struct db *db, int measure_id, struct plan_kpi **out, int *n, char **cause)
{
	char mbuf[16], f0[16], f1[16];
	const char *p[1] = { mbuf }, *pf[3] = { mbuf, f0, f1 };
	PGresult *res;
	struct plan_kpi *k;
	void *a;
	char *why = NULL;
	int i;

	*out = NULL;
	*n = 0;
	snprintf(mbuf, sizeof mbuf, "%d", measure_id);
	snprintf(f0, sizeof f0, "%d", PLAN_FY_FIRST);
	snprintf(f1, sizeof f1, "%d", PLAN_FY_MAX);
	if (load_rows(db, "SELECT id, measure_id, version, higher_is_better::int, name, unit, "
	    "baseline::text, coalesce(baseline_fy, 0) FROM kpi "
	    "WHERE $1::int = 0 OR measure_id = $1::int ORDER BY measure_id, id", 1, p, "kpi",
	    sizeof *k, kpi_from, &a, n, cause) != 0)
		return -1;
	*out = k = a;
	/* every reader's figures: kpi_figure, year by year (sql/141) */
	res = db_query(db, "SELECT f.kpi_id, f.fy, f.target::text, f.actual::text, f.entered_by, "
	    "f.entered_by_name, to_char(f.entered_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), "
	    "f.source, f.target_computed::int, f.definition_ja, f.definition_en "
	    "FROM generate_series($2::int, $3::int) AS y (fy) CROSS JOIN LATERAL kpi_figure(y.fy) f "
	    "WHERE $1::int = 0 OR f.measure_id = $1::int", 3, pf, NULL, &why);
	if (res == NULL) {
		plan_kpis_free(k, *n);
		*out = NULL;
		*n = 0;
		fail(cause, "kpi_figure", why);
		return -1;
	}
	for (i = 0; i < PQntuples(res); i++)
		kpi_figures_take(k, *n, res, i);
	PQclear(res);
	return 0;
}

void
plan_kpis_free(struct plan_kpi *k, int n)
{
	int i, j;

	for (i = 0; i < n; i++) {
		free(k[i].name);
		free(k[i].unit);
		free(k[i].baseline);
		free(k[i].source);
		free(k[i].definition);
		for (j = 0; j < 7; j++) {
			free(k[i].target[j]);
			free(k[i].actual[j]);
			free(k[i].entered_by[j]);
			free(k[i].entered_name[j]);
			free(k[i].entered_at[j]);
		}
	}
	free(k);
}

char *
plan_kpi_provenance(const struct plan_kpi *k, int fy)
{
	int i = fy - PLAN_FY_FIRST;
	char *typed = NULL, *s;

	if (i < 0 || i >= 7)
		return NULL;
	if (k->entered_at[i] != NULL && (k->source == NULL || !k->target_computed))
		typed = xasprintf(plan_tr("typed by %s (%s) at %s"),
		    k->entered_name[i] != NULL ? k->entered_name[i] : plan_tr("data load"),
		    k->entered_by[i] != NULL ? k->entered_by[i] : "-", k->entered_at[i]);
	if (k->source == NULL)
		return typed;
	if (typed == NULL)
		return xasprintf("%s: %s", plan_tr("computed"), k->definition ? k->definition : k->source);
	s = xasprintf("%s: %s %s: %s", plan_tr("computed"), k->definition ? k->definition : k->source,
	    plan_tr("target"), typed);
	free(typed);
	return s;
}

int
plan_kpi_ref(struct db *db, int measure_id, const char *ref, int *id, char **cause)
{
	char mbuf[16];
	const char *p[2] = { mbuf, ref };
	PGresult *res;
	char *why = NULL;

	snprintf(mbuf, sizeof mbuf, "%d", measure_id);
	res = db_query(db, "SELECT id FROM kpi WHERE measure_id = $1::int AND "
	    "(name = $2 OR (($2 ~ '^[0-9]{1,9}$') AND id = CASE WHEN $2 ~ '^[0-9]{1,9}$' "
	    "THEN $2::int END)) ORDER BY (name = $2) DESC LIMIT 1", 2, p, NULL, &why);
	if (res == NULL) {
		fail(cause, "kpi", why);
		return -1;
	}
	if (PQntuples(res) != 1) {
		PQclear(res);
		set_cause(cause, "%s: %s", plan_tr("no such KPI for this measure"), ref);
		return -1;
	}
	*id = db_int(res, 0, 0);
	PQclear(res);
	return 0;
}

int
plan_kpi_set(struct db *db, int kpi_id, int fy, const char *actual, const char *target,
    const char *note, char sqlstate[6], char **cause)
{
	char kbuf[16], fbuf[16];
	const char *p[5] = { kbuf, fbuf, actual, target, note };
	char *why = NULL;

	snprintf(kbuf, sizeof kbuf, "%d", kpi_id);
	snprintf(fbuf, sizeof fbuf, "%d", fy);
	if (db_exec(db, "INSERT INTO kpi_value AS v (kpi_id, fy, actual, target, note) "
	    "VALUES ($1::int, $2::int, $3::numeric, $4::numeric, $5) "
	    "ON CONFLICT (kpi_id, fy) DO UPDATE SET actual = coalesce(EXCLUDED.actual, v.actual), "
	    "target = coalesce(EXCLUDED.target, v.target), note = coalesce(EXCLUDED.note, v.note), "
	    "version = v.version", 5, p, sqlstate, &why) != 0) {
		if (outcome_is(sqlstate, DB_SQLSTATE_KPI_COMPUTED) ||
		    outcome_is(sqlstate, DB_SQLSTATE_KPI_TARGET_COMPUTED)) {
			set_cause(cause, "%s", outcome_message(sqlstate));
			free(why);
		} else if (outcome_is(sqlstate, DB_SQLSTATE_DENIED)) {
			set_cause(cause, "%s", plan_tr("permission denied: KPI actuals are entered by IT "
			    "staff and by the measure's departments only"));
			free(why);
		} else
			fail(cause, "kpi_value", why);
		return -1;
	}
	return 0;
}

int
plan_is_number(const char *s)
{
	int digits = 0;

	if (*s == '+' || *s == '-')
		s++;
	while (isdigit((unsigned char)*s)) {
		s++;
		digits++;
	}
	if (*s == '.') {
		s++;
		while (isdigit((unsigned char)*s)) {
			s++;
			digits++;
		}
	}
	return *s == '\0' && digits > 0 && digits <= 30;
}
