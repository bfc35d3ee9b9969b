/*
 * sshd_chan — session channels (see sshd_chan.h). libssh calls the request callbacks from
 * inside ssh_event_dopoll(); they only record what was asked and start children.
 * sshd_chan_service(), run between poll rounds, does everything that changes the set of
 * polled descriptors: reaping, closing, finishing, and pausing a child's output while the
 * client's window is full (so a flood of output never piles up in memory).
 */
#include "backend/sshd/sshd_chan.h"

#include <sys/ioctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/sshd/sshd.h"
#include "backend/sshd/sshd_argv.h"
#include "backend/sshd/sshd_conn.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_net.h"
#include "backend/sshd/sshd_spawn.h"
#include "backend/lib/util.h"

#define SSHD_CHAN_INQ_MAX	(1024 * 1024)	/* client bytes held for a slow child */
#define SSHD_CHAN_READ		16384		/* one read from a child */

static int sshd_chan_on_output(socket_t, int, void *);
static int sshd_chan_on_stderr(socket_t, int, void *);

static struct sshd_chan *
sshd_chan_of(ssh_channel channel, void *userdata)
{
	struct sshd_chan	*chan = userdata;

	return (chan != NULL && chan->channel == channel) ? chan : NULL;
}

static void
sshd_chan_touch(struct sshd_chan *chan)
{
	chan->conn->last_input_ms = now_ms();
	chan->conn->idle_warned = 0;
}

/* Write what we can of the queue to the child without blocking. */
static void
sshd_chan_flush(struct sshd_chan *chan)
{
	ssize_t	 n;

	while (chan->inq.len > 0 && chan->in_fd != -1) {
		n = write(chan->in_fd, chan->inq.data, chan->inq.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		if (n <= 0) {		/* the child closed its stdin: drop the rest */
			chan->inq.len = 0;
			return;
		}
		memmove(chan->inq.data, chan->inq.data + n, chan->inq.len - (size_t)n);
		chan->inq.len -= (size_t)n;
	}
}

/* Queue up to len bytes for the child; returns how many were taken. */
static size_t
sshd_chan_queue(struct sshd_chan *chan, const void *data, size_t len)
{
	struct sshd_chan_buf	*q = &chan->inq;

	if (len > SSHD_CHAN_INQ_MAX - q->len)
		len = SSHD_CHAN_INQ_MAX - q->len;
	if (q->len + len > q->size) {
		q->size = q->len + len < 4096 ? 4096 : q->len + len;
		q->data = xreallocarray(q->data, 1, q->size);
	}
	memcpy(q->data + q->len, data, len);
	q->len += len;
	sshd_chan_flush(chan);
	return len;
}

static int
sshd_chan_on_data(ssh_session session, ssh_channel channel, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);
	size_t			 taken;

	(void)session;
	if (chan == NULL)
		return 0;
	sshd_chan_touch(chan);
	if (is_stderr || chan->in_fd == -1 || chan->exited)
		return (int)len;	/* nobody to give it to: discard */
	taken = sshd_chan_queue(chan, data, len);
	if (taken < len)
		chan->pending = 1;
	return (int)taken;
}

static void
sshd_chan_on_eof(ssh_session session, ssh_channel channel, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);

	(void)session;
	if (chan != NULL)
		chan->in_eof = 1;
}

static void
sshd_chan_on_close(ssh_session session, ssh_channel channel, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);

	(void)session;
	if (chan == NULL)
		return;
	chan->remote_closed = 1;
	chan->in_eof = 1;
}

static int
sshd_chan_on_wontblock(ssh_session session, ssh_channel channel, uint32_t bytes,
    void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);

	(void)session;
	(void)bytes;
	if (chan != NULL)
		chan->stalled = 0;
	return 0;
}

static int
sshd_chan_clamp(int v, int lo, int hi)
{
	return v < lo ? lo : (v > hi ? hi : v);
}

static void
sshd_chan_set_size(struct sshd_chan *chan, int cols, int rows, int xpixel, int ypixel)
{
	chan->cols = sshd_chan_clamp(cols, 1, 1000);
	chan->rows = sshd_chan_clamp(rows, 1, 1000);
	chan->xpixel = sshd_chan_clamp(xpixel, 0, 65535);
	chan->ypixel = sshd_chan_clamp(ypixel, 0, 65535);
}

