/*
 * cmd_training — `training courses|sessions|roster|transcript|report|mark|enrol|cancel|
 * import attendance|export`: training records from a shell. Completion, certificates, the
 * waiting list and who may write are the database's (sql/040_training_ext.sql).
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "backend/cmd/args.h"
#include "backend/cmd/cmd_export.h"
#include "backend/cmd/cmd_import.h"
#include "backend/lib/csv.h"
#include "backend/lib/strset.h"
#include "backend/lib/text.h"
#include "backend/store/store_tx.h"
#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/today.h"
#include "backend/store/grid.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_training.h"
#include "backend/lib/util.h"


static int
fail(struct cmd_ctx *ctx, const char *what, char *cause)
{
	cmd_error(ctx, CMD_FAIL, "training %s: %s", what, cause ? cause : "failed");
	free(cause);
	return CMD_FAIL;
}

static int
print(struct cmd_ctx *ctx, struct out_table *t, enum out_format fmt, int bom)
{
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

/* --fy where the subcommand has it: 0 absent (*fy untouched), -1 bad (reported). */
static int
take_fy(struct cmd_ctx *ctx, int *fy)
{
	const char *v;
	char *cause = NULL;

	if (!args_declares(ctx->args->spec, "fy") || (v = cmd_opt(ctx, "fy")) == NULL)
		return 0;
	if (fy_parse(v, PLAN_FY_FIRST, PLAN_FY_MAX, fy, &cause) != 0) {
		cmd_error(ctx, -1, "training: --fy: %s", cause);
		free(cause);
		return -1;
	}
	return 1;
}

static int
session_arg(struct cmd_ctx *ctx, const char *s)
{
	int id = training_parse_id(s);

	if (id == 0)
		cmd_error(ctx, CMD_USAGE, "training: \"%s\" is not a session number (see "
		    "'training sessions')", s);
	return id;
}

static int
roster(struct cmd_ctx *ctx, int argc, char **argv, enum out_format fmt, int bom)
{
	static const char *const keys[] = { "login", "name", "kana", "department", "enrolment",
	    "status", "note" };
	const char *titles[] = { _("login"), _("name"), _("kana"), _("department"),
	    _("enrolment"), _("attendance"), _("note") };
	struct training_roster r;
	struct out_table *t;
	char *cause = NULL, *head;
	int i, id, marked = 0;

	if (argc != 3)
		return cmd_usage(ctx, "training");
	if ((id = session_arg(ctx, argv[2])) == 0)
		return CMD_USAGE;
	if (training_roster_load(ctx->db, id, &r, &cause) != 0)
		return fail(ctx, "roster", cause);
	t = out_new(7, titles, keys);
	for (i = 0; i < r.n; i++) {
		struct training_person *q = &r.people[i];
		int text = fmt == OUT_TEXT;

		marked += q->status[0] != '\0';
		out_rowf(t, q->login, q->name, q->kana, q->dept,
		    text ? training_label(q->enrol) : q->enrol,
		    text ? training_status_label(q->status) : q->status, q->note);
	}
	if (fmt == OUT_TEXT) {
		head = xasprintf("%s %s  %s  %s  %s %d/%d", r.course_code, r.course_title, r.starts,
		    r.place, _("marked"), marked, r.n);
		out_text(ctx->out, head);
		fputc('\n', ctx->out);
		free(head);
	}
	training_roster_free(&r);
	return print(ctx, t, fmt, bom);
}

