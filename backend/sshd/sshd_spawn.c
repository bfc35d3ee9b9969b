/*
 * sshd_spawn — start the child behind a session channel: the console on a pty (setsid,
 * controlling tty, the client's size and TERM) or a command on pipes, with the client's
 * locale and nothing of the connection left open in it.
 */
#include "backend/sshd/sshd_spawn.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "backend/sshd/sshd.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_sandbox.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"

int
sshd_spawn_env_ok(const char *name, const char *value)
{
	size_t	 i, len = strlen(value);

	if (strcmp(name, "LANG") != 0 && (strncmp(name, "LC_", 3) != 0 ||
	    strlen(name) > 20 || strspn(name + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") !=
	    strlen(name + 3)))
		return 0;
	for (i = 0; i < len; i++) {
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
		    "0123456789-_.@", value[i]) == NULL)
			return 0;
	}
	return len <= 64;
}

int
sshd_spawn_term_ok(const char *term)
{
	size_t	 len = strlen(term);

	return len > 0 && len < 64 && strspn(term, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.+") == len;
}

/* The UI language the client's locale asks for, if it names one we have. */
static void
sshd_spawn_lang(const struct sshd_spawn_req *req, struct identity *id)
{
	static const char	*order[] = { "LC_ALL=", "LC_MESSAGES=", "LANG=" };
	const char		*v;
	size_t			 i;
	int			 j;

	for (i = 0; i < nitems(order); i++) {
		for (j = 0; j < req->nenv; j++) {
			if (strncmp(req->env[j], order[i], strlen(order[i])) != 0)
				continue;
			v = req->env[j] + strlen(order[i]);
			if (strncmp(v, "ja", 2) == 0)
				snprintf(id->lang, sizeof id->lang, "ja");
			else if (strncmp(v, "en", 2) == 0)
				snprintf(id->lang, sizeof id->lang, "en");
			else
				continue;
			return;
		}
	}
}

/* The environment of a child: ours without any locale or TERM, plus the client's. */
static void
sshd_spawn_environ(const struct sshd_spawn_req *req)
{
	char	*name;
	size_t	 len;
	int	 i, again = 1;

	while (again) {
		again = 0;
		for (i = 0; environ != NULL && environ[i] != NULL; i++) {
			if (strncmp(environ[i], "LC_", 3) != 0 &&
			    strncmp(environ[i], "LANG=", 5) != 0 &&
			    strncmp(environ[i], "LANGUAGE=", 9) != 0 &&
			    strncmp(environ[i], "TERM=", 5) != 0)
				continue;
			len = strcspn(environ[i], "=");
			name = xstrndup(environ[i], len);
			unsetenv(name);
			free(name);
			again = 1;
			break;
		}
	}
	if (req->want_pty)
		setenv("TERM", req->term, 1);
	for (i = 0; i < req->nenv; i++) {
		len = strcspn(req->env[i], "=");
		name = xstrndup(req->env[i], len);
		setenv(name, req->env[i] + len + 1, 1);
		free(name);
	}
}

/*
 * In the child: stdio on the pty or pipes, nothing of the connection left open; SIGHUP (a
 * hangup, as the network process asks first at a close) when the monitor dies (re-armed
 * after any change of user).
 */
static void __attribute__((noreturn))
sshd_spawn_child(const struct sshd_spawn_req *req, int fds[3], int ours[3])
{
	struct identity		 id = *req->id;
	struct sigaction	 sa;
	sigset_t		 set;
	int			 i, rc = 1;

	setsid();
	if (req->want_pty && ioctl(fds[0], TIOCSCTTY, 0) != 0)
		_exit(126);
	log_keep_stderr();	/* the server's log is not the client's stderr */
	for (i = 0; i < 3; i++) {
		if (dup2(fds[i], i) == -1)
			_exit(126);
	}
	for (i = 0; i < 3; i++) {
		if (fds[i] > 2 && (i == 0 || fds[i] != fds[i - 1]))
			close(fds[i]);
		if (ours[i] > 2)
			close(ours[i]);
	}
	for (i = 0; i < SSHD_SPAWN_MAX_CLOSE; i++) {
		if (req->close_fds[i] > 2)
			close(req->close_fds[i]);
	}

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
	sigaction(SIGALRM, &sa, NULL);
	alarm(0);
	sigemptyset(&set);
	sigprocmask(SIG_SETMASK, &set, NULL);
	if (die_with_parent(req->parent, SIGHUP) != 0)	/* SIGHUP is ours now */
		_exit(0);

	sshd_spawn_environ(req);
	sshd_spawn_lang(req, &id);
	if (req->hooks->child_init != NULL)
		req->hooks->child_init(req->arg);
#ifdef RASHIN_TEST_HOOKS
	if (!req->shell && req->argc > 0 && strcmp(req->argv[0], "rashin-sandbox-probe") == 0)
		rc = sshd_sandbox_probe(req->argc, req->argv);
	else
#endif
	if (req->shell && req->hooks->console != NULL)
		rc = req->hooks->console(req->arg, &id);
	else if (!req->shell && req->hooks->command != NULL)
		rc = req->hooks->command(req->arg, &id, req->argc, req->argv);
	else
		fprintf(stderr, "rashin: not available here\r\n");
	fflush(NULL);
	_exit(rc & 0xff);
}

static void
sshd_spawn_nonblock(int fd)
{
	int	 flags = fcntl(fd, F_GETFL);

	if (flags != -1)
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

pid_t
sshd_spawn(const struct sshd_spawn_req *req, int fds_out[3], int *nfds)
{
	struct winsize	 ws = req->ws;
	struct termios	 tio;
	int		 master = -1, slave = -1, in[2] = { -1, -1 }, out[2] = { -1, -1 };
	int		 err[2] = { -1, -1 }, fds[3], ours[3] = { -1, -1, -1 }, i;
	pid_t		 pid = -1;

	*nfds = 0;
	if (req->want_pty) {
		if (openpty(&master, &slave, NULL, NULL, &ws) != 0) {
			sshd_error("openpty: %s", strerror(errno));
			goto out;
		}
		if (tcgetattr(slave, &tio) == 0) {
			tio.c_iflag |= IUTF8;
			tcsetattr(slave, TCSANOW, &tio);
		}
		fds[0] = fds[1] = fds[2] = slave;
		ours[0] = master;
	} else {
		if (pipe(in) != 0 || pipe(out) != 0 || pipe(err) != 0) {
			sshd_error("pipe: %s", strerror(errno));
			goto out;
		}
		fds[0] = in[0];
		fds[1] = out[1];
		fds[2] = err[1];
		ours[0] = in[1];
		ours[1] = out[0];
		ours[2] = err[0];
	}
	pid = fork();
	if (pid == -1) {
		sshd_error("fork: %s", strerror(errno));
		goto out;
	}
	if (pid == 0)
		sshd_spawn_child(req, fds, ours);
	if (req->hooks->spawned != NULL)
		req->hooks->spawned(req->arg);
	if (req->want_pty) {
		fds_out[0] = master;
		master = -1;
		*nfds = 1;
	} else {
		fds_out[0] = in[1];
		fds_out[1] = out[0];
		fds_out[2] = err[0];
		in[1] = out[0] = err[0] = -1;
		*nfds = 3;
	}
	for (i = 0; i < *nfds; i++)
		sshd_spawn_nonblock(fds_out[i]);
out:
	if (master != -1)
		close(master);
	if (slave != -1)
		close(slave);
	if (in[0] != -1) {
		close(in[0]);
		close(out[1]);
		close(err[1]);
	}
	if (in[1] != -1)
		close(in[1]);
	if (out[0] != -1)
		close(out[0]);
	if (err[0] != -1)
		close(err[0]);
	return pid;
}
