/*
 * sshline — the `ssh ... COMMAND` line for a screen's export key: the server's host and
 * port as configured, the member's own login, the command as the command table spells it.
 */
#include "screens/sshline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/util.h"
#include "tui/app.h"
#include "tui/dialog.h"

static char	sshline_host[256] = "localhost";
static int	sshline_port = 22;

void
sshline_set(const char *host, int port)
{
	if (host == NULL || host[0] == '\0' || strcmp(host, "0.0.0.0") == 0 ||
	    strcmp(host, "::") == 0 || strcmp(host, "*") == 0) {
		if (gethostname(sshline_host, sizeof sshline_host) != 0 || sshline_host[0] == '\0')
			snprintf(sshline_host, sizeof sshline_host, "%s", "localhost");
		sshline_host[sizeof sshline_host - 1] = '\0';
	} else
		snprintf(sshline_host, sizeof sshline_host, "%s", host);
	if (port > 0)
		sshline_port = port;
}

char *
sshline_target(const struct screen *s)
{
	const char *login = s->app->who != NULL ? s->app->who->login : "LOGIN";

	/* an IPv6 address needs no brackets for ssh's user@host form */
	if (sshline_port != 22)
		return xasprintf("-p %d %s@%s", sshline_port, login, sshline_host);
	return xasprintf("%s@%s", login, sshline_host);
}

char *
sshline_make(const struct screen *s, const char *command, const char *file)
{
	char *to = sshline_target(s), *line;

	if (file == NULL)
		line = xasprintf("ssh %s %s", to, command);
	else
		line = xasprintf("ssh %s %s > %s", to, command, file);
	free(to);
	return line;
}

int
sshline_show(struct screen *s, const char *command, const char *file)
{
	char *lines[5];
	int i;

	lines[0] = xstrdup(_("Run this in a shell on your own computer (the console cannot "
	    "write to your disk):"));
	lines[1] = xstrdup("");
	lines[2] = sshline_make(s, command, file);
	lines[3] = xstrdup("");
	lines[4] = xstrdup(_("Select it with the mouse to copy (Shift+drag in some terminals)."));
	dialog_text(_("Export"), (const char *const *)lines, 5);
	for (i = 0; i < 5; i++)
		free(lines[i]);
	return TUI_HANDLED | TUI_REDRAW;
}
