/*
 * store_training — courses, sessions, rosters, marking, enrolment, transcripts and the
 * department report. Every statement is constant with $n parameters; what a caller may
 * see or change is decided by row-level security (sql/009_access.sql, 040_training_ext.sql).
 */
#include "backend/store/store_training.h"

#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

const char *const training_status_codes[TRAINING_NSTATUS] = { "present", "late", "excused", "absent" };
const char *const training_status_ja[TRAINING_NSTATUS] = { "出席", "遅刻", "欠席(届出)", "欠席" };
static const char *const status_labels[TRAINING_NSTATUS] = {
	N_("present"), N_("late"), N_("absent (notified)"), N_("absent") };

/* Other spellings people type on sign-in sheets. */
static const struct {
	const char	*text;
	int		 code;
} status_aliases[] = {
	{ "欠席(届出あり)", 2 }, { "欠席（届出）", 2 }, { "欠席（届出あり）", 2 }, { "届出", 2 },
	{ "PRESENT", 0 }, { "LATE", 1 }, { "EXCUSED", 2 }, { "ABSENT", 3 },
	{ "Present", 0 }, { "Late", 1 }, { "Excused", 2 }, { "Absent", 3 },
};

const char *
training_status_parse(const char *s)
{
	size_t i, n;
	char buf[64];

	if (s == NULL)
		return NULL;
	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= sizeof buf)
		return NULL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	for (i = 0; i < TRAINING_NSTATUS; i++)
		if (strcmp(buf, training_status_codes[i]) == 0 || strcmp(buf, training_status_ja[i]) == 0)
			return training_status_codes[i];
	for (i = 0; i < nitems(status_aliases); i++)
		if (strcmp(buf, status_aliases[i].text) == 0)
			return training_status_codes[status_aliases[i].code];
	return NULL;
}

static int
status_index(const char *code)
{
	int i;

	for (i = 0; code != NULL && i < TRAINING_NSTATUS; i++)
		if (strcmp(code, training_status_codes[i]) == 0)
			return i;
	return -1;
}

const char *
training_status_label(const char *code)
{
	int i = status_index(code);

	return i < 0 ? "" : _(status_labels[i]);
}

const char *
training_status_ja_label(const char *code)
{
	int i = status_index(code);

	return i < 0 ? "" : training_status_ja[i];
}

int
training_parse_id(const char *s)
{
	long v = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 9)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	return (int)v;
}

const char *
training_label(const char *c)
{
	static const char *const map[][2] = {
		{ "dx_leader", N_("DX leader development") }, { "ict_basic", N_("ICT basics") },
		{ "security_general", N_("security (staff)") },
		{ "security_manager", N_("security (managers)") },
		{ "info_asset", N_("information assets") }, { "gen_ai", N_("generative AI") },
		{ "other", N_("other") }, { "all", N_("all staff") }, { "managers", N_("managers") },
		{ "nominated", N_("nominated") }, { "enrolled", N_("seat confirmed") },
		{ "waiting", N_("waiting") }, { "cancelled", N_("cancelled") },
	};
	size_t i;

	for (i = 0; i < nitems(map); i++)
		if (strcmp(c, map[i][0]) == 0)
			return _(map[i][1]);
	return c;
}

/* The value, or NULL (empty in text and CSV, null in JSON). */
static const char *
opt(const PGresult *res, int row, int col)
{
	return db_isnull(res, row, col) ? NULL : db_str(res, row, col);
}

static PGresult *
query(struct db *db, const char *sql, int n, const char *const *p, char **cause)
{
	return db_query(db, sql, n, p, NULL, cause);
}

/* A boolean column as shown: yes/no (or "" for no) in text, true/false in data. */
static const char *
yesno(const PGresult *res, int row, int col, int text, const char *no)
{
	int t = *db_str(res, row, col) == 't';

	if (!text)
		return t ? "true" : "false";
	return t ? _("yes") : no;
}

