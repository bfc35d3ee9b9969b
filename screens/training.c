/*
 * training — `:training`: courses → sessions (Enter) → the roster (Enter), q back up.
 * On the roster one key marks the selected person and moves down (p 出席, l 遅刻,
 * e 欠席(届出), x 欠席), A marks everyone not yet marked present, so a session of 40 is
 * marked in under a minute. Names sort by kana. Every mark is one statement through
 * backend/store_training.c; the database's policies decide who may write.
 */
#include "screens/training.h"

#include <stdlib.h>
#include <string.h>

#include "backend/store/store_tx.h"
#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/store/store_training.h"
#include "backend/lib/util.h"
#include "screens/common.h"
#include "screens/editform.h"
#include "screens/training_form.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tui/dialog.h"
#include "tui/table.h"

/* TR_TRANSCRIPT (T) and the reports (D) are side views: q returns to where they opened. */
enum tr_level { TR_COURSES, TR_SESSIONS, TR_ROSTER, TR_TRANSCRIPT, TR_REPORT, TR_DX };

struct tr {
	enum tr_level		 level;
	struct table		 table;
	struct training_list	 list;		/* the rows of the current level */
	struct training_roster	 roster;	/* level TR_ROSTER */
	int			 course, session;
	char			*course_name;	/* "DXL DX推進リーダー育成" */
	int			 course_sel, session_sel;	/* rows to return to */
	enum tr_level		 from;		/* where a side view returns to */
	char			*from_key;	/* the row selected there */
	char			*who;		/* the transcript's login */
	char			*who_name;	/* and name, for the heading */
	int			 fy;		/* the reports' fiscal year */
	char			*course_code;	/* the sessions' course, for a new session */
	struct form		*form;		/* a new course or session, or an edit, when open */
	struct training_edit	*edit;		/* c: the edit under way (NULL: form is a new one) */
};

static const struct table_column course_cols[] = {
	{ N_("code"), 0, 6, 14, 0, TEXT_LEFT, 0 },
	{ N_("course title"), 0, 10, 0, 1, TEXT_LEFT, 0 },
	{ N_("category"), 0, 8, 22, 0, TEXT_LEFT, 0 },
	{ N_("sessions"), 0, 4, 6, 0, TEXT_RIGHT, 0 },
};
static const struct table_column session_cols[] = {
	{ N_("FY"), 0, 4, 6, 0, TEXT_LEFT, 0 },
	{ N_("starts"), 16, 0, 0, 0, TEXT_LEFT, 0 },
	{ N_("place"), 0, 6, 0, 1, TEXT_LEFT, 0 },
	{ N_("capacity"), 0, 4, 6, 0, TEXT_RIGHT, 0 },
	{ N_("enrolled"), 0, 4, 8, 0, TEXT_RIGHT, 0 },
	{ N_("waiting"), 0, 4, 14, 0, TEXT_RIGHT, 0 },
	{ N_("marked"), 0, 4, 8, 0, TEXT_RIGHT, 0 },
};
static const struct table_column roster_cols[] = {
	{ N_("name"), 0, 8, 16, 0, TEXT_LEFT, 0 },
	{ N_("kana"), 0, 8, 18, 0, TEXT_LEFT, 0 },
	{ N_("department"), 0, 6, 14, 0, TEXT_LEFT, 0 },
	{ N_("attendance"), 0, 6, 10, 0, TEXT_LEFT, 0 },
	{ N_("enrolment"), 0, 6, 14, 0, TEXT_LEFT, 0 },
	{ N_("note"), 0, 4, 0, 1, TEXT_LEFT, 0 },
};

/* The roster's marking actions, in the order the hint line shows them. */
static const struct {
	enum action	 action;
	const char	*code;
} tr_marks[] = { { ACTION_MARK_PRESENT, "present" }, { ACTION_MARK_LATE, "late" },
    { ACTION_MARK_EXCUSED, "excused" }, { ACTION_MARK_ABSENT, "absent" } };

