/*
 * test_app — the main loop with a fake screen and a fake database: keys from a pipe
 * standing in for the terminal (output to /dev/null), NOTIFY payloads from another
 * pipe standing in for the libpq socket. Checks `:` commands, generic keys, dispatch of
 * "table:key" to on_notify, reload on reconnect, and a clean exit on q, :q and EOF.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "tui/app.h"

struct fake {
	int	 init, draw, reload, fini, notify, handled;
	char	 table[64], key[64];
	int	 connected, reconnects, fail_reconnects;
	int	 db_pipe[2];
	int	 term_pipe[2];
	int	 quit_on_reload;	/* write 'q' to the terminal when reloaded */
	int	 renotify;		/* the first reload notifies again; quit on the second */
	long long reload_ms[4];		/* when each reload happened */
	int	 due_seen;		/* s->reload_due during the last reload */
	int	 hub_pipe[2];		/* a second source (the server's hub); -1 once closed */
	struct app *app;
	int	 unchanged;		/* reload reports "nothing changed" */
	int	 draw_at_reload;	/* fk.draw when the last reload ran */
	int	 hub_again;		/* the first notification brings another on the hub */
	int	 hub_reads;
	long long hub_read_ms[4];	/* when the hub was read */
	int	 sent, recv;		/* reload_send / reload_recv calls */
	int	 results_in;		/* "!" came on the database pipe: the batch is in */
	int	 handled_at_recv;	/* fk.handled when reload_recv ran */
	int	 due_at_send;		/* s->reload_due in reload_send */
	const char *first;		/* the screen run() opens ("dash") */
	const char *key_in_flight;	/* typed while the reload is in flight */
	const char *out_path;		/* the terminal's output goes there (else /dev/null) */
};

static struct fake	 fk;

static int
fake_init(struct screen *s, char **cause)
{
	(void)s;
	(void)cause;
	fk.init++;
	return 0;
}

static void
fake_draw(struct screen *s, WINDOW *w, int y, int x, int h, int wd)
{
	(void)s;
	tui_text(w, y, x, "fake body", wd, A_NORMAL);
	(void)h;
	fk.draw++;
}

static int
fake_handle(struct screen *s, int key, enum action a)
{
	(void)s;
	(void)a;
	if (key == 'h') {	/* handled, no redraw asked: the app draws after any key */
		fk.handled++;
		return TUI_HANDLED;
	}
	if (key == 'x' || key == 'j') {
		fk.handled++;
		/* with a reload in flight: its results come after this key */
		if (fk.sent > fk.recv && write(fk.db_pipe[1], "!\n", 2) != 2)
			return TUI_PASS;
		return TUI_HANDLED | TUI_REDRAW;
	}
	return TUI_PASS;
}

static int
fake_reload(struct screen *s, char **cause)
{
	(void)cause;
	fk.due_seen = s->reload_due;
	fk.draw_at_reload = fk.draw;
	if (fk.reload < 4)
		fk.reload_ms[fk.reload] = now_ms();
	fk.reload++;
	if (fk.renotify && fk.reload == 1)
		return write(fk.db_pipe[1], "measure:14\n", 11) == 11 ? fk.unchanged : -1;
	if ((fk.quit_on_reload || fk.renotify) && write(fk.term_pipe[1], "q", 1) != 1)
		return -1;
	return fk.unchanged;
}

static int
fake_on_notify(struct screen *s, const char *table, const char *key)
{
	(void)s;
	fk.notify++;
	if (fk.hub_again && fk.notify == 1 && write(fk.hub_pipe[1], "measure:4\n", 10) != 10)
		return TUI_PASS;
	snprintf(fk.table, sizeof fk.table, "%s", table);
	snprintf(fk.key, sizeof fk.key, "%s", key);
	return strcmp(table, "measure") == 0 ? TUI_RELOAD : TUI_PASS;
}

/* The reload sent: a key is typed before its results come (see fake_handle). */
static int
fake_reload_send(struct screen *s, char **cause)
{
	(void)cause;
	fk.sent++;
	fk.due_at_send = s->reload_due;
	return write(fk.term_pipe[1], fk.key_in_flight, 1) == 1 ? SCREEN_RELOAD_SENT : -1;
}

static int
fake_reload_recv(struct screen *s, char **cause)
{
	(void)s;
	(void)cause;
	fk.recv++;
	fk.handled_at_recv = fk.handled;
	return write(fk.term_pipe[1], "q", 1) == 1 ? 0 : -1;
}

static int
fake_batch_ready(void *arg)
{
	(void)arg;
	return fk.results_in;
}

