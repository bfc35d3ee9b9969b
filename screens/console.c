/*
 * console — the app loop wired to the registry and the database (see console.h).
 */
#include "screens/console.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/store/auth.h"
#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/log.h"
#include "backend/store/notifyhub.h"
#include "screens/people.h"
#include "screens/screens.h"
#include "screens/sshline.h"
#include "screens/vdi.h"
#include "tui/app.h"

struct console {
	struct app		 app;
	struct db		*db;
	const struct identity	*who;
	char			 me[32];	/* "staff:ID": our own row's notifications */
	char			 key[32];	/* "ssh_key:ID" of the key we logged in with,
						 * "" until the first check has found it */
	const char		*ended;		/* why the session was ended (msgid), or NULL */
	int			 hub;		/* the notification hub's socket, or -1: LISTEN */
	int			 recheck_due;	/* HUB_ALL came: recheck with the reload */
};

static int
console_connected(void *arg)
{
	struct console *c = arg;

	return db_state(c->db) == DB_CONNECTED;
}

static int
console_socket(void *arg)
{
	struct console *c = arg;

	return db_socket(c->db);
}

/* End the session: the reason goes to the audit chain and the log, the message to the
 * member once the screen is restored. */
static void
console_end(struct console *c, const char *msgid, const char *reason)
{
	const struct identity *who = c->who;

	c->ended = msgid;
	c->app.quit = 1;
	log_info("session of %s (%s) ended: %s", who->login, who->fingerprint, reason);
	if (auth_event(c->db, "EVENT", who->login, who->source, who->fingerprint, reason,
	    NULL, NULL) != 0)
		log_warn("audit of the session end of %s not recorded", who->login);
}

/*
 * Re-check what the login proved: an active member, and (over SSH) an unrevoked key.
 * A check the database could not answer decides nothing: the reconnect checks again.
 */
static void
console_recheck(struct console *c)
{
	struct identity now;
	char *cause = NULL;
	int key;

	if (c->ended != NULL)
		return;
	if (auth_login(c->db, c->who->login, &now, NULL) != 0) {
		if (db_state(c->db) == DB_CONNECTED)
			console_end(c, N_("session ended: your account was deactivated"),
			    "staff deactivated");
		return;
	}
	if (c->who->fingerprint[0] == '\0')
		return;
	if ((key = auth_key_live(c->db, c->who->fingerprint, &cause)) == 0)
		console_end(c, N_("session ended: your SSH key was revoked"), "ssh key revoked");
	else if (key > 0)
		snprintf(c->key, sizeof c->key, "ssh_key:%d", key);
	free(cause);
}

/*
 * Is the payload about the key we logged in with? Every login's bookkeeping and every
 * other member's key change is an "ssh_key:ID" too: 200 consoles checking at each would
 * be 400 statements per login. Until the first check has found our key's id, any key's.
 */
static int
console_my_key(const struct console *c, const char *payload)
{
	if (c->who->fingerprint[0] == '\0' || strncmp(payload, "ssh_key:", 8) != 0)
		return 0;
	return c->key[0] == '\0' || strcmp(payload, c->key) == 0;
}

/*
 * Every payload goes to the screens; a change to our own staff row or to the SSH key we
 * logged in with is checked at once, so a deactivated member's or a revoked key's
 * session ends within a notification's delay. After HUB_ALL (notifications may have been
 * missed, perhaps ours) the check comes with the full reload, so a stream of them costs
 * at most two a second.
 */
static void
console_payload(void *arg, const char *payload)
{
	struct console *c = arg;

	app_notify(&c->app, payload);
	if (strcmp(payload, HUB_ALL) == 0)
		c->recheck_due = 1;
	else if (strcmp(payload, c->me) == 0 || console_my_key(c, payload))
		console_recheck(c);
}

static void
console_after_reload(void *arg)
{
	struct console *c = arg;

	if (c->recheck_due) {
		c->recheck_due = 0;
		console_recheck(c);
	}
}

static int
console_batch_ready(void *arg)
{
	struct console *c = arg;

	return db_batch_ready(c->db);
}

static int
console_hub(void *arg)
{
	struct console *c = arg;

	return c->hub;
}

/* The hub's payloads; if it closed our socket, LISTEN ourselves and read everything, for
 * the rest of the session (a hub the listener starts anew serves later sessions only). */
static void
console_hub_read(void *arg)
{
	struct console *c = arg;
	char *cause = NULL;

	if (c->hub == -1 || hub_read(c->hub, console_payload, c) == 0)
		return;
	close(c->hub);
	c->hub = -1;
	log_info("notification hub gone: listening on the session's connection");
	if (db_state(c->db) == DB_CONNECTED && db_listen(c->db, &cause) != 0)
		free(cause);	/* lost: the reconnect LISTENs */
	console_payload(c, HUB_ALL);
}

static int
console_notifications(void *arg, void (*fn)(void *, const char *), void *fnarg)
{
	struct console *c = arg;

	(void)fn;
	(void)fnarg;
	return db_notifications(c->db, console_payload, c);
}

static int
console_reconnect(void *arg, char **cause)
{
	struct console *c = arg;

	if (db_reconnect(c->db, cause) != 0 || (c->hub == -1 && db_listen(c->db, cause) != 0))
		return -1;
	console_recheck(c);	/* notifications sent while we were away are lost */
	return 0;
}

int
console_run(struct db *db, const struct identity *who, const struct console_opts *opts)
{
	struct console	 c;
	struct app	*app = &c.app;
	char		*cause = NULL;
	int		 rc;

	memset(&c, 0, sizeof c);
	c.db = db;
	c.who = who;
	c.hub = opts != NULL ? opts->hub_fd : -1;
	snprintf(c.me, sizeof c.me, "staff:%d", who->staff_id);
	app->who = who;
	app->db.arg = &c;
	app->db.connected = console_connected;
	app->db.socket = console_socket;
	app->db.notifications = console_notifications;
	app->db.reconnect = console_reconnect;
	app->db.hub = console_hub;
	app->db.hub_read = console_hub_read;
	app->db.after_reload = console_after_reload;
	app->db.batch_ready = console_batch_ready;
	app->screens = screens_registry;
	app->nscreens = screens_count;
	app->first = opts != NULL && opts->first != NULL ? opts->first : "dash";
	app->ctx = db;
	app->in = opts != NULL ? opts->in : NULL;
	app->out = opts != NULL ? opts->out : NULL;
	app->color = opts != NULL ? opts->color : 1;
	vdi_screen_set_key_file(opts != NULL ? opts->vdi_key_file : NULL);
	vdi_screen_set_max_days(opts != NULL ? opts->vdi_max_days : 0);
	sshline_set(opts != NULL ? opts->ssh_host : NULL, opts != NULL ? opts->ssh_port : 0);
	if (db_state(db) == DB_CONNECTED && c.hub == -1 && db_listen(db, &cause) != 0)
		free(cause);	/* shown as disconnected; the loop retries */
	else if (db_state(db) == DB_CONNECTED)
		console_recheck(&c);	/* a revocation between login and LISTEN (or hub) */
	rc = c.ended != NULL ? 1 : app_run(app);
	if (c.hub != -1)
		close(c.hub);
	if (c.ended != NULL) {
		fprintf(app->out != NULL ? app->out : stdout, "rashin: %s\r\n", _(c.ended));
		return 1;
	}
	return rc;
}
