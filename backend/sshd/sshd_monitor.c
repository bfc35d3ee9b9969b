/*
 * sshd_monitor — the privileged half of a connection (see sshd_monitor.h): one poll loop
 * over the socket to the network process and a self-pipe for SIGCHLD and SIGTERM.
 */
#include "backend/sshd/sshd_monitor.h"

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
#include "backend/lib/util.h"
#include "backend/sshd/sshd.h"
#include "backend/sshd/sshd_argv.h"
#include "backend/sshd/sshd_chan.h"
#include "backend/sshd/sshd_conn.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_mon.h"
#include "backend/sshd/sshd_spawn.h"

#define MON_GRACE_SLACK_MS	10000	/* past LoginGraceTime: the network process hangs */
#define MON_TERM_WAIT_MS	(5000 + 3000)	/* past SIGTERM: its close takes at most 5 s */
#define MON_KILL_WAIT_MS	4000	/* the children's HUP, TERM, KILL at the end */
#define MON_EXTRA_FAILED	4	/* login_failed audits beyond MaxAuthTries */

struct mon_kid {
	uint32_t	 chan;
	pid_t		 pid;
};

struct mon {
	const struct sshd_monitor_args *a;
	int		 sig_fd[2];
	int		 authenticated;
	struct identity	 ident;
	char		 user[sizeof ((struct identity *)0)->login];
	char		 fingerprint[128];
	int		 failures;	/* counted attempts, for the listener's 'F' */
	int		 audited;	/* login_failed entries written */
	int		 why;		/* enum sshd_mon_why from BYE */
	int		 net_st;	/* the network process's wait status */
	int		 net_done;	/* reaped */
	int		 eof;		/* its socket closed, or we stopped reading it */
	long long	 started_ms, term_ms;
	struct mon_kid	 kids[SSHD_CONN_MAX_CHANS];
	int		 nkids;
};

static volatile sig_atomic_t mon_got_chld, mon_got_term;
static int mon_sigfd = -1;

static void
mon_on_signal(int sig)
{
	int	 saved = errno;
	ssize_t	 n;

	if (sig == SIGCHLD)
		mon_got_chld = 1;
	else
		mon_got_term = 1;
	if (mon_sigfd != -1) {
		n = write(mon_sigfd, "", 1);
		(void)n;
	}
	errno = saved;
}

static void
mon_signals(void)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = mon_on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCHLD, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
}

static void
mon_status(struct mon *m, char what)
{
	ssize_t	 n;

	if (m->a->status_fd == -1)
		return;
	n = write(m->a->status_fd, &what, 1);
	(void)n;
}

static void
mon_audit(struct mon *m, const char *event, const char *user, const char *fp,
    const char *reason)
{
	if (m->a->hooks->audit != NULL)
		m->a->hooks->audit(m->a->arg, event, user, m->a->source, fp != NULL ? fp : "",
		    reason, m->a->id);
}

/* The network process broke the protocol: it is not ours any more. */
static void
mon_bad(struct mon *m, const char *what)
{
	sshd_error("network process %ld: %s: killed", (long)m->a->net, what);
	if (!m->net_done)
		kill(m->a->net, SIGKILL);
	m->eof = 1;
}

static void
mon_reply(struct mon *m, const struct sshd_mon_msg *r, const int *fds, int nfds)
{
	if (m->eof)
		return;
	if (sshd_mon_send(m->a->fd, r, fds, nfds, 1) == 0)
		return;
	if (errno == EAGAIN || errno == EWOULDBLOCK)
		mon_bad(m, "it does not read its messages");
	else
		m->eof = 1;	/* it has gone: its end is closed */
}

static int
mon_max_tries(const struct mon *m)
{
	return m->a->cfg->max_auth_tries > 0 ? m->a->cfg->max_auth_tries : 32;
}

