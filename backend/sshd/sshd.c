/*
 * sshd — the listener of `rashin serve` (see sshd.h). It never speaks SSH itself: it
 * accepts, refuses sources under a penalty and applies MaxStartups (random early drop of
 * unauthenticated connections) before forking, so the key exchange, authentication and
 * sessions all happen in the connection process (sshd_conn.c). Each child reports on a
 * pipe when it has authenticated ('A') or ended after failed authentication ('F').
 */
#include "backend/sshd/sshd.h"

#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/libssh.h>
#include <libssh/server.h>

#include "backend/sshd/sshd_conn.h"
#include "backend/sshd/sshd_hostkey.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_sandbox.h"
#include "backend/lib/util.h"

#define SSHD_MAX_LISTEN		8
#define SSHD_MAX_CHILDREN	1024
#define SSHD_BACKLOG_MIN	128	/* listen(2)'s queue, at least (sshd_backlog) */
#define SSHD_ACCEPT_BATCH	16	/* connections accepted per wake-up, at most */
#define SSHD_PENALTIES		256
#define SSHD_STOP_MS		6000	/* wait for connection processes on SIGTERM */

struct sshd_child {
	pid_t	 pid;
	int	 fd;			/* status pipe, read end; -1 once at EOF */
	int	 authenticated;
	char	 source[64];
};

struct sshd_penalty {
	char		 source[64];
	long long	 until_ms;	/* refused until then */
	long long	 next_ms;	/* interval for the next failure */
};

struct sshd {
	struct config		*cfg;
	const struct sshd_hooks	*hooks;
	void			*arg;
	ssh_bind		 bind;
	int			 lfd[SSHD_MAX_LISTEN];
	int			 nlfd;
	struct sshd_child	 children[SSHD_MAX_CHILDREN];
	int			 nchildren;
	struct sshd_penalty	 penalties[SSHD_PENALTIES];
	int			 tcp_database;	/* the sandbox allows AF_INET/6 */
};

static volatile sig_atomic_t sshd_got_term, sshd_got_hup, sshd_got_chld;
static int sshd_sig_fd[2] = { -1, -1 };
static struct sshd *sshd_self;		/* the running listener's, for sshd_detach */

static void
sshd_wake(void)
{
	int	 saved = errno;
	ssize_t	 n;

	if (sshd_sig_fd[1] != -1) {
		n = write(sshd_sig_fd[1], "", 1);
		(void)n;
	}
	errno = saved;
}

static void
sshd_on_signal(int sig)
{
	if (sig == SIGHUP)
		sshd_got_hup = 1;
	else if (sig == SIGCHLD)
		sshd_got_chld = 1;
	else
		sshd_got_term = 1;
	sshd_wake();
}

static void
sshd_signals(void (*handler)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = handler;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGCHLD, &sa, NULL);
	sa.sa_handler = handler == SIG_DFL ? SIG_DFL : SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

/*
 * The listen queue: room for as many connections as MaxStartups lets wait unauthenticated
 * (at least 128; the kernel caps it at net.core.somaxconn), as PostgreSQL sizes its own
 * from max_connections. A login storm (a whole floor at 8:30) then waits in the queue for
 * the listener's next accept; with 128, 500 logins in a second overflowed it ~2,000 times
 * (nstat ListenOverflows) and each overflow cost its client a SYN or ACK retransmitted a
 * second or more later.
 */
static int
sshd_backlog(const struct config *cfg)
{
	return cfg->max_startups_full > SSHD_BACKLOG_MIN ? cfg->max_startups_full :
	    SSHD_BACKLOG_MIN;
}

