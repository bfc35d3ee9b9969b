/*
 * pgembed — the embedded PostgreSQL: a private cluster under DATA_DIR/pg listening only
 * on a Unix socket in DATA_DIR/run, made on first use and stopped when rashin exits.
 * As root, the server runs as the unprivileged system user "rashin" (PostgreSQL refuses
 * to run as root), which owns DATA_DIR/pg and DATA_DIR/run.
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
};

int	pgembed_start(const struct config *, struct pgembed *, char **cause);
void	pgembed_stop(struct pgembed *);
/* "host=SOCKDIR dbname=rashin user=USER" (newly allocated) */
char	*pgembed_conninfo(const struct pgembed *, const char *user);
/* The newest /usr/lib/postgresql/N/bin holding a postgres binary, or NULL. */
char	*pgembed_find_bindir(void);

#endif
