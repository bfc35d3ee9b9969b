/*
 * notifyhub — one LISTEN for all the sessions of a server.
 *
 * Without it every console LISTENs on its own connection, and PostgreSQL signals every
 * listening backend at each commit that notifies: with 200 consoles and ten writes a
 * second that is 2,000 backend wakeups a second, each reading the notification queue
 * and passing the payload on to its console (bench/loadgen: with a writer whose table no
 * screen shows, 200 consoles kept this 2-core machine 99% busy and the keystroke p99 at
 * 49 ms; bench/README.md). The hub is one process, forked by the listener before it
 * accepts anything, holding one connection that LISTENs; it writes each payload to
 * every subscriber's socket (AF_UNIX SOCK_SEQPACKET: one message per payload), in
 * rounds that reach the subscribers one after another over HUB_ROUND_MS (longer with
 * many: HUB_SLOT_MS each), and the
 * consoles read them there as they would read their own notifications.
 *
 * The listener makes a socket pair for each connection it is about to fork and sends
 * one end to the hub over the control socket (SCM_RIGHTS); the connection process
 * gives the other end to its first channel child. A subscriber is dropped when its end
 * closes. One that falls behind (its socket full: a console in a long dialog) is skipped
 * until its socket has room again, then gets HUB_ALL (what it missed: read everything). After every LISTEN (at start, after a lost connection) the hub sends
 * HUB_ALL to all: what was written while it was not listening may have been missed.
 * Payloads carry "table:key" only, as NOTIFY does for every listening connection; what
 * a console reads because of one still goes through its own connection and row-level
 * security. The hub ends with the listener (end of file on the control socket, and
 * PR_SET_PDEATHSIG).
 *
 * If it dies, the listener reaps it (hub_ended) and forks a new one from its loop
 * (hub_restart): at most one start per HUB_RESTART_FIRST_MS, the interval doubling up to
 * HUB_RESTART_MAX_MS while each hub dies within HUB_STABLE_MS, so a hub that cannot live
 * costs a fork every 30 s, not a spinning CPU. Until then new sessions LISTEN for
 * themselves; from then on they subscribe to the new hub. Consoles that had the dead one
 * saw their socket close and LISTEN on their own connection until they end: the
 * connection process keeps no way back to the listener (hub_forget at its fork), and a
 * channel for it would be one more thing a session could speak to the listener through.
 */
#include "backend/store/notifyhub.h"

#include <sys/epoll.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/store/db.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"

#define HUB_BACKOFF_FIRST_MS	500
#define HUB_BACKOFF_MAX_MS	5000	/* consoles may miss changes until the hub is back */
#define HUB_PAYLOAD_MAX		8192	/* NOTIFY payloads are shorter than 8000 bytes */
/*
 * A round takes what was notified to every subscriber, spread evenly over
 * HUB_ROUND_MS: sent to all at once, 200 consoles woke in the same millisecond and a
 * key pressed then waited behind all of them. What arrives during a round goes in the
 * next one, each distinct payload once (more than HUB_PENDING_MAX: HUB_ALL instead).
 */
#define HUB_ROUND_MS		100
/*
 * Turns are served in slots of this many ms (never before their time): at 200
 * subscribers a turn every 0.5 ms woke the hub every millisecond of a round. A turn is
 * also never shorter than a slot: beyond HUB_ROUND_MS / HUB_SLOT_MS subscribers a round
 * takes nsubs slots (200: 1 s; 500: 2.5 s), and what is notified meanwhile waits for
 * the next. Each console reloads at most once per round it is served in, so under a
 * stream of writes the server's consoles reload at most 1000 / HUB_SLOT_MS = 200 times
 * a second in all, however many are open: 500 dashboards reloading twice a second (each
 * a round trip and a query) held both cores of the benchmark machine, and keys waited
 * 100-280 ms (bench/README.md, session 5). The price: at 200 consoles a change shows
 * within about 1.5 s, at 500 within about 3 s (the round, then the console's phase).
 * And a round's slot is longer while the machine is short of CPU (hub_slot_for).
 */
