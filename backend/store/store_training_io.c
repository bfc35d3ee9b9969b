/*
 * store_training_io — attendance exchange with HR and sign-in sheets: an import's row
 * (looked up, then upserted; re-importing the same file changes nothing; the command
 * streams the file, cmd_training.c) and export in the same layout.
 */
#include "backend/store/store_training.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/store/store_export.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

/* Export header = import header (Japanese first; English names accepted on import). */
const char *const training_col_ja[TRAINING_NCOL] = { "セッション", "ログイン", "出欠", "メモ" };
const char *const training_col_en[TRAINING_NCOL] = { "session", "login", "status", "note" };

int
training_upsert(struct db *db, const char *session, const char *staff, const char *status,
    const char *note, int *changed, char **cause)
{
	const char *p[4] = { session, staff, status, note };
	char state[6];
	PGresult *res;

	*changed = 0;
	res = db_query(db, "INSERT INTO attendance AS a (session_id, staff_id, status, note, marked_by) "
	    "VALUES ($1::int, $2::int, $3, coalesce($4::text, ''), rs_staff_id()) "
	    "ON CONFLICT (session_id, staff_id) DO UPDATE SET status = EXCLUDED.status, "
	    "note = coalesce($4::text, a.note), marked_by = EXCLUDED.marked_by, marked_at = now() "
	    "WHERE a.status <> EXCLUDED.status OR a.note <> coalesce($4::text, a.note) "
	    "RETURNING (xmax = 0)", 4, p, state, cause);
	if (res == NULL) {
		return training_refused(state, cause);
	}
	if (PQntuples(res) == 1)
		*changed = *db_str(res, 0, 0) == 't' ? 1 : 2;
	PQclear(res);
	return 0;
}

int
training_import_lookup(struct db *db, const char *session, const char *login, char sid[16],
    char staff[16], int *bad_col, char **why, char **cause)
{
	const char *p[2];
	PGresult *res;
	int id, k;

	*why = NULL;
	if ((id = training_parse_id(session)) == 0) {
		*bad_col = TRAINING_COL_SESSION;
		*why = xasprintf(_("not a session number \"%s\""), session);
		return 1;
	}
	snprintf(sid, 16, "%d", id);
	p[0] = sid;
	p[1] = login;
	res = db_query(db, "SELECT (SELECT id FROM course_session WHERE id = $1::int), "
	    "(SELECT id FROM staff WHERE login = $2 AND active)", 2, p, NULL, cause);
	if (res == NULL)
		return -1;
	k = db_isnull(res, 0, 0) ? 1 : db_isnull(res, 0, 1) ? 2 : 0;
	snprintf(staff, 16, "%s", db_str(res, 0, 1));
	PQclear(res);
	if (k == 1) {
		*bad_col = TRAINING_COL_SESSION;
		*why = xasprintf(_("unknown session \"%s\""), session);
		return 1;
	}
	if (k == 2) {
		*bad_col = TRAINING_COL_LOGIN;
		*why = xasprintf(_("unknown login \"%s\""), login);
		return 1;
	}
	return 0;
}

int
training_export(struct db *db, int fy, int session, struct store_export *x, char **cause)
{
	char fybuf[16], sbuf[16];
	const char *p[2] = { fybuf, sbuf };

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	snprintf(sbuf, sizeof sbuf, "%d", session);
	return store_export_run(db, STORE_EXPORT_CURSOR "SELECT cs.id, c.code, "
	    "to_char(cs.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), s.login, "
	    "s.name, a.status, nullif(a.note, '') FROM attendance a "
	    "JOIN course_session cs ON cs.id = a.session_id JOIN course c ON c.id = cs.course_id "
	    "JOIN staff s ON s.id = a.staff_id "
	    "WHERE ($1::int = 0 OR cs.fy = $1::int) AND ($2::int = 0 OR cs.id = $2::int) "
	    "ORDER BY cs.starts_at, cs.id, s.kana COLLATE \"ja-x-icu\", s.id", 2, p, x, cause);
}

int
training_score(struct db *db, const char *course, const char *login, int fy, int score,
    int *changed, char **cause)
{
	char fybuf[16], sbuf[16], state[6];
	const char *p[4] = { course, login, fybuf, sbuf };
	PGresult *res;

	*changed = 0;
	snprintf(fybuf, sizeof fybuf, "%d", fy);
	snprintf(sbuf, sizeof sbuf, "%d", score);
	res = db_query(db, "SELECT (SELECT id FROM course WHERE code = $1), "
	    "(SELECT id FROM staff WHERE login = $2 AND active)", 2, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (db_isnull(res, 0, 0) || db_isnull(res, 0, 1)) {
		set_cause(cause, db_isnull(res, 0, 0) ? "no such course: %s" :
		    _("no such active staff member: %s"), db_isnull(res, 0, 0) ? course : login);
		PQclear(res);
		return -1;
	}
	PQclear(res);
	res = db_query(db, "INSERT INTO exam_score AS x (course_id, staff_id, fy, score) "
	    "SELECT c.id, s.id, $3::int, $4::int FROM course c, staff s "
	    "WHERE c.code = $1 AND s.login = $2 "
	    "ON CONFLICT (course_id, staff_id, fy) DO UPDATE SET score = EXCLUDED.score "
	    "WHERE x.score <> EXCLUDED.score RETURNING 1", 4, p, state, cause);
	if (res == NULL) {
		return training_refused(state, cause);
	}
	*changed = PQntuples(res);
	PQclear(res);
	return 0;
}

int
training_dx_nominate(struct db *db, const char *login, int fy, char status[16], char **cause)
{
	char fybuf[16], state[6];
	const char *p[2] = { login, fybuf };
	PGresult *res;

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	if (db_exec(db, "INSERT INTO dx_candidate (staff_id, fy) SELECT id, $2::int FROM staff "
	    "WHERE login = $1 AND active ON CONFLICT DO NOTHING", 2, p, state, cause) != 0) {
		return training_refused(state, cause);
	}
	res = db_query(db, "SELECT x.status FROM dx_candidate x JOIN staff s ON s.id = x.staff_id "
	    "WHERE s.login = $1 AND x.fy = $2::int", 2, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) == 0) {
		PQclear(res);
		return set_cause(cause, _("no such active staff member: %s"), login);
	}
	snprintf(status, 16, "%s", db_str(res, 0, 0));
	PQclear(res);
	return 0;
}

int
training_dx_target(struct db *db, const char *dept, int fy, int target, char **cause)
{
	char fybuf[16], tbuf[16], state[6];
	const char *p[3] = { dept, fybuf, tbuf };
	PGresult *res;
	int n;

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	snprintf(tbuf, sizeof tbuf, "%d", target);
	res = db_query(db, "INSERT INTO dx_target AS t (dept_id, fy, target) "
	    "SELECT id, $2::int, $3::int FROM department WHERE code = $1 "
	    "ON CONFLICT (dept_id, fy) DO UPDATE SET target = EXCLUDED.target RETURNING 1",
	    3, p, state, cause);
	if (res == NULL) {
		if (outcome_is(state, DB_SQLSTATE_DENIED)) {
			free(*cause);
			*cause = NULL;
			set_cause(cause, "%s", _("permission denied: only IT staff set DX-leader "
			    "targets"));
		}
		return -1;
	}
	n = PQntuples(res);
	PQclear(res);
	return n == 1 ? 0 : set_cause(cause, _("no such department: %s"), dept);
}
