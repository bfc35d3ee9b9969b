/*
 * staff_check — the rules for a staff record, checked before the database sees it so the
 * message can say exactly what is wrong (the database checks the same with CHECKs), and
 * the staff CSV import/export.
 */
#ifndef RASHIN_STAFF_CHECK_H
#define RASHIN_STAFF_CHECK_H

struct cmd_ctx;

/* Any argument may be NULL (not checked). 0, or -1 with *cause. */
int	staff_check(const char *login, const char *name, const char *kana, const char *role,
	    char **cause);
int	staff_import(struct cmd_ctx *, int argc, char **argv);
int	staff_export(struct cmd_ctx *, int argc, char **argv);

#endif
