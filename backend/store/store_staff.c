/*
 * store_staff — see store_staff.h. Keyset paging: the staff list is ordered by
 * (kana COLLATE "C", id), the index of sql/014; "after" is a row comparison with the
 * anchor's (kana, id), "before" the same reversed and turned back in C. Departments page
 * by (root, is child, id); keys by id descending.
 */
#include "backend/store/store_staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/store/db.h"
#include "backend/store/store_rc.h"
#include "backend/lib/i18n.h"
#include "backend/lib/sshkeys.h"
#include "backend/lib/util.h"
#include "backend/lib/page.h"

char *
store_like_prefix(const char *s)
{
	char	*out = xmalloc(strlen(s) * 2 + 2), *o = out;

	for (; *s != '\0'; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			*o++ = '\\';
		*o++ = *s;
	}
	*o++ = '%';
	*o = '\0';
	return out;
}

const char *
store_staff_filter_class(const char *filter)
{
	mbstate_t	 ps;
	wchar_t		 wc;
	size_t		 n;
	int		 ascii = 1, kana = 1, spaces = 1;

	if (*filter == '\0')
		return "";
	memset(&ps, 0, sizeof ps);
	while (*filter != '\0') {
		n = mbrtowc(&wc, filter, strlen(filter), &ps);
		if (n == (size_t)-1 || n == (size_t)-2)
			return "n";	/* not text: matches nothing, anywhere is safe */
		filter += n;
		if (wc == L' ' || wc == 0x3000)
			continue;
		spaces = 0;
		if (wc >= 0x80)
			ascii = 0;
		if (!((wc >= 0x3041 && wc <= 0x3096) || (wc >= 0x30a1 && wc <= 0x30fa) ||
		    wc == 0x30fb || wc == 0x30fc))
			kana = 0;
	}
	if (spaces || ascii)
		return "a";
	return kana ? "k" : "n";
}

int
store_rc_of(const char *state, PGresult *res, const char *what, char **cause)
{
	const char *msg;

	if (res != NULL) {
		int n = PQntuples(res);

		PQclear(res);
		if (n > 0)
			return STORE_OK;
		state = DB_SQLSTATE_DENIED;
	}
	if (outcome_of(state) != STORE_REFUSED)
		return outcome_of(state);
	if (outcome_is(state, DB_SQLSTATE_UNIQUE))
		msg = _("already exists");
	else if (outcome_is(state, DB_SQLSTATE_LAST_ADMIN))
		msg = _("Refused: the last active administrator cannot be removed");
	else if (outcome_is(state, DB_SQLSTATE_DENIED) || outcome_is(state, DB_SQLSTATE_ROLE_CHANGE))
		msg = _("Refused: only IT staff (administrators) may change this; roles only by an "
		    "administrator");
	else if ((msg = outcome_message(state)) == NULL)
		msg = _("Refused: a value is not allowed here");
	if (cause != NULL) {
		free(*cause);
		*cause = NULL;
		if (outcome_is(state, DB_SQLSTATE_UNIQUE))
			set_cause(cause, "%s: %s", what != NULL ? what : "?", msg);
		else
			set_cause(cause, "%s", msg);
	}
	return STORE_REFUSED;
}

