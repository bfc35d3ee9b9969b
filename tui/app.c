/*
 * app — the main loop (see app.h).
 */
#include "tui/app.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/fy.h"
#include "backend/lib/i18n.h"
#include "backend/lib/today.h"
#include "backend/lib/notify.h"
#include "backend/lib/util.h"
#include "tui/dialog.h"

#define APP_BACKOFF_FIRST_MS	500
/* At most 3 s between attempts: a console shows 「DB ● 」 again within 3 s of the database
 * (or, after a failover, its new primary) taking connections, with no key pressed; a
 * refused connection costs the server nothing. (30 s left it 「切断中」 long after.) */
#define APP_BACKOFF_MAX_MS	3000
#define APP_EOF_READS		3	/* readable but no key this many times = EOF */
/*
 * A notification's reload waits at least APP_NOTIFY_DELAY_MS, then for this session's
 * phase of the APP_NOTIFY_GAP_MS period (an offset drawn once at start), at least a
 * period after the last one, and takes every notification that arrives meanwhile with
 * it: one write seen by 500 open dashboards becomes 500 reloads spread evenly over half
 * a second (not 3,500 queries in the same millisecond), and a stream of writes the same
 * evenly spread two reloads a second per session, each within 0.55 s of the write. A
 * random delay per reload (this was one, up to 0.3 s) bunched them: 200 dashboards
 * reloading within 0.35 s of each write held both cores, and keys typed then waited
 * 20-60 ms (bench/README.md). Keys are handled before a due reload.
 */
#define APP_NOTIFY_DELAY_MS	50
#define APP_NOTIFY_GAP_MS	500
/* Below this the screens cannot be laid out (tiles and board columns vanish, titles
 * shrink): a notice says so instead, and the screen comes back when it is larger. */
#define APP_MIN_LINES		24
#define APP_MIN_COLS		80

static int		app_sig_pipe[2] = { -1, -1 };
static struct sigaction	app_curses_winch;	/* curses' own handler, still called */

static void
app_on_signal(int sig)
{
	unsigned char	 c = (unsigned char)sig;
	int		 saved = errno;

	if (app_sig_pipe[1] != -1)
		(void)write(app_sig_pipe[1], &c, 1);
	/* curses notes the resize too, so a blocking read in a dialog gets KEY_RESIZE */
	if (sig == SIGWINCH && !(app_curses_winch.sa_flags & SA_SIGINFO) &&
	    app_curses_winch.sa_handler != SIG_DFL && app_curses_winch.sa_handler != SIG_IGN)
		app_curses_winch.sa_handler(sig);
	errno = saved;
}

static int
app_signals(struct sigaction *old_term, struct sigaction *old_hup,
    struct sigaction *old_winch)
{
	struct sigaction	 sa;
	int			 i;

