/*
 * report_pdf — the progress report typeset as an A4 PDF with cairo and pango in
 * Noto Sans CJK JP: a title page with the table of contents, a section per part and
 * measure, the schedule as a drawn Gantt, a page number on every page. It is laid out
 * twice: the first pass (output discarded) finds the page of every contents entry,
 * the second draws. Text is set with pango_layout_set_text (never markup) after the
 * sanitiser, and broken into lines by pango, which knows Japanese line breaking.
 */
#include "backend/cmd/report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/gantt.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

#define PAGE_W	595.28	/* A4 in points */
#define PAGE_H	841.89
#define MARGIN	56.0
#define BOTTOM	(PAGE_H - MARGIN - 20)
#define FONT	"Noto Sans CJK JP"
#define TOC_MAX	256

struct pdf {
	cairo_surface_t	*surface;
	cairo_t		*cr;
	int		 draw;		/* second pass */
	int		 measuring;	/* laying out only to measure: no pages shown */
	int		 page;		/* current page, from 1 */
	double		 y;
	int		 ntoc;
	int		 toc_page[TOC_MAX];	/* page of each contents entry (first pass) */
};

#ifdef __SANITIZE_ADDRESS__
/*
 * Debian 12's cairo 1.16 keeps two small arrays from finishing a PDF surface (font
 * subsetting) that no public call frees; tell LeakSanitizer that these are cairo's.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\n";
}

const char *__lsan_default_options(void);
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

/* Sanitised line by line, the line breaks kept for pango. */
static char *
clean_lines(const char *text)
{
	char *out = xstrdup(""), *tmp, *line, *part;
	const char *p = text, *nl;

	do {
		nl = strchr(p, '\n');
		line = nl != NULL ? xstrndup(p, (size_t)(nl - p)) : xstrdup(p);
		part = text_sanitize(line);
		tmp = xasprintf("%s%s%s", out, p == text ? "" : "\n", part);
		free(out);
		free(part);
		free(line);
		out = tmp;
		p = nl != NULL ? nl + 1 : NULL;
	} while (p != NULL);
	return out;
}

static cairo_status_t
discard(void *closure, const unsigned char *data, unsigned int len)
{
	(void)closure;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
to_file(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

static PangoLayout *
layout(struct pdf *p, const char *text, double size, int bold, double width)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	char *clean = clean_lines(text != NULL ? text : "");

	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, clean, -1);
	free(clean);
	return l;
}

