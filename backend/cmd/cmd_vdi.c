/*
 * cmd_vdi — `vdi list|show|expiring|sweep|export` and dispatch of the lifecycle
 * subcommands (cmd_vdi_life.c). Who may do what is decided by the database.
 */
#include "backend/cmd/cmd_vdi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "backend/cmd/cmd.h"
#include "backend/cmd/cmd_export.h"
#include "backend/lib/csv.h"
#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/labels.h"
#include "backend/lib/log.h"
#include "backend/store/grid.h"
#include "backend/store/store_vdi.h"
#include "backend/lib/util.h"

int
vdi_id(struct cmd_ctx *ctx, const char *s)
{
	char *end;
	long v;

	v = s != NULL ? strtol(s, &end, 10) : 0;
	if (s == NULL || *s == '\0' || *end != '\0' || v <= 0 || v > 2000000000) {
		cmd_error(ctx, CMD_USAGE, "vdi: \"%s\": %s", s != NULL ? s : "",
		    _("not a request id (see vdi list)"));
		return -1;
	}
	return (int)v;
}

int
vdi_date(struct cmd_ctx *ctx, const char *what, const char *s, char iso[32])
{
	struct fy_date d;
	char *cause = NULL, buf[FY_BUFSIZE];

	if (fy_date_parse(s, &d, &cause) != 0) {
		cmd_error(ctx, CMD_USAGE, "vdi: %s: %s", what, cause);
		free(cause);
		return -1;
	}
	fy_date_format(&d, FY_DATE_ISO, buf, sizeof buf);
	memcpy(iso, buf, FY_BUFSIZE);
	return 0;
}

static int
fail(struct cmd_ctx *ctx, const char *sub, char *cause)
{
	cmd_error(ctx, CMD_FAIL, "vdi %s: %s", sub, cause);
	free(cause);
	return CMD_FAIL;
}

/* list and expiring: expiring_days < 0 for list. */
static int
vdi_list(struct cmd_ctx *ctx, int argc, char **argv, int expiring)
{
	static const char *const keys[] = { "id", "login", "name", "state", "from", "to",
	    "days_left", "mfa", "username", "pool", "note" };
	const char *titles[] = { _("ID"), _("login"), _("name"), _("state"), _("from"), _("to"),
	    _("days left"), _("MFA"), _("VDI user"), _("pool"), _("note") };
	const char *state = cmd_opt(ctx, "state"), *today = cmd_opt(ctx, "today"), *days;
	enum out_format fmt;
	struct out_table *t;
	struct vdi_list l;
	char todays[FY_BUFSIZE], ids[16], left[16], *cause = NULL, *end;
	int i, bom, ndays = -1, text;

	cmd_format(ctx, &fmt, &bom, NULL);
	days = expiring ? cmd_opt(ctx, "days") : NULL;
	if (argc != 2)
		return cmd_usage(ctx, "vdi");
	if (state != NULL && !store_vdi_state_known(state))
		return cmd_error(ctx, CMD_USAGE, "vdi %s: --state %s: %s", argv[1], state,
		    _("unknown state (requested, manager_approved, approved, rejected, withdrawn, "
		    "active, suspended, expired, revoked)"));
	if (today != NULL && vdi_date(ctx, "--today", today, todays) != 0)
		return CMD_USAGE;
	if (expiring) {
		ndays = 30;
		if (days != NULL && ((ndays = (int)strtol(days, &end, 10)) < 0 || ndays > 3660 ||
		    *end != '\0' || *days == '\0'))
			return cmd_error(ctx, CMD_USAGE, "vdi expiring: --days %s: %s", days,
			    _("give a number of days, 0-3660"));
	} else if (days != NULL)
		return cmd_usage(ctx, "vdi");
	if (store_vdi_list(ctx->db, state != NULL ? state : "", today != NULL ? todays : NULL,
	    ndays, &l, &cause) != 0)
		return fail(ctx, argv[1], cause);
	text = fmt == OUT_TEXT;
	t = out_new(11, titles, keys);
	out_right(t, 0);
	out_right(t, 6);
	for (i = 0; i < l.n; i++) {
		snprintf(ids, sizeof ids, "%d", l.rows[i].id);
		snprintf(left, sizeof left, "%d", l.rows[i].days_left);
		out_rowf(t, ids, l.rows[i].login, l.rows[i].name,
		    text ? label_vdi_state(l.rows[i].state) : l.rows[i].state,
		    l.rows[i].period_from, l.rows[i].period_to, l.rows[i].has_days ? left : NULL,
		    l.rows[i].mfa[0] == '\0' ? NULL : text ? label_vdi_state(l.rows[i].mfa) : l.rows[i].mfa,
		    l.rows[i].username[0] == '\0' ? NULL : l.rows[i].username,
		    l.rows[i].pool[0] == '\0' ? NULL : l.rows[i].pool,
		    l.rows[i].note[0] == '\0' ? NULL : l.rows[i].note);
	}
	store_vdi_list_free(&l);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
vdi_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "at", "event", "by", "detail" };
	const char *titles[] = { _("when"), _("event"), _("by"), _("detail") };
	enum out_format fmt;
	struct vdi_event_row *ev;
	struct out_table *t;
	char *cause = NULL;
	int i, n, id, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc != 3 || (id = vdi_id(ctx, argv[2])) < 0)
		return cmd_usage(ctx, "vdi");
	if (store_vdi_history(ctx->db, id, &ev, &n, &cause) != 0)
		return fail(ctx, "show", cause);
	if (n == 0) {
		store_vdi_history_free(ev, n);
		return cmd_error(ctx, CMD_FAIL, "vdi show: %d: %s", id,
		    _("no such request, or no history you may read"));
	}
	t = out_new(4, titles, keys);
	for (i = 0; i < n; i++) {
		char eb[80];

		if (fmt == OUT_TEXT)	/* labels for people; --csv and --json keep the codes */
			out_rowf(t, ev[i].at, label_vdi_event(ev[i].event, eb, sizeof eb),
			    ev[i].actor, label_vdi_reason(ev[i].detail));
		else
			out_rowf(t, ev[i].at, ev[i].event, ev[i].actor, ev[i].detail);
	}
	store_vdi_history_free(ev, n);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static void
