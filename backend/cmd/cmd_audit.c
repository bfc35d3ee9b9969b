/*
 * cmd_audit — `audit` over SSH for IT staff and the CIO adviser / DX council: verify the
 * chain (optionally against an anchor read from standard input), print an anchor, list
 * and export entries. Reading the log is allowed by the database to admin and auditor only.
 */
#include "backend/cmd/cmd.h"

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

static int
audit_rows(struct cmd_ctx *ctx, int argc, char **argv, int export)
{
	static const char *const keys[] = { "id", "at", "who", "table", "key", "action", "before", "after" };
	const char *titles[] = { "id", _("time"), _("who"), _("table"), _("key"), _("action"),
	    _("before"), _("after") };
	const char *p[5] = { "", "", "", "", export ? "1000000" : "50" };
	char from[FY_BUFSIZE] = "", to[FY_BUFSIZE] = "", *cause = NULL;
	struct fy_date d;
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	int i, bom, ncols = export ? 8 : 6;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc != 2)
		return cmd_usage(ctx, "audit");
	if (cmd_opt(ctx, "table") != NULL)
		p[0] = cmd_opt(ctx, "table");
	if (cmd_opt(ctx, "who") != NULL)
		p[1] = cmd_opt(ctx, "who");
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
	if (cmd_opt(ctx, "limit") != NULL) {
		if (atoi(cmd_opt(ctx, "limit")) <= 0)
			return cmd_usage(ctx, "audit");
		p[4] = cmd_opt(ctx, "limit");
	}
	if (export && (from[0] == '\0' || to[0] == '\0'))
		return cmd_usage(ctx, "audit");
	p[2] = from;
	p[3] = to;
	if (store_audit_rows(ctx->db, p[0], p[1], p[2], p[3], atoi(p[4]), &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "audit: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(ncols, titles, keys);
	out_right(t, 0);
	for (i = 0; i < g.nrows; i++) {
		const char *v[8];
		int c;

		for (c = 0; c < 8; c++)
			v[c] = grid_str(&g, i, c);
		if (fmt == OUT_TEXT) {	/* labels for people; --csv and --json keep the codes */
			v[3] = label_audit_table(v[3]);
			v[5] = label_audit_action(v[5]);
		}
		out_row(t, v);
	}
	grid_free(&g);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
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
		return audit_rows(ctx, argc < 2 ? 1 : argc, argv, 0);
	if (strcmp(argv[1], "export") == 0)
		return audit_rows(ctx, argc, argv, 1);
	return cmd_usage(ctx, "audit");
}
