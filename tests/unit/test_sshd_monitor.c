/*
 * test_sshd_monitor — the monitor of privilege separation (sshd_monitor.c) against a
 * network process that says what a compromised one might. Each case forks a process that
 * runs the real sshd_monitor_run over a socketpair with a scripted network process as its
 * child; the hooks write what they were asked (authorize, audit) to a report pipe, and the
 * listener's status pipe is read back. Checked: a refused key and then a good one; no
 * spawn before the login, no second login, no signal but HUP/TERM/KILL, no environment the
 * client may not send, no unterminated string (each: the network process killed, the
 * logout audited); a command started with its pipes handed over, its output read and its
 * exit status reported; MaxSessions; the login_failed audits capped.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backend/lib/config.h"
#include "backend/lib/log.h"
#include "backend/sshd/sshd.h"
#include "backend/sshd/sshd_chan.h"
#include "backend/sshd/sshd_conn.h"
#include "backend/sshd/sshd_mon.h"
#include "backend/sshd/sshd_monitor.h"

static int report_fd = -1;	/* the hooks' report, towards the test */

static void
report(const char *fmt, ...)
{
	char	 line[512];
	va_list	 ap;
	ssize_t	 n;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	n = write(report_fd, line, strlen(line));
	(void)n;
}

static int
hook_authorize(void *arg, const char *user, const char *key_type, const char *key_b64,
    const char *fingerprint, struct identity *id, char **cause)
{
	(void)arg;
	(void)key_type;
	(void)fingerprint;
	report("authorize %s %s\n", user, key_b64);
	if (strcmp(key_b64, "good") != 0) {
		*cause = strdup("unknown key");
		return -1;
	}
	id->staff_id = 7;
	snprintf(id->login, sizeof id->login, "%s", user);
	snprintf(id->role, sizeof id->role, "admin");
	snprintf(id->session, sizeof id->session, "s3cr3t");
	return 0;
}

static void
hook_audit(void *arg, const char *event, const char *user, const char *source,
    const char *fingerprint, const char *reason, const char *session)
{
	(void)arg;
	(void)source;
	(void)fingerprint;
	(void)session;
	report("audit %s %s %s\n", event, user, reason != NULL ? reason : "-");
}

/* A command: "hello" prints its words and who it runs for, "block" waits for EOF. */
static int
hook_command(void *arg, struct identity *id, int argc, char **argv)
{
	char	 c;

	(void)arg;
	if (argc > 0 && strcmp(argv[0], "block") == 0) {
		while (read(0, &c, 1) > 0)
			continue;
		return 0;
	}
	printf("hello %d %s %s\n", argc, argc > 1 ? argv[1] : "-", id->session);
	return 3;
}

static const struct sshd_hooks hooks = {
	.authorize = hook_authorize,
	.audit = hook_audit,
	.command = hook_command,
};

/* --- the scripted network process ---------------------------------------------------- */

static void
net_send(int fd, const struct sshd_mon_msg *m)
{
	if (sshd_mon_send(fd, m, NULL, 0, 0) != 0)
		_exit(20);
}

/* The next message that is not an EXIT (those are returned in *exit_st, if asked). */
static void
net_recv(int fd, struct sshd_mon_msg *m, int *fds, int *nfds)
{
	if (sshd_mon_recv(fd, m, fds, nfds) != 1)
		_exit(21);
}

static void
net_auth(int fd, struct sshd_mon_msg *m, const char *key)
{
	int	 fds[3], nfds;

	sshd_mon_init(m, SSHD_MON_AUTH, 0, 0);
	snprintf(m->u.auth.user, sizeof m->u.auth.user, "alice");
	snprintf(m->u.auth.key_type, sizeof m->u.auth.key_type, "ssh-ed25519");
	snprintf(m->u.auth.fingerprint, sizeof m->u.auth.fingerprint, "SHA256:x");
	snprintf(m->u.auth.key_b64, sizeof m->u.auth.key_b64, "%s", key);
	net_send(fd, m);
	net_recv(fd, m, fds, &nfds);
}

static void
net_spawn(int fd, struct sshd_mon_msg *m, uint32_t chan, const char *cmd, const char *env)
{
	sshd_mon_init(m, SSHD_MON_SPAWN, chan, 0);
	m->u.spawn.kind = SSHD_CHAN_EXEC;
	m->u.spawn.cols = 80;
	m->u.spawn.rows = 24;
	if (env != NULL) {
		snprintf(m->u.spawn.env[0], sizeof m->u.spawn.env[0], "%s", env);
		m->u.spawn.nenv = 1;
	}
	m->u.spawn.cmdlen = (uint32_t)snprintf(m->u.spawn.command,
	    sizeof m->u.spawn.command, "%s", cmd);
	net_send(fd, m);
}