static void
mon_authorize(struct mon *m, struct sshd_mon_auth *q)
{
	struct sshd_mon_msg	 r;
	struct identity		 id;
	char			*cause = NULL;

	if (m->authenticated) {
		mon_bad(m, "a second authorization");
		return;
	}
	/* the client's MaxAuthTries, counted here too: a network process that asked on past
	 * it would probe keys in the database and fill the audit trail */
	if (m->failures >= mon_max_tries(m)) {
		mon_bad(m, "authorizations past MaxAuthTries");
		return;
	}
	if (m->user[0] != '\0' && strcmp(m->user, q->user) != 0) {
		mon_bad(m, "another login name");
		return;
	}
	snprintf(m->user, sizeof m->user, "%s", q->user);
	memset(&id, 0, sizeof id);
	snprintf(id.source, sizeof id.source, "%s", m->a->source);
	if (m->a->hooks->authorize == NULL)
		cause = xstrdup("no authorization hook");
	else if (m->a->hooks->authorize(m->a->arg, q->user, q->key_type, q->key_b64,
	    q->fingerprint, &id, &cause) != 0 && cause == NULL)
		cause = xstrdup("refused");
	if (cause != NULL) {
		m->failures++;
		if (m->audited < mon_max_tries(m) + MON_EXTRA_FAILED) {
			m->audited++;
			mon_audit(m, "login_failed", q->user, q->fingerprint, cause);
		}
		sshd_mon_init(&r, SSHD_MON_AUTH_NO, 0, 0);
		snprintf(r.u.failed.reason, sizeof r.u.failed.reason, "%s", cause);
		free(cause);
		mon_reply(m, &r, NULL, 0);
		return;
	}
	snprintf(id.source, sizeof id.source, "%s", m->a->source);
	snprintf(id.fingerprint, sizeof id.fingerprint, "%.63s", q->fingerprint);
	if (id.login[0] == '\0')
		snprintf(id.login, sizeof id.login, "%s", q->user);
	m->ident = id;
	m->authenticated = 1;
	snprintf(m->fingerprint, sizeof m->fingerprint, "%s", q->fingerprint);
	sshd_log_context(m->a->id, id.login, m->a->source);
	mon_audit(m, "login", q->user, q->fingerprint, NULL);
	mon_status(m, SSHD_STATUS_AUTHENTICATED);
	sshd_mon_init(&r, SSHD_MON_AUTH_OK, 0, 0);
	r.u.ok.staff_id = id.staff_id;
	snprintf(r.u.ok.login, sizeof r.u.ok.login, "%s", id.login);
	snprintf(r.u.ok.role, sizeof r.u.ok.role, "%s", id.role);
	mon_reply(m, &r, NULL, 0);	/* never the session's secret */
	explicit_bzero(&id, sizeof id);
}

/* A failed attempt the network process saw (bad signature, other method, grace time). */
static void
mon_failed(struct mon *m, const struct sshd_mon_msg *q)
{
	int	 max = mon_max_tries(m);

	if (m->authenticated) {
		mon_bad(m, "a failed login after the login");
		return;
	}
	if (q->value != 0)
		m->failures++;
	if (m->audited >= max + MON_EXTRA_FAILED)
		return;		/* no flooding of the audit trail */
	m->audited++;
	mon_audit(m, "login_failed", q->u.failed.user[0] != '\0' ? q->u.failed.user : "?",
	    q->u.failed.fingerprint[0] != '\0' ? q->u.failed.fingerprint : NULL,
	    q->u.failed.reason);
}

static struct mon_kid *
mon_kid(struct mon *m, uint32_t chan)
{
	int	 i;

	for (i = 0; i < m->nkids; i++) {
		if (m->kids[i].chan == chan)
			return &m->kids[i];
	}
	return NULL;
}

