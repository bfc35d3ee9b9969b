/*
 * serve — `rashin serve`: the SSH server's hooks wired to the database and to the console
 * and command layer. The listener holds no database state. A connection process (the
 * monitor) starts its database connection the moment it has forked its network process
 * (db_start), so PostgreSQL's backend start overlaps the SSH key exchange; authorization and the login audit use it, and the
 * first channel child (the console, or a command) takes it over: the connection process
 * lets go of it without touching its socket (db_forget) right after that fork, so one
 * backend serves a login from key exchange to logout and no socket is ever shared.
 * Later channels and the logout audit open their own. Unauthenticated connections each
 * hold a database connection while they authenticate: MaxStartups bounds them.
 * The listener forks the notification hub (notifyhub.c) before it accepts, so the
 * consoles of a server share one LISTEN; the console of each connection gets its socket.
 * If the hub dies, the listener forks a new one from its loop (serve_reaped, serve_tick).
 *
 * Whom a session acts as is the database's to know (sql/140_session.sql): once libssh has
 * verified a key's signature and rs_auth_key has found its active member, the connection
 * process logs in as rashin_auth (through the embedded PgBouncer like every session:
 * pgembed.c) and opens a database session for that member and key; the console or command it forks gets
 * only the session's secret, which every transaction carries, and the logout closes it.
 * rashin_auth's password is read by the listener at start (database.auth_password_file;
 * the embedded cluster's is root's DATA_DIR/auth.secret, set on the role at each start);
 * the connection process wipes it as soon as the login is decided, so no console or
 * command process ever holds it, and every process is non-dumpable (PR_SET_DUMPABLE 0),
 * so another process of the same user cannot read it from memory (ptrace, /proc/PID/mem).
 * What that buys: code running in a session (the console, a command: everything that
 * handles the data) can act only as the member who logged in, whatever it sets.
 *
 * The connection process is the monitor of privilege separation (sshd/sshd_monitor.h):
 * everything above (the database connection, authorization, audit, the password) happens
 * there. The network process it forks first, which parses the client's bytes, lets go
 * of all of it (serve_net_init: the hub's sockets closed, the password and the connection
 * strings wiped; no database connection was started before it was forked). What it does not cover:
 * a process of the servers' user can read the cluster's files.
 */
#include "backend/serve.h"

#include <sys/prctl.h>

#include <errno.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/auth.h"
#include "backend/cmd/cmd.h"
#include "backend/lib/config.h"
#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/log.h"
#include "backend/store/notifyhub.h"
#include "backend/store/pgembed_home.h"
#include "backend/lib/secretbox.h"
#include "backend/store/session.h"
#include "backend/sshd/sshd.h"
#include "backend/sshd/sshd_sandbox.h"
#include "backend/lib/util.h"
#include "screens/console.h"

struct serve {
	struct config	*cfg;
	const char	*hub_conninfo;	/* the notification hub's, started once bound */
	int		 warm;		/* pooled connections to warm once bound */
	int		 forked;	/* 0 listener, 1 connection process, 2 channel child */
	struct db	*db;		/* the connection process's, until the login is audited */
	int		 hub_fd;	/* its socket from the notification hub, or -1; the
					   first channel child takes it (the listener's copy
					   is closed after each fork) */
	char		*server;	/* this server's name in the audit trail: host:port */
	const char	*auth_conninfo;	/* where rashin_auth opens sessions */
	const char	*owner_conninfo;	/* the owner's (migrations, the password) */
	char		*auth_password;	/* its password (NULL: none); wiped once a login
					   is decided */
	char		 session[SESSION_SECRET_LEN + 1];	/* the connection's, "" none */
};

/* A string that must not stay in this process's memory. */
static void
serve_wipe(char *s)
{
	if (s != NULL)
		explicit_bzero(s, strlen(s));
}

/* No more sessions to open in this process: the password goes. */
static void
serve_auth_forget(struct serve *sv)
{
	session_password_free(sv->auth_password);
	sv->auth_password = NULL;
}

/* The connection process's database connection: the one started at fork, else a new one. */
static struct db *
serve_db(struct serve *sv, char **cause)
{
	if (sv->db == NULL)
		return db_open(sv->cfg->conninfo, cause);
	if (db_wait(sv->db, cause) != 0)
		return NULL;
	db_set_session(sv->db, NULL);
	return sv->db;
}

