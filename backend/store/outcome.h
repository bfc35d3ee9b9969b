/*
 * outcome — what a write came to: the one answer every store write gives, to the
 * console and to the commands alike. A write returns an enum store_rc and, unless
 * STORE_OK, an allocated *cause: for STORE_REFUSED the reason in the UI language (picked
 * by the refusal's SQLSTATE, never by the text of a message), for STORE_STALE who
 * changed the row and to what, for STORE_FAILED what failed.
 *
 * The SQLSTATEs rashin looks at are named here and nowhere else (the ones code tests for
 * by name below, the rest in outcome.c's table of reasons). Its own refusals
 * (RAISE ... USING ERRCODE in sql/, one code per kind: sql/120_refusal_codes.sql) are
 * told apart by outcome_of and said by outcome_message; the message text PostgreSQL
 * sends (in whatever lc_messages the server has) is never read to decide anything.
 */
#ifndef RASHIN_OUTCOME_H
#define RASHIN_OUTCOME_H

#include <stdbool.h>

enum store_rc {
	STORE_OK = 0,		/* done */
	STORE_FAILED = -1,	/* could not be done: the connection, a bug (*cause) */
	STORE_STALE = -2,	/* someone saved first (RS001): re-read, show, ask again */
	STORE_REFUSED = -3,	/* not allowed, or breaks a rule: *cause says which */
	STORE_NOT_FOUND = -4	/* no such row, or not one this member may see */
};

/* rashin's own: the version trigger (rs_version) when a save carries a stale version */
#define DB_SQLSTATE_STALE	"RS001"
/* rashin's own: the last active admin cannot be removed (rs_staff_guard) */
#define DB_SQLSTATE_LAST_ADMIN	"RS201"
/* rashin's own: a role changed by someone not an admin (rs_staff_guard) */
#define DB_SQLSTATE_ROLE_CHANGE	"RS202"
/* rashin's own: the measure already has an evaluation for the year (rs_evaluation_guard) */
#define DB_SQLSTATE_EVAL_EXISTS	"RS306"
/* rashin's own: a computed KPI's actual, or its computed target, typed (rs_kpi_value_guard) */
#define DB_SQLSTATE_KPI_COMPUTED	"RS316"
#define DB_SQLSTATE_KPI_TARGET_COMPUTED	"RS317"
/* The session was ended by someone else: its key revoked or removed, the member
 * deactivated (sql/147_session_revoke.sql); every statement on it is refused. */
#define DB_SQLSTATE_SESSION_ENDED	"RS701"
/* PostgreSQL's insufficient_privilege: a row-level policy or a missing grant said no
 * (also what db_refused sets for a write that changed no visible row) */
#define DB_SQLSTATE_DENIED	"42501"
/* PostgreSQL's integrity constraint violations */
#define DB_SQLSTATE_UNIQUE	"23505"
#define DB_SQLSTATE_FOREIGN_KEY	"23503"
#define DB_SQLSTATE_CHECK	"23514"
/* PostgreSQL's raise_exception: a RAISE without a code of its own (a bug, not a refusal) */
#define DB_SQLSTATE_RAISE	"P0001"
/* PostgreSQL's no_data_found */
#define DB_SQLSTATE_NO_DATA	"P0002"

/* Is sqlstate (may be NULL or "") the code code? */
bool		 outcome_is(const char *sqlstate, const char *code);
/*
 * What an error with this SQLSTATE comes to: STORE_STALE (RS001), STORE_REFUSED
 * (rashin's own refusal codes, a policy or privilege 42501, a constraint of class 23),
 * STORE_NOT_FOUND (P0002) or STORE_FAILED (anything else, "" and NULL included).
 */
enum store_rc	 outcome_of(const char *sqlstate);
/* Is sqlstate one of rashin's own codes (RSnnn)? */
bool		 outcome_own(const char *sqlstate);
/*
 * The reason for a refusal, in the UI language, chosen by its code alone: each of
 * rashin's own codes, RS001 and 42501 ("not allowed for your role"); NULL for any other.
 */
const char	*outcome_message(const char *sqlstate);

#endif