static int
sshd_listen(struct sshd *sd, char **cause)
{
	struct addrinfo	 hints, *res = NULL, *ai;
	char		 port[16], host[NI_MAXHOST];
	const char	*addr = sd->cfg->listen;
	int		 fd, on = 1, rc = -1, error;

	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	snprintf(port, sizeof port, "%d", sd->cfg->port);
	if (addr != NULL && *addr == '\0')
		addr = NULL;
	if ((error = getaddrinfo(addr, port, &hints, &res)) != 0) {
		set_cause(cause, "listen address %s: %s", addr != NULL ? addr : "*",
		    gai_strerror(error));
		goto out;
	}
	for (ai = res; ai != NULL && sd->nlfd < SSHD_MAX_LISTEN; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    ai->ai_protocol);
		if (fd == -1)
			continue;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
		if (ai->ai_family == AF_INET6)
			setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 ||
		    listen(fd, sshd_backlog(sd->cfg)) != 0) {
			set_cause(cause, "cannot listen on %s port %s: %s",
			    addr != NULL ? addr : "*", port, strerror(errno));
			close(fd);
			continue;
		}
		if (getnameinfo(ai->ai_addr, ai->ai_addrlen, host, sizeof host, NULL, 0,
		    NI_NUMERICHOST) != 0)
			snprintf(host, sizeof host, "?");
		sshd_info("listening on %s port %s", host, port);
		sd->lfd[sd->nlfd++] = fd;
	}
	if (sd->nlfd == 0) {
		if (cause != NULL && *cause == NULL)
			set_cause(cause, "no address to listen on");
		goto out;
	}
	if (cause != NULL) {
		free(*cause);
		*cause = NULL;
	}
	rc = 0;
out:
	if (res != NULL)
		freeaddrinfo(res);
	return rc;
}

static struct sshd_penalty *
sshd_penalty_find(struct sshd *sd, const char *source, int create)
{
	struct sshd_penalty	*p, *oldest = &sd->penalties[0];
	size_t			 i;

	for (i = 0; i < SSHD_PENALTIES; i++) {
		p = &sd->penalties[i];
		if (strcmp(p->source, source) == 0)
			return p;
		if (p->until_ms < oldest->until_ms)
			oldest = p;
	}
	if (!create)
		return NULL;
	memset(oldest, 0, sizeof *oldest);
	snprintf(oldest->source, sizeof oldest->source, "%s", source);
	return oldest;
}

/* A connection from source ended after failed authentication: refuse it for a while. */
static void
sshd_penalize(struct sshd *sd, const char *source)
{
	struct sshd_penalty	*p;
	long long		 now = now_ms(), base, max;

	base = sd->cfg->penalty_base * 1000LL;
	max = sd->cfg->penalty_max * 1000LL;
	if (base <= 0)
		return;
	if (max < base)
		max = base;
	p = sshd_penalty_find(sd, source, 1);
	/* Quiet for longer than the cap since the last penalty ended: start again. */
	if (p->next_ms == 0 || now > p->until_ms + max)
		p->next_ms = base;
	p->until_ms = now + p->next_ms;
	sshd_warn("source %s penalized for %lld s after failed authentication", source,
	    p->next_ms / 1000);
	p->next_ms = p->next_ms * 2 > max ? max : p->next_ms * 2;
}

/* Seconds source must still wait, or 0. */
static long long
sshd_penalty_left(struct sshd *sd, const char *source)
{
	struct sshd_penalty	*p = sshd_penalty_find(sd, source, 0);
	long long		 now = now_ms();

	if (p == NULL || sd->cfg->penalty_base <= 0 || p->until_ms <= now)
		return 0;
	return (p->until_ms - now + 999) / 1000;
}

/* PerSourceMaxStartups, as OpenSSH 9.8: 1 = source already holds its share of the
 * unauthenticated connections, so one address cannot crowd out the others. */
static int
sshd_source_full(struct sshd *sd, const char *source)
{
	int	 i, n = 0;

	if (sd->cfg->per_source_max_startups <= 0)
		return 0;
	for (i = 0; i < sd->nchildren; i++) {
		if (!sd->children[i].authenticated &&
		    strcmp(sd->children[i].source, source) == 0)
			n++;
	}
	return n >= sd->cfg->per_source_max_startups;
}

