/*
 * dialog — modal boxes drawn over the current screen: confirm, error, text viewer
 * (help), picker with search, "someone else changed this" (their version against
 * yours, field by field), and progress. Each runs its own key loop; a resize while one
 * is open redraws the screen underneath (dialog_set_backdrop) and then the box.
 * If the terminal goes away (no key can be read) a dialog returns its "cancel" answer.
 */
#ifndef RASHIN_DIALOG_H
#define RASHIN_DIALOG_H

#include "tui/form.h"

/* What to draw under a dialog after a resize (the app's full redraw). */
void	 dialog_set_backdrop(void (*draw)(void *), void *arg);
/* Draw it now (what a box or list drawn over the screen covered comes back). */
void	 dialog_draw_backdrop(void);

/* Yes/no question; 1 for yes. y/Enter = yes, n/Esc = no. */
int	 dialog_confirm(const char *question);
/* The form's "discard your edits?" (same as dialog_confirm). */
int	 dialog_confirm_discard(const char *question);
/* A scrollable list of lines (the help screen). */
void	 dialog_text(const char *title, const char *const *lines, int n);

/* Search as you type, choose with Enter; 0 and *out set (caller frees), -1 cancelled. */
int	 dialog_pick(const char *title, const char *initial, form_search_fn search,
	    void *arg, struct form_pick *out);

/* One field of a record in the conflict dialog. */
struct dialog_diff {
	const char	*field;		/* label, already translated */
	const char	*theirs;	/* the value saved by the other person */
	const char	*yours;		/* the value in your edit */
};

enum dialog_conflict_choice {
	DIALOG_CANCEL,			/* keep editing */
	DIALOG_RELOAD,			/* take their version (your edits are dropped) */
	DIALOG_OVERWRITE		/* save yours over theirs, having seen theirs */
};

/*
 * "Someone else changed this": who and when saved the newer version, then each field
 * with theirs and yours, the differing ones marked. Overwrite is offered only once
 * every differing field has been on screen.
 */
enum dialog_conflict_choice dialog_conflict(const char *who, const char *when,
	    const struct dialog_diff *, int n);

struct dialog_progress;
/* A progress box; update it as work goes; 1 from update means the user pressed Esc. */
struct dialog_progress	*dialog_progress_begin(const char *title);
int	 dialog_progress_update(struct dialog_progress *, long done, long total,
	    const char *what);
void	 dialog_progress_end(struct dialog_progress *);

#endif
