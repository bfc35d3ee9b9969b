/*
 * report — loading the progress report's data, and its Markdown and CSV forms
 * (see report.h). Every string from the database is sanitised on the way out
 * (Markdown), or escaped by the CSV writer.
 */
#include "backend/cmd/report.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/csv.h"
#include "backend/cmd/gantt.h"
#include "backend/lib/i18n.h"
#include "backend/lib/out.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

int
report_load(struct db *db, int fy, int part, struct report *r, char **cause)
{
	memset(r, 0, sizeof *r);
	r->fy = fy;
	r->lang = i18n_lang();
	if (plan_load(db, part, NULL, fy, &r->cat, cause) != 0)
		return -1;
	if (eval_board(db, fy, 0, &r->ev, &r->nev, cause) != 0 ||
	    plan_kpis(db, 0, &r->kpis, &r->nkpis, cause) != 0) {
		report_free(r);
		return -1;
	}
	return 0;
}

void
report_free(struct report *r)
{
	plan_free(&r->cat);
	if (r->ev != NULL)
		eval_board_free(r->ev, r->nev);
	if (r->kpis != NULL)
		plan_kpis_free(r->kpis, r->nkpis);
	r->ev = NULL;
	r->kpis = NULL;
}

char *
report_title(const struct report *r)
{
	char b[FY_BUFSIZE];

	return xasprintf("%s %s %s", plan_tr("Fujimino City Digital Strategy Plan"),
	    plan_tr("Progress report"), fy_format(r->fy, r->lang, b, sizeof b));
}

char *
report_part_heading(int part_id, const char *title)
{
	if (strncmp(title, "第", strlen("第")) == 0)
		return xstrdup(title);
	return xasprintf(plan_tr("Part %d: %s"), part_id, title);
}

const struct plan_eval *
report_eval(const struct report *r, int measure_id)
{
	int i;

	for (i = 0; i < r->nev; i++)
		if (r->ev[i].measure_id == measure_id)
			return &r->ev[i];
	return NULL;
}

char *
report_kpi_line(const struct plan_kpi *k, int fy)
{
	const char *a = k->actual[fy - PLAN_FY_FIRST], *t = k->target[fy - PLAN_FY_FIRST];
	double av, tv;

	if (a != NULL && t != NULL && (tv = strtod(t, NULL)) != 0 && (av = strtod(a, NULL)) != 0) {
		double rate = k->higher_is_better ? av / tv * 100 : tv / av * 100;

		return xasprintf("%s %s / %s %s %s (%.1f%%)", plan_tr("actual"), a, plan_tr("target"),
		    t, k->unit, rate);
	}
	return xasprintf("%s %s / %s %s %s", plan_tr("actual"), a ? a : "-", plan_tr("target"),
	    t ? t : "-", k->unit);
}

/* Sanitised text with Markdown table metacharacters neutralised. */
static void
md_cell(FILE *f, const char *s)
{
	char *clean = text_sanitize(s != NULL && *s != '\0' ? s : "-"), *p;

	for (p = clean; *p != '\0'; p++) {
		if (*p == '|')
			fputs("\\|", f);
		else
			fputc(*p, f);
	}
	free(clean);
}

/* A paragraph: each source line sanitised, as a Markdown quote-free block. */
static void
md_para(FILE *f, const char *label, const char *s)
{
	char **lines;
	int n, i;

	fprintf(f, "- **%s**: ", label);
	n = text_wrap(s != NULL ? s : "-", 1000, &lines);
	for (i = 0; i < n; i++) {
		if (i > 0)
			fputs("  \n  ", f);
		md_cell(f, lines[i]);
	}
	if (n == 0)
		fputc('-', f);
	fputc('\n', f);
	text_wrap_free(lines, n);
}

static void
md_measure(const struct report *r, const struct plan_measure *m, FILE *f)
{
	const struct plan_eval *e = report_eval(r, m->id);
	const char *ph = plan_phase_in(&r->cat, m->id, r->fy);
	char *line;
	int i, any = 0;

	fprintf(f, "\n### %s ", m->code);
	md_cell(f, m->name);
	fprintf(f, "\n\n| %s | %s |\n|---|---|\n", plan_tr("Item"), plan_tr("Content"));
	fprintf(f, "| %s | %s |\n", plan_tr("Status"), plan_status_label(m->status));
	fprintf(f, "| %s | ", plan_tr("Phase this year"));
	md_cell(f, ph);
	fprintf(f, " |\n| %s | ", plan_tr("Departments"));
	md_cell(f, m->depts);
	fputs(" |\n", f);
	for (i = 0; i < r->nkpis; i++) {
		if (r->kpis[i].measure_id != m->id)
			continue;
		line = report_kpi_line(&r->kpis[i], r->fy);
		fprintf(f, "| %s: ", plan_tr("KPI"));
		md_cell(f, r->kpis[i].name);
		fputs(" | ", f);
		md_cell(f, line);
		free(line);
		if ((line = plan_kpi_provenance(&r->kpis[i], r->fy)) != NULL) {
			fputs(" (", f);
			md_cell(f, line);
			fputc(')', f);
			free(line);
		}
		fputs(" |\n", f);
		any = 1;
	}
	if (!any)
		fprintf(f, "| %s | - |\n", plan_tr("KPI"));
	fputc('\n', f);
	if (e == NULL || e->id == 0) {
		fprintf(f, "%s\n", plan_tr("no evaluation yet"));
		return;
	}
	fprintf(f, "**%s: %s**\n\n", plan_tr("1st evaluation grade"),
	    e->e1_at != NULL ? e->e1_grade : plan_tr("not submitted"));
	md_para(f, plan_tr("Achievements"), e->e1_achievements);
	md_para(f, plan_tr("Issues"), e->e1_issues);
	md_para(f, plan_tr("Next steps"), e->e1_next);
	fprintf(f, "\n**%s**\n\n", plan_tr("CIO adviser's comment"));
	md_para(f, plan_tr("Comment"), e->cio_comment);
	fprintf(f, "\n**%s: %s**\n\n", plan_tr("2nd evaluation grade"),
	    e->e2_at != NULL ? e->e2_grade : plan_tr("not submitted"));
	md_para(f, plan_tr("Findings"), e->e2_findings);
	md_para(f, plan_tr("Instruction"), e->e2_instruction);
	fprintf(f, "\n%s: %s (%s %d)\n", plan_tr("Published"),
	    e->published_at != NULL ? e->published_at : plan_tr("not published"),
	    plan_tr("Rev."), e->revision);
}

