/*
 * training_form — :training's forms for a new course and a new session (see
 * training_form.h). Who may is the database's (policies on course, course_session).
 */
#include "screens/training_form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/store_training.h"
#include "screens/editform.h"
#include "tui/app.h"
#include "tui/form.h"

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