#define HUB_SLOT_MS		5
#define HUB_PENDING_MAX		64

/* A new hub after one died: at most one start a second, then slower while each dies
 * young (below HUB_STABLE_MS of life), up to one start per HUB_RESTART_MAX_MS. */
#define HUB_RESTART_FIRST_MS	1000
#define HUB_RESTART_MAX_MS	30000
#define HUB_STABLE_MS		60000

/* The listener's side. */
static int	 hub_ctl = -1;		/* its end of the control socket */
static pid_t	 hub_child = -1;	/* the hub's process, until it is reaped */
static const char *hub_conninfo;	/* for a restart: the listener's, kept for its life */
static long long hub_started;		/* when the last hub was forked (now_ms) */
static long long hub_restart_at;	/* a new hub is due then; 0: none */
static int	 hub_interval_ms = HUB_RESTART_FIRST_MS;	/* start to start, at least */
/* Told apart from the sessions' connections in pg_stat_activity (and by tests). */
static const char sql_name[] = "SELECT set_config('application_name', 'rashin hub', false)";

struct hub_sub {
	int		 fd;		/* -1: dropped, removed between rounds */
	int		 behind;	/* its socket was full: HUB_ALL when it has room */
};

struct hub {
	const char	*conninfo;
	int		 ctl;
	int		 ep;		/* epoll: ctl, the database, the subscribers */
	int		 ep_db;		/* the database socket in it, or -1 */
	struct hub_sub	*subs;
	int		 nsubs;
	int		 cap;
	struct db	*db;		/* NULL while not listening */
	long long	 retry_at;
	int		 backoff_ms;
	char		*cur[HUB_PENDING_MAX];	/* this round's payloads */
	int		 ncur;
	char		*next[HUB_PENDING_MAX];	/* the next round's */
	int		 nnext;
	long long	 round_at;	/* when this round began; 0: none */
	long long	 round_ms;	/* its length (see HUB_SLOT_MS) */
	int		 slot_ms;	/* its slot (hub_slot_for) */
	int		 round_n;	/* subscribers then */
	int		 served;	/* subscribers served so far */
};

/*
 * Watch fd in the epoll set for events (EPOLL_CTL_ADD or _MOD). A subscriber is watched
 * for nothing but the hang-up and error epoll always reports (its console ended), and
 * for room (EPOLLOUT) while it is behind. epoll, not poll: poll asked the kernel about
 * every subscriber's socket at every 5 ms slot (~10 % of a core at 200 sessions).
 */
static int
hub_watch(struct hub *h, int op, int fd, uint32_t events)
{
	struct epoll_event	 ev;

	memset(&ev, 0, sizeof ev);
	ev.events = events;
	ev.data.fd = fd;
	return epoll_ctl(h->ep, op, fd, &ev);
}

/* A subscriber gone: closed now (which takes it out of the epoll set), removed between
 * rounds (indices hold). */
static void
hub_drop(struct hub *h, int i)
{
	if (h->subs[i].fd != -1)
		close(h->subs[i].fd);
	h->subs[i].fd = -1;
}

/* Subscriber i is behind (1: watch for room) or not (0). */
static void
hub_behind(struct hub *h, int i, int behind)
{
	h->subs[i].behind = behind;
	if (hub_watch(h, EPOLL_CTL_MOD, h->subs[i].fd, behind ? EPOLLOUT : 0) != 0)
		hub_drop(h, i);
}

/* Send one payload to subscriber i: 0, or -1 (it is now behind, or dropped). */
static int
hub_send(struct hub *h, int i, const char *payload)
{
	size_t	 len = strlen(payload);

	if (send(h->subs[i].fd, payload, len, MSG_DONTWAIT | MSG_NOSIGNAL) == (ssize_t)len)
		return 0;
	if (errno == EAGAIN || errno == EWOULDBLOCK || errno == ENOBUFS)
		hub_behind(h, i, 1);
	else
		hub_drop(h, i);
	return -1;
}