static void
fake_fini(struct screen *s)
{
	(void)s;
	fk.fini++;
}

static const struct keymap_bind fake_keys[] = { { "x", ACTION_NONE, 0 } };

static const struct screen_ops fake_ops = {
	.keys = fake_keys,
	.nkeys = 1,
	.init = fake_init,
	.draw = fake_draw,
	.handle = fake_handle,
	.reload = fake_reload,
	.on_notify = fake_on_notify,
	.fini = fake_fini,
};

/* The same screen reloading without waiting (screen_ops.reload_send): fake_ops with
 * those two, set by test_reload_in_flight. */
static struct screen_ops fake_async_ops;

static const struct screen_info reg[] = {
	{ "dash", "home", "Dashboard", ACTION_GO_DASHBOARD, &fake_ops },
	{ "mig", "migration", "Migration", ACTION_GO_MIG, NULL },
	{ "async", "", "Async", ACTION_NONE, &fake_async_ops },
};

static int
db_connected(void *arg)
{
	(void)arg;
	return fk.connected;
}

static int
db_socket(void *arg)
{
	(void)arg;
	return fk.db_pipe[0];
}

/* One payload per line on the pipe. */
static int
db_notifications(void *arg, void (*fn)(void *, const char *), void *fnarg)
{
	char	 buf[256], *line, *save = NULL;
	ssize_t	 n;

	(void)arg;
	n = read(fk.db_pipe[0], buf, sizeof buf - 1);
	if (n <= 0)
		return -1;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if (strcmp(line, "!") == 0)
			fk.results_in = 1;	/* not a payload: the batch's results */
		else
			fn(fnarg, line);
	}
	return 0;
}

static int
fake_hub(void *arg)
{
	(void)arg;
	return fk.hub_pipe[0];
}

/* One payload per line, as console.c passes the hub's on; closed at end of file. */
static void
fake_hub_read(void *arg)
{
	char	 buf[256], *line, *save = NULL;
	ssize_t	 n;

	(void)arg;
	if (fk.hub_reads < 4)
		fk.hub_read_ms[fk.hub_reads] = now_ms();
	fk.hub_reads++;
	n = read(fk.hub_pipe[0], buf, sizeof buf - 1);
	if (n <= 0) {
		close(fk.hub_pipe[0]);
		fk.hub_pipe[0] = -1;
		return;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save))
		app_notify(fk.app, line);
}

static int
db_reconnect(void *arg, char **cause)
{
	(void)arg;
	fk.reconnects++;
	if (fk.reconnects <= fk.fail_reconnects)
		return set_cause(cause, "still down");
	fk.connected = 1;
	return 0;
}

/* Run the loop with keys (then EOF unless keep_open) on the fake terminal. */
static int
run(const char *keys, int keep_open, struct app *app)
{
	FILE	*in, *out;
	int	 rc;

	if (keys != NULL && *keys != '\0' &&
	    write(fk.term_pipe[1], keys, strlen(keys)) != (ssize_t)strlen(keys))
		fail_msg("write keys");
	if (!keep_open) {
		close(fk.term_pipe[1]);
		fk.term_pipe[1] = -1;
	}
	in = fdopen(fk.term_pipe[0], "r");
	out = fopen(fk.out_path != NULL ? fk.out_path : "/dev/null", "w");
	assert_non_null(in);
	assert_non_null(out);
	memset(app, 0, sizeof *app);
	app->screens = reg;
	app->nscreens = 3;
	app->first = fk.first != NULL ? fk.first : "dash";
	app->in = in;
	app->out = out;
	app->fy = 2026;
	app->db.connected = db_connected;
	app->db.socket = db_socket;
	app->db.notifications = db_notifications;
	app->db.reconnect = db_reconnect;
	app->db.batch_ready = fake_batch_ready;
	if (fk.hub_pipe[0] > 0) {
		app->db.hub = fake_hub;
		app->db.hub_read = fake_hub_read;
	}
	fk.app = app;
	rc = app_run(app);
	fclose(in);
	fclose(out);
	return rc;
}

static int
setup(void **state)
{
	(void)state;
	memset(&fk, 0, sizeof fk);
	fk.connected = 1;
	if (pipe(fk.db_pipe) != 0 || pipe(fk.term_pipe) != 0)
		return -1;
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	close(fk.db_pipe[0]);
	close(fk.db_pipe[1]);
	if (fk.term_pipe[1] != -1)
		close(fk.term_pipe[1]);
	return 0;
}