/* MaxStartups start:rate:full, as OpenSSH: 1 = drop this new connection. */
static int
sshd_drop(struct sshd *sd)
{
	const struct config	*cfg = sd->cfg;
	unsigned int		 r;
	int			 i, unauth = 0, p;

	for (i = 0; i < sd->nchildren; i++) {
		if (!sd->children[i].authenticated)
			unauth++;
	}
	if (sd->nchildren >= SSHD_MAX_CHILDREN)
		return 1;
	if (cfg->max_startups_full <= 0 || unauth < cfg->max_startups_start)
		return 0;
	if (unauth >= cfg->max_startups_full)
		return 1;
	p = 100 - cfg->max_startups_rate;
	p *= unauth - cfg->max_startups_start;
	p /= cfg->max_startups_full - cfg->max_startups_start > 0 ?
	    cfg->max_startups_full - cfg->max_startups_start : 1;
	p += cfg->max_startups_rate;
	if (getrandom(&r, sizeof r, 0) != (ssize_t)sizeof r)
		r = (unsigned int)now_ms();
	return (int)(r % 100) < p;
}

/*
 * In a process forked from the listener: close the listener's descriptors. They are all
 * close-on-exec, but nothing forked from the listener execs (the connection processes,
 * the restarted hub), so each is closed here by name; the signals go back to defaults
 * (ours write to the listener's signal pipe).
 */
static void
sshd_let_go(struct sshd *sd)
{
	int	 i;

	for (i = 0; i < sd->nlfd; i++)
		close(sd->lfd[i]);
	sd->nlfd = 0;
	for (i = 0; i < sd->nchildren; i++) {
		if (sd->children[i].fd != -1)
			close(sd->children[i].fd);
	}
	sd->nchildren = 0;
	close(sshd_sig_fd[0]);
	close(sshd_sig_fd[1]);
	sshd_sig_fd[0] = sshd_sig_fd[1] = -1;
	sshd_signals(SIG_DFL);
}

void
sshd_detach(void)
{
	struct sshd	*sd = sshd_self;

	if (sd == NULL)
		return;
	sshd_let_go(sd);
	/* the host keys: only connection processes need them (freeing wipes them: libssh
	 * and OpenSSL clear the private keys they free, so this copy of the listener's
	 * memory no longer holds them) */
	if (sd->bind != NULL)
		ssh_bind_free(sd->bind);
	sd->bind = NULL;
	sshd_self = NULL;
}

/*
 * In the new connection process: drop everything of the listener, then serve fd. It ends
 * with the listener: SIGTERM when the listener dies (killed with -9 too), which closes its
 * sessions as a shutdown does and audits the logout (re-armed after any change of user).
 */
static void __attribute__((noreturn))
sshd_child(struct sshd *sd, pid_t listener, int fd, int status_fd, const char *source)
{
	sshd_let_go(sd);	/* our signals back to defaults first: SIGTERM ends us until
				   sshd_conn_run handles it */
	if (die_with_parent(listener, SIGTERM) != 0)
		_exit(0);
	/* hooks->child_init runs in the monitor, once the network process is forked */
	_exit(sshd_conn_run(sd->bind, fd, status_fd, source, sd->cfg, sd->hooks, sd->arg,
	    sd->tcp_database));
}

