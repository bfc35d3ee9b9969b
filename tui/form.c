/*
 * form — fields, their validation, editing by character, and drawing (see form.h).
 */
#include "tui/form.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/util.h"
#include "tui/dialog.h"
#include "tui/keymap.h"

#define FORM_MULTILINE_ROWS	3

/* The characters [from, to) of wide text as a newly allocated UTF-8 string. */
static char *
form_utf8(const wchar_t *w, size_t from, size_t to)
{
	char		*out = xmalloc((to - from) * MB_CUR_MAX + 1);
	size_t		 o = 0, i, n;
	mbstate_t	 ps;

	memset(&ps, 0, sizeof ps);
	for (i = from; i < to; i++) {
		n = wcrtomb(out + o, w[i], &ps);
		if (n == (size_t)-1) {
			out[o++] = '?';
			memset(&ps, 0, sizeof ps);
		} else
			o += n;
	}
	out[o] = '\0';
	return out;
}

/* May this code point be typed into a field? (no C0, DEL, C1) */
static int
form_typable(int key)
{
	if (key & (KEYMAP_SPECIAL | KEYMAP_META_BIT))
		return 0;
	return key >= 0x20 && key != 0x7f && !(key >= 0x80 && key < 0xa0) &&
	    key <= 0x10ffff;
}

void
form_field_set_text(struct form_field *f, const char *s)
{
	mbstate_t	 ps;
	size_t		 len = strlen(s), i = 0, n;
	wchar_t		 wc;

	f->len = f->cursor = f->scroll = 0;
	memset(&ps, 0, sizeof ps);
	while (i < len) {
		n = mbrtowc(&wc, s + i, len - i, &ps);
		if (n == (size_t)-1 || n == (size_t)-2) {
			wc = 0xfffd;
			n = 1;
			memset(&ps, 0, sizeof ps);
		} else if (n == 0)
			break;
		if (f->len + 1 >= f->cap) {
			f->cap = f->cap ? f->cap * 2 : 32;
			f->buf = xreallocarray(f->buf, f->cap, sizeof *f->buf);
		}
		f->buf[f->len++] = wc;
		i += n;
	}
	if (f->buf == NULL) {
		f->cap = 32;
		f->buf = xcalloc(f->cap, sizeof *f->buf);
	}
	f->buf[f->len] = L'\0';
	f->cursor = f->len;
}

void
form_init(struct form *fm, const char *title, const struct form_field_def *defs, int n)
{
	int	 i;

	memset(fm, 0, sizeof *fm);
	fm->title = title;
	fm->n = n;
	fm->fields = xcalloc((size_t)n, sizeof *fm->fields);
	fm->confirm = dialog_confirm_discard;
	for (i = 0; i < n; i++) {
		fm->fields[i].def = &defs[i];
		fm->fields[i].choice = -1;
		form_field_set_text(&fm->fields[i], "");
		fm->fields[i].orig = xstrdup("");
	}
}

void
form_free(struct form *fm)
{
	int	 i;

	for (i = 0; i < fm->n; i++) {
		struct form_field *f = &fm->fields[i];

		free(f->buf);
		free(f->pick_id);
		free(f->pick_label);
		free(f->orig);
		free(f->error);
		free(f->hint);
	}
	free(fm->fields);
	memset(fm, 0, sizeof *fm);
}

int
form_find(const struct form *fm, const char *name)
{
	int	 i;

	for (i = 0; i < fm->n; i++) {
		if (strcmp(fm->fields[i].def->name, name) == 0)
			return i;
	}
	return -1;
}

void
form_set(struct form *fm, int idx, const char *value)
{
	struct form_field	*f;
	int			 i;

	if (idx < 0 || idx >= fm->n)
		return;
	f = &fm->fields[idx];
	if (value == NULL)
		value = "";
	if (f->def->type == FORM_CHOICE) {
		f->choice = -1;
		for (i = 0; i < f->def->nchoices; i++) {
			if (strcmp(f->def->choices[i].id, value) == 0)
				f->choice = i;
		}
	} else if (f->def->type == FORM_PICKER) {
		free(f->pick_id);
		f->pick_id = *value != '\0' ? xstrdup(value) : NULL;
	} else
		form_field_set_text(f, value);
	free(f->orig);
	f->orig = form_get(fm, idx);
	free(f->error);
	f->error = NULL;
}