static void
serve_db_done(struct serve *sv, struct db *db)
{
	if (db != sv->db)
		db_close(db);
}

static int
serve_authorize(void *arg, const char *user, const char *key_type, const char *key_b64,
    const char *fingerprint, struct identity *id, char **cause)
{
	struct serve *sv = arg;
	struct db *db;
	char source[sizeof id->source];
	int rc;

	(void)fingerprint;	/* the database's own record of the key is used */
	snprintf(source, sizeof source, "%s", id->source);
	if ((db = serve_db(sv, cause)) == NULL)
		return -1;
	rc = auth_key(db, user, key_type, key_b64, id, cause);
	serve_db_done(sv, db);
	snprintf(id->source, sizeof id->source, "%s", source);
	if (rc == 0) {
		rc = session_open(sv->auth_conninfo, SESSION_AUTH_ROLE, sv->auth_password,
		    id->login, id->fingerprint, source, sv->cfg->session_hours, id->session,
		    cause);
		if (rc == 0) {
			snprintf(sv->session, sizeof sv->session, "%s", id->session);
			serve_auth_forget(sv);	/* the login is decided */
		}
	}
	return rc;
}

/*
 * A login event in the audit trail, with the connection's session id and the server's name
 * (a LOGIN and its LOGOUT share them: serve_ready closes at the next start what a killed
 * server left open). The logout is written by the connection process, which outlives a
 * killed listener long enough (its parent-death signal closes its sessions as a shutdown
 * does) while the database is there.
 */
static void
serve_audit(void *arg, const char *event, const char *user, const char *source,
    const char *fingerprint, const char *reason, const char *session)
{
	struct serve *sv = arg;
	struct db *db;
	char *cause = NULL;
	const char *action = strcmp(event, "login") == 0 ? "LOGIN" :
	    strcmp(event, "logout") == 0 ? "LOGOUT" : "LOGIN_FAILED";

	if ((db = serve_db(sv, &cause)) == NULL) {
		log_warn("audit of %s for %s not recorded: %s", event, user, cause);
		free(cause);
		return;
	}
	/* the event carries the member's id: it is written in the login's session */
	db_set_session(db, strcmp(action, "LOGIN_FAILED") != 0 ? sv->session : NULL);
	if (auth_event(db, action, user, source, fingerprint, reason, session, sv->server) != 0)
		log_warn("audit of %s for %s not recorded", event, user);
	if (strcmp(action, "LOGOUT") == 0) {
		if (session_close(db, &cause) != 0) {
			log_warn("session of %s not closed (it expires): %s", user, cause);
			free(cause);
		}
		sv->session[0] = '\0';
	}
	db_set_session(db, NULL);
	serve_db_done(sv, db);
}

static void
serve_hub_close(struct serve *sv)
{
	if (sv->hub_fd != -1)
		close(sv->hub_fd);
	sv->hub_fd = -1;
}

/* In a channel child: the connection inherited from the connection process, or a new one. */
static struct db *
serve_take_db(struct serve *sv, char **cause)
{
	struct db *db = sv->db;

	sv->db = NULL;
	if (db != NULL && db_wait(db, cause) == 0)
		return db;
	db_close(db);
	return db_open(sv->cfg->conninfo, cause);
}

/* Session language: the client's LANG/LC_*, else the member's preference, else config. */
static void
serve_language(struct serve *sv, const struct identity *id)
{
	i18n_init(NULL, id->lang[0] != '\0' ? id->lang : sv->cfg->language);
}

static int
serve_console(void *arg, struct identity *id)
{
	struct serve *sv = arg;
	struct console_opts opts = { NULL, NULL, sv->cfg->color, NULL, sv->cfg->vdi_key_file,
	    sv->cfg->vdi_max_days, sv->hub_fd, sv->cfg->listen, sv->cfg->port };
	struct db *db;
	char *cause = NULL;
	int rc;

	serve_language(sv, id);
	snprintf(id->lang, sizeof id->lang, "%s", i18n_lang());
	/* a database that is down now is retried by the console, which keeps running */
	if ((db = serve_take_db(sv, &cause)) == NULL) {
		printf("rashin: %s\r\n", cause);
		free(cause);
		return 1;
	}
	sv->hub_fd = -1;	/* the console's now */
	db_set_session(db, id->session);
	rc = console_run(db, id, &opts) == 0 ? 0 : 1;
	db_close(db);
	return rc;
}

