/*
 * pgembed_keep — who stops the embedded servers once a server has become the sessions'
 * user. As root with two users (pgembed_home.h), `rashin demo` and `rashin serve` start
 * the cluster and then become rashin (serve.c), which may not signal rashin-db's postgres
 * and pgbouncer: before that, a keeper process is forked that becomes rashin-db and waits;
 * pgembed_stop asks it to stop them (PgBouncer first, then the postmaster that
 * postmaster.pid names) and waits for it. If the server dies instead (kill -9), the
 * keeper stops them all the same, within half a second: their parent-death signals do not
 * reach them then, as the kernel checks such a signal as a kill(2) by the parent, which
 * is rashin by then.
 */
#ifndef RASHIN_PGEMBED_KEEP_H
#define RASHIN_PGEMBED_KEEP_H

struct pgembed;

/* Start pg's keeper: nothing when not root, one user for all, or no cluster was started
 * here. 0, or -1 with cause. */
int	pgembed_keeper(struct pgembed *, char **cause);
/* In pgembed_stop: the keeper stops pg's servers; 1 when it did (pg's pids are then
 * cleared), 0 when there is no keeper (the caller stops them). */
int	pgembed_keeper_stop(struct pgembed *);

#endif
