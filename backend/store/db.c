/*
 * db — one libpq connection per session. A statement outside db_begin/db_commit is sent
 * in pipeline mode together with the identity (set_config ... is_local) before one Sync,
 * so both run in one implicit transaction and one round trip.
 */
#include "backend/store/db.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/store/db_impl.h"
#include "backend/store/db_prepared.h"
#include "backend/store/db_save.h"
#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/lib/today.h"
#include "backend/lib/util.h"

/* The identity (the session's secret: rs_staff_id() finds the member whose open session
 * it names, sql/140_session.sql), today as the program sees it (lib/today.h: RASHIN_TODAY
 * when pinned) for the rules that depend on the day (rs_today() in sql/130_rules.sql), and
 * the transaction's save receipt (db_save.h). */
static int	db_begin_as(struct db *, const char *begin, char **cause);

static const char sql_identity[] = "SELECT set_config('rashin.session', $1, true), "
    "set_config('rashin.today', $2, true), set_config('rashin.save', $3, true)";
/*
 * The same for a batch of prepared statements (DB_PREPARE), which are planned once for
 * any values: PostgreSQL would otherwise plan each for its values at its first five
 * executions on every connection (~1-1.5 ms each for the dashboard's migration tile,
 * against ~0.4 ms to run the generic plan it then keeps), and every console starts
 * with them. Only for this transaction: unnamed statements (filters) keep custom plans.
 */
static const char sql_identity_generic[] = "SELECT set_config('rashin.session', $1, true), "
    "set_config('rashin.today', $2, true), set_config('rashin.save', $3, true), "
    "set_config('plan_cache_mode', 'force_generic_plan', true)";

static void	 db_settle(struct db *);

/* A pipeline whose connection is gone, if still on its way: failed, nothing to read. */
static void
db_pipe_lost(struct db_pipe *p)
{
	if (p->active && !p->complete) {
		p->failed = p->complete = 1;
		p->ngroups = 0;
	}
}

/* Free the results a pipeline holds (not handed over): it has none after. */
static void
db_pipe_drop(struct db_pipe *p)
{
	int i;

	for (i = 0; i < p->n; i++) {
		PQclear(p->out[i]);
		p->out[i] = NULL;
	}
	PQclear(p->err);
	p->err = NULL;
	p->active = 0;
}

/* Server notices and libpq's own messages go to the log, never to the terminal. */
static void
db_notice(void *arg, const char *message)
{
	char *m = xstrdup(message);

	(void)arg;
	chomp(m);
	log_info("database: %s", m);
	free(m);
}

/*
 * Our defaults come before dbname, so a connect_timeout (or anything else) in the
 * configured conninfo overrides them. 15 s: under a login storm a new backend can take
 * seconds to start on a busy machine, and a login that waits beats one refused (at 500
 * logins in 10 s on 2 cores, 5 s turned 319 of them away).
 */
static const char *const db_keys[] = { "application_name", "client_encoding",
    "connect_timeout", "dbname", "user", "password", NULL };
#define DB_VALS(conninfo)	{ "rashin", "UTF8", "15", (conninfo), NULL, NULL, NULL }

/* A user (and password) given override the conninfo's (later keywords win); NULL ones
 * are skipped. */
static PGconn *
db_connect_as(const char *conninfo, const char *user, const char *password, char **cause)
{
	const char *const vals[] = { "rashin", "UTF8", "15", conninfo, user, password, NULL };
	PGconn *c;

	c = PQconnectdbParams(db_keys, vals, 1);
	if (c == NULL) {
		set_cause(cause, "database: out of memory");
		return NULL;
	}
	if (PQstatus(c) != CONNECTION_OK) {
		char *msg = xstrdup(PQerrorMessage(c));

		chomp(msg);
		set_cause(cause, "database: %s", msg);
		free(msg);
		PQfinish(c);
		return NULL;
	}
	PQsetNoticeProcessor(c, db_notice, NULL);
	return c;
}

static PGconn *
db_connect(const char *conninfo, char **cause)
{
	return db_connect_as(conninfo, NULL, NULL, cause);
}

struct db *
db_open(const char *conninfo, char **cause)
{
	return db_open_as(conninfo, NULL, NULL, cause);
}

