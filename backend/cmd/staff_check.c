/*
 * staff_check — login, name, kana and role rules; `staff import` (HR CSV: header names,
 * UTF-8 or CP932, per-row errors, all-or-nothing, --check, idempotent) and `staff export`.
 */
#include "backend/cmd/staff_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/cmd/cmd_export.h"
#include "backend/cmd/cmd_import.h"
#include "backend/lib/csv.h"
#include "backend/lib/strset.h"
#include "backend/store/store_staff_io.h"
#include "backend/store/store_tx.h"
#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/utf8.h"
#include "backend/lib/util.h"

/* Characters in any one field of an HR file (the name's own limit is tighter). */
#define STAFF_FIELD_MAX	200

static const char *const roles[] = { "admin", "lead", "trainer", "auditor", "readonly", NULL };

static int
kana_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, left = strlen(s);
	uint32_t cp;
	int valid, any = 0;

	while (left > 0) {
		n = utf8_decode(p, left, &cp, &valid);
		if (!valid)
			return 0;
		if (!((cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) ||
		    cp == 0x30FC || cp == 0x30FB || cp == ' ' || cp == 0x3000))
			return 0;
		if (cp != ' ' && cp != 0x3000)
			any = 1;
		p += n;
		left -= n;
	}
	return any;
}

int
staff_check(const char *login, const char *name, const char *kana, const char *role,
    char **cause)
{
	size_t i, n;

	if (login != NULL) {
		n = strlen(login);
		if (n < 2 || n > 32 || login[0] < 'a' || login[0] > 'z')
			return set_cause(cause, _("login \"%.40s\": 2-32 characters starting with a-z"), login);
		for (i = 0; i < n; i++)
			if (!((login[i] >= 'a' && login[i] <= 'z') || (login[i] >= '0' && login[i] <= '9') ||
			    login[i] == '_' || login[i] == '.' || login[i] == '-'))
				return set_cause(cause, _("login \"%.40s\": only lower-case a-z, 0-9, '.', '_' "
				    "and '-'"), login);
	}
	if (name != NULL) {
		if (name[0] == '\0')
			return set_cause(cause, _("name: required, valid text of 100 characters at most"));
		if (text_input_check("name", name, 0, 100, cause) != 0)
			return -1;
	}
	if (kana != NULL && !kana_ok(kana))
		return set_cause(cause, _("kana \"%.60s\": hiragana or katakana (and spaces) only"), kana);
	if (role != NULL) {
		for (i = 0; roles[i] != NULL; i++)
			if (strcmp(roles[i], role) == 0)
				break;
		if (roles[i] == NULL)
			return set_cause(cause, _("role \"%.20s\": one of admin, lead, trainer, auditor, "
			    "readonly"), role);
	}
	return 0;
}

/* Header names accepted for each column, Japanese first. */
static const char *const col_names[][2] = {
	{ "ログイン", "login" }, { "氏名", "name" }, { "ふりがな", "kana" },
	{ "所属コード", "dept" }, { "権限", "role" }, { "管理職", "manager" },
};
enum { C_LOGIN, C_NAME, C_KANA, C_DEPT, C_ROLE, C_MANAGER, C_N };

static int
find_cols(const struct cmd_import *im, int col[C_N], char **cause)
{
	int i;

	for (i = 0; i < C_N; i++) {
		col[i] = cmd_import_col(im, col_names[i][0], col_names[i][1]);
		if (col[i] < 0 && i != C_MANAGER)
			return set_cause(cause, _("line 1: column %s (or %s) is missing"), col_names[i][0],
			    col_names[i][1]);
	}
	return 0;
}

/* 1 manager, 0 not, -1 not a yes/no. */
static int
manager_value(const char *v)
{
	if (v[0] == '\0' || strcmp(v, "no") == 0 || strcmp(v, "0") == 0 || strcmp(v, "いいえ") == 0)
		return 0;
	if (strcmp(v, "yes") == 0 || strcmp(v, "1") == 0 || strcmp(v, "はい") == 0 ||
	    strcmp(v, "○") == 0)
		return 1;
	return -1;
}

/* Department codes that exist, for per-row messages. */
static int
dept_exists(const struct grid *codes, const char *code)
{
	int i;

	for (i = 0; i < codes->nrows; i++)
		if (strcmp(grid_str(codes, i, 0), code) == 0)
			return 1;
	return 0;
}

/* A row's fault, allocated, or NULL when it may be written. */
static char *
row_fault(const struct csv_row *r, const int col[C_N],
    const struct grid *codes, struct strset *logins)
{
	char *why = NULL;
	int first;

	if (staff_check(csv_field(r, col[C_LOGIN]), csv_field(r, col[C_NAME]),
	    csv_field(r, col[C_KANA]), csv_field(r, col[C_ROLE]), &why) != 0)
		return why;
	if (!dept_exists(codes, csv_field(r, col[C_DEPT])))
		return xasprintf(_("所属コード: unknown department code \"%.40s\""),
		    csv_field(r, col[C_DEPT]));
	if (col[C_MANAGER] >= 0 && manager_value(csv_field(r, col[C_MANAGER])) < 0)
		return xstrdup(_("管理職: yes/no (はい/いいえ, 1/0) expected"));
	if (strset_add(logins, csv_field(r, col[C_LOGIN]), r->line, &first) != 0)
		return xasprintf(_("ログイン: duplicate login (also on line %d)"), first);
	return NULL;
}

