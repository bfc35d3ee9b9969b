/*
 * store_training_admin — creating courses and sessions, so trainers need no SQL. Who may
 * is the database's (policies in sql/009_access.sql and 040); the CHECKs judge the values.
 */
#include "backend/store/store_training.h"

#include <stdlib.h>
#include <string.h>

#include <libpq-fe.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

static int
add_failed(const char *state, const char *what, char **cause)
{
	if (outcome_is(state, DB_SQLSTATE_UNIQUE)) {
		free(*cause);
		*cause = NULL;
		return set_cause(cause, "%s: %s", what, _("already exists"));
	}
	return training_refused(state, cause);
}

int
training_course_add(struct db *db, const char *code, const char *category, const char *title,
    int mandatory, int *id, char **cause)
{
	const char *p[4] = { code, category, title, mandatory ? "true" : "false" };
	char state[6];
	PGresult *res;

	res = db_query(db, "INSERT INTO course (code, category, title, mandatory) "
	    "VALUES ($1, $2, $3, $4::boolean) RETURNING id", 4, p, state, cause);
	if (res == NULL)
		return add_failed(state, code, cause);
	*id = db_int(res, 0, 0);
	PQclear(res);
	return 0;
}

int
training_session_add(struct db *db, const char *course, const char *starts, const char *place,
    int capacity, int *id, char **cause)
{
	char cbuf[16], state[6];
	const char *p[4] = { course, starts, place, cbuf };
	PGresult *res;

	snprintf(cbuf, sizeof cbuf, "%d", capacity);
	res = db_query(db, "INSERT INTO course_session (course_id, fy, starts_at, place, capacity) "
	    "SELECT c.id, rs_fy_of(($2::timestamp)::date), $2::timestamp AT TIME ZONE 'Asia/Tokyo', "
	    "$3, nullif($4::int, 0) FROM course c WHERE c.code = $1 RETURNING id",
	    4, p, state, cause);
	if (res == NULL)
		return add_failed(state, starts, cause);
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, "no such course: %s", course);
	}
	*id = db_int(res, 0, 0);
	PQclear(res);
	return 0;
}

/* A write's error as an outcome; a refusal gets its reason (add_failed's). */
static enum store_rc
edit_failed(const char *state, const char *what, char **cause)
{
	enum store_rc rc = outcome_of(state);

	if (rc == STORE_REFUSED)
		add_failed(state, what, cause);
	return rc;
}

/*
 * An UPDATE ... RETURNING version that came back with no row: the row is gone
 * (STORE_NOT_FOUND), or the policy hid it from this member's writes (STORE_REFUSED).
 */
static enum store_rc
edit_no_row(struct db *db, const char *exists_sql, const char *id, const char *none,
    const char *what, char **cause)
{
	const char *p[1] = { id };
	PGresult *res = db_query(db, exists_sql, 1, p, NULL, cause);
	int n;

	if (res == NULL)
		return STORE_FAILED;
	n = PQntuples(res);
	PQclear(res);
	if (n == 0) {
		set_cause(cause, "%s: %s", none, what);
		return STORE_NOT_FOUND;
	}
	training_refused(DB_SQLSTATE_DENIED, cause);
	return STORE_REFUSED;
}

enum store_rc
training_course_get(struct db *db, const char *code, struct training_course_rec *r,
    char **cause)
{
	const char *p[1] = { code };
	PGresult *res;

	memset(r, 0, sizeof *r);
	res = db_query(db, "SELECT id, version, code, title, category, mandatory, late_counts, "
	    "coalesce(rule_n, 0), coalesce(pass_mark, -1) FROM course WHERE code = $1", 1, p,
	    NULL, cause);
	if (res == NULL)
		return STORE_FAILED;
	if (PQntuples(res) != 1) {
		PQclear(res);
		set_cause(cause, "%s: %s", _("no such course"), code);
		return STORE_NOT_FOUND;
	}
	r->id = db_int(res, 0, 0);
	r->version = db_int(res, 0, 1);
	snprintf(r->code, sizeof r->code, "%s", db_str(res, 0, 2));
	snprintf(r->title, sizeof r->title, "%s", db_str(res, 0, 3));
	snprintf(r->category, sizeof r->category, "%s", db_str(res, 0, 4));
	r->mandatory = strcmp(db_str(res, 0, 5), "t") == 0;
	r->late_counts = strcmp(db_str(res, 0, 6), "t") == 0;
	r->rule_n = db_int(res, 0, 7);
	r->pass_mark = db_int(res, 0, 8);
	PQclear(res);
	return STORE_OK;
}