static const struct keymap_bind tr_keys[] = {
	{ "a", ACTION_NEW, 1 },			/* a course, or a session of the course */
	{ "c", ACTION_EDIT, 1 },		/* change the selected course or session */
	{ "T", ACTION_TRANSCRIPT, 1 },
	{ "D", ACTION_REPORT, 1 },
	{ KEYMAP_EXPORT_KEY, ACTION_EXPORT_LINE, 1 },	/* the export / import as ssh lines */
	{ "p", ACTION_MARK_PRESENT, 0 },
	{ "l", ACTION_MARK_LATE, 0 },
	{ "e", ACTION_MARK_EXCUSED, 0 },
	{ "x", ACTION_MARK_ABSENT, 0 },
	{ "A", ACTION_ALL_PRESENT, 0 },
	{ "R", ACTION_RELOAD, 0 },
};

/* The roster's own actions: elsewhere their keys keep their generic meaning (l: right). */
static int
tr_roster_action(enum action a)
{
	size_t	 i;

	for (i = 0; i < nitems(tr_marks); i++)
		if (a == tr_marks[i].action)
			return 1;
	return a == ACTION_ALL_PRESENT;
}

/* --- the current level's rows as a table source (small lists, held in memory) --- */

static int
tr_match(const struct training_list *l, int r, const char *filter)
{
	int c;

	if (filter == NULL || *filter == '\0')
		return 1;
	for (c = 0; c < l->ncols; c++)
		if (strstr(l->cells[r * l->ncols + c], filter) != NULL)
			return 1;
	return 0;
}

/* Index in the list of the row with key, or -1. */
static int
tr_find(const struct training_list *l, const char *key)
{
	int r;

	for (r = 0; key != NULL && r < l->nrows; r++)
		if (strcmp(l->keys[r], key) == 0)
			return r;
	return -1;
}

static int
tr_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	struct tr *st = arg;
	const struct training_list *l = &st->list;
	int *idx = xcalloc((size_t)l->nrows + 1, sizeof *idx), m = 0, at = -1, from, to, i, c, k;

	(void)cause;
	for (i = 0; i < l->nrows; i++)
		if (tr_match(l, i, q->filter)) {
			if (anchor != NULL && strcmp(l->keys[i], anchor->key) == 0)
				at = m;
			idx[m++] = i;
		}
	if (dir == TABLE_AFTER) {
		from = anchor == NULL ? 0 : at < 0 ? m : at + 1;
		to = from + n < m ? from + n : m;
	} else {
		to = anchor == NULL ? m : at < 0 ? 0 : at;
		from = to - n > 0 ? to - n : 0;
	}
	*rows = xcalloc((size_t)(to > from ? to - from : 0) + 1, sizeof **rows);
	for (k = 0, i = from; i < to; i++, k++) {
		table_row_alloc(&(*rows)[k], l->keys[idx[i]], l->ncols);
		for (c = 0; c < l->ncols; c++)
			table_row_set(&(*rows)[k], c, l->cells[idx[i] * l->ncols + c]);
	}
	free(idx);
	return k;
}

static long
tr_count(void *arg, const struct table_query *q, char **cause)
{
	struct tr *st = arg;
	long n = 0;
	int i;

	(void)cause;
	for (i = 0; i < st->list.nrows; i++)
		n += tr_match(&st->list, i, q->filter);
	return n;
}

static long
tr_rank(void *arg, const struct table_query *q, const struct table_row *anchor, char **cause)
{
	struct tr *st = arg;
	long n = 0;
	int i;

	(void)cause;
	for (i = 0; i < st->list.nrows; i++) {
		if (strcmp(st->list.keys[i], anchor->key) == 0)
			return n;
		n += tr_match(&st->list, i, q->filter);
	}
	return -1;
}

/* The roster as list rows: key = login. */
static void
tr_roster_list(struct tr *st)
{
	struct training_list *l = &st->list;
	int i;

	training_list_free(l);
	l->nrows = st->roster.n;
	l->ncols = 6;
	l->keys = xcalloc((size_t)l->nrows + 1, sizeof *l->keys);
	l->cells = xcalloc((size_t)l->nrows * 6 + 1, sizeof *l->cells);
	for (i = 0; i < l->nrows; i++) {
		const struct training_person *q = &st->roster.people[i];
		char **c = &l->cells[i * 6];

		l->keys[i] = xstrdup(q->login);
		c[0] = xstrdup(q->name);
		c[1] = xstrdup(q->kana);
		c[2] = xstrdup(q->dept);
		c[3] = xstrdup(q->status[0] ? training_status_label(q->status) : "・");
		c[4] = xstrdup(training_label(q->enrol));
		c[5] = xstrdup(q->note);
	}
}