static void
footer(struct pdf *p)
{
	PangoLayout *l;
	char num[32];
	int w, h;

	if (!p->draw)
		return;
	snprintf(num, sizeof num, "- %d -", p->page);
	l = layout(p, num, 9, 0, 0);
	pango_layout_get_pixel_size(l, &w, &h);
	cairo_set_source_rgb(p->cr, 0.3, 0.3, 0.3);
	cairo_move_to(p->cr, (PAGE_W - w) / 2, PAGE_H - MARGIN + 4);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static void
new_page(struct pdf *p)
{
	if (p->measuring) {
		p->page++;
		p->y = MARGIN;
		return;
	}
	footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = MARGIN;
}

/* Set text at x with width, line by line, breaking pages between lines. */
static void
text_at(struct pdf *p, double x, const char *text, double size, int bold, double width)
{
	PangoLayout *l = layout(p, text, size, bold, width);
	PangoLayoutIter *it = pango_layout_get_iter(l);

	do {
		PangoRectangle logical;
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		double h, base;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		h = (double)logical.height / PANGO_SCALE;
		base = (double)(pango_layout_iter_get_baseline(it) - logical.y) / PANGO_SCALE;
		if (p->y + h > BOTTOM)
			new_page(p);
		if (p->draw) {
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			cairo_move_to(p->cr, x, p->y + base);
			pango_cairo_show_layout_line(p->cr, line);
		}
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

static void
para(struct pdf *p, const char *text, double size, int bold)
{
	text_at(p, MARGIN, text, size, bold, PAGE_W - 2 * MARGIN);
}

/* "label: value" as a hanging paragraph. */
static void
field(struct pdf *p, const char *label, const char *value)
{
	double y0;

	if (p->y + 14 > BOTTOM)
		new_page(p);
	y0 = p->y;
	text_at(p, MARGIN + 8, label, 9.5, 1, 110);
	p->y = y0;
	text_at(p, MARGIN + 124, value != NULL && *value != '\0' ? value : "-", 9.5, 0,
	    PAGE_W - 2 * MARGIN - 124);
	p->y += 2;
}

static void
toc_mark(struct pdf *p)
{
	if (p->measuring)
		return;
	if (p->ntoc < TOC_MAX && !p->draw)
		p->toc_page[p->ntoc] = p->page;
	p->ntoc++;
}

/* A contents line: text on the left, its page on the right. */
static void
toc_line(struct pdf *p, const char *text, double indent, int page, int bold)
{
	PangoLayout *l;
	char num[16];
	double y0 = p->y;
	int w, h;

	text_at(p, MARGIN + indent, text, 10.5, bold, PAGE_W - 2 * MARGIN - indent - 40);
	snprintf(num, sizeof num, "%d", page);
	l = layout(p, num, 10.5, bold, 0);
	pango_layout_get_pixel_size(l, &w, &h);
	if (p->draw && p->y > y0) {
		cairo_move_to(p->cr, PAGE_W - MARGIN - w, y0);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	p->y += 3;
}

static void
title_page(const struct report *r, struct pdf *p)
{
	char *s, datebuf[FY_BUFSIZE];
	int i, part = -1, k = 0;

	p->y = MARGIN + 40;
	s = report_title(r);
	para(p, s, 20, 1);
	free(s);
	p->y += 8;
	fy_date_format(&r->today, r->lang[0] == 'j' ? FY_DATE_JA : FY_DATE_ISO, datebuf,
	    sizeof datebuf);
	s = xasprintf("%s: %s", plan_tr("Date"), datebuf);
	para(p, s, 11, 0);
	free(s);
	p->y += 30;
	para(p, plan_tr("Contents"), 15, 1);
	p->y += 8;
	for (i = 0; i < r->cat.nmeasures; i++) {
		const struct plan_measure *m = &r->cat.measures[i];

		if (m->part_id != part) {
			part = m->part_id;
			s = report_part_heading(m->part_id, m->part_title);
			toc_line(p, s, 0, k < TOC_MAX ? p->toc_page[k] : 0, 1);
			k++;
			free(s);
		}
		s = xasprintf("%s %s", m->code, m->name);
		toc_line(p, s, 16, k < TOC_MAX ? p->toc_page[k] : 0, 0);
		k++;
		free(s);
	}
	toc_line(p, plan_tr("Schedule"), 0, k < TOC_MAX ? p->toc_page[k] : 0, 1);
}

static void
measure_block(const struct report *r, struct pdf *p, const struct plan_measure *m)
{
	const struct plan_eval *e = report_eval(r, m->id);
	const char *ph = plan_phase_in(&r->cat, m->id, r->fy);
	char *s;
	int i;

	p->y += 10;
	toc_mark(p);
	s = xasprintf("%s %s", m->code, m->name);
	para(p, s, 13, 1);
	free(s);
	p->y += 4;
	field(p, plan_tr("Status"), plan_status_label(m->status));
	field(p, plan_tr("Phase this year"), ph);
	field(p, plan_tr("Departments"), m->depts);
	for (i = 0; i < r->nkpis; i++)
		if (r->kpis[i].measure_id == m->id) {
			char *line = report_kpi_line(&r->kpis[i], r->fy);
			char *how = plan_kpi_provenance(&r->kpis[i], r->fy);

			s = xasprintf("%s\n%s%s%s", r->kpis[i].name, line, how != NULL ? "\n" : "",
			    how != NULL ? how : "");
			field(p, plan_tr("KPI"), s);
			free(s);
			free(line);
			free(how);
		}
	if (e == NULL || e->id == 0) {
		field(p, plan_tr("1st evaluation grade"), plan_tr("no evaluation yet"));
		return;
	}
	field(p, plan_tr("1st evaluation grade"), e->e1_at != NULL ? e->e1_grade :
	    plan_tr("not submitted"));
	field(p, plan_tr("Achievements"), e->e1_achievements);
	field(p, plan_tr("Issues"), e->e1_issues);
	field(p, plan_tr("Next steps"), e->e1_next);
	field(p, plan_tr("CIO adviser's comment"), e->cio_comment);
	field(p, plan_tr("2nd evaluation grade"), e->e2_at != NULL ? e->e2_grade :
	    plan_tr("not submitted"));
	field(p, plan_tr("Findings"), e->e2_findings);
	field(p, plan_tr("Instruction"), e->e2_instruction);
	field(p, plan_tr("Published"), e->published_at != NULL ? e->published_at :
	    plan_tr("not published"));
}

/* The height of measure m's block laid out from the top of a page; -1 when it takes more than a page. */
static double
measure_height(const struct report *r, struct pdf *p, const struct plan_measure *m)
{
	struct pdf save = *p;
	double h;

	p->measuring = 1;
	p->draw = 0;
	p->page = 0;
	p->y = MARGIN;
	measure_block(r, p, m);
	h = p->page == 0 ? p->y - MARGIN : -1;
	*p = save;
	return h;
}

/*
 * A measure's block kept on one page: when what is left of this page cannot hold it
 * (and a page can), it starts on the next, so no row of it stands alone over there.
 */
static void
measure_section(const struct report *r, struct pdf *p, const struct plan_measure *m)
{
	double h = measure_height(r, p, m);

	if ((h >= 0 && p->y + h > BOTTOM) || (h < 0 && p->y + 80 > BOTTOM))
		new_page(p);
	measure_block(r, p, m);
}

static const double colours[][3] = {
	{ 0.33, 0.55, 0.85 }, { 0.95, 0.75, 0.35 }, { 0.45, 0.75, 0.50 }, { 0.80, 0.55, 0.75 },
	{ 0.60, 0.60, 0.60 }, { 0.90, 0.50, 0.45 }, { 0.55, 0.80, 0.85 }, { 0.75, 0.70, 0.45 },
};

static void
gantt_bar(const struct report *r, struct pdf *p, const struct plan_phase *ph, double x0,
    double colw, double y, double h)
{
	int idx = gantt_phase_index(&r->cat, ph->phase);
	const double *c = colours[(size_t)idx % nitems(colours)];
	int mf = ph->month_from ? (ph->month_from + 8) % 12 : 0;
	int mt = ph->month_to ? (ph->month_to + 8) % 12 : 11;
	double bx0 = x0 + (ph->fy_from - PLAN_FY_FIRST) * colw + mf * colw / 12;
	double bx1 = x0 + (ph->fy_to - PLAN_FY_FIRST) * colw + (mt + 1) * colw / 12;
	double maxx = x0 + (PLAN_FY_LAST - PLAN_FY_FIRST + 1) * colw;
	PangoLayout *l;
	int w, th;

	if (bx1 > maxx)
		bx1 = maxx;
	if (bx1 <= bx0 || !p->draw)
		return;
	cairo_set_source_rgb(p->cr, c[0], c[1], c[2]);
	cairo_rectangle(p->cr, bx0 + 1, y + 3, bx1 - bx0 - 2, h - 6);
	cairo_fill(p->cr);
	l = layout(p, ph->phase, 7.5, 0, 0);
	pango_layout_get_pixel_size(l, &w, &th);
	if (w <= bx1 - bx0 - 4) {
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_move_to(p->cr, (bx0 + bx1 - w) / 2, y + (h - th) / 2);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
}

/* The year separators and today's line over the rows drawn on this page, from top to p->y. */
static void
gantt_lines(const struct report *r, struct pdf *p, double x0, double colw, double top)
{
	const int ncol = PLAN_FY_LAST - PLAN_FY_FIRST + 1;
	int j;

	if (!p->draw)
		return;
	cairo_set_source_rgb(p->cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(p->cr, 0.5);
	for (j = 0; j <= ncol; j++) {
		cairo_move_to(p->cr, x0 + j * colw, top);
		cairo_line_to(p->cr, x0 + j * colw, p->y);
	}
	cairo_stroke(p->cr);
	if (r->today.year != 0) {
		int fy = fy_of_date(r->today.year, r->today.month, r->today.day);
		double tx = x0 + (fy - PLAN_FY_FIRST) * colw +
		    ((r->today.month + 8) % 12) * colw / 12 + (r->today.day - 1) * colw / 372;
		double dash[] = { 3, 2 };

		if (fy >= PLAN_FY_FIRST && fy <= PLAN_FY_LAST) {
			cairo_set_source_rgb(p->cr, 0.85, 0.1, 0.1);
			cairo_set_line_width(p->cr, 1);
			cairo_set_dash(p->cr, dash, 2, 0);
			cairo_move_to(p->cr, tx, top);
			cairo_line_to(p->cr, tx, p->y);
			cairo_stroke(p->cr);
			cairo_set_dash(p->cr, NULL, 0, 0);
		}
	}
}

/* One entry of the legend at x: a swatch (colour c, or today's dashed line) and its name; the x after it. */
static double
legend_entry(struct pdf *p, double x, const double *c, const char *name)
{
	PangoLayout *l = layout(p, name, 8.5, 0, 0);
	int w, h;
	double dash[] = { 3, 2 };

	pango_layout_get_pixel_size(l, &w, &h);
	if (x > MARGIN && x + 22 + w > PAGE_W - MARGIN) {	/* wrap to the next line */
		x = MARGIN;
		p->y += h + 4;
	}
	if (p->y + h > BOTTOM)
		new_page(p);
	if (p->draw) {
		if (c != NULL) {
			cairo_set_source_rgb(p->cr, c[0], c[1], c[2]);
			cairo_rectangle(p->cr, x, p->y + 2, 16, h - 4);
			cairo_fill(p->cr);
		} else {
			cairo_set_source_rgb(p->cr, 0.85, 0.1, 0.1);
			cairo_set_line_width(p->cr, 1);
			cairo_set_dash(p->cr, dash, 2, 0);
			cairo_move_to(p->cr, x + 8, p->y);
			cairo_line_to(p->cr, x + 8, p->y + h);
			cairo_stroke(p->cr);
			cairo_set_dash(p->cr, NULL, 0, 0);
		}
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		cairo_move_to(p->cr, x + 20, p->y);
		pango_cairo_show_layout(p->cr, l);
	}
	g_object_unref(l);
	return x + 20 + w + 14;
}

/* The legend: each phase's colour with its name (bars too short for their name carry none), and today's line. */
static void
gantt_legend(const struct report *r, struct pdf *p)
{
	char datebuf[FY_BUFSIZE], *s;
	double x;
	int i, j;

	para(p, plan_tr("Legend:"), 9, 1);
	p->y += 2;
	x = MARGIN;
	for (i = 0; i < r->cat.nphases; i++) {
		const char *name = r->cat.phases[i].phase;

		for (j = 0; j < i; j++)
			if (strcmp(r->cat.phases[j].phase, name) == 0)
				break;
		if (j < i)
			continue;	/* named already */
		x = legend_entry(p, x, colours[(size_t)gantt_phase_index(&r->cat, name) %
		    nitems(colours)], name);
	}
	fy_date_format(&r->today, FY_DATE_ISO, datebuf, sizeof datebuf);
	s = xasprintf("%s: %s (%s)", plan_tr("today"), datebuf, plan_tr("dashed red line"));
	legend_entry(p, x, NULL, s);
	free(s);
	p->y += 16;
}

static void
gantt_page(const struct report *r, struct pdf *p)
{
	const double label_w = 170, rowh = 20;
	const int ncol = PLAN_FY_LAST - PLAN_FY_FIRST + 1;
	double x0 = MARGIN + label_w, colw = (PAGE_W - 2 * MARGIN - label_w) / ncol, top;
	char buf[FY_BUFSIZE];
	int i, j;

	new_page(p);
	toc_mark(p);
	para(p, plan_tr("Schedule"), 15, 1);
	p->y += 8;
	top = p->y;
	for (j = 0; j < ncol; j++) {
		double y0 = p->y;

		fy_format(PLAN_FY_FIRST + j, r->lang, buf, sizeof buf);
		text_at(p, x0 + j * colw + 4, buf, 8.5, 1, colw - 6);
		if (j < ncol - 1)
			p->y = y0;
	}
	p->y += 4;
	for (i = 0; i < r->cat.nmeasures; i++) {
		const struct plan_measure *m = &r->cat.measures[i];
		char *s = xasprintf("%s %s", m->code, m->name);
		PangoLayout *lab = layout(p, s, 8, 0, label_w - 4);
		double h;
		int own = 0, lw, lh;

		/* the label wrapped to the label column, never cut: the row grows with it */
		pango_layout_get_pixel_size(lab, &lw, &lh);
		g_object_unref(lab);
		h = lh + 6 > rowh ? lh + 6 : rowh;
		if (p->y + h > BOTTOM) {
			gantt_lines(r, p, x0, colw, top);
			new_page(p);
			top = p->y;
		}
		if (p->draw) {
			cairo_set_source_rgb(p->cr, 0.85, 0.85, 0.85);
			cairo_set_line_width(p->cr, 0.5);
			cairo_move_to(p->cr, MARGIN, p->y);
			cairo_line_to(p->cr, PAGE_W - MARGIN, p->y);
			cairo_stroke(p->cr);
		}
		{
			double y0 = p->y;

			p->y += (h - lh) / 2;
			text_at(p, MARGIN, s, 8, 0, label_w - 4);
			p->y = y0;
		}
		free(s);
		for (j = 0; j < r->cat.nphases; j++)
			if (r->cat.phases[j].measure_id == m->id && r->cat.phases[j].action_id == 0)
				own++;
		for (j = 0; j < r->cat.nphases; j++) {
			const struct plan_phase *ph = &r->cat.phases[j];

			if (ph->measure_id == m->id && (ph->action_id == 0 || own == 0))
				gantt_bar(r, p, ph, x0, colw, p->y + (h - rowh) / 2, rowh);
		}
		p->y += h;
	}
	gantt_lines(r, p, x0, colw, top);
	p->y += 6;
	gantt_legend(r, p);
}

static void
layout_all(const struct report *r, struct pdf *p)
{
	int i, part = -1;

	p->page = 1;
	p->ntoc = 0;
	title_page(r, p);
	for (i = 0; i < r->cat.nmeasures; i++) {
		const struct plan_measure *m = &r->cat.measures[i];

		if (m->part_id != part) {
			char *s;

			part = m->part_id;
			new_page(p);
			toc_mark(p);
			s = report_part_heading(m->part_id, m->part_title);
			para(p, s, 16, 1);
			free(s);
			p->y += 6;
		}
		measure_section(r, p, m);
	}
	gantt_page(r, p);
	footer(p);
	cairo_show_page(p->cr);
}

int
report_pdf(const struct report *r, FILE *f, char **cause)
{
	struct pdf p;
	cairo_status_t st = CAIRO_STATUS_SUCCESS;
	int pass;

	memset(&p, 0, sizeof p);
	for (pass = 0; pass < 2; pass++) {
		p.draw = pass;
		p.surface = cairo_pdf_surface_create_for_stream(pass ? to_file : discard,
		    pass ? (void *)f : NULL, PAGE_W, PAGE_H);
		p.cr = cairo_create(p.surface);
		if (pass)
			cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_TITLE,
			    plan_tr("Progress report"));
		layout_all(r, &p);
		cairo_destroy(p.cr);
		cairo_surface_finish(p.surface);
		st = cairo_surface_status(p.surface);
		cairo_surface_destroy(p.surface);
		if (st != CAIRO_STATUS_SUCCESS)
			break;
	}
	/* let go of the font caches (pango's font map, cairo's and fontconfig's) */
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
	if (st != CAIRO_STATUS_SUCCESS)
		return set_cause(cause, "PDF: %s", cairo_status_to_string(st));
	return fflush(f) == 0 ? 0 : set_cause(cause, "PDF: write failed");
}