enum store_rc
training_course_update(struct db *db, struct training_course_rec *r, char **cause)
{
	char id[16], ver[16], rule[16], pass[16], state[6] = "";
	const char *p[8] = { id, ver, r->title, r->category, r->mandatory ? "t" : "f",
	    r->late_counts ? "t" : "f", rule, pass };
	PGresult *res;
	int n;

	snprintf(id, sizeof id, "%d", r->id);
	snprintf(ver, sizeof ver, "%d", r->version);
	snprintf(rule, sizeof rule, "%d", r->rule_n);
	snprintf(pass, sizeof pass, "%d", r->pass_mark);
	/* The version read goes in: rs_version refuses it (RS001) when the row moved on. */
	res = db_query(db, "UPDATE course SET title = $3, category = $4, mandatory = $5::boolean, "
	    "late_counts = $6::boolean, rule_n = nullif($7::int, 0), "
	    "pass_mark = nullif($8::int, -1), version = $2::int WHERE id = $1::int "
	    "RETURNING version", 8, p, state, cause);
	if (res == NULL)
		return edit_failed(state, r->code, cause);
	if ((n = PQntuples(res)) == 1)
		r->version = db_int(res, 0, 0);
	PQclear(res);
	if (n == 1)
		return STORE_OK;
	return edit_no_row(db, "SELECT 1 FROM course WHERE id = $1::int", id, _("no such course"),
	    r->code, cause);
}

enum store_rc
training_session_get(struct db *db, int id, struct training_session_rec *r, char **cause)
{
	char sid[16];
	const char *p[1] = { sid };
	PGresult *res;

	memset(r, 0, sizeof *r);
	snprintf(sid, sizeof sid, "%d", id);
	res = db_query(db, "SELECT cs.id, cs.version, c.code, "
	    "to_char(cs.starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI'), cs.place, "
	    "coalesce(cs.capacity, 0), coalesce(t.login, '') FROM course_session cs "
	    "JOIN course c ON c.id = cs.course_id LEFT JOIN staff t ON t.id = cs.trainer_id "
	    "WHERE cs.id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return STORE_FAILED;
	if (PQntuples(res) != 1) {
		PQclear(res);
		set_cause(cause, "%s: %d", _("no such session"), id);
		return STORE_NOT_FOUND;
	}
	r->id = db_int(res, 0, 0);
	r->version = db_int(res, 0, 1);
	snprintf(r->course, sizeof r->course, "%s", db_str(res, 0, 2));
	snprintf(r->starts, sizeof r->starts, "%s", db_str(res, 0, 3));
	snprintf(r->place, sizeof r->place, "%s", db_str(res, 0, 4));
	r->capacity = db_int(res, 0, 5);
	snprintf(r->trainer, sizeof r->trainer, "%s", db_str(res, 0, 6));
	PQclear(res);
	return STORE_OK;
}

enum store_rc
training_session_update(struct db *db, struct training_session_rec *r, char **cause)
{
	char id[16], ver[16], cap[16], state[6] = "";
	const char *p[6] = { id, ver, r->starts, r->place, cap, r->trainer };
	PGresult *res;
	int n;

	snprintf(id, sizeof id, "%d", r->id);
	snprintf(ver, sizeof ver, "%d", r->version);
	snprintf(cap, sizeof cap, "%d", r->capacity);
	if (r->trainer[0] != '\0') {
		res = db_query(db, "SELECT 1 FROM staff WHERE login = $1", 1, &p[5], NULL, cause);
		if (res == NULL)
			return STORE_FAILED;
		n = PQntuples(res);
		PQclear(res);
		if (n == 0) {
			set_cause(cause, "%s: %s", _("no such staff member"), r->trainer);
			return STORE_REFUSED;
		}
	}
	res = db_query(db, "UPDATE course_session SET "
	    "starts_at = $3::timestamp AT TIME ZONE 'Asia/Tokyo', "
	    "fy = rs_fy_of(($3::timestamp)::date), place = $4, capacity = nullif($5::int, 0), "
	    "trainer_id = (SELECT s.id FROM staff s WHERE s.login = nullif($6, '')), "
	    "version = $2::int WHERE id = $1::int RETURNING version", 6, p, state, cause);
	if (res == NULL)
		return edit_failed(state, r->starts, cause);
	if ((n = PQntuples(res)) == 1)
		r->version = db_int(res, 0, 0);
	PQclear(res);
	if (n == 1)
		return STORE_OK;
	return edit_no_row(db, "SELECT 1 FROM course_session WHERE id = $1::int", id,
	    _("no such session"), id, cause);
}
