/*
 * cmd_audit — `audit` over SSH for IT staff and the CIO adviser / DX council: verify the
 * chain (optionally against an anchor read from standard input), print an anchor, list
 * and export entries. Reading the log is allowed by the database to admin and auditor only.
 */
#include "backend/cmd/cmd.h"
#include "backend/cmd/cmd_export.h"

#include <stdlib.h>
#include <string.h>

#include "backend/store/audit.h"
#include "backend/store/grid.h"
#include "backend/store/store_audit.h"
#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/lib/identity.h"
#include "backend/lib/util.h"

static int
audit_verify_cmd(struct cmd_ctx *ctx, int argc, char **argv, int anchor_only)
{
	struct audit_result r;
	char *cause = NULL, buf[512], hash[65];
	long long id = 0;
	int v, with_anchor = !anchor_only && cmd_flag(ctx, "anchor");

	(void)argv;
	if (argc != 2)
		return cmd_usage(ctx, "audit");
	if (with_anchor) {
		size_t n = ctx->in ? fread(buf, 1, sizeof buf - 1, ctx->in) : 0;

		buf[n] = '\0';
		if (audit_parse_anchor(buf, &id, hash, &cause) != 0) {
			cmd_error(ctx, CMD_USAGE, "audit verify --anchor: %s", cause);
			free(cause);
			return CMD_USAGE;
		}
	}
	v = audit_verify(ctx->db, &r, &cause);
	if (v < 0) {
		cmd_error(ctx, CMD_FAIL, "audit: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	if (v == 1) {
		audit_say(ctx->out, v, &r, -1, 0, NULL);
		return CMD_FAIL;
	}
	if (anchor_only) {
		fprintf(ctx->out, "rashin-audit-anchor id=%lld hash=%s\n", r.head_id, r.head_hash);
		return CMD_OK;
	}
	if (with_anchor) {
		v = audit_check_anchor(ctx->db, id, hash, &cause);
		if (v < 0) {
			cmd_error(ctx, CMD_FAIL, "audit: %s", cause);
			free(cause);
			return CMD_FAIL;
		}
	} else
		v = -1;
	audit_say(ctx->out, 0, &r, v, id, hash);
	if (v == 1)
		return CMD_FAIL;
	return CMD_OK;
}

/* --table, --who, --from, --to into p[0..3] (from, to: ISO days); 0, or an exit status. */
static int
audit_filters(struct cmd_ctx *ctx, const char *p[4], char from[FY_BUFSIZE], char to[FY_BUFSIZE])
{
	struct fy_date d;
	char *cause = NULL;
	int i;

	p[0] = cmd_opt(ctx, "table") != NULL ? cmd_opt(ctx, "table") : "";
	p[1] = cmd_opt(ctx, "who") != NULL ? cmd_opt(ctx, "who") : "";
	for (i = 0; i < 2; i++) {
		const char *name = i == 0 ? "from" : "to", *v = cmd_opt(ctx, name);

		if (v == NULL)
			continue;
		if (fy_date_parse(v, &d, &cause) != 0) {
			cmd_error(ctx, CMD_USAGE, "audit: --%s: %s", name, cause);
			free(cause);
			return CMD_USAGE;
		}
		fy_date_format(&d, FY_DATE_ISO, i == 0 ? from : to, FY_BUFSIZE);
	}
	p[2] = from;
	p[3] = to;
	return 0;
}

/* --limit N (N > 0), or dflt when not given; -1 when N is not a count. */
static int
audit_limit(struct cmd_ctx *ctx, int dflt)
{
	const char *v = cmd_opt(ctx, "limit");

	if (v == NULL)
		return dflt;
	return atoi(v) > 0 ? atoi(v) : -1;
}

static const char *const audit_keys[] = { "id", "at", "who", "table", "key", "action", "before",
    "after", "table_label", "action_label", "changes" };

/* Labels for people; --csv and --json keep the codes. */
static void
audit_labels(void *arg, const struct grid *g, int r, const char **v)
{
	(void)g;
	(void)r;
	if (*(const enum out_format *)arg != OUT_TEXT)
		return;
	v[3] = label_audit_table(v[3]);
	v[5] = label_audit_action(v[5]);
}

static int
audit_list(struct cmd_ctx *ctx, int argc)
{
	const char *titles[] = { "id", _("time"), _("who"), _("table"), _("key"), _("action") };
	const char *p[4];
	char from[FY_BUFSIZE] = "", to[FY_BUFSIZE] = "", *cause = NULL;
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	int i, c, bom, limit, rc;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc != 2 || (limit = audit_limit(ctx, 50)) < 0)
		return cmd_usage(ctx, "audit");
	if ((rc = audit_filters(ctx, p, from, to)) != 0)
		return rc;
	if (store_audit_rows(ctx->db, p[0], p[1], p[2], p[3], limit, &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "audit: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(6, titles, audit_keys);
	out_right(t, 0);
	for (i = 0; i < g.nrows; i++) {
		const char *v[8];

		for (c = 0; c < 8; c++)
			v[c] = grid_str(&g, i, c);
		audit_labels(&fmt, &g, i, v);
		out_row(t, v);
	}
	grid_free(&g);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

struct audit_export_row {
	enum out_format	 fmt;
	char		*changes;	/* the last row's, freed at the next */
};

/*
 * The export's row: the codes and the raw JSON for machines, then for people the table's
 * and the action's labels and the changes, "column: before → after", in the UI language
 * (text: the labels in place, then the changes).
 */
static void
audit_export_values(void *arg, const struct grid *g, int r, const char **v)
{
	struct audit_export_row *x = arg;

	free(x->changes);
	x->changes = store_audit_changes(grid_str(g, r, 3), grid_str(g, r, 8));
	if (x->fmt == OUT_TEXT) {
		audit_labels(&x->fmt, g, r, v);
		v[8] = x->changes;
		return;
	}
	v[8] = label_audit_table(v[3]);
	v[9] = label_audit_action(v[5]);
	v[10] = x->changes;
}

static int
audit_export(struct cmd_ctx *ctx, int argc)
{
	/* text's headings: its nine columns (CSV and JSON have audit_keys) */
	const char *titles[11] = { "id", _("time"), _("who"), _("table"), _("key"), _("action"),
	    _("before"), _("after"), _("changes"), "", "" };
	struct audit_export_row x = { OUT_TEXT, NULL };
	struct cmd_export_spec spec = { .what = "audit export",
	    .narrow = "--from, --to, --table, --who, --limit", .ncols = 11, .titles = titles,
	    .keys = audit_keys, .right = 0, .values = audit_export_values, .arg = &x };
	struct cmd_export e;
	const char *p[4];
	char from[FY_BUFSIZE] = "", to[FY_BUFSIZE] = "", *cause = NULL;
	int limit, rc;

	cmd_format(ctx, &spec.fmt, &spec.bom, NULL);
	x.fmt = spec.fmt;
	if (spec.fmt == OUT_TEXT)
		spec.ncols = 9;
	if (argc != 2 || (limit = audit_limit(ctx, 0)) < 0)
		return cmd_usage(ctx, "audit");
	if ((rc = audit_filters(ctx, p, from, to)) != 0)
		return rc;
	if (from[0] == '\0' || to[0] == '\0')
		return cmd_usage(ctx, "audit");
	cmd_export_begin(ctx, &e, &spec);
	rc = store_audit_export(ctx->db, p[0], p[1], p[2], p[3], limit, &e.x, &cause);
	rc = cmd_export_end(&e, rc, cause);
	free(x.changes);
	return rc;
}

int
cmd_audit(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (strcmp(ctx->id->role, "admin") != 0 && strcmp(ctx->id->role, "auditor") != 0)
		return cmd_error(ctx, CMD_FAIL, "audit: %s",
		    _("permission denied (IT staff and the CIO adviser / DX council only)"));
	if (argc >= 2 && strcmp(argv[1], "verify") == 0)
		return audit_verify_cmd(ctx, argc, argv, 0);
	if (argc == 2 && strcmp(argv[1], "anchor") == 0)
		return audit_verify_cmd(ctx, argc, argv, 1);
	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return audit_list(ctx, argc < 2 ? 1 : argc);
	if (strcmp(argv[1], "export") == 0)
		return audit_export(ctx, argc);
	return cmd_usage(ctx, "audit");
}
