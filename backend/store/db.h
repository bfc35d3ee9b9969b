/*
 * db — the session's one libpq connection. Every statement is a constant string with $n
 * parameters; each runs in a transaction that first sets the session's secret
 * (set_config('rashin.session', ..., true)): the database finds the member of that open
 * session (sql/140_session.sql) and row-level security decides what they see.
 * The connection survives a database restart: a failed call marks it disconnected, and
 * db_reconnect (called with backoff from the main loop) brings it back.
 */
#ifndef RASHIN_DB_H
#define RASHIN_DB_H

#include <libpq-fe.h>

#include "backend/store/outcome.h"	/* the SQLSTATEs, named once */

struct db;


enum db_state { DB_CONNECTED, DB_DISCONNECTED };

struct db	*db_open(const char *conninfo, char **cause);
/* db_open as another role: user (and password, NULL: none) override the conninfo's. */
struct db	*db_open_as(const char *conninfo, const char *user, const char *password,
		    char **cause);
void		 db_close(struct db *);
/* Connect in the background: db_start returns at once, db_wait completes (0 = connected). */
struct db	*db_start(const char *conninfo);
int		 db_wait(struct db *, char **cause);
/* PQconnectStartParams with db.c's defaults (application name, encoding, timeout). */
PGconn		*db_connect_start(const char *conninfo);
/* Open n connections at once, a statement on each, then close them: how many answered
 * (a pooler's warm-up). */
int		 db_warm(const char *conninfo, int n, int wait_ms);
/* After a fork, in the process that gives the connection up: close its socket without a
 * word on it and keep its memory (freeing it faulted pages shared with the listener). */
void		 db_forget(struct db *);
/* 1 when conninfo reaches its server over TCP (a host that is not a socket directory,
 * or a hostaddr), 0 when only over Unix sockets; an unparsable string counts as TCP. */
int		 db_uses_tcp(const char *conninfo);
/* The session secret set in every transaction (session.h); NULL or "" = none: the login
 * lookups and the audit of a failed login run as no one. */
#define DB_SESSION_MAX	64
void		 db_set_session(struct db *, const char *secret);
const char	*db_session(const struct db *);
/* The SCRAM-SHA-256 verifier of user's password, computed here (PQfreemem it), or NULL. */
char		*db_encrypt_password(struct db *, const char *password, const char *user,
		    char **cause);
enum db_state	 db_state(struct db *);
/* Try once to reconnect; 0 when connected again. */
int		 db_reconnect(struct db *, char **cause);

/*
 * One statement in its own transaction (unless inside db_begin/db_commit) with the
 * identity set. Returns a result the caller PQclear()s, or NULL with *cause; if sqlstate
 * is not NULL it gets the error's SQLSTATE ("" when none), e.g. DB_SQLSTATE_STALE.
 */
PGresult	*db_query(struct db *, const char *sql, int nparams,
		    const char *const *params, char sqlstate[6], char **cause);
/* One statement of a batch. */
struct db_stmt {
	const char		*sql;
	int			 nparams;
	const char *const	*params;
};
/*
 * n statements in one round trip and one transaction (one snapshot: the numbers of a
 * screen agree with each other). 0 with out[0..n-1] set (each PQclear()ed by the
 * caller), or -1 with *cause and every out[i] NULL. With DB_PREPARE each statement is
 * prepared on the connection the first time (its sql is remembered by address: pass
 * constants; named after its text, so a pooled backend keeps it for the next client:
 * db_prepared.c) and planned once: for statements run often whose plan does not depend
 * on the values (not for filters that pick an index by what was typed).
 */
#define DB_PREPARE	0x1
int		 db_batch(struct db *, const struct db_stmt *, int n, int flags,
		    PGresult **out, char sqlstate[6], char **cause);
/*
 * db_batch in two halves, for a reload that keys typed meanwhile must not wait for:
 * db_batch_send sends the statements (0; -1 with *cause: nothing sent, nothing to take),
 * db_batch_ready reads what has come without waiting (1 when all has, or the connection
 * is gone; poll db_socket for more), db_batch_take hands the results over as db_batch
 * does (waiting for them if need be). One batch at a time, not inside db_begin; any
 * other call on the connection first reads the batch to its end, its results kept for
 * db_batch_take.
 */
int		 db_batch_send(struct db *, const struct db_stmt *, int n, int flags,
		    char **cause);
int		 db_batch_ready(struct db *);
int		 db_batch_take(struct db *, PGresult **out, char sqlstate[6], char **cause);
/* db_query for statements whose rows are not needed: 0 or -1. */
int		 db_exec(struct db *, const char *sql, int nparams,
		    const char *const *params, char sqlstate[6], char **cause);
/* Explicit transactions for multi-statement saves (identity set at BEGIN). */
int		 db_begin(struct db *, char **cause);
int		 db_commit(struct db *, char **cause);
void		 db_rollback(struct db *);
/* db_begin for a read that must see one state throughout (an export's cursor, read twice):
 * REPEATABLE READ, READ ONLY. */
int		 db_begin_snapshot(struct db *, char **cause);

/* LISTEN rashin; the socket to poll; each pending notification's payload ("table:key"). */
int		 db_listen(struct db *, char **cause);
int		 db_socket(struct db *);
/* Read input; calls fn for each notification; -1 if the connection was lost. */
int		 db_notifications(struct db *, void (*fn)(void *, const char *), void *arg);

/*
 * A query whose rows fill an array: *n gets the row count and the return value a
 * zeroed array of *n + 1 elements of size (caller frees), *res the result (caller
 * PQclear()s). NULL with *cause (and *n 0) when the query failed.
 */
void		*db_rows(struct db *, const char *sql, int nparams, const char *const *params,
		    size_t size, int *n, PGresult **res, char **cause);
/*
 * A write that changed no row although the row is visible: row-level security said
 * no. Sets sqlstate (if not NULL) to DB_SQLSTATE_DENIED and *cause to msg; returns -1.
 */
int		 db_refused(char sqlstate[6], char **cause, const char *msg);

/*
 * A query's rows copied into a grid (grid.h), for callers above the store that must not
 * see a PGresult: 0, or -1 with *cause (sqlstate as db_query's). The caller grid_free()s.
 */
struct grid;
int		 db_grid(struct db *, const char *sql, int nparams, const char *const *params,
		    struct grid *, char sqlstate[6], char **cause);

/* Convenience getters on a result: value or "" / 0 when NULL. */
const char	*db_str(const PGresult *, int row, int col);
int		 db_int(const PGresult *, int row, int col);
int		 db_isnull(const PGresult *, int row, int col);

#endif
