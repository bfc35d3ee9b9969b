/*
 * pgembed — the embedded PostgreSQL: a private cluster under DATA_DIR/pg listening only
 * on a Unix socket in DATA_DIR/run, made on first use and stopped when rashin exits.
 * As root, the server runs as the unprivileged system user "rashin-db" (PostgreSQL refuses
 * to run as root), which owns DATA_DIR/pg and DATA_DIR/run; the sessions' user "rashin"
 * reaches DATA_DIR/run only (pgembed_home.h).
 * Nobody connects by trust: peer authentication mapped by pg_ident.conf, rashin_auth by
 * its SCRAM password (pgembed_hba.c), PgBouncer's clients by a SCRAM password.
 * A long-running rashin (demo, serve) also runs PgBouncer in session mode in front of it
 * (pgembed_pool), as the same user, on a Unix socket in the same DATA_DIR/run: a login
 * then gets a warm backend instead of starting one. The owner connects directly.
 */
#ifndef RASHIN_PGEMBED_H
#define RASHIN_PGEMBED_H

#include <sys/types.h>

struct config;

struct pgembed {
	char	*data_dir;	/* absolute DATA_DIR */
	char	*pgdata;	/* DATA_DIR/pg */
	char	*sockdir;	/* DATA_DIR/run */
	char	*bindir;
	char	*logfile;	/* DATA_DIR/pg.log */
	pid_t	 pid;		/* postgres, while running */
	int	 created;	/* initdb ran this time */
	int	 relocated;	/* in database.server_dir: data_dir is out of uid's reach */
	uid_t	 uid;		/* the servers' user (rashin-db as root) */
	gid_t	 gid;
	uid_t	 svc_uid;	/* the sessions' user (rashin as root): reaches sockdir */
	gid_t	 svc_gid;
	pid_t	 pool_pid;	/* PgBouncer, while running; 0: the application connects
				   directly */
	pid_t	 keeper;	/* who stops them once we are the sessions' user: 0 none
				   (pgembed_keep.h) */
	int	 keeper_fd;	/* our word to it */
};

/* The sockets in DATA_DIR/run: .s.PGSQL.5432 (PostgreSQL), .s.PGSQL.6432 (PgBouncer). */
#define PGEMBED_PORT		5432
#define PGEMBED_POOL_PORT	6432
/* In DATA_DIR/run: rashin_app's password at PgBouncer, for libpq (pgembed.c, pool_start). */
#define PGEMBED_POOL_PASSFILE	"pgpass"

/*
 * Make (first use) and start the cluster of cfg's data_dir. The server that runs is the one
 * DATA_DIR/pg/postmaster.pid names: a start that finds a live one it did not start refuses
 * (-1, cause naming its pid and how to stop it); one that is ending is waited for (30 s).
 */
int	pgembed_start(const struct config *, struct pgembed *, char **cause);
/*
 * After pgembed_start: PgBouncer in front of the cluster, unless database.pooler is "off".
 * Never fails: without it (off, no binary, did not start; logged) the application
 * connects directly.
 */
void	pgembed_pool(const struct config *, struct pgembed *);
/*
 * A cluster that is not data_dir's (a restored one) started on sockets in sockdir only,
 * archiving with archive_command (NULL: none), its log sockdir/postgres.log; pg filled as
 * pgembed_start fills it (no pooler). 0, or -1 with cause (stopped).
 */
int	pgembed_start_at(const struct config *, struct pgembed *, const char *pgdata,
	    const char *sockdir, const char *archive_command, char **cause);
/* Has the postgres of pg exited (reaped)? 1 gone, 0 running. */
int	pgembed_wait_pid(struct pgembed *);
/* The last lines of a server log on one line (allocated). */
char	*pgembed_log_tail(const char *logfile);
/* Stops PgBouncer, then PostgreSQL: the server postmaster.pid names, also when it was
 * restarted from outside (pg_ctl restart) and so is not our child. */
void	pgembed_stop(struct pgembed *);
/* Straight to PostgreSQL: "host=SOCKDIR port=5432 dbname=rashin user=USER" (allocated) */
char	*pgembed_conninfo(const struct pgembed *, const char *user);
/* The application role's: through PgBouncer while it runs, else as pgembed_conninfo. */
char	*pgembed_app_conninfo(const struct pgembed *);
/*
 * The application role's for the cluster whose sockets are in sockdir: with pooled, PgBouncer
 * first and PostgreSQL as libpq's second host (taken when the pooler's socket does not
 * answer: it died or was never started), else straight to PostgreSQL.
 */
char	*pgembed_socket_conninfo(const char *sockdir, int pooled);
/* The PostgreSQL whose socket is in sockdir accepts connections (a running demo's). */
int	pgembed_ping(const char *sockdir);
/*
 * The embedded cluster of data_dir that answers is run by a rashin (a demo or a server that
 * started it, and stops it): 0; else (started with pg_ctl from outside, or left running by
 * a killed rashin) -1 with cause naming its pid and how to stop it. A server attaches only
 * to such a cluster; one-shot commands use whichever answers.
 */
int	pgembed_run_by_rashin(const struct config *, const char *data_dir, char **cause);
/* Something accepts connections on the PgBouncer socket in sockdir. */
int	pgembed_pool_listening(const char *sockdir);
/* The newest /usr/lib/postgresql/N/bin holding a postgres binary, or NULL. */
char	*pgembed_find_bindir(void);

#endif