/* An out_table (from the store: the same rows the command prints) as list rows. */
static void
tr_table_list(struct training_list *l, struct out_table *t)
{
	int r, c, n = out_count(t), nc = out_ncols(t);
	const char *v;

	l->nrows = n;
	l->ncols = nc;
	l->keys = xcalloc((size_t)n + 1, sizeof *l->keys);
	l->cells = xcalloc((size_t)n * (size_t)nc + 1, sizeof *l->cells);
	for (r = 0; r < n; r++) {
		l->keys[r] = xasprintf("%d", r);
		for (c = 0; c < nc; c++)
			l->cells[r * nc + c] = xstrdup((v = out_cell(t, r, c)) != NULL ? v : "");
	}
	out_free(t);
}

/* A side view's rows; 0 or -1 with *cause. */
static int
tr_load_side(struct screen *s, struct training_list *l, char **cause)
{
	struct tr *st = s->data;
	struct out_table *t;

	memset(l, 0, sizeof *l);
	if (st->level == TR_TRANSCRIPT)
		t = training_transcript(s->app->ctx, st->who, app_today(s->app), 1, cause);
	else if (st->level == TR_REPORT)
		t = training_report_courses(s->app->ctx, st->fy, 1, cause);
	else
		t = training_report_dx(s->app->ctx, st->fy, 1, cause);
	if (t == NULL)
		return -1;
	tr_table_list(l, t);
	return 0;
}

/* Read the current level from the database; 0 or -1 with *cause. */
static int
tr_load(struct screen *s, char **cause)
{
	struct tr *st = s->data;
	struct training_list fresh;
	struct training_roster r;

	if (s->app->ctx == NULL)
		return set_cause(cause, "%s", _("No database"));
	switch (st->level) {
	case TR_COURSES:
		if (training_list_courses(s->app->ctx, &fresh, cause) != 0)
			return -1;
		break;
	case TR_SESSIONS:
		if (training_list_sessions(s->app->ctx, st->course, &fresh, cause) != 0)
			return -1;
		break;
	case TR_TRANSCRIPT:
	case TR_REPORT:
	case TR_DX:
		if (tr_load_side(s, &fresh, cause) != 0)
			return -1;
		break;
	default:
		if (training_roster_load(s->app->ctx, st->session, &r, cause) != 0)
			return -1;
		training_roster_free(&st->roster);
		st->roster = r;
		tr_roster_list(st);
		return 0;
	}
	training_list_free(&st->list);
	st->list = fresh;
	return 0;
}

/* Show level's columns, from the first row (or the row with key). */
static int
tr_enter(struct screen *s, enum tr_level level, const char *key, char **cause)
{
	struct tr *st = s->data;
	struct table_source src = { tr_fetch, tr_count, tr_rank, st };
	enum tr_level was = st->level;
	int r;

	st->level = level;
	if (tr_load(s, cause) != 0) {
		st->level = was;
		return -1;
	}
	table_free(&st->table);
	if (level == TR_COURSES)
		table_init(&st->table, course_cols, (int)nitems(course_cols), &src);
	else if (level == TR_SESSIONS)
		table_init(&st->table, session_cols, (int)nitems(session_cols), &src);
	else if (level == TR_TRANSCRIPT)
		table_init(&st->table, training_transcript_cols, training_ntranscript_cols, &src);
	else if (level == TR_REPORT)
		table_init(&st->table, training_report_cols, training_nreport_cols, &src);
	else if (level == TR_DX)
		table_init(&st->table, training_dx_cols, training_ndx_cols, &src);
	else {
		table_init(&st->table, roster_cols, (int)nitems(roster_cols), &src);
		st->table.q.sort = 1;	/* the order is the kana's (the store sorts) */
	}
	if (table_reset(&st->table, cause) != 0)
		return -1;
	if (key != NULL && (r = tr_find(&st->list, key)) > 0)
		table_move(&st->table, r, NULL);
	return 0;
}