static int
serve_command(void *arg, struct identity *id, int argc, char **argv)
{
	struct serve *sv = arg;
	struct cmd_ctx ctx;
	struct db *db;
	char *cause = NULL;
	int rc;

	serve_language(sv, id);
	serve_hub_close(sv);	/* commands do not read notifications */
	memset(&ctx, 0, sizeof ctx);
	ctx.cfg = sv->cfg;
	ctx.id = id;
	ctx.in = stdin;
	ctx.out = stdout;
	ctx.err = stderr;
	if (argc > 0 && (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "version") == 0)) {
		db_close(sv->db);	/* no database needed: end the inherited one */
		sv->db = NULL;
		return cmd_run(&ctx, argc, argv);
	}
	if ((db = serve_take_db(sv, &cause)) == NULL) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		return CMD_FAIL;
	}
	db_set_session(db, id->session);
	ctx.db = db;
	rc = cmd_run(&ctx, argc, argv);
	fflush(stdout);
	db_close(db);
	return rc;
}

static void
serve_child_init(void *arg)
{
	struct serve *sv = arg;

	signal(SIGPIPE, SIG_IGN);
	if (sv->forked++ == 0) {	/* a new connection process: connect while SSH does kex */
		hub_forget();
		sv->db = db_start(sv->cfg->conninfo);
	} else
		serve_auth_forget(sv);	/* a channel child: wiped already; never holds it */
	/* a channel child keeps sv->db and sv->hub_fd: they are its now (serve_take_db) */
}

/*
 * The network process (sshd_monitor.h), just forked from the monitor: it parses the
 * client's bytes, so it keeps nothing that reaches the database. It is forked before the
 * monitor starts its database connection (serve_child_init runs in the monitor after), so
 * it never holds one, nor libpq's copy of a password; the hub's sockets are closed;
 * rashin_auth's password and the connection strings are wiped.
 */
static void
serve_net_init(void *arg)
{
	struct serve *sv = arg;

	hub_forget();	/* the listener's control socket to the hub */
	db_forget(sv->db);	/* none: forked before the monitor starts its connection */
	sv->db = NULL;
	serve_hub_close(sv);
	serve_auth_forget(sv);
	serve_wipe(sv->cfg->conninfo);
	serve_wipe((char *)sv->auth_conninfo);
	serve_wipe((char *)sv->hub_conninfo);
	serve_wipe((char *)sv->owner_conninfo);
	serve_wipe(sv->cfg->owner_conninfo);
	sv->forked = 3;
	log_debug("network process: no database connection; hub sockets closed, password and "
	    "connection strings wiped");
}

/* The listener, about to fork a connection process: its socket from the hub. */
static int
serve_handoff(void *arg)
{
	struct serve *sv = arg;

	sv->hub_fd = hub_subscribe();
	return sv->hub_fd;
}

/* The connection process after forking a channel child: that child has the connection
 * and the hub's socket. */
static void
serve_spawned(void *arg)
{
	struct serve *sv = arg;

	db_forget(sv->db);
	sv->db = NULL;
	serve_hub_close(sv);
}

/* The listener reaped a child that was not a connection process: if it was the hub, a
 * new one is due (serve_tick). */
static void
serve_reaped(void *arg, pid_t pid, int st)
{
	(void)arg;
	(void)hub_ended(pid, st);
}

/*
 * The listener's loop: a new hub when one is due. It is forked from the listener as it
 * runs, so sshd_detach closes in it what the listener holds (listening sockets, status
 * pipes, signal pipe) and frees the host keys; the listener holds no connection socket
 * between turns of its loop (sshd_accept closes its copies right after each fork).
 */
static int
serve_tick(void *arg)
{
	(void)arg;
	return hub_restart(sshd_detach);
}

/* The listener listens (no other server on this address now): the logins an earlier run
 * left open (killed, or the machine stopped, with the database gone too) are closed in the
 * audit trail before the first connection is accepted. */