static int
report(struct cmd_ctx *ctx, int fy, enum out_format fmt, int bom)
{
	struct out_table *a, *b;
	char *cause = NULL, fyname[FY_BUFSIZE];

	if (fmt != OUT_TEXT) {
		if ((a = training_report_data(ctx->db, fy, &cause)) == NULL)
			return fail(ctx, "report", cause);
		return print(ctx, a, fmt, bom);
	}
	if ((a = training_report_courses(ctx->db, fy, 1, &cause)) == NULL)
		return fail(ctx, "report", cause);
	if ((b = training_report_dx(ctx->db, fy, 1, &cause)) == NULL) {
		out_free(a);
		return fail(ctx, "report", cause);
	}
	fy_format(fy, i18n_lang(), fyname, sizeof fyname);
	fprintf(ctx->out, "%s %s\n", _("Mandatory courses:"), fyname);
	if (out_count(a) == 0)
		fprintf(ctx->out, "  %s\n", _("(nothing visible to you)"));
	if (print(ctx, a, fmt, bom) != CMD_OK) {
		out_free(b);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "\n%s %s\n", _("DX leaders against target:"), fyname);
	if (out_count(b) == 0)
		fprintf(ctx->out, "  %s\n", _("(nothing visible to you)"));
	return print(ctx, b, fmt, bom);
}

static int
mark(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *note = NULL, *status;
	char *cause = NULL;
	int id, changed;

	note = cmd_opt(ctx, "note");
	if (argc != 5)
		return cmd_usage(ctx, "training");
	if ((id = session_arg(ctx, argv[2])) == 0)
		return CMD_USAGE;
	if ((status = training_status_parse(argv[4])) == NULL)
		return cmd_error(ctx, CMD_USAGE, "training mark: bad status \"%s\" (one of %s, %s, %s, "
		    "%s or present, late, excused, absent)", argv[4], training_status_ja[0],
		    training_status_ja[1], training_status_ja[2], training_status_ja[3]);
	if (training_mark(ctx->db, id, argv[3], status, note, &changed, &cause) != 0)
		return fail(ctx, "mark", cause);
	fprintf(ctx->out, "%s %s: ", changed == 0 ? _("already marked") : _("marked"), argv[3]);
	out_text(ctx->out, training_status_label(status));
	fputc('\n', ctx->out);
	return CMD_OK;
}

static int
enrol(struct cmd_ctx *ctx, int argc, char **argv, int cancel)
{
	char *cause = NULL, state[16], promoted[64];
	int id, pos;

	if (argc != 4)
		return cmd_usage(ctx, "training");
	if ((id = session_arg(ctx, argv[2])) == 0)
		return CMD_USAGE;
	if (cancel) {
		if (training_cancel(ctx->db, id, argv[3], promoted, &cause) != 0)
			return fail(ctx, "cancel", cause);
		fprintf(ctx->out, "%s %s\n", _("cancelled"), argv[3]);
		if (promoted[0] != '\0')
			fprintf(ctx->out, "%s %s\n", _("promoted from the waiting list:"), promoted);
		return CMD_OK;
	}
	if (training_enrol(ctx->db, id, argv[3], state, &pos, &cause) != 0)
		return fail(ctx, "enrol", cause);
	if (strcmp(state, "waiting") == 0)
		fprintf(ctx->out, "%s %s (%s %d)\n", _("waiting"), argv[3],
		    _("the session is full; place on the waiting list"), pos);
	else
		fprintf(ctx->out, "%s %s\n", _("enrolled"), argv[3]);
	return CMD_OK;
}

/* training score COURSE LOGIN SCORE [--fy FY] */
static int
score(struct cmd_ctx *ctx, int argc, char **argv, int fy)
{
	char *cause = NULL, *end;
	long v;
	int changed;

	if (argc != 5)
		return cmd_usage(ctx, "training");
	v = strtol(argv[4], &end, 10);
	if (argv[4][0] == '\0' || *end != '\0' || v < 0 || v > 100)
		return cmd_error(ctx, CMD_USAGE, "training score: \"%s\": a score is 0-100", argv[4]);
	if (training_score(ctx->db, argv[2], argv[3], fy, (int)v, &changed, &cause) != 0)
		return fail(ctx, "score", cause);
	fprintf(ctx->out, "%s %s %s %d: %ld\n", changed ? _("saved") : _("score unchanged"), argv[2],
	    argv[3], fy, v);
	return CMD_OK;
}