static int
sshd_chan_on_pty(ssh_session session, ssh_channel channel, const char *term, int cols,
    int rows, int xpixel, int ypixel, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);

	(void)session;
	if (chan == NULL || chan->kind != SSHD_CHAN_NEW || chan->want_pty)
		return -1;
	if (!sshd_spawn_term_ok(term) || strlen(term) >= sizeof chan->term)
		term = "vt100";
	snprintf(chan->term, sizeof chan->term, "%s", term);
	sshd_chan_set_size(chan, cols, rows, xpixel, ypixel);
	chan->want_pty = 1;
	return 0;
}

static int
sshd_chan_on_winch(ssh_session session, ssh_channel channel, int cols, int rows,
    int xpixel, int ypixel, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);
	struct winsize		 ws;

	(void)session;
	if (chan == NULL || !chan->want_pty)
		return -1;
	sshd_chan_set_size(chan, cols, rows, xpixel, ypixel);
	sshd_chan_touch(chan);
	if (chan->out_fd != -1) {
		memset(&ws, 0, sizeof ws);
		ws.ws_col = (unsigned short)chan->cols;
		ws.ws_row = (unsigned short)chan->rows;
		ws.ws_xpixel = (unsigned short)chan->xpixel;
		ws.ws_ypixel = (unsigned short)chan->ypixel;
		/* The kernel sends SIGWINCH to the console's process group. */
		if (ioctl(chan->out_fd, TIOCSWINSZ, &ws) != 0)
			sshd_warn("TIOCSWINSZ: %s", strerror(errno));
	}
	sshd_debug("window size %dx%d", chan->cols, chan->rows);
	return 0;
}

/* Only the locale travels: LANG and LC_*, with a tame value. */
static int
sshd_chan_on_env(ssh_session session, ssh_channel channel, const char *name,
    const char *value, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);

	(void)session;
	if (chan == NULL || chan->kind != SSHD_CHAN_NEW)
		return 1;
	if (!sshd_spawn_env_ok(name, value) || chan->nenv == SSHD_CHAN_MAX_ENV) {
		sshd_debug("env %.32s refused", name);
		return 1;
	}
	chan->env[chan->nenv++] = xasprintf("%s=%s", name, value);
	return 0;
}

static int
sshd_chan_on_subsystem(ssh_session session, ssh_channel channel, const char *subsystem,
    void *userdata)
{
	(void)session;
	(void)channel;
	(void)userdata;
	sshd_info("subsystem %.32s refused", subsystem);
	return 1;
}

static int
sshd_chan_on_shell(ssh_session session, ssh_channel channel, void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);

	(void)session;
	if (chan == NULL || chan->kind != SSHD_CHAN_NEW)
		return 1;
	if (!chan->want_pty) {
		sshd_info("shell without a pty refused");
		return 1;
	}
	chan->kind = SSHD_CHAN_SHELL;
	if (sshd_net_spawn(chan, NULL) != 0)
		return 1;
	sshd_chan_touch(chan);
	sshd_info("console started (pid %ld, TERM=%s, %dx%d)", (long)chan->pid, chan->term,
	    chan->cols, chan->rows);
	return 0;
}

static int
sshd_chan_on_exec(ssh_session session, ssh_channel channel, const char *command,
    void *userdata)
{
	struct sshd_chan	*chan = sshd_chan_of(channel, userdata);
	char			**argv = NULL, *cause = NULL;
	int			  argc = 0, rc = 1;

	(void)session;
	if (chan == NULL || chan->kind != SSHD_CHAN_NEW)
		return 1;
	chan->kind = SSHD_CHAN_EXEC;
	if (sshd_argv_split(command, strlen(command), &argc, &argv, &cause) != 0) {
		/* Accepted, so the client sees why on stderr and gets status 2. */
		sshd_info("command refused: %s", cause);
		chan->early_msg = xasprintf("rashin: %s\n", cause);
		chan->exited = 1;
		chan->status = 2 << 8;
		rc = 0;
		goto out;
	}
	if (sshd_net_spawn(chan, command) != 0)	/* the monitor splits it again */
		goto out;
	sshd_chan_touch(chan);
	sshd_info("command started (pid %ld): %s%s", (long)chan->pid,
	    argc > 0 ? argv[0] : "(none)", argc > 1 ? " ..." : "");
	rc = 0;
out:
	free(cause);
	sshd_argv_free(argc, argv);
	return rc;
}

