/*
 * store_staff_io — the people side as the commands see it (`staff`, `depts`, `keys`):
 * lists as grids, records by login or code, and the writes. Edits of an existing staff
 * member go through store_staff.h's store_staff_save / _move / _deactivate, the very
 * functions the :staff form calls, carrying a version. No libpq here.
 */
#ifndef RASHIN_STORE_STAFF_IO_H
#define RASHIN_STORE_STAFF_IO_H

#include "backend/store/grid.h"
#include "backend/store/outcome.h"
#include "backend/store/store_export.h"

struct db;
struct staff_rec;

/*
 * Reads: 0 with the grid filled (caller grid_free()s), or -1 with *cause.
 * staff list: login, name, kana, department, role, manager ("yes"/""), active ("yes"/"no");
 * dept and role "" for any, text "" for all (a login prefix, or in the kana or name).
 */
int	store_staff_list(struct db *, const char *dept, const char *role, int all,
	    const char *text, struct grid *, char **cause);
/* One member (0 or 1 row): login, name, kana, department, role, active (t/f), active keys. */
int	store_staff_show(struct db *, const char *login, struct grid *, char **cause);
/* Their departments over time: department, from, to ("" while current). */
int	store_staff_history(struct db *, const char *login, struct grid *, char **cause);
/* The active staff as the HR CSV has them, to x (store_export.h): login, name, kana,
 * dept code, role, yes/no. store_export_run's return. */
int	store_staff_export(struct db *, struct store_export *x, char **cause);
/* Departments: code, name, parent's name, IT ("yes"/""), active staff. */
int	store_dept_list(struct db *, struct grid *, char **cause);
/* The codes of the active departments (one column). */
int	store_dept_codes(struct db *, struct grid *, char **cause);
/* SSH keys (login "" for all one may see): login, type, fingerprint, comment, added,
 * last used, revoked (NULL when not). */
int	store_keys_list(struct db *, const char *login, struct grid *, char **cause);

/* The id of a member (active or not) by login: 0, 1 when there is none, -1 with *cause. */
int	store_staff_id_login(struct db *, const char *login, int *id, char **cause);
/* A staff record by login: 0, 1 when not found (or not visible), -1 with *cause. */
int	store_staff_get_login(struct db *, const char *login, struct staff_rec *, char **cause);
/* A department's id by code: 0, 1 when there is none, -1 with *cause. */
int	store_dept_id_code(struct db *, const char *code, int *id, char **cause);

/*
 * Writes; enum store_rc (STORE_NOT_FOUND: no such department / member / key one may
 * change; *cause set only for STORE_FAILED and a refusal the database raised).
 */
int	store_staff_add(struct db *, const char *login, const char *name, const char *kana,
	    const char *dept_code, const char *role, int is_manager, char **cause);
/* An import row: insert, or update when anything differs. *what: 0 unchanged, 1 added,
 * 2 updated. */
int	store_staff_upsert(struct db *, const char *login, const char *name, const char *kana,
	    const char *dept_code, const char *role, int is_manager, int *what, char **cause);
int	store_dept_add(struct db *, const char *code, const char *name, const char *parent_code,
	    char **cause);
/* A key for an active member by login (added_by: the acting member). */
int	store_key_add_login(struct db *, const char *login, const char *type, const char *b64,
	    const char *fingerprint, int bits, const char *comment, char **cause);
int	store_key_revoke_fp(struct db *, const char *fingerprint, const char *reason,
	    char **cause);

#endif