/* training dx nominate LOGIN | dx target DEPT N  [--fy FY] */
static int
dx(struct cmd_ctx *ctx, int argc, char **argv, int fy)
{
	char *cause = NULL, *end, status[16];
	long v;

	if (argc == 4 && strcmp(argv[2], "nominate") == 0) {
		if (training_dx_nominate(ctx->db, argv[3], fy, status, &cause) != 0)
			return fail(ctx, "dx nominate", cause);
		fprintf(ctx->out, "%s %s %d: %s\n", _("nominated"), argv[3], fy,
		    strcmp(status, "certified") == 0 ? _("certified") :
		    strcmp(status, "in_training") == 0 ? _("in training") : _("candidate"));
		return CMD_OK;
	}
	if (argc != 5 || strcmp(argv[2], "target") != 0)
		return cmd_usage(ctx, "training");
	v = strtol(argv[4], &end, 10);
	if (argv[4][0] == '\0' || *end != '\0' || v < 0 || v > 1000)
		return cmd_error(ctx, CMD_USAGE, "training dx target: \"%s\": a target is 0-1000",
		    argv[4]);
	if (training_dx_target(ctx->db, argv[3], fy, (int)v, &cause) != 0)
		return fail(ctx, "dx target", cause);
	fprintf(ctx->out, "%s %s %d: %ld\n", _("target"), argv[3], fy, v);
	return CMD_OK;
}

struct import_result {
	int	rows, added, changed, same, bad;
};

/* Check one attendance row and write it in the import's transaction: 0 written, 1 bad
 * (reported), -1 failed (reported). */
static int
import_row(struct cmd_import *im, const struct csv_row *r, const int col[TRAINING_NCOL],
    struct strset *seen, struct import_result *res)
{
	const char *ses = csv_field(r, col[TRAINING_COL_SESSION]);
	const char *login = csv_field(r, col[TRAINING_COL_LOGIN]);
	const char *stf = csv_field(r, col[TRAINING_COL_STATUS]), *status;
	const char *note = col[TRAINING_COL_NOTE] >= 0 ? csv_field(r, col[TRAINING_COL_NOTE]) : NULL;
	char sid[16], staff[16], *why = NULL, *cause = NULL, *key;
	int bad_col, changed, rc, first;

	if (cmd_import_text(im, r, col[TRAINING_COL_SESSION], 0, 200) != 0 ||
	    cmd_import_text(im, r, col[TRAINING_COL_LOGIN], 0, 200) != 0 ||
	    cmd_import_text(im, r, col[TRAINING_COL_STATUS], 0, 200) != 0 ||
	    cmd_import_text(im, r, col[TRAINING_COL_NOTE], TEXT_IN_MULTILINE,
	    TRAINING_NOTE_MAX) != 0)
		return 1;
	rc = training_import_lookup(im->ctx->db, ses, login, sid, staff, &bad_col, &why, &cause);
	if (rc < 0) {
		cmd_error(im->ctx, CMD_FAIL, "training import: %s: %s %d: %s", im->file, _("line"),
		    r->line, cause);
		free(cause);
		return -1;
	}
	if (rc > 0) {
		cmd_import_error(im, r->line, csv_field(im->header, col[bad_col]), "%s", why);
		free(why);
		return 1;
	}
	if ((status = training_status_parse(stf)) == NULL) {
		cmd_import_error(im, r->line, csv_field(im->header, col[TRAINING_COL_STATUS]),
		    "bad status \"%s\" (one of %s, %s, %s, %s or present, late, excused, absent)",
		    stf, training_status_ja[0], training_status_ja[1], training_status_ja[2],
		    training_status_ja[3]);
		return 1;
	}
	key = xasprintf("%s/%s", sid, staff);
	rc = strset_add(seen, key, r->line, &first);
	free(key);
	if (rc != 0) {
		cmd_import_error(im, r->line, NULL, "duplicate row: session %s and login %s already "
		    "on line %d", sid, login, first);
		return 1;
	}
	if (res->bad > 0 && !cmd_flag(im->ctx, "skip-bad"))
		return 0;	/* nothing will be written: check the rest only */
	if (training_upsert(im->ctx->db, sid, staff, status, note, &changed, &cause) != 0) {
		cmd_error(im->ctx, CMD_FAIL, "training import: %s: %s %d: %s", im->file, _("line"),
		    r->line, cause);
		free(cause);
		return -1;
	}
	if (changed == 1)
		res->added++;
	else if (changed == 2)
		res->changed++;
	else
		res->same++;
	return 0;
}