/* Check a spawn request as if it came from the client itself; 0 or -1 (what). */
static int
mon_spawn_check(struct sshd_mon_spawn *s, const char **what)
{
	char	 name[SSHD_MON_ENV_LEN];
	size_t	 len;
	uint32_t i;

	*what = NULL;
	if (s->kind != SSHD_CHAN_SHELL && s->kind != SSHD_CHAN_EXEC)
		*what = "an unknown channel kind";
	else if (s->kind == SSHD_CHAN_SHELL && !s->want_pty)
		*what = "a console without a pty";
	else if (s->nenv > SSHD_MON_MAX_ENV)
		*what = "too many environment variables";
	else if (!sshd_mon_str(s->term, sizeof s->term) ||
	    s->cmdlen > SSHD_ARGV_MAX_LINE || s->command[s->cmdlen] != '\0')
		*what = "an unterminated string";
	for (i = 0; *what == NULL && i < s->nenv; i++) {
		if (!sshd_mon_str(s->env[i], sizeof s->env[i]) ||
		    (len = strcspn(s->env[i], "=")) == strlen(s->env[i]))
			*what = "a malformed environment variable";
		else {
			memcpy(name, s->env[i], len);
			name[len] = '\0';
			if (!sshd_spawn_env_ok(name, s->env[i] + len + 1))
				*what = "an environment variable the client may not set";
		}
	}
	if (*what != NULL)
		return -1;
	if (s->want_pty && !sshd_spawn_term_ok(s->term))
		snprintf(s->term, sizeof s->term, "%s", "vt100");
	return 0;
}

static void
mon_spawn(struct mon *m, const struct sshd_mon_msg *q_msg, struct sshd_mon_spawn *s)
{
	struct sshd_spawn_req	 req;
	struct sshd_mon_msg	 r;
	const char		*what;
	char			**argv = NULL, *envp[SSHD_MON_MAX_ENV], *cause = NULL;
	int			 argc = 0, fds[3], nfds = 0, i, max = m->a->cfg->max_sessions;
	pid_t			 pid = -1;

	if (max > SSHD_CONN_MAX_CHANS || max <= 0)
		max = SSHD_CONN_MAX_CHANS;
	if (!m->authenticated) {
		mon_bad(m, "a channel before the login");
		return;
	}
	if (mon_kid(m, q_msg->chan) != NULL) {
		mon_bad(m, "a second child for one channel");
		return;
	}
	if (mon_spawn_check(s, &what) != 0) {
		mon_bad(m, what);
		return;
	}
	if (m->nkids >= max)
		sshd_warn("child refused: MaxSessions (%d) reached", max);
	else if (s->kind == SSHD_CHAN_EXEC &&
	    sshd_argv_split(s->command, s->cmdlen, &argc, &argv, &cause) != 0)
		sshd_warn("command refused: %s", cause);
	else {
		memset(&req, 0, sizeof req);
		req.shell = s->kind == SSHD_CHAN_SHELL;
		req.want_pty = s->want_pty != 0;
		req.term = s->term;
		req.ws.ws_col = (unsigned short)(s->cols < 1 ? 1 : s->cols > 1000 ? 1000 : s->cols);
		req.ws.ws_row = (unsigned short)(s->rows < 1 ? 1 : s->rows > 1000 ? 1000 : s->rows);
		req.ws.ws_xpixel = (unsigned short)(s->xpixel < 0 || s->xpixel > 65535 ? 0 :
		    s->xpixel);
		req.ws.ws_ypixel = (unsigned short)(s->ypixel < 0 || s->ypixel > 65535 ? 0 :
		    s->ypixel);
		for (i = 0; i < (int)s->nenv; i++)
			envp[i] = s->env[i];
		req.nenv = (int)s->nenv;
		req.env = envp;
		req.argc = argc;
		req.argv = argv;
		req.id = &m->ident;
		req.hooks = m->a->hooks;
		req.arg = m->a->arg;
		req.parent = getpid();
		req.close_fds[0] = m->a->fd;
		req.close_fds[1] = m->sig_fd[0];
		req.close_fds[2] = m->sig_fd[1];
		req.close_fds[3] = m->a->status_fd;
		pid = sshd_spawn(&req, fds, &nfds);
	}
	free(cause);
	sshd_argv_free(argc, argv);
	if (pid > 0) {
		m->kids[m->nkids].chan = q_msg->chan;
		m->kids[m->nkids].pid = pid;
		m->nkids++;
	}
	sshd_mon_init(&r, SSHD_MON_SPAWNED, q_msg->chan, pid > 0 ? (int32_t)pid : 0);
	mon_reply(m, &r, fds, pid > 0 ? nfds : 0);
	for (i = 0; pid > 0 && i < nfds; i++)
		close(fds[i]);		/* the network process's now */
}

