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
#include "backend/sshd/sshd_chan.h"
#include "backend/sshd/sshd_conn.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_sandbox.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"

void
sshd_spawn_winsize(const struct sshd_chan *chan, struct winsize *ws)
{
	memset(ws, 0, sizeof *ws);
	ws->ws_col = (unsigned short)chan->cols;
	ws->ws_row = (unsigned short)chan->rows;
	ws->ws_xpixel = (unsigned short)chan->xpixel;
	ws->ws_ypixel = (unsigned short)chan->ypixel;
}

/* The UI language the client's locale asks for, if it names one we have. */
static void
sshd_spawn_lang(const struct sshd_chan *chan, struct identity *id)
{
	static const char	*order[] = { "LC_ALL=", "LC_MESSAGES=", "LANG=" };
	const char		*v;
	size_t			 i;
	int			 j;

	for (i = 0; i < nitems(order); i++) {
		for (j = 0; j < chan->nenv; j++) {
			if (strncmp(chan->env[j], order[i], strlen(order[i])) != 0)
				continue;
			v = chan->env[j] + strlen(order[i]);
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
sshd_spawn_environ(const struct sshd_chan *chan)
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
	if (chan->want_pty)
		setenv("TERM", chan->term, 1);
	for (i = 0; i < chan->nenv; i++) {
		len = strcspn(chan->env[i], "=");
		name = xstrndup(chan->env[i], len);
		setenv(name, chan->env[i] + len + 1, 1);
		free(name);
	}
}

/*
 * In the child: stdio on the pty or pipes, nothing of the connection left open; SIGHUP (a
 * hangup, as sshd_chan_kill sends first) when the connection process dies (re-armed after
 * any change of user).
 */
static void __attribute__((noreturn))
sshd_spawn_child(struct sshd_chan *chan, pid_t conn_pid, int fds[3], int ours[3], int argc,
    char **argv)
{
	struct sshd_conn	*conn = chan->conn;
	struct identity		 id = conn->ident;
	struct sigaction	 sa;
	sigset_t		 set;
	int			 i, rc = 1;

	setsid();
	if (chan->want_pty && ioctl(fds[0], TIOCSCTTY, 0) != 0)
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
	close(ssh_get_fd(conn->session));
	close(conn->sig_fd[0]);
	close(conn->sig_fd[1]);
	if (conn->status_fd != -1)
		close(conn->status_fd);
	for (i = 0; i < conn->nchans; i++) {
		if (conn->chans[i]->in_fd > 2)
			close(conn->chans[i]->in_fd);
		if (conn->chans[i]->out_fd > 2)
			close(conn->chans[i]->out_fd);
		if (conn->chans[i]->err_fd > 2)
			close(conn->chans[i]->err_fd);
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
	if (die_with_parent(conn_pid, SIGHUP) != 0)	/* SIGHUP is ours now, not ignored */
		_exit(0);

	sshd_spawn_environ(chan);
	sshd_spawn_lang(chan, &id);
	if (conn->hooks->child_init != NULL)
		conn->hooks->child_init(conn->arg);
#ifdef RASHIN_TEST_HOOKS
	if (chan->kind == SSHD_CHAN_EXEC && argc > 0 &&
	    strcmp(argv[0], "rashin-sandbox-probe") == 0)
		rc = sshd_sandbox_probe(argc, argv);
	else
#endif
	if (chan->kind == SSHD_CHAN_SHELL && conn->hooks->console != NULL)
		rc = conn->hooks->console(conn->arg, &id);
	else if (chan->kind == SSHD_CHAN_EXEC && conn->hooks->command != NULL)
		rc = conn->hooks->command(conn->arg, &id, argc, argv);
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

int
sshd_spawn(struct sshd_chan *chan, int argc, char **argv)
{
	struct winsize	 ws;
	struct termios	 tio;
	int		 master = -1, slave = -1, in[2] = { -1, -1 }, out[2] = { -1, -1 };
	int		 err[2] = { -1, -1 }, fds[3], ours[3] = { -1, -1, -1 }, rc = -1;
	pid_t		 pid, conn_pid = getpid();

	if (chan->want_pty) {
		sshd_spawn_winsize(chan, &ws);
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
		sshd_spawn_child(chan, conn_pid, fds, ours, argc, argv);
	if (chan->conn->hooks->spawned != NULL)
		chan->conn->hooks->spawned(chan->conn->arg);
	chan->pid = pid;
	if (chan->want_pty) {
		chan->in_fd = chan->out_fd = master;
		master = -1;
	} else {
		chan->in_fd = in[1];
		chan->out_fd = out[0];
		chan->err_fd = err[0];
		in[1] = out[0] = err[0] = -1;
		sshd_spawn_nonblock(chan->err_fd);
		if (chan->in_fd != chan->out_fd)
			sshd_spawn_nonblock(chan->in_fd);
	}
	sshd_spawn_nonblock(chan->out_fd);
	rc = 0;
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
	return rc;
}
