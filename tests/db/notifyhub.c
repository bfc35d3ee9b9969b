/*
 * notifyhub — the server's notification hub (backend/notifyhub.c) against a real
 * PostgreSQL: payloads reach every subscriber, spread over a round; a burst beyond
 * the cap becomes "*"; a subscriber that stops reading is skipped, then gets "*" when it
 * reads again, while the others go on; one that ends is dropped; "*" from the database
 * is not passed on; a lost connection is followed by "*"; the hub ends with its listener;
 * a hub that dies is restarted when the listener says so, no more than once a second and
 * less often while it keeps dying. Run by tests/db/test_notifyhub.sh
 * (RASHIN_TEST_CONNINFO: the app role).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/store/db.h"
#include "backend/store/notifyhub.h"
#include "backend/lib/util.h"

#define NSUB	40

struct got {
	const char	*want;
	int		 seen;		/* want came */
	int		 n;		/* payloads read */
	int		 alls;		/* HUB_ALL came (this many times) */
	int		 last_all;	/* the last payload read was HUB_ALL */
};

static void
got_one(void *arg, const char *payload)
{
	struct got *g = arg;

	if (g->want != NULL && strcmp(payload, g->want) == 0)
		g->seen = 1;
	g->last_all = strcmp(payload, HUB_ALL) == 0;
	g->alls += g->last_all;
	g->n++;
}

static struct db *
conn(void)
{
	char		*cause = NULL;
	struct db	*db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);

	if (db == NULL)
		fail_msg("connect: %s", cause);
	return db;
}

static void
notify(struct db *db, const char *payload)
{
	const char	*p[1] = { payload };
	char		*cause = NULL;

	if (db_exec(db, "SELECT pg_notify('rashin', $1)", 1, p, NULL, &cause) != 0)
		fail_msg("notify: %s", cause);
}

/* Wait up to ms for payload want on fd; the time it came (now_ms), or -1. */
static long long
wait_for(int fd, const char *want, int ms)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	long long	 until = now_ms() + ms;
	struct got	 g;

	memset(&g, 0, sizeof g);
	g.want = want;
	while (now_ms() < until) {
		if (poll(&pfd, 1, (int)(until - now_ms())) <= 0)
			continue;
		if (hub_read(fd, got_one, &g) != 0)
			return -1;
		if (g.seen)
			return now_ms();
	}
	return -1;
}

/* Start a hub with n subscribers, each past the hub's first "*". */
static void
start(int *subs, int n)
{
	char	*cause = NULL;
	int	 i;

	assert_int_equal(hub_start(getenv("RASHIN_TEST_CONNINFO"), NULL, &cause), 0);
	for (i = 0; i < n; i++)
		assert_true((subs[i] = hub_subscribe()) >= 0);
	for (i = 0; i < n; i++)
		assert_true(wait_for(subs[i], HUB_ALL, 5000) > 0);
}

/* The listener's end closed: the hub exits 0 within 5 s. */
static void
stop(int *subs, int n)
{
	long long	 until = now_ms() + 5000;
	pid_t		 pid = 0;
	int		 st = -1, i;

	hub_forget();
	while (now_ms() < until && (pid = waitpid(-1, &st, WNOHANG)) == 0)
		usleep(10000);
	assert_true(pid > 0);
	assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	for (i = 0; i < n; i++)
		close(subs[i]);
}

static void
test_every_subscriber_spread_over_a_round(void **state)
{
	struct db	*db = conn();
	long long	 t, sent, first = -1, last = -1;
	int		 subs[NSUB], i;

	(void)state;
	start(subs, NSUB);
	sent = now_ms();
	notify(db, "measure:901");
	notify(db, "measure:902");	/* during the round: in the next one */
	for (i = 0; i < NSUB; i++) {
		t = wait_for(subs[i], "measure:901", 5000);
		assert_true(t > 0);
		last = t > last ? t : last;
		if (i == 0)
			first = t;
	}
	/* 40 subscribers, a slot (HUB_SLOT_MS, 5 ms) each: a round of 200 ms, the 40th
	 * served 39/40 of it after the round began (after the write): never all at once (a
	 * lower bound, so a slow machine cannot fail it) */
	assert_true(last - sent >= 190);
	/* the second write waited for the next round: the first subscriber heard of it a
	 * round after the first, not sooner (so each console reloads once a round at most) */
	t = wait_for(subs[0], "measure:902", 5000);
	assert_true(t > 0);
	assert_true(t - first >= 190);
	stop(subs, NSUB);
	db_close(db);
}

