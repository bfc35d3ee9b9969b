/*
 * screen — what a screen is: a table of callbacks filled by field name (tmux's
 * window_mode, tig's view_ops), and the registry entry that names it for `:`, help and
 * the keys that open it. The list of screens itself is one X-macro in screens/screens.h.
 */
#ifndef RASHIN_SCREEN_H
#define RASHIN_SCREEN_H

#include <stddef.h>

#include "tui/keymap.h"
#include "tui/tui.h"

struct app;
struct screen;

struct screen_ops {
	/* The screen's own keys, looked up before the generic keymap. */
	const struct keymap_bind *keys;
	size_t		 nkeys;
	/* Set up s->data (may read from the database); 0, or -1 with *cause. */
	int		(*init)(struct screen *s, char **cause);
	/* Draw the body: h lines from y, w columns from x, in win. */
	void		(*draw)(struct screen *s, WINDOW *win, int y, int x, int h, int w);
	/*
	 * A key, with the action the screen's keymap then the generic keymap gave it.
	 * Returns TUI_* flags: TUI_PASS lets the generic handling (help, :, back, quit,
	 * jumps to other screens) have it.
	 */
	int		(*handle)(struct screen *s, int key, enum action action);
	/*
	 * Read the data again, keeping the selection; 0, 1 when nothing it shows changed
	 * (no redraw), or -1 with *cause. May be NULL.
	 */
	int		(*reload)(struct screen *s, char **cause);
	/*
	 * A notified reload that keys need not wait for: send what reload would read
	 * (SCREEN_RELOAD_SENT: reload_recv takes the results when they have come), or do
	 * it now when it cannot be split (returning as reload does). What the
	 * notifications named is the screen's to note at the send: those that come while
	 * the results are on their way are for the next reload. May be NULL (reload runs
	 * instead).
	 */
	int		(*reload_send)(struct screen *s, char **cause);
	/* The results of reload_send: as reload returns. */
	int		(*reload_recv)(struct screen *s, char **cause);
	/*
	 * The database said row key of table changed (NOTIFY "table:key"). Returns TUI_*
	 * flags; TUI_RELOAD to be reloaded. May be NULL.
	 */
	int		(*on_notify)(struct screen *s, const char *table, const char *key);
	/* Text for the right end of the status line ("123 / 4,567"). May be NULL. */
	void		(*status)(struct screen *s, char *buf, size_t len);
	/* Free s->data. May be NULL. */
	void		(*fini)(struct screen *s);
	/*
	 * The title bar's text when the screen has more to say than its registry title
	 * (a filter, the record shown); NULL to keep that. May be NULL.
	 */
	const char	*(*title)(struct screen *s);
};

/* screen_ops.reload_send: the statements are on their way. */
#define SCREEN_RELOAD_SENT	2

/* One registry entry (screens/screens.h makes the array). */
struct screen_info {
	const char		*name;		/* the `:` command: "mig" */
	const char		*aliases;	/* more `:` names, space-separated */
	const char		*title;		/* untranslated, for the title bar and help */
	enum action		 go;		/* the action that opens it */
	const struct screen_ops	*ops;		/* NULL: not written yet */
};

/* An open screen. */
struct screen {
	const struct screen_info	*info;
	const struct screen_ops		*ops;
	struct app			*app;
	/* What the screen that opened this one passed (app_open_arg), or NULL: the
	 * screen's own to read (a staff id for :keys) in init. */
	char				*arg;
	struct keymap			 keymap;	/* built from ops->keys */
	void				*data;		/* the screen's own state */
	/*
	 * Notified (on_notify asked for a reload): it happens at app->reload_at, and stays
	 * set while ops->reload runs for it, so a screen may read again only what its
	 * notifications named; 0 when the reload is a full one (F5, reconnect).
	 */
	int				 reload_due;
	/*
	 * Below the top when everything was to be read again (HUB_ALL): read when it
	 * is on top again, as is a notified reload due meanwhile (only the top screen is
	 * read while others cover it).
	 */
	int				 stale;
};

/* Entry whose name or alias is name; NULL if none. */
const struct screen_info *screen_find(const struct screen_info *, size_t n,
	    const char *name);
/* Entry opened by action; NULL if none. */
const struct screen_info *screen_for_action(const struct screen_info *, size_t n,
	    enum action);
/* Open a screen (keymap and init) with arg (copied; may be NULL); NULL with *cause. */
struct screen	*screen_open(const struct screen_info *, struct app *, const char *arg,
		    char **cause);
void		 screen_close(struct screen *);
/* Every `:` word (screen names and aliases, action names, q), newly allocated. */
size_t		 screen_words(const struct screen_info *, size_t n, char ***out);
void		 screen_words_free(char **, size_t);

#endif
