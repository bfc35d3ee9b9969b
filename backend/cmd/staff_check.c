/*
 * staff_check — login, name, kana and role rules; `staff import` (HR CSV: header names,
 * UTF-8 or CP932, per-row errors, all-or-nothing, --check, idempotent) and `staff export`.
 */
#include "backend/cmd/staff_check.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/lib/csv.h"
#include "backend/store/store_staff_io.h"
#include "backend/store/store_tx.h"
#include "backend/lib/i18n.h"
#include "backend/lib/utf8.h"
#include "backend/lib/util.h"

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
		size_t chars = 0;

		n = strlen(name);
		for (i = 0; i < n; i++)	/* characters, as the database counts them */
			chars += ((unsigned char)name[i] & 0xc0) != 0x80;
		if (n == 0 || !utf8_valid(name, n) || chars > 100)
			return set_cause(cause, _("name: required, valid text of 100 characters at most"));
		for (i = 0; i < n; i++)
			if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f)
				return set_cause(cause, _("name: control characters are not allowed"));
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
find_cols(const struct csv_doc *doc, int col[C_N], char **cause)
{
	int i;

	for (i = 0; i < C_N; i++) {
		col[i] = csv_col(doc, col_names[i][0]);
		if (col[i] < 0)
			col[i] = csv_col(doc, col_names[i][1]);
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

int
staff_import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct csv_doc doc;
	FILE *f = NULL;
	struct grid codes = { 0 };
	const char *path = NULL;
	char *cause = NULL, **bad_row = NULL;
	int col[C_N], i, j, check = 0, skip = 0, errors = 0, added = 0, updated = 0, same = 0;
	int rc = CMD_FAIL, wrc, what;

	check = cmd_flag(ctx, "check");
	skip = cmd_flag(ctx, "skip-bad");
	if (argc != 3)
		return cmd_usage(ctx, "staff");
	path = argv[2];
	if ((f = cmd_open_input(ctx, "staff import", path, &rc)) == NULL)
		return rc;
	if (csv_read_file(f, &doc, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s: %s", path, cause ? cause : "no input");
		free(cause);
		if (f != NULL && f != ctx->in)
			fclose(f);
		return CMD_FAIL;
	}
	if (f != ctx->in)
		fclose(f);
	if (find_cols(&doc, col, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s: %s", path, cause);
		goto out;
	}
	if (store_dept_codes(ctx->db, &codes, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s", cause);
		goto out;
	}
	bad_row = xcalloc((size_t)doc.nrows + 1, sizeof *bad_row);
	for (i = 0; i < doc.nrows; i++) {
		const struct csv_row *r = &doc.rows[i];
		char *why = NULL;

		if (staff_check(csv_field(r, col[C_LOGIN]), csv_field(r, col[C_NAME]),
		    csv_field(r, col[C_KANA]), csv_field(r, col[C_ROLE]), &why) != 0)
			bad_row[i] = why;
		else if (!dept_exists(&codes, csv_field(r, col[C_DEPT])))
			bad_row[i] = xasprintf(_("所属コード: unknown department code \"%.40s\""),
			    csv_field(r, col[C_DEPT]));
		else if (col[C_MANAGER] >= 0 &&
		    manager_value(csv_field(r, col[C_MANAGER])) < 0)
			bad_row[i] = xstrdup(_("管理職: yes/no (はい/いいえ, 1/0) expected"));
		for (j = 0; j < i && bad_row[i] == NULL; j++)
			if (strcmp(csv_field(&doc.rows[j], col[C_LOGIN]), csv_field(r, col[C_LOGIN])) == 0)
				bad_row[i] = xasprintf(_("ログイン: duplicate login (also on line %d)"),
				    doc.rows[j].line);
		if (bad_row[i] != NULL) {
			char *at = xasprintf(_("line %d: %s"), r->line, bad_row[i]);

			cmd_error(ctx, CMD_FAIL, "staff import: %s: %s", path, at);
			free(at);
			errors++;
		}
	}
	if (errors > 0 && !skip) {
		fprintf(ctx->err, _("rashin: staff import: %d bad row(s); nothing was written "
		    "(fix them, or use --skip-bad)\n"), errors);
		goto out;
	}
	if (store_tx_begin(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s", cause);
		goto out;
	}
	for (i = 0; i < doc.nrows; i++) {
		const struct csv_row *r = &doc.rows[i];

		if (bad_row[i] != NULL)
			continue;
		wrc = store_staff_upsert(ctx->db, csv_field(r, col[C_LOGIN]), csv_field(r, col[C_NAME]),
		    csv_field(r, col[C_KANA]), csv_field(r, col[C_DEPT]), csv_field(r, col[C_ROLE]),
		    col[C_MANAGER] >= 0 && manager_value(csv_field(r, col[C_MANAGER])) == 1, &what,
		    &cause);
		if (wrc != STORE_OK) {
			store_tx_rollback(ctx->db);
			cmd_error(ctx, CMD_FAIL, "staff import: %s: line %d: %s; nothing was written", path,
			    r->line, cause != NULL ? cause : "?");
			goto out;
		}
		if (what == 0)
			same++;
		else if (what == 1)
			added++;
		else
			updated++;
	}
	if (check) {
		store_tx_rollback(ctx->db);
		fprintf(ctx->out, "check only: %d to add, %d to update, %d unchanged, %d bad; nothing "
		    "written\n", added, updated, same, errors);
	} else if (store_tx_commit(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff import: %s", cause);
		goto out;
	} else
		fprintf(ctx->out, "%d added, %d updated, %d unchanged, %d bad row(s) skipped\n",
		    added, updated, same, errors);
	rc = CMD_OK;	/* bad rows reaching here were skipped on request (--skip-bad) */
out:
	if (bad_row != NULL)
		for (i = 0; i < doc.nrows; i++)
			free(bad_row[i]);
	free(bad_row);
	grid_free(&codes);
	free(cause);
	csv_free(&doc);
	return rc;
}

int
staff_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "ログイン", "氏名", "ふりがな", "所属コード", "権限", "管理職" };
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	char *cause = NULL;
	int i, bom, cp932;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, &cp932);
	if (cmd_opt(ctx, "encoding") != NULL && strcmp(cmd_opt(ctx, "encoding"), "cp932") != 0)
		return cmd_usage_why(ctx, "--encoding: cp932");
	if (cmd_opt(ctx, "encoding") != NULL)
		cp932 = 1;
	if (argc != 2)
		return cmd_usage(ctx, "staff");
	if (store_staff_export(ctx->db, &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff export: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(6, keys, keys);
	for (i = 0; i < g.nrows; i++)
		out_rowf(t, grid_str(&g, i, 0), grid_str(&g, i, 1), grid_str(&g, i, 2),
		    grid_str(&g, i, 3), grid_str(&g, i, 4), grid_str(&g, i, 5));
	grid_free(&g);
	return cmd_csv_export(ctx, t, cp932, "staff export");
}
