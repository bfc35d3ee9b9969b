/*
 * people — what the people screens share (see people.h).
 */
#include "screens/people.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/util.h"
#include "backend/store/outcome.h"
#include "screens/sshline.h"
#include "tui/app.h"
#include "tui/dialog.h"

int
people_report(struct screen *s, int rc, const char *what, const char *cause)
{
	switch (rc) {
	case STORE_OK:
		chrome_message(&s->app->msg, 0, "%s", what);
		return 0;
	case STORE_REFUSED:	/* the store's reason, picked by the refusal's code */
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("Refused"));
		break;
	case STORE_STALE:
		chrome_message(&s->app->msg, 1, "%s",
		    _("Someone else changed this record; read it again (F5)"));
		break;
	default:
		chrome_message(&s->app->msg, 1, "%s", cause != NULL ? cause : _("Save failed"));
		break;
	}
	return 1;
}

int
people_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	(void)key;
	if (strcmp(table, "staff") == 0 || strcmp(table, "department") == 0)
		return TUI_RELOAD;
	return TUI_PASS;
}

int
people_role_in(const char *role, const char *roles)
{
	size_t	 n = strlen(role);
	const char *p = roles;

	while (n > 0 && (p = strstr(p, role)) != NULL) {
		if ((p == roles || p[-1] == ' ') && (p[n] == '\0' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}

int
people_hidden(const struct screen *s, enum action a)
{
	size_t	 i;

	for (i = 0; i < s->ops->nkeys; i++)
		if (s->ops->keys[i].action == a)
			return !keymap_binds(&s->keymap, a);
	return 0;
}

/* A word as the local shell then rashin's own splitting read it back. */
static char *
people_quote(const char *w)
{
	const char	*p;

	if (*w == '\0')
		return xstrdup("\"''\"");
	for (p = w; *p != '\0'; p++)
		if (strchr(" \t'\"\\$`!*?[]{}()<>|&;#~", *p) != NULL)
			break;
	if (*p == '\0')
		return xstrdup(w);
	if (strpbrk(w, "'\"\\$`!") == NULL)
		return xasprintf("\"'%s'\"", w);	/* "'a b'": one word at both ends */
	return xasprintf("'%s'", "?");			/* cannot be said safely */
}

void
people_export(struct screen *s, const char *const *words)
{
	char		**lines = NULL, *line, *q, *t;
	int		 n = 0, i, room = 60;

#define ADD(str) do { lines = xreallocarray(lines, (size_t)n + 1, sizeof *lines); \
	lines[n++] = (str); } while (0)
	ADD(xstrdup(_("Run this in a terminal on your own computer (copy it):")));
	ADD(xstrdup(""));
	t = sshline_target(s);
	line = xasprintf("ssh %s", t);
	free(t);
	for (i = 0; words[i] != NULL; i++) {
		q = people_quote(words[i]);
		if (text_width(line) + 1 + text_width(q) > room) {
			ADD(xasprintf("%s \\", line));
			t = xasprintf("  %s", q);
		} else
			t = xasprintf("%s %s", line, q);
		free(line);
		free(q);
		line = t;
	}
	ADD(line);
	ADD(xstrdup(""));
	ADD(xstrdup(_("Add > FILE at the end to save it in a file.")));
#undef ADD
	dialog_text(_("Export"), (const char *const *)lines, n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
}