void
form_set_pick(struct form *fm, int idx, const char *id, const char *label)
{
	if (idx < 0 || idx >= fm->n || fm->fields[idx].def->type != FORM_PICKER)
		return;
	form_set(fm, idx, id);
	free(fm->fields[idx].pick_label);
	fm->fields[idx].pick_label = label != NULL ? xstrdup(label) : NULL;
}

/* The field's text with leading and trailing blanks removed (one-line types). */
static char *
form_trimmed(const struct form_field *f)
{
	char	*s = form_utf8(f->buf, 0, f->len), *p = s, *e;

	while (*p == ' ' || *p == '\t')
		p++;
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	memmove(s, p, strlen(p) + 1);
	return s;
}

/* A date as typed, as YYYY-MM-DD into iso; 0 or -1 with *cause. */
static int
form_date(const char *s, char iso[FY_BUFSIZE], struct fy_date *d, char **cause)
{
	if (fy_date_parse(s, d, cause) != 0)
		return -1;
	fy_date_format(d, FY_DATE_ISO, iso, FY_BUFSIZE);
	return 0;
}

/* A fiscal year as typed, within the field's bounds (default FY1900-FY2200). */
static int
form_fy(const struct form_field_def *def, const char *s, int *fy, char **cause)
{
	int	 min = def->min != 0 ? (int)def->min : 1900;
	int	 max = def->max != 0 ? (int)def->max : 2200;

	return fy_parse(s, min, max, fy, cause);
}

char *
form_get(const struct form *fm, int idx)
{
	const struct form_field	*f;
	char			*s, iso[FY_BUFSIZE];
	struct fy_date		 d;
	int			 fy;

	if (idx < 0 || idx >= fm->n)
		return xstrdup("");
	f = &fm->fields[idx];
	switch (f->def->type) {
	case FORM_CHOICE:
		return xstrdup(f->choice >= 0 ? f->def->choices[f->choice].id : "");
	case FORM_PICKER:
		return xstrdup(f->pick_id != NULL ? f->pick_id : "");
	case FORM_MULTILINE:
		return form_utf8(f->buf, 0, f->len);
	case FORM_DATE:
		s = form_trimmed(f);
		if (*s != '\0' && form_date(s, iso, &d, NULL) == 0) {
			free(s);
			return xstrdup(iso);
		}
		return s;
	case FORM_FY:
		s = form_trimmed(f);
		if (*s != '\0' && form_fy(f->def, s, &fy, NULL) == 0) {
			free(s);
			return xasprintf("%d", fy);
		}
		return s;
	default:
		return f->def->type == FORM_TEXT ? form_utf8(f->buf, 0, f->len) :
		    form_trimmed(f);
	}
}

int
form_dirty(const struct form *fm)
{
	int	 i, dirty = 0;

	for (i = 0; i < fm->n && !dirty; i++) {
		char *v = form_get(fm, i);

		dirty = strcmp(v, fm->fields[i].orig) != 0;
		free(v);
	}
	return dirty;
}

static int
form_field_error(struct form_field *f, char *msg)
{
	free(f->error);
	f->error = msg;
	return -1;
}

/* The one input rule (lib/text.h) on a text field: 0, or -1 with f->error naming the
 * character and its position, short enough to stand beside the field. */
static int
form_field_rule(struct form_field *f)
{
	char		*v = form_utf8(f->buf, 0, f->len);
	const char	*kind;
	uint32_t	 cp;
	int		 pos, rc;

	rc = text_input_find(v, f->def->type == FORM_MULTILINE ? TEXT_IN_MULTILINE : 0, &pos,
	    &cp, &kind);
	free(v);
	if (rc == TEXT_BAD_CHAR)
		return form_field_error(f, xasprintf(_("U+%04X, %s, at character %d"),
		    (unsigned)cp, kind, pos));
	if (rc == TEXT_BAD_UTF8)
		return form_field_error(f, xasprintf(_("invalid UTF-8 at character %d"), pos));
	return 0;
}

