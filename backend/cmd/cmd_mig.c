/*
 * cmd_mig — `mig board|set|history|steps|show` (export and import are in cmd_mig_io.c):
 * the standardisation migration from the command line. Who may write is the database's
 * decision (row-level security); a refusal is explained naming system and department.
 */
#include "backend/cmd/cmd_mig.h"
#include "backend/store/outcome.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/today.h"
#include "backend/store/store_mig.h"
#include "backend/lib/util.h"

int
cmd_mig_date(const char *s, char iso[11], char **cause)
{
	struct fy_date d;

	if (s[0] == '\0') {
		iso[0] = '\0';
		return 0;
	}
	if (fy_date_parse(s, &d, cause) != 0)
		return -1;
	snprintf(iso, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
	return 0;
}

int
cmd_mig_today(struct cmd_ctx *ctx, struct fy_date *today)
{
	const char *s;
	char *cause = NULL;

	s = cmd_opt(ctx, "today");
	if (s == NULL && (s = getenv("RASHIN_TODAY")) != NULL && s[0] == '\0')
		s = NULL;	/* the console's clock pin (tui/app.h) works here too */
	if (s != NULL) {
		if (fy_date_parse(s, today, &cause) != 0) {
			cmd_error(ctx, CMD_USAGE, "--today: %s", cause);
			free(cause);
			return -1;
		}
		return 0;
	}
	today_date(today);
	return 0;
}

int
cmd_mig_write_error(struct cmd_ctx *ctx, const char *what, int sys_id, const char *sqlstate,
    const char *cause)
{
	char *msg;

	if (outcome_is(sqlstate, DB_SQLSTATE_DENIED)) {
		msg = mig_refusal(ctx->db, sys_id);
		cmd_error(ctx, CMD_FAIL, "%s: %s", what, msg);
		free(msg);
	} else if (outcome_is(sqlstate, DB_SQLSTATE_STALE))
		cmd_error(ctx, CMD_FAIL, "%s: %s", what,
		    _("someone else changed it meanwhile; nothing was saved, run the command again"));
	else if (outcome_message(sqlstate) != NULL)	/* a rule of sql/: its reason */
		cmd_error(ctx, CMD_FAIL, "%s: %s", what, outcome_message(sqlstate));
	else
		cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause != NULL ? cause : "?");
	return CMD_FAIL;
}

