/*
 * as_member — the database tests' login: a session the owner opens for a member (as a
 * local `rashin ... --as LOGIN` does: backend/cli.c), set on the connection. The owner is
 * reached through libpq's environment (tests/lib/common.sh exports PGHOST, PGUSER=postgres,
 * PGDATABASE), or RASHIN_TEST_OWNER.
 */
#ifndef RASHIN_TEST_AS_MEMBER_H
#define RASHIN_TEST_AS_MEMBER_H

#include <stdlib.h>
#include <string.h>

#include "backend/lib/identity.h"
#include "backend/store/auth.h"
#include "backend/store/db.h"
#include "backend/store/session.h"

/* Only the session (no statement on db: a test counting what db prepared sees nothing). */
static inline int
as_member_session(struct db *db, const char *login, struct identity *id, char **cause)
{
	const char *owner = getenv("RASHIN_TEST_OWNER");

	if (session_open(owner != NULL ? owner : "", NULL, NULL, login, "", "test", 1,
	    id->session, cause) != 0)
		return -1;
	db_set_session(db, id->session);
	return 0;
}

/* The identity (auth_login) and the session. */
static inline int
as_member(struct db *db, const char *login, struct identity *id, char **cause)
{
	memset(id, 0, sizeof *id);
	if (auth_login(db, login, id, cause) != 0)
		return -1;
	return as_member_session(db, login, id, cause);
}

#endif
