/*
 * store_staff — the SQL behind the people screens (:staff, :depts, :keys): keyset pages
 * for the table widget (never OFFSET, never every row), one record for a form, and the
 * saves, each carrying the version it read (a stale one fails with RS001). Row-level
 * security decides what each role sees and may change; a refused write comes back as
 * STORE_REFUSED so the screen can say so. No curses here.
 */
#ifndef RASHIN_STORE_STAFF_H
#define RASHIN_STORE_STAFF_H

#include "backend/lib/page.h"
#include "backend/store/outcome.h"

struct db;
struct form_pick;


/* Columns of the staff list, in the order of its cells. */
enum { STAFF_C_LOGIN, STAFF_C_NAME, STAFF_C_KANA, STAFF_C_DEPT, STAFF_C_ROLE,
	STAFF_C_ACTIVE, STAFF_NCOLS };

/* A staff record as a form edits it. */
struct staff_rec {
	int	 id;			/* 0: new */
	char	 login[40];
	char	 name[404];
	char	 kana[404];
	int	 dept_id;
	char	 dept_name[404];
	char	 role[16];
	int	 is_manager;
	int	 active;
	int	 version;
};

/*
 * Table sources. The staff filter matches a login prefix, a kana prefix or a name
 * containing it; rows in kana (code point) order. arg: the struct db.
 */
extern const struct table_source	 store_staff_source;
/* Departments as a tree (each 部 then its 課); arg: the struct db. */
enum { DEPT_C_NAME, DEPT_C_CODE, DEPT_C_IT, DEPT_C_STAFF, DEPT_NCOLS };
extern const struct table_source	 store_dept_source;

/* One staff member by id; 0, 1 when not found (or not visible), -1 with *cause. */
int	 store_staff_get(struct db *, int id, struct staff_rec *, char **cause);
/* Insert (rec->id 0, sets rec->id) or update with rec->version; enum store_rc. */
int	 store_staff_save(struct db *, struct staff_rec *, char **cause);
/* Move to another department / deactivate, carrying version; enum store_rc. */
int	 store_staff_move(struct db *, int id, int version, int dept_id, char **cause);
int	 store_staff_deactivate(struct db *, int id, int version, char **cause);
/* Who saved the newest version of a row of table (audit trail), when; "" if unknown. */
void	 store_last_change(struct db *, const char *table, int id, char who[64],
	    char when[32]);
/* Picker searches (form_search_fn): departments by name/code, staff by login/kana/name. */
int	 store_dept_search(void *db, const char *query, int n, struct form_pick **out,
	    char **cause);
int	 store_staff_search(void *db, const char *query, int n, struct form_pick **out,
	    char **cause);
/* The same, each pick's id being the login (what the commands take: an owner, a trainer). */
int	 store_staff_login_search(void *db, const char *query, int n, struct form_pick **out,
	    char **cause);
/* The department id in a row key of store_dept_source. */
int	 store_dept_key_id(const char *key);
/* Rename a department (the audit trail keeps the old name), carrying the version read
 * (`depts rename` and :depts alike); enum store_rc. */
int	 store_dept_rename(struct db *, int id, int version, const char *name, char **cause);
/* A department's code by id (a picker's value); 0, or -1 with *cause. */
int	 store_dept_code(struct db *, int id, char code[64], char **cause);
/* A department's name and version; 0, or -1 with *cause. */
int	 store_dept_get(struct db *, int id, char name[404], int *version, char **cause);

/* SSH keys of one person, newest first (revoked too). arg: struct store_keys_arg. */
enum { KEY_C_TYPE, KEY_C_FP, KEY_C_COMMENT, KEY_C_ADDED, KEY_C_USED, KEY_C_REVOKED,
	KEY_NCOLS };
struct store_keys_arg {
	struct db	*db;
	int		 staff_id;
};
extern const struct table_source	 store_keys_source;
/* Adding and revoking: store_staff_io.h's store_key_add_login and store_key_revoke_fp,
 * the calls of `keys add` and `keys revoke`. */

/* The LIKE pattern for a prefix match of s (%, _ and \ escaped), newly allocated. */
char	*store_like_prefix(const char *s);

/*
 * What a staff filter is matched against, by what was typed: "" nothing typed; "k" kana
 * only (hiragana, katakana, ー・ and spaces): the start of the reading, over the kana
 * index; "a" ASCII only: the start of the login, or anywhere in the name; "n" anything
 * else (kanji): anywhere in the name. One class per keystroke keeps each query on one
 * index: an OR of all three made the planner walk the whole kana index (200 ms at 100k).
 */
const char *store_staff_filter_class(const char *filter);

#endif