/* Reverse rows fetched backwards into display order. */
static void
store_reverse(struct table_row *rows, int n)
{
	int	 i;

	for (i = 0; i < n / 2; i++) {
		struct table_row t = rows[i];

		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
}

/* Rows of res as table rows: column 0 is the key, columns 1..ncells the cells. */
static int
store_rows(PGresult *res, int ncells, int backwards, struct table_row **rows)
{
	int	 n = PQntuples(res), i, c;

	*rows = xcalloc(n > 0 ? (size_t)n : 1, sizeof **rows);
	for (i = 0; i < n; i++) {
		table_row_alloc(&(*rows)[i], db_str(res, i, 0), ncells);
		for (c = 0; c < ncells; c++)
			table_row_set(&(*rows)[i], c, db_str(res, i, c + 1));
		(*rows)[i].mark = strcmp(db_str(res, i, ncells + 1), "t") == 0;
	}
	if (backwards)
		store_reverse(*rows, n);
	PQclear(res);
	return n;
}

/* ---- staff ---- */

#define STAFF_COLS \
	"SELECT s.id, s.login, s.name, s.kana, d.name, s.role, " \
	"CASE WHEN s.active THEN '' ELSE '×' END, NOT s.active " \
	"FROM staff s JOIN department d ON d.id = s.dept_id "
/*
 * $1 filter, $2 its LIKE prefix, $3 limit (or count cap), $4 the filter's class
 * (store_staff_filter_class), $5 and $6 the anchor's kana and id.
 */
#define STAFF_MATCH \
	"($4 = '' OR ($4 = 'k' AND (s.kana COLLATE \"C\") >= $1 " \
	"AND (s.kana COLLATE \"C\") < $1 || chr(1114111)) " \
	"OR ($4 = 'a' AND (s.login COLLATE \"C\" LIKE $2 OR strpos(s.name, $1) > 0)) " \
	"OR ($4 = 'n' AND strpos(s.name, $1) > 0)) "

static const char sql_staff_first[] = STAFF_COLS "WHERE " STAFF_MATCH
	"ORDER BY s.kana COLLATE \"C\", s.id LIMIT $3::int";
static const char sql_staff_last[] = STAFF_COLS "WHERE " STAFF_MATCH
	"ORDER BY s.kana COLLATE \"C\" DESC, s.id DESC LIMIT $3::int";
static const char sql_staff_after[] = STAFF_COLS "WHERE " STAFF_MATCH
	"AND (s.kana COLLATE \"C\", s.id) > ($5 COLLATE \"C\", $6::int) "
	"ORDER BY s.kana COLLATE \"C\", s.id LIMIT $3::int";
static const char sql_staff_before[] = STAFF_COLS "WHERE " STAFF_MATCH
	"AND (s.kana COLLATE \"C\", s.id) < ($5 COLLATE \"C\", $6::int) "
	"ORDER BY s.kana COLLATE \"C\" DESC, s.id DESC LIMIT $3::int";
/* Counts stop at the widget's cap ($3, already + 1): a scan of 100k names per key is too slow. */
static const char sql_staff_count[] = "SELECT count(*) FROM (SELECT 1 FROM staff s WHERE "
	STAFF_MATCH "LIMIT $3::int) x";
static const char sql_staff_rank[] = "SELECT count(*) FROM (SELECT 1 FROM staff s WHERE "
	STAFF_MATCH "AND (s.kana COLLATE \"C\", s.id) < ($5 COLLATE \"C\", $6::int) LIMIT $3::int) x";

static int
staff_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	char		 lim[16], *like = store_like_prefix(q->filter);
	const char	*p[6] = { q->filter, like, lim, store_staff_filter_class(q->filter),
	    NULL, NULL };
	const char	*sql;
	PGresult	*res;

	snprintf(lim, sizeof lim, "%d", n);
	if (anchor == NULL)
		sql = dir == TABLE_AFTER ? sql_staff_first : sql_staff_last;
	else {
		sql = dir == TABLE_AFTER ? sql_staff_after : sql_staff_before;
		p[4] = anchor->cells[STAFF_C_KANA] != NULL ? anchor->cells[STAFF_C_KANA] : "";
		p[5] = anchor->key;
	}
	res = db_query(arg, sql, anchor == NULL ? 4 : 6, p, NULL, cause);
	free(like);
	if (res == NULL)
		return -1;
	return store_rows(res, STAFF_NCOLS, dir == TABLE_BEFORE, rows);
}

static long
store_count1(struct db *db, const char *sql, int n, const char *const *p, char **cause)
{
	PGresult	*res = db_query(db, sql, n, p, NULL, cause);
	long		 v;

	if (res == NULL)
		return -1;
	v = atol(db_str(res, 0, 0));
	PQclear(res);
	return v;
}

static long
staff_count(void *arg, const struct table_query *q, char **cause)
{
	char		*like = store_like_prefix(q->filter), cap[24];
	const char	*p[4] = { q->filter, like, cap, store_staff_filter_class(q->filter) };
	long		 v;

	snprintf(cap, sizeof cap, "%ld", q->cap + 1);
	v = store_count1(arg, sql_staff_count, 4, p, cause);
	free(like);
	return v;
}