struct db *
db_open_as(const char *conninfo, const char *user, const char *password, char **cause)
{
	struct db *db;
	PGconn *c;

	if ((c = db_connect_as(conninfo, user, password, cause)) == NULL)
		return NULL;
	db = xcalloc(1, sizeof *db);
	db->conn = c;
	db->conninfo = xstrdup(conninfo);
	db->state = DB_CONNECTED;
	return db;
}

/* PQconnectStartParams with our defaults (see db_keys); NULL when out of memory. */
PGconn *
db_connect_start(const char *conninfo)
{
	const char *const vals[] = DB_VALS(conninfo);

	return PQconnectStartParams(db_keys, vals, 1);
}

/*
 * Start connecting without waiting (PQconnectStartParams): the server forks its backend
 * and authenticates us while the caller does other work (the SSH key exchange).
 * db_wait finishes the handshake; until then the db is DB_DISCONNECTED.
 */
struct db *
db_start(const char *conninfo)
{
	struct db *db = xcalloc(1, sizeof *db);

	db->conn = db_connect_start(conninfo);
	db->conninfo = xstrdup(conninfo);
	db->state = DB_DISCONNECTED;
	return db;
}

/*
 * Finish what db_start began, within DB_CONNECT_WAIT_MS in all (a busy server may take
 * seconds to start a backend: starting again from scratch after 5 s, as this did, only
 * queued a second one). If it failed outright (not slow), one blocking reconnect.
 */
#define DB_CONNECT_WAIT_MS	15000

int
db_wait(struct db *db, char **cause)
{
	PostgresPollingStatusType st = PGRES_POLLING_WRITING;
	struct pollfd pfd;
	long long until, left;
	int rc;

	if (db->state == DB_CONNECTED)
		return 0;
	until = now_ms() + DB_CONNECT_WAIT_MS;
	while (db->conn != NULL && PQstatus(db->conn) != CONNECTION_BAD &&
	    st != PGRES_POLLING_OK && st != PGRES_POLLING_FAILED) {
		left = until - now_ms();
		pfd.fd = PQsocket(db->conn);
		pfd.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
		if (pfd.fd < 0 || left <= 0)
			break;
		if ((rc = poll(&pfd, 1, (int)left)) < 0 && errno == EINTR)
			continue;
		if (rc == 0)
			return set_cause(cause, "database: %s",
			    _("no connection within 15 s (the server is too busy)"));
		if (rc < 0)
			break;
		st = PQconnectPoll(db->conn);
	}
	if (st == PGRES_POLLING_OK && PQstatus(db->conn) == CONNECTION_OK) {
		PQsetNoticeProcessor(db->conn, db_notice, NULL);
		db->state = DB_CONNECTED;
		return 0;
	}
	return db_reconnect(db, cause);
}

static struct db	*db_let_go;	/* db_forget's: kept, reachable (no leak reported) */

/*
 * After a fork, in the process that gives a connection up to the other: let go of it
 * without a word on its socket (the Terminate PQfinish would send) and without freeing
 * it: freeing its buffers cost ~6 % of a login's CPU in rashin (page faults on memory
 * shared with the listener, the heap trimmed back: bench/README.md, session 8).
 */
void
db_forget(struct db *db)
{
	int	 fd;

	if (db == NULL)
		return;
	if (db->conn != NULL && (fd = PQsocket(db->conn)) >= 0)
		close(fd);
	db->next_let_go = db_let_go;
	db_let_go = db;
}

void
db_close(struct db *db)
{
	if (db == NULL)
		return;
	if (db->async.active)
		db_pipe_drop(&db->async);
	if (db->conn != NULL)
		PQfinish(db->conn);
	free(db->conninfo);
	db_names_free(&db->names);
	free(db);
}

enum db_state
db_state(struct db *db)
{
	return db->state;
}

void
db_lost(struct db *db)
{
	if (db->state == DB_CONNECTED)
		log_warn("database connection lost");
	db->state = DB_DISCONNECTED;
	db->in_txn = 0;
}