static void
mon_kill(struct mon *m, const struct sshd_mon_msg *q)
{
	struct mon_kid	*k = mon_kid(m, q->chan);

	if (q->value != SIGHUP && q->value != SIGTERM && q->value != SIGKILL) {
		mon_bad(m, "a signal it may not send");
		return;
	}
	if (k != NULL)		/* else: reaped already, its EXIT is on the way */
		kill(-k->pid, q->value);
}

static void
mon_message(struct mon *m)
{
	struct sshd_mon_msg	*q = xmalloc(sizeof *q);
	int			 fds[SSHD_MON_MAX_FDS], nfds, rc;

	rc = sshd_mon_recv(m->a->fd, q, fds, &nfds);
	if (rc == 0)
		m->eof = 1;
	else if (rc < 0 && (errno == EAGAIN || errno == EINTR))
		;
	else if (rc < 0)
		mon_bad(m, strerror(errno));
	else if (q->type == SSHD_MON_AUTH) {
		if (!sshd_mon_str(q->u.auth.user, sizeof q->u.auth.user) ||
		    !sshd_mon_str(q->u.auth.key_type, sizeof q->u.auth.key_type) ||
		    !sshd_mon_str(q->u.auth.fingerprint, sizeof q->u.auth.fingerprint) ||
		    !sshd_mon_str(q->u.auth.key_b64, sizeof q->u.auth.key_b64) ||
		    q->u.auth.user[0] == '\0')
			mon_bad(m, "a malformed authorization");
		else
			mon_authorize(m, &q->u.auth);
	} else if (q->type == SSHD_MON_FAILED) {
		if (!sshd_mon_str(q->u.failed.user, sizeof q->u.failed.user) ||
		    !sshd_mon_str(q->u.failed.fingerprint, sizeof q->u.failed.fingerprint) ||
		    !sshd_mon_str(q->u.failed.reason, sizeof q->u.failed.reason))
			mon_bad(m, "a malformed failed login");
		else
			mon_failed(m, q);
	} else if (q->type == SSHD_MON_SPAWN)
		mon_spawn(m, q, &q->u.spawn);
	else if (q->type == SSHD_MON_KILL)
		mon_kill(m, q);
	else if (q->type == SSHD_MON_BYE && q->value >= SSHD_MON_WHY_NONE &&
	    q->value <= SSHD_MON_WHY_SHUTDOWN)
		m->why = q->value;
	else
		mon_bad(m, "a message only the monitor sends");
	explicit_bzero(q, sizeof *q);
	free(q);
}

/* Reap: the network process, or a channel's child (its exit goes to the network). */
static void
mon_reap(struct mon *m)
{
	struct sshd_mon_msg	 r;
	pid_t			 pid;
	int			 st, i;

	mon_got_chld = 0;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		if (pid == m->a->net) {
			m->net_done = 1;
			m->net_st = st;
			continue;
		}
		for (i = 0; i < m->nkids; i++) {
			if (m->kids[i].pid != pid)
				continue;
			sshd_mon_init(&r, SSHD_MON_EXIT, m->kids[i].chan, st);
			mon_reply(m, &r, NULL, 0);
			m->kids[i] = m->kids[--m->nkids];
			break;
		}
	}
}

