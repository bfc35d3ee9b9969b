/*
 * app — the console's main loop: poll() on the terminal, the database socket and a
 * signal pipe; keys go to the top screen, then to the generic actions; NOTIFY payloads
 * ("table:key") go to every open screen's on_notify; a lost database is retried with
 * backoff while the console keeps running, and screens reload on reconnect.
 *
 * tui/ never includes libpq: the database reaches the loop through struct app_db, which
 * the caller fills from backend/db.h (screens/console.c does).
 */
#ifndef RASHIN_APP_H
#define RASHIN_APP_H

#include <stdio.h>

#include "backend/lib/identity.h"
#include "tui/chrome.h"
#include "tui/screen.h"

#define APP_MAX_SCREENS	16

/* The database as the loop sees it. Every callback gets arg. */
struct app_db {
	void	*arg;
	/* 1 when connected. */
	int	(*connected)(void *arg);
	/* The socket to poll, or -1. */
	int	(*socket)(void *arg);
	/* Read input, call fn(fnarg, payload) per notification; -1 if the connection died. */
	int	(*notifications)(void *arg, void (*fn)(void *, const char *), void *fnarg);
	/* Try to connect again (and LISTEN again); 0 when back, -1 with *cause. */
	int	(*reconnect)(void *arg, char **cause);
	/* Another source of notifications to poll (the server's hub), or -1; polled also
	 * while the database is down. */
	int	(*hub)(void *arg);
	/* It is readable: deliver its payloads (app_notify). */
	void	(*hub_read)(void *arg);
	/* 1 when the batch a screen's reload_send sent has all its results (or the
	 * connection is gone); may be NULL (no screen reloads that way then). */
	int	(*batch_ready)(void *arg);
	/* After the notified reloads (at most twice a second); may be NULL. */
	void	(*after_reload)(void *arg);
};

struct app {
	/* set by the caller */
	const struct identity		*who;		/* the staff member */
	struct app_db			 db;		/* callbacks may be NULL: no database */
	const struct screen_info	*screens;	/* the registry (screens/screens.h) */
	size_t				 nscreens;
	const char			*first;		/* screen opened first ("dash") */
	void				*ctx;		/* for screens (the struct db *) */
	FILE				*in;		/* terminal; NULL = stdin */
	FILE				*out;		/* terminal; NULL = stdout */
	int				 color;		/* config ui.color */
	int				 fy;		/* fiscal year shown; 0 = from today */

	/* the loop's own state */
	struct screen			*stack[APP_MAX_SCREENS];
	int				 depth;
	struct chrome_msg		 msg;
	int				 quit;
	int				 connected;	/* last known database state */
	long long			 retry_at;	/* next reconnect attempt (now_ms) */
	int				 backoff_ms;
	int				 dirty;		/* draw before waiting */
	int				 repaint;	/* Ctrl-L: the terminal again, as it is */
	long long			 reload_at;	/* notified screens reload (0: none) */
	long long			 reloaded_at;	/* the last such reload */
	int				 reload_all;	/* HUB_ALL came: in full */
	struct screen			*inflight;	/* its reload_send's results to come */
	unsigned			 phase;		/* this session's offset (ms) in each
							 * period of notified reloads */
	char				 today[32];	/* see app_today */
};

/* Run until quit; 0 on a clean exit, -1 if the terminal could not be started. */
int	 app_run(struct app *);
/*
 * app_run in parts, for a test that drives the loop key by key without a terminal's
 * timing: app_begin (the terminal and the first screen; 0 or -1), app_press (one key
 * as typed, then the drawing it asked for), app_end.
 */
int	 app_begin(struct app *);
void	 app_press(struct app *, int key);
void	 app_end(struct app *);
/* Open the screen named name (or alias) on top; 0, or -1 with the reason shown. */
int	 app_open(struct app *, const char *name);
/*
 * The same, passing arg to the screen opened (struct screen's arg; NULL: as app_open).
 * One already open with an argument is opened anew on it, so it shows this one.
 */
int	 app_open_arg(struct app *, const char *name, const char *arg);
/* Draw everything now (also the dialogs' backdrop). */
void	 app_draw(struct app *);
/*
 * Today as "YYYY-MM-DD": the local date, or $RASHIN_TODAY when set (tests pin the
 * clock with it). The fiscal year in the title bar follows it.
 */
const char	*app_today(struct app *);
/* The top screen, or NULL. */
struct screen	*app_top(struct app *);
/* Run a `:` command line ("mig", "q", "help"); 0 or -1 (message shown). */
int	 app_command(struct app *, const char *line);
/* Deliver one NOTIFY payload "table:key" to the open screens. */
void	 app_notify(void *app, const char *payload);
/* When a reload notified at now happens, for a session of phase (ms) whose last notified
 * reload was at reloaded_at (tui/app.c, APP_NOTIFY_DELAY_MS): now_ms() time. */
long long app_reload_time(long long now, unsigned phase, long long reloaded_at);

#endif
