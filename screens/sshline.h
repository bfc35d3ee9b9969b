/*
 * sshline — the exact `ssh ... COMMAND` line that runs a screen's export from a shell on
 * the person's own computer (a pty cannot write to their disk), shown ready to copy.
 * The host and port are the server's (config server.listen, server.port), set once
 * before the console runs.
 */
#ifndef RASHIN_SSHLINE_H
#define RASHIN_SSHLINE_H

#include "tui/screen.h"

/* The server's address and port; an unspecified address (0.0.0.0, ::, "") is this host's name. */
void	 sshline_set(const char *host, int port);
/* "[-p PORT ]LOGIN@HOST" for the member on this screen, newly allocated. */
char	*sshline_target(const struct screen *);
/* "ssh [-p PORT] LOGIN@HOST COMMAND > FILE", newly allocated (FILE NULL: no redirection). */
char	*sshline_make(const struct screen *, const char *command, const char *file);
/* Show that line in a dialog with what it is for. Returns TUI_* flags. */
int	 sshline_show(struct screen *, const char *command, const char *file);

#endif
