/*
 * cmd_plan — `measures list|show|set` and `schedule show`: the plan's catalogue and its
 * Gantt as text. Reads and writes go through store_plan; the policies decide.
 */
#include "backend/cmd/cmd_plan.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/cmd/cmd.h"
#include "backend/cmd/gantt.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_plan.h"
#include "backend/lib/today.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

int
plan_fy(struct cmd_ctx *ctx, const char *s, int *fy)
{
	char *cause = NULL;

	if (fy_parse(s, PLAN_FY_FIRST, 2032, fy, &cause) != 0) {
		cmd_error(ctx, CMD_USAGE, "--fy: %s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

void
plan_today(struct fy_date *d)
{
	today_date(d);
}

int
plan_fy_now(void)
{
	struct fy_date d;
	int fy;

	plan_today(&d);
	fy = fy_of_date(d.year, d.month, d.day);
	return fy < PLAN_FY_FIRST ? PLAN_FY_FIRST : fy > 2032 ? 2032 : fy;
}

int
plan_measure_arg(struct cmd_ctx *ctx, const char *ref, int *id)
{
	char *cause = NULL;

	if (plan_measure_ref(ctx->db, ref, id, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "%s", cause);
		free(cause);
		return -1;
	}
	return 0;
}

static int
measures_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "id", "code", "part", "name", "status", "phase",
		"departments", "e1_grade", "e2_grade" };
	const char *titles[] = { "ID", plan_tr("No."), plan_tr("Part"), plan_tr("Measure"),
		plan_tr("Status"), plan_tr("Phase"), plan_tr("Departments"), plan_tr("1st"),
		plan_tr("2nd") };
	const char *part_s = NULL, *status_s = NULL, *fy_s = NULL, *status = NULL;
	struct plan_catalogue c;
	struct out_table *t;
	enum out_format fmt;
	char *cause = NULL, idb[16], partb[16];
	int bom, part = 0, fy = plan_fy_now(), i;

	(void)argv;
	cmd_format(ctx, &fmt, &bom, NULL);
	part_s = cmd_opt(ctx, "part");
	status_s = cmd_opt(ctx, "status");
	fy_s = cmd_opt(ctx, "fy");
	if (argc > 2)
		return cmd_usage(ctx, "measures");
	if (part_s != NULL && ((part = atoi(part_s)) < 1 || part > 9))
		return cmd_error(ctx, CMD_USAGE, "--part: %s: %s", part_s, plan_tr("a part number 1-9"));
	if (status_s != NULL && (status = plan_status_parse(status_s)) == NULL)
		return cmd_error(ctx, CMD_USAGE, "--status: %s: %s", status_s,
		    plan_tr("one of not_started, studying, in_progress, done, reviewing"));
	if (fy_s != NULL && plan_fy(ctx, fy_s, &fy) != 0)
		return CMD_USAGE;
	if (plan_load(ctx->db, part, status, fy, &c, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "measures: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(9, titles, keys);
	out_right(t, 0);
	for (i = 0; i < c.nmeasures; i++) {
		const struct plan_measure *m = &c.measures[i];
		const char *ph = plan_phase_in(&c, m->id, fy);

		snprintf(idb, sizeof idb, "%d", m->id);
		snprintf(partb, sizeof partb, "%d", m->part_id);
		out_rowf(t, idb, m->code, partb, m->name,
		    fmt == OUT_TEXT ? plan_status_label(m->status) : m->status,
		    ph != NULL ? ph : (fmt == OUT_TEXT ? "-" : NULL), m->depts,
		    m->e1_grade != NULL ? m->e1_grade : (fmt == OUT_TEXT ? "-" : NULL),
		    m->e2_grade != NULL ? m->e2_grade : (fmt == OUT_TEXT ? "-" : NULL));
	}
	plan_free(&c);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

/* Print text wrapped to width with an indent, sanitised (text_wrap sanitises). */
static void
put_wrapped(FILE *f, const char *s, int width, const char *indent)
{
	char **lines;
	int n, i;

	n = text_wrap(s, width - text_width(indent), &lines);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s\n", indent, lines[i]);
	if (n == 0)
		fprintf(f, "%s-\n", indent);
	text_wrap_free(lines, n);
}

static void
show_text(FILE *f, const char *title, const char *now, const char *orig, int width)
{
	fprintf(f, "\n%s\n", title);
	put_wrapped(f, now, width, "  ");
	if (orig != NULL && strcmp(orig, now) != 0) {
		fprintf(f, "  [%s]\n", plan_tr("as originally planned"));
		put_wrapped(f, orig, width, "    ");
	}
}

static int
measures_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *width_s = NULL, *fy_s = NULL, *ph;
	struct plan_catalogue c;
	struct plan_measure m;
	struct plan_kpi *k;
	char *cause = NULL, a[FY_BUFSIZE], b[FY_BUFSIZE], *line;
	int id, width = 80, fy = plan_fy_now(), i, nk, j;

	width_s = cmd_opt(ctx, "width");
	fy_s = cmd_opt(ctx, "fy");
	if (argc != 3)
		return cmd_usage(ctx, "measures");
	if (width_s != NULL && ((width = atoi(width_s)) < 20 || width > 1000))
		return cmd_error(ctx, CMD_USAGE, "--width: %s: %s", width_s, plan_tr("20-1000 columns"));
	if (fy_s != NULL && plan_fy(ctx, fy_s, &fy) != 0)
		return CMD_USAGE;
	if (plan_measure_arg(ctx, argv[2], &id) != 0)
		return CMD_FAIL;
	if (plan_measure_get(ctx->db, id, fy, &m, &cause) != 0 ||
	    plan_load(ctx->db, m.part_id, NULL, fy, &c, &cause) != 0) {
		plan_measure_clear(&m);
		cmd_error(ctx, CMD_FAIL, "measures show: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	line = xasprintf("%s %s", m.code, m.name);
	put_wrapped(ctx->out, line, width, "");
	free(line);
	if (m.orig_name != NULL && strcmp(m.orig_name, m.name) != 0) {
		line = xasprintf("[%s] %s", plan_tr("as originally planned"), m.orig_name);
		put_wrapped(ctx->out, line, width, "  ");
		free(line);
	} else if (m.orig_name == NULL && m.added_fy != 0)
		put_wrapped(ctx->out, plan_added_label(m.added_fy, a, sizeof a), width, "  ");
	line = xasprintf("%s: %s", plan_tr("Part"), m.part_title);
	put_wrapped(ctx->out, line, width, "");
	free(line);
	ph = plan_phase_in(&c, m.id, fy);
	line = xasprintf("%s: %s  %s(%s): %s  %s: %s  %s: %s  %s: %d", plan_tr("Status"),
	    plan_status_label(m.status), plan_tr("Phase"), fy_format(fy, i18n_lang(), a, sizeof a),
	    ph != NULL ? ph : "-", plan_tr("1st"), m.e1_grade ? m.e1_grade : "-", plan_tr("2nd"),
	    m.e2_grade ? m.e2_grade : "-", plan_tr("version"), m.version);
	put_wrapped(ctx->out, line, width, "");
	free(line);
	line = xasprintf("%s: %s", plan_tr("Departments"), m.depts[0] ? m.depts : "-");
	put_wrapped(ctx->out, line, width, "");
	free(line);
	show_text(ctx->out, plan_tr("Goal"), m.goal, m.orig_goal, width);
	show_text(ctx->out, plan_tr("Overview"), m.overview, m.orig_overview, width);

	fprintf(ctx->out, "\n%s\n", plan_tr("Actions"));
	for (i = 0; i < c.nactions; i++)
		if (c.actions[i].measure_id == m.id) {
			line = xasprintf("(%d) %s [%s]%s%s", c.actions[i].seq, c.actions[i].title,
			    plan_status_label(c.actions[i].status), c.actions[i].added_fy ? " " : "",
			    c.actions[i].added_fy ? plan_added_label(c.actions[i].added_fy, a,
			    sizeof a) : "");
			put_wrapped(ctx->out, line, width, "  ");
			free(line);
		}
	fprintf(ctx->out, "\n%s\n", plan_tr("Schedule"));
	for (i = 0; i < c.nphases; i++)
		if (c.phases[i].measure_id == m.id) {
			line = xasprintf("%s %s〜%s", c.phases[i].phase,
			    fy_format(c.phases[i].fy_from, i18n_lang(), a, sizeof a),
			    fy_format(c.phases[i].fy_to, i18n_lang(), b, sizeof b));
			put_wrapped(ctx->out, line, width, "  ");
			free(line);
		}
	if (plan_kpis(ctx->db, m.id, &k, &nk, &cause) == 0) {
		fprintf(ctx->out, "\n%s\n", plan_tr("KPIs"));
		for (i = 0; i < nk; i++) {
			j = fy - PLAN_FY_FIRST;
			line = xasprintf("%s (%s): %s %s / %s %s", k[i].name,
			    fy_format(fy, i18n_lang(), a, sizeof a), plan_tr("actual"),
			    k[i].actual[j] ? k[i].actual[j] : "-", plan_tr("target"),
			    k[i].target[j] ? k[i].target[j] : "-");
			put_wrapped(ctx->out, line, width, "  ");
			free(line);
		}
		plan_kpis_free(k, nk);
	} else
		free(cause);
	plan_free(&c);
	plan_measure_clear(&m);
	return CMD_OK;
}

static int
measures_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *status_s = NULL, *version_s = NULL, *status;
	char *cause = NULL;
	int id, version = 0;

	status_s = cmd_opt(ctx, "status");
	version_s = cmd_opt(ctx, "version");
	if (argc != 3 || status_s == NULL)
		return cmd_usage(ctx, "measures");
	if ((status = plan_status_parse(status_s)) == NULL)
		return cmd_error(ctx, CMD_USAGE, "--status: %s: %s", status_s,
		    plan_tr("one of not_started, studying, in_progress, done, reviewing"));
	if (version_s != NULL && (version = atoi(version_s)) < 1)
		return cmd_error(ctx, CMD_USAGE, "--version: %s: %s", version_s,
		    plan_tr("a version number as read"));
	if (plan_measure_arg(ctx, argv[2], &id) != 0)
		return CMD_FAIL;
	if (plan_measure_set_status(ctx->db, id, status, version, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "measures set %s: %s", argv[2], cause);
		free(cause);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "%s %s: %s\n", plan_tr("updated"), argv[2], plan_status_label(status));
	return CMD_OK;
}

int
cmd_measures(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return measures_list(ctx, argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return measures_show(ctx, argc, argv);
	if (strcmp(argv[1], "set") == 0)
		return measures_set(ctx, argc, argv);
	if (strcmp(argv[1], "add") == 0 || strcmp(argv[1], "add-action") == 0)
		return plan_cmd_add(ctx, argc, argv);
	return cmd_usage(ctx, "measures");
}

int
cmd_schedule(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *fy_s = NULL, *width_s = NULL, *part_s = NULL;
	struct gantt_opts o;
	struct plan_catalogue c;
	char *cause = NULL, **lines;
	int months, actions, fy = plan_fy_now(), n, i, part = 0;

	if (argc >= 2 && strcmp(argv[1], "show") != 0)
		return cmd_usage(ctx, "schedule");
	months = cmd_flag(ctx, "months");
	actions = cmd_flag(ctx, "actions");
	fy_s = cmd_opt(ctx, "fy");
	width_s = cmd_opt(ctx, "width");
	part_s = cmd_opt(ctx, "part");
	if (argc > 2)
		return cmd_usage(ctx, "schedule");
	if (fy_s != NULL && plan_fy(ctx, fy_s, &fy) != 0)
		return CMD_USAGE;
	memset(&o, 0, sizeof o);
	o.width = 80;
	if (width_s != NULL && ((o.width = atoi(width_s)) < GANTT_MIN_WIDTH || o.width > 1000))
		return cmd_error(ctx, CMD_USAGE, "--width: %s: %s", width_s, plan_tr("40-1000 columns"));
	if (part_s != NULL && ((part = atoi(part_s)) < 1 || part > 9))
		return cmd_error(ctx, CMD_USAGE, "--part: %s: %s", part_s, plan_tr("a part number 1-9"));
	o.fy_first = PLAN_FY_FIRST;
	o.fy_last = PLAN_FY_LAST;
	o.months_fy = months ? fy : 0;
	o.actions = actions;
	o.legend = 1;
	o.lang = i18n_lang();
	plan_today(&o.today);
	if (plan_load(ctx->db, part, NULL, fy, &c, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "schedule: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	n = gantt_text(&c, &o, &lines);
	for (i = 0; i < n; i++) {
		out_text(ctx->out, lines[i]);
		fputc('\n', ctx->out);
	}
	gantt_free(lines, n);
	plan_free(&c);
	return CMD_OK;
}