int
db_reconnect(struct db *db, char **cause)
{
	PGconn *c;

	if (db->state == DB_CONNECTED && PQstatus(db->conn) == CONNECTION_OK)
		return 0;
	if ((c = db_connect(db->conninfo, cause)) == NULL)
		return -1;
	db_pipe_lost(&db->async);	/* a batch in flight on the old connection */
	if (db->conn != NULL)
		PQfinish(db->conn);
	db->conn = c;
	db->state = DB_CONNECTED;
	db->in_txn = 0;
	db_names_free(&db->names);	/* a new session: nothing prepared */
	log_info("database connection restored");
	if (db->listening) {
		db->listening = 0;
		if (db_listen(db, cause) != 0)
			return -1;
	}
	return 0;
}

/*
 * A refusal is said by its SQLSTATE alone (outcome_message): one of rashin's own codes
 * (RAISE in sql/, one per kind of refusal), a stale version, or 42501 (a policy or a
 * grant said no). The values that vary come in DETAIL, shown after it in brackets. The
 * message text is never read for these, so lc_messages and a trigger's wording change
 * nothing here. A bare RAISE (P0001) is a constant English sentence looked up in
 * po/ja.po; PostgreSQL's other errors pass as they are.
 */
static char *
db_message(const char *state, const char *prim, const char *detail)
{
	const char *why = outcome_message(state);

	if (why == NULL && outcome_is(state, DB_SQLSTATE_RAISE) && prim[0] != '\0')
		why = _(prim);
	if (why == NULL)
		return xstrdup(prim);
	if (detail == NULL || detail[0] == '\0' || outcome_is(state, DB_SQLSTATE_DENIED))
		return xstrdup(why);
	return xasprintf("%s [%s]", why, detail);
}

/* Turn a failed result into a cause and SQLSTATE; notes a lost connection. */
static void
db_error(struct db *db, const PGresult *res, char sqlstate[6], char **cause)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *prim = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *detail = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	char *msg;

	if (sqlstate != NULL)
		snprintf(sqlstate, 6, "%s", state ? state : "");
	if (PQstatus(db->conn) == CONNECTION_BAD) {
		db_lost(db);
		set_cause(cause, "%s", _("database connection lost"));
		return;
	}
	msg = prim ? db_message(state, prim, detail) : xstrdup(PQerrorMessage(db->conn));
	chomp(msg);
	set_cause(cause, "%s", msg);
	free(msg);
}

int
db_ready(struct db *db, char sqlstate[6], char **cause)
{
	if (sqlstate != NULL)
		sqlstate[0] = '\0';
	if (db->state != DB_CONNECTED || PQstatus(db->conn) != CONNECTION_OK) {
		db_lost(db);
		return set_cause(cause, "%s", _("database not connected"));
	}
	db_settle(db);
	return 0;
}

PGresult *
db_query_txn(struct db *db, const char *sql, int n, const char *const *params,
    char sqlstate[6], char **cause)
{
	PGresult *res;
	ExecStatusType st;

	res = PQexecParams(db->conn, sql, n, NULL, params, NULL, NULL, 0);
	st = PQresultStatus(res);
	if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
		return res;
	db_error(db, res, sqlstate, cause);
	PQclear(res);
	return NULL;
}

/* Send one statement of a pipeline: by name if prepared on this connection, else (with
 * prepare) a Parse under its name (its text's hash) first, recorded in added; 1 if a
 * Parse was sent. Once DB_PREPARED_MAX are kept, further statements go unnamed (a name
 * per call would pile up on the server). */
static int
db_send(struct db *db, const struct db_stmt *st, int prepare, struct db_prepared *added,
    int *nadded, int *failed)
{
	const char *name = NULL;
	int parsed = 0;

	if (prepare && (name = db_names_find(&db->names, st->sql)) == NULL)
		name = db_prepared_in(added, *nadded, st->sql);	/* twice in one batch */
	if (name == NULL && db->names.n + *nadded >= DB_PREPARED_MAX)
		prepare = 0;
	if (!prepare) {
		if (PQsendQueryParams(db->conn, st->sql, st->nparams, NULL, st->params, NULL,
		    NULL, 0) != 1)
			*failed = 1;
		return 0;
	}
	if (name == NULL) {
		struct db_prepared *a = &added[(*nadded)++];

		a->sql = st->sql;
		db_prepared_name_of(st->sql, a->name);
		name = a->name;
		/* held by the server session (an earlier client's, the same text at another
		 * address, a failed batch's Parse) or parsed earlier in this batch: run by name */
		parsed = !db_names_has(&db->names, name) &&
		    !db_prepared_named(added, *nadded - 1, name);
		if (parsed && PQsendPrepare(db->conn, name, st->sql, st->nparams, NULL) != 1) {
			*failed = 1;
			return parsed;
		}
	}
	if (PQsendQueryPrepared(db->conn, name, st->nparams, st->params, NULL, NULL, 0) != 1)
		*failed = 1;
	return parsed;
}

