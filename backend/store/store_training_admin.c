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