static long
staff_rank(void *arg, const struct table_query *q, const struct table_row *anchor,
    char **cause)
{
	char		*like = store_like_prefix(q->filter), cap[24];
	const char	*p[6] = { q->filter, like, cap, store_staff_filter_class(q->filter),
	    anchor->cells[STAFF_C_KANA] != NULL ? anchor->cells[STAFF_C_KANA] : "", anchor->key };
	long		 v;

	snprintf(cap, sizeof cap, "%ld", q->cap + 1);
	v = store_count1(arg, sql_staff_rank, 6, p, cause);
	free(like);
	return v;
}

const struct table_source store_staff_source = {
	.fetch = staff_fetch, .count = staff_count, .rank = staff_rank,
};

int
store_staff_get(struct db *db, int id, struct staff_rec *r, char **cause)
{
	char		 ids[16];
	const char	*p[1] = { ids };
	PGresult	*res;

	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT s.id, s.login, s.name, s.kana, s.dept_id, d.name, s.role, "
	    "s.is_manager, s.active, s.version FROM staff s JOIN department d ON d.id = s.dept_id "
	    "WHERE s.id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return 1;
	}
	memset(r, 0, sizeof *r);
	r->id = db_int(res, 0, 0);
	snprintf(r->login, sizeof r->login, "%s", db_str(res, 0, 1));
	snprintf(r->name, sizeof r->name, "%s", db_str(res, 0, 2));
	snprintf(r->kana, sizeof r->kana, "%s", db_str(res, 0, 3));
	r->dept_id = db_int(res, 0, 4);
	snprintf(r->dept_name, sizeof r->dept_name, "%s", db_str(res, 0, 5));
	snprintf(r->role, sizeof r->role, "%s", db_str(res, 0, 6));
	r->is_manager = strcmp(db_str(res, 0, 7), "t") == 0;
	r->active = strcmp(db_str(res, 0, 8), "t") == 0;
	r->version = db_int(res, 0, 9);
	PQclear(res);
	return 0;
}

int
store_staff_save(struct db *db, struct staff_rec *r, char **cause)
{
	char		 ids[16], dept[16], ver[16], state[6] = "";
	const char	*p[8] = { r->login, r->name, r->kana, dept, r->role,
	    r->is_manager ? "true" : "false", ids, ver };
	PGresult	*res;

	snprintf(ids, sizeof ids, "%d", r->id);
	snprintf(dept, sizeof dept, "%d", r->dept_id);
	snprintf(ver, sizeof ver, "%d", r->version);
	if (r->id == 0) {
		res = db_query(db, "INSERT INTO staff (login, name, kana, dept_id, role, is_manager) "
		    "VALUES ($1, $2, $3, $4::int, $5, $6::boolean) RETURNING id", 6, p, state, cause);
		if (res != NULL && PQntuples(res) == 1)
			r->id = db_int(res, 0, 0);
	} else
		res = db_query(db, "UPDATE staff SET name = $2, kana = $3, dept_id = $4::int, "
		    "role = $5, is_manager = $6::boolean, version = $8::int "
		    "WHERE id = $7::int AND $1 = login RETURNING id", 8, p, state, cause);
	return store_rc_of(state, res, r->login, cause);
}

int
store_staff_move(struct db *db, int id, int version, int dept_id, char **cause)
{
	char		 ids[16], ver[16], dept[16], state[6] = "";
	const char	*p[3] = { ids, ver, dept };

	snprintf(ids, sizeof ids, "%d", id);
	snprintf(ver, sizeof ver, "%d", version);
	snprintf(dept, sizeof dept, "%d", dept_id);
	return store_rc_of(state, db_query(db, "UPDATE staff SET dept_id = $3::int, "
	    "version = $2::int WHERE id = $1::int AND active RETURNING id", 3, p, state, cause),
	    NULL, cause);
}

