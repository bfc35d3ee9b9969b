/*
 * labels — code to label tables, translated with gettext.
 */
#include "backend/lib/labels.h"

#include <stdio.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

struct label {
	const char	*code;
	const char	*text;
};

static const struct label roles[] = {
	{ "admin", N_("Administrator") },
	{ "lead", N_("Project lead") },
	{ "trainer", N_("Trainer") },
	{ "auditor", N_("Auditor") },
	{ "readonly", N_("Read only") },
};

static const char *
lookup(const struct label *v, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return _(v[i].text);
	return code;
}

const char *
label_role(const char *code)
{
	return lookup(roles, nitems(roles), code);
}

static const struct label vdi_states[] = {
	{ "requested", N_("requested") },
	{ "manager_approved", N_("manager approved") },
	{ "approved", N_("approved, to provision") },
	{ "rejected", N_("rejected") },
	{ "withdrawn", N_("withdrawn") },
	{ "scheduled", N_("scheduled (not yet valid)") },
	{ "active", N_("active") },
	{ "suspended", N_("suspended") },
	{ "expired", N_("expired") },
	{ "revoked", N_("revoked") },
	{ "none", N_("not enrolled") },
	{ "pending", N_("enrolling") },
	{ "enrolled", N_("enrolled") },
};

const char *
label_vdi_state(const char *code)
{
	return lookup(vdi_states, nitems(vdi_states), code);
}

static const struct label vdi_events[] = {
	{ "mfa.started", N_("MFA enrolment started") },
	{ "mfa.enrolled", N_("MFA enrolled") },
	{ "mfa.reset", N_("MFA was reset") },
	{ "account.provisioned", N_("account provisioned") },
};

const char *
label_vdi_event(const char *code, char *buf, size_t len)
{
	const char *t = lookup(vdi_events, nitems(vdi_events), code);

	if (t != code)
		return t;
	if (strncmp(code, "request.", 8) == 0)
		snprintf(buf, len, "%s: %s", i18n_pgettext("vdi", "request"),
		    label_vdi_state(code + 8));
	else if (strncmp(code, "account.", 8) == 0)
		snprintf(buf, len, "%s: %s", i18n_pgettext("vdi", "account"),
		    label_vdi_state(code + 8));
	else
		return code;
	return buf;
}

static const struct label vdi_reasons[] = {
	{ "staff deactivated", N_("the member was deactivated") },
};

const char *
label_vdi_reason(const char *text)
{
	return lookup(vdi_reasons, nitems(vdi_reasons), text);
}

const char *
label_yes(const char *code)
{
	return strcmp(code, "yes") == 0 ? _("yes") : strcmp(code, "no") == 0 ? _("no") : code;
}