/* Wait to be killed: exit 30 if the monitor lets us live 3 s. */
static void __attribute__((noreturn))
net_await_death(void)
{
	sleep(3);
	_exit(30);
}

enum scen { S_LOGIN_AND_RUN, S_SPAWN_FIRST, S_SECOND_AUTH, S_BAD_SIGNAL, S_BAD_ENV,
	S_UNTERMINATED, S_FLOOD, S_MAX_SESSIONS };

static void __attribute__((noreturn))
net_run(enum scen s, int fd)
{
	struct sshd_mon_msg	*m = calloc(1, sizeof *m);
	char			 buf[256];
	int			 fds[3], nfds, i;
	size_t			 have = 0;
	ssize_t			 n;

	if (m == NULL)
		_exit(22);
	switch (s) {
	case S_LOGIN_AND_RUN:
		net_auth(fd, m, "bad");
		if (m->type != SSHD_MON_AUTH_NO || strcmp(m->u.failed.reason, "unknown key") != 0)
			_exit(40);
		net_auth(fd, m, "good");
		if (m->type != SSHD_MON_AUTH_OK || m->u.ok.staff_id != 7 ||
		    strcmp(m->u.ok.login, "alice") != 0 || strcmp(m->u.ok.role, "admin") != 0)
			_exit(41);
		net_spawn(fd, m, 1, "hello 'big world'", "LANG=ja_JP.UTF-8");
		net_recv(fd, m, fds, &nfds);
		if (m->type != SSHD_MON_SPAWNED || m->value <= 0 || nfds != 3)
			_exit(42);
		close(fds[0]);		/* its stdin: EOF */
		while (have < sizeof buf - 1) {
			struct pollfd pfd = { fds[1], POLLIN, 0 };

			if (poll(&pfd, 1, 5000) != 1)
				_exit(43);
			if ((n = read(fds[1], buf + have, sizeof buf - 1 - have)) == 0)
				break;
			if (n > 0)
				have += (size_t)n;
		}
		buf[have] = '\0';
		if (strcmp(buf, "hello 2 big world s3cr3t\n") != 0)
			_exit(44);
		net_recv(fd, m, fds, &nfds);
		if (m->type != SSHD_MON_EXIT || m->chan != 1 || !WIFEXITED(m->value) ||
		    WEXITSTATUS(m->value) != 3)
			_exit(45);
		sshd_mon_init(m, SSHD_MON_BYE, 0, SSHD_MON_WHY_IDLE);
		net_send(fd, m);
		_exit(0);
	case S_SPAWN_FIRST:
		net_spawn(fd, m, 1, "hello", NULL);
		net_await_death();
	case S_SECOND_AUTH:
		net_auth(fd, m, "good");
		sshd_mon_init(m, SSHD_MON_AUTH, 0, 0);
		snprintf(m->u.auth.user, sizeof m->u.auth.user, "bob");
		snprintf(m->u.auth.key_b64, sizeof m->u.auth.key_b64, "good");
		net_send(fd, m);
		net_await_death();
	case S_BAD_SIGNAL:
		net_auth(fd, m, "good");
		sshd_mon_init(m, SSHD_MON_KILL, 1, SIGSTOP);
		net_send(fd, m);
		net_await_death();
	case S_BAD_ENV:
		net_auth(fd, m, "good");
		net_spawn(fd, m, 1, "hello", "LD_PRELOAD=/tmp/x.so");
		net_await_death();
	case S_UNTERMINATED:
		sshd_mon_init(m, SSHD_MON_AUTH, 0, 0);
		memset(m->u.auth.user, 'a', sizeof m->u.auth.user);
		net_send(fd, m);
		net_await_death();
	case S_FLOOD:
		for (i = 0; i < 20; i++) {
			sshd_mon_init(m, SSHD_MON_FAILED, 0, 1);
			snprintf(m->u.failed.user, sizeof m->u.failed.user, "alice");
			snprintf(m->u.failed.reason, sizeof m->u.failed.reason, "bad signature");
			net_send(fd, m);
		}
		_exit(0);
	case S_MAX_SESSIONS:
		net_auth(fd, m, "good");
		net_spawn(fd, m, 1, "block", NULL);
		net_recv(fd, m, fds, &nfds);
		if (m->type != SSHD_MON_SPAWNED || m->value <= 0 || nfds != 3)
			_exit(50);
		net_spawn(fd, m, 2, "block", NULL);	/* max_sessions is 1 */
		net_recv(fd, m, fds + 0, &nfds);
		if (m->type != SSHD_MON_SPAWNED || m->value != 0 || nfds != 0)
			_exit(51);
		_exit(0);	/* the first child holds on: the monitor must end it */
	}
	_exit(23);
}

