/*
 * people — what the people screens share (see people.h).
 */
#include "screens/people.h"

#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/store/outcome.h"
#include "tui/app.h"

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