static void
serve_ready(void *arg)
{
	struct serve *sv = arg;
	struct db *db;
	char *cause = NULL;
	int n = 0;

	if ((db = db_open(sv->cfg->conninfo, &cause)) == NULL ||
	    auth_sessions_lost(db, sv->server, &n, &cause) != 0)
		log_warn("logins left open by an earlier run of %s not closed in the audit trail "
		    "(at the next start): %s", sv->server, cause != NULL ? cause : "?");
	else if (n > 0)
		log_warn("%d login(s) left open by an earlier run of %s (killed, or the machine "
		    "stopped) closed in the audit trail: connection lost", n, sv->server);
	db_close(db);
	free(cause);
}

/* This server's name in the audit trail: the host and the SSH port. */
static char *
serve_name(const struct config *cfg)
{
	char host[256];

	if (gethostname(host, sizeof host) != 0)
		snprintf(host, sizeof host, "localhost");
	host[sizeof host - 1] = '\0';
	return xasprintf("%s:%d", host, cfg->port);
}

/* SIGHUP: re-read the file; limits and logging change, the listening socket and the
 * database a running server uses do not (they need a restart). */
static int
serve_reload(void *arg, struct config *cfg, char **cause)
{
	struct config fresh;

	(void)arg;
	if (cfg->path == NULL)
		return 0;
	if (config_load(&fresh, cfg->path, 1, cause) != 0)
		return -1;
	cfg->login_grace_time = fresh.login_grace_time;
	cfg->max_auth_tries = fresh.max_auth_tries;
	cfg->max_startups_start = fresh.max_startups_start;
	cfg->max_startups_rate = fresh.max_startups_rate;
	cfg->max_startups_full = fresh.max_startups_full;
	cfg->max_sessions = fresh.max_sessions;
	cfg->idle_timeout = fresh.idle_timeout;
	cfg->penalty_base = fresh.penalty_base;
	cfg->penalty_max = fresh.penalty_max;
	cfg->per_source_max_startups = fresh.per_source_max_startups;
	cfg->max_memory_mb = fresh.max_memory_mb;
	cfg->color = fresh.color;
	if (log_open(fresh.log_dest, fresh.log_level, cause) != 0) {
		config_free(&fresh);
		return -1;
	}
	config_free(&fresh);
	log_info("configuration reloaded from %s", cfg->path);
	return 0;
}

/*
 * Warm the embedded pooler: n connections made through it at once and closed, so
 * PgBouncer holds n server connections before the first login (a pool that must grow
 * opens them one after another, ~5-25 ms each, and in a login storm the last logins wait
 * for that: pgembed.c's query_wait_timeout), and its min_pool_size (the same n) keeps them
 * through the night when idle ones would be closed. In a child, so
 * the listener starts at once (its loop reaps it); it holds nothing of the listener's
 * but the hub's control socket, which it closes, and ends with the listener.
 */
static void
serve_warm(const struct config *cfg, int n)
{
	pid_t	 pid, listener = getpid();
	int	 got;

	if (n <= 0)
		return;
	if ((pid = fork()) == -1) {
		log_warn("fork: %s: the pool is not warmed", strerror(errno));
		return;
	}
	if (pid == 0) {
		if (die_with_parent(listener, SIGTERM) != 0)
			_exit(0);
		(void)prctl(PR_SET_NAME, "rashin-warm");
		sshd_detach();
		hub_forget();
		log_context("pool warm-up");
		got = db_warm(cfg->conninfo, n, 60000);
		if (got < n)
			log_warn("%d of %d pooled connections made", got, n);
		else
			log_info("%d pooled connections ready", got);
		_exit(0);
	}
}

/*
 * The listener listens and holds its host keys (sshd_run): as root, what follows runs as
 * the service user `rashin` (pgembed_server_user, pgembed_home.c; the embedded PostgreSQL
 * runs as another, `rashin-db`, which the sessions cannot act as). It
 * reads the VDI key first (a file that user may not reach), hands it the log file, which
 * SIGHUP reopens, then starts the notification hub and the pool warm-up as that user.
 */