/* The deadlines the network process might not keep: LoginGraceTime and a shutdown. */
static int
mon_deadlines(struct mon *m, long long now)
{
	const struct config	*cfg = m->a->cfg;

	if (mon_got_term && m->term_ms == 0) {
		m->term_ms = now;
		kill(m->a->net, SIGTERM);	/* it closes its sessions as a shutdown does */
	}
	if (!m->net_done && m->term_ms != 0 && now - m->term_ms > MON_TERM_WAIT_MS) {
		sshd_warn("network process did not end after SIGTERM: killed");
		kill(m->a->net, SIGKILL);
	}
	if (!m->net_done && !m->authenticated && cfg->login_grace_time > 0 &&
	    now - m->started_ms > cfg->login_grace_time * 1000LL + MON_GRACE_SLACK_MS) {
		sshd_warn("network process past the login grace time: killed");
		kill(m->a->net, SIGKILL);
	}
	return 1000;
}

/* The network process is gone: its channels' children end too. */
static void
mon_end_children(struct mon *m)
{
	static const int	 sigs[] = { SIGHUP, SIGTERM, SIGKILL };
	static const long long	 at[] = { 0, 1000, 2500 };
	long long		 start = now_ms(), now;
	int			 stage = 0, i;

	while (m->nkids > 0) {
		now = now_ms();
		if (stage < (int)nitems(sigs) && now - start >= at[stage]) {
			for (i = 0; i < m->nkids; i++)
				kill(-m->kids[i].pid, sigs[stage]);
			stage++;
		}
		if (now - start > MON_KILL_WAIT_MS)
			break;
		usleep(20000);
		m->eof = 1;	/* no EXIT messages to send any more */
		mon_reap(m);
	}
}

static const char *
mon_why(const struct mon *m)
{
	if (m->why == SSHD_MON_WHY_IDLE)
		return "idle timeout";
	if (m->why == SSHD_MON_WHY_SHUTDOWN)
		return "server shutting down";
	if (m->net_done && WIFSIGNALED(m->net_st))
		return "network process killed";
	return NULL;
}

int
sshd_monitor_run(const struct sshd_monitor_args *a)
{
	struct mon	 m;
	struct pollfd	 pfd[2];
	char		 buf[64];
	int		 timeout;

	memset(&m, 0, sizeof m);
	m.a = a;
	m.started_ms = now_ms();
	if (pipe2(m.sig_fd, O_NONBLOCK | O_CLOEXEC) != 0) {
		sshd_error("pipe: %s", strerror(errno));
		kill(a->net, SIGKILL);
		m.sig_fd[0] = m.sig_fd[1] = -1;
	} else {
		mon_sigfd = m.sig_fd[1];
		mon_signals();
	}
	mon_got_chld = 1;	/* the network process may have ended already */
	while (!(m.net_done && m.eof)) {
		mon_reap(&m);	/* WNOHANG; every turn, so no SIGCHLD handler is needed
				   (there is none if the signal pipe could not be made) */
		if (m.net_done && m.eof)
			break;
		timeout = mon_deadlines(&m, now_ms());
		pfd[0].fd = m.sig_fd[0];
		pfd[0].events = POLLIN;
		pfd[1].fd = m.eof ? -1 : a->fd;
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
			break;
		if (pfd[0].revents & POLLIN) {
			while (read(m.sig_fd[0], buf, sizeof buf) > 0)
				continue;
		}
		if (!m.eof && (pfd[1].revents & (POLLIN | POLLHUP | POLLERR)))
			mon_message(&m);
		if (m.eof && !m.net_done && m.term_ms == 0) {
			/* it closed its end: it ends now, or is made to */
			m.term_ms = now_ms() - MON_TERM_WAIT_MS + 2000;
		}
	}
	mon_end_children(&m);
	if (m.authenticated) {
		sshd_info("logout");
		mon_audit(&m, "logout", m.user, m.fingerprint, mon_why(&m));
	} else if (m.failures > 0)
		mon_status(&m, SSHD_STATUS_FAILED);
	explicit_bzero(&m.ident, sizeof m.ident);
	mon_sigfd = -1;
	if (m.sig_fd[0] != -1) {
		close(m.sig_fd[0]);
		close(m.sig_fd[1]);
	}
	if (a->status_fd != -1)
		close(a->status_fd);
	close(a->fd);
	return m.net_done && WIFEXITED(m.net_st) ? WEXITSTATUS(m.net_st) : 1;
}