struct out_table *
training_courses(struct db *db, int text, char **cause)
{
	static const char *const keys[] = { "code", "title", "category", "audience", "mandatory",
	    "hours", "rule", "pass_mark", "late_counts", "valid_fys", "sessions" };
	const char *titles[] = { _("code"), _("course title"), _("category"), _("audience"),
	    _("mandatory"), _("hours"), _("rule"), _("pass mark"), _("late counts"),
	    _("valid (FYs)"), _("sessions") };
	struct out_table *t;
	PGresult *res;
	char rule[48];
	int i;

	res = query(db, "SELECT c.code, c.title, c.category, c.audience, c.mandatory, "
	    "coalesce(c.hours::text, ''), c.rule_n, c.pass_mark, c.late_counts, c.valid_fys, "
	    "(SELECT count(*) FROM course_session cs WHERE cs.course_id = c.id) "
	    "FROM course c ORDER BY c.code", 0, NULL, cause);
	if (res == NULL)
		return NULL;
	t = out_new(11, titles, keys);
	out_right(t, 5);
	out_right(t, 7);
	out_right(t, 10);
	for (i = 0; i < PQntuples(res); i++) {
		if (db_isnull(res, i, 6))
			snprintf(rule, sizeof rule, "%s", text ? _("all sessions") : "all");
		else if (text)
			snprintf(rule, sizeof rule, _("%d sessions"), db_int(res, i, 6));
		else
			snprintf(rule, sizeof rule, "%d", db_int(res, i, 6));
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1),
		    text ? training_label(db_str(res, i, 2)) : db_str(res, i, 2),
		    text ? training_label(db_str(res, i, 3)) : db_str(res, i, 3),
		    yesno(res, i, 4, text, ""), db_str(res, i, 5), rule, opt(res, i, 7),
		    yesno(res, i, 8, text, _("no")), opt(res, i, 9), db_str(res, i, 10));
	}
	PQclear(res);
	return t;
}

struct out_table *
training_categories(struct db *db, char **cause)
{
	static const char *const keys[] = { "code", "label_ja", "label_en" };
	const char *titles[] = { _("code"), _("label (Japanese)"), _("label (English)") };
	struct out_table *t;
	PGresult *res;
	int i;

	res = query(db, "SELECT code, label_ja, label_en FROM rs_label "
	    "WHERE domain = 'course_category' ORDER BY seq, code", 0, NULL, cause);
	if (res == NULL)
		return NULL;
	t = out_new(3, titles, keys);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2));
	PQclear(res);
	return t;
}

struct out_table *
training_sessions(struct db *db, int fy, char **cause)
{
	static const char *const keys[] = { "session", "course", "title", "fy", "starts",
	    "place", "capacity", "enrolled", "waiting", "attended", "trainer" };
	const char *titles[] = { _("session"), _("course"), _("course title"), _("FY"), _("starts"),
	    _("place"), _("capacity"), _("enrolled"), _("waiting"), _("attended"), _("trainer") };
	struct out_table *t;
	PGresult *res;
	char fybuf[16];
	const char *p[2] = { fybuf, _("online") };
	int i, c;

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	res = query(db, "SELECT cs.id, c.code, c.title, cs.fy, "
	    "to_char(cs.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), "
	    "CASE WHEN cs.online AND cs.place = '' THEN $2::text ELSE cs.place END, cs.capacity, "
	    "(SELECT count(*) FROM enrolment e WHERE e.session_id = cs.id AND e.state = 'enrolled'), "
	    "(SELECT count(*) FROM enrolment e WHERE e.session_id = cs.id AND e.state = 'waiting'), "
	    "(SELECT count(*) FROM attendance a WHERE a.session_id = cs.id "
	    "  AND a.status IN ('present', 'late')), coalesce(tr.name, '') "
	    "FROM course_session cs JOIN course c ON c.id = cs.course_id "
	    "LEFT JOIN staff tr ON tr.id = cs.trainer_id "
	    "WHERE $1::int = 0 OR cs.fy = $1::int ORDER BY cs.starts_at, cs.id", 2, p, cause);
	if (res == NULL)
		return NULL;
	t = out_new(11, titles, keys);
	for (c = 6; c <= 9; c++)
		out_right(t, c);
	out_right(t, 0);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), db_str(res, i, 4), db_str(res, i, 5),
		    db_isnull(res, i, 6) ? NULL : db_str(res, i, 6), db_str(res, i, 7),
		    db_str(res, i, 8), db_str(res, i, 9), db_str(res, i, 10));
	PQclear(res);
	return t;
}

