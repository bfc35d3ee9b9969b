/*
 * training_form — :training's forms for a new course and a new session, and for
 * editing one (see training_form.h); also its side views' columns and export lines.
 * Who may is the database's (policies on course, course_session).
 */
#include "screens/training_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/outcome.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_training.h"
#include "screens/common.h"
#include "screens/editform.h"
#include "tui/app.h"
#include "tui/form.h"
#include "tui/table.h"

/* a: the new course's fields (the `training course add` command's arguments). */
static const struct form_choice tr_categories[] = {
	{ "dx_leader", N_("DX leader development") }, { "ict_basic", N_("ICT basics") },
	{ "security_general", N_("security (staff)") },
	{ "security_manager", N_("security (managers)") },
	{ "info_asset", N_("information assets") }, { "gen_ai", N_("generative AI") },
	{ "other", N_("other") },
};
static const struct form_choice tr_yesno[] = { { "no", N_("no") }, { "yes", N_("yes") } };
enum { TC_CODE, TC_TITLE, TC_CATEGORY, TC_MANDATORY };
static const struct form_field_def tr_course_fields[] = {
	[TC_CODE] = { .name = "code", .label = N_("Code"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 32 },
	[TC_TITLE] = { .name = "title", .label = N_("Course title"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 200 },
	[TC_CATEGORY] = { .name = "category", .label = N_("Category"), .type = FORM_CHOICE,
	    .required = 1, .choices = tr_categories, .nchoices = nitems(tr_categories) },
	[TC_MANDATORY] = { .name = "mandatory", .label = N_("Mandatory"), .type = FORM_CHOICE,
	    .required = 1, .choices = tr_yesno, .nchoices = nitems(tr_yesno) },
};

/* "YYYY-MM-DD HH:MM" as `training session add` takes it. */
static int
tr_valid_starts(const char *v, char **cause)
{
	int y, mo, d, h, mi;
	char end;

	if (sscanf(v, "%4d-%2d-%2d %2d:%2d%c", &y, &mo, &d, &h, &mi, &end) != 5 ||
	    strlen(v) != 16 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59)
		return set_cause(cause, "%s", _("as YYYY-MM-DD HH:MM"));
	return 0;
}

/* a on a course's sessions: `training session add COURSE "DATE TIME" --place --capacity`. */
enum { TS_STARTS, TS_PLACE, TS_CAPACITY };
static const struct form_field_def tr_session_fields[] = {
	[TS_STARTS] = { .name = "starts", .label = N_("Starts (YYYY-MM-DD HH:MM)"),
	    .type = FORM_TEXT, .required = 1, .maxlen = 16, .validate = tr_valid_starts },
	[TS_PLACE] = { .name = "place", .label = N_("Place"), .type = FORM_TEXT, .maxlen = 200 },
	[TS_CAPACITY] = { .name = "capacity", .label = N_("Capacity (empty: no limit)"),
	    .type = FORM_INT, .min = 1, .max = 10000 },
};

struct form *
training_form_new(int session)
{
	struct form *f;

	if (session)
		return editform_open(N_("New session"), tr_session_fields,
		    (int)nitems(tr_session_fields), NULL);
	f = editform_open(N_("New course"), tr_course_fields, (int)nitems(tr_course_fields),
	    NULL);
	form_set(f, TC_CATEGORY, "other");
	form_set(f, TC_MANDATORY, "no");
	return f;
}

int
training_form_save(struct screen *s, struct form *f, const char *course_code, int *id,
    char **cause)
{
	char *v[4] = { NULL, NULL, NULL, NULL };
	int rc, i, session = f->fields[0].def == &tr_session_fields[0];

	for (i = 0; i < f->n && i < 4; i++)
		v[i] = form_get(f, i);
	if (!session)
		rc = training_course_add(s->app->ctx, v[TC_CODE], v[TC_CATEGORY], v[TC_TITLE],
		    strcmp(v[TC_MANDATORY], "yes") == 0, id, cause);
	else
		rc = training_session_add(s->app->ctx, course_code, v[TS_STARTS], v[TS_PLACE],
		    v[TS_CAPACITY][0] != '\0' ? atoi(v[TS_CAPACITY]) : 0, id, cause);
	for (i = 0; i < 4; i++)
		free(v[i]);
	return rc;
}

/* c on a course: what `training course edit` changes (the code stays). */
enum { CE_TITLE, CE_CATEGORY, CE_MANDATORY, CE_ATTEND, CE_PASS, CE_LATE, CE_N };
static const struct form_field_def tr_course_edit_fields[] = {
	[CE_TITLE] = { .name = "title", .label = N_("Course title"), .type = FORM_TEXT,
	    .required = 1, .maxlen = 200 },
	[CE_CATEGORY] = { .name = "category", .label = N_("Category"), .type = FORM_CHOICE,
	    .required = 1, .choices = tr_categories, .nchoices = nitems(tr_categories) },
	[CE_MANDATORY] = { .name = "mandatory", .label = N_("Mandatory"), .type = FORM_CHOICE,
	    .required = 1, .choices = tr_yesno, .nchoices = nitems(tr_yesno) },
	[CE_ATTEND] = { .name = "attend", .label = N_("Sessions to attend (empty: all)"),
	    .type = FORM_INT, .min = 1, .max = 1000 },
	[CE_PASS] = { .name = "pass-mark", .label = N_("Pass mark (empty: no test)"),
	    .type = FORM_INT, .min = 0, .max = 100 },
	[CE_LATE] = { .name = "late-ok", .label = N_("Late counts as attending"),
	    .type = FORM_CHOICE, .required = 1, .choices = tr_yesno, .nchoices = nitems(tr_yesno) },
};
/* c on a session: what `training session edit` changes (the course stays). */
enum { SE_STARTS, SE_PLACE, SE_CAPACITY, SE_TRAINER, SE_N };
static const struct form_field_def tr_session_edit_fields[] = {
	[SE_STARTS] = { .name = "starts", .label = N_("Starts (YYYY-MM-DD HH:MM)"),
	    .type = FORM_TEXT, .required = 1, .maxlen = 16, .validate = tr_valid_starts },
	[SE_PLACE] = { .name = "place", .label = N_("Place"), .type = FORM_TEXT, .maxlen = 200 },
	[SE_CAPACITY] = { .name = "capacity", .label = N_("Capacity (empty: no limit)"),
	    .type = FORM_INT, .min = 1, .max = 10000 },
	[SE_TRAINER] = { .name = "trainer", .label = N_("Trainer"), .type = FORM_PICKER,
	    .search = store_staff_login_search },
};

struct training_edit {
	int				 session;	/* 1: a session, 0: a course */
	struct form			*form;
	struct training_course_rec	 course, course_theirs;
	struct training_session_rec	 sess, sess_theirs;
	char				 num[6][16];	/* numbers shown in the conflict dialog */
};

static void
tr_set_int(struct form *f, int field, int v, int none)
{
	char buf[16] = "";

	if (v != none)
		snprintf(buf, sizeof buf, "%d", v);
	form_set(f, field, buf);
}

static void
tr_course_load(struct form *f, const struct training_course_rec *r)
{
	form_set(f, CE_TITLE, r->title);
	form_set(f, CE_CATEGORY, r->category);
	form_set(f, CE_MANDATORY, r->mandatory ? "yes" : "no");
	tr_set_int(f, CE_ATTEND, r->rule_n, 0);
	tr_set_int(f, CE_PASS, r->pass_mark, -1);
	form_set(f, CE_LATE, r->late_counts ? "yes" : "no");
}

static void
tr_session_load(struct form *f, const struct training_session_rec *r)
{
	form_set(f, SE_STARTS, r->starts);
	form_set(f, SE_PLACE, r->place);
	tr_set_int(f, SE_CAPACITY, r->capacity, 0);
	form_set_pick(f, SE_TRAINER, r->trainer[0] != '\0' ? r->trainer : NULL, r->trainer);
}

struct form *
training_form_edit(struct screen *s, const char *course, int session,
    struct training_edit **ep, char **cause)
{
	struct training_edit *e = xcalloc(1, sizeof *e);
	enum store_rc rc;

	e->session = session > 0;
	if (e->session)
		rc = training_session_get(s->app->ctx, session, &e->sess, cause);
	else
		rc = training_course_get(s->app->ctx, course, &e->course, cause);
	if (rc != STORE_OK) {
		free(e);
		return NULL;
	}
	if (e->session) {
		e->form = editform_open(N_("Edit the session"), tr_session_edit_fields, SE_N,
		    s->app->ctx);
		tr_session_load(e->form, &e->sess);
	} else {
		e->form = editform_open(N_("Edit the course"), tr_course_edit_fields, CE_N, NULL);
		tr_course_load(e->form, &e->course);
	}
	*ep = e;
	return e->form;
}

void
training_edit_free(struct training_edit *e)
{
	free(e);
}

/* An int field's value, or none when empty. */
static int
tr_get_int(const struct form *f, int field, int none)
{
	char *v = form_get(f, field);
	int n = v[0] != '\0' ? atoi(v) : none;

	free(v);
	return n;
}

/* The form into the record the edit saves (its version stays the one read). */
static void
tr_take_form(struct training_edit *e)
{
	struct form *f = e->form;
	char *v;

	if (e->session) {
		v = form_get(f, SE_STARTS);
		snprintf(e->sess.starts, sizeof e->sess.starts, "%s", v);
		free(v);
		v = form_get(f, SE_PLACE);
		snprintf(e->sess.place, sizeof e->sess.place, "%s", v);
		free(v);
		e->sess.capacity = tr_get_int(f, SE_CAPACITY, 0);
		v = form_get(f, SE_TRAINER);
		snprintf(e->sess.trainer, sizeof e->sess.trainer, "%s", v);
		free(v);
		return;
	}
	v = form_get(f, CE_TITLE);
	snprintf(e->course.title, sizeof e->course.title, "%s", v);
	free(v);
	v = form_get(f, CE_CATEGORY);
	snprintf(e->course.category, sizeof e->course.category, "%s", v);
	free(v);
	v = form_get(f, CE_MANDATORY);
	e->course.mandatory = strcmp(v, "yes") == 0;
	free(v);
	e->course.rule_n = tr_get_int(f, CE_ATTEND, 0);
	e->course.pass_mark = tr_get_int(f, CE_PASS, -1);
	v = form_get(f, CE_LATE);
	e->course.late_counts = strcmp(v, "yes") == 0;
	free(v);
}

static int
tr_edit_try(struct screen *s, void *arg, int *stale, char **cause)
{
	struct training_edit *e = arg;
	enum store_rc rc = e->session ?
	    training_session_update(s->app->ctx, &e->sess, cause) :
	    training_course_update(s->app->ctx, &e->course, cause);

	*stale = rc == STORE_STALE;
	return rc;
}

static const char *
tr_yes(int v)
{
	return v ? _("yes") : _("no");
}

static int
tr_edit_theirs(struct screen *s, void *arg, struct editform_conflict *c, char **cause)
{
	struct training_edit *e = arg;
	const struct training_session_rec *ts = &e->sess_theirs, *ms = &e->sess;
	const struct training_course_rec *tc = &e->course_theirs, *mc = &e->course;

	if (e->session) {
		if (training_session_get(s->app->ctx, ms->id, &e->sess_theirs, cause) != STORE_OK)
			return -1;
		store_last_change(s->app->ctx, "course_session", ms->id, c->who, c->when);
		snprintf(e->num[0], sizeof e->num[0], "%d", ts->capacity);
		snprintf(e->num[1], sizeof e->num[1], "%d", ms->capacity);
		c->d[0] = (struct dialog_diff){ _("starts"), ts->starts, ms->starts };
		c->d[1] = (struct dialog_diff){ _("place"), ts->place, ms->place };
		c->d[2] = (struct dialog_diff){ _("capacity"), e->num[0], e->num[1] };
		c->d[3] = (struct dialog_diff){ _("Trainer"), ts->trainer, ms->trainer };
		c->n = 4;
		return 0;
	}
	if (training_course_get(s->app->ctx, mc->code, &e->course_theirs, cause) != STORE_OK)
		return -1;
	store_last_change(s->app->ctx, "course", mc->id, c->who, c->when);
	snprintf(e->num[2], sizeof e->num[2], "%d", tc->rule_n);
	snprintf(e->num[3], sizeof e->num[3], "%d", mc->rule_n);
	snprintf(e->num[4], sizeof e->num[4], "%d", tc->pass_mark);
	snprintf(e->num[5], sizeof e->num[5], "%d", mc->pass_mark);
	c->d[0] = (struct dialog_diff){ _("course title"), tc->title, mc->title };
	c->d[1] = (struct dialog_diff){ _("category"), training_label(tc->category),
	    training_label(mc->category) };
	c->d[2] = (struct dialog_diff){ _("Mandatory"), tr_yes(tc->mandatory),
	    tr_yes(mc->mandatory) };
	c->d[3] = (struct dialog_diff){ _("Sessions to attend (empty: all)"), e->num[2],
	    e->num[3] };
	c->d[4] = (struct dialog_diff){ _("Pass mark (empty: no test)"), e->num[4], e->num[5] };
	c->d[5] = (struct dialog_diff){ _("Late counts as attending"), tr_yes(tc->late_counts),
	    tr_yes(mc->late_counts) };
	c->n = 6;
	return 0;
}

static void
tr_edit_take(struct screen *s, void *arg, int load)
{
	struct training_edit *e = arg;

	(void)s;
	if (e->session) {
		e->sess.version = e->sess_theirs.version;
		if (load)
			tr_session_load(e->form, &e->sess_theirs);
	} else {
		e->course.version = e->course_theirs.version;
		if (load)
			tr_course_load(e->form, &e->course_theirs);
	}
}

static const struct editform_saver tr_edit_saver = {
	.save = tr_edit_try,
	.theirs = tr_edit_theirs,
	.take = tr_edit_take,
};

int
training_form_save_edit(struct screen *s, struct training_edit *e, char **done)
{
	char *cause = NULL;
	int rc;

	*done = NULL;
	tr_take_form(e);
	if (editform_save(s, &tr_edit_saver, e, &rc, &cause) != EDITFORM_DONE) {
		free(cause);
		return 0;
	}
	if (rc != STORE_OK) {
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("Refused"));
		free(cause);
		return 0;
	}
	if (e->session)
		*done = xasprintf("%s %d (%s %d)", _("session saved:"), e->sess.id, _("version"),
		    e->sess.version);
	else
		*done = xasprintf("%s %s (%s %d)", _("course saved:"), e->course.code, _("version"),
		    e->course.version);
	return 1;
}

/* --- the side views' columns and the export lines (screens/training.c shows them) --- */

const struct table_column training_transcript_cols[] = {
	{ N_("course"), 0, 3, 8, 0, TEXT_LEFT, 0 },
	{ N_("course title"), 0, 8, 0, 1, TEXT_LEFT, 0 },
	{ N_("FY"), 0, 4, 4, 0, TEXT_LEFT, 0 },
	{ N_("attended"), 0, 3, 5, 0, TEXT_RIGHT, 0 },
	{ N_("score"), 0, 3, 5, 0, TEXT_RIGHT, 0 },
	{ N_("completion"), 0, 4, 6, 0, TEXT_LEFT, 0 },
	{ N_("completed on"), 10, 0, 0, 0, TEXT_LEFT, 0 },
	{ N_("certificate"), 0, 6, 16, 0, TEXT_LEFT, 0 },
	{ N_("valid until"), 10, 0, 0, 0, TEXT_LEFT, 0 },
	{ N_("state"), 0, 4, 8, 0, TEXT_LEFT, 0 },
};
const struct table_column training_report_cols[] = {
	{ N_("code"), 0, 6, 8, 0, TEXT_LEFT, 0 },
	{ N_("department"), 0, 6, 14, 0, TEXT_LEFT, 0 },
	{ N_("course"), 0, 3, 8, 0, TEXT_LEFT, 0 },
	{ N_("course title"), 0, 8, 0, 1, TEXT_LEFT, 0 },
	{ N_("people"), 0, 6, 6, 0, TEXT_RIGHT, 0 },
	{ N_("finished"), 0, 6, 6, 0, TEXT_RIGHT, 0 },
	{ N_("rate"), 0, 5, 6, 0, TEXT_RIGHT, 0 },
	{ N_("progress bar"), 10, 0, 0, 0, TEXT_LEFT, 0 },
};
const struct table_column training_dx_cols[] = {
	{ N_("code"), 0, 6, 8, 0, TEXT_LEFT, 0 },
	{ N_("department"), 0, 6, 0, 1, TEXT_LEFT, 0 },
	{ N_("target"), 0, 3, 6, 0, TEXT_RIGHT, 0 },
	{ N_("candidates"), 0, 3, 6, 0, TEXT_RIGHT, 0 },
	{ N_("in training"), 0, 3, 6, 0, TEXT_RIGHT, 0 },
	{ N_("certified"), 0, 3, 6, 0, TEXT_RIGHT, 0 },
	{ N_("rate"), 0, 5, 6, 0, TEXT_RIGHT, 0 },
	{ N_("progress bar"), 10, 0, 0, 0, TEXT_LEFT, 0 },
};
const int training_ntranscript_cols = nitems(training_transcript_cols);
const int training_nreport_cols = nitems(training_report_cols);
const int training_ndx_cols = nitems(training_dx_cols);

int
training_export_lines(struct screen *s, int session, int fy)
{
	char *c[3];
	int n = 0, i;

	if (session > 0) {
		c[n++] = xasprintf("training roster %d --csv > roster-%d.csv", session, session);
		c[n++] = xasprintf("training export --session %d > attendance-%d.csv", session,
		    session);
	} else
		c[n++] = xasprintf("training export --fy %d > attendance-%d.csv", fy, fy);
	c[n++] = xstrdup("training import attendance - < attendance.csv");
	common_ssh_lines(s, _("Export and import over ssh"), (const char *const *)c, n);
	for (i = 0; i < n; i++)
		free(c[i]);
	return TUI_HANDLED | TUI_REDRAW;
}