static int
blank_row(const struct csv_row *r)
{
	int i;

	for (i = 0; i < r->nfields; i++)
		if (strspn(r->fields[i], " \t") != strlen(r->fields[i]))
			return 0;
	return 1;
}

static int
import(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct import_result r = { 0, 0, 0, 0, 0 };
	struct cmd_import im;
	struct csv_row row;
	struct strset *seen = NULL;
	char *cause = NULL;
	int skip = cmd_flag(ctx, "skip-bad"), check = cmd_flag(ctx, "check");
	int rc = CMD_FAIL, next, c, col[TRAINING_NCOL], in_tx = 0, k = 0;

	if (argc != 4 || strcmp(argv[2], "attendance") != 0)
		return cmd_usage(ctx, "training");
	if (cmd_import_open(ctx, "training import", argv[3], &im, &rc) != 0)
		return rc;
	for (c = 0; c < TRAINING_NCOL; c++)
		if ((col[c] = cmd_import_col(&im, training_col_ja[c], training_col_en[c])) < 0 &&
		    c != TRAINING_COL_NOTE) {
			cmd_error(ctx, CMD_FAIL, "training import: line 1: missing column %s (or %s)",
			    training_col_ja[c], training_col_en[c]);
			goto out;
		}
	if (store_tx_begin_import(ctx->db, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "training import: %s", cause);
		goto out;
	}
	in_tx = 1;
	seen = strset_new();
	while ((next = cmd_import_next(&im, &row)) == 0) {
		if (!blank_row(&row)) {
			r.rows++;
			k = import_row(&im, &row, col, seen, &r);
			if (k > 0)
				r.bad++;
		}
		csv_row_free(&row);
		if (k < 0)
			goto out;
	}
	if (next < 0 || im.stopped)
		goto out;
	if (r.bad > 0 && !skip) {
		cmd_error(ctx, CMD_FAIL, "training import: nothing imported: %d bad row%s "
		    "(--skip-bad imports the others)", r.bad, r.bad == 1 ? "" : "s");
		goto out;
	}
	if (!check) {
		in_tx = 0;
		if (store_tx_commit(ctx->db, &cause) != 0) {
			cmd_error(ctx, CMD_FAIL, "training import: %s", cause);
			goto out;
		}
	}
	fputs(check ? _("check: ") : "", ctx->out);
	fprintf(ctx->out, _("%d rows: %d new, %d changed, %d unchanged, %d rejected"), r.rows,
	    r.added, r.changed, r.same, r.bad);
	fputc('\n', ctx->out);
	if (check)
		fprintf(ctx->out, "%s\n", _("dry run: nothing was saved"));
	rc = CMD_OK;
out:
	if (in_tx)
		store_tx_rollback(ctx->db);
	cmd_import_close(&im);
	strset_free(seen);
	free(cause);
	return rc;
}

/* The attendance code as the import takes it: its Japanese label. */
static void
export_values(void *arg, const struct grid *g, int r, const char **v)
{
	(void)arg;
	v[5] = training_status_ja_label(grid_str(g, r, 5));
}