swept(void *arg, int id, const char *login, const char *valid_to)
{
	struct cmd_ctx *ctx = arg;

	log_info("vdi sweep: request %d (%s) expired, valid to %s", id, login, valid_to);
	fprintf(ctx->out, "%s %d ", _("expired"), id);
	out_text(ctx->out, login);
	fprintf(ctx->out, " (%s %s)\n", _("valid to"), valid_to);
}

static int
vdi_sweep(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *today = cmd_opt(ctx, "today");
	char todays[FY_BUFSIZE], *cause = NULL;
	int n;

	(void)argv;
	if (argc != 2)
		return cmd_usage(ctx, "vdi");
	if (today != NULL && vdi_date(ctx, "--today", today, todays) != 0)
		return CMD_USAGE;
	if ((n = store_vdi_sweep(ctx->db, today != NULL ? todays : NULL, swept, ctx, &cause)) < 0)
		return fail(ctx, "sweep", cause);
	log_info("vdi sweep: %d account(s) expired", n);
	fprintf(ctx->out, "%s: %d\n", _("accounts expired"), n);
	return CMD_OK;
}

/* LDIF (RFC 2849): plain when safe, else base64 ("name:: ..."); lines folded at 76. */
static void
ldif_attr(FILE *f, const char *name, const char *v)
{
	const unsigned char *p = (const unsigned char *)v;
	char line[4096];
	int safe = *p != ' ' && *p != ':' && *p != '<', len, i;
	unsigned char *b64;
	size_t n = strlen(v);

	for (; *p != '\0'; p++)
		if (*p >= 0x80 || *p == '\r' || *p == '\n')
			safe = 0;
	if (n > 0 && v[n - 1] == ' ')
		safe = 0;
	if (safe)
		len = snprintf(line, sizeof line, "%s: %s", name, v);
	else {
		b64 = xmalloc(4 * ((n + 2) / 3) + 1);
		EVP_EncodeBlock(b64, (const unsigned char *)v, (int)n);
		len = snprintf(line, sizeof line, "%s:: %s", name, (char *)b64);
		free(b64);
	}
	if (len >= (int)sizeof line)
		len = (int)sizeof line - 1;
	for (i = 0; i < len; i += i == 0 ? 76 : 75) {
		if (i > 0)
			fputc(' ', f);
		fwrite(line + i, 1, (size_t)(len - i < (i == 0 ? 76 : 75) ? len - i :
		    (i == 0 ? 76 : 75)), f);
		fputc('\n', f);
	}
}