static void
test_eof_exits_cleanly(void **state)
{
	struct app	 app;

	(void)state;
	assert_int_equal(run("xx", 0, &app), 0);
	assert_int_equal(fk.init, 1);
	assert_int_equal(fk.handled, 2);	/* the screen saw its keys */
	assert_true(fk.draw >= 1);
	assert_int_equal(fk.fini, 1);	/* closed on the way out */
	assert_int_equal(app.depth, 0);
}

static void
test_q_quits(void **state)
{
	struct app	 app;

	(void)state;
	assert_int_equal(run("q", 1, &app), 0);	/* terminal still open: q alone quits */
	assert_int_equal(fk.fini, 1);
}

static void
test_colon_q_and_commands(void **state)
{
	struct app	 app;

	(void)state;
	/* :mig is not written yet (a message), :reload reloads, :q quits */
	assert_int_equal(run(":mig\r:reload\r:q\r", 1, &app), 0);
	assert_int_equal(fk.reload, 1);
	assert_int_equal(fk.due_seen, 0);	/* a full reload, not a notified one */
	assert_int_equal(fk.fini, 1);
}

static void
test_notify_dispatch(void **state)
{
	struct app	 app;
	long long	 t0 = now_ms(), took;

	(void)state;
	/* three writes in a burst: each is delivered, the screen reloads once, later */
	assert_int_equal(write(fk.db_pipe[1], "measure:12\nmeasure:13\nmeasure:12\n", 33), 33);
	fk.quit_on_reload = 1;		/* the reload ends the test */
	assert_int_equal(run("", 1, &app), 0);
	took = now_ms() - t0;
	assert_int_equal(fk.notify, 3);
	assert_string_equal(fk.table, "measure");
	assert_string_equal(fk.key, "12");
	assert_int_equal(fk.reload, 1);		/* on_notify asked for it: once for all three */
	assert_int_equal(fk.due_seen, 1);	/* and the screen knows why */
	assert_true(took >= 50);		/* APP_NOTIFY_DELAY_MS */
	assert_true(took < 2000);		/* 50 + at most 500, with room for a slow machine */
}

/* A second notification right after a reload waits out the gap (at most two a second). */
static void
test_notify_gap(void **state)
{
	struct app	 app;

	(void)state;
	assert_int_equal(write(fk.db_pipe[1], "measure:12\n", 11), 11);
	fk.renotify = 1;
	assert_int_equal(run("", 1, &app), 0);
	assert_int_equal(fk.notify, 2);
	assert_int_equal(fk.reload, 2);
	/* APP_NOTIFY_GAP_MS between the planned times; each ran when its poll woke, a few ms
	 * after its plan at most on an idle machine */
	assert_true(fk.reload_ms[1] - fk.reload_ms[0] >= 450);
	assert_true(fk.reload_ms[1] - fk.reload_ms[0] < 3000);
}

/*
 * The plan of notified reloads: one write seen by 200 sessions (phases spread over the
 * half-second period) is 200 reloads spread evenly over half a second, none sooner than
 * 50 ms nor later than 550 ms after it; a stream of writes is a reload every 500 ms per
 * session, on its phase.
 */
static void
test_reload_time(void **state)
{
	long long	 t = 1000000, at, last, prev;
	int		 per_100ms[5] = { 0 }, i, k;

	(void)state;
	for (i = 0; i < 200; i++) {
		at = app_reload_time(t, (unsigned)i * 500 / 200, 0);
		assert_true(at >= t + 50);
		assert_true(at < t + 550);
		per_100ms[(at - t - 50) / 100]++;
	}
	for (k = 0; k < 5; k++)		/* evenly: 40 in each tenth of a second */
		assert_int_equal(per_100ms[k], 40);
	/* one session, phase 123, a notification every 30 ms for 5 s */
	last = 0;
	prev = 0;
	for (t = 2000000; t < 2005000; t += 30) {
		if (prev > t)
			continue;	/* one is planned: the notification goes with it */
		at = app_reload_time(t, 123, last);
		assert_int_equal(at % 500, 123);
		if (last != 0)
			assert_int_equal(at - last, 500);	/* two a second, no more */
		last = prev = at;
	}
	/* a reload long ago does not delay the next; a recent one does, by whole periods */
	assert_int_equal(app_reload_time(3000000, 0, 1000), 3000500);
	assert_int_equal(app_reload_time(3000000, 0, 3000000), 3000500);
	assert_int_equal(app_reload_time(3000460, 0, 3000000), 3001000);
}

/* A notification that arrives when the user quits is not reloaded after all. */
static void
test_notify_then_quit(void **state)
{
	struct app	 app;

	(void)state;
	assert_int_equal(write(fk.db_pipe[1], "measure:12\n", 11), 11);
	assert_int_equal(run("q", 1, &app), 0);
	assert_int_equal(fk.reload, 0);
	assert_int_equal(fk.fini, 1);
}

