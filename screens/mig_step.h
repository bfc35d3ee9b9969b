/*
 * mig_step — the board's step view (Enter on a cell, screens/mig_step.c): the cell's
 * status, planned dates, owner and its whole note (wrapped, scrolled), and the step's
 * status history; `c` edits the dates, owner and note (mig_cell_edit, with the version
 * read: a stale save opens the conflict dialog). For IT staff, the procedure's step
 * list: N renames, M moves, X retires the step shown; `+` adds a step and `U` restores
 * a retired one from the board (mig_step_add / mig_step_update, as `mig steps` does).
 */
#ifndef RASHIN_SCREENS_MIG_STEP_H
#define RASHIN_SCREENS_MIG_STEP_H

#include "tui/screen.h"
#include "tui/tui.h"

struct mig_step;

/* Where the view opens: the cell (system x step) and what the board says of it. */
struct mig_step_at {
	int		 sys_id, step_id;
	const char	*sys, *dept, *phase, *step;
	int		 writable;	/* the board's rs_mig_writable for the system */
	int		 nsys;		/* systems on the board (what retiring touches) */
};

/* The step view of a cell; NULL with *cause. */
struct mig_step	*mig_step_open(struct screen *, const struct mig_step_at *, char **cause);
/* A form over the board with no view under it: `+` (a new step). */
struct mig_step	*mig_step_open_add(struct screen *);
void		 mig_step_close(struct mig_step *);
int		 mig_step_reload(struct screen *, struct mig_step *, char **cause);
void		 mig_step_draw(struct mig_step *, WINDOW *, int y, int x, int h, int w);
/* A key; TUI_* flags; *done when the user leaves (the board reads itself again). */
int		 mig_step_key(struct screen *, struct mig_step *, int key, enum action,
		    int *done);
void		 mig_step_status(struct mig_step *, char *buf, size_t len);
const char	*mig_step_title(struct mig_step *);
/* 1 while a form is open in it (every key is the form's). */
int		 mig_step_editing(const struct mig_step *);
/* U on the board: pick a retired step and restore it; TUI_* flags. */
int		 mig_step_restore(struct screen *);
/* Whether this member's role may do a with the step list or a cell (keys not shown
 * otherwise; the database's policy still decides). */
int		 mig_step_allowed(const struct screen *, enum action);

/* E on the board: its export and import as the ssh command lines that do them. */
int		 mig_step_export_lines(struct screen *);

#endif
