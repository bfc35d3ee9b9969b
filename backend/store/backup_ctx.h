/*
 * backup_ctx — pgBackRest's files and how it runs, shared by backup.c, backup_record.c
 * and backup_check.c (backup.h says what they do).
 */
#ifndef RASHIN_BACKUP_CTX_H
#define RASHIN_BACKUP_CTX_H

#include <sys/types.h>
#include <time.h>

struct config;
struct backup_info;

struct bctx {
	char		*bin;		/* pgbackrest */
	char		*conf;		/* the pgbackrest.conf used */
	const char	*stanza;	/* the config's */
	char		*repo;		/* backup.repo_path, real */
	char		*records;	/* REPO/rashin/STANZA: the row-count records */
	char		*home;		/* the cluster's home: data_dir (real) or its server_dir */
	int		 own;		/* rashin wrote conf (the embedded cluster) */
	uid_t		 uid;		/* pgBackRest and PostgreSQL run as */
	gid_t		 gid;
};

/* Check the configuration, make the repository, write pgbackrest.conf (own). 0 or -1. */
int	bctx_open(const struct config *, struct bctx *, char **cause);
void	bctx_free(struct bctx *);
/* pgbackrest --config --stanza ARGS as the cluster's user: its exit status (-1: did not
 * run), its stdout and stderr (allocated, stderr without the last newline). */
int	bctx_run(const struct bctx *, const char *const args[], char **out, char **err);
/* bctx_run that must succeed: 0, or -1 with cause naming the command and its error. */
int	bctx_must(const struct bctx *, const char *const args[], char **cause);
/* `pgbackrest info` parsed. 0 or -1. */
int	bctx_info(const struct bctx *, struct backup_info *, char **cause);
/* text to path by a rename, mode 0640, owned by the cluster's user. 0 or -1. */
int	bctx_write(const struct bctx *, const char *path, const char *text, char **cause);
/* The local time a label (YYYYMMDD-HHMMSSF...) names; -1 if none. */
time_t	backup_label_time(const char *label);

#endif
