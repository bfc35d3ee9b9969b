/*
 * migrate — apply the numbered migrations in sql/ (NNN_name.sql), each in one
 * transaction, recorded with its SHA-256 so an edited, already-applied file is refused.
 */
#ifndef RASHIN_MIGRATE_H
#define RASHIN_MIGRATE_H

#include <stdio.h>

/*
 * Apply what is pending from dir over owner_conninfo; progress lines go to out (may be
 * NULL). *applied gets how many were applied. 0, or -1 with cause "FILE:LINE: message".
 */
int	migrate_run(const char *owner_conninfo, const char *dir, FILE *out, int *applied,
	    char **cause);
/* Apply one SQL script file (demo data) in one transaction; same error form. */
int	migrate_apply_file(const char *owner_conninfo, const char *path, char **cause);

/* Apply every NNN_name.sql of dir in name order, each in its own transaction (demo data). */
int	migrate_apply_dir(const char *owner_conninfo, const char *dir, char **cause);

/*
 * Compare dir's migrations with those the database records: *applied as they are,
 * *pending not yet. 0 none differs, 1 one was applied from a different file (cause names
 * it), -1 error.
 */
int	migrate_check(const char *owner_conninfo, const char *dir, int *applied, int *pending,
	    char **cause);

#endif