static int
mig_board(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "id", "system", "department", "vendor", "completion",
	    "working", "untouched", "done", "doing", "todo", "na", "steps", "overdue" };
	const char *titles[] = { "#", _("system"), _("owner department"), _("vendor"), _("completion %"),
	    _("working %"), _("untouched %"), _("completed"), _("in progress"), _("not started"),
	    _("not applicable"), _("steps"), _("overdue") };
	char num[13][16];
	const char *v[13];
	struct mig_board b;
	struct fy_date today;
	enum out_format fmt;
	struct out_table *t;
	char *cause = NULL;
	int i, c, bom;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, NULL);
	if (cmd_mig_today(ctx, &today) != 0)
		return CMD_USAGE;
	if (argc != 2)
		return cmd_usage(ctx, "mig");
	if (mig_board_load(ctx->db, &today, &b, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig board: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(13, titles, keys);
	for (c = 0; c < 13; c++)
		if (c == 0 || c >= 4)
			out_right(t, c);
	for (i = 0; i <= b.nsys; i++) {
		const struct mig_count *n = i < b.nsys ? &b.sys[i].count : &b.total;

		if (i == b.nsys && fmt != OUT_TEXT)
			break;
		snprintf(num[0], sizeof num[0], "%d", i < b.nsys ? b.sys[i].id : 0);
		mig_rate_format(mig_rate_completion(n), num[4], sizeof num[4]);
		mig_rate_format(mig_rate_working(n), num[5], sizeof num[5]);
		mig_rate_format(mig_rate_untouched(n), num[6], sizeof num[6]);
		for (c = 0; c < MIG_NST; c++)
			snprintf(num[7 + c], sizeof num[7 + c], "%d", n->n[c]);
		snprintf(num[11], sizeof num[11], "%d", n->steps);
		snprintf(num[12], sizeof num[12], "%d", n->overdue);
		v[0] = i < b.nsys ? num[0] : "";
		v[1] = i < b.nsys ? b.sys[i].name : _("all systems");
		v[2] = i < b.nsys ? b.sys[i].dept : "";
		v[3] = i < b.nsys ? b.sys[i].vendor : "";
		for (c = 4; c < 13; c++)
			v[c] = num[c];
		out_row(t, v);
	}
	mig_board_free(&b);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
mig_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct mig_target t;
	struct fy_date today;
	enum mig_st new_st;
	const char *note;
	char sqlstate[6], iso[11], *cause = NULL, *what;
	int rc = CMD_FAIL, version;

	note = cmd_opt(ctx, "note");
	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if (cmd_mig_today(ctx, &today) != 0)
		return CMD_USAGE;
	if (argc != 5)
		return cmd_usage(ctx, "mig");
	if (mig_st_parse(argv[4], &new_st) != 0)
		return cmd_error(ctx, CMD_USAGE, "mig set: %s \"%s\" (%s)", _("bad status"), argv[4],
		    "完了済み, 作業中, 未着手, 対象外 / done, doing, todo, na");
	/* one statement for the system, the step and their status (not every row of each) */
	if (mig_target_load(ctx->db, argv[2], argv[3], &t, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig set: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	if (t.sys_id == 0) {
		cmd_error(ctx, CMD_FAIL, "mig set: %s \"%s\"", _("unknown system"), argv[2]);
		goto out;
	}
	if (t.step_id == 0) {
		cmd_error(ctx, CMD_FAIL, "mig set: %s \"%s\"", _("unknown step"), argv[3]);
		goto out;
	}
	what = xasprintf("mig set: %s / %s", t.sys, t.step);
	if (version >= 0 && version != t.version) {
		/* the cell changed since the version given: say by whom, to what; write nothing */
		struct mig_cell_now now;

		if (mig_cell_now_load(ctx->db, t.sys_id, t.step_id, &now, &cause) != 0)
			now.who[0] = now.when[0] = '\0';
		cmd_error(ctx, CMD_FAIL, _("%s: changed by %s at %s: now %s (version %d); nothing "
		    "was saved"), what, now.who[0] != '\0' ? now.who : "?",
		    now.when[0] != '\0' ? now.when : "?", mig_st_label(t.st), t.version);
		free(what);
		goto out;
	}
	snprintf(iso, sizeof iso, "%04d-%02d-%02d", today.year, today.month, today.day);
	if (mig_status_set(ctx->db, t.sys_id, t.step_id, new_st, note, t.version, iso, sqlstate,
	    &cause) < 0) {
		cmd_mig_write_error(ctx, what, t.sys_id, sqlstate, cause);
		free(what);
		goto out;
	}
	free(what);
	out_text(ctx->out, t.sys);
	fputs(" / ", ctx->out);
	out_text(ctx->out, t.step);
	fprintf(ctx->out, ": %s -> %s\n", mig_st_label(t.st), mig_st_label(new_st));
	rc = CMD_OK;
out:
	free(cause);
	mig_target_free(&t);
	return rc;
}

/* --from / --to: into iso[11] ("" for "-"); 0, 1 absent, -1 bad (reported). */
static int
cell_date(struct cmd_ctx *ctx, const char *opt, char iso[11])
{
	const char *v = cmd_opt(ctx, opt);
	struct fy_date d;
	char *cause = NULL;

	if (v == NULL)
		return 1;
	if (strcmp(v, "-") == 0 || v[0] == '\0') {
		iso[0] = '\0';
		return 0;
	}
	if (fy_date_parse(v, &d, &cause) != 0) {
		cmd_error(ctx, CMD_USAGE, "mig cell: --%s: %s", opt, cause);
		free(cause);
		return -1;
	}
	snprintf(iso, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
	return 0;
}

/* mig cell SYSTEM STEP [--from D] [--to D] [--owner LOGIN] [--note T] [--if-version N]:
 * the board's dates/owner/note form from a shell (mig_cell_edit); unnamed fields stay. */
static int
mig_cell(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct mig_target t;
	struct mig_cell_fields c;
	struct mig_cell_now now;
	const char *owner, *note;
	char *cause = NULL;
	int rc = CMD_FAIL, version;
	enum store_rc r;

	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if (argc != 4)
		return cmd_usage(ctx, "mig");
	if (mig_target_load(ctx->db, argv[2], argv[3], &t, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig cell: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	if (t.sys_id == 0 || t.step_id == 0) {
		cmd_error(ctx, CMD_FAIL, "mig cell: %s \"%s\"", t.sys_id == 0 ?
		    _("unknown system") : _("unknown step"), t.sys_id == 0 ? argv[2] : argv[3]);
		mig_target_free(&t);
		return CMD_FAIL;
	}
	if (mig_cell_load(ctx->db, t.sys_id, t.step_id, &c, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig cell: %s", cause);
		goto out;
	}
	if (cell_date(ctx, "from", c.ps) < 0 || cell_date(ctx, "to", c.pe) < 0) {
		rc = CMD_USAGE;
		goto out_cell;
	}
	if ((owner = cmd_opt(ctx, "owner")) != NULL)
		snprintf(c.owner, sizeof c.owner, "%s", strcmp(owner, "-") == 0 ? "" : owner);
	note = cmd_opt(ctx, "note");
	if (version < 0)
		version = c.version;
	r = mig_cell_edit(ctx->db, t.sys_id, t.step_id, c.ps, c.pe, c.owner,
	    note != NULL ? note : c.note, &version, &now, &cause);
	if (r != STORE_OK) {
		if (r == STORE_STALE)
			cmd_error(ctx, CMD_FAIL, "mig cell: %s / %s: %s; %s", t.sys, t.step,
			    cause != NULL ? cause : "?", _("nothing was saved"));
		else
			cmd_error(ctx, CMD_FAIL, "mig cell: %s / %s: %s", t.sys, t.step,
			    cause != NULL ? cause : "?");
		goto out_cell;
	}
	out_text(ctx->out, t.sys);
	fputs(" / ", ctx->out);
	out_text(ctx->out, t.step);
	fprintf(ctx->out, ": %s %s - %s, %s %s (%s %d)\n", _("planned"),
	    c.ps[0] ? c.ps : "-", c.pe[0] ? c.pe : "-", _("owner"), c.owner[0] ? c.owner : "-",
	    _("version"), version);
	rc = CMD_OK;
out_cell:
	mig_cell_free(&c);
out:
	free(cause);
	mig_target_free(&t);
	return rc;
}

/* SYSTEM by name or id, or an error printed (returns the id, or -1). */
static int
system_arg(struct cmd_ctx *ctx, const char *what, const char *key)
{
	struct mig_refs sys;
	const struct mig_ref *s;
	char *cause = NULL;
	int id;

	if (mig_systems_load(ctx->db, &sys, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause);
		free(cause);
		return -1;
	}
	s = mig_ref_system(&sys, key);
	id = s != NULL ? s->id : -1;
	if (s == NULL)
		cmd_error(ctx, CMD_FAIL, "%s: %s \"%s\"", what, _("unknown system"), key);
	mig_refs_free(&sys);
	return id;
}

static const char *
st_label_code(const char *code)
{
	enum mig_st st;

	if (code[0] == '\0')
		return "";
	return mig_st_parse(code, &st) == 0 ? mig_st_label(st) : code;
}

static int
mig_history(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "at", "step_seq", "step", "from", "to", "by", "note" };
	const char *titles[] = { _("when"), "#", _("step"), _("from"), _("to"), _("by"), _("note") };
	struct mig_hists h;
	enum out_format fmt;
	struct out_table *t;
	char *cause = NULL, seq[16];
	int i, id, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc != 3)
		return cmd_usage(ctx, "mig");
	if ((id = system_arg(ctx, "mig history", argv[2])) < 0)
		return CMD_FAIL;
	if (mig_history_load(ctx->db, id, &h, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig history: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(7, titles, keys);
	out_right(t, 1);
	for (i = 0; i < h.n; i++) {
		snprintf(seq, sizeof seq, "%d", h.v[i].step_seq);
		if (fmt == OUT_TEXT)
			out_rowf(t, h.v[i].at, seq, h.v[i].step, st_label_code(h.v[i].old_st),
			    st_label_code(h.v[i].new_st), h.v[i].who, h.v[i].note);
		else
			out_rowf(t, h.v[i].at, seq, h.v[i].step,
			    h.v[i].old_st[0] ? h.v[i].old_st : NULL, h.v[i].new_st, h.v[i].who,
			    h.v[i].note);
	}
	mig_hists_free(&h);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
mig_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "field", "value" };
	const char *titles[] = { _("field"), _("value") };
	struct mig_system s;
	enum out_format fmt;
	struct out_table *t;
	char *cause = NULL;
	int id, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc != 3)
		return cmd_usage(ctx, "mig");
	if ((id = system_arg(ctx, "mig show", argv[2])) < 0)
		return CMD_FAIL;
	if (mig_system_load(ctx->db, id, &s, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig show: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(2, titles, keys);
	out_rowf(t, _("system"), s.name);
	out_rowf(t, _("owner department"), s.dept);
	out_rowf(t, _("vendor"), s.vendor);
	out_rowf(t, _("product"), s.product);
	out_rowf(t, _("target vendor"), s.target_vendor);
	out_rowf(t, _("target product"), s.target_product);
	out_rowf(t, _("hosting"), s.hosting);
	out_rowf(t, _("planned cut-over"), s.planned_cutover);
	out_rowf(t, _("actual cut-over"), s.actual_cutover);
	out_rowf(t, _("special migration support"), s.special ? _("yes") : _("no"));
	out_rowf(t, _("extended deadline"), s.special_deadline);
	out_rowf(t, _("reason"), s.special_reason);
	out_rowf(t, _("notes"), s.notes);
	mig_system_free(&s);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

int
cmd_mig(struct cmd_ctx *ctx, int argc, char **argv)
{
	char board[] = "board", *def[3] = { argv[0], board, NULL };

	if (argc < 2)
		return mig_board(ctx, 2, def);
	if (strcmp(argv[1], "board") == 0)
		return mig_board(ctx, argc, argv);
	if (strcmp(argv[1], "set") == 0)
		return mig_set(ctx, argc, argv);
	if (strcmp(argv[1], "cell") == 0)
		return mig_cell(ctx, argc, argv);
	if (strcmp(argv[1], "history") == 0)
		return mig_history(ctx, argc, argv);
	if (strcmp(argv[1], "steps") == 0)
		return cmd_mig_steps(ctx, argc, argv);
	if (strcmp(argv[1], "phases") == 0)
		return cmd_mig_phases(ctx, argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return mig_show(ctx, argc, argv);
	if (strcmp(argv[1], "export") == 0)
		return cmd_mig_export(ctx, argc, argv);
	if (strcmp(argv[1], "import") == 0)
		return cmd_mig_import(ctx, argc, argv);
	return cmd_usage(ctx, "mig");
}
