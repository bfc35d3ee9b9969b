/*
 * console — the app loop wired to the registry and the database (see console.h).
 */
#include "screens/console.h"

#include <stdlib.h>

#include "backend/db.h"
#include "backend/identity.h"
#include "screens/screens.h"
#include "tui/app.h"

static int
console_connected(void *arg)
{
	return db_state(arg) == DB_CONNECTED;
}

static int
console_socket(void *arg)
{
	return db_socket(arg);
}

static int
console_notifications(void *arg, void (*fn)(void *, const char *), void *fnarg)
{
	return db_notifications(arg, fn, fnarg);
}

static int
console_reconnect(void *arg, char **cause)
{
	if (db_reconnect(arg, cause) != 0)
		return -1;
	return db_listen(arg, cause);
}

int
console_run(struct db *db, const struct identity *who, const struct console_opts *opts)
{
	struct app	 app = { 0 };
	char		*cause = NULL;

	app.who = who;
	app.db.arg = db;
	app.db.connected = console_connected;
	app.db.socket = console_socket;
	app.db.notifications = console_notifications;
	app.db.reconnect = console_reconnect;
	app.screens = screens_registry;
	app.nscreens = screens_count;
	app.first = opts != NULL && opts->first != NULL ? opts->first : "dash";
	app.ctx = db;
	app.in = opts != NULL ? opts->in : NULL;
	app.out = opts != NULL ? opts->out : NULL;
	app.color = opts != NULL ? opts->color : 1;
	if (db_state(db) == DB_CONNECTED && db_listen(db, &cause) != 0)
		free(cause);	/* shown as disconnected; the loop retries */
	return app_run(&app);
}
