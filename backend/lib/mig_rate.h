/*
 * mig_rate — the standardisation migration's arithmetic, as the national progress
 * dashboard defines it: completion rate = (完了済み + 対象外) / steps, 作業率 = 作業中 / steps,
 * 未着手率 = 未着手 / steps; a step is overdue when its planned end has passed ("today" is
 * a parameter) and it is neither 完了済み nor 対象外. Pure functions: no libpq, no clock.
 */
#ifndef RASHIN_MIG_RATE_H
#define RASHIN_MIG_RATE_H

#include "backend/lib/fy.h"

enum mig_st { MIG_DONE, MIG_DOING, MIG_TODO, MIG_NA, MIG_NST };

/* "done", "doing", "todo", "na". */
const char	*mig_st_code(enum mig_st);
/* 完了済み, 作業中, 未着手, 対象外: the labels of the national procedure (export, import). */
const char	*mig_st_label_ja(enum mig_st);
/* The UI label (gettext: "completed" -> 完了済み ...). */
const char	*mig_st_label(enum mig_st);
/* One character cell per status, distinct in monochrome: ● ◐ ○ －. */
const char	*mig_st_symbol(enum mig_st);
/*
 * Parse a status: the code (done/doing/todo/na, any case), the Japanese label or the
 * UI label, blanks around ignored. 0 or -1.
 */
int		 mig_st_parse(const char *, enum mig_st *);

struct mig_count {
	int	steps;			/* counted steps (retired steps never reach here) */
	int	n[MIG_NST];		/* per status */
	int	overdue;
};

void	mig_count_add(struct mig_count *, enum mig_st, int overdue);
/* Sum b into a. */
void	mig_count_merge(struct mig_count *a, const struct mig_count *b);
/*
 * Rates in tenths of a percent, rounded half up (725 = 72.5%); 0 when there are no
 * steps.
 */
int	mig_rate_completion(const struct mig_count *);
int	mig_rate_working(const struct mig_count *);
int	mig_rate_untouched(const struct mig_count *);
/* "72.5" into buf (at least 8 bytes); returns buf. */
char	*mig_rate_format(int permille, char *buf, size_t len);

/* Is a step with status st and planned end (NULL: none) overdue on today? */
int	mig_overdue(enum mig_st st, const struct fy_date *planned_end, const struct fy_date *today);
/* -1, 0, 1 as a is before, equal to, after b. */
int	mig_date_cmp(const struct fy_date *a, const struct fy_date *b);

/* The board: systems x (unretired) steps, as loaded by store_mig and counted here. */
struct mig_board_step {
	int	 id, seq;
	char	*phase, *name;
};
/* A cell's version when it has no mig_status row yet (a row's versions start at 1). */
#define MIG_VERSION_NONE	0
struct mig_cell {
	enum mig_st	st;
	int		has_end;	/* planned_end set */
	struct fy_date	planned_end;
	int		overdue;	/* set by mig_board_count */
	int		version;	/* the row's version read with it, or MIG_VERSION_NONE: a
					 * write from the board carries it (what the user saw) */
};
struct mig_board_sys {
	int		 id, seq;
	char		*name, *dept, *vendor;
	int		 writable;	/* the database's policy says this member may write it */
	struct mig_count count;		/* set by mig_board_count */
};
struct mig_board {
	int			 nsys, nstep;
	struct mig_board_step	*steps;
	struct mig_board_sys	*sys;
	struct mig_cell		*cells;	/* nsys * nstep, row-major by system */
	struct mig_count	 total;	/* set by mig_board_count */
};

/* Allocate an empty board of nsys x nstep (names NULL, cells todo). */
void	mig_board_init(struct mig_board *, int nsys, int nstep);
struct mig_cell *mig_board_cell(const struct mig_board *, int sys, int step);
/* Overdue flags, per-system and total counts, as of today. */
void	mig_board_count(struct mig_board *, const struct fy_date *today);
void	mig_board_free(struct mig_board *);

#endif