int
store_staff_deactivate(struct db *db, int id, int version, char **cause)
{
	char		 ids[16], ver[16], state[6] = "";
	const char	*p[2] = { ids, ver };

	snprintf(ids, sizeof ids, "%d", id);
	snprintf(ver, sizeof ver, "%d", version);
	return store_rc_of(state, db_query(db, "UPDATE staff SET active = false, "
	    "version = $2::int WHERE id = $1::int AND active RETURNING id", 2, p, state, cause),
	    NULL, cause);
}

void
store_last_change(struct db *db, const char *table, int id, char who[64], char when[32])
{
	char		 ids[16];
	const char	*p[2] = { table, ids };
	PGresult	*res;

	who[0] = when[0] = '\0';
	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT coalesce(s.login, ''), to_char(a.at, 'YYYY-MM-DD HH24:MI:SS') "
	    "FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
	    "WHERE a.tbl = $1 AND a.key = $2 ORDER BY a.id DESC LIMIT 1", 2, p, NULL, NULL);
	if (res == NULL)
		return;
	if (PQntuples(res) == 1) {
		snprintf(who, 64, "%s", db_str(res, 0, 0));
		snprintf(when, 32, "%s", db_str(res, 0, 1));
	}
	PQclear(res);
}

static int
store_picks(PGresult *res, struct form_pick **out)
{
	int	 n, i;

	if (res == NULL)
		return -1;
	n = PQntuples(res);
	*out = xcalloc(n > 0 ? (size_t)n : 1, sizeof **out);
	for (i = 0; i < n; i++) {
		(*out)[i].id = xstrdup(db_str(res, i, 0));
		(*out)[i].label = xstrdup(db_str(res, i, 1));
	}
	PQclear(res);
	return n;
}

int
store_dept_search(void *db, const char *query, int n, struct form_pick **out, char **cause)
{
	char		 lim[16], *like = store_like_prefix(query);
	const char	*p[3] = { query, like, lim };
	int		 rc;

	snprintf(lim, sizeof lim, "%d", n);
	rc = store_picks(db_query(db, "SELECT d.id, coalesce(p.name || ' ', '') || d.name "
	    "FROM department d LEFT JOIN department p ON p.id = d.parent_id WHERE d.active AND "
	    "($1 = '' OR d.name LIKE '%' || $1 || '%' OR d.code LIKE $2 OR d.kana LIKE $2) "
	    "ORDER BY coalesce(d.parent_id, d.id), d.parent_id IS NOT NULL, d.id LIMIT $3::int",
	    3, p, NULL, cause), out);
	free(like);
	return rc;
}

int
store_staff_search(void *db, const char *query, int n, struct form_pick **out, char **cause)
{
	char		 lim[16], *like = store_like_prefix(query);
	const char	*p[4] = { query, like, lim, store_staff_filter_class(query) };
	int		 rc;

	snprintf(lim, sizeof lim, "%d", n);
	rc = store_picks(db_query(db, "SELECT s.id, s.login || '  ' || s.name FROM staff s "
	    "WHERE " STAFF_MATCH "ORDER BY s.kana COLLATE \"C\", s.id LIMIT $3::int",
	    4, p, NULL, cause), out);
	free(like);
	return rc;
}

int
store_staff_login_search(void *db, const char *query, int n, struct form_pick **out,
    char **cause)
{
	int i, got = store_staff_search(db, query, n, out, cause);

	for (i = 0; i < got; i++) {
		const char *l = (*out)[i].label;

		free((*out)[i].id);
		(*out)[i].id = xstrndup(l, strcspn(l, " "));
	}
	return got;
}

/* ---- departments ---- */

#define DEPT_COLS \
	"SELECT coalesce(d.parent_id, d.id) || '.' || (d.parent_id IS NOT NULL)::int || '.' || d.id, " \
	"CASE WHEN d.parent_id IS NULL THEN d.name ELSE '  └ ' || d.name END, coalesce(d.code, ''), " \
	"CASE WHEN d.is_it THEN '◎' ELSE '' END, " \
	"(SELECT count(*) FROM staff s WHERE s.dept_id = d.id AND s.active)::text, NOT d.active " \
	"FROM department d "