int
form_field_validate(struct form_field *f)
{
	const struct form_field_def	*d = f->def;
	char				*v, *cause = NULL, iso[FY_BUFSIZE], *end;
	char				 other[FY_BUFSIZE];
	struct fy_date			 date;
	int				 rc = 0, fy, ja = strcmp(i18n_lang(), "ja") == 0;
	long				 n;

	free(f->error);
	f->error = NULL;
	free(f->hint);
	f->hint = NULL;
	if (d->type == FORM_CHOICE)
		v = xstrdup(f->choice >= 0 ? d->choices[f->choice].id : "");
	else if (d->type == FORM_PICKER)
		v = xstrdup(f->pick_id != NULL ? f->pick_id : "");
	else if (d->type == FORM_TEXT || d->type == FORM_MULTILINE)
		v = form_utf8(f->buf, 0, f->len);
	else
		v = form_trimmed(f);

	if (*v == '\0') {
		if (d->required)
			rc = form_field_error(f, xstrdup(_("Required")));
		goto out;
	}
	if (d->maxlen > 0 && f->len > (size_t)d->maxlen) {
		rc = form_field_error(f, xasprintf(_("At most %d characters"), d->maxlen));
		goto out;
	}
	if ((d->type == FORM_TEXT || d->type == FORM_MULTILINE) && (rc = form_field_rule(f)) != 0)
		goto out;
	switch (d->type) {
	case FORM_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || *end != '\0' || end == v)
			rc = form_field_error(f, xstrdup(_("Not a whole number")));
		else if ((d->min != 0 || d->max != 0) && (n < d->min || n > d->max))
			rc = form_field_error(f, xasprintf(_("Between %ld and %ld"),
			    d->min, d->max));
		break;
	case FORM_DATE:
		if (form_date(v, iso, &date, &cause) != 0)
			rc = form_field_error(f, cause);
		else if (strcmp(v, iso) != 0)	/* typed 和暦: show ISO */
			f->hint = xstrdup(iso);
		else
			f->hint = xstrdup(fy_date_format(&date,
			    ja ? FY_DATE_JA : FY_DATE_JA_SHORT, other, sizeof other));
		break;
	case FORM_FY:
		if (form_fy(d, v, &fy, &cause) != 0)
			rc = form_field_error(f, cause);
		else
			f->hint = xstrdup(fy_format(fy, i18n_lang(), other, sizeof other));
		break;
	default:
		break;
	}
	if (rc == 0 && d->validate != NULL) {
		char *norm = NULL;

		if (d->type == FORM_DATE || d->type == FORM_FY) {
			struct form fake = { .fields = f, .n = 1 };

			norm = form_get(&fake, 0);
		}
		if (d->validate(norm != NULL ? norm : v, &cause) != 0)
			rc = form_field_error(f, cause != NULL ? cause :
			    xstrdup(_("Not valid")));
		free(norm);
	}
out:
	free(v);
	return rc;
}

int
form_validate(struct form *fm)
{
	int	 i, bad = 0, first = -1;

	for (i = 0; i < fm->n; i++) {
		if (form_field_validate(&fm->fields[i]) != 0) {
			bad++;
			if (first < 0)
				first = i;
		}
	}
	if (first >= 0)
		fm->cur = first;
	return bad;
}

static void
form_insert(struct form_field *f, wchar_t wc)
{
	if (f->len + 2 >= f->cap) {
		f->cap = f->cap ? f->cap * 2 : 32;
		f->buf = xreallocarray(f->buf, f->cap, sizeof *f->buf);
	}
	memmove(f->buf + f->cursor + 1, f->buf + f->cursor,
	    (f->len - f->cursor + 1) * sizeof *f->buf);
	f->buf[f->cursor++] = wc;
	f->len++;
}

static void
form_delete(struct form_field *f, size_t at, size_t count)
{
	if (at >= f->len)
		return;
	if (count > f->len - at)
		count = f->len - at;
	memmove(f->buf + at, f->buf + at + count,
	    (f->len - at - count + 1) * sizeof *f->buf);
	f->len -= count;
	if (f->cursor > at + count)
		f->cursor -= count;
	else if (f->cursor > at)
		f->cursor = at;
}

/* Start and end (exclusive) of the line holding character index i. */
static void
form_line(const struct form_field *f, size_t i, size_t *start, size_t *end)
{
	size_t	 s = i, e = i;

	while (s > 0 && f->buf[s - 1] != L'\n')
		s--;
	while (e < f->len && f->buf[e] != L'\n')
		e++;
	*start = s;
	*end = e;
}

