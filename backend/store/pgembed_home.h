/*
 * pgembed_home — where the embedded cluster lives and as whom. Run as root, two system
 * users: "rashin-db" runs the embedded PostgreSQL, PgBouncer and pgBackRest and alone owns
 * their files (the cluster 0700, WAL, the backup repository, the pooler's files and the
 * logs); "rashin" is the service user the SSH listener and every session run as
 * (serve.c), which reaches only the socket directory (group rashin, 0750) and its
 * passfile there. A session that is taken over cannot read the cluster's files around
 * row-level security. Run as anyone else, that user is both (the developer mode).
 * When the cluster user cannot reach data_dir (root's clone in a 0700 home), a home for
 * the cluster under database.server_dir that data_dir/pg and data_dir/run link to.
 */
#ifndef RASHIN_PGEMBED_HOME_H
#define RASHIN_PGEMBED_HOME_H

#include <sys/types.h>

struct config;
struct pgembed;

/* The service user: the SSH listener and the sessions (serve.c drops to it as root). */
#define PGEMBED_USER	"rashin"
/* The embedded cluster's user: postgres, PgBouncer, pgBackRest and their files. */
#define PGEMBED_DB_USER	"rashin-db"

/* The uid/gid the listener and sessions run as: ourselves, or (as root) the system user
 * rashin, made if missing. */
int	pgembed_server_user(uid_t *, gid_t *, char **cause);
/* The uid/gid the embedded cluster, its pooler and pgBackRest run as: ourselves, or (as
 * root) the system user rashin-db, made if missing. */
int	pgembed_cluster_user(uid_t *, gid_t *, char **cause);
/* As pgembed_start, before initdb: pg's users (cluster and service), data_dir moved out
 * to database.server_dir when the cluster user cannot reach real (the absolute data_dir),
 * a cluster left owned by the service user re-owned to the cluster user, the socket
 * directory and the log made. 0, or -1 with cause. */
int	pgembed_home_setup(const struct config *, struct pgembed *, const char *real,
	    char **cause);
/* Become uid:gid for good (groups dropped; checked that root cannot be regained); nothing
 * when already them. 0, or -1. */
int	pgembed_become_user(uid_t, gid_t);
/* In a child: drop to uid:gid (nothing when already them) and leave the caller's directory. */
int	pgembed_become(uid_t, gid_t);
/* path made (or kept) as a directory with mode, owned by uid:gid when we are root. */
int	pgembed_mkdir_owned(const char *path, mode_t, uid_t, gid_t, char **cause);
/* May uid:gid access path with mode (access(2)'s R_OK, W_OK, X_OK)? */
int	pgembed_reaches(uid_t, gid_t, const char *path, int mode);
/* Move pg's cluster, sockets and pooler files to database.server_dir/embedded-HASH and
 * link data_dir (the absolute real) to them; pg->uid, pg->gid set. */
int	pgembed_relocate(const struct config *, struct pgembed *, const char *real,
	    char **cause);
/* Write text to path with mode, owned by uid:gid when we are root: by a rename, never
 * through a link someone left there. 0, or -1 with *cause. */
int	pgembed_write_owned(const char *path, const char *text, mode_t, uid_t, gid_t,
	    char **cause);
/* A log file the server user appends to (made mode 0600 if missing). */
int	pgembed_make_log(const char *path, uid_t, gid_t, char **cause);

#endif