/* --- the monitor, and what it reported ------------------------------------------------- */

struct outcome {
	int	 rc;		/* the monitor's exit status: 0 ok, 1 network killed */
	char	 report[4096];
	char	 status[16];	/* bytes on the status pipe */
};

static void
drain(int fd, char *buf, size_t size)
{
	size_t	 have = 0;
	ssize_t	 n;

	while (have < size - 1 && (n = read(fd, buf + have, size - 1 - have)) > 0)
		have += (size_t)n;
	buf[have] = '\0';
}

static void
run_monitor(enum scen s, int max_sessions, struct outcome *o)
{
	struct sshd_monitor_args a;
	struct config		 cfg;
	int			 rp[2], st_pipe[2], sp[2], st;
	pid_t			 pid, net;

	memset(o, 0, sizeof *o);
	assert_int_equal(pipe(rp), 0);
	assert_int_equal(pipe(st_pipe), 0);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		close(rp[0]);
		close(st_pipe[0]);
		report_fd = rp[1];
		if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0 ||
		    (net = fork()) == -1)
			_exit(90);
		if (net == 0) {
			close(sp[0]);
			close(st_pipe[1]);
			net_run(s, sp[1]);
		}
		close(sp[1]);
		memset(&cfg, 0, sizeof cfg);
		cfg.max_auth_tries = 3;
		cfg.max_sessions = max_sessions;
		memset(&a, 0, sizeof a);
		a.cfg = &cfg;
		a.hooks = &hooks;
		a.fd = sp[0];
		a.net = net;
		a.status_fd = st_pipe[1];
		a.id = "0badc0de";
		a.source = "192.0.2.1";
		_exit(sshd_monitor_run(&a));
	}
	close(rp[1]);
	close(st_pipe[1]);
	drain(rp[0], o->report, sizeof o->report);
	drain(st_pipe[0], o->status, sizeof o->status);
	close(rp[0]);
	close(st_pipe[0]);
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	o->rc = WEXITSTATUS(st);
}

static int
count(const char *hay, const char *needle)
{
	int	 n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

static void
test_login_and_command(void **state)
{
	struct outcome	 o;

	(void)state;
	run_monitor(S_LOGIN_AND_RUN, 4, &o);
	assert_int_equal(o.rc, 0);	/* the script's own checks passed */
	assert_string_equal(o.report,
	    "authorize alice bad\n"
	    "audit login_failed alice unknown key\n"
	    "authorize alice good\n"
	    "audit login alice -\n"
	    "audit logout alice idle timeout\n");
	assert_string_equal(o.status, "A");
}

/* Each of these kills the network process; a login that was made is logged out. */
static void
expect_killed(enum scen s, int logged_in)
{
	struct outcome	 o;

	run_monitor(s, 4, &o);
	assert_int_equal(o.rc, 1);
	assert_int_equal(count(o.report, "audit logout alice network process killed\n"),
	    logged_in);
	assert_null(strstr(o.report, "bob"));
}

static void
test_refused(void **state)
{
	(void)state;
	expect_killed(S_SPAWN_FIRST, 0);
	expect_killed(S_SECOND_AUTH, 1);
	expect_killed(S_BAD_SIGNAL, 1);
	expect_killed(S_BAD_ENV, 1);
	expect_killed(S_UNTERMINATED, 0);
}

static void
test_flood_capped(void **state)
{
	struct outcome	 o;

	(void)state;
	run_monitor(S_FLOOD, 4, &o);
	assert_int_equal(o.rc, 0);
	assert_int_equal(count(o.report, "audit login_failed alice bad signature\n"), 3 + 4);
	assert_string_equal(o.status, "F");
}

static void
test_max_sessions(void **state)
{
	struct outcome	 o;

	(void)state;
	run_monitor(S_MAX_SESSIONS, 1, &o);
	assert_int_equal(o.rc, 0);	/* and the blocked child was ended: the monitor returned */
	assert_int_equal(count(o.report, "audit logout alice -\n"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_login_and_command),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_flood_capped),
		cmocka_unit_test(test_max_sessions),
	};
	char	*cause = NULL;

	(void)log_open(NULL, "error", &cause);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