struct out_table *
training_transcript(struct db *db, const char *login, const char *as_of, int text,
    char **cause)
{
	static const char *const keys[] = { "course", "title", "fy", "attended", "score",
	    "completed", "completed_on", "certificate", "valid_until", "state" };
	const char *titles[] = { _("course"), _("course title"), _("FY"), _("attended"), _("score"),
	    _("completion"), _("completed on"), _("certificate"), _("valid until"), _("state") };
	const char *p[2] = { login, as_of };
	struct out_table *t;
	PGresult *res;
	int i;

	res = query(db, "SELECT c.code, c.title, tc.fy, tc.attended || '/' || tc.required, "
	    "tc.score, tc.completed, tc.completed_on, tc.cert_no, tc.valid_until, "
	    "CASE WHEN NOT tc.completed THEN '' WHEN tc.valid_to_fy IS NULL "
	    "  OR rs_fy_of(coalesce($2::date, rs_day(now()))) <= tc.valid_to_fy THEN 'valid' "
	    "  ELSE 'expired' END "
	    "FROM training_completion tc JOIN course c ON c.id = tc.course_id "
	    "WHERE tc.staff_id = (SELECT id FROM staff WHERE login = $1) ORDER BY tc.fy, c.code",
	    2, p, cause);
	if (res == NULL)
		return NULL;
	t = out_new(10, titles, keys);
	out_right(t, 3);
	out_right(t, 4);
	for (i = 0; i < PQntuples(res); i++) {
		const char *st = db_str(res, i, 9);

		if (text)
			st = strcmp(st, "valid") == 0 ? _("valid") : strcmp(st, "expired") == 0 ?
			    _("expired") : "";
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), opt(res, i, 4), yesno(res, i, 5, text, _("no")),
		    opt(res, i, 6), opt(res, i, 7), opt(res, i, 8), *st ? st : NULL);
	}
	PQclear(res);
	return t;
}

/* "66.7%" and a 10-cell bar. */
static void
rate(int done, int total, char pct[16], char bar[64])
{
	int cells = total > 0 ? (done * 20 + total) / (2 * total) : 0, i;
	size_t n = 0;

	if (total <= 0) {
		snprintf(pct, 16, "-");
		bar[0] = '\0';
		return;
	}
	snprintf(pct, 16, "%.1f%%", 100.0 * done / total);
	if (cells > 10)
		cells = 10;
	for (i = 0; i < 10; i++) {
		memcpy(bar + n, i < cells ? "\xe2\x96\x88" : "\xe2\x96\x91", 3);	/* █ ░ */
		n += 3;
	}
	bar[n] = '\0';
}

static PGresult *
report_courses(struct db *db, int fy, char **cause)
{
	char fybuf[16];
	const char *p[1] = { fybuf };

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	return query(db, "SELECT dept_code, dept_name, course_code, course_title, total, done "
	    "FROM training_dept_report($1::int)", 1, p, cause);
}

static PGresult *
report_dx(struct db *db, int fy, char **cause)
{
	char fybuf[16];
	const char *p[1] = { fybuf };

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	return query(db, "SELECT dept_code, dept_name, target, candidates, in_training, certified "
	    "FROM training_dx_report($1::int)", 1, p, cause);
}