/* A subscriber that was behind has room again: it reads everything (HUB_ALL). */
static void
hub_catch_up(struct hub *h, int i)
{
	hub_behind(h, i, 0);
	if (h->subs[i].fd != -1)
		(void)hub_send(h, i, HUB_ALL);
}

/* Remove the closed subscribers (only between rounds: a round serves by index). */
static void
hub_compact(struct hub *h)
{
	int	 i, n = 0;

	for (i = 0; i < h->nsubs; i++) {
		if (h->subs[i].fd != -1)
			h->subs[n++] = h->subs[i];
	}
	h->nsubs = n;
}

/*
 * A round's slot from the kernel's CPU pressure (/proc/pressure/cpu: the share of the
 * last 10 s in which some task waited for a CPU): HUB_SLOT_MS, twice that from 25 %,
 * four times from 50 %. Reloads are the work that can wait: on a machine short of CPU
 * (a login storm, 500 sessions typing on 2 cores) 200 reloads a second took a quarter
 * of it, and keys queued behind them; then the consoles reload 100 or 50 times a second
 * in all and a change takes longer to show (at 500 consoles up to 10 s instead of 2.5).
 * Text that does not read as pressure (no PSI: an older kernel, or psi=0) changes nothing.
 */
int
hub_slot_for(const char *pressure)
{
	double	 some10;

	if (pressure == NULL || sscanf(pressure, "some avg10=%lf", &some10) != 1)
		return HUB_SLOT_MS;
	if (some10 >= 50)
		return 4 * HUB_SLOT_MS;
	if (some10 >= 25)
		return 2 * HUB_SLOT_MS;
	return HUB_SLOT_MS;
}

static int
hub_slot_now(void)
{
	char	 buf[256];
	ssize_t	 n = -1;
	int	 fd;

	if ((fd = open("/proc/pressure/cpu", O_RDONLY | O_CLOEXEC)) != -1) {
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
	}
	if (n <= 0)
		return HUB_SLOT_MS;
	buf[n] = '\0';
	return hub_slot_for(buf);
}

/* Begin the next round if anything waits for one. */
static void
hub_round_begin(struct hub *h, long long now)
{
	int	 i;

	for (i = 0; i < h->ncur; i++)
		free(h->cur[i]);
	h->ncur = 0;
	h->round_at = 0;
	hub_compact(h);
	if (h->nnext == 0)
		return;
	memcpy(h->cur, h->next, (size_t)h->nnext * sizeof *h->next);
	h->ncur = h->nnext;
	h->nnext = 0;
	h->round_at = now;
	h->round_n = h->nsubs;
	h->slot_ms = hub_slot_now();
	h->round_ms = (long long)h->nsubs * h->slot_ms;
	if (h->round_ms < HUB_ROUND_MS)
		h->round_ms = HUB_ROUND_MS;
	h->served = 0;
}

/* Serve the subscribers whose turn has come; when all are, the next round. */
static void
hub_round_step(struct hub *h, long long now)
{
	struct hub_sub	*sub;
	int		 i;

	while (h->round_at != 0 && h->served < h->nsubs) {
		if (h->served < h->round_n &&
		    h->round_at + h->round_ms * h->served / h->round_n > now)
			return;
		sub = &h->subs[h->served];
		for (i = 0; sub->fd != -1 && !sub->behind && i < h->ncur; i++) {
			if (hub_send(h, h->served, h->cur[i]) != 0)
				break;
		}
		h->served++;
	}
	if (h->round_at != 0)
		hub_round_begin(h, now);
}

/* When the next subscriber's turn comes (now_ms), or -1. */
static long long
hub_round_due(const struct hub *h)
{
	long long	 turn;

	if (h->round_at == 0 || h->round_n == 0 || h->served >= h->round_n)
		return h->round_at != 0 ? h->round_at : -1;
	turn = h->round_ms * h->served / h->round_n;
	return h->round_at + (turn + h->slot_ms - 1) / h->slot_ms * h->slot_ms;
}

