/*
 * loadgen — the keystroke-latency load driver: N interactive SSH sessions (libssh client,
 * one thread each) log in with a real key, open a pty, wait for the first full screen,
 * then repeatedly send a key that changes the screen and time until the update arrives.
 * Latency is to the first byte of the update (what a person sees change) and, as
 * "done", to its last byte (the channel then quiet for -q ms). Between keys each session
 * thinks for a random time around -t ms (a person types a few keys a second; without it
 * 500 sessions would be 500 key-repeat robots). All sessions log in first and start
 * typing together, and none logs out before all have sent their keys, so every sample
 * is taken with all N sessions open. Like a terminal, a session reads its channel all
 * the time, also while it thinks and while it waits for the others to log in: updates
 * the server sends unasked (a NOTIFY's reload) are taken as they come, not left in the
 * channel's window to be flushed at, and timed with, the next key.
 * Prints one line: sessions, logins, samples, p50/p99/max latency (ms), the same to the
 * update's last byte, login->first screen p50/p99 (ms, from authenticated to the first
 * screen complete). Optional writer: every W ms, a write to the database, so NOTIFYs flow
 * to the open sessions while they are measured: with -y SETUP, one more interactive
 * session (not measured) types SETUP and then the -w keys in turn (e.g. ":mig\r" and
 * "2;;3": a board cell doing, then todo), as a person at a console writes; without -y,
 * each -w is a command run over exec (a script's write: a new channel and backend each).
 * With -H,
 * each session stays open and idle for that many seconds after its keys (memory probes).
 * With -P, every second session logs in to that port instead (a second listener: the
 * two-listener simulation of docs/scaling.md), all still behind one barrier, and the
 * line adds p50/p99 of each listener's samples (p50_1, p99_1: -p; p50_2, p99_2: -P).
 *
 *   loadgen -p PORT -i KEY -u USER [-n SESSIONS] [-k KEYS] [-s "keys to send first"]
 *           [-a "key a"] [-b "key b"] [-w "cmd;;cmd" -W MS [-y "writer keys first"]] [-t THINK_MS] [-H SECONDS]
 *           [-P PORT2] [-S STAGGER_MS between session starts, default 2]
 *           [-D FILE: each sample's time and latency; its first line the wall clock of time 0]
 */
#include <errno.h>
#include <libssh/libssh.h>
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct opts {
	const char	*host, *user, *key, *setup, *key_a, *key_b, *writer_cmd, *writer_setup;
	int		 port, port2, sessions, keys, writer_ms, quiet_ms, think_ms, hold_s, stagger_ms;
};

static struct opts o = { "127.0.0.1", NULL, NULL, "", "j", "k", NULL, NULL, 2222, 0, 10, 50, 0, 30, 0, 0, 2 };
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static double *lat, *done, *first, *when, t_go;
static unsigned char *side;	/* per sample: 1 from a session on -p, 2 on -P */
static int *keyno;		/* per sample: which of its session's keys (0: the first) */
static struct timespec t_go_wall;	/* t_go on the wall clock: to match a dump with logs */
static const char *dump_path;
static int nlat, nfirst, logins, failures, arrived, finished;
static volatile int writer_stop;

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static ssh_session
connect_auth(int port)
{
	ssh_session s = ssh_new();
	ssh_key key = NULL;
	int verbosity = SSH_LOG_NOLOG, no = 0, yes = 1;
	long timeout = 60;	/* a login storm on a busy machine: give the handshake time */

	ssh_options_set(s, SSH_OPTIONS_HOST, o.host);
	ssh_options_set(s, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s, SSH_OPTIONS_USER, o.user);
	ssh_options_set(s, SSH_OPTIONS_LOG_VERBOSITY, &verbosity);
	ssh_options_set(s, SSH_OPTIONS_STRICTHOSTKEYCHECK, &no);
	ssh_options_set(s, SSH_OPTIONS_KNOWNHOSTS, "/dev/null");
	ssh_options_set(s, SSH_OPTIONS_TIMEOUT, &timeout);
	/* as OpenSSH's ssh does for an interactive session: no Nagle on the key packets */
	ssh_options_set(s, SSH_OPTIONS_NODELAY, &yes);
	if (ssh_connect(s) != SSH_OK ||
	    ssh_pki_import_privkey_file(o.key, NULL, NULL, NULL, &key) != SSH_OK ||
	    ssh_userauth_publickey(s, NULL, key) != SSH_AUTH_SUCCESS) {
		ssh_key_free(key);
		ssh_disconnect(s);
		ssh_free(s);
		return NULL;
	}
	ssh_key_free(key);
	return s;
}

