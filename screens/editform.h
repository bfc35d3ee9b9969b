/*
 * editform — a form open over a screen (a list, a detail): opening and closing it, the
 * keys it takes, and saving with the version read, where a stale save opens the
 * conflict dialog (theirs against yours) to reload theirs, save over theirs having
 * seen them, or keep editing. The screen keeps its own record types and hands over
 * three callbacks.
 */
#ifndef RASHIN_EDITFORM_H
#define RASHIN_EDITFORM_H

#include "tui/dialog.h"
#include "tui/keymap.h"
#include "tui/tui.h"

struct form;
struct form_field_def;
struct screen;

/* A new form (title untranslated); its pickers search with search_arg. */
struct form	*editform_open(const char *title, const struct form_field_def *, int n,
		    void *search_arg);
/* Free the open form and set *fp NULL; nothing when none is open. */
void		 editform_close(struct form **fp);
/*
 * A key for the open form *fp: leaving closes it, a save calls save(s) and returns
 * its flags. Every key but quit and help stays with the form. TUI_* flags.
 */
int		 editform_key(struct screen *, struct form **fp, int key, enum action,
		    int (*save)(struct screen *));

struct table;
/* A list with a form over it: the form while one is open, else the list. */
void		 editform_draw(struct form *, struct table *, WINDOW *, int y, int x, int h,
		    int w);
/* The status line's right end: the form's keys while one is open, else the list's. */
void		 editform_status(const struct form *, const struct table *, char *buf,
		    size_t len);

#define EDITFORM_MAXDIFF 16

/* Their saved record against yours, as the conflict dialog shows it. */
struct editform_conflict {
	char			 who[64], when[32];	/* who saved theirs, and when */
	struct dialog_diff	 d[EDITFORM_MAXDIFF];	/* strings owned by the screen */
	int			 n;
};

/* Each callback gets the arg given to editform_save: the screen's own state. */
struct editform_saver {
	/*
	 * Save the record the screen took from the form, with the version it carries.
	 * Returns the screen's own outcome code (editform_save hands it back); sets
	 * *stale to 1 when someone else saved first.
	 */
	int	(*save)(struct screen *, void *arg, int *stale, char **cause);
	/* Read their record (kept by the screen) and fill c; 0, or -1 with *cause. */
	int	(*theirs)(struct screen *, void *arg, struct editform_conflict *c,
		    char **cause);
	/* Take theirs: into the form (load 1), or only its version to save over it. */
	void	(*take)(struct screen *, void *arg, int load);
};

enum editform_end {
	EDITFORM_DONE,		/* saved, or failed: *rc and *cause are the save's */
	EDITFORM_RELOADED,	/* their record is in the form; the status line says so */
	EDITFORM_KEPT		/* not saved, the form stays; the status line says why */
};

/* Save; a stale save asks the conflict dialog, and overwrite saves once more. */
enum editform_end editform_save(struct screen *, const struct editform_saver *, void *arg,
		    int *rc, char **cause);

#endif
