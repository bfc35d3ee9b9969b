/*
 * backup_record — what a backup run records about the database (every table's rows at a
 * named restore point made while writes wait) and the comparison `backup verify` makes.
 * The only SQL of the backup code.
 */
#ifndef RASHIN_BACKUP_RECORD_H
#define RASHIN_BACKUP_RECORD_H

#include <stdio.h>

struct bctx;

/* Restore point "rashin-LABEL" and REPO/rashin/STANZA/LABEL.counts. 0, or -1 with cause. */
int	backup_record(const struct bctx *, const char *owner_conninfo, const char *label,
	    char **cause);
/* The record of label: its restore point name (allocated) and text; 0, 1 none, -1 error. */
int	backup_record_read(const struct bctx *, const char *label, char **restore_point,
	    char **text, char **cause);
/*
 * Count every table of the database owner_conninfo reaches and compare with a record's
 * text: each difference a line on out ("  TABLE: N rows, the backup recorded M").
 * *tables gets the tables counted. 0 all alike, 1 differences, -1 error.
 */
int	backup_record_compare(const char *owner_conninfo, const char *text, FILE *out,
	    int *tables, char **cause);
/* Has the server owner_conninfo reaches left recovery (answering, pg_is_in_recovery false)? */
int	backup_promoted(const char *owner_conninfo);

#endif