static void
test_a_burst_beyond_the_cap_is_all(void **state)
{
	struct db	*db = conn();
	char		 payload[32];
	struct got	 g;
	int		 subs[NSUB], i;

	(void)state;
	start(subs, NSUB);
	assert_int_equal(db_begin(db, NULL), 0);
	for (i = 0; i < 100; i++) {
		snprintf(payload, sizeof payload, "staff:%d", i);
		notify(db, payload);
	}
	assert_int_equal(db_commit(db, NULL), 0);
	/* staff:0 began a round; the 99 behind it were more than 64: one "*" */
	assert_true(wait_for(subs[NSUB - 1], "staff:0", 5000) > 0);
	assert_true(wait_for(subs[NSUB - 1], HUB_ALL, 5000) > 0);
	usleep(300000);
	memset(&g, 0, sizeof g);
	assert_int_equal(hub_read(subs[NSUB - 1], got_one, &g), 0);
	assert_int_equal(g.n, 0);
	stop(subs, NSUB);
	db_close(db);
}

/* 50 distinct payloads of 1,000 bytes in one transaction (a round of 49 is about
 * 110 KB of socket buffer); the last one's text. */
static void
burst(struct db *db, int round, char *last, size_t size)
{
	char	 payload[2048];
	int	 i;

	assert_int_equal(db_begin(db, NULL), 0);
	for (i = 0; i < 50; i++) {
		memset(payload, 'x', 1000);
		snprintf(payload + 1000, sizeof payload - 1000, ":%d:%d", round, i);
		notify(db, payload);
	}
	assert_int_equal(db_commit(db, NULL), 0);
	snprintf(last, size, "%s", payload);
}

static void
test_one_that_falls_behind_catches_up(void **state)
{
	struct db	*db = conn();
	char		 last[2048];
	struct got	 g;
	int		 subs[2], i;

	(void)state;
	start(subs, 2);
	/* subs[0] reads nothing while four bursts (~450 KB) go by; subs[1] keeps up */
	for (i = 0; i < 4; i++) {
		burst(db, i, last, sizeof last);
		assert_true(wait_for(subs[1], last, 5000) > 0);
	}
	/* subs[0] got what fitted, not the last burst's end, and is still subscribed */
	memset(&g, 0, sizeof g);
	g.want = last;
	assert_int_equal(hub_read(subs[0], got_one, &g), 0);
	assert_true(g.n > 0 && g.n < 200);
	assert_int_equal(g.seen, 0);
	/* now that it has room: "*" (read everything; it may have come while we read), then
	 * payloads as before */
	if (g.alls > 0)
		assert_true(g.alls == 1 && g.last_all);	/* the catch-up, after the backlog */
	else
		assert_true(wait_for(subs[0], HUB_ALL, 5000) > 0);
	notify(db, "measure:1");
	assert_true(wait_for(subs[0], "measure:1", 5000) > 0);
	assert_true(wait_for(subs[1], "measure:1", 5000) > 0);
	/* one that ends is dropped; the other goes on; "*" from the database is not passed */
	close(subs[0]);
	notify(db, HUB_ALL);
	notify(db, "measure:2");
	memset(&g, 0, sizeof g);
	g.want = "measure:2";
	for (i = 0; i < 500 && !g.seen; i++) {
		usleep(10000);
		assert_int_equal(hub_read(subs[1], got_one, &g), 0);
	}
	assert_int_equal(g.seen, 1);
	assert_int_equal(g.n, 1);	/* measure:2 alone: the "*" before it was not passed */
	stop(subs + 1, 1);
	db_close(db);
}

static void
test_a_lost_connection_is_followed_by_all(void **state)
{
	struct db	*db = conn();
	PGresult	*res;
	char		*cause = NULL;
	int		 subs[1];

	(void)state;
	start(subs, 1);
	res = db_query(db, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
	    "WHERE application_name = 'rashin hub'", 0, NULL, NULL, &cause);
	assert_non_null(res);
	assert_string_equal(PQgetvalue(res, 0, 0), "1");
	PQclear(res);
	assert_true(wait_for(subs[0], HUB_ALL, 5000) > 0);
	notify(db, "vdi_account:7");
	assert_true(wait_for(subs[0], "vdi_account:7", 5000) > 0);
	stop(subs, 1);
	db_close(db);
}

/* Kill the hub and report it as the listener does; it was the hub, and only it. */
static void
kill_hub(void)
{
	pid_t	 pid = hub_pid();
	int	 st;

	assert_true(pid > 0);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_int_equal(hub_ended(pid + 1, st), 0);
	assert_int_equal(hub_ended(pid, st), 1);
	assert_int_equal(hub_pid(), -1);
}