struct out_table *
training_report_courses(struct db *db, int fy, int text, char **cause)
{
	static const char *const keys[] = { "dept_code", "department", "course", "title",
	    "people", "completed", "rate", "bar" };
	const char *titles[] = { _("code"), _("department"), _("course"), _("course title"),
	    _("people"), _("finished"), _("rate"), "" };
	struct out_table *t;
	PGresult *res;
	char pct[16], bar[64];
	int i;

	if ((res = report_courses(db, fy, cause)) == NULL)
		return NULL;
	t = out_new(text ? 8 : 7, titles, keys);
	for (i = 4; i <= 6; i++)
		out_right(t, i);
	for (i = 0; i < PQntuples(res); i++) {
		rate(db_int(res, i, 5), db_int(res, i, 4), pct, bar);
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), db_str(res, i, 4), db_str(res, i, 5), pct, bar);
	}
	PQclear(res);
	return t;
}

struct out_table *
training_report_dx(struct db *db, int fy, int text, char **cause)
{
	static const char *const keys[] = { "dept_code", "department", "target", "candidates",
	    "in_training", "certified", "rate", "bar" };
	const char *titles[] = { _("code"), _("department"), _("target"), _("candidates"),
	    _("in training"), _("certified"), _("rate"), "" };
	struct out_table *t;
	PGresult *res;
	char pct[16], bar[64], s[4][16];
	int i, sum[4] = { 0, 0, 0, 0 }, any_target = 0;

	if ((res = report_dx(db, fy, cause)) == NULL)
		return NULL;
	t = out_new(text ? 8 : 7, titles, keys);
	for (i = 2; i <= 6; i++)
		out_right(t, i);
	for (i = 0; i < PQntuples(res); i++) {
		int k;

		for (k = 0; k < 4; k++)
			sum[k] += db_int(res, i, 2 + k);
		any_target |= !db_isnull(res, i, 2);
		rate(db_int(res, i, 5), db_int(res, i, 2), pct, bar);
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1),
		    db_isnull(res, i, 2) ? NULL : db_str(res, i, 2), db_str(res, i, 3),
		    db_str(res, i, 4), db_str(res, i, 5), pct, bar);
	}
	if (text && PQntuples(res) > 1) {
		for (i = 0; i < 4; i++)
			snprintf(s[i], sizeof s[i], "%d", sum[i]);
		rate(sum[3], sum[0], pct, bar);
		out_rowf(t, "", _("total"), any_target ? s[0] : NULL, s[1], s[2], s[3], pct, bar);
	}
	PQclear(res);
	return t;
}

struct out_table *
training_report_data(struct db *db, int fy, char **cause)
{
	static const char *const keys[] = { "section", "fy", "dept_code", "department", "course",
	    "total", "done", "rate", "in_training", "candidates" };
	const char *none = NULL;
	struct out_table *t;
	PGresult *rc, *rd;
	char fybuf[16], pct[16], bar[64];
	int i;

	if ((rc = report_courses(db, fy, cause)) == NULL)
		return NULL;
	if ((rd = report_dx(db, fy, cause)) == NULL) {
		PQclear(rc);
		return NULL;
	}
	snprintf(fybuf, sizeof fybuf, "%d", fy);
	t = out_new(10, keys, keys);
	for (i = 0; i < PQntuples(rc); i++) {
		rate(db_int(rc, i, 5), db_int(rc, i, 4), pct, bar);
		out_rowf(t, "mandatory", fybuf, db_str(rc, i, 0), db_str(rc, i, 1),
		    db_str(rc, i, 2), db_str(rc, i, 4), db_str(rc, i, 5), pct, none, none);
	}
	for (i = 0; i < PQntuples(rd); i++) {
		rate(db_int(rd, i, 5), db_int(rd, i, 2), pct, bar);
		out_rowf(t, "dx_leader", fybuf, db_str(rd, i, 0), db_str(rd, i, 1), none,
		    db_isnull(rd, i, 2) ? NULL : db_str(rd, i, 2), db_str(rd, i, 5), pct,
		    db_str(rd, i, 4), db_str(rd, i, 3));
	}
	PQclear(rc);
	PQclear(rd);
	return t;
}