static void
test_notify_other_table(void **state)
{
	struct app	 app;

	(void)state;
	assert_int_equal(write(fk.db_pipe[1], "ssh_key\n", 8), 8);
	assert_int_equal(run("", 0, &app), 0);
	assert_int_equal(fk.notify, 1);
	assert_string_equal(fk.table, "ssh_key");
	assert_string_equal(fk.key, "");
	assert_int_equal(fk.reload, 0);
}

/*
 * The hub's "*" (notifications may have been missed): every screen reads everything
 * again, once, after the usual delay, not as a notified reload; then the hub's end of
 * file stops its polling.
 */
static void
test_hub_all_reloads_in_full(void **state)
{
	struct app	 app;
	long long	 t0 = now_ms();

	(void)state;
	assert_int_equal(pipe(fk.hub_pipe), 0);
	assert_int_equal(write(fk.hub_pipe[1], "measure:3\n*\n", 12), 12);
	close(fk.hub_pipe[1]);
	fk.quit_on_reload = 1;
	assert_int_equal(run("", 1, &app), 0);
	assert_int_equal(fk.notify, 1);		/* measure:3 went to the screen; "*" did not */
	assert_int_equal(fk.reload, 1);		/* one reload for both */
	assert_int_equal(fk.due_seen, 0);	/* in full */
	assert_true(now_ms() - t0 >= 50);	/* APP_NOTIFY_DELAY_MS */
	assert_int_equal(fk.hub_pipe[0], -1);	/* end of file: no longer polled */
}

/*
 * While a reload is planned the hub's socket is not polled: what comes meanwhile is read
 * just before the reload and goes with it (the console wakes for its reloads, twice a
 * second at most, not at every write).
 */
static void
test_hub_read_with_reload(void **state)
{
	struct app	 app;

	(void)state;
	assert_int_equal(pipe(fk.hub_pipe), 0);
	assert_int_equal(write(fk.hub_pipe[1], "measure:3\n", 10), 10);
	fk.hub_again = 1;	/* measure:4 arrives right after measure:3 is read */
	fk.quit_on_reload = 1;
	assert_int_equal(run("", 1, &app), 0);
	assert_int_equal(fk.notify, 2);		/* both went to the screen */
	assert_int_equal(fk.reload, 1);		/* in one reload */
	assert_string_equal(fk.key, "4");
	assert_int_equal(fk.hub_reads, 2);	/* not read on arrival: read before the reload */
	assert_true(fk.hub_read_ms[1] - fk.hub_read_ms[0] >= 50);	/* APP_NOTIFY_DELAY_MS */
	assert_true(fk.reload_ms[0] >= fk.hub_read_ms[1]);
	close(fk.hub_pipe[1]);
	close(fk.hub_pipe[0]);
	fk.hub_pipe[0] = -1;
}

/*
 * A notified reload of a screen that can (reload_send): sent, and the loop goes on: a
 * key that moves (j) typed before its results come is handled first; the results are
 * taken when they come (on the database's socket), and not by the blocking reload. Any
 * other key (x) takes the results first: it may read or write.
 */
static void
test_reload_in_flight(void **state)
{
	struct app	 app;
	int		 i;

	(void)state;
	fake_async_ops = fake_ops;
	fake_async_ops.reload_send = fake_reload_send;
	fake_async_ops.reload_recv = fake_reload_recv;
	for (i = 0; i < 2; i++) {
		if (i == 1) {
			teardown(state);
			assert_int_equal(setup(state), 0);
		}
		fk.first = "async";
		fk.key_in_flight = i == 0 ? "j" : "x";
		assert_int_equal(write(fk.db_pipe[1], "measure:5\n", 10), 10);
		assert_int_equal(run("", 1, &app), 0);
		assert_int_equal(fk.sent, 1);
		assert_int_equal(fk.due_at_send, 1);	/* notified: may read only what came */
		assert_int_equal(fk.handled, 1);	/* the key typed meanwhile */
		assert_int_equal(fk.recv, 1);
		assert_int_equal(fk.reload, 0);		/* not the blocking reload */
		/* j: before the results were taken; x: after */
		assert_int_equal(fk.handled_at_recv, i == 0 ? 1 : 0);
	}
}

