/*
 * audit — chain verification. Each entry's hash is SHA-256 over the previous hash, "|",
 * and the entry's content (id|at in UTC|staff|table|key|action|before|after), exactly as
 * rs_audit_append() computes it; rows are read in id order, a page at a time.
 */
#include "backend/store/audit.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

#define AUDIT_PAGE "5000"

static const char sql_page[] =
	"SELECT id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), "
	"coalesce(staff_id::text, ''), tbl, key, action, coalesce(before::text, ''), "
	"coalesce(after::text, ''), prev_hash, hash "
	"FROM audit_log WHERE id > $1 ORDER BY id LIMIT " AUDIT_PAGE;

static void
broken(struct audit_result *r, const PGresult *res, int i, const char *why)
{
	r->bad_id = strtoll(db_str(res, i, 0), NULL, 10);
	snprintf(r->bad_at, sizeof r->bad_at, "%s", db_str(res, i, 1));
	snprintf(r->why, sizeof r->why, "%s", why);
}

int
audit_verify(struct db *db, struct audit_result *r, char **cause)
{
	char last[32] = "0", prev[65], hex[65];
	const char *p[1] = { last };
	PGresult *res;
	char *buf = NULL;
	size_t cap = 0, need;
	int i, n, k;

	memset(r, 0, sizeof *r);
	memset(prev, '0', 64);
	prev[64] = '\0';
	for (;;) {
		if ((res = db_query(db, sql_page, 1, p, NULL, cause)) == NULL) {
			free(buf);
			return -1;
		}
		n = PQntuples(res);
		for (i = 0; i < n; i++) {
			if (strcmp(db_str(res, i, 8), prev) != 0) {
				broken(r, res, i, _("does not link to its predecessor "
				    "(an entry before it was removed or rewritten)"));
				PQclear(res);
				free(buf);
				return 1;
			}
			need = 66;
			for (k = 0; k < 8; k++)
				need += strlen(db_str(res, i, k)) + 1;
			if (need > cap) {
				cap = need * 2;
				buf = xreallocarray(buf, cap, 1);
			}
			snprintf(buf, cap, "%s|%s|%s|%s|%s|%s|%s|%s|%s", prev, db_str(res, i, 0),
			    db_str(res, i, 1), db_str(res, i, 2), db_str(res, i, 3), db_str(res, i, 4),
			    db_str(res, i, 5), db_str(res, i, 6), db_str(res, i, 7));
			sha256_hex(buf, strlen(buf), hex);
			if (strcmp(hex, db_str(res, i, 9)) != 0) {
				broken(r, res, i,
				    _("its content does not match its hash (the entry was changed)"));
				PQclear(res);
				free(buf);
				return 1;
			}
			memcpy(prev, hex, sizeof prev);
			r->checked++;
			r->head_id = strtoll(db_str(res, i, 0), NULL, 10);
		}
		if (n > 0)
			snprintf(last, sizeof last, "%s", db_str(res, n - 1, 0));
		PQclear(res);
		if (n == 0)
			break;
	}
	memcpy(r->head_hash, prev, sizeof r->head_hash);
	free(buf);
	return 0;
}

int
audit_check_anchor(struct db *db, long long id, const char *hash, char **cause)
{
	char idbuf[32];
	const char *p[2] = { idbuf, hash };
	PGresult *res;
	int n;

	snprintf(idbuf, sizeof idbuf, "%lld", id);
	res = db_query(db, "SELECT 1 FROM audit_log WHERE id = $1 AND hash = $2", 2, p, NULL, cause);
	if (res == NULL)
		return -1;
	n = PQntuples(res);
	PQclear(res);
	return n == 1 ? 0 : 1;
}

int
audit_parse_anchor(const char *text, long long *id, char hash[65], char **cause)
{
	const char *s = strstr(text, "rashin-audit-anchor");
	int n = 0;

	if (s == NULL || sscanf(s, "rashin-audit-anchor id=%lld hash=%64[0-9a-f]%n", id, hash, &n) != 2 ||
	    strlen(hash) != 64 || *id <= 0)
		return set_cause(cause, "not a rashin audit anchor (expected a line "
		    "'rashin-audit-anchor id=N hash=HEX')");
	return 0;
}

void
audit_say(FILE *out, int v, const struct audit_result *r, int a, long long id,
    const char *hash)
{
	if (v == 1) {
		fprintf(out, _("audit chain BROKEN at entry %lld (%s): %s\n"), r->bad_id,
		    r->bad_at, r->why);
		return;
	}
	fprintf(out, _("audit chain intact: %lld entries checked, head %lld %s\n"), r->checked,
	    r->head_id, r->head_hash);
	if (a == 1)
		fprintf(out, _("anchor NOT FOUND: entry %lld with hash %s is no longer in the "
		    "chain (the log was rewritten)\n"), id, hash);
	else if (a == 0)
		fprintf(out, _("anchor %lld found in the chain\n"), id);
}