int
training_roster_load(struct db *db, int session, struct training_roster *r, char **cause)
{
	char idbuf[16];
	const char *p[2] = { idbuf, _("online") };
	PGresult *res;
	int i;

	memset(r, 0, sizeof *r);
	snprintf(idbuf, sizeof idbuf, "%d", session);
	res = query(db, "SELECT c.code, c.title, "
	    "to_char(cs.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), "
	    "CASE WHEN cs.online AND cs.place = '' THEN $2::text ELSE cs.place END, "
	    "coalesce(cs.capacity, 0) "
	    "FROM course_session cs JOIN course c ON c.id = cs.course_id WHERE cs.id = $1::int",
	    2, p, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return set_cause(cause, _("no such session: %d"), session);
	}
	r->session_id = session;
	r->course_code = xstrdup(db_str(res, 0, 0));
	r->course_title = xstrdup(db_str(res, 0, 1));
	r->starts = xstrdup(db_str(res, 0, 2));
	r->place = xstrdup(db_str(res, 0, 3));
	r->capacity = db_int(res, 0, 4);
	PQclear(res);

	res = query(db, "WITH p AS (SELECT staff_id FROM enrolment WHERE session_id = $1::int "
	    "  UNION SELECT staff_id FROM attendance WHERE session_id = $1::int) "
	    "SELECT s.id, s.login, s.name, s.kana, d.name, coalesce(e.state, ''), "
	    "coalesce(a.status, ''), coalesce(a.note, '') "
	    "FROM p JOIN staff s ON s.id = p.staff_id JOIN department d ON d.id = s.dept_id "
	    "LEFT JOIN enrolment e ON e.session_id = $1::int AND e.staff_id = s.id "
	    "LEFT JOIN attendance a ON a.session_id = $1::int AND a.staff_id = s.id "
	    "WHERE e.state IS DISTINCT FROM 'cancelled' OR a.status IS NOT NULL "
	    "ORDER BY s.kana COLLATE \"ja-x-icu\", s.id", 1, p, cause);
	if (res == NULL) {
		training_roster_free(r);
		return -1;
	}
	r->n = PQntuples(res);
	r->people = xcalloc((size_t)r->n + 1, sizeof *r->people);
	for (i = 0; i < r->n; i++) {
		struct training_person *q = &r->people[i];

		q->staff_id = db_int(res, i, 0);
		q->login = xstrdup(db_str(res, i, 1));
		q->name = xstrdup(db_str(res, i, 2));
		q->kana = xstrdup(db_str(res, i, 3));
		q->dept = xstrdup(db_str(res, i, 4));
		q->enrol = xstrdup(db_str(res, i, 5));
		q->status = xstrdup(db_str(res, i, 6));
		q->note = xstrdup(db_str(res, i, 7));
	}
	PQclear(res);
	return 0;
}

void
training_roster_free(struct training_roster *r)
{
	int i;

	for (i = 0; i < r->n; i++) {
		struct training_person *q = &r->people[i];

		free(q->login);
		free(q->name);
		free(q->kana);
		free(q->dept);
		free(q->enrol);
		free(q->status);
		free(q->note);
	}
	free(r->people);
	free(r->course_code);
	free(r->course_title);
	free(r->starts);
	free(r->place);
	memset(r, 0, sizeof *r);
}

/* Staff id of login and whether session exists: 0 / -1 with a cause naming which. */
static int
lookup(struct db *db, int session, const char *login, char staff[16], char **cause)
{
	char idbuf[16];
	const char *p[2] = { idbuf, login };
	PGresult *res;
	int rc = 0;

	snprintf(idbuf, sizeof idbuf, "%d", session);
	res = query(db, "SELECT (SELECT id FROM course_session WHERE id = $1::int), "
	    "(SELECT id FROM staff WHERE login = $2 AND active)", 2, p, cause);
	if (res == NULL)
		return -1;
	if (db_isnull(res, 0, 0))
		rc = set_cause(cause, _("no such session: %d"), session);
	else if (db_isnull(res, 0, 1))
		rc = set_cause(cause, _("no such active staff member: %s"), login);
	else
		snprintf(staff, 16, "%s", db_str(res, 0, 1));
	PQclear(res);
	return rc;
}