/* A payload for the next round (each distinct one once). */
static void
hub_queue(void *arg, const char *payload)
{
	struct hub	*h = arg;
	int		 i;

	if (*payload == '\0')	/* a zero-length message reads as end of file */
		return;
	for (i = 0; i < h->nnext; i++) {
		if (strcmp(h->next[i], payload) == 0 || strcmp(h->next[i], HUB_ALL) == 0)
			return;
	}
	if (h->nnext == HUB_PENDING_MAX || strcmp(payload, HUB_ALL) == 0) {
		for (i = 0; i < h->nnext; i++)
			free(h->next[i]);
		h->nnext = 0;
		payload = HUB_ALL;
	}
	h->next[h->nnext++] = xstrdup(payload);
	if (h->round_at == 0)
		hub_round_begin(h, now_ms());
}

/* A control message: one byte and room for one descriptor (SCM_RIGHTS). */
struct hub_msg {
	struct msghdr	 m;
	struct iovec	 iov;
	char		 byte;
	union {
		struct cmsghdr	 hdr;
		char		 buf[CMSG_SPACE(sizeof(int))];
	}		 u;
};

static void
hub_msg_init(struct hub_msg *hm)
{
	memset(hm, 0, sizeof *hm);
	hm->byte = 's';
	hm->iov.iov_base = &hm->byte;
	hm->iov.iov_len = 1;
	hm->m.msg_iov = &hm->iov;
	hm->m.msg_iovlen = 1;
	hm->m.msg_control = hm->u.buf;
	hm->m.msg_controllen = sizeof hm->u.buf;
}