int
report_md(const struct report *r, FILE *f)
{
	struct gantt_opts o;
	char *s, **lines, datebuf[FY_BUFSIZE];
	int i, n, part = -1;

	s = report_title(r);
	fputs("# ", f);
	out_text(f, s);
	free(s);
	fy_date_format(&r->today, FY_DATE_ISO, datebuf, sizeof datebuf);
	fprintf(f, "\n\n%s: %s\n\n## %s\n\n", plan_tr("Date"), datebuf, plan_tr("Contents"));
	for (i = 0; i < r->cat.nmeasures; i++) {
		const struct plan_measure *m = &r->cat.measures[i];

		if (m->part_id != part) {
			part = m->part_id;
			s = report_part_heading(m->part_id, m->part_title);
			fputs("- ", f);
			md_cell(f, s);
			fputc('\n', f);
			free(s);
		}
		fprintf(f, "  - %s ", m->code);
		md_cell(f, m->name);
		fputc('\n', f);
	}
	fprintf(f, "- %s\n", plan_tr("Schedule"));
	part = -1;
	for (i = 0; i < r->cat.nmeasures; i++) {
		const struct plan_measure *m = &r->cat.measures[i];

		if (m->part_id != part) {
			part = m->part_id;
			s = report_part_heading(m->part_id, m->part_title);
			fputs("\n## ", f);
			md_cell(f, s);
			fputc('\n', f);
			free(s);
		}
		md_measure(r, m, f);
	}
	memset(&o, 0, sizeof o);
	o.width = 100;
	o.fy_first = PLAN_FY_FIRST;
	o.fy_last = PLAN_FY_LAST;
	o.legend = 1;
	o.lang = r->lang;
	o.today = r->today;
	n = gantt_text(&r->cat, &o, &lines);
	fprintf(f, "\n## %s\n\n```text\n", plan_tr("Schedule"));
	for (i = 0; i < n; i++) {
		out_text(f, lines[i]);
		fputc('\n', f);
	}
	fputs("```\n", f);
	gantt_free(lines, n);
	return ferror(f) ? -1 : 0;
}

struct out_table *
report_csv(const struct report *r)
{
	static const char *const keys[] = { "part", "code", "measure", "status", "phase",
		"departments", "kpi", "e1_grade", "e1_achievements", "e1_issues", "e1_next",
		"cio_comment", "e2_grade", "e2_findings", "e2_instruction", "published", "revision" };
	struct out_table *t = out_new(17, keys, keys);
	char rev[16], *kpi;
	int i, j;

	for (i = 0; i < r->cat.nmeasures; i++) {
		const struct plan_measure *m = &r->cat.measures[i];
		const struct plan_eval *e = report_eval(r, m->id);
		const char *ph = plan_phase_in(&r->cat, m->id, r->fy);
		char *part = report_part_heading(m->part_id, m->part_title);

		kpi = xstrdup("");
		for (j = 0; j < r->nkpis; j++) {
			char *line, *nk, *how;

			if (r->kpis[j].measure_id != m->id)
				continue;
			line = report_kpi_line(&r->kpis[j], r->fy);
			how = plan_kpi_provenance(&r->kpis[j], r->fy);
			nk = xasprintf("%s%s%s: %s%s%s%s", kpi, kpi[0] ? "; " : "", r->kpis[j].name,
			    line, how != NULL ? " (" : "", how != NULL ? how : "", how != NULL ? ")" : "");
			free(kpi);
			free(line);
			free(how);
			kpi = nk;
		}
		snprintf(rev, sizeof rev, "%d", e != NULL ? e->revision : 0);
		out_rowf(t, part, m->code, m->name, m->status, ph, m->depts, kpi,
		    e && e->e1_at ? e->e1_grade : NULL, e ? e->e1_achievements : NULL,
		    e ? e->e1_issues : NULL, e ? e->e1_next : NULL, e ? e->cio_comment : NULL,
		    e && e->e2_at ? e->e2_grade : NULL, e ? e->e2_findings : NULL,
		    e ? e->e2_instruction : NULL, e ? e->published_at : NULL,
		    e && e->id ? rev : NULL);
		free(kpi);
		free(part);
	}
	return t;
}