int
training_refused(const char *state, char **cause)
{
	if (outcome_is(state, DB_SQLSTATE_DENIED)) {
		free(*cause);
		*cause = NULL;
		return set_cause(cause, "%s", _("permission denied: only trainers and IT staff "
		    "write training records"));
	}
	if (outcome_message(state) != NULL) {	/* a rule of sql/: its reason */
		free(*cause);
		*cause = NULL;
		return set_cause(cause, "%s", outcome_message(state));
	}
	return -1;
}

int
training_mark(struct db *db, int session, const char *login, const char *status,
    const char *note, int *changed, char **cause)
{
	char staff[16], idbuf[16];

	*changed = 0;
	if (lookup(db, session, login, staff, cause) != 0)
		return -1;
	snprintf(idbuf, sizeof idbuf, "%d", session);
	return training_upsert(db, idbuf, staff, status, note, changed, cause);
}

int
training_enrol(struct db *db, int session, const char *login, char st[16], int *position,
    char **cause)
{
	char staff[16], idbuf[16], state[6];
	const char *p[2] = { idbuf, staff };
	PGresult *res;

	*position = 0;
	if (lookup(db, session, login, staff, cause) != 0)
		return -1;
	snprintf(idbuf, sizeof idbuf, "%d", session);
	res = db_query(db, "WITH up AS (INSERT INTO enrolment AS e (session_id, staff_id) "
	    "VALUES ($1::int, $2::int) ON CONFLICT (session_id, staff_id) "
	    "DO UPDATE SET state = 'enrolled' WHERE e.state = 'cancelled' RETURNING state) "
	    "SELECT state, true FROM up UNION ALL "
	    "SELECT state, false FROM enrolment WHERE session_id = $1::int AND staff_id = $2::int "
	    "AND NOT EXISTS (SELECT 1 FROM up)", 2, p, state, cause);
	if (res == NULL)
		return training_refused(state, cause);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, _("enrolment of %s not visible"), login);
	}
	if (*db_str(res, 0, 1) != 't') {
		set_cause(cause, "%s: %s", login, strcmp(db_str(res, 0, 0), "waiting") == 0 ?
		    _("already on the waiting list") : _("already enrolled"));
		PQclear(res);
		return -1;
	}
	snprintf(st, 16, "%s", db_str(res, 0, 0));
	PQclear(res);
	if (strcmp(st, "waiting") != 0)
		return 0;
	res = query(db, "SELECT count(*) FROM enrolment w JOIN enrolment me "
	    "ON me.session_id = w.session_id AND me.staff_id = $2::int "
	    "WHERE w.session_id = $1::int AND w.state = 'waiting' "
	    "AND (w.enrolled_at, w.staff_id) <= (me.enrolled_at, me.staff_id)", 2, p, cause);
	if (res == NULL)
		return -1;
	*position = db_int(res, 0, 0);
	PQclear(res);
	return 0;
}