/*
 * Identity + n statements in one pipeline, one implicit transaction (one snapshot) and
 * one round trip. All results, or none. The identity statement is prepared once per
 * connection (it comes with every transaction: parsing it each time cost more than the
 * dashboard's reload statement's planning). With prepare, a statement not yet prepared
 * on this connection is prepared in the same pipeline and executed by name from then on
 * (planned once per session, not per call, and kept for the pooled backend's next
 * client, which runs it by name: db_names_ask); after a batch that failed after a Parse
 * the server is asked again, so that name is not parsed twice. Sent here; read by
 * db_pipe_read.
 */
static void
db_pipe_send(struct db *db, struct db_pipe *p, const struct db_stmt *stmts, int n,
    int prepare)
{
	char day[16];
	const char *idp[3] = { db->session, day, db->save };
	const struct db_stmt identity = { prepare ? sql_identity_generic : sql_identity, 3, idp };
	int i, k, parsed;

	if (n > DB_PREPARED_MAX)
		fatal("db_batch: %d statements (at most %d)", n, DB_PREPARED_MAX);
	memset(p, 0, sizeof *p);
	p->active = 1;
	p->n = n;
	db_save_new(db->save);
	today_iso(day, sizeof day);
	db_names_ask(&db->names, db->conn);	/* the identity is always named */
	if (PQenterPipelineMode(db->conn) != 1)
		p->failed = 1;
	for (i = 0; i <= n && !p->failed; i++) {
		parsed = db_send(db, i == 0 ? &identity : &stmts[i - 1], i == 0 ? 1 : prepare,
		    p->added, &p->nadded, &p->failed);
		for (k = 0; k <= parsed; k++) {
			p->group_step[p->ngroups] = i;
			p->group_last[p->ngroups++] = k == parsed;
		}
	}
	if (!p->failed && PQpipelineSync(db->conn) != 1)
		p->failed = 1;
	if (p->failed)
		p->pos = p->ngroups = 0;	/* nothing to read but what a Sync would end */
}

/* One result of the pipeline, in the order they come (see struct db_pipe). */
static void
db_pipe_feed(struct db_pipe *p, PGresult *res)
{
	ExecStatusType st;

	if (p->pos == p->ngroups) {	/* the Sync */
		if (res == NULL || PQresultStatus(res) != PGRES_PIPELINE_SYNC)
			p->failed = 1;
		PQclear(res);
		p->complete = 1;
		return;
	}
	if (res == NULL) {		/* this group's results end */
		p->pos++;
		return;
	}
	st = PQresultStatus(res);
	if (st == PGRES_FATAL_ERROR && p->err == NULL) {
		p->err = res;
		p->failed = 1;
		return;
	}
	if (p->group_step[p->pos] > 0 && p->group_last[p->pos] &&
	    p->out[p->group_step[p->pos] - 1] == NULL &&
	    (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)) {
		p->out[p->group_step[p->pos] - 1] = res;
		return;
	}
	if (st == PGRES_PIPELINE_ABORTED)
		p->failed = 1;
	PQclear(res);
}

/*
 * Read the pipeline's results: all of them (block), or only what has come (a batch
 * whose send failed has nothing to read). 1 once complete: pipeline mode left, and the
 * statements it prepared recorded if it succeeded; 0 while results are still to come.
 */
