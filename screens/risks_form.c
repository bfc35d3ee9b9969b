/*
 * risks_form — the fields of the `:risks` forms and their pickers (systems this member
 * may write, the migration steps in use).
 */
#include "screens/risks_form.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/store_mig.h"

static const struct form_choice kind_choices[] = {
	{ "issue", N_("issue") },
	{ "risk", N_("risk") },
	{ "question", N_("question") },
};

static const struct form_choice status_choices[] = {
	{ "open", N_("open") },
	{ "in_progress", N_("in progress") },
	{ "resolved", N_("resolved") },
};

/* Systems this member may log against, by name. */
static int
risks_sys_search(void *db, const char *query, int n, struct form_pick **out, char **cause)
{
	struct mig_refs r;
	int i, got = 0;

	*out = NULL;
	if (mig_systems_load(db, &r, cause) != 0)
		return -1;
	*out = xcalloc((size_t)n + 1, sizeof **out);
	for (i = 0; i < r.n && got < n; i++) {
		if (!r.v[i].writable || (query[0] != '\0' && strstr(r.v[i].name, query) == NULL))
			continue;
		(*out)[got].id = xasprintf("%d", r.v[i].id);
		(*out)[got].label = xasprintf("%s (%s)", r.v[i].name, r.v[i].dept);
		got++;
	}
	mig_refs_free(&r);
	return got;
}

/* The migration steps in use, by name or phase. */
static int
risks_step_search(void *db, const char *query, int n, struct form_pick **out, char **cause)
{
	struct mig_refs r;
	int i, got = 0;

	*out = NULL;
	if (mig_steps_load(db, 0, &r, cause) != 0)
		return -1;
	*out = xcalloc((size_t)n + 1, sizeof **out);
	for (i = 0; i < r.n && got < n; i++) {
		if (query[0] != '\0' && strstr(r.v[i].name, query) == NULL &&
		    strstr(r.v[i].dept, query) == NULL)
			continue;
		(*out)[got].id = xasprintf("%d", r.v[i].id);
		(*out)[got].label = xstrdup(r.v[i].name);
		got++;
	}
	mig_refs_free(&r);
	return got;
}

/* The add form: the system first; the edit form: the status instead. Read by name. */
const struct form_field_def risks_add_fields[] = {
	{ .name = "system", .label = N_("system"), .type = FORM_PICKER, .required = 1,
	    .search = risks_sys_search },
	{ .name = "title", .label = N_("title"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
	{ .name = "kind", .label = N_("kind"), .type = FORM_CHOICE, .required = 1,
	    .choices = kind_choices, .nchoices = nitems(kind_choices) },
	{ .name = "impact", .label = N_("impact"), .type = FORM_INT, .required = 1,
	    .min = 1, .max = 5 },
	{ .name = "likelihood", .label = N_("likelihood"), .type = FORM_INT, .required = 1,
	    .min = 1, .max = 5 },
	{ .name = "due", .label = N_("due"), .type = FORM_DATE },
	{ .name = "step", .label = N_("step"), .type = FORM_PICKER,
	    .search = risks_step_search },
	{ .name = "description", .label = N_("description"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 4 },
};

const struct form_field_def risks_edit_fields[] = {
	{ .name = "title", .label = N_("title"), .type = FORM_TEXT, .required = 1,
	    .maxlen = 200 },
	{ .name = "kind", .label = N_("kind"), .type = FORM_CHOICE, .required = 1,
	    .choices = kind_choices, .nchoices = nitems(kind_choices) },
	{ .name = "status", .label = N_("status"), .type = FORM_CHOICE, .required = 1,
	    .choices = status_choices, .nchoices = nitems(status_choices) },
	{ .name = "impact", .label = N_("impact"), .type = FORM_INT, .required = 1,
	    .min = 1, .max = 5 },
	{ .name = "likelihood", .label = N_("likelihood"), .type = FORM_INT, .required = 1,
	    .min = 1, .max = 5 },
	{ .name = "due", .label = N_("due"), .type = FORM_DATE },
	{ .name = "step", .label = N_("step"), .type = FORM_PICKER,
	    .search = risks_step_search },
	{ .name = "description", .label = N_("description"), .type = FORM_MULTILINE,
	    .maxlen = 8000, .rows = 4 },
};

const struct form_field_def risks_comment_fields[] = {
	{ .name = "body", .label = N_("comment"), .type = FORM_MULTILINE, .required = 1,
	    .maxlen = 4000, .rows = 4 },
};

const struct form_field_def risks_close_fields[] = {
	{ .name = "note", .label = N_("note (optional)"), .type = FORM_MULTILINE,
	    .maxlen = 4000, .rows = 4 },
};

const int risks_nadd_fields = nitems(risks_add_fields);
const int risks_nedit_fields = nitems(risks_edit_fields);
const int risks_nclose_fields = nitems(risks_close_fields);