/* Read whatever arrives until the channel has been quiet for quiet_ms; bytes read.
 * first_at/last_at: when the first and the last byte arrived. */
static int
drain(ssh_channel ch, int first_timeout_ms, double *first_at, double *last_at)
{
	char buf[16384];
	int n, total = 0, timeout = first_timeout_ms;

	for (;;) {
		n = ssh_channel_read_timeout(ch, buf, sizeof buf, 0, timeout);
		if (n <= 0)
			return n < 0 ? -1 : total;
		if (total == 0 && first_at != NULL)
			*first_at = now();
		if (last_at != NULL)
			*last_at = now();
		total += n;
		timeout = o.quiet_ms;
	}
}

/*
 * Read (and drop) what the channel sends for ms milliseconds, as a terminal does while
 * its user looks at the screen: bytes left unread would pile up in the server's window
 * and land on the next key's sample. -1 when the channel is gone.
 */
static int
idle(ssh_channel ch, double ms)
{
	double until = now() + ms, left;

	while ((left = until - now()) > 0)
		if (drain(ch, (int)left + 1, NULL, NULL) < 0)
			return -1;
	return 0;
}

/*
 * Wait until every session has logged in (or failed), so samples are taken under load.
 * A session waiting with its channel open (ch) keeps reading it, as a terminal would:
 * the screen updates NOTIFYs cause during the login storm (up to half a minute at 500)
 * are taken as they come, not all at the first key.
 */
static void
barrier(ssh_channel ch)
{
	pthread_mutex_lock(&mu);
	arrived++;
	if (arrived >= o.sessions) {
		t_go = now();
		clock_gettime(CLOCK_REALTIME, &t_go_wall);
		pthread_cond_broadcast(&cv);
	}
	while (arrived < o.sessions) {
		if (ch == NULL) {
			pthread_cond_wait(&cv, &mu);
			continue;
		}
		pthread_mutex_unlock(&mu);
		if (drain(ch, 100, NULL, NULL) < 0)
			ch = NULL;	/* gone: wait without it */
		pthread_mutex_lock(&mu);
	}
	pthread_mutex_unlock(&mu);
}

/*
 * Wait until every session has sent its keys: a session that logs out while others are
 * still measuring would put its logout (console exit, backend exit) into their samples.
 */
static void
barrier_end(void)
{
	pthread_mutex_lock(&mu);
	finished++;
	if (finished >= o.sessions)
		pthread_cond_broadcast(&cv);
	while (finished < o.sessions)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
}

/* A session's sample, kept by its thread until all have typed. */
struct sample {
	double	 lat, done, when;	/* to the first byte, to the last; sent at (since t_go) */
	int	 key;			/* which of the session's keys */
};