/* Accept one connection and fork its process; 0 when the queue was empty. */
static int
sshd_accept(struct sshd *sd, int lfd)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof ss;
	struct sshd_child	*c;
	char			 source[64];
	long long		 left;
	int			 fd, p[2], on = 1, hfd;
	pid_t			 pid, listener = getpid();

	fd = accept4(lfd, (struct sockaddr *)&ss, &len, SOCK_CLOEXEC);
	if (fd == -1) {
		if (errno == ECONNABORTED)
			return 1;	/* gone while queued: the next may be there */
		if (errno != EAGAIN && errno != EINTR)
			sshd_warn("accept: %s", strerror(errno));
		return 0;
	}
	/*
	 * Keys and screen updates are small packets: with Nagle's algorithm a second one
	 * waits for the ACK of the first, which the client may delay by 40 ms (seen as a
	 * 41-47 ms keystroke at p99 in bench/loadgen). OpenSSH's sshd sets it for
	 * interactive sessions too.
	 */
	if (ss.ss_family == AF_INET || ss.ss_family == AF_INET6)
		(void)setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
	if (getnameinfo((struct sockaddr *)&ss, len, source, sizeof source, NULL, 0,
	    NI_NUMERICHOST) != 0)
		snprintf(source, sizeof source, "?");
	if ((left = sshd_penalty_left(sd, source)) > 0) {
		sshd_info("refused connection from %s: penalty, %lld s left", source, left);
		close(fd);
		return 1;
	}
	if (sshd_source_full(sd, source)) {
		sshd_warn("refused connection from %s: per_source_max_startups %d", source,
		    sd->cfg->per_source_max_startups);
		close(fd);
		return 1;
	}
	if (sshd_drop(sd)) {
		sshd_warn("dropped connection from %s: MaxStartups %d:%d:%d", source,
		    sd->cfg->max_startups_start, sd->cfg->max_startups_rate,
		    sd->cfg->max_startups_full);
		close(fd);
		return 1;
	}
	if (pipe2(p, O_CLOEXEC) != 0) {
		sshd_error("pipe: %s", strerror(errno));
		close(fd);
		return 1;
	}
	hfd = sd->hooks->handoff != NULL ? sd->hooks->handoff(sd->arg) : -1;
	pid = fork();
	if (pid == -1) {
		sshd_error("fork: %s", strerror(errno));
		close(fd);
		close(p[0]);
		close(p[1]);
		if (hfd != -1)
			close(hfd);
		return 1;
	}
	if (pid == 0) {
		close(p[0]);
		sshd_child(sd, listener, fd, p[1], source);
	}
	close(fd);
	close(p[1]);
	if (hfd != -1)
		close(hfd);
	fcntl(p[0], F_SETFL, O_NONBLOCK);
	c = &sd->children[sd->nchildren++];
	memset(c, 0, sizeof *c);
	c->pid = pid;
	c->fd = p[0];
	snprintf(c->source, sizeof c->source, "%s", source);
	sshd_debug("connection from %s: process %ld", source, (long)pid);
	return 1;
}

/* Read what a child reported; returns 0 at EOF. */
static int
sshd_child_status(struct sshd *sd, struct sshd_child *c)
{
	char	 buf[16];
	ssize_t	 n, i;

	while ((n = read(c->fd, buf, sizeof buf)) > 0) {
		for (i = 0; i < n; i++) {
			if (buf[i] == SSHD_STATUS_AUTHENTICATED)
				c->authenticated = 1;
			else if (buf[i] == SSHD_STATUS_FAILED)
				sshd_penalize(sd, c->source);
		}
	}
	if (n == 0) {
		close(c->fd);
		c->fd = -1;
		return 0;
	}
	return 1;
}

static void
sshd_reap(struct sshd *sd)
{
	struct sshd_child	*c;
	pid_t			 pid;
	int			 st, i;

	sshd_got_chld = 0;
	while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
		for (i = 0; i < sd->nchildren && sd->children[i].pid != pid; i++)
			continue;
		if (i == sd->nchildren) {	/* not a connection process: the hub? */
			if (sd->hooks->reaped != NULL)
				sd->hooks->reaped(sd->arg, pid, st);
			continue;
		}
		c = &sd->children[i];
		if (c->fd != -1) {
			sshd_child_status(sd, c);
			if (c->fd != -1)
				close(c->fd);
		}
		if (WIFSIGNALED(st))
			sshd_warn("connection process %ld (%s) killed by signal %d", (long)pid,
			    c->source, WTERMSIG(st));
		*c = sd->children[--sd->nchildren];
	}
}