/* A reload that changed nothing is not followed by a redraw; one that did, is. */
static void
test_unchanged_reload_no_redraw(void **state)
{
	struct app	 app;
	int		 draws[2], i;

	(void)state;
	for (i = 0; i < 2; i++) {
		memset(&fk, 0, sizeof fk);
		fk.connected = 1;
		assert_int_equal(pipe(fk.db_pipe), 0);
		assert_int_equal(pipe(fk.term_pipe), 0);
		fk.unchanged = i;
		fk.renotify = 1;	/* reload, notify, reload again, then 'q' */
		assert_int_equal(write(fk.db_pipe[1], "measure:12\n", 11), 11);
		assert_int_equal(run("", 1, &app), 0);
		assert_int_equal(fk.reload, 2);
		/* draws between the first reload and the second */
		draws[i] = fk.draw_at_reload;
		close(fk.db_pipe[0]);
		close(fk.db_pipe[1]);
		close(fk.term_pipe[1]);
	}
	assert_true(draws[0] > draws[1]);	/* changed: drawn again; unchanged: not */
}

/* Bytes the terminal got in a run with keys, and how often the screen was laid out. */
static long
run_out(const char *keys, int *draws)
{
	char	 path[] = "/tmp/test_app_out.XXXXXX";
	struct app app;
	FILE	*f;
	long	 n;
	int	 fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	memset(&fk, 0, sizeof fk);
	fk.connected = 1;
	assert_int_equal(pipe(fk.db_pipe), 0);
	assert_int_equal(pipe(fk.term_pipe), 0);
	fk.out_path = path;
	assert_int_equal(run(keys, 0, &app), 0);
	*draws = fk.draw;
	f = fopen(path, "r");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fclose(f);
	unlink(path);
	close(fk.db_pipe[0]);
	close(fk.db_pipe[1]);
	return n;
}

/* Ctrl-L sends the whole screen again, as curses holds it, without laying it out again. */
static void
test_ctrl_l_repaints(void **state)
{
	int	 draws, draws_l, draws_lh;
	long	 bytes = run_out("", &draws), bytes_l = run_out("\f", &draws_l);

	(void)state;
	assert_int_equal(draws_l, draws);
	/* the screen again: the title and the key bar at least (80x24: ~160 cells) */
	assert_true(bytes_l - bytes > 150);
	/* a key after it in the same read is drawn as ever */
	run_out("\fh", &draws_lh);
	assert_int_equal(fk.handled, 1);
	assert_int_equal(draws_lh, draws + 1);
}

static void
test_reconnect_with_backoff(void **state)
{
	struct app	 app;
	long long	 t0 = now_ms();

	(void)state;
	fk.connected = 0;
	fk.fail_reconnects = 1;		/* first try fails, second succeeds */
	fk.quit_on_reload = 1;		/* the reload after reconnecting ends the test */
	assert_int_equal(run("", 1, &app), 0);
	assert_int_equal(fk.reconnects, 2);
	assert_int_equal(fk.reload, 1);
	/* 500 ms, then 1000 ms: at least 1.5 s between start and reload */
	assert_true(now_ms() - t0 >= 1500);
	assert_int_equal(app.connected, 1);
}

static void
test_command_unit(void **state)
{
	struct app	 app;

	(void)state;
	memset(&app, 0, sizeof app);
	app.screens = reg;
	app.nscreens = 2;
	assert_int_equal(app_command(&app, "nope"), -1);
	assert_string_equal(app.msg.text, "Unknown command: nope");
	assert_int_equal(app_command(&app, "migration"), -1);
	assert_string_equal(app.msg.text, "Migration: this screen is coming");
	assert_int_equal(app_command(&app, ":home"), 0);
	assert_int_equal(app.depth, 1);
	assert_int_equal(app_command(&app, "dash"), 0);	/* already open: not twice */
	assert_int_equal(app.depth, 1);
	assert_int_equal(app_command(&app, "q"), 0);
	assert_true(app.quit);
	screen_close(app.stack[0]);
	chrome_message_clear(&app.msg);
	assert_int_equal(fk.fini, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_eof_exits_cleanly, setup, teardown),
		cmocka_unit_test_setup_teardown(test_q_quits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_colon_q_and_commands, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_dispatch, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_gap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reload_in_flight, setup, teardown),
		cmocka_unit_test(test_reload_time),
		cmocka_unit_test_setup_teardown(test_notify_then_quit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notify_other_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hub_all_reloads_in_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hub_read_with_reload, setup, teardown),
		cmocka_unit_test(test_unchanged_reload_no_redraw),
		cmocka_unit_test(test_ctrl_l_repaints),
		cmocka_unit_test_setup_teardown(test_reconnect_with_backoff, setup, teardown),
		cmocka_unit_test_setup_teardown(test_command_unit, setup, teardown),
	};

	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	i18n_init("en", "en");
	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