static void *
session_main(void *arg)
{
	ssh_session s;
	ssh_channel ch = NULL;
	double t0, t1 = 0, t2 = 0;
	struct sample *mine = calloc((size_t)o.keys, sizeof *mine);
	unsigned int seed = (unsigned int)(uintptr_t)&s ^ (unsigned int)now();
	int i, m = 0, waited = 0, on2 = o.port2 > 0 && (intptr_t)arg % 2 == 1;

	t0 = now();
	if ((s = connect_auth(on2 ? o.port2 : o.port)) == NULL)
		goto fail;
	t0 = now();
	ch = ssh_channel_new(s);
	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_pty_size(ch, "xterm-256color", 100, 30) != SSH_OK ||
	    ssh_channel_request_shell(ch) != SSH_OK)
		goto fail;
	if (drain(ch, 10000, &t1, &t2) <= 0)
		goto fail;
	pthread_mutex_lock(&mu);
	logins++;
	first[nfirst++] = t2 - t0;
	pthread_mutex_unlock(&mu);
	if (o.setup[0] != '\0') {
		ssh_channel_write(ch, o.setup, (uint32_t)strlen(o.setup));
		drain(ch, 3000, NULL, NULL);
	}
	waited = 1;
	barrier(ch);
	for (i = 0; i < o.keys; i++) {
		const char *k = i % 2 ? o.key_b : o.key_a;
		double sent, got = 0, last = 0;

		/* think, 0.5 to 1.5 times -t, reading what comes meanwhile; then let
		 * screen updates from NOTIFYs pass, so they are not taken for ours */
		if (o.think_ms > 0 && idle(ch, (o.think_ms * 500 +
		    rand_r(&seed) % (o.think_ms * 1000 + 1)) / 1e3) < 0)
			break;
		drain(ch, 0, NULL, NULL);
		sent = now();
		if (ssh_channel_write(ch, k, (uint32_t)strlen(k)) < 0)
			break;
		if (drain(ch, 5000, &got, &last) <= 0)
			continue;	/* no visible change: not a sample */
		mine[m].lat = got - sent;
		mine[m].done = last - sent;
		mine[m].when = sent - t_go;
		mine[m++].key = i;
	}
	pthread_mutex_lock(&mu);
	for (i = 0; i < m; i++, nlat++) {
		lat[nlat] = mine[i].lat;
		done[nlat] = mine[i].done;
		when[nlat] = mine[i].when;
		keyno[nlat] = mine[i].key;
		side[nlat] = on2 ? 2 : 1;
	}
	pthread_mutex_unlock(&mu);
	barrier_end();
	if (o.hold_s > 0) {	/* idle, for the memory probes */
		double until = now() + o.hold_s * 1e3;

		while (now() < until && drain(ch, 1000, NULL, NULL) >= 0)
			;
	}
	ssh_channel_write(ch, ":q\r", 3);
	ssh_channel_send_eof(ch);
	ssh_channel_close(ch);
	ssh_channel_free(ch);
	ssh_disconnect(s);
	ssh_free(s);
	free(mine);
	return NULL;
fail:
	pthread_mutex_lock(&mu);
	failures++;
	pthread_mutex_unlock(&mu);
	if (!waited)
		barrier(NULL);
	barrier_end();
	if (ch != NULL)
		ssh_channel_free(ch);
	if (s != NULL) {
		ssh_disconnect(s);
		ssh_free(s);
	}
	free(mine);
	return NULL;
}

/* One write of the exec writer: run cmd on a new channel of s; -1 if the channel failed. */
static int
write_exec(ssh_session s, const char *cmd)
{
	char buf[4096];
	ssh_channel ch = ssh_channel_new(s);

	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_exec(ch, cmd) != SSH_OK) {
		if (ch != NULL)
			ssh_channel_free(ch);
		return -1;
	}
	while (ssh_channel_read_timeout(ch, buf, sizeof buf, 0, 5000) > 0)
		;
	ssh_channel_close(ch);
	ssh_channel_free(ch);
	return 0;
}

/* The interactive writer's shell on s, with its setup keys typed; NULL if it failed. */
static ssh_channel
writer_shell(ssh_session s)
{
	ssh_channel ch = ssh_channel_new(s);

	if (ch == NULL || ssh_channel_open_session(ch) != SSH_OK ||
	    ssh_channel_request_pty_size(ch, "xterm-256color", 100, 30) != SSH_OK ||
	    ssh_channel_request_shell(ch) != SSH_OK || drain(ch, 10000, NULL, NULL) <= 0) {
		if (ch != NULL)
			ssh_channel_free(ch);
		return NULL;
	}
	ssh_channel_write(ch, o.writer_setup, (uint32_t)strlen(o.writer_setup));
	drain(ch, 3000, NULL, NULL);
	return ch;
}

/*
 * Writes every writer_ms, so NOTIFYs reach the sessions: -w holds commands (exec) or keys
 * (-y: typed in one console), several separated by ";;" used in turn (so each write
 * changes what the screens show, e.g. a step's status back and forth).
 */
