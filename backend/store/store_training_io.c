/*
 * store_training_io — attendance exchange with HR and sign-in sheets: import (columns by
 * header name, Japanese or English; every bad row named by line, column and reason; one
 * transaction, all or nothing unless skipping bad rows; a dry run; re-importing the same
 * file changes nothing) and export in the same layout.
 */
#include "backend/store/store_training.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/csv.h"
#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

#define NOTE_MAX 500	/* characters, as attendance.note allows */

/* Export header = import header (Japanese first; English names accepted on import). */
static const char *const col_ja[] = { "セッション", "ログイン", "出欠", "メモ" };
static const char *const col_en[] = { "session", "login", "status", "note" };
enum { COL_SESSION, COL_LOGIN, COL_STATUS, COL_NOTE, NCOL };

struct seen {
	int	session, staff, line;
};

static int
find_col(const struct csv_doc *doc, int c)
{
	int j = csv_col(doc, col_ja[c]);

	if (j < 0)
		j = csv_col(doc, col_en[c]);
	return j;
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
row_error(FILE *err, int line, const struct csv_doc *doc, int col, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "rashin: import attendance: line 3, column ログイン: unknown login "x"" (sanitised). */
static void
row_error(FILE *err, int line, const struct csv_doc *doc, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg, *all;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (col >= 0)
		all = xasprintf(_("rashin: import attendance: line %d, column %s: %s"), line,
		    csv_field(&doc->header, col), msg);
	else
		all = xasprintf(_("rashin: import attendance: line %d: %s"), line, msg);
	out_text(err, all);
	fputc('\n', err);
	free(all);
	free(msg);
}

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

static int
blank_row(const struct csv_row *r)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		if (strspn(r->fields[i], " \t") != strlen(r->fields[i]))
			return 0;
	return 1;
}

int
training_import(struct db *db, const struct csv_doc *doc, int skip_bad, int check, FILE *err,
    struct training_import_result *out, char **cause)
{
	int col[NCOL], c, i, k, nseen = 0;
	struct seen *seen = NULL;
	PGresult *res;

	memset(out, 0, sizeof *out);
	for (c = 0; c < NCOL; c++) {
		col[c] = find_col(doc, c);
		if (col[c] < 0 && c != COL_NOTE)
			return set_cause(cause, _("line 1: missing column %s (or %s)"), col_ja[c], col_en[c]);
	}
	if (db_begin(db, cause) != 0)
		return -1;
	seen = xcalloc((size_t)doc->nrows + 1, sizeof *seen);
	for (i = 0; i < doc->nrows; i++) {
		const struct csv_row *r = &doc->rows[i];
		const char *ses = csv_field(r, col[COL_SESSION]), *login = csv_field(r, col[COL_LOGIN]);
		const char *stf = csv_field(r, col[COL_STATUS]), *status;
		const char *note = col[COL_NOTE] >= 0 ? csv_field(r, col[COL_NOTE]) : NULL;
		const char *p[2];
		char idbuf[16], staff[16];
		int sid, changed, dup = -1;

		if (blank_row(r))
			continue;
		out->rows++;
		if ((sid = training_parse_id(ses)) == 0) {
			row_error(err, r->line, doc, col[COL_SESSION], _("not a session number \"%s\""), ses);
			goto bad;
		}
		snprintf(idbuf, sizeof idbuf, "%d", sid);
		p[0] = idbuf;
		p[1] = login;
		res = db_query(db, "SELECT (SELECT id FROM course_session WHERE id = $1::int), "
		    "(SELECT id FROM staff WHERE login = $2 AND active)", 2, p, NULL, cause);
		if (res == NULL)
			goto fail;
		k = db_isnull(res, 0, 0) ? 1 : db_isnull(res, 0, 1) ? 2 : 0;
		snprintf(staff, sizeof staff, "%s", db_str(res, 0, 1));
		PQclear(res);
		if (k == 1) {
			row_error(err, r->line, doc, col[COL_SESSION], _("unknown session \"%s\""), ses);
			goto bad;
		}
		if (k == 2) {
			row_error(err, r->line, doc, col[COL_LOGIN], _("unknown login \"%s\""), login);
			goto bad;
		}
		if ((status = training_status_parse(stf)) == NULL) {
			row_error(err, r->line, doc, col[COL_STATUS], _("bad status \"%s\" (one of %s, %s, "
			    "%s, %s or present, late, excused, absent)"), stf, training_status_ja[0],
			    training_status_ja[1], training_status_ja[2], training_status_ja[3]);
			goto bad;
		}
		if (note != NULL && utf8_chars(note) > NOTE_MAX) {
			row_error(err, r->line, doc, col[COL_NOTE], _("note longer than %d characters"),
			    NOTE_MAX);
			goto bad;
		}
		for (k = 0; k < nseen; k++)
			if (seen[k].session == sid && seen[k].staff == atoi(staff)) {
				dup = seen[k].line;
				break;
			}
		if (dup > 0) {
			row_error(err, r->line, doc, -1, _("duplicate row: session %d and login %s "
			    "already on line %d"), sid, login, dup);
			goto bad;
		}
		seen[nseen].session = sid;
		seen[nseen].staff = atoi(staff);
		seen[nseen].line = r->line;
		nseen++;
		if (training_upsert(db, idbuf, staff, status, note, &changed, cause) != 0) {
			char *c2 = xasprintf(_("line %d: %s"), r->line, *cause);

			free(*cause);
			*cause = c2;
			goto fail;
		}
		if (changed == 1)
			out->added++;
		else if (changed == 2)
			out->changed++;
		else
			out->same++;
		continue;
bad:
		out->bad++;
	}
	free(seen);
	if (out->bad > 0 && !skip_bad) {
		db_rollback(db);
		return set_cause(cause, "nothing imported: %d bad row%s (--skip-bad imports the "
		    "others)", out->bad, out->bad == 1 ? "" : "s");
	}
	if (check) {
		db_rollback(db);
		return 0;
	}
	return db_commit(db, cause);
fail:
	free(seen);
	db_rollback(db);
	return -1;
}

struct out_table *
training_export(struct db *db, int fy, int session, char **cause)
{
	static const char *const keys[] = { "セッション", "研修", "日時", "ログイン", "氏名",
	    "出欠", "メモ" };
	char fybuf[16], sbuf[16];
	const char *p[2] = { fybuf, sbuf };
	struct out_table *t;
	PGresult *res;
	int i;

	snprintf(fybuf, sizeof fybuf, "%d", fy);
	snprintf(sbuf, sizeof sbuf, "%d", session);
	res = db_query(db, "SELECT cs.id, c.code, "
	    "to_char(cs.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), s.login, "
	    "s.name, a.status, a.note FROM attendance a "
	    "JOIN course_session cs ON cs.id = a.session_id JOIN course c ON c.id = cs.course_id "
	    "JOIN staff s ON s.id = a.staff_id "
	    "WHERE ($1::int = 0 OR cs.fy = $1::int) AND ($2::int = 0 OR cs.id = $2::int) "
	    "ORDER BY cs.starts_at, cs.id, s.kana COLLATE \"ja-x-icu\", s.id", 2, p, NULL, cause);
	if (res == NULL)
		return NULL;
	t = out_new(7, keys, keys);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), db_str(res, i, 4),
		    training_status_ja_label(db_str(res, i, 5)),
		    *db_str(res, i, 6) != '\0' ? db_str(res, i, 6) : NULL);
	PQclear(res);
	return t;
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