/* One account as an LDIF entry (grid columns as store_vdi_export's). */
static int
ldif_entry(void *arg, FILE *f, const struct grid *g, int r)
{
	char *v;

	(void)arg;
	fputc('\n', f);
	v = xasprintf("uid=%s,ou=vdi,dc=rashin", grid_str(g, r, 0));
	ldif_attr(f, "dn", v);
	free(v);
	ldif_attr(f, "objectClass", "inetOrgPerson");
	ldif_attr(f, "uid", grid_str(g, r, 0));
	ldif_attr(f, "cn", grid_str(g, r, 2));
	ldif_attr(f, "sn", grid_str(g, r, 2));
	ldif_attr(f, "employeeNumber", grid_str(g, r, 1));
	ldif_attr(f, "ou", grid_str(g, r, 3));
	v = xasprintf("state=%s valid=%s..%s mfa=%s request=%s", grid_str(g, r, 6),
	    grid_str(g, r, 4), grid_str(g, r, 5), grid_str(g, r, 7), grid_str(g, r, 8));
	ldif_attr(f, "description", v);
	free(v);
	return 0;
}

static int
vdi_export(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "username", "login", "name", "pool", "valid_from",
	    "valid_to", "state", "mfa", "request_id" };
	const char *format = cmd_opt(ctx, "format"), *encoding = cmd_opt(ctx, "encoding");
	const char *state = cmd_opt(ctx, "state");
	struct cmd_export_spec spec = { .what = "vdi export", .narrow = "--state", .fmt = OUT_CSV,
	    .bom = 1, .ncols = 9, .titles = keys, .keys = keys, .right = -1 };
	struct cmd_export e;
	char *cause = NULL;
	int rc;

	(void)argv;
	if (argc != 2 || format == NULL)
		return cmd_usage(ctx, "vdi");
	if (strcmp(format, "csv") != 0 && strcmp(format, "json") != 0 && strcmp(format, "ldif") != 0)
		return cmd_error(ctx, CMD_USAGE, "vdi export: --format %s: %s", format,
		    _("use csv, json or ldif"));
	if (encoding != NULL && (strcmp(encoding, "cp932") != 0 || strcmp(format, "csv") != 0) &&
	    strcmp(encoding, "utf-8") != 0)
		return cmd_error(ctx, CMD_USAGE, "vdi export: --encoding %s: %s", encoding,
		    _("use utf-8 or (for csv) cp932"));
	if (state != NULL && !store_vdi_state_known(state))
		return cmd_error(ctx, CMD_USAGE, "vdi export: --state %s: %s", state, _("unknown state"));
	/* Who took which accounts out is part of the audit trail; no record, no export. */
	if (store_vdi_export_event(ctx->db, state != NULL ? state : "", format, &cause) != 0)
		return fail(ctx, "export", cause);
	if (strcmp(format, "json") == 0)
		spec.fmt = OUT_JSON;
	spec.cp932 = encoding != NULL && strcmp(encoding, "cp932") == 0;
	if (strcmp(format, "ldif") == 0) {
		spec.head = "version: 1\n";
		spec.write = ldif_entry;
	}
	cmd_export_begin(ctx, &e, &spec);
	rc = store_vdi_export(ctx->db, state != NULL ? state : "", &e.x, &cause);
	log_info("vdi export: %s, %ld accounts", format, e.x.rows);
	return cmd_export_end(&e, rc, cause);
}

int
cmd_vdi(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "list";

	if (argc < 2 || strcmp(sub, "list") == 0)
		return vdi_list(ctx, argc, argv, 0);
	if (strcmp(sub, "expiring") == 0)
		return vdi_list(ctx, argc, argv, 1);
	if (strcmp(sub, "show") == 0)
		return vdi_show(ctx, argc, argv);
	if (strcmp(sub, "sweep") == 0)
		return vdi_sweep(ctx, argc, argv);
	if (strcmp(sub, "export") == 0)
		return vdi_export(ctx, argc, argv);
	if (strcmp(sub, "request") == 0)
		return vdi_request(ctx, argc, argv);
	if (strcmp(sub, "approve") == 0)
		return vdi_approve(ctx, argc, argv);
	if (strcmp(sub, "reject") == 0)
		return vdi_reject(ctx, argc, argv);
	if (strcmp(sub, "provision") == 0)
		return vdi_provision(ctx, argc, argv);
	if (strcmp(sub, "suspend") == 0 || strcmp(sub, "resume") == 0 || strcmp(sub, "revoke") == 0)
		return vdi_state(ctx, argc, argv);
	if (strcmp(sub, "mfa") == 0)
		return vdi_mfa(ctx, argc, argv);
	return cmd_usage(ctx, "vdi");
}