int
training_cancel(struct db *db, int session, const char *login, char promoted[64], char **cause)
{
	char staff[16], idbuf[16], state[6], first[64] = "";
	const char *p[3] = { idbuf, staff, first };
	PGresult *res;
	int n;

	promoted[0] = '\0';
	if (lookup(db, session, login, staff, cause) != 0)
		return -1;
	snprintf(idbuf, sizeof idbuf, "%d", session);
	if (db_begin(db, cause) != 0)
		return -1;
	res = query(db, "SELECT s.login FROM enrolment e JOIN staff s ON s.id = e.staff_id "
	    "WHERE e.session_id = $1::int AND e.state = 'waiting' AND e.staff_id <> $2::int "
	    "ORDER BY e.enrolled_at, e.staff_id LIMIT 1", 2, p, cause);
	if (res == NULL)
		goto fail;
	if (PQntuples(res) == 1)
		snprintf(first, sizeof first, "%s", db_str(res, 0, 0));
	PQclear(res);
	res = db_query(db, "UPDATE enrolment SET state = 'cancelled' WHERE session_id = $1::int "
	    "AND staff_id = $2::int AND state <> 'cancelled' RETURNING 1", 2, p, state, cause);
	if (res == NULL) {
		training_refused(state, cause);
		goto fail;
	}
	n = PQntuples(res);
	PQclear(res);
	if (n == 0) {
		set_cause(cause, "%s: %s", login, _("not enrolled in this session"));
		goto fail;
	}
	if (first[0] != '\0') {
		res = query(db, "SELECT 1 FROM enrolment e JOIN staff s ON s.id = e.staff_id "
		    "WHERE e.session_id = $1::int AND s.login = $3 AND e.state = 'enrolled' "
		    "AND e.staff_id <> $2::int",
		    3, p, cause);
		if (res == NULL)
			goto fail;
		if (PQntuples(res) == 1)
			snprintf(promoted, 64, "%s", first);
		PQclear(res);
	}
	return db_commit(db, cause);
fail:
	db_rollback(db);
	return -1;
}

static void
list_fill(struct training_list *l, PGresult *res, int ncols, int label_col)
{
	int i, c;

	l->nrows = PQntuples(res);
	l->ncols = ncols;
	l->keys = xcalloc((size_t)l->nrows + 1, sizeof *l->keys);
	l->cells = xcalloc((size_t)l->nrows * (size_t)ncols + 1, sizeof *l->cells);
	for (i = 0; i < l->nrows; i++) {
		l->keys[i] = xstrdup(db_str(res, i, 0));
		for (c = 0; c < ncols; c++)
			l->cells[i * ncols + c] = xstrdup(c == label_col ?
			    training_label(db_str(res, i, c + 1)) : db_str(res, i, c + 1));
	}
}

int
training_list_courses(struct db *db, struct training_list *l, char **cause)
{
	PGresult *res;

	memset(l, 0, sizeof *l);
	res = query(db, "SELECT c.id, c.code, c.title, c.category, "
	    "(SELECT count(*) FROM course_session cs WHERE cs.course_id = c.id) "
	    "FROM course c ORDER BY c.code", 0, NULL, cause);
	if (res == NULL)
		return -1;
	list_fill(l, res, 4, 2);
	PQclear(res);
	return 0;
}

int
training_list_sessions(struct db *db, int course, struct training_list *l, char **cause)
{
	char idbuf[16];
	const char *p[2] = { idbuf, _("online") };
	PGresult *res;

	memset(l, 0, sizeof *l);
	snprintf(idbuf, sizeof idbuf, "%d", course);
	res = query(db, "SELECT cs.id, cs.fy, "
	    "to_char(cs.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), "
	    "CASE WHEN cs.online AND cs.place = '' THEN $2::text ELSE cs.place END, "
	    "coalesce(cs.capacity::text, ''), "
	    "(SELECT count(*) FROM enrolment e WHERE e.session_id = cs.id AND e.state = 'enrolled'), "
	    "(SELECT count(*) FROM enrolment e WHERE e.session_id = cs.id AND e.state = 'waiting'), "
	    "(SELECT count(*) FROM attendance a WHERE a.session_id = cs.id) "
	    "FROM course_session cs WHERE cs.course_id = $1::int ORDER BY cs.starts_at, cs.id",
	    2, p, cause);
	if (res == NULL)
		return -1;
	list_fill(l, res, 7, -1);
	PQclear(res);
	return 0;
}

void
training_list_free(struct training_list *l)
{
	int i;

	for (i = 0; i < l->nrows; i++)
		free(l->keys[i]);
	for (i = 0; i < l->nrows * l->ncols; i++)
		free(l->cells[i]);
	free(l->keys);
	free(l->cells);
	memset(l, 0, sizeof *l);
}