static int
db_pipe_read(struct db *db, struct db_pipe *p, int block)
{
	int i;

	if (p->complete)
		return 1;
	/* what has come, read once: a recv per result found the socket empty (five per
	 * reload); a connection it finds lost makes PQgetResult report at once */
	if (!block && PQconsumeInput(db->conn) != 1)
		block = 1;
	while (!p->complete && !(p->failed && p->ngroups == 0)) {
		if (!block && PQisBusy(db->conn))
			return 0;
		db_pipe_feed(p, PQgetResult(db->conn));	/* a lost connection: NULLs */
	}
	p->complete = 1;
	if (!p->failed) {
		for (i = 0; i < p->nadded && db->names.n < DB_PREPARED_MAX; i++)
			db->names.prepared[db->names.n++] = p->added[i];
	} else if (p->nadded > 0)
		db->names.held_known = 0;	/* its Parses may have been done: ask again */
	if (PQpipelineStatus(db->conn) != PQ_PIPELINE_OFF && PQexitPipelineMode(db->conn) != 1) {
		/* results left over after a lost connection: start afresh */
		if (PQstatus(db->conn) == CONNECTION_BAD)
			db_lost(db);
	}
	return 1;
}

/* Hand the pipeline's results over (waiting for them if need be): 0 with out[0..n-1],
 * or -1 with *cause and every out[i] NULL. */
static int
db_pipe_take(struct db *db, struct db_pipe *p, PGresult **out, char sqlstate[6],
    char **cause)
{
	int i;

	db_pipe_read(db, p, 1);
	if (p->failed) {
		db_error(db, p->err, sqlstate, cause);
		db_pipe_drop(p);	/* every out[i] NULL */
	}
	for (i = 0; i < p->n; i++)
		out[i] = p->out[i];
	p->active = 0;
	return p->failed ? -1 : 0;
}

/* A batch db_batch_send left in flight is read to its end (its results kept for
 * db_batch_take) before anything else is sent on the connection. */
static void
db_settle(struct db *db)
{
	if (db->async.active)
		db_pipe_read(db, &db->async, 1);
}

/* The connection broke as a transaction ended: did it commit? Reconnect (the multi-host
 * conninfo finds the new primary) and ask for its receipt (db_save.h), DB_UNSURE_WAIT_MS at
 * most. Always -1 (the results are gone), *cause saying what was found. */
#define DB_UNSURE_WAIT_MS	20000

static int
db_unsure(struct db *db, char sqlstate[6], char **cause)
{
	char token[DB_SAVE_LEN], *why = NULL;
	long long until = now_ms() + DB_UNSURE_WAIT_MS;
	int done = -1;	/* -1: not asked yet, or the connection broke again */

	snprintf(token, sizeof token, "%s", db->save);
	if (cause != NULL)
		free(*cause);	/* db_save_said sets it anew */
	while (done == -1 && token[0] != '\0') {
		if (db_reconnect(db, &why) == 0 && (done = db_save_ask(db->conn, token)) == -1)
			db_lost(db);
		free(why);
		why = NULL;
		if (done == -1 && now_ms() >= until)
			break;
		if (done == -1)
			usleep(250 * 1000);
	}
	if (sqlstate != NULL)
		sqlstate[0] = '\0';	/* no server said anything */
	log_warn("connection lost as a transaction ended: %s",
	    done == 1 ? "it committed" : done == 0 ? "it did not commit" : "not known");
	return db_save_said(done, cause);
}

static int
db_batch_pipeline(struct db *db, const struct db_stmt *stmts, int n, int prepare,
    PGresult **out, char sqlstate[6], char **cause)
{
	struct db_pipe	 p;	/* read to its end here: nothing of it outlives the call */

	db_pipe_send(db, &p, stmts, n, prepare);
	if (db_pipe_take(db, &p, out, sqlstate, cause) == 0)
		return 0;
	return db->state == DB_DISCONNECTED ? db_unsure(db, sqlstate, cause) : -1;
}

int
db_batch(struct db *db, const struct db_stmt *stmts, int n, int flags, PGresult **out,
    char sqlstate[6], char **cause)
{
	int	 i;

	if (db_ready(db, sqlstate, cause) != 0)
		return -1;
	if (!db->in_txn)
		return db_batch_pipeline(db, stmts, n, flags & DB_PREPARE, out, sqlstate,
		    cause);
	for (i = 0; i < n; i++) {	/* inside db_begin: the transaction is already one */
		out[i] = db_query_txn(db, stmts[i].sql, stmts[i].nparams, stmts[i].params,
		    sqlstate, cause);
		if (out[i] == NULL) {
			while (i > 0)
				PQclear(out[--i]);
			return -1;
		}
	}
	return 0;
}

