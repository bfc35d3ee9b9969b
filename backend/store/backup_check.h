/*
 * backup_check — backups restored and proved: `rashin backup verify` and `rashin restore`
 * (backend/store/backup.h says where pgBackRest's files are).
 */
#ifndef RASHIN_BACKUP_CHECK_H
#define RASHIN_BACKUP_CHECK_H

#include <stdio.h>

struct config;

/*
 * `rashin backup verify`: the newest backup restored to its restore point in a scratch
 * directory, started on a private socket, the audit chain walked and every table's rows
 * counted against the record. 0 all well, 1 something wrong (each said on out), -1 could
 * not run (cause).
 */
int	 backup_verify(const struct config *, FILE *out, char **cause);

struct backup_restore_opts {
	const char	*to;		/* "YYYY-MM-DD HH:MM:SS", or NULL: the latest */
	const char	*into;		/* a new data_dir, or NULL: over data_dir's cluster */
	int		 force;		/* over data_dir: required */
	const char	*live_owner;	/* a server running on data_dir: its owner conninfo,
					   or NULL */
};

/*
 * `rashin restore`: restore (to a time or the end of the archive) into a new data
 * directory, or over data_dir's stopped cluster with force (the old one kept beside it),
 * start it privately, check the migrations and the audit chain, print the result.
 * 0 restored and checked, 1 restored but a check failed or refused (said on out / cause),
 * -1 error (cause).
 */
int	 backup_restore(const struct config *, const struct backup_restore_opts *, FILE *out,
	    char **cause);

#endif