	if (pipe(app_sig_pipe) != 0)
		return -1;
	for (i = 0; i < 2; i++) {
		fcntl(app_sig_pipe[i], F_SETFL, fcntl(app_sig_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(app_sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = app_on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, old_term);
	sigaction(SIGHUP, &sa, old_hup);
	/* ours in front of curses': a resize between two polls must wake the loop too */
	sigaction(SIGWINCH, &sa, old_winch);
	app_curses_winch = *old_winch;
	return 0;
}

static void
app_signals_restore(const struct sigaction *old_term, const struct sigaction *old_hup,
    const struct sigaction *old_winch)
{
	sigaction(SIGTERM, old_term, NULL);
	sigaction(SIGHUP, old_hup, NULL);
	sigaction(SIGWINCH, old_winch, NULL);
	close(app_sig_pipe[0]);
	close(app_sig_pipe[1]);
	app_sig_pipe[0] = app_sig_pipe[1] = -1;
}

struct screen *
app_top(struct app *app)
{
	return app->depth > 0 ? app->stack[app->depth - 1] : NULL;
}

static int
app_db_connected(struct app *app)
{
	if (app->db.connected == NULL)
		return 0;
	return app->db.connected(app->db.arg);
}

/* A reload's outcome (as screen_ops.reload returns it): a message, a redraw. */
static void
app_reload_done(struct app *app, int rc, char *cause)
{
	if (rc > 0)
		return;		/* the same numbers: nothing to draw */
	if (rc != 0 && app->connected)	/* else "disconnected" is shown already */
		chrome_message(&app->msg, 1, "%s", cause != NULL ? cause : _("Could not read the data"));
	free(cause);
	app->dirty = 1;
}

/* The results of the reload in flight (waiting for them if they have not come). */
static void
app_reload_finish(struct app *app)
{
	struct screen	*s = app->inflight;
	char		*cause = NULL;
	int		 rc;

	if (s == NULL)
		return;
	app->inflight = NULL;
	rc = s->ops->reload_recv(s, &cause);
	app_reload_done(app, rc, cause);
}

/*
 * Reload a screen: for its notifications (notified: s->reload_due stays set while its
 * reload runs, so it may read again only what they named), or in full (F5, reconnect).
 */
static void
app_reload_as(struct app *app, struct screen *s, int notified)
{
	char	*cause = NULL;
	int	 rc;

	if (app->inflight == s)
		app_reload_finish(app);	/* its last results first */
	s->stale = 0;
	s->reload_due = notified;
	if (s->ops->reload == NULL) {
		s->reload_due = 0;
		return;
	}
	rc = s->ops->reload(s, &cause);
	s->reload_due = 0;
	app_reload_done(app, rc, cause);
}

static void
app_reload(struct app *app, struct screen *s)
{
	app_reload_as(app, s, 0);
}

/*
 * A due reload of the top screen: sent, and the loop goes on (keys are handled while the
 * database works; app_step takes the results when they come), where the screen can.
 */
static void
app_reload_start(struct app *app, struct screen *s, int notified)
{
	char	*cause = NULL;
	int	 rc;

	if (s->ops->reload_send == NULL || app->db.batch_ready == NULL) {
		app_reload_as(app, s, notified);
		return;
	}
	s->stale = 0;
	s->reload_due = notified;
	rc = s->ops->reload_send(s, &cause);
	s->reload_due = 0;	/* notifications from now on are for the next reload */
	if (rc == SCREEN_RELOAD_SENT)
		app->inflight = s;
	else
		app_reload_done(app, rc, cause);
}

/*
 * A key that only moves the selection or redraws, from what the screen holds: handled
 * while a reload is in flight. Any other may query or write (a status set on the board
 * reads its cell back), and the reload's older answer must not land after that: it
 * takes the reload's results first.
 */
static int
app_key_moves(enum action a)
{
	switch (a) {
	case ACTION_REDRAW: case ACTION_UP: case ACTION_DOWN: case ACTION_LEFT:
	case ACTION_RIGHT: case ACTION_HOME: case ACTION_END: case ACTION_PAGE_UP:
	case ACTION_PAGE_DOWN:
		return 1;
	default:
		return 0;
	}
}

/* The top screen shown again: what came due while it was covered (see struct screen). */
static void
app_reveal(struct app *app)
{
	struct screen	*s = app_top(app);

	if (s == NULL || !app->connected)
		return;		/* the reconnect reads everything */
	if (s->stale)
		app_reload(app, s);
	else if (s->reload_due)
		app_reload_as(app, s, 1);
}

static void
app_pop(struct app *app)
{
	if (app->depth == 0)
		return;
	if (app->inflight == app->stack[app->depth - 1])
		app_reload_finish(app);
	screen_close(app->stack[--app->depth]);
	app->stack[app->depth] = NULL;
	app->dirty = 1;
}

int
app_open(struct app *app, const char *name)
{
	return app_open_arg(app, name, NULL);
}

int
app_open_arg(struct app *app, const char *name, const char *arg)
{
	const struct screen_info	*info;
	struct screen			*s;
	char				*cause = NULL;
	int				 i;

	info = screen_find(app->screens, app->nscreens, name);
	if (info == NULL) {
		chrome_message(&app->msg, 1, _("Unknown command: %s"), name);
		return -1;
	}
	if (info->ops == NULL) {
		chrome_message(&app->msg, 0, _("%s: this screen is coming"), _(info->title));
		return -1;
	}
	for (i = 0; i < app->depth; i++) {	/* already open: go back to it */
		if (app->stack[i]->info != info)
			continue;
		if (arg != NULL) {	/* ... to open it anew where it was, on arg */
			while (app->depth > i)
				app_pop(app);
			break;
		}
		while (app->depth > i + 1)
			app_pop(app);
		app_reveal(app);
		return 0;
	}
	if (app->depth == APP_MAX_SCREENS) {
		chrome_message(&app->msg, 1, _("Too many screens open"));
		return -1;
	}
	s = screen_open(info, app, arg, &cause);
	if (s == NULL) {
		chrome_message(&app->msg, 1, "%s: %s", _(info->title),
		    cause != NULL ? cause : "");
		free(cause);
		return -1;
	}
	app->stack[app->depth++] = s;
	app->dirty = 1;
	return 0;
}

static void
app_backdrop(void *arg)
{
	app_draw(arg);
}

/* The terminal is smaller than the screens need: a notice in the middle, nothing else. */
static void
app_draw_too_small(void)
{
	char	*lines[3];
	int	 i, y0 = (LINES - 3) / 2;

	lines[0] = xstrdup(_("The terminal is too small"));
	lines[1] = xasprintf(_("Needed: %d x %d"), APP_MIN_COLS, APP_MIN_LINES);
	lines[2] = xasprintf(_("Now: %d x %d"), COLS, LINES);
	for (i = 0; i < 3; i++) {
		int	 w = text_width(lines[i]), x = w < COLS ? (COLS - w) / 2 : 0;

		if (y0 + i >= 0 && y0 + i < LINES)
			tui_text(stdscr, y0 + i, x, lines[i], COLS - x,
			    i == 0 ? tui_attr(TUI_PAL_ERROR) : tui_attr(TUI_PAL_NORMAL));
		free(lines[i]);
	}
}

void
app_draw(struct app *app)
{
	struct screen	*top = app_top(app);
	char		 right[128] = "";
	const char	*title;
	int		 h = LINES - 4;

	erase();
	tui_cursor_reset();
	if (LINES < APP_MIN_LINES || COLS < APP_MIN_COLS) {
		app_draw_too_small();
		tui_cursor_place();
		refresh();
		app->dirty = 0;
		return;
	}
	title = top != NULL && top->ops->title != NULL ? top->ops->title(top) : NULL;
	if (title == NULL)
		title = top != NULL ? _(top->info->title) : "";
	chrome_draw_title(stdscr, 0, COLS, title, app->who, app->connected, app->fy);
	if (top != NULL && top->ops->status != NULL)
		top->ops->status(top, right, sizeof right);
	/* a message longer than its line takes the body's last line too */
	if (chrome_status_lines(COLS, &app->msg, right) > 1)
		h--;
	if (top != NULL && top->ops->draw != NULL)
		top->ops->draw(top, stdscr, 1, 0, h, COLS);
	chrome_draw_status(stdscr, LINES - 3, COLS, &app->msg, right);
	chrome_draw_keybar(stdscr, LINES - 2, COLS, top != NULL ? &top->keymap : NULL);
	tui_cursor_place();
	refresh();
	app->dirty = 0;
}

/* The generic actions, when the screen passed the key on. */
static int
app_generic(struct app *app, int key, enum action a)
{
	struct screen			*top = app_top(app);
	const struct screen_info	*info;
	char				**words, *line = NULL;
	size_t				  n;

	switch (a) {
	case ACTION_HELP:
		chrome_help(_("Help"), top != NULL ? &top->keymap : NULL,
		    app->screens, app->nscreens);
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_COMMAND:
		n = screen_words(app->screens, app->nscreens, &words);
		if (chrome_command(stdscr, LINES - 3, COLS,
		    (const char *const *)words, n, &line) == 0) {
			app_command(app, line);
			free(line);
		}
		screen_words_free(words, n);
		return TUI_HANDLED | TUI_REDRAW;
	case ACTION_QUIT:
		return TUI_QUIT;
	case ACTION_BACK:
		if (app->depth > 1)
			return TUI_CLOSE;
		return key == 'q' ? TUI_QUIT : TUI_HANDLED;
	case ACTION_REDRAW:	/* what the terminal shows is lost: it gets what curses holds
				 * again; nothing changed, so nothing is laid out again (that
				 * was a third of the console's CPU per Ctrl-L: bench/README.md) */
		tui_force_repaint();
		app->repaint = 1;
		return TUI_HANDLED;
	case ACTION_RELOAD:
		return TUI_HANDLED | TUI_RELOAD;
	default:
		info = screen_for_action(app->screens, app->nscreens, a);
		if (info != NULL) {
			app_open(app, info->name);
			return TUI_HANDLED | TUI_REDRAW;
		}
		return TUI_PASS;
	}
}

static void
app_apply(struct app *app, struct screen *s, int flags)
{
	if (flags & TUI_QUIT) {
		app->quit = 1;
		return;
	}
	if ((flags & TUI_RELOAD) && s != NULL)
		app_reload(app, s);
	if ((flags & TUI_CLOSE) && s != NULL && s == app_top(app)) {
		app_pop(app);
		app_reveal(app);
	}
	app->dirty = 1;
}

int
app_command(struct app *app, const char *line)
{
	const struct action_info	*ai;
	struct screen			*top = app_top(app);

	while (*line == ' ' || *line == ':')
		line++;
	if (*line == '\0')
		return 0;
	if (strcmp(line, "q") == 0 || strcmp(line, "q!") == 0 || strcmp(line, "quit") == 0) {
		app->quit = 1;
		return 0;
	}
	if (screen_find(app->screens, app->nscreens, line) != NULL)
		return app_open(app, line);
	ai = action_find(line);
	if (ai != NULL) {
		int flags = TUI_PASS;

		if (top != NULL && top->ops->handle != NULL)
			flags = top->ops->handle(top, KEYMAP_NONE, ai->id);
		if (!(flags & TUI_HANDLED))
			flags |= app_generic(app, KEYMAP_NONE, ai->id);
		app_apply(app, top, flags);
		return 0;
	}
	chrome_message(&app->msg, 1, _("Unknown command: %s"), line);
	return -1;
}

/*
 * After a key or a command: when another screen is on top and no message was set on the
 * way, the old one goes (it was about the screen left).
 */
static void
app_screen_changed(struct app *app, struct screen *before, unsigned gen)
{
	if (app_top(app) != before && app->msg.gen == gen && app->msg.text != NULL) {
		chrome_message_clear(&app->msg);
		app->dirty = 1;
	}
}

static void
app_key_on(struct app *app, int key);

static void
app_key(struct app *app, int key)
{
	struct screen	*before = app_top(app);
	unsigned	 gen = app->msg.gen;

	app_key_on(app, key);
	app_screen_changed(app, before, gen);
}

static void
app_key_on(struct app *app, int key)
{
	struct screen	*top = app_top(app);
	enum action	 a;
	int		 flags = TUI_PASS;

	if (key == KEYMAP_RESIZE) {
		app->dirty = 1;
		return;
	}
	if (LINES < APP_MIN_LINES || COLS < APP_MIN_COLS) {
		/* nothing is shown to act on: only leaving works */
		a = keymap_lookup(NULL, key);
		if (a == ACTION_QUIT || a == ACTION_REDRAW)
			app_apply(app, top, app_generic(app, key, a));
		return;
	}
	a = keymap_lookup(top != NULL ? &top->keymap : NULL, key);
	if (app->inflight != NULL && !app_key_moves(a))
		app_reload_finish(app);	/* it may read or write: after what was asked */
	if (top != NULL && top->ops->handle != NULL)
		flags = top->ops->handle(top, key, a);
	if (!(flags & TUI_HANDLED)) {
		flags |= app_generic(app, key, a);
		if (a == ACTION_REDRAW && flags == TUI_HANDLED)
			return;	/* the terminal again, nothing laid out (app_generic) */
	}
	app_apply(app, top, flags);
}

long long
app_reload_time(long long now, unsigned phase, long long reloaded_at)
{
	const long long	 gap = APP_NOTIFY_GAP_MS;
	long long	 at = now + APP_NOTIFY_DELAY_MS;

	at += ((long long)(phase % gap) - at % gap + gap) % gap;
	if (at < reloaded_at + gap)	/* whole periods on: the phase stays */
		at += (reloaded_at + gap - at + gap - 1) / gap * gap;
	return at;
}

/* A notified reload is due: plan it (see APP_NOTIFY_DELAY_MS) unless one is planned. */
static void
app_reload_plan(struct app *app)
{
	if (app->reload_at == 0)
		app->reload_at = app_reload_time(now_ms(), app->phase, app->reloaded_at);
}

void
app_notify(void *arg, const char *payload)
{
	struct app	*app = arg;
	char		*table, *key;
	int		 i, flags;

	if (strcmp(payload, HUB_ALL) == 0) {	/* may have missed some: read everything */
		app->reload_all = 1;
		app_reload_plan(app);
		return;
	}
	table = xstrdup(payload);
	key = strchr(table, ':');
	if (key != NULL)
		*key++ = '\0';
	else
		key = table + strlen(table);
	for (i = 0; i < app->depth; i++) {
		struct screen *s = app->stack[i];

		if (s->ops->on_notify == NULL)
			continue;
		flags = s->ops->on_notify(s, table, key);
		if ((flags & TUI_RELOAD) && !s->reload_due) {
			s->reload_due = 1;
			app_reload_plan(app);
		}
		if (flags & TUI_REDRAW)
			app->dirty = 1;
	}
	free(table);
}

/*
 * Reload what notifications made due (see APP_NOTIFY_DELAY_MS): the top screen; those
 * it covers when they are shown again (app_reveal), as no one sees them meanwhile.
 * While a reload is in flight the next waits for its results.
 */
static void
app_reload_due(struct app *app)
{
	struct screen	*top = app_top(app);
	int		 i;

	if (app->reload_at == 0 || now_ms() < app->reload_at || app->inflight != NULL)
		return;
	if (app->db.hub != NULL && app->db.hub(app->db.arg) >= 0)
		app->db.hub_read(app->db.arg);	/* what came meanwhile goes with it */
	app->reloaded_at = app->reload_at;	/* as planned: on the phase */
	app->reload_at = 0;
	if (!app->connected)
		return;		/* the reconnect reads everything */
	for (i = 0; i < app->depth - 1 && app->reload_all; i++)
		app->stack[i]->stale = 1;
	if (top != NULL && (app->reload_all || top->reload_due))
		app_reload_start(app, top, !app->reload_all);
	app->reload_all = 0;
	if (app->db.after_reload != NULL)
		app->db.after_reload(app->db.arg);
}

/* Note a lost connection and plan the next attempt. */
static void
app_lost(struct app *app)
{
	if (app->connected) {
		chrome_message(&app->msg, 1, "%s", _("The database is disconnected; retrying"));
		app->backoff_ms = APP_BACKOFF_FIRST_MS;
	}
	app->connected = 0;
	app->retry_at = now_ms() + app->backoff_ms;
	app->dirty = 1;
}

static void
app_try_reconnect(struct app *app)
{
	char	*cause = NULL;
	int	 i;

	if (app->db.reconnect == NULL)
		return;
	if (app->db.reconnect(app->db.arg, &cause) != 0) {
		free(cause);
		app->backoff_ms = app->backoff_ms * 2 > APP_BACKOFF_MAX_MS ?
		    APP_BACKOFF_MAX_MS : app->backoff_ms * 2;
		app->retry_at = now_ms() + app->backoff_ms;
		return;
	}
	app_reload_finish(app);		/* lost with the old connection: read anew below */
	app->connected = 1;
	app->backoff_ms = APP_BACKOFF_FIRST_MS;
	chrome_message(&app->msg, 0, "%s", _("Reconnected to the database"));
	app->reload_all = 0;	/* this is it */
	for (i = 0; i < app->depth; i++)
		app_reload(app, app->stack[i]);
	app->dirty = 1;
}

const char *
app_today(struct app *app)
{
	return today_iso(app->today, sizeof app->today);
}

/* Shorten poll's timeout (ms, -1 = none) so it wakes by at (now_ms). */
static void
app_wake_at(int *timeout, long long at, long long now)
{
	int	 t = at > now ? (int)(at - now) : 0;

	if (*timeout < 0 || t < *timeout)
		*timeout = t;
}

/* Wait for input, a notification, a signal or the next timer, and handle it. */
static void
app_step(struct app *app, int *eof_reads)
{
	struct pollfd	 pfd[4];
	int		 nfd = 2, timeout = -1, rc, k, got = 0, sock = -1, winch = 0, hub = -1;
	long long	 now = now_ms();
	unsigned char	 sig;

	pfd[0].fd = tui_fd();
	pfd[0].events = POLLIN;
	pfd[1].fd = app_sig_pipe[0];
	pfd[1].events = POLLIN;
	if (app->connected && app->db.socket != NULL &&
	    (sock = app->db.socket(app->db.arg)) >= 0) {
		pfd[2].fd = sock;
		pfd[2].events = POLLIN;
		nfd = 3;
	}
	/* while a reload is planned the hub's payloads wait in its socket, read just before
	 * it (app_reload_due): a console wakes for its reloads, not at every write */
	if (app->reload_at == 0 && app->db.hub != NULL &&
	    (pfd[nfd].fd = app->db.hub(app->db.arg)) >= 0) {
		pfd[nfd].events = POLLIN;
		hub = nfd++;
	}
	if (!app->connected && app->db.reconnect != NULL)
		app_wake_at(&timeout, app->retry_at, now);
	if (app->msg.text != NULL && app->msg.until > 0)
		app_wake_at(&timeout, app->msg.until, now);
	if (app->reload_at != 0 && app->inflight == NULL)
		app_wake_at(&timeout, app->reload_at, now);
	if (keymap_unread_pending())
		timeout = 0;	/* a key a dialog handed on (keymap_unread) */
	rc = poll(pfd, (nfds_t)nfd, timeout);
	if (rc < 0 && errno != EINTR)
		fatal("poll: %s", strerror(errno));
	if (rc > 0 && (pfd[1].revents & POLLIN)) {
		while (read(app_sig_pipe[0], &sig, 1) == 1) {
			if (sig == SIGTERM || sig == SIGHUP)
				app->quit = 1;
			else if (sig == SIGWINCH)
				winch = 1;
		}
	}
	/* keys; after a signal too (curses reports a resize as KEY_RESIZE) */
	if (rc < 0 || winch || keymap_unread_pending() ||
	    (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
		while (!app->quit && (k = keymap_read(stdscr, 0)) != KEYMAP_NONE) {
			got = 1;
			app_key(app, k);
		}
		if (winch && tui_resize())	/* curses did not see it: resize here */
			app->dirty = 1;
		if (rc > 0 && !got && (pfd[0].revents & (POLLIN | POLLHUP | POLLERR))) {
			if ((pfd[0].revents & (POLLHUP | POLLERR)) ||
			    ++*eof_reads >= APP_EOF_READS)
				app->quit = 1;	/* the terminal is gone */
		} else if (got)
			*eof_reads = 0;
	}
	if (hub != -1 && (pfd[hub].revents & (POLLIN | POLLHUP | POLLERR)))
		app->db.hub_read(app->db.arg);
	if (sock != -1 && (pfd[2].revents & (POLLIN | POLLHUP | POLLERR))) {
		if (app->db.notifications(app->db.arg, app_notify, app) != 0)
			app_lost(app);
	}
	if (app->connected && !app_db_connected(app) && app->db.connected != NULL)
		app_lost(app);
	if (!app->connected && app->db.reconnect != NULL && now_ms() >= app->retry_at)
		app_try_reconnect(app);
	/* results of the reload in flight: come, or read already by a key's own query */
	if (app->inflight != NULL && app->db.batch_ready(app->db.arg))
		app_reload_finish(app);
	app_reload_due(app);
	if (chrome_message_expire(&app->msg, now_ms()))
		app->dirty = 1;
}

/* The loop's own state on entry, the terminal and the first screen: app_run's start. */
static struct sigaction	 app_old_term, app_old_hup, app_old_winch;

int
app_begin(struct app *app)
{
	struct tui_opts		 opts = { app->in, app->out, NULL, app->color };
	char			*cause = NULL;

	if (tui_init(&opts, &cause) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		return -1;
	}
	if (app_signals(&app_old_term, &app_old_hup, &app_old_winch) != 0) {
		tui_end();
		fprintf(stderr, "rashin: pipe: %s\n", strerror(errno));
		return -1;
	}
	dialog_set_backdrop(app_backdrop, app);
	if (app->fy == 0)
		app->fy = today_fy();
	app->depth = 0;
	app->quit = 0;
	app->backoff_ms = APP_BACKOFF_FIRST_MS;
	app->reload_at = 0;
	app->reloaded_at = 0;
	app->reload_all = 0;
	app->inflight = NULL;
	/* spread over the period: the product's high bits mix pid and start time */
	app->phase = ((((unsigned)getpid() << 10) ^ (unsigned)now_ms()) * 2654435761u >> 16) %
	    APP_NOTIFY_GAP_MS;
	app->connected = app_db_connected(app);
	if (!app->connected)
		app->retry_at = now_ms() + app->backoff_ms;
	app_open(app, app->first != NULL ? app->first : "dash");
	app->dirty = 1;
	return 0;
}

void
app_press(struct app *app, int key)
{
	app_key(app, key);
	if (app->dirty)
		app_draw(app);
}

void
app_end(struct app *app)
{
	while (app->depth > 0)
		app_pop(app);
	chrome_message_clear(&app->msg);
	dialog_set_backdrop(NULL, NULL);
	app_signals_restore(&app_old_term, &app_old_hup, &app_old_winch);
	tui_end();
}

int
app_run(struct app *app)
{
	int	 eof_reads = 0;

	if (app_begin(app) != 0)
		return -1;
	while (!app->quit) {
		if (app->dirty)
			app_draw(app);
		else if (app->repaint)
			doupdate();	/* tui_force_repaint's clear: every cell again */
		app->repaint = 0;
		app_step(app, &eof_reads);
	}
	app_end(app);
	return 0;
}
