/*
 * sshd_net — the network process's requests to its monitor (see sshd_net.h). A request
 * waits for its answer; a child's end that arrives meanwhile is applied to its channel.
 * If the monitor is gone, or answers what was not asked, the connection ends.
 */
#include "backend/sshd/sshd_net.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/sshd/sshd_chan.h"
#include "backend/sshd/sshd_conn.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_mon.h"
#include "backend/lib/util.h"

static void
sshd_net_gone(struct sshd_conn *conn, const char *what)
{
	if (!conn->mon_gone)
		sshd_error("monitor: %s: closing", what);
	conn->mon_gone = 1;
}

/* A child ended: its channel finishes once its output is drained. */
static void
sshd_net_exited(struct sshd_conn *conn, uint32_t num, int st)
{
	int	 i;

	for (i = 0; i < conn->nchans; i++) {
		if (conn->chans[i]->num == num && conn->chans[i]->pid != 0) {
			conn->chans[i]->exited = 1;
			conn->chans[i]->status = st;
			conn->chans[i]->pid = 0;
		}
	}
}

/* Read one message; an EXIT is applied here. 1 = a message in *m, 0 = applied, -1 gone. */
static int
sshd_net_read(struct sshd_conn *conn, struct sshd_mon_msg *m, int *fds, int *nfds)
{
	int	 rc, i;

	if (conn->mon_gone)
		return -1;
	rc = sshd_mon_recv(conn->mon_fd, m, fds, nfds);
	if (rc < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	if (rc <= 0) {
		sshd_net_gone(conn, rc == 0 ? "gone" : strerror(errno));
		return -1;
	}
	if (m->type != SSHD_MON_EXIT)
		return 1;
	for (i = 0; i < *nfds; i++)
		close(fds[i]);
	sshd_net_exited(conn, m->chan, m->value);
	return 0;
}

/* Send q and wait for the answer of type want (one of two); -1 when the monitor is gone. */
static int
sshd_net_call(struct sshd_conn *conn, const struct sshd_mon_msg *q, uint32_t want,
    uint32_t want2, struct sshd_mon_msg *r, int *fds, int *nfds)
{
	int	 rc, i;

	if (conn->mon_gone)
		return -1;
	if (sshd_mon_send(conn->mon_fd, q, NULL, 0, 0) != 0) {
		sshd_net_gone(conn, strerror(errno));
		return -1;
	}
	for (;;) {
		if ((rc = sshd_net_read(conn, r, fds, nfds)) < 0)
			return -1;
		if (rc == 0)
			continue;
		if (r->type == want || r->type == want2)
			return 0;
		for (i = 0; i < *nfds; i++)
			close(fds[i]);
		sshd_net_gone(conn, "an answer to nothing asked");
		return -1;
	}
}

int
sshd_net_authorize(struct sshd_conn *conn, const char *user, const char *key_type,
    const char *key_b64, const char *fingerprint, char *why, size_t whysize)
{
	struct sshd_mon_msg	*q = xcalloc(2, sizeof *q), *r = q + 1;
	int			 fds[SSHD_MON_MAX_FDS], nfds, rc = -1;

	sshd_mon_init(q, SSHD_MON_AUTH, 0, 0);
	snprintf(q->u.auth.user, sizeof q->u.auth.user, "%s", user);
	snprintf(q->u.auth.key_type, sizeof q->u.auth.key_type, "%s", key_type);
	snprintf(q->u.auth.fingerprint, sizeof q->u.auth.fingerprint, "%s", fingerprint);
	if (strlen(key_b64) >= sizeof q->u.auth.key_b64) {
		snprintf(why, whysize, "%s", "public key too long");
		rc = 1;
		goto out;
	}
	snprintf(q->u.auth.key_b64, sizeof q->u.auth.key_b64, "%s", key_b64);
	if (sshd_net_call(conn, q, SSHD_MON_AUTH_OK, SSHD_MON_AUTH_NO, r, fds, &nfds) != 0)
		goto out;
	if (r->type == SSHD_MON_AUTH_NO) {
		r->u.failed.reason[sizeof r->u.failed.reason - 1] = '\0';
		snprintf(why, whysize, "%s", r->u.failed.reason);
		rc = 1;
		goto out;
	}
	r->u.ok.login[sizeof r->u.ok.login - 1] = '\0';
	r->u.ok.role[sizeof r->u.ok.role - 1] = '\0';
	conn->ident.staff_id = r->u.ok.staff_id;
	snprintf(conn->ident.login, sizeof conn->ident.login, "%s", r->u.ok.login);
	snprintf(conn->ident.role, sizeof conn->ident.role, "%s", r->u.ok.role);
	rc = 0;
out:
	free(q);
	return rc;
}

void
sshd_net_failed(struct sshd_conn *conn, const char *fingerprint, const char *reason,
    int counts)
{
	struct sshd_mon_msg	 q;

	if (conn->mon_gone || conn->authenticated)	/* the monitor takes none after it */
		return;
	sshd_mon_init(&q, SSHD_MON_FAILED, 0, counts);
	snprintf(q.u.failed.user, sizeof q.u.failed.user, "%s", conn->user);
	snprintf(q.u.failed.fingerprint, sizeof q.u.failed.fingerprint, "%s",
	    fingerprint != NULL ? fingerprint : "");
	snprintf(q.u.failed.reason, sizeof q.u.failed.reason, "%s", reason);
	if (sshd_mon_send(conn->mon_fd, &q, NULL, 0, 0) != 0)
		sshd_net_gone(conn, strerror(errno));
}

static void
sshd_net_nonblock(int fd)
{
	int	 flags = fcntl(fd, F_GETFL);

	if (flags != -1)
		fcntl(fd, F_SETFL, flags | O_NONBLOCK);
}

int
sshd_net_spawn(struct sshd_chan *chan, const char *command)
{
	struct sshd_conn	*conn = chan->conn;
	struct sshd_mon_msg	*q = xcalloc(2, sizeof *q), *r = q + 1;
	struct sshd_mon_spawn	*s = &q->u.spawn;
	int			 fds[SSHD_MON_MAX_FDS], nfds = 0, i, rc = -1;

	chan->num = ++conn->chan_seq;
	sshd_mon_init(q, SSHD_MON_SPAWN, chan->num, 0);
	s->kind = (uint32_t)chan->kind;
	s->want_pty = (uint32_t)chan->want_pty;
	s->cols = chan->cols;
	s->rows = chan->rows;
	s->xpixel = chan->xpixel;
	s->ypixel = chan->ypixel;
	snprintf(s->term, sizeof s->term, "%s", chan->term);
	for (i = 0; i < chan->nenv && i < SSHD_MON_MAX_ENV; i++)
		snprintf(s->env[i], sizeof s->env[i], "%s", chan->env[i]);
	s->nenv = (uint32_t)i;
	if (command != NULL) {
		s->cmdlen = (uint32_t)snprintf(s->command, sizeof s->command, "%s", command);
		if (s->cmdlen >= sizeof s->command)
			goto out;
	}
	if (sshd_net_call(conn, q, SSHD_MON_SPAWNED, SSHD_MON_SPAWNED, r, fds, &nfds) != 0)
		goto out;
	if (r->value <= 0 || nfds != (chan->want_pty ? 1 : 3)) {
		for (i = 0; i < nfds; i++)
			close(fds[i]);
		if (r->value > 0)	/* a child we cannot talk to: it goes */
			sshd_net_signal(chan, SIGKILL);
		goto out;
	}
	chan->pid = r->value;
	for (i = 0; i < nfds; i++)
		sshd_net_nonblock(fds[i]);
	if (chan->want_pty)
		chan->in_fd = chan->out_fd = fds[0];
	else {
		chan->in_fd = fds[0];
		chan->out_fd = fds[1];
		chan->err_fd = fds[2];
	}
	rc = 0;
out:
	free(q);
	return rc;
}

void
sshd_net_signal(struct sshd_chan *chan, int sig)
{
	struct sshd_mon_msg	 q;

	if (chan->conn->mon_gone)
		return;
	sshd_mon_init(&q, SSHD_MON_KILL, chan->num, sig);
	if (sshd_mon_send(chan->conn->mon_fd, &q, NULL, 0, 0) != 0)
		sshd_net_gone(chan->conn, strerror(errno));
}

void
sshd_net_bye(struct sshd_conn *conn, int why)
{
	struct sshd_mon_msg	 q;

	if (conn->mon_gone)
		return;
	sshd_mon_init(&q, SSHD_MON_BYE, 0, why);
	(void)sshd_mon_send(conn->mon_fd, &q, NULL, 0, 0);
}

int
sshd_net_on_monitor(int fd, int revents, void *userdata)
{
	struct sshd_conn	*conn = userdata;
	struct sshd_mon_msg	*m;
	int			 fds[SSHD_MON_MAX_FDS], nfds = 0, i;

	(void)fd;
	if (!(revents & (POLLIN | POLLHUP | POLLERR)))
		return 0;
	m = xmalloc(sizeof *m);
	if (sshd_net_read(conn, m, fds, &nfds) == 1) {
		for (i = 0; i < nfds; i++)
			close(fds[i]);
		sshd_net_gone(conn, "a message nobody asked for");
	}
	free(m);
	return 0;
}