/* Take the subscriber sockets the listener sent; -1 when the listener is gone. */
static int
hub_take(struct hub *h)
{
	struct hub_msg	 hm;
	struct msghdr	*m = &hm.m;
	struct cmsghdr	*c;
	ssize_t		 n;
	int		 fd;

	for (;;) {
		hub_msg_init(&hm);
		n = recvmsg(h->ctl, m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (n == 0)
			return -1;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
		c = CMSG_FIRSTHDR(m);
		if (c == NULL || c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len != CMSG_LEN(sizeof(int)))
			continue;
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
		if (hub_watch(h, EPOLL_CTL_ADD, fd, 0) != 0) {
			log_warn("epoll: %s: a session not subscribed", strerror(errno));
			close(fd);	/* its console sees the end and LISTENs itself */
			continue;
		}
		if (h->nsubs == h->cap) {
			h->cap = h->cap == 0 ? 64 : h->cap * 2;
			h->subs = xreallocarray(h->subs, (size_t)h->cap, sizeof *h->subs);
		}
		h->subs[h->nsubs].fd = fd;
		h->subs[h->nsubs++].behind = 0;
	}
}

/* A payload from the database; only the hub itself says HUB_ALL (any role may NOTIFY). */
static void
hub_notified(void *arg, const char *payload)
{
	if (strcmp(payload, HUB_ALL) != 0)
		hub_queue(arg, payload);
}

/* Close the database connection (its socket leaves the epoll set). */
static void
hub_db_close(struct hub *h)
{
	if (h->ep_db != -1)
		(void)epoll_ctl(h->ep, EPOLL_CTL_DEL, h->ep_db, NULL);
	h->ep_db = -1;
	db_close(h->db);
	h->db = NULL;
}

/* Connect and LISTEN; on success everyone reads everything again. */
static void
hub_connect(struct hub *h)
{
	char	*cause = NULL;

	h->db = db_open(h->conninfo, &cause);
	if (h->db != NULL && db_exec(h->db, sql_name, 0, NULL, NULL, &cause) == 0 &&
	    db_listen(h->db, &cause) == 0 &&
	    hub_watch(h, EPOLL_CTL_ADD, db_socket(h->db), EPOLLIN) == 0) {
		h->ep_db = db_socket(h->db);
		log_info("listening for %d session(s)", h->nsubs);
		h->backoff_ms = HUB_BACKOFF_FIRST_MS;
		hub_queue(h, HUB_ALL);
		return;
	}
	if (cause == NULL)
		cause = xstrdup(strerror(errno));	/* (only epoll_ctl leaves none) */
	if (h->backoff_ms == HUB_BACKOFF_FIRST_MS)
		log_warn("%s; retrying", cause);
	free(cause);
	hub_db_close(h);
	h->retry_at = now_ms() + h->backoff_ms;
	h->backoff_ms = h->backoff_ms * 2 > HUB_BACKOFF_MAX_MS ? HUB_BACKOFF_MAX_MS :
	    h->backoff_ms * 2;
}

static void __attribute__((noreturn))
hub_main(const char *conninfo, int ctl, pid_t listener, void (*detach)(void))
{
	struct hub		 h;
	struct epoll_event	 evs[64];
	long long		 now;
	struct rlimit		 rl;
	long long		 due;
	int			 i, j, n, timeout, fd;

	if (detach != NULL)
		detach();
	(void)prctl(PR_SET_NAME, "rashin-hub");	/* ps, top; tests tell it from sessions */
	if (die_with_parent(listener, SIGTERM) != 0)
		_exit(0);
	signal(SIGINT, SIG_IGN);	/* a demo's Ctrl-C is for the listener; we end with it */
	signal(SIGHUP, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTERM, SIG_DFL);
	log_context("notification hub");
	/* a socket per session: up to the hard limit, not the default 1,024 */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	memset(&h, 0, sizeof h);
	h.conninfo = conninfo;
	h.ctl = ctl;
	h.ep_db = -1;
	h.backoff_ms = HUB_BACKOFF_FIRST_MS;
	if ((h.ep = epoll_create1(EPOLL_CLOEXEC)) == -1 ||
	    hub_watch(&h, EPOLL_CTL_ADD, ctl, EPOLLIN) != 0) {
		log_error("epoll: %s", strerror(errno));
		_exit(1);	/* (not fatal(): its hook belongs to the listener) */
	}
	hub_connect(&h);
	for (;;) {
		now = now_ms();
		timeout = h.db == NULL ? (int)(h.retry_at > now ? h.retry_at - now : 0) : -1;
		if ((due = hub_round_due(&h)) != -1 && (timeout == -1 || due - now < timeout))
			timeout = due > now ? (int)(due - now) : 0;
		n = epoll_wait(h.ep, evs, (int)nitems(evs), timeout);
		if (n < 0 && errno != EINTR) {
			log_error("epoll_wait: %s", strerror(errno));
			_exit(1);
		}
		for (i = 0; i < n; i++) {
			fd = evs[i].data.fd;
			if (fd == h.ctl) {
				if (hub_take(&h) != 0)
					_exit(0);	/* the listener is gone */
			} else if (fd == h.ep_db) {
				if (db_notifications(h.db, hub_notified, &h) != 0) {
					log_warn("database connection lost; retrying");
					hub_db_close(&h);
					h.retry_at = now_ms();
				}
			} else {
				/* a subscriber: its console ended, or one behind has room */
				for (j = 0; j < h.nsubs && h.subs[j].fd != fd; j++)
					;
				if (j == h.nsubs)
					continue;
				if (evs[i].events & (EPOLLHUP | EPOLLERR))
					hub_drop(&h, j);
				else if ((evs[i].events & EPOLLOUT) && h.subs[j].behind)
					hub_catch_up(&h, j);
			}
		}
		if (h.round_at == 0)
			hub_compact(&h);
		if (h.db == NULL && now_ms() >= h.retry_at)
			hub_connect(&h);
		hub_round_step(&h, now_ms());
	}
}

static void
hub_backoff(long long from)
{
	hub_restart_at = from + hub_interval_ms;
	hub_interval_ms = hub_interval_ms * 2 > HUB_RESTART_MAX_MS ? HUB_RESTART_MAX_MS :
	    hub_interval_ms * 2;
}

int
hub_start(const char *conninfo, void (*detach)(void), char **cause)
{
	pid_t	 listener = getpid(), pid = -1;
	int	 sv[2] = { -1, -1 };

	hub_forget();		/* a dead hub's end */
	hub_conninfo = conninfo;
	hub_restart_at = 0;
	hub_started = now_ms();
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sv) != 0 ||
	    (pid = fork()) == -1) {
		set_cause(cause, "notification hub: %s: %s", sv[0] == -1 ? "socketpair" :
		    "fork", strerror(errno));
		if (sv[0] != -1) {
			close(sv[0]);
			close(sv[1]);
		}
		hub_backoff(hub_started);	/* out of processes or descriptors: later */
		return -1;
	}
	if (pid == 0) {
		close(sv[0]);
		hub_main(conninfo, sv[1], listener, detach);
	}
	close(sv[1]);
	hub_ctl = sv[0];
	hub_child = pid;
	log_info("notification hub: process %ld", (long)pid);
	return 0;
}

