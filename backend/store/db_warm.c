/*
 * db_warm — a pooler's warm-up (see db.h, and serve.c's serve_warm): many connections at
 * once, each made to run one statement, then closed.
 */
#include "backend/store/db.h"

#include <errno.h>
#include <poll.h>
#include <stdlib.h>

#include "backend/lib/util.h"

/*
 * Open n connections at once, run a trivial statement on each and close them when all
 * have answered (or after wait_ms): the number that answered. Through PgBouncer in
 * session mode a client is given a server connection at its first statement (the login
 * is answered by the pooler itself), and holds it until it closes: n at once make it open
 * n, one after another; closed, they stay in its pool (see serve.c's warm-up).
 */
#define DB_WARM_POLLING	0	/* still connecting */
#define DB_WARM_ASKED	1	/* connected, statement sent */
#define DB_WARM_DONE	2	/* answered */
#define DB_WARM_FAILED	3

static const char sql_warm[] = "SELECT 1";

/* Connection i of db_warm made progress: its next state. */
static int
db_warm_step(PGconn *c, int state, PostgresPollingStatusType *poll_st)
{
	PGresult	*res;
	int		 ok = 1;

	if (state == DB_WARM_POLLING) {
		*poll_st = PQconnectPoll(c);
		if (*poll_st == PGRES_POLLING_FAILED)
			return DB_WARM_FAILED;
		if (*poll_st != PGRES_POLLING_OK)
			return DB_WARM_POLLING;
		return PQsendQueryParams(c, sql_warm, 0, NULL, NULL, NULL, NULL, 0) ?
		    DB_WARM_ASKED : DB_WARM_FAILED;
	}
	if (!PQconsumeInput(c))
		return DB_WARM_FAILED;
	if (PQisBusy(c))
		return DB_WARM_ASKED;
	while ((res = PQgetResult(c)) != NULL) {
		ok &= PQresultStatus(res) == PGRES_TUPLES_OK;
		PQclear(res);
	}
	return ok ? DB_WARM_DONE : DB_WARM_FAILED;
}

int
db_warm(const char *conninfo, int n, int wait_ms)
{
	PGconn		**c = xcalloc((size_t)n, sizeof *c);
	int		*state = xcalloc((size_t)n, sizeof *state);
	PostgresPollingStatusType *poll_st = xcalloc((size_t)n, sizeof *poll_st);
	struct pollfd	*pfd = xcalloc((size_t)n, sizeof *pfd);
	int		*which = xcalloc((size_t)n, sizeof *which);
	long long	 until = now_ms() + wait_ms, left;
	int		 i, m, done = 0;

	for (i = 0; i < n; i++) {
		c[i] = db_connect_start(conninfo);
		poll_st[i] = PGRES_POLLING_WRITING;
		state[i] = c[i] != NULL && PQstatus(c[i]) != CONNECTION_BAD &&
		    PQsocket(c[i]) >= 0 ? DB_WARM_POLLING : DB_WARM_FAILED;
	}
	while ((left = until - now_ms()) > 0) {
		for (i = m = 0; i < n; i++) {
			if (state[i] >= DB_WARM_DONE)
				continue;
			pfd[m].fd = PQsocket(c[i]);
			pfd[m].events = state[i] == DB_WARM_POLLING &&
			    poll_st[i] == PGRES_POLLING_WRITING ? POLLOUT : POLLIN;
			which[m++] = i;
		}
		if (m == 0 || (poll(pfd, (nfds_t)m, (int)left) < 0 && errno != EINTR))
			break;
		for (i = 0; i < m; i++) {
			if (pfd[i].revents != 0)
				state[which[i]] = db_warm_step(c[which[i]], state[which[i]],
				    &poll_st[which[i]]);
		}
	}
	for (i = 0; i < n; i++) {
		done += state[i] == DB_WARM_DONE;
		PQfinish(c[i]);		/* (NULL is fine) */
	}
	free(c);
	free(state);
	free(poll_st);
	free(pfd);
	free(which);
	return done;
}