int
staff_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct cmd_import im;
	struct csv_row r;
	struct grid codes = { 0 };
	struct strset *logins = NULL;
	char *cause = NULL, *why;
	int col[C_N], check, skip, errors = 0, added = 0, updated = 0, same = 0;
	int rc = CMD_FAIL, wrc, what, next, in_tx = 0;

	check = cmd_flag(ctx, "check");
	skip = cmd_flag(ctx, "skip-bad");
	if (argc != 3)
		return cmd_usage(ctx, "staff");
	if (cmd_import_open(ctx, "staff import", argv[2], &im, &rc) != 0)
		return rc;
	if (find_cols(&im, col, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s: %s", im.file, cause);
		goto out;
	}
	if (store_dept_codes(ctx->db, &codes, &cause) != 0 ||
	    store_tx_begin_import(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s", cause);
		goto out;
	}
	in_tx = 1;
	logins = strset_new();
	while ((next = cmd_import_next(&im, &r)) == 0) {
		if (cmd_import_fields(&im, &r, STAFF_FIELD_MAX) != 0) {
			errors++;
			csv_row_free(&r);
			continue;
		}
		if ((why = row_fault(&r, col, &codes, logins)) != NULL) {
			cmd_import_error(&im, r.line, NULL, "%s", why);
			free(why);
			errors++;
			csv_row_free(&r);
			continue;
		}
		if (errors > 0 && !skip) {	/* nothing will be written: check the rest only */
			csv_row_free(&r);
			continue;
		}
		wrc = store_staff_upsert(ctx->db, csv_field(&r, col[C_LOGIN]),
		    csv_field(&r, col[C_NAME]), csv_field(&r, col[C_KANA]),
		    csv_field(&r, col[C_DEPT]), csv_field(&r, col[C_ROLE]),
		    col[C_MANAGER] >= 0 && manager_value(csv_field(&r, col[C_MANAGER])) == 1,
		    &what, &cause);
		if (wrc != STORE_OK) {
			cmd_error(ctx, CMD_FAIL, "staff import: %s: line %d: %s; nothing was written",
			    im.file, r.line, cause != NULL ? cause : "?");
			csv_row_free(&r);
			goto out;
		}
		csv_row_free(&r);
		if (what == 0)
			same++;
		else if (what == 1)
			added++;
		else
			updated++;
	}
	if (next < 0 || im.stopped)
		goto out;	/* reported; nothing is written */
	if (errors > 0 && !skip) {
		fprintf(ctx->err, _("rashin: staff import: %d bad row(s); nothing was written "
		    "(fix them, or use --skip-bad)\n"), errors);
		goto out;
	}
	if (check) {
		fprintf(ctx->out, "check only: %d to add, %d to update, %d unchanged, %d bad; nothing "
		    "written\n", added, updated, same, errors);
		rc = CMD_OK;
		goto out;
	}
	in_tx = 0;
	if (store_tx_commit(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s", cause);
		goto out;
	}
	fprintf(ctx->out, "%d added, %d updated, %d unchanged, %d bad row(s) skipped\n",
	    added, updated, same, errors);
	rc = CMD_OK;	/* bad rows reaching here were skipped on request (--skip-bad) */
out:
	if (in_tx)
		store_tx_rollback(ctx->db);
	cmd_import_close(&im);
	strset_free(logins);
	grid_free(&codes);
	free(cause);
	return rc;
}

int
staff_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "ログイン", "氏名", "ふりがな", "所属コード", "権限", "管理職" };
	struct cmd_export_spec spec = { .what = "staff export", .fmt = OUT_CSV, .bom = 1,
	    .ncols = 6, .titles = keys, .keys = keys, .right = -1 };
	struct cmd_export e;
	enum out_format fmt;
	char *cause = NULL;
	int bom, cp932, rc;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, &cp932);
	if (cmd_opt(ctx, "encoding") != NULL && strcmp(cmd_opt(ctx, "encoding"), "cp932") != 0)
		return cmd_usage_why(ctx, "--encoding: cp932");
	if (cmd_opt(ctx, "encoding") != NULL)
		cp932 = 1;
	if (argc != 2)
		return cmd_usage(ctx, "staff");
	spec.cp932 = cp932;
	cmd_export_begin(ctx, &e, &spec);
	rc = store_staff_export(ctx->db, &e.x, &cause);
	return cmd_export_end(&e, rc, cause);
}
