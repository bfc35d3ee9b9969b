/*
 * labels — code to label tables, translated with gettext.
 */
#include "backend/lib/labels.h"

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