static void *
writer_main(void *arg)
{
	char *cmds[16], *all = strdup(o.writer_cmd), *p, *save = NULL;
	int ncmd = 0, turn = 0;
	double next = now();

	(void)arg;
	for (p = all; ncmd < 16 && (p = strtok_r(p, ";", &save)) != NULL; p = NULL)
		cmds[ncmd++] = p;	/* ";;" reads as one separator; no command has a ';' */
	while (ncmd > 0 && !writer_stop) {
		ssh_session s = connect_auth(o.port);
		ssh_channel sh = NULL;

		if (s == NULL || (o.writer_setup != NULL && (sh = writer_shell(s)) == NULL)) {
			fprintf(stderr, "loadgen: the writer could not log in\n");
			if (s != NULL) {
				ssh_disconnect(s);
				ssh_free(s);
			}
			break;
		}
		while (!writer_stop) {
			const char *c = cmds[turn++ % ncmd];

			if (sh != NULL) {
				if (ssh_channel_write(sh, c, (uint32_t)strlen(c)) < 0)
					break;
				drain(sh, 0, NULL, NULL);	/* its own screen's update */
			} else if (write_exec(s, c) != 0)
				break;
			/* every writer_ms from the start, however long the write took (an
			 * exec under load takes hundreds of ms: sleeping after it wrote less
			 * often than asked); a write that overran starts the next at once */
			next += o.writer_ms;
			if (next <= now())
				next = now();
			else if (sh != NULL)	/* its screen keeps coming: read it */
				idle(sh, next - now());
			else
				usleep((useconds_t)((next - now()) * 1000));
		}
		if (sh != NULL) {
			ssh_channel_write(sh, ":q\r", 3);
			ssh_channel_close(sh);
			ssh_channel_free(sh);
		}
		ssh_disconnect(s);
		ssh_free(s);
	}
	free(all);
	return NULL;
}

/* -D FILE: one line per sample, "ms since typing began, latency ms, which key of its
 * session (0: the first)", to see when slow ones fall. */
static void
dump(const char *path)
{
	FILE *f = fopen(path, "w");
	char stamp[32];
	int i;

	if (f == NULL) {
		fprintf(stderr, "loadgen: %s: %s\n", path, strerror(errno));
		return;
	}
	strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S", gmtime(&t_go_wall.tv_sec));
	fprintf(f, "# ms since %s.%03ld UTC (all logged in), latency ms, key of its session\n", stamp,
	    t_go_wall.tv_nsec / 1000000);
	for (i = 0; i < nlat; i++)
		fprintf(f, "%.1f %.2f %d\n", when[i], lat[i], keyno[i]);
	fclose(f);
}

static int
cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(double *v, int n, double p)
{
	int i;

	if (n == 0)
		return 0;
	i = (int)(p * (n - 1) + 0.5);
	return v[i];
}

/* p50 and p99 of the samples taken on one listener (side 1: -p, 2: -P). */
static void
by_side(int k, double out[2])
{
	double *v = malloc((size_t)(nlat > 0 ? nlat : 1) * sizeof *v);
	int i, n = 0;

	for (i = 0; i < nlat; i++) {
		if (side[i] == k)
			v[n++] = lat[i];
	}
	qsort(v, (size_t)n, sizeof *v, cmp);
	out[0] = pct(v, n, 0.5);
	out[1] = pct(v, n, 0.99);
	free(v);
}

