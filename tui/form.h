/*
 * form — an edit form: labelled fields of a few types, each validated on its own with
 * the message drawn beside it. Text is edited as wide characters (cursor moves by
 * character, never by byte); the values live in the form, not in a window, so a
 * resize mid-edit loses nothing. Enter/Tab move on, Ctrl-S or F2 saves, Esc asks
 * before throwing edits away.
 */
#ifndef RASHIN_FORM_H
#define RASHIN_FORM_H

#include <stddef.h>
#include <wchar.h>

#include "backend/lib/page.h"
#include "tui/tui.h"

enum form_type {
	FORM_TEXT,		/* one line */
	FORM_MULTILINE,		/* several lines; Enter is a new line */
	FORM_INT,		/* integer in [min, max] */
	FORM_DATE,		/* YYYY-MM-DD or 和暦 (R8.4.1), backend/fy.h; value YYYY-MM-DD */
	FORM_FY,		/* fiscal year (令和8年度, FY2026, 2026, R8); value "2026" */
	FORM_CHOICE,		/* one of choices; value is the choice's id */
	FORM_PICKER		/* a staff member / department found by search; value is its id */
};

/* A choice: stored id and untranslated label. */
struct form_choice {
	const char	*id;
	const char	*label;
};

/* A field as a screen declares it (static const, filled by field name). */
struct form_field_def {
	const char			*name;		/* the screen's name for it */
	const char			*label;		/* untranslated; drawn through _() */
	enum form_type			 type;
	int				 required;	/* empty is an error */
	int				 maxlen;	/* characters; 0 = no limit */
	long				 min;		/* FORM_INT bounds (both 0: none); */
	long				 max;		/* FORM_FY: 0 = 1900 / 2200 */
	int				 rows;		/* FORM_MULTILINE lines shown (0: 3) */
	const struct form_choice	*choices;	/* FORM_CHOICE */
	int				 nchoices;
	form_search_fn			 search;	/* FORM_PICKER */
	/* Extra check of the normalised value; 0, or -1 with *cause. May be NULL. */
	int				(*validate)(const char *value, char **cause);
};

struct form_field {
	const struct form_field_def	*def;
	wchar_t		*buf;		/* the text as typed */
	size_t		 len;		/* characters in buf */
	size_t		 cap;
	size_t		 cursor;	/* character index */
	size_t		 scroll;	/* first character shown on the cursor's line */
	int		 choice;	/* FORM_CHOICE: index, -1 = none */
	char		*pick_id;	/* FORM_PICKER: the chosen id (NULL = none) */
	char		*pick_label;	/* FORM_PICKER: its label, shown in the field */
	char		*orig;		/* value as loaded, for "edited?" */
	char		*error;		/* validation message, drawn beside the field */
	char		*hint;		/* the value shown the other way (date: 令和8年4月1日) */
};

enum form_want {
	FORM_WANT_NOTHING,
	FORM_WANT_SAVE,		/* valid and the user asked to save */
	FORM_WANT_DISCARD	/* the user chose to leave (without saving) */
};

struct form {
	const char		*title;		/* untranslated */
	struct form_field	*fields;
	int			 n;
	int			 cur;		/* field with focus */
	enum form_want		 want;		/* set by form_key */
	void			*search_arg;	/* passed to pickers' search */
	/* Ask before discarding: returns 1 to discard (default: dialog_confirm). */
	int			(*confirm)(const char *question);
};

void	 form_init(struct form *, const char *title, const struct form_field_def *, int n);
void	 form_free(struct form *);
/* Load a value (as stored: UTF-8, ISO date, choice id, picker id + label). */
void	 form_set(struct form *, int field, const char *value);
void	 form_set_pick(struct form *, int field, const char *id, const char *label);
/* The normalised value, newly allocated ("" when empty). */
char	*form_get(const struct form *, int field);
/* Index of the field named name, or -1. */
int	 form_find(const struct form *, const char *name);
/* Has any field changed since it was loaded? */
int	 form_dirty(const struct form *);
/* Check one field: 0, or -1 with field->error set. */
int	 form_field_validate(struct form_field *);
/* Check all; returns the number of fields in error and moves focus to the first. */
int	 form_validate(struct form *);
/* Replace field's text (editing helper; also used by tests). */
void	 form_field_set_text(struct form_field *, const char *utf8);
/* Handle a key; TUI_* flags. Sets f->want when the user saves or leaves. */
int	 form_key(struct form *, int key, int action);
void	 form_draw(struct form *, WINDOW *, int y, int x, int h, int w);

#endif