#define DEPT_ORDER "coalesce(d.parent_id, d.id), (d.parent_id IS NOT NULL)::int, d.id"
#define DEPT_MATCH "($1 = '' OR d.name LIKE '%' || $1 || '%' OR d.code LIKE $1 || '%') "

static const char sql_dept_first[] = DEPT_COLS "WHERE " DEPT_MATCH
	"ORDER BY " DEPT_ORDER " LIMIT $2::int";
static const char sql_dept_last[] = DEPT_COLS "WHERE " DEPT_MATCH
	"ORDER BY coalesce(d.parent_id, d.id) DESC, (d.parent_id IS NOT NULL)::int DESC, d.id DESC "
	"LIMIT $2::int";
static const char sql_dept_after[] = DEPT_COLS "WHERE " DEPT_MATCH
	"AND (coalesce(d.parent_id, d.id), (d.parent_id IS NOT NULL)::int, d.id) > "
	"($3::int, $4::int, $5::int) ORDER BY " DEPT_ORDER " LIMIT $2::int";
static const char sql_dept_before[] = DEPT_COLS "WHERE " DEPT_MATCH
	"AND (coalesce(d.parent_id, d.id), (d.parent_id IS NOT NULL)::int, d.id) < "
	"($3::int, $4::int, $5::int) ORDER BY coalesce(d.parent_id, d.id) DESC, "
	"(d.parent_id IS NOT NULL)::int DESC, d.id DESC LIMIT $2::int";

static void
dept_key_split(const char *key, char a[16], char b[16], char c[16])
{
	int	 x = 0, y = 0, z = 0;

	if (sscanf(key, "%d.%d.%d", &x, &y, &z) != 3)
		x = y = z = 0;
	snprintf(a, 16, "%d", x);
	snprintf(b, 16, "%d", y);
	snprintf(c, 16, "%d", z);
}

int
store_dept_key_id(const char *key)
{
	int	 x, y, z;

	return sscanf(key, "%d.%d.%d", &x, &y, &z) == 3 ? z : 0;
}

static int
dept_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	char		 lim[16], a[16], b[16], c[16];
	const char	*p[5] = { q->filter, lim, a, b, c };
	const char	*sql;
	PGresult	*res;

	snprintf(lim, sizeof lim, "%d", n);
	if (anchor == NULL)
		sql = dir == TABLE_AFTER ? sql_dept_first : sql_dept_last;
	else {
		sql = dir == TABLE_AFTER ? sql_dept_after : sql_dept_before;
		dept_key_split(anchor->key, a, b, c);
	}
	if ((res = db_query(arg, sql, anchor == NULL ? 2 : 5, p, NULL, cause)) == NULL)
		return -1;
	return store_rows(res, DEPT_NCOLS, dir == TABLE_BEFORE, rows);
}

static long
dept_count(void *arg, const struct table_query *q, char **cause)
{
	const char	*p[1] = { q->filter };

	return store_count1(arg, "SELECT count(*) FROM department d WHERE " DEPT_MATCH, 1, p,
	    cause);
}

static long
dept_rank(void *arg, const struct table_query *q, const struct table_row *anchor,
    char **cause)
{
	char		 a[16], b[16], c[16];
	const char	*p[4] = { q->filter, a, b, c };

	dept_key_split(anchor->key, a, b, c);
	return store_count1(arg, "SELECT count(*) FROM department d WHERE " DEPT_MATCH
	    "AND (coalesce(d.parent_id, d.id), (d.parent_id IS NOT NULL)::int, d.id) < "
	    "($2::int, $3::int, $4::int)", 4, p, cause);
}

const struct table_source store_dept_source = {
	.fetch = dept_fetch, .count = dept_count, .rank = dept_rank,
};

int
store_dept_code(struct db *db, int id, char code[64], char **cause)
{
	char		 ids[16];
	const char	*p[1] = { ids };
	PGresult	*res;

	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT code FROM department WHERE id = $1::int", 1, p, NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, "%s", _("no such department"));
	}
	snprintf(code, 64, "%s", db_str(res, 0, 0));
	PQclear(res);
	return 0;
}