/* Editing keys shared by the text types; TUI_PASS if key is not one. */
static int
form_edit_key(struct form_field *f, int key)
{
	size_t	 s = 0, e = 0, col, ps, pe;
	int	 multi = f->def->type == FORM_MULTILINE;

	/* the line's bounds only for the keys that use them: typing stays O(1) */
	switch (key) {
	case KEYMAP_KEY(KEY_HOME): case KEYMAP_CTRL('a'): case KEYMAP_KEY(KEY_END):
	case KEYMAP_CTRL('e'): case KEYMAP_CTRL('k'): case KEYMAP_CTRL('u'):
	case KEYMAP_KEY(KEY_UP): case KEYMAP_KEY(KEY_DOWN):
		form_line(f, f->cursor, &s, &e);
		break;
	}
	switch (key) {
	case KEYMAP_KEY(KEY_LEFT):
		if (f->cursor > 0)
			f->cursor--;
		break;
	case KEYMAP_KEY(KEY_RIGHT):
		if (f->cursor < f->len)
			f->cursor++;
		break;
	case KEYMAP_KEY(KEY_HOME):
	case KEYMAP_CTRL('a'):
		f->cursor = s;
		break;
	case KEYMAP_KEY(KEY_END):
	case KEYMAP_CTRL('e'):
		f->cursor = e;
		break;
	case KEYMAP_KEY(KEY_BACKSPACE):
		if (f->cursor > 0)
			form_delete(f, f->cursor - 1, 1);
		break;
	case KEYMAP_KEY(KEY_DC):
	case KEYMAP_CTRL('d'):
		form_delete(f, f->cursor, 1);
		break;
	case KEYMAP_CTRL('k'):
		form_delete(f, f->cursor, e - f->cursor);
		break;
	case KEYMAP_CTRL('u'):
		form_delete(f, s, f->cursor - s);
		break;
	case '\r':
		if (!multi)
			return TUI_PASS;
		form_insert(f, L'\n');
		break;
	case KEYMAP_KEY(KEY_UP):
		if (!multi || s == 0)
			return TUI_PASS;
		col = f->cursor - s;
		form_line(f, s - 1, &ps, &pe);
		f->cursor = ps + col < pe ? ps + col : pe;
		break;
	case KEYMAP_KEY(KEY_DOWN):
		if (!multi || e == f->len)
			return TUI_PASS;
		col = f->cursor - s;
		form_line(f, e + 1, &ps, &pe);
		f->cursor = ps + col < pe ? ps + col : pe;
		break;
	default:
		/* a C0 key is the form's or the keymap's (Ctrl-K, Esc); C1 and bidi controls
		 * are text the input rule refuses, said beside the field */
		if ((key & (KEYMAP_SPECIAL | KEYMAP_META_BIT)) || key < 0x20 || key == 0x7f ||
		    key > 0x10ffff)
			return TUI_PASS;
		if (f->def->maxlen > 0 && f->len >= (size_t)f->def->maxlen) {
			free(f->error);
			f->error = xasprintf(_("At most %d characters"), f->def->maxlen);
			break;
		}
		form_insert(f, (wchar_t)key);
		if (form_field_rule(f) != 0)
			form_delete(f, f->cursor - 1, 1);
		break;
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static void
form_focus(struct form *fm, int to)
{
	form_field_validate(&fm->fields[fm->cur]);
	if (to < 0)
		to = fm->n - 1;
	if (to >= fm->n)
		to = 0;
	fm->cur = to;
}

static int
form_pick(struct form *fm, struct form_field *f, int first_key)
{
	struct form_pick	 got;
	char			 first[MB_LEN_MAX + 1] = "";
	mbstate_t		 ps;

	if (f->def->search == NULL)
		return TUI_HANDLED;
	if (first_key > 0 && form_typable(first_key)) {
		size_t n;

		memset(&ps, 0, sizeof ps);
		n = wcrtomb(first, (wchar_t)first_key, &ps);
		first[n == (size_t)-1 ? 0 : n] = '\0';
	}
	if (dialog_pick(_(f->def->label), first, f->def->search, fm->search_arg, &got) == 0) {
		free(f->pick_id);
		free(f->pick_label);
		f->pick_id = got.id;
		f->pick_label = got.label;
		form_field_validate(f);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

int
form_key(struct form *fm, int key, int action)
{
	struct form_field	*f;
	int			 flags;

	fm->want = FORM_WANT_NOTHING;
	if (fm->n == 0)
		return TUI_PASS;
	f = &fm->fields[fm->cur];

	if (key == KEYMAP_ESC) {
		if (!form_dirty(fm) || fm->confirm(_("Discard your changes?")))
			fm->want = FORM_WANT_DISCARD;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (action == ACTION_SAVE && !form_typable(key)) {
		if (form_validate(fm) == 0)
			fm->want = FORM_WANT_SAVE;
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == '\t' || action == ACTION_NEXT_FIELD) {
		form_focus(fm, fm->cur + 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == KEYMAP_KEY(KEY_BTAB)) {
		form_focus(fm, fm->cur - 1);
		return TUI_HANDLED | TUI_REDRAW;
	}

	switch (f->def->type) {
	case FORM_CHOICE:
		if (f->def->nchoices == 0)
			break;
		if (key == KEYMAP_KEY(KEY_RIGHT) || key == ' ' || key == 'l') {
			f->choice = (f->choice + 1) % f->def->nchoices;
			return TUI_HANDLED | TUI_REDRAW;
		}
		if (key == KEYMAP_KEY(KEY_LEFT) || key == 'h') {
			f->choice = f->choice <= 0 ? f->def->nchoices - 1 : f->choice - 1;
			return TUI_HANDLED | TUI_REDRAW;
		}
		break;
	case FORM_PICKER:
		if (key == ' ' || form_typable(key))
			return form_pick(fm, f, key == ' ' ? 0 : key);
		if (key == KEYMAP_KEY(KEY_BACKSPACE) || key == KEYMAP_KEY(KEY_DC)) {
			free(f->pick_id);
			free(f->pick_label);
			f->pick_id = f->pick_label = NULL;
			return TUI_HANDLED | TUI_REDRAW;
		}
		break;
	default:
		flags = form_edit_key(f, key);
		if (flags != TUI_PASS)
			return flags;
		break;
	}
	if (key == '\r' || key == KEYMAP_KEY(KEY_DOWN)) {
		form_focus(fm, fm->cur + 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (key == KEYMAP_KEY(KEY_UP)) {
		form_focus(fm, fm->cur - 1);
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_PASS;
}

/* Columns of characters [from, to) as drawn. */
static int
form_cols(const struct form_field *f, size_t from, size_t to)
{
	int	 w = 0;

	while (from < to)
		w += text_cp_width(f->buf[from++]);
	return w;
}

/* One line [s, e) of a text field in fw columns, the cursor shown if focused. */
static void
form_draw_line(WINDOW *win, int y, int x, int fw, struct form_field *f,
    size_t s, size_t e, int focused)
{
	attr_t	 a = tui_attr(TUI_PAL_FIELD);
	size_t	 from = s, to;
	int	 used = 0, room;
	char	*str;

	tui_blank(win, y, x, fw, a);
	if (focused && f->cursor >= s && f->cursor <= e) {
		if (f->scroll < s || f->scroll > f->cursor)
			f->scroll = f->cursor < s ? s : f->cursor;
		if (f->scroll < s)
			f->scroll = s;
		while (f->scroll < f->cursor &&
		    form_cols(f, f->scroll, f->cursor) + 1 > fw)
			f->scroll++;
		from = f->scroll;
		/* before the cursor */
		str = form_utf8(f->buf, from, f->cursor);
		used = tui_text(win, y, x, str, fw, a);
		free(str);
		/* the terminal's cursor there too: an input method's preedit shows in place */
		tui_cursor_at(win, y, x + used);
		/* the cursor cell */
		if (f->cursor < e) {
			str = form_utf8(f->buf, f->cursor, f->cursor + 1);
			used += tui_text(win, y, x + used, str, fw - used, a | A_REVERSE);
			free(str);
			to = f->cursor + 1;
		} else {
			tui_cell(win, y, x + used, " ", 1, TEXT_LEFT, a | A_REVERSE);
			return;
		}
		from = to;
	}
	room = fw - used;
	if (room <= 0)
		return;
	str = form_utf8(f->buf, from, e);
	tui_text(win, y, x + used, str, room, a);
	free(str);
}

static int
form_rows(const struct form_field *f)
{
	if (f->def->type != FORM_MULTILINE)
		return 1;
	return f->def->rows > 0 ? f->def->rows : FORM_MULTILINE_ROWS;
}

static void
form_draw_field(WINDOW *win, int y, int x, int fw, struct form_field *f, int focused)
{
	attr_t	 a = tui_attr(TUI_PAL_FIELD);
	size_t	 s, e, cs, ce;
	int	 r, rows = form_rows(f), cline = 0, first;
	char	*str;

	switch (f->def->type) {
	case FORM_CHOICE:
		str = xasprintf("%s %s", f->choice >= 0 ?
		    _(f->def->choices[f->choice].label) : "-", "\xe2\x97\x82\xe2\x96\xb8");
		tui_cell(win, y, x, str, fw, TEXT_LEFT, focused ? a | A_REVERSE : a);
		free(str);
		return;
	case FORM_PICKER:
		str = xasprintf("%s", f->pick_label != NULL ? f->pick_label :
		    f->pick_id != NULL ? f->pick_id : "-");
		tui_cell(win, y, x, str, fw, TEXT_LEFT, focused ? a | A_REVERSE : a);
		free(str);
		return;
	case FORM_MULTILINE:
		break;
	default:
		form_draw_line(win, y, x, fw, f, 0, f->len, focused);
		return;
	}
	/* multi-line: which line holds the cursor, and the first line shown */
	for (s = 0; s < f->cursor; s++)
		cline += f->buf[s] == L'\n';
	first = cline >= rows ? cline - rows + 1 : 0;
	s = 0;
	for (r = 0; r < first; r++) {
		form_line(f, s, &cs, &ce);
		s = ce + 1;
	}
	for (r = 0; r < rows; r++) {
		if (s > f->len) {
			tui_blank(win, y + r, x, fw, a);
			continue;
		}
		form_line(f, s, &cs, &e);
		form_draw_line(win, y + r, x, fw, f, cs, e, focused);
		s = e + 1;
	}
}

void
form_draw(struct form *fm, WINDOW *win, int y, int x, int h, int w)
{
	int	 i, lw = 0, fw, mw, row, first = 0, need;

	for (i = 0; i < fm->n; i++) {
		int lwi = text_width(_(fm->fields[i].def->label)) + 3;

		if (lwi > lw)
			lw = lwi;
	}
	if (lw > w / 3)
		lw = w / 3;
	mw = w >= 60 ? (w - lw) * 2 / 5 : 0;
	fw = w - lw - mw - 1;
	if (fw < 4)
		fw = 4;
	/* scroll so that the focused field is on screen */
	for (;;) {
		need = 0;
		for (i = first; i <= fm->cur && i < fm->n; i++)
			need += form_rows(&fm->fields[i]);
		if (need <= h || first >= fm->cur)
			break;
		first++;
	}
	for (row = 0; row < h; row++)
		tui_blank(win, y + row, x, w, tui_attr(TUI_PAL_NORMAL));
	row = 0;
	for (i = first; i < fm->n && row < h; i++) {
		struct form_field	*f = &fm->fields[i];
		char			*label;
		const char		*msg = f->error != NULL ? f->error : f->hint;
		attr_t			 la = tui_attr(i == fm->cur ? TUI_PAL_HEADER : TUI_PAL_NORMAL);

		label = xasprintf("%s%s", _(f->def->label), f->def->required ? "*" : "");
		tui_cell(win, y + row, x, label, lw - 1, TEXT_LEFT, la);
		free(label);
		form_draw_field(win, y + row, x + lw, fw, f, i == fm->cur);
		if (msg != NULL) {
			int mx = x + lw + fw + 1;
			int room = mw > 0 ? mw : 0;

			if (room == 0 && row + 1 < h) {	/* narrow: under the field */
				row++;
				mx = x + lw;
				room = fw;
			}
			tui_text(win, y + row, mx, msg, room, tui_attr(f->error != NULL ?
			    TUI_PAL_ERROR : TUI_PAL_DIM));
		}
		row += form_rows(f);
	}
}