ssh_channel
sshd_chan_open(ssh_session session, void *userdata)
{
	struct sshd_conn	*conn = userdata;
	struct sshd_chan	*chan;
	int			 max = conn->cfg->max_sessions;

	if (max > SSHD_CONN_MAX_CHANS || max < 0)
		max = SSHD_CONN_MAX_CHANS;
	if (conn->closing || !conn->authenticated)
		return NULL;
	if (conn->nchans >= max) {
		sshd_warn("session channel refused: MaxSessions (%d) reached", max);
		return NULL;
	}
	chan = xcalloc(1, sizeof *chan);
	chan->conn = conn;
	chan->in_fd = chan->out_fd = chan->err_fd = -1;
	chan->channel = ssh_channel_new(session);
	if (chan->channel == NULL) {
		free(chan);
		return NULL;
	}
	chan->cb.userdata = chan;
	chan->cb.channel_data_function = sshd_chan_on_data;
	chan->cb.channel_eof_function = sshd_chan_on_eof;
	chan->cb.channel_close_function = sshd_chan_on_close;
	chan->cb.channel_pty_request_function = sshd_chan_on_pty;
	chan->cb.channel_pty_window_change_function = sshd_chan_on_winch;
	chan->cb.channel_shell_request_function = sshd_chan_on_shell;
	chan->cb.channel_exec_request_function = sshd_chan_on_exec;
	chan->cb.channel_env_request_function = sshd_chan_on_env;
	chan->cb.channel_subsystem_request_function = sshd_chan_on_subsystem;
	chan->cb.channel_write_wontblock_function = sshd_chan_on_wontblock;
	/* No x11/auth-agent callbacks: libssh then answers those requests with failure. */
	ssh_callbacks_init(&chan->cb);
	ssh_set_channel_callbacks(chan->channel, &chan->cb);
	conn->chans[conn->nchans++] = chan;
	sshd_chan_touch(chan);
	return chan->channel;
}

/* Read one chunk of a child's output (fd is out_fd or err_fd) into the channel. */
static void
sshd_chan_pump(struct sshd_chan *chan, int *fdp, int is_stderr)
{
	char		 buf[SSHD_CHAN_READ];
	uint32_t	 window;
	size_t		 want;
	ssize_t		 n;

	window = ssh_channel_window_size(chan->channel);
	if (window == 0 || chan->remote_closed) {
		chan->stalled = !chan->remote_closed;
		if (chan->remote_closed) {	/* nobody to send to: drain and drop */
			n = read(*fdp, buf, sizeof buf);
			if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
				chan->fd_eof |= is_stderr ? 2 : 1;
		}
		return;
	}
	want = window < sizeof buf ? window : sizeof buf;
	n = read(*fdp, buf, want);
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (n <= 0) {			/* EOF, or EIO: the pty's slave side is gone */
		chan->fd_eof |= is_stderr ? 2 : 1;
		return;
	}
	if (is_stderr)
		ssh_channel_write_stderr(chan->channel, buf, (uint32_t)n);
	else
		ssh_channel_write(chan->channel, buf, (uint32_t)n);
}

static int
sshd_chan_on_output(socket_t fd, int revents, void *userdata)
{
	struct sshd_chan	*chan = userdata;

	if ((revents & POLLOUT) && chan->in_fd == fd)
		sshd_chan_flush(chan);
	if ((revents & (POLLIN | POLLHUP | POLLERR)) && chan->out_fd == fd &&
	    !(chan->fd_eof & 1))
		sshd_chan_pump(chan, &chan->out_fd, 0);
	return 0;
}

static int
sshd_chan_on_stderr(socket_t fd, int revents, void *userdata)
{
	struct sshd_chan	*chan = userdata;

	(void)fd;
	if ((revents & (POLLIN | POLLHUP | POLLERR)) && !(chan->fd_eof & 2))
		sshd_chan_pump(chan, &chan->err_fd, 1);
	return 0;
}

static int
sshd_chan_on_input(socket_t fd, int revents, void *userdata)
{
	struct sshd_chan	*chan = userdata;

	(void)fd;
	if (revents & (POLLOUT | POLLERR | POLLHUP))
		sshd_chan_flush(chan);
	return 0;
}

/* Register fd with events (0 = not at all), if that changed. */
static void
sshd_chan_watch(struct sshd_chan *chan, int fd, short *reg, short events,
    ssh_event_callback cb)
{
	if (fd == -1 || *reg == events)
		return;
	if (*reg != 0)
		ssh_event_remove_fd(chan->conn->event, fd);
	*reg = 0;
	if (events != 0 && ssh_event_add_fd(chan->conn->event, fd, events, cb, chan) == SSH_OK)
		*reg = events;
}

static void
sshd_chan_close_fd(struct sshd_chan *chan, int *fdp, short *reg)
{
	int	 fd = *fdp, shared = (fd == chan->in_fd && fd == chan->out_fd);

	if (fd == -1)
		return;
	sshd_chan_watch(chan, fd, reg, 0, NULL);
	if (shared) {
		chan->ev_in = chan->ev_out = 0;
		chan->in_fd = chan->out_fd = -1;
	}
	*fdp = -1;
	close(fd);
}

