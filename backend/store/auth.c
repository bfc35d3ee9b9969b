/*
 * auth — identity lookups and login events.
 */
#include "backend/store/auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/identity.h"
#include "backend/lib/util.h"

static void
fill(struct identity *id, const PGresult *res)
{
	memset(id, 0, sizeof *id);
	id->staff_id = db_int(res, 0, 0);
	snprintf(id->login, sizeof id->login, "%s", db_str(res, 0, 1));
	snprintf(id->name, sizeof id->name, "%s", db_str(res, 0, 2));
	snprintf(id->role, sizeof id->role, "%s", db_str(res, 0, 3));
	id->dept_id = db_int(res, 0, 4);
	snprintf(id->dept_name, sizeof id->dept_name, "%s", db_str(res, 0, 5));
	snprintf(id->lang, sizeof id->lang, "%s", db_str(res, 0, 6));
}

int
auth_login(struct db *db, const char *login, struct identity *id, char **cause)
{
	const char *p[1] = { login };
	PGresult *res;

	res = db_query(db, "SELECT staff_id, login, name, role, dept_id, dept_name, lang "
	    "FROM rs_identity($1)", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, "no active staff member with login %s", login);
	}
	fill(id, res);
	PQclear(res);
	return 0;
}

int
auth_key(struct db *db, const char *login, const char *key_type, const char *key_b64,
    struct identity *id, char **cause)
{
	const char *p[3] = { login, key_type, key_b64 };
	PGresult *res;

	res = db_query(db, "SELECT staff_id, login, name, role, dept_id, dept_name, lang, "
	    "fingerprint FROM rs_auth_key($1, $2, $3)", 3, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, "no active key of an active staff member %s matches", login);
	}
	fill(id, res);
	snprintf(id->fingerprint, sizeof id->fingerprint, "%s", db_str(res, 0, 7));
	PQclear(res);
	return 0;
}

int
auth_key_live(struct db *db, const char *fingerprint, char **cause)
{
	const char *p[1] = { fingerprint };
	char state[6] = "";
	PGresult *res;
	int id;

	/* the member's own keys are visible to them (sql/013_rls_once.sql), revoked or not */
	res = db_query(db, "SELECT id FROM ssh_key WHERE fingerprint = $1 AND revoked_at IS NULL",
	    1, p, state, cause);
	if (res == NULL)	/* a session its key's revocation ended: not live */
		return outcome_is(state, DB_SQLSTATE_SESSION_ENDED) ? 0 : -1;
	id = PQntuples(res) == 1 ? db_int(res, 0, 0) : 0;
	PQclear(res);
	return id;
}

int
auth_event(struct db *db, const char *action, const char *login, const char *source,
    const char *fingerprint, const char *reason, const char *session, const char *server)
{
	const char *p[7] = { action, login, source ? source : "", fingerprint ? fingerprint : "",
	    reason ? reason : "", session, server };

	/* session and server only when given (SQL NULL, stripped) */
	return db_exec(db, "SELECT rs_event($1, 'session', $2, jsonb_strip_nulls("
	    "jsonb_build_object('login', $2::text, 'source', $3::text, 'fingerprint', $4::text, "
	    "'reason', $5::text, 'session', $6::text, 'server', $7::text)))", 7, p, NULL, NULL);
}

int
auth_sessions_lost(struct db *db, const char *server, int *n, char **cause)
{
	const char *p[1] = { server };
	PGresult *res;

	if ((res = db_query(db, "SELECT rs_sessions_lost($1)", 1, p, NULL, cause)) == NULL)
		return -1;
	*n = db_int(res, 0, 0);
	PQclear(res);
	return 0;
}
