/*
 * gantt — the plan's schedule as text: rows = measures (optionally their actions),
 * columns = fiscal years or the months (April-March) of one year; each phase a bar of
 * its own fill character (readable in monochrome) carrying its name; milestones as
 * marks; today's line. Pure: no curses, no libpq; widths by tui/text.h. Used by
 * `schedule show`, the progress report and the :schedule screen.
 */
#ifndef RASHIN_GANTT_H
#define RASHIN_GANTT_H

#include "backend/lib/fy.h"

struct plan_catalogue;

struct gantt_opts {
	int		 width;		/* total columns, at least GANTT_MIN_WIDTH */
	int		 fy_first, fy_last;	/* year view */
	int		 months_fy;	/* non-zero: the months of this fiscal year */
	int		 actions;	/* also a row per action */
	int		 legend;	/* end with the legend line */
	struct fy_date	 today;		/* year 0: no today line */
	const char	*lang;		/* "ja" or "en" */
};

#define GANTT_MIN_WIDTH	40

/* Phase names of the catalogue in order of first appearance; the fill of each. */
int		 gantt_phase_index(const struct plan_catalogue *, const char *phase);
const char	*gantt_fill(int index);

/*
 * The Gantt's lines (title, header, rule, rows, today line, legend), each exactly
 * opts->width columns or less, sanitised. Returns the number of lines; *lines is
 * newly allocated (free with gantt_free).
 */
int	gantt_text(const struct plan_catalogue *, const struct gantt_opts *, char ***lines);
void	gantt_free(char **lines, int n);

struct plan_phase;
/*
 * The columns [*x0, *x1) phase's bar takes in a line of gantt_text with the same opts;
 * -1 when it is not on the chart (another year of the month view).
 */
int	gantt_bar_span(const struct gantt_opts *, const struct plan_phase *, int *x0, int *x1);

#endif