/* Bring the polled events of chan's descriptors in line with its state. */
static void
sshd_chan_sync(struct sshd_chan *chan)
{
	short	 out = 0, in = 0, err = 0;
	int	 open = ssh_channel_window_size(chan->channel) > 0 || chan->remote_closed;

	if (chan->out_fd != -1 && !(chan->fd_eof & 1) && open)
		out = POLLIN;
	if (chan->err_fd != -1 && !(chan->fd_eof & 2) && open)
		err = POLLIN;
	if (chan->in_fd != -1 && chan->inq.len > 0)
		in = POLLOUT;
	if (chan->in_fd != -1 && chan->in_fd == chan->out_fd)
		sshd_chan_watch(chan, chan->out_fd, &chan->ev_out, out | in,
		    sshd_chan_on_output);
	else {
		sshd_chan_watch(chan, chan->out_fd, &chan->ev_out, out, sshd_chan_on_output);
		sshd_chan_watch(chan, chan->in_fd, &chan->ev_in, in, sshd_chan_on_input);
	}
	sshd_chan_watch(chan, chan->err_fd, &chan->ev_err, err, sshd_chan_on_stderr);
}

static const char *
sshd_chan_signame(int sig)
{
	static const struct { int sig; const char *name; } names[] = {
		{ SIGABRT, "ABRT" }, { SIGALRM, "ALRM" }, { SIGFPE, "FPE" },
		{ SIGHUP, "HUP" }, { SIGILL, "ILL" }, { SIGINT, "INT" },
		{ SIGKILL, "KILL" }, { SIGPIPE, "PIPE" }, { SIGQUIT, "QUIT" },
		{ SIGSEGV, "SEGV" }, { SIGTERM, "TERM" }, { SIGUSR1, "USR1" },
		{ SIGUSR2, "USR2" },
	};
	size_t	 i;

	for (i = 0; i < nitems(names); i++) {
		if (names[i].sig == sig)
			return names[i].name;
	}
	return NULL;
}

/* The child is done and its output drained: exit status, EOF, close. */
static void
sshd_chan_finish(struct sshd_chan *chan)
{
	const char	*sig;
	int		 st = chan->status;

	chan->finished = 1;
	if (chan->remote_closed) {
		sshd_debug("channel closed by client");
		return;
	}
	if (chan->farewell != NULL)
		ssh_channel_write(chan->channel, chan->farewell, (uint32_t)strlen(chan->farewell));
	if (WIFSIGNALED(st) && (sig = sshd_chan_signame(WTERMSIG(st))) != NULL) {
		ssh_channel_request_send_exit_signal(chan->channel, sig, WCOREDUMP(st),
		    "", "");
		sshd_info("%s ended by signal %s", chan->kind == SSHD_CHAN_SHELL ? "console" :
		    "command", sig);
	} else {
		st = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		ssh_channel_request_send_exit_status(chan->channel, st);
		sshd_info("%s exited with status %d", chan->kind == SSHD_CHAN_SHELL ?
		    "console" : "command", st);
	}
	ssh_channel_send_eof(chan->channel);
	ssh_channel_close(chan->channel);
}

static void
sshd_chan_destroy(struct sshd_chan *chan)
{
	int	 i;

	sshd_chan_close_fd(chan, &chan->err_fd, &chan->ev_err);
	sshd_chan_close_fd(chan, &chan->out_fd, &chan->ev_out);
	sshd_chan_close_fd(chan, &chan->in_fd, &chan->ev_in);
	ssh_remove_channel_callbacks(chan->channel, &chan->cb);
	ssh_channel_free(chan->channel);
	for (i = 0; i < chan->nenv; i++)
		free(chan->env[i]);
	free(chan->inq.data);
	free(chan->early_msg);
	free(chan->farewell);
	free(chan);
}