static int
export(struct cmd_ctx *ctx, int argc, char **argv, int fy, int cp932)
{
	static const char *const keys[] = { "セッション", "研修", "日時", "ログイン", "氏名",
	    "出欠", "メモ" };
	struct cmd_export_spec spec = { .what = "training export", .narrow = "--fy, --session",
	    .fmt = OUT_CSV, .bom = 1, .ncols = 7, .titles = keys, .keys = keys, .right = -1,
	    .values = export_values };
	struct cmd_export e;
	const char *enc = NULL, *ses = NULL;
	char *cause = NULL;
	int sid = 0, rc;

	(void)argv;
	enc = cmd_opt(ctx, "encoding");
	ses = cmd_opt(ctx, "session");
	if (argc != 2)
		return cmd_usage(ctx, "training");
	if (enc != NULL && strcasecmp(enc, "cp932") == 0)
		cp932 = 1;
	else if (enc != NULL && strcasecmp(enc, "utf-8") != 0 && strcasecmp(enc, "utf8") != 0)
		return cmd_error(ctx, CMD_USAGE, "training export: --encoding is utf-8 or cp932");
	if (ses != NULL && (sid = session_arg(ctx, ses)) == 0)
		return CMD_USAGE;
	spec.cp932 = cp932;
	cmd_export_begin(ctx, &e, &spec);
	rc = training_export(ctx->db, fy, sid, &e.x, &cause);
	return cmd_export_end(&e, rc, cause);
}

/* training course add CODE CATEGORY TITLE [--mandatory] | session add COURSE "DATE TIME"
 * [--place P] [--capacity N] */
static int
add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *place = "", *cap = NULL;
	char *cause = NULL, *end;
	long c = 0;
	int id, mand = strcmp(argv[1], "course") == 0 && cmd_flag(ctx, "mandatory");

	if (strcmp(argv[1], "session") == 0) {
		if (cmd_opt(ctx, "place") != NULL)
			place = cmd_opt(ctx, "place");
		cap = cmd_opt(ctx, "capacity");
	}
	if (argc < 4 || strcmp(argv[2], "add") != 0)
		return cmd_usage(ctx, "training");
	if (strcmp(argv[1], "course") == 0 && argc == 6) {
		if (training_course_add(ctx->db, argv[3], argv[4], argv[5], mand, &id, &cause) != 0)
			return fail(ctx, "course add", cause);
		fprintf(ctx->out, "%s %d\n", _("course added:"), id);
		return CMD_OK;
	}
	if (strcmp(argv[1], "session") != 0 || argc != 5)
		return cmd_usage(ctx, "training");
	if (cap != NULL) {
		c = strtol(cap, &end, 10);
		if (*cap == '\0' || *end != '\0' || c < 1 || c > 10000)
			return cmd_error(ctx, CMD_USAGE, "training session add: --capacity \"%s\": "
			    "1-10000", cap);
	}
	if (training_session_add(ctx->db, argv[3], argv[4], place, (int)c, &id, &cause) != 0)
		return fail(ctx, "session add", cause);
	fprintf(ctx->out, "%s %d\n", _("session added:"), id);
	return CMD_OK;
}

/* "yes" 1, "no" 0, absent: *v untouched; -1 after a usage error naming opt. */
static int
opt_yes_no(struct cmd_ctx *ctx, const char *opt, int *v)
{
	const char *s = cmd_opt(ctx, opt);
	char *why;

	if (s == NULL)
		return 0;
	if (strcmp(s, "yes") == 0 || strcmp(s, "no") == 0) {
		*v = strcmp(s, "yes") == 0;
		return 0;
	}
	why = xasprintf("--%s: yes | no", opt);
	cmd_usage_why(ctx, why);
	free(why);
	return -1;
}

/* A number lo..hi, or "-" for none (*v = none); absent: *v untouched; -1 after a usage error. */
static int
opt_number(struct cmd_ctx *ctx, const char *opt, long lo, long hi, int none, int *v)
{
	const char *s = cmd_opt(ctx, opt);
	char *end, *why;
	long n;

	if (s == NULL)
		return 0;
	if (strcmp(s, "-") == 0) {
		*v = none;
		return 0;
	}
	n = strtol(s, &end, 10);
	if (*s != '\0' && *end == '\0' && n >= lo && n <= hi) {
		*v = (int)n;
		return 0;
	}
	why = xasprintf("--%s \"%s\": %ld-%ld | -", opt, s, lo, hi);
	cmd_usage_why(ctx, why);
	free(why);
	return -1;
}