pid_t
hub_pid(void)
{
	return hub_child;
}

int
hub_ended(pid_t pid, int status)
{
	long long	 now = now_ms(), lived = now - hub_started, wait;
	char		 how[64];

	if (pid <= 0 || pid != hub_child)
		return 0;
	hub_child = -1;
	hub_forget();
	if (WIFSIGNALED(status))
		snprintf(how, sizeof how, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(how, sizeof how, "exited with status %d", WEXITSTATUS(status));
	if (lived >= HUB_STABLE_MS)
		hub_interval_ms = HUB_RESTART_FIRST_MS;
	hub_backoff(hub_started);
	if (hub_restart_at < now)
		hub_restart_at = now;
	wait = hub_restart_at - now;
	log_warn("notification hub (process %ld) %s after %lld.%lld s; a new one in "
	    "%lld.%lld s (new sessions LISTEN for themselves until then)", (long)pid, how,
	    lived / 1000, lived % 1000 / 100, wait / 1000, wait % 1000 / 100);
	return 1;
}

int
hub_restart(void (*detach)(void))
{
	long long	 now;
	char		*cause = NULL;

	if (hub_restart_at == 0)
		return -1;
	if ((now = now_ms()) < hub_restart_at)
		return (int)(hub_restart_at - now);
	if (hub_start(hub_conninfo, detach, &cause) == 0)
		return -1;
	log_warn("%s; trying again in %lld s", cause, (hub_restart_at - now + 999) / 1000);
	free(cause);
	return (int)(hub_restart_at - now);
}

int
hub_subscribe(void)
{
	static int	 busy_told;
	struct hub_msg	 hm;
	struct cmsghdr	*c;
	int		 p[2];

	if (hub_ctl == -1)
		return -1;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, p) != 0)
		return -1;
	hub_msg_init(&hm);
	c = CMSG_FIRSTHDR(&hm.m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[1], sizeof p[1]);
	if (sendmsg(hub_ctl, &hm.m, MSG_DONTWAIT | MSG_NOSIGNAL) != 1) {
		if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
			log_warn("notification hub stopped (%s): each new session LISTENs "
			    "for itself until a new hub runs", strerror(errno));
			hub_forget();
		}
		else if (!busy_told) {
			log_warn("notification hub busy (%s): a session LISTENs for itself",
			    strerror(errno));
			busy_told = 1;
		}
		close(p[0]);
		close(p[1]);
		return -1;
	}
	close(p[1]);
	return p[0];
}

void
hub_forget(void)
{
	if (hub_ctl != -1)
		close(hub_ctl);
	hub_ctl = -1;
}

int
hub_read(int fd, void (*fn)(void *, const char *), void *arg)
{
	char	 buf[HUB_PAYLOAD_MAX + 1];
	ssize_t	 n;

	for (;;) {
		n = recv(fd, buf, HUB_PAYLOAD_MAX, MSG_DONTWAIT);
		if (n == 0)
			return -1;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR ? 0 : -1;
		buf[n] = '\0';
		fn(arg, buf);
	}
}
