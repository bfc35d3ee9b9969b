/*
 * outcome — what a write came to: the one answer every store write gives, to the
 * console and to the commands alike. A write returns an enum store_rc and, unless
 * STORE_OK, an allocated *cause: for STORE_REFUSED the reason in the UI language (picked
 * by the refusal's SQLSTATE, never by the text of a message), for STORE_STALE who
 * changed the row and to what, for STORE_FAILED what failed.
 */
#ifndef RASHIN_OUTCOME_H
#define RASHIN_OUTCOME_H

enum store_rc {
	STORE_OK = 0,		/* done */
	STORE_FAILED = -1,	/* could not be done: the connection, a bug (*cause) */
	STORE_STALE = -2,	/* someone saved first (RS001): re-read, show, ask again */
	STORE_REFUSED = -3,	/* not allowed, or breaks a rule: *cause says which */
	STORE_NOT_FOUND = -4,	/* no such row, or not one this member may see */
	STORE_LAST_ADMIN = -5,	/* (to fold into STORE_REFUSED) RS002 */
	STORE_EXISTS = -6	/* (to fold into STORE_REFUSED) a unique violation */
};

/* SQLSTATE raised by the version trigger when a save carries a stale version. */
#define DB_SQLSTATE_STALE "RS001"
/* SQLSTATE of a refusal (insufficient_privilege), raised or set by db_refused. */
#define DB_SQLSTATE_REFUSED "42501"

#endif