static void
sshd_reload(struct sshd *sd)
{
	char	*cause = NULL, *listen_was;
	int	 port_was = sd->cfg->port;

	sshd_got_hup = 0;
	if (sd->hooks->reload == NULL) {
		sshd_info("SIGHUP: nothing to reload");
		return;
	}
	listen_was = xstrdup(sd->cfg->listen != NULL ? sd->cfg->listen : "");
	if (sd->hooks->reload(sd->arg, sd->cfg, &cause) != 0)
		sshd_error("reload failed, keeping the old configuration: %s",
		    cause != NULL ? cause : "?");
	else {
		sshd_info("configuration reloaded; sessions kept");
		if (port_was != sd->cfg->port || strcmp(listen_was, sd->cfg->listen != NULL ?
		    sd->cfg->listen : "") != 0)
			sshd_warn("a new listen address or port takes effect on restart");
	}
	free(listen_was);
	free(cause);
}

/* SIGTERM: every connection process closes its sessions; then we are done. */
static void
sshd_shutdown(struct sshd *sd)
{
	struct pollfd	 pfd;
	long long	 start = now_ms();
	int		 i, killed = 0;
	char		 buf[64];

	sshd_info("shutting down: closing %d connection(s)", sd->nchildren);
	for (i = 0; i < sd->nlfd; i++)
		close(sd->lfd[i]);
	sd->nlfd = 0;
	for (i = 0; i < sd->nchildren; i++)
		kill(sd->children[i].pid, SIGTERM);
	while (sd->nchildren > 0) {
		if (!killed && now_ms() - start > SSHD_STOP_MS) {
			for (i = 0; i < sd->nchildren; i++) {
				sshd_warn("connection process %ld did not stop: killing it",
				    (long)sd->children[i].pid);
				kill(sd->children[i].pid, SIGKILL);
			}
			killed = 1;
		}
		pfd.fd = sshd_sig_fd[0];
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 100) > 0)
			while (read(sshd_sig_fd[0], buf, sizeof buf) > 0)
				continue;
		sshd_reap(sd);
	}
}

static void
sshd_loop(struct sshd *sd)
{
	struct pollfd	 pfd[1 + SSHD_MAX_LISTEN + SSHD_MAX_CHILDREN];
	pid_t		 owner[SSHD_MAX_CHILDREN];
	char		 buf[64];
	int		 i, j, n, nfd, nl, timeout = -1;

	while (!sshd_got_term) {
		nfd = 0;
		pfd[nfd].fd = sshd_sig_fd[0];
		pfd[nfd++].events = POLLIN;
		for (i = 0; i < sd->nlfd; i++) {
			pfd[nfd].fd = sd->lfd[i];
			pfd[nfd++].events = POLLIN;
		}
		nl = nfd;
		for (i = 0; i < sd->nchildren; i++) {
			if (sd->children[i].fd == -1)
				continue;
			owner[nfd - nl] = sd->children[i].pid;
			pfd[nfd].fd = sd->children[i].fd;
			pfd[nfd++].events = POLLIN;
		}
		n = poll(pfd, (nfds_t)nfd, timeout);
		if (n < 0 && errno != EINTR) {
			sshd_error("poll: %s", strerror(errno));
			break;
		}
		if (n > 0 && (pfd[0].revents & POLLIN))
			while (read(sshd_sig_fd[0], buf, sizeof buf) > 0)
				continue;
		for (i = nl; n > 0 && i < nfd; i++) {
			if (pfd[i].revents == 0)
				continue;
			for (j = 0; j < sd->nchildren; j++) {
				if (sd->children[j].pid == owner[i - nl] &&
				    sd->children[j].fd != -1) {
					sshd_child_status(sd, &sd->children[j]);
					break;
				}
			}
		}
		if (sshd_got_chld)
			sshd_reap(sd);
		if (sshd_got_hup)
			sshd_reload(sd);
		/* after the reaping, so a new hub is there for the connections accepted now */
		timeout = sd->hooks->tick != NULL ? sd->hooks->tick(sd->arg) : -1;
		/* a few per wake-up: in a storm one poll round per connection (all the
		 * status pipes again) left the queue to fill */
		for (i = 1; i < nl; i++) {
			if (!(pfd[i].revents & POLLIN))
				continue;
			for (j = 0; j < SSHD_ACCEPT_BATCH && sshd_accept(sd, pfd[i].fd); j++)
				continue;
		}
	}
}