/*
 * Call hub_restart as the listener's loop does until it has started a new hub, each wait
 * no longer than most_ms; *before: the time just before the last call began.
 */
static long long
restart(int most_ms, long long *before)
{
	int	 ms;

	for (;;) {
		*before = now_ms();
		if ((ms = hub_restart(NULL)) == -1)
			break;
		assert_true(ms > 0 && ms <= most_ms);
		usleep((useconds_t)ms * 1000);
	}
	assert_true(hub_pid() > 0);
	return now_ms();
}

/* Wait up to 5 s for fd to close (the hub that held its other end died). */
static void
closes(int fd)
{
	struct pollfd	 pfd = { fd, POLLIN, 0 };
	struct got	 g;

	memset(&g, 0, sizeof g);
	assert_true(poll(&pfd, 1, 5000) == 1);
	assert_int_equal(hub_read(fd, got_one, &g), -1);
	close(fd);
}

static void
test_a_dead_hub_is_restarted_once_a_second_then_slower(void **state)
{
	struct db	*db = conn();
	long long	 t0, t1, t1_before, t2, t2_before, after;
	int		 subs[1], ms;

	(void)state;
	t0 = now_ms();
	start(subs, 1);
	assert_int_equal(hub_restart(NULL), -1);	/* none due while it runs */
	kill_hub();
	closes(subs[0]);
	assert_int_equal(hub_subscribe(), -1);		/* none until the restart */
	/* the new one starts a second after the first at the earliest */
	t1 = restart(1000, &t1_before);
	assert_true(t1 - t0 >= 1000);
	/* new subscribers get the new hub: its "*", then payloads */
	assert_true((subs[0] = hub_subscribe()) >= 0);
	assert_true(wait_for(subs[0], HUB_ALL, 5000) > 0);
	notify(db, "measure:5");
	assert_true(wait_for(subs[0], "measure:5", 5000) > 0);
	/* it died young too: the next start comes two seconds after its start */
	kill_hub();
	closes(subs[0]);
	t2 = restart(2000, &t2_before);
	assert_true(t2 - t1_before >= 2000);
	/* and the one after that four seconds after its start (not waited for) */
	kill_hub();
	ms = hub_restart(NULL);
	after = now_ms();
	assert_true(ms <= 4000);
	assert_true((ms == -1 ? after : after + ms) - t2_before >= 4000);
	if (hub_pid() > 0)	/* a slow machine: it was due already */
		stop(subs, 0);
	/* every hub reaped: no child left */
	assert_int_equal(waitpid(-1, NULL, WNOHANG), -1);
	assert_int_equal(errno, ECHILD);
	db_close(db);
}

/* The slot stretches with the kernel's CPU pressure (/proc/pressure/cpu's text). */
static void
test_the_slot_follows_cpu_pressure(void **state)
{
	(void)state;
	assert_int_equal(hub_slot_for("some avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"
	    "full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n"), 5);
	assert_int_equal(hub_slot_for("some avg10=24.99 avg60=80.00 avg300=90.00 total=1\n"), 5);
	assert_int_equal(hub_slot_for("some avg10=25.00 avg60=0.00 avg300=0.00 total=1\n"), 10);
	assert_int_equal(hub_slot_for("some avg10=49.50 avg60=0.00 avg300=0.00 total=1\n"), 10);
	assert_int_equal(hub_slot_for("some avg10=50.00 avg60=0.00 avg300=0.00 total=1\n"), 20);
	assert_int_equal(hub_slot_for("some avg10=100.00 avg60=0.00 avg300=0.00 total=1\n"), 20);
	/* no pressure to read (no PSI, a kernel booted with psi=0, garbage): the base slot */
	assert_int_equal(hub_slot_for(NULL), 5);
	assert_int_equal(hub_slot_for(""), 5);
	assert_int_equal(hub_slot_for("full avg10=90.00\n"), 5);
	assert_int_equal(hub_slot_for("some avg10=x\n"), 5);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_slot_follows_cpu_pressure),
		cmocka_unit_test(test_every_subscriber_spread_over_a_round),
		cmocka_unit_test(test_a_burst_beyond_the_cap_is_all),
		cmocka_unit_test(test_one_that_falls_behind_catches_up),
		cmocka_unit_test(test_a_lost_connection_is_followed_by_all),
		cmocka_unit_test(test_a_dead_hub_is_restarted_once_a_second_then_slower),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
