/*
 * common — the set-up the screens share: a table screen's first page (the table over a
 * store's source, read at once, a failure said on the status line) and the fiscal year a
 * screen opens on.
 */
#ifndef RASHIN_COMMON_H
#define RASHIN_COMMON_H

#include "tui/screen.h"
#include "tui/table.h"

/*
 * t over src with cols, sorted by column sort (desc: the other way) as the source
 * keeps its rows, and its first page read when there is a database; a failure is said
 * on the status line (the screen opens all the same, empty).
 */
void	 common_table(struct screen *, struct table *t, const struct table_column *cols,
	    int ncols, const struct table_source *src, int sort, int desc);
/* Read t from its first row again; a failure on the status line. 0 or -1. */
int	 common_table_reset(struct screen *, struct table *t);
/*
 * The fiscal year a screen opens on: the title bar's (struct app's fy), else today's
 * (lib/today.h), kept within first..last (0..0: any year).
 */
int	 common_fy(const struct screen *, int first, int last);

/* The console member's role ("admin", "lead", ...; "" when none is known). */
const char *common_role(const struct screen *);
/*
 * The screen's keymap again from its own bindings without those whose action
 * allowed(s, action) says this member may not do (0), so neither `?` nor the key bar
 * shows a key that could only be refused (the database's row-level security stays the
 * real check). The one role filter of every screen. 0, or -1 with *cause (may be NULL;
 * the keymap is then left as it was).
 */
int	 common_keymap_for_role(struct screen *, int (*allowed)(const struct screen *,
	    enum action), char **cause);
/*
 * A dialog with the exact ssh command lines (each "ssh HOST " + lines[i]) to copy: a
 * terminal session cannot write to the user's disk, a command over ssh can.
 */
void	 common_ssh_lines(const struct screen *, const char *title, const char *const *cmds,
	    int n);

#endif