int
sshd_run(struct config *cfg, const struct sshd_hooks *hooks, void *arg, char **cause)
{
	struct sshd	*sd;
	int		 rc = -1, i;

	sd = xcalloc(1, sizeof *sd);
	sd->cfg = cfg;
	sd->hooks = hooks;
	sd->arg = arg;
	sshd_self = sd;
	sshd_log_context(NULL, NULL, NULL);
	if (ssh_init() != SSH_OK) {
		set_cause(cause, "libssh initialisation failed");
		goto out;
	}
	sd->bind = ssh_bind_new();
	if (sd->bind == NULL) {
		set_cause(cause, "libssh: out of memory");
		goto out;
	}
	if (sshd_hostkey_algorithms(sd->bind, cause) != 0 ||
	    sshd_hostkey_load(sd->bind, cfg, cause) != 0)
		goto out;
	if (sshd_hostkey_warm() != 0)
		sshd_info("OpenSSL's algorithm tables not built ahead: each login builds them");
	if (pipe2(sshd_sig_fd, O_CLOEXEC | O_NONBLOCK) != 0) {
		set_cause(cause, "pipe: %s", strerror(errno));
		goto out;
	}
	sshd_got_term = sshd_got_hup = 0;
	sshd_got_chld = 1;	/* reap at once what the hooks' children ended before this */
	sshd_signals(sshd_on_signal);
	if (sshd_listen(sd, cause) != 0)
		goto out;
	if ((hooks->bound != NULL && hooks->bound(arg, cause) != 0) ||
	    sshd_sandbox_drop_caps(cause) != 0)
		goto out;
	sd->tcp_database = hooks->tcp_database != NULL ? hooks->tcp_database(arg) : 1;
	if (sshd_sandbox_prepare(sd->tcp_database, cause) != 0)	/* once, for all */
		goto out;
	if (hooks->ready != NULL)
		hooks->ready(arg);
	sshd_info("ready: LoginGraceTime %d s, MaxAuthTries %d, MaxStartups %d:%d:%d, "
	    "PerSourceMaxStartups %d, MaxSessions %d, idle timeout %d s, memory %d MB per "
	    "process, running as uid %ld", cfg->login_grace_time, cfg->max_auth_tries,
	    cfg->max_startups_start, cfg->max_startups_rate, cfg->max_startups_full,
	    cfg->per_source_max_startups, cfg->max_sessions, cfg->idle_timeout,
	    cfg->max_memory_mb, (long)getuid());
	sshd_loop(sd);
	sshd_shutdown(sd);
	sshd_info("stopped");
	rc = 0;
out:
	for (i = 0; i < sd->nlfd; i++)
		close(sd->lfd[i]);
	if (sshd_sig_fd[0] != -1) {
		sshd_signals(SIG_DFL);
		close(sshd_sig_fd[0]);
		close(sshd_sig_fd[1]);
		sshd_sig_fd[0] = sshd_sig_fd[1] = -1;
	}
	if (sd->bind != NULL)
		ssh_bind_free(sd->bind);
	ssh_finalize();
	sshd_self = NULL;
	free(sd);
	return rc;
}