int
main(int argc, char **argv)
{
	double p_side[2][2];
	pthread_t *th, wt;
	pthread_attr_t attr;
	int c, i;

	while ((c = getopt(argc, argv, "h:p:P:u:i:n:k:s:a:b:w:W:y:q:t:H:S:D:")) != -1) {
		switch (c) {
		case 'h': o.host = optarg; break;
		case 'p': o.port = atoi(optarg); break;
		case 'P': o.port2 = atoi(optarg); break;
		case 'u': o.user = optarg; break;
		case 'i': o.key = optarg; break;
		case 'n': o.sessions = atoi(optarg); break;
		case 'k': o.keys = atoi(optarg); break;
		case 's': o.setup = optarg; break;
		case 'a': o.key_a = optarg; break;
		case 'b': o.key_b = optarg; break;
		case 'w': o.writer_cmd = optarg; break;
		case 'W': o.writer_ms = atoi(optarg); break;
		case 'y': o.writer_setup = optarg; break;
		case 'q': o.quiet_ms = atoi(optarg); break;
		case 't': o.think_ms = atoi(optarg); break;
		case 'H': o.hold_s = atoi(optarg); break;
		case 'S': o.stagger_ms = atoi(optarg); break;
		case 'D': dump_path = optarg; break;
		default:
			fprintf(stderr, "usage: loadgen -p PORT -u USER -i KEY [-n N] [-k KEYS] "
			    "[-s SETUP] [-a KEY] [-b KEY] [-w CMD -W MS [-y WRITER_SETUP]] [-q QUIET_MS] [-t THINK_MS] [-H SECONDS] [-P PORT2] [-S STAGGER_MS] [-D FILE]\n");
			return 2;
		}
	}
	if (o.user == NULL || o.key == NULL || o.sessions < 1 || o.keys < 1)
		return fprintf(stderr, "loadgen: -u and -i are required\n"), 2;
	ssh_init();
	lat = calloc((size_t)o.sessions * (size_t)o.keys, sizeof *lat);
	done = calloc((size_t)o.sessions * (size_t)o.keys, sizeof *done);
	when = calloc((size_t)o.sessions * (size_t)o.keys, sizeof *when);
	side = calloc((size_t)o.sessions * (size_t)o.keys, 1);
	keyno = calloc((size_t)o.sessions * (size_t)o.keys, sizeof *keyno);
	first = calloc((size_t)o.sessions, sizeof *first);
	th = calloc((size_t)o.sessions, sizeof *th);
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	if (o.writer_cmd != NULL && o.writer_ms > 0)
		pthread_create(&wt, &attr, writer_main, NULL);
	for (i = 0; i < o.sessions; i++) {
		if (pthread_create(&th[i], &attr, session_main, (void *)(intptr_t)i) != 0) {
			fprintf(stderr, "loadgen: thread %d: %s\n", i, strerror(errno));
			pthread_mutex_lock(&mu);
			o.sessions = i;
			pthread_cond_broadcast(&cv);
			pthread_mutex_unlock(&mu);
			break;
		}
		usleep((useconds_t)o.stagger_ms * 1000);	/* logins spread over N * S ms */
	}
	for (i = 0; i < o.sessions; i++)
		pthread_join(th[i], NULL);
	writer_stop = 1;
	if (o.writer_cmd != NULL && o.writer_ms > 0)
		pthread_join(wt, NULL);
	if (dump_path != NULL)
		dump(dump_path);
	if (o.port2 > 0) {	/* before lat is sorted: side[] follows its order */
		by_side(1, p_side[0]);
		by_side(2, p_side[1]);
	}
	qsort(lat, (size_t)nlat, sizeof *lat, cmp);
	qsort(done, (size_t)nlat, sizeof *done, cmp);
	qsort(first, (size_t)nfirst, sizeof *first, cmp);
	printf("sessions=%d logins=%d failures=%d samples=%d p50=%.2f p99=%.2f max=%.2f "
	    "done_p50=%.2f done_p99=%.2f done_max=%.2f first_screen_p50=%.1f first_screen_p99=%.1f",
	    o.sessions, logins, failures, nlat, pct(lat, nlat, 0.5), pct(lat, nlat, 0.99),
	    nlat ? lat[nlat - 1] : 0.0, pct(done, nlat, 0.5), pct(done, nlat, 0.99),
	    nlat ? done[nlat - 1] : 0.0, pct(first, nfirst, 0.5), pct(first, nfirst, 0.99));
	if (o.port2 > 0)
		printf(" p50_1=%.2f p99_1=%.2f p50_2=%.2f p99_2=%.2f", p_side[0][0], p_side[0][1],
		    p_side[1][0], p_side[1][1]);
	printf("\n");
	ssh_finalize();
	return failures > 0 && logins == 0;
}
