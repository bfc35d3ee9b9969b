/*
 * backup — continuous WAL archiving and backups with pgBackRest, and the checks that prove
 * a backup restores: the embedded cluster's archive_command and pgbackrest.conf, the
 * stanza (made on first use), `rashin backup [--full] | list | verify` and `rashin restore`.
 *
 * pgBackRest runs as the cluster's user (the system user "rashin" when we are root). With
 * backup.config empty rashin writes HOME/pgbackrest.conf at each use (HOME: data_dir, or
 * its database.server_dir home), with the repository backup.repo_path; with backup.config
 * set (a DBA's stanza) that file is used as it is and nothing is archived by rashin.
 *
 * Each `rashin backup` also leaves a record beside the repository
 * (REPO/rashin/STANZA/LABEL.counts): a named restore point made after the backup, while every
 * table is locked against writes (SHARE mode, so readers go on), and every table's row
 * count at that point. `backup verify` (backup_check.h) restores the backup to that
 * restore point in a scratch directory and compares.
 */
#ifndef RASHIN_BACKUP_H
#define RASHIN_BACKUP_H

#include <stdio.h>
#include <sys/types.h>

struct config;
struct pgembed;

/* One backup set as `pgbackrest info` shows it. */
struct backup_set {
	char	label[80];
	char	type[8];		/* full, diff, incr */
	char	start[40], stop[40];	/* timestamps, as pgBackRest prints them */
	char	wal_start[32], wal_stop[32];
	char	db_size[24];		/* database size */
	char	repo_size[24];		/* this backup's size in the repository */
};

struct backup_info {
	struct backup_set	*sets;		/* oldest first */
	int			 n;
	char			 status[120];	/* "ok", or pgBackRest's error */
	char			 wal_min[32], wal_max[32];	/* the archive's range */
};

/*
 * For pgembed_start: when backup.archive is auto (and the embedded cluster, rashin's own
 * configuration, the binary are there), write pgbackrest.conf and make the repository;
 * returns the archive_command (allocated), or NULL when nothing is archived (logged once
 * when it should have been and cannot be).
 */
char	*backup_archive_command(const struct config *, const struct pgembed *);
/* After the cluster started with an archive_command: the stanza, made if missing. Logged. */
void	 backup_stanza_ensure(const struct config *, const struct pgembed *);

/* What pgBackRest knows of the stanza. 0, or -1 with cause. */
int	 backup_info(const struct config *, struct backup_info *, char **cause);
void	 backup_info_free(struct backup_info *);

/*
 * A backup of the running cluster (owner_conninfo reaches it as its owner): full when full
 * is set or no recent full one exists, else incremental; then the record, the retention
 * by age, progress lines to out. 0, or -1 with cause.
 */
int	 backup_run(const struct config *, const char *owner_conninfo, int full, FILE *out,
	    char **cause);

/* `rashin backup list`: the sets and what they cover. 0, or -1 with cause. */
int	 backup_list(const struct config *, FILE *out, char **cause);

#endif