/* One channel's housekeeping; returns 1 when it can be destroyed. */
static int
sshd_chan_step(struct sshd_chan *chan)
{
	char	 buf[SSHD_CHAN_READ];
	size_t	 room;
	int	 n;

	if (chan->early_msg != NULL && !chan->remote_closed) {
		ssh_channel_write_stderr(chan->channel, chan->early_msg,
		    (uint32_t)strlen(chan->early_msg));
		free(chan->early_msg);
		chan->early_msg = NULL;
	}
	while (chan->pending && chan->in_fd != -1 &&
	    (room = SSHD_CHAN_INQ_MAX - chan->inq.len) > 0) {
		n = ssh_channel_read_nonblocking(chan->channel, buf,
		    (uint32_t)(room < sizeof buf ? room : sizeof buf), 0);
		if (n <= 0) {
			chan->pending = 0;
			break;
		}
		sshd_chan_queue(chan, buf, (size_t)n);
	}
	sshd_chan_flush(chan);
	if (chan->in_eof && chan->inq.len == 0 && chan->in_fd != -1 &&
	    chan->in_fd != chan->out_fd)
		sshd_chan_close_fd(chan, &chan->in_fd, &chan->ev_in);
	if (chan->fd_eof & 1)
		sshd_chan_close_fd(chan, &chan->out_fd, &chan->ev_out);
	if (chan->fd_eof & 2)
		sshd_chan_close_fd(chan, &chan->err_fd, &chan->ev_err);
	if (chan->remote_closed && chan->pid != 0 && chan->kill_stage == 0)
		sshd_chan_kill(chan, now_ms());

	/* Done: the child is reaped and its output drained (or nobody listens). */
	if (chan->kind == SSHD_CHAN_NEW && !chan->remote_closed)
		return 0;
	if (chan->pid != 0 || (!chan->remote_closed && (chan->out_fd != -1 ||
	    chan->err_fd != -1)))
		sshd_chan_sync(chan);
	if (chan->pid != 0)
		return 0;
	if (!chan->remote_closed && (chan->out_fd != -1 || chan->err_fd != -1))
		return 0;
	if (!chan->finished)
		sshd_chan_finish(chan);
	return 1;
}

int
sshd_chan_service(struct sshd_conn *conn)
{
	int	 i, j;

	for (i = 0; i < conn->nchans; i++) {
		if (!sshd_chan_step(conn->chans[i]))
			continue;
		sshd_chan_destroy(conn->chans[i]);
		for (j = i; j < conn->nchans - 1; j++)
			conn->chans[j] = conn->chans[j + 1];
		conn->nchans--;
		i--;
	}
	return conn->nchans;
}

void
sshd_chan_kill(struct sshd_chan *chan, long long now)
{
	static const int	 sigs[] = { SIGHUP, SIGTERM, SIGKILL };
	static const int	 after_ms[] = { 0, 1000, 2500 };

	if (chan->pid == 0 || chan->kill_stage >= (int)nitems(sigs))
		return;
	if (chan->kill_stage > 0 && now - chan->kill_ms < after_ms[chan->kill_stage])
		return;
	sshd_net_signal(chan, sigs[chan->kill_stage]);	/* the monitor's child */
	if (chan->kill_stage == 0)
		chan->kill_ms = now;
	chan->kill_stage++;
}

void
sshd_chan_hangup(struct sshd_conn *conn, long long now)
{
	int	 i;

	for (i = 0; i < conn->nchans; i++) {
		if (conn->chans[i]->kind == SSHD_CHAN_NEW && conn->chans[i]->pid == 0 &&
		    !conn->chans[i]->finished) {
			conn->chans[i]->exited = 1;	/* never started: just close it */
			conn->chans[i]->status = 0;
			conn->chans[i]->kind = SSHD_CHAN_EXEC;
		}
		sshd_chan_kill(conn->chans[i], now);
	}
}

void
sshd_chan_notice(struct sshd_conn *conn, const char *line)
{
	int	 i;

	for (i = 0; i < conn->nchans; i++) {
		if (conn->chans[i]->kind == SSHD_CHAN_SHELL && !conn->chans[i]->remote_closed)
			ssh_channel_write(conn->chans[i]->channel, line,
			    (uint32_t)strlen(line));
	}
}

void
sshd_chan_farewell(struct sshd_conn *conn, const char *line)
{
	int	 i;

	for (i = 0; i < conn->nchans; i++) {
		if (conn->chans[i]->kind == SSHD_CHAN_SHELL && conn->chans[i]->farewell == NULL)
			conn->chans[i]->farewell = xstrdup(line);
	}
}

int
sshd_chan_busy(struct sshd_conn *conn)
{
	int	 i;

	for (i = 0; i < conn->nchans; i++) {
		if (conn->chans[i]->kind == SSHD_CHAN_EXEC && conn->chans[i]->pid != 0)
			return 1;
	}
	return 0;
}

void
sshd_chan_free_all(struct sshd_conn *conn)
{
	int	 i;

	/* the monitor ends the children (SIGHUP, SIGTERM, SIGKILL) once we are gone */
	for (i = 0; i < conn->nchans; i++) {
		conn->chans[i]->remote_closed = 1;
		sshd_chan_destroy(conn->chans[i]);
	}
	conn->nchans = 0;
}