int
store_dept_get(struct db *db, int id, char name[404], int *version, char **cause)
{
	char		 ids[16];
	const char	*p[1] = { ids };
	PGresult	*res;

	snprintf(ids, sizeof ids, "%d", id);
	res = db_query(db, "SELECT name, version FROM department WHERE id = $1::int", 1, p,
	    NULL, cause);
	if (res == NULL)
		return -1;
	if (PQntuples(res) != 1) {
		PQclear(res);
		return set_cause(cause, "no such department");
	}
	snprintf(name, 404, "%s", db_str(res, 0, 0));
	*version = db_int(res, 0, 1);
	PQclear(res);
	return 0;
}

int
store_dept_rename(struct db *db, int id, int version, const char *name, char **cause)
{
	char		 ids[16], ver[16], state[6] = "";
	const char	*p[3] = { ids, ver, name };

	snprintf(ids, sizeof ids, "%d", id);
	snprintf(ver, sizeof ver, "%d", version);
	return store_rc_of(state, db_query(db, "UPDATE department SET name = $3, "
	    "version = $2::int WHERE id = $1::int RETURNING id", 3, p, state, cause), name, cause);
}

/* ---- SSH keys ---- */

#define KEY_COLS \
	"SELECT k.id, k.key_type || CASE WHEN k.bits IS NOT NULL AND k.key_type = 'ssh-rsa' " \
	"THEN ' ' || k.bits ELSE '' END, k.fingerprint, k.comment, " \
	"coalesce(a.login, '') || ' ' || to_char(k.added_at, 'YYYY-MM-DD'), " \
	"coalesce(to_char(k.last_used, 'YYYY-MM-DD HH24:MI'), ''), " \
	"coalesce(to_char(k.revoked_at, 'YYYY-MM-DD') || ' ' || k.revoke_reason, ''), " \
	"k.revoked_at IS NOT NULL FROM ssh_key k LEFT JOIN staff a ON a.id = k.added_by " \
	"WHERE k.staff_id = $1::int "

static int
keys_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	struct store_keys_arg	*ka = arg;
	char			 lim[16], sid[16];
	const char		*p[3] = { sid, lim, anchor != NULL ? anchor->key : "0" };
	const char		*sql;
	PGresult		*res;

	(void)q;
	snprintf(lim, sizeof lim, "%d", n);
	snprintf(sid, sizeof sid, "%d", ka->staff_id);
	if (anchor == NULL)
		sql = dir == TABLE_AFTER ? KEY_COLS "ORDER BY k.id DESC LIMIT $2::int" :
		    KEY_COLS "ORDER BY k.id LIMIT $2::int";
	else
		sql = dir == TABLE_AFTER ? KEY_COLS "AND k.id < $3::int ORDER BY k.id DESC LIMIT $2::int" :
		    KEY_COLS "AND k.id > $3::int ORDER BY k.id LIMIT $2::int";
	if ((res = db_query(ka->db, sql, anchor == NULL ? 2 : 3, p, NULL, cause)) == NULL)
		return -1;
	return store_rows(res, KEY_NCOLS, dir == TABLE_BEFORE, rows);
}

static long
keys_count(void *arg, const struct table_query *q, char **cause)
{
	struct store_keys_arg	*ka = arg;
	char			 sid[16];
	const char		*p[1] = { sid };

	(void)q;
	snprintf(sid, sizeof sid, "%d", ka->staff_id);
	return store_count1(ka->db, "SELECT count(*) FROM ssh_key WHERE staff_id = $1::int", 1,
	    p, cause);
}

static long
keys_rank(void *arg, const struct table_query *q, const struct table_row *anchor,
    char **cause)
{
	struct store_keys_arg	*ka = arg;
	char			 sid[16];
	const char		*p[2] = { sid, anchor->key };

	(void)q;
	snprintf(sid, sizeof sid, "%d", ka->staff_id);
	return store_count1(ka->db, "SELECT count(*) FROM ssh_key WHERE staff_id = $1::int "
	    "AND id > $2::int", 2, p, cause);
}

const struct table_source store_keys_source = {
	.fetch = keys_fetch, .count = keys_count, .rank = keys_rank,
};