/* An edit's outcome: saved (the new version), or why not (a stale one: who, when, now). */
static int
edit_done(struct cmd_ctx *ctx, const char *what, const char *table, int id, const char *name,
    enum store_rc rc, int now, char *cause)
{
	const char *kind = strcmp(table, "course") == 0 ? "course" : "session";
	char who[64], when[32];

	if (rc == STORE_OK) {
		fprintf(ctx->out, "%s %s (%s %d)\n", what, name, _("version"), now);
		free(cause);
		return CMD_OK;
	}
	if (rc == STORE_STALE) {
		free(cause);
		store_last_change(ctx->db, table, id, who, when);
		if (who[0] == '\0')	/* the audit trail is not this member's to read */
			return cmd_error(ctx, CMD_FAIL, _("training %s edit: %s: someone else changed "
			    "it: now version %d; nothing was saved"), kind, name, now);
		return cmd_error(ctx, CMD_FAIL, _("training %s edit: %s: changed by %s at %s: now "
		    "version %d; nothing was saved"), kind, name, who, when, now);
	}
	return fail(ctx, strcmp(table, "course") == 0 ? "course edit" : "session edit", cause);
}

/* training course edit CODE [--title T] [--category C] [--mandatory yes|no] [--attend N|-]
 * [--pass-mark N|-] [--late-ok yes|no] [--if-version N] */
static int
course_edit(struct cmd_ctx *ctx, const char *code)
{
	struct training_course_rec r;
	char *cause = NULL;
	const char *v;
	int version, rc, now;

	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if ((rc = training_course_get(ctx->db, code, &r, &cause)) != STORE_OK)
		return fail(ctx, "course edit", cause);
	now = r.version;
	if (opt_yes_no(ctx, "mandatory", &r.mandatory) != 0 ||
	    opt_yes_no(ctx, "late-ok", &r.late_counts) != 0 ||
	    opt_number(ctx, "attend", 1, 1000, 0, &r.rule_n) != 0 ||
	    opt_number(ctx, "pass-mark", 0, 100, -1, &r.pass_mark) != 0)
		return CMD_USAGE;
	if ((v = cmd_opt(ctx, "title")) != NULL)
		snprintf(r.title, sizeof r.title, "%s", v);
	if ((v = cmd_opt(ctx, "category")) != NULL)
		snprintf(r.category, sizeof r.category, "%s", v);
	if (version >= 0)
		r.version = version;
	rc = training_course_update(ctx->db, &r, &cause);
	return edit_done(ctx, _("course saved:"), "course", r.id, r.code, rc,
	    rc == STORE_OK ? r.version : now, cause);
}

/* training session edit SESSION [--starts "DATE TIME"] [--place P] [--capacity N|-]
 * [--trainer LOGIN|-] [--if-version N] */
static int
session_edit(struct cmd_ctx *ctx, const char *arg)
{
	struct training_session_rec r;
	char *cause = NULL, name[16];
	const char *v;
	int id, version, rc, now;

	if ((id = session_arg(ctx, arg)) == 0)
		return CMD_USAGE;
	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if ((rc = training_session_get(ctx->db, id, &r, &cause)) != STORE_OK)
		return fail(ctx, "session edit", cause);
	now = r.version;
	if (opt_number(ctx, "capacity", 1, 10000, 0, &r.capacity) != 0)
		return CMD_USAGE;
	if ((v = cmd_opt(ctx, "starts")) != NULL)
		snprintf(r.starts, sizeof r.starts, "%s", v);
	if ((v = cmd_opt(ctx, "place")) != NULL)
		snprintf(r.place, sizeof r.place, "%s", v);
	if ((v = cmd_opt(ctx, "trainer")) != NULL)
		snprintf(r.trainer, sizeof r.trainer, "%s", strcmp(v, "-") == 0 ? "" : v);
	if (version >= 0)
		r.version = version;
	snprintf(name, sizeof name, "%d", id);
	rc = training_session_update(ctx->db, &r, &cause);
	return edit_done(ctx, _("session saved:"), "course_session", id, name, rc,
	    rc == STORE_OK ? r.version : now, cause);
}