/*
 * Who sees which keys: writing courses, sessions and marks is for trainers and IT staff
 * (the policies on course, course_session and attendance); others are not shown keys
 * that could only be refused. The database still decides.
 */
static int
tr_allowed(const struct screen *s, enum action a)
{
	const char *role = s->app->who != NULL ? s->app->who->role : "";

	if (a == ACTION_NEW || a == ACTION_EDIT || a == ACTION_ALL_PRESENT || tr_roster_action(a))
		return strcmp(role, "admin") == 0 || strcmp(role, "trainer") == 0;
	return 1;
}

static int
tr_init(struct screen *s, char **cause)
{
	struct tr *st = xcalloc(1, sizeof *st);
	char *why = NULL;

	s->data = st;
	(void)cause;
	(void)common_keymap_for_role(s, tr_allowed, NULL);
	st->fy = common_fy(s, 0, 0);	/* the reports: any year */
	if (tr_enter(s, TR_COURSES, NULL, &why) != 0) {
		chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
		free(why);
	}
	return 0;
}

static void
tr_fini(struct screen *s)
{
	struct tr *st = s->data;

	editform_close(&st->form);
	training_edit_free(st->edit);
	table_free(&st->table);
	training_list_free(&st->list);
	training_roster_free(&st->roster);
	free(st->course_name);
	free(st->course_code);
	free(st->from_key);
	free(st->who);
	free(st->who_name);
	free(st);
	s->data = NULL;
}

