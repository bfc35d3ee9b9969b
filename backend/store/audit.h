/*
 * audit — check the audit log's hash chain from C, independently of the database's own
 * functions, and anchor its head outside the database.
 */
#ifndef RASHIN_AUDIT_H
#define RASHIN_AUDIT_H

#include <stdio.h>

struct db;

struct audit_result {
	long long	checked;	/* entries walked */
	long long	head_id;	/* last entry */
	char		head_hash[65];
	long long	bad_id;		/* first broken entry, 0 = none */
	char		bad_at[40];
	char		why[200];
};

/* Walk the chain; 0 = intact, 1 = broken (res->bad_*), -1 = error with cause. */
int	audit_verify(struct db *, struct audit_result *, char **cause);
/* Does the chain still hold entry id with this hash? 0 yes, 1 no, -1 error. */
int	audit_check_anchor(struct db *, long long id, const char *hash, char **cause);
/*
 * Say audit_verify's outcome v (0 intact, 1 broken) on out, in the UI language: the
 * entries checked and the head, or the first broken entry. The anchor's outcome a
 * (audit_check_anchor: 0 found, 1 not) for entry id, hash; a < 0: no anchor.
 */
void	audit_say(FILE *out, int v, const struct audit_result *, int a, long long id,
	    const char *hash);
/* Parse an anchor file's "rashin-audit-anchor id=N hash=H" line. 0 or -1. */
int	audit_parse_anchor(const char *text, long long *id, char hash[65], char **cause);

#endif