int
cmd_training(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum out_format fmt;
	struct out_table *t = NULL;
	char *cause = NULL;
	const char *as_of = NULL, *sub;
	char day[FY_BUFSIZE];
	struct fy_date d;
	int bom, cp932, fy = 0, r;

	cmd_format(ctx, &fmt, &bom, &cp932);
	if ((r = take_fy(ctx, &fy)) < 0)
		return CMD_USAGE;
	if (argc < 2)
		return cmd_usage(ctx, "training");
	sub = argv[1];
	if (strcmp(sub, "courses") == 0 && argc == 2)
		t = training_courses(ctx->db, fmt == OUT_TEXT, &cause);
	else if (strcmp(sub, "categories") == 0 && argc == 2)
		t = training_categories(ctx->db, &cause);
	else if (strcmp(sub, "sessions") == 0 && argc == 2)
		t = training_sessions(ctx->db, fy, &cause);
	else if (strcmp(sub, "transcript") == 0) {
		as_of = cmd_opt(ctx, "as-of");
		if (argc != 3)
			return cmd_usage(ctx, "training");
		if (as_of != NULL) {
			if (fy_date_parse(as_of, &d, &cause) != 0) {
				cmd_error(ctx, CMD_USAGE, "training transcript: --as-of %s", cause);
				free(cause);
				return CMD_USAGE;
			}
			as_of = fy_date_format(&d, FY_DATE_ISO, day, sizeof day);
		}
		t = training_transcript(ctx->db, argv[2], as_of, fmt == OUT_TEXT, &cause);
		if (t != NULL && out_count(t) == 0 && fmt == OUT_TEXT) {
			out_free(t);
			return cmd_error(ctx, CMD_FAIL, "training transcript: %s: %s", argv[2],
			    _("no training records (or none you may see)"));
		}
	} else if (strcmp(sub, "roster") == 0)
		return roster(ctx, argc, argv, fmt, bom);
	else if (strcmp(sub, "report") == 0 && argc == 2)
		return report(ctx, r ? fy : today_fy(), fmt, bom);
	else if (strcmp(sub, "mark") == 0)
		return mark(ctx, argc, argv);
	else if (strcmp(sub, "enrol") == 0 || strcmp(sub, "enroll") == 0)
		return enrol(ctx, argc, argv, 0);
	else if (strcmp(sub, "cancel") == 0)
		return enrol(ctx, argc, argv, 1);
	else if (strcmp(sub, "score") == 0)
		return score(ctx, argc, argv, r ? fy : today_fy());
	else if (strcmp(sub, "dx") == 0)
		return dx(ctx, argc, argv, r ? fy : today_fy());
	else if ((strcmp(sub, "course") == 0 || strcmp(sub, "session") == 0) && argc == 4 &&
	    strcmp(argv[2], "edit") == 0)
		return sub[0] == 'c' ? course_edit(ctx, argv[3]) : session_edit(ctx, argv[3]);
	else if (strcmp(sub, "course") == 0 || strcmp(sub, "session") == 0)
		return add(ctx, argc, argv);
	else if (strcmp(sub, "import") == 0)
		return import(ctx, argc, argv);
	else if (strcmp(sub, "export") == 0)
		return export(ctx, argc, argv, fy, cp932);
	else
		return cmd_usage(ctx, "training");
	if (t == NULL)
		return fail(ctx, sub, cause);
	return print(ctx, t, fmt, bom);
}