static int
serve_bound(void *arg, char **cause)
{
	struct serve *sv = arg;
	struct passwd *pw;
	char *why = NULL;
	uid_t uid;
	gid_t gid;

	if (secretbox_key_preload(sv->cfg->vdi_key_file, &why) != 0) {
		log_warn("%s: MFA enrolment in sessions will fail", why);
		free(why);
		why = NULL;
	}
	if (geteuid() == 0) {
		if (pgembed_server_user(&uid, &gid, cause) != 0)
			return -1;
		if (sv->cfg->log_dest != NULL && sv->cfg->log_dest[0] == '/' &&
		    pgembed_make_log(sv->cfg->log_dest, uid, gid, cause) != 0)
			return -1;
		sshd_sandbox_drop_bounding();	/* needs root's CAP_SETPCAP: now */
		if (pgembed_become_user(uid, gid) != 0)
			return set_cause(cause, "cannot become the service user %s (uid %ld): %s",
			    PGEMBED_USER, (long)uid, strerror(errno));
		/* root's HOME is not the service user's (libpq looks there for .pgpass) */
		if ((pw = getpwuid(uid)) != NULL)
			setenv("HOME", pw->pw_dir, 1);
		log_info("running as the service user %s (uid %ld, gid %ld)", PGEMBED_USER,
		    (long)uid, (long)gid);
	}
	if (hub_start(sv->hub_conninfo != NULL ? sv->hub_conninfo : sv->cfg->conninfo,
	    sshd_detach, &why) != 0) {
		log_warn("%s: each session LISTENs for itself until a hub starts", why);
		free(why);
	}
	serve_warm(sv->cfg, sv->warm);
	return 0;
}

static int
serve_tcp_database(void *arg)
{
	struct serve *sv = arg;

	return db_uses_tcp(sv->cfg->conninfo);
}

/*
 * rashin_auth's password: database.auth_password_file, else for the embedded cluster
 * DATA_DIR/auth.secret (made on first use, mode 0600, the invoking user's: root's for a
 * service) set on the role now as the owner; else none (the server's pg_hba.conf
 * decides). 0, or -1 with cause.
 */
static int
serve_auth_load(struct serve *sv, const char *owner_conninfo, int embedded, char **cause)
{
	const struct config *cfg = sv->cfg;
	char *path;
	int rc;

	if (cfg->auth_password_file[0] != '\0')
		return session_password_load(cfg->auth_password_file, 0, &sv->auth_password,
		    cause);
	if (!embedded)
		return 0;
	path = xasprintf("%s/auth.secret", cfg->data_dir);
	rc = session_password_load(path, 1, &sv->auth_password, cause);
	free(path);
	if (rc == 0 && (rc = session_password_install(owner_conninfo, sv->auth_password,
	    cause)) != 0)
		serve_auth_forget(sv);
	return rc;
}

int
serve_run(struct config *cfg, const char *hub_conninfo, const char *owner_conninfo,
    int warm, char **cause)
{
	static const struct sshd_hooks hooks = {
		.authorize = serve_authorize,
		.console = serve_console,
		.command = serve_command,
		.audit = serve_audit,
		.child_init = serve_child_init,
		.handoff = serve_handoff,
		.spawned = serve_spawned,
		.net_init = serve_net_init,
		.reload = serve_reload,
		.reaped = serve_reaped,
		.tick = serve_tick,
		.ready = serve_ready,
		.bound = serve_bound,
		.tcp_database = serve_tcp_database,
	};
	/* The embedded cluster's hub connects to PostgreSQL directly, not through PgBouncer:
	 * it holds one connection for the server's life, so a pool has nothing to reuse for
	 * it, and its LISTEN then does not depend on the pooler. It starts once the listener
	 * is bound (serve_bound). */
	struct serve sv = { .cfg = cfg, .hub_fd = -1, .hub_conninfo = hub_conninfo,
	    .warm = warm, .server = serve_name(cfg) };
	char *why = NULL;
	int rc;

	/* nobody of the same user reads the password (or a session's secret) from us */
	(void)prctl(PR_SET_DUMPABLE, 0);
	sv.auth_conninfo = cfg->conninfo;	/* the embedded: through PgBouncer too */
	sv.owner_conninfo = owner_conninfo;
	if (serve_auth_load(&sv, owner_conninfo, hub_conninfo != NULL, &why) != 0) {
		rc = set_cause(cause, "rashin_auth's password: %s", why);
		free(why);
		free(sv.server);
		return rc;
	}
	rc = sshd_run(cfg, &hooks, &sv, cause);
	hub_forget();	/* the hub ends now, before a demo stops its database */
	serve_auth_forget(&sv);
	free(sv.server);
	return rc;
}