/* Mark one person (by login); on success the row shows it. */
static int
tr_mark(struct screen *s, const char *login, const char *code)
{
	struct tr *st = s->data;
	char *cause = NULL;
	int changed, r;

	if (training_mark(s->app->ctx, st->session, login, code, NULL, &changed, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
		free(cause);
		return -1;
	}
	if ((r = tr_find(&st->list, login)) >= 0) {
		free(st->roster.people[r].status);
		st->roster.people[r].status = xstrdup(code);
		free(st->list.cells[r * 6 + 3]);
		st->list.cells[r * 6 + 3] = xstrdup(training_status_label(code));
	}
	return 0;
}

static int
tr_roster_key(struct screen *s, enum action a)
{
	struct tr *st = s->data;
	const struct table_row *row = table_selected(&st->table);
	char *cause = NULL;
	size_t i;
	int n = 0, k;

	if (a == ACTION_ALL_PRESENT) {
		char *q;
		int ok;

		for (k = 0; k < st->roster.n; k++)
			n += st->roster.people[k].status[0] == '\0';
		if (n == 0) {
			chrome_message(&s->app->msg, 0, "%s", _("Everyone is marked already"));
			return TUI_HANDLED | TUI_REDRAW;
		}
		q = xasprintf(_("Mark %d of %d people not yet marked present?"), n, st->roster.n);
		ok = dialog_confirm(q);
		free(q);
		if (!ok) {
			chrome_message(&s->app->msg, 0, "%s", _("Nothing marked"));
			return TUI_HANDLED | TUI_REDRAW;
		}
		n = 0;
		if (store_tx_begin(s->app->ctx, &cause) != 0)
			goto fail;
		for (k = 0; k < st->roster.n; k++) {
			if (st->roster.people[k].status[0] != '\0')
				continue;
			if (tr_mark(s, st->roster.people[k].login, "present") != 0) {
				store_tx_rollback(s->app->ctx);
				tr_load(s, NULL);	/* the rows as saved */
				table_reload(&st->table, NULL);
				return TUI_HANDLED | TUI_REDRAW;
			}
			n++;
		}
		if (store_tx_commit(s->app->ctx, &cause) != 0)
			goto fail;
		chrome_message(&s->app->msg, 0, _("%d marked present"), n);
		table_reload(&st->table, NULL);
		return TUI_HANDLED | TUI_REDRAW;
	}
	for (i = 0; i < nitems(tr_marks); i++) {
		if (a != tr_marks[i].action)
			continue;
		if (row == NULL)
			return TUI_HANDLED;
		if (tr_mark(s, row->key, tr_marks[i].code) == 0) {
			table_reload(&st->table, NULL);
			table_move(&st->table, 1, NULL);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_PASS;
fail:
	chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
	free(cause);
	return TUI_HANDLED | TUI_REDRAW;
}

/* Open a side view (T transcript of login, D the reports) from the current level. */
static int
tr_side(struct screen *s, enum tr_level level, const char *login, const char *name)
{
	struct tr *st = s->data;
	const struct table_row *row = table_selected(&st->table);
	char *cause = NULL;
	enum tr_level from = st->level;

	if (from < TR_TRANSCRIPT) {
		st->from = from;
		free(st->from_key);
		st->from_key = row != NULL ? xstrdup(row->key) : NULL;
	}
	if (level == TR_TRANSCRIPT) {
		free(st->who);
		free(st->who_name);
		st->who = xstrdup(login);
		st->who_name = xstrdup(name);
	}
	if (tr_enter(s, level, NULL, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
		free(cause);
		if (from != st->level || from >= TR_TRANSCRIPT)
			return TUI_HANDLED | TUI_REDRAW;
		tr_enter(s, from, st->from_key, NULL);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

/* T, D and q on the side views; TUI_PASS for anything else. */
static int
tr_side_key(struct screen *s, enum action a)
{
	struct tr *st = s->data;
	const struct table_row *row = table_selected(&st->table);
	char *cause = NULL;
	int r;

	if (st->table.filtering)
		return TUI_PASS;
	if (a == ACTION_TRANSCRIPT && st->level == TR_ROSTER && row != NULL) {
		r = tr_find(&st->list, row->key);
		return tr_side(s, TR_TRANSCRIPT, row->key, r >= 0 ? st->list.cells[r * 6] : "");
	}
	if (a == ACTION_TRANSCRIPT && st->level < TR_TRANSCRIPT && s->app->who != NULL)
		return tr_side(s, TR_TRANSCRIPT, s->app->who->login, s->app->who->name);
	if (a == ACTION_REPORT)
		return tr_side(s, st->level == TR_REPORT ? TR_DX : TR_REPORT, NULL, NULL);
	if (a == ACTION_BACK && st->level >= TR_TRANSCRIPT) {
		if (tr_enter(s, st->from, st->from_key, &cause) != 0) {
			chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
			free(cause);
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (st->level >= TR_TRANSCRIPT && a == ACTION_ENTER)
		return TUI_HANDLED;
	return TUI_PASS;
}

/* Close the open form (a new one or an edit). */
static void
tr_form_close(struct tr *st)
{
	editform_close(&st->form);
	training_edit_free(st->edit);
	st->edit = NULL;
}

/* Show level again from the database, on the row with key; a failure said. */
static void
tr_reenter(struct screen *s, const char *key)
{
	struct tr *st = s->data;
	char *cause = NULL;

	if (tr_enter(s, st->level, key, &cause) != 0) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
		free(cause);
	}
}

/* An edit saved by the store function its command calls (the conflict dialog if stale). */
static int
tr_save_edit(struct screen *s)
{
	struct tr *st = s->data;
	const struct table_row *row = table_selected(&st->table);
	char *done = NULL, *key;

	st->form->want = FORM_WANT_NOTHING;
	if (!training_form_save_edit(s, st->edit, &done))
		return TUI_HANDLED | TUI_REDRAW;	/* the form stays; the status line says why */
	tr_form_close(st);
	key = row != NULL ? xstrdup(row->key) : NULL;
	tr_reenter(s, key);
	chrome_message(&s->app->msg, 0, "%s", done);
	free(done);
	free(key);
	return TUI_HANDLED | TUI_REDRAW;
}

/* The form's values to the store function its command calls; the outcome said. */
static int
tr_save(struct screen *s)
{
	struct tr *st = s->data;
	char *cause = NULL, *key = NULL;
	int id = 0;

	if (st->edit != NULL)
		return tr_save_edit(s);
	if (training_form_save(s, st->form, st->course_code, &id, &cause) != 0) {
		/* the form stays, with what was typed: the reason on the status line */
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "?");
		free(cause);
		return TUI_HANDLED | TUI_REDRAW;
	}
	editform_close(&st->form);
	key = xasprintf("%d", id);
	tr_reenter(s, key);
	chrome_message(&s->app->msg, 0, "%s %d", st->level == TR_COURSES ? _("course added:") :
	    _("session added:"), id);
	free(key);
	return TUI_HANDLED | TUI_REDRAW;
}

/* a: a new course (the course list) or a new session of the course shown. */
static int
tr_new(struct screen *s)
{
	struct tr *st = s->data;

	if (st->level != TR_COURSES && st->level != TR_SESSIONS)
		return TUI_HANDLED;
	st->form = training_form_new(st->level == TR_SESSIONS);
	return TUI_HANDLED | TUI_REDRAW;
}

/* c: the selected course's or session's edit form, filled from the database. */
static int
tr_edit(struct screen *s)
{
	struct tr *st = s->data;
	const struct table_row *row = table_selected(&st->table);
	char *cause = NULL;
	int r;

	if ((st->level != TR_COURSES && st->level != TR_SESSIONS) || row == NULL)
		return TUI_HANDLED;
	if (st->level == TR_COURSES) {
		if ((r = tr_find(&st->list, row->key)) < 0)
			return TUI_HANDLED;
		st->form = training_form_edit(s, st->list.cells[r * 4], 0, &st->edit, &cause);
	} else
		st->form = training_form_edit(s, NULL, atoi(row->key), &st->edit, &cause);
	if (st->form == NULL) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
		free(cause);
	}
	return TUI_HANDLED | TUI_REDRAW;
}

static int
tr_handle(struct screen *s, int key, enum action a)
{
	struct tr *st = s->data;
	const struct table_row *row = table_selected(&st->table);
	char *cause = NULL, *key_back = NULL;
	int flags, r;

	if (st->form != NULL) {
		flags = editform_key(s, &st->form, key, a, tr_save);
		if (st->form == NULL && st->edit != NULL)
			tr_form_close(st);	/* left without saving */
		return flags;
	}
	if (!st->table.filtering && a == ACTION_NEW && keymap_binds(&s->keymap, a))
		return tr_new(s);
	if (!st->table.filtering && a == ACTION_EDIT && keymap_binds(&s->keymap, a))
		return tr_edit(s);
	if (!st->table.filtering && a == ACTION_EXPORT_LINE)
		return training_export_lines(s, st->level == TR_ROSTER ? st->session : 0,
		    st->fy);

	if (tr_roster_action(a) && (st->level != TR_ROSTER || st->table.filtering))
		a = keymap_lookup(NULL, key);
	if (st->level == TR_ROSTER && !st->table.filtering &&
	    (flags = tr_roster_key(s, a)) != TUI_PASS)
		return flags;
	if ((flags = tr_side_key(s, a)) != TUI_PASS)
		return flags;
	if (a == ACTION_ENTER && st->level != TR_ROSTER && row != NULL) {
		if (st->level == TR_COURSES) {
			r = tr_find(&st->list, row->key);
			st->course = atoi(row->key);
			free(st->course_code);
			st->course_code = xstrdup(st->list.cells[r * 4]);
			free(st->course_name);
			st->course_name = xasprintf("%s %s", st->list.cells[r * 4],
			    st->list.cells[r * 4 + 1]);
			if (tr_enter(s, TR_SESSIONS, NULL, &cause) != 0)
				goto fail;
		} else {
			st->session = atoi(row->key);
			if (tr_enter(s, TR_ROSTER, NULL, &cause) != 0)
				goto fail;
		}
		return TUI_HANDLED | TUI_REDRAW;
	}
	if (a == ACTION_BACK && st->level != TR_COURSES && !st->table.filtering) {
		char idbuf[16];

		snprintf(idbuf, sizeof idbuf, "%d", st->level == TR_ROSTER ? st->session : st->course);
		key_back = idbuf;
		if (tr_enter(s, st->level - 1, key_back, &cause) != 0)
			goto fail;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return table_key(&st->table, key, a);
fail:
	chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : "");
	free(cause);
	return TUI_HANDLED | TUI_REDRAW;
}

static int
tr_reload(struct screen *s, char **cause)
{
	struct tr *st = s->data;

	if (tr_load(s, cause) != 0)
		return -1;
	return table_reload(&st->table, cause);
}

static int
tr_on_notify(struct screen *s, const char *table, const char *key)
{
	static const char *const watched[] = { "course", "course_session", "enrolment",
	    "attendance" };
	size_t i;

	(void)s;
	(void)key;
	for (i = 0; i < nitems(watched); i++)
		if (strcmp(table, watched[i]) == 0)
			return TUI_RELOAD;
	return TUI_PASS;
}

static void
tr_draw(struct screen *s, WINDOW *win, int y, int x, int h, int w)
{
	struct tr *st = s->data;
	char *head, hint[256], keyname[32];
	int marked = 0, i, body = h - 1;
	size_t n = 0;

	if (st->form != NULL)
		head = xstrdup(_(st->form->title));
	else if (st->level == TR_COURSES)
		head = xasprintf("%s  (T %s, D %s)", _("Courses (Enter: sessions)"),
		    _("my transcript"), _("report"));
	else if (st->level == TR_SESSIONS)
		head = xasprintf("%s › %s", st->course_name, _("sessions (Enter: roster)"));
	else if (st->level == TR_TRANSCRIPT)
		head = xasprintf("%s: %s  (q %s)", _("Transcript"), st->who_name, _("back"));
	else if (st->level >= TR_REPORT) {
		char fyname[FY_BUFSIZE];

		fy_format(st->fy, i18n_lang(), fyname, sizeof fyname);
		head = xasprintf("%s %s  (D %s, q %s)", st->level == TR_REPORT ?
		    _("Mandatory courses:") : _("DX leaders against target:"), fyname,
		    st->level == TR_REPORT ? _("DX leaders") : _("mandatory courses"), _("back"));
	} else {
		for (i = 0; i < st->roster.n; i++)
			marked += st->roster.people[i].status[0] != '\0';
		head = xasprintf("%s %s %s  %s %d/%d", st->roster.course_code, st->roster.starts,
		    st->roster.place, _("marked"), marked, st->roster.n);
	}
	tui_cell(win, y, x, head, w, TEXT_LEFT, tui_attr(TUI_PAL_HEADER));
	free(head);
	if (st->level == TR_ROSTER) {
		hint[0] = '\0';
		for (i = 0; i < (int)nitems(tr_marks) && n < sizeof hint &&
		    keymap_binds(&s->keymap, ACTION_ALL_PRESENT); i++) {
			keymap_keys_for(&s->keymap, tr_marks[i].action, keyname, sizeof keyname);
			n += (size_t)snprintf(hint + n, sizeof hint - n, "%s %s  ", keyname,
			    training_status_label(tr_marks[i].code));
		}
		if (n < sizeof hint && keymap_binds(&s->keymap, ACTION_ALL_PRESENT))
			snprintf(hint + n, sizeof hint - n, "A %s  T %s  D %s", _("all present"),
			    _("transcript"), _("report"));
		else if (n < sizeof hint)
			snprintf(hint + n, sizeof hint - n, "T %s  D %s", _("transcript"),
			    _("report"));
		tui_cell(win, y + h - 1, x, hint, w, TEXT_LEFT, tui_attr(TUI_PAL_KEYLABEL));
		body--;
	}
	if (st->form != NULL)
		editform_draw(st->form, NULL, win, y + 1, x, body, w);
	else
		table_draw(&st->table, win, y + 1, x, body, w);
}

static void
tr_status(struct screen *s, char *buf, size_t len)
{
	struct tr *st = s->data;

	editform_status(st->form, &st->table, buf, len);
}

const struct screen_ops training_ops = {
	.keys = tr_keys,			/* T, D; the roster's marks; R reload */
	.nkeys = nitems(tr_keys),
	.init = tr_init,			/* the course list */
	.draw = tr_draw,			/* heading, table, the roster's key hint */
	.handle = tr_handle,			/* Enter down, q up, p/l/e/x/A on the roster */
	.reload = tr_reload,			/* F5, reconnect */
	.on_notify = tr_on_notify,		/* another session's marks show up */
	.status = tr_status,			/* "12 / 40" */
	.fini = tr_fini,
};