int
db_batch_send(struct db *db, const struct db_stmt *stmts, int n, int flags, char **cause)
{
	if (db->async.active)
		fatal("db_batch_send: the last batch's results were not taken");
	if (db_ready(db, NULL, cause) != 0)
		return -1;
	if (db->in_txn)
		return set_cause(cause, "db_batch_send: inside a transaction");
	db_pipe_send(db, &db->async, stmts, n, flags & DB_PREPARE);
	return 0;
}

int
db_batch_ready(struct db *db)
{
	if (!db->async.active)
		return 1;
	if (db->state != DB_CONNECTED)
		return 1;	/* lost: db_batch_take says so */
	return db_pipe_read(db, &db->async, 0);
}

int
db_batch_take(struct db *db, PGresult **out, char sqlstate[6], char **cause)
{
	if (sqlstate != NULL)
		sqlstate[0] = '\0';
	if (!db->async.active)
		fatal("db_batch_take: no batch was sent");
	if (db->state != DB_CONNECTED)
		db_pipe_lost(&db->async);	/* its connection is gone */
	return db_pipe_take(db, &db->async, out, sqlstate, cause);
}

PGresult *
db_query(struct db *db, const char *sql, int nparams, const char *const *params,
    char sqlstate[6], char **cause)
{
	struct db_stmt	 st = { sql, nparams, params };
	PGresult	*res;

	if (db_ready(db, sqlstate, cause) != 0)
		return NULL;
	if (db->in_txn)
		return db_query_txn(db, sql, nparams, params, sqlstate, cause);
	if (db_batch_pipeline(db, &st, 1, 0, &res, sqlstate, cause) != 0)
		return NULL;
	return res;
}

int
db_exec(struct db *db, const char *sql, int nparams, const char *const *params,
    char sqlstate[6], char **cause)
{
	PGresult *res = db_query(db, sql, nparams, params, sqlstate, cause);

	if (res == NULL)
		return -1;
	PQclear(res);
	return 0;
}

int
db_begin(struct db *db, char **cause)
{
	return db_begin_as(db, "BEGIN", cause);
}

int
db_begin_snapshot(struct db *db, char **cause)
{
	return db_begin_as(db, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", cause);
}

static int
db_begin_as(struct db *db, const char *begin, char **cause)
{
	char day[16];
	const char *idp[3] = { db->session, day, db->save };
	PGresult *res;

	if (db_ready(db, NULL, cause) != 0)
		return -1;
	db_save_new(db->save);
	if ((res = db_query_txn(db, begin, 0, NULL, NULL, cause)) == NULL)
		return -1;
	PQclear(res);
	db->in_txn = 1;
	today_iso(day, sizeof day);
	if ((res = db_query_txn(db, sql_identity, 3, idp, NULL, cause)) == NULL) {
		db_rollback(db);
		return -1;
	}
	PQclear(res);
	return 0;
}

int
db_commit(struct db *db, char **cause)
{
	PGresult *res;

	if (!db->in_txn)
		return set_cause(cause, "no transaction to commit");
	res = db_query_txn(db, "COMMIT", 0, NULL, NULL, cause);
	db->in_txn = 0;
	if (res == NULL)
		return db->state == DB_DISCONNECTED ? db_unsure(db, NULL, cause) : -1;
	/* COMMIT of a failed transaction reports ROLLBACK */
	if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) {
		PQclear(res);
		return set_cause(cause, "transaction rolled back");
	}
	PQclear(res);
	return 0;
}

void
db_rollback(struct db *db)
{
	PGresult *res;

	if (!db->in_txn)
		return;
	db->in_txn = 0;
	if (db->state == DB_CONNECTED) {
		res = PQexecParams(db->conn, "ROLLBACK", 0, NULL, NULL, NULL, NULL, 0);
		PQclear(res);
	}
}
