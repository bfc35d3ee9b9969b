/*
 * console — `rashin tui` and the SSH session's shell: the main loop (tui/app.c) with the
 * screen registry and the session's database connection. tui/ never sees libpq; the
 * connection reaches the loop through the callbacks filled here.
 */
#ifndef RASHIN_CONSOLE_H
#define RASHIN_CONSOLE_H

#include <stdio.h>

struct db;
struct identity;

struct console_opts {
	FILE		*in;		/* the terminal (pty); NULL = stdin */
	FILE		*out;		/* NULL = stdout */
	int		 color;		/* config ui.color */
	const char	*first;		/* first screen; NULL = "dash" */
	const char	*vdi_key_file;	/* config vdi.key_file (TOTP enrolment); NULL = none */
	int		 vdi_max_days;	/* config vdi.max_days (request form); 0 = 366 */
	int		 hub_fd;	/* the server's notification hub (backend/notifyhub.h),
					   read instead of a LISTEN; -1 = LISTEN */
	const char	*ssh_host;	/* config server.listen: shown in export lines */
	int		 ssh_port;	/* config server.port */
};

/*
 * Run the console as who on db (reads the hub's socket, or LISTENs; keeps running while
 * the database is down).
 * The UI language must already be chosen (i18n_init). Returns 0 on a clean exit, -1 if
 * the terminal could not be used.
 */
int	 console_run(struct db *, const struct identity *who, const struct console_opts *);

#endif
