/*
 * mig_rate — status codes and labels, completion/working/untouched rates and overdue,
 * as the national dashboard counts them.
 */
#include "backend/lib/mig_rate.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <stdlib.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

static const struct {
	const char	*code;
	const char	*ja;
	const char	*ui;
	const char	*symbol;
} sts[MIG_NST] = {
	[MIG_DONE] =  { "done",  "完了済み", N_("completed"),      "●" },
	[MIG_DOING] = { "doing", "作業中",   N_("in progress"),    "◐" },
	[MIG_TODO] =  { "todo",  "未着手",   N_("not started"),    "○" },
	[MIG_NA] =    { "na",    "対象外",   N_("not applicable"), "－" },
};

const char *
mig_st_code(enum mig_st st)
{
	return st < MIG_NST ? sts[st].code : "?";
}

const char *
mig_st_label_ja(enum mig_st st)
{
	return st < MIG_NST ? sts[st].ja : "?";
}

const char *
mig_st_label(enum mig_st st)
{
	return st < MIG_NST ? _(sts[st].ui) : "?";
}

const char *
mig_st_symbol(enum mig_st st)
{
	return st < MIG_NST ? sts[st].symbol : "?";
}

int
mig_st_parse(const char *s, enum mig_st *out)
{
	size_t len;
	int i;

	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len == 0)
		return -1;
	for (i = 0; i < MIG_NST; i++) {
		if ((strlen(sts[i].code) == len && strncasecmp(s, sts[i].code, len) == 0) ||
		    (strlen(sts[i].ja) == len && memcmp(s, sts[i].ja, len) == 0) ||
		    (strlen(sts[i].ui) == len && strncasecmp(s, sts[i].ui, len) == 0) ||
		    (strlen(_(sts[i].ui)) == len && memcmp(s, _(sts[i].ui), len) == 0)) {
			*out = (enum mig_st)i;
			return 0;
		}
	}
	return -1;
}

void
mig_count_add(struct mig_count *c, enum mig_st st, int overdue)
{
	if (st >= MIG_NST)
		return;
	c->steps++;
	c->n[st]++;
	if (overdue)
		c->overdue++;
}

void
mig_count_merge(struct mig_count *a, const struct mig_count *b)
{
	int i;

	a->steps += b->steps;
	for (i = 0; i < MIG_NST; i++)
		a->n[i] += b->n[i];
	a->overdue += b->overdue;
}

/* num / den in tenths of a percent, half up. */
static int
permille(long num, long den)
{
	if (den <= 0)
		return 0;
	return (int)((num * 2000 + den) / (den * 2));
}

int
mig_rate_completion(const struct mig_count *c)
{
	return permille((long)c->n[MIG_DONE] + c->n[MIG_NA], c->steps);
}

int
mig_rate_working(const struct mig_count *c)
{
	return permille(c->n[MIG_DOING], c->steps);
}

int
mig_rate_untouched(const struct mig_count *c)
{
	return permille(c->n[MIG_TODO], c->steps);
}

char *
mig_rate_format(int pm, char *buf, size_t len)
{
	snprintf(buf, len, "%d.%d", pm / 10, pm % 10);
	return buf;
}

int
mig_date_cmp(const struct fy_date *a, const struct fy_date *b)
{
	long x = (long)a->year * 10000 + a->month * 100 + a->day;
	long y = (long)b->year * 10000 + b->month * 100 + b->day;

	return x < y ? -1 : x > y;
}

int
mig_overdue(enum mig_st st, const struct fy_date *planned_end, const struct fy_date *today)
{
	if (st == MIG_DONE || st == MIG_NA || planned_end == NULL || today == NULL)
		return 0;
	return mig_date_cmp(planned_end, today) < 0;
}

void
mig_board_init(struct mig_board *b, int nsys, int nstep)
{
	int i;

	memset(b, 0, sizeof *b);
	b->nsys = nsys;
	b->nstep = nstep;
	b->sys = xcalloc(nsys > 0 ? (size_t)nsys : 1, sizeof *b->sys);
	b->steps = xcalloc(nstep > 0 ? (size_t)nstep : 1, sizeof *b->steps);
	b->cells = xcalloc(nsys * nstep > 0 ? (size_t)nsys * (size_t)nstep : 1, sizeof *b->cells);
	for (i = 0; i < nsys * nstep; i++) {
		b->cells[i].st = MIG_TODO;
		b->cells[i].version = MIG_VERSION_NONE;
	}
}

struct mig_cell *
mig_board_cell(const struct mig_board *b, int sys, int step)
{
	return &b->cells[(size_t)sys * (size_t)b->nstep + (size_t)step];
}

void
mig_board_count(struct mig_board *b, const struct fy_date *today)
{
	struct mig_cell *c;
	int i, j;

	memset(&b->total, 0, sizeof b->total);
	for (i = 0; i < b->nsys; i++) {
		memset(&b->sys[i].count, 0, sizeof b->sys[i].count);
		for (j = 0; j < b->nstep; j++) {
			c = mig_board_cell(b, i, j);
			c->overdue = mig_overdue(c->st, c->has_end ? &c->planned_end : NULL, today);
			mig_count_add(&b->sys[i].count, c->st, c->overdue);
		}
		mig_count_merge(&b->total, &b->sys[i].count);
	}
}

void
mig_board_free(struct mig_board *b)
{
	int i;

	for (i = 0; i < b->nsys; i++) {
		free(b->sys[i].name);
		free(b->sys[i].dept);
		free(b->sys[i].vendor);
	}
	for (i = 0; i < b->nstep; i++) {
		free(b->steps[i].phase);
		free(b->steps[i].name);
	}
	free(b->sys);
	free(b->steps);
	free(b->cells);
	memset(b, 0, sizeof *b);
}
