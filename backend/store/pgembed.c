/*
 * pgembed — make, start and stop the embedded cluster and its pooler. The postgres and
 * pgbouncer processes are our children, each in its own process group (so a terminal's
 * Ctrl-C reaches rashin, which stops them in order: the pooler first), with a
 * parent-death signal so neither outlives a killed rashin (as root, once the server has
 * become the sessions' user, that signal no longer reaches them: the keeper stops them,
 * pgembed_keep.h).
 */
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_home.h"
#include "backend/store/pgembed_hba.h"
#include "backend/store/pgembed_keep.h"
#include "backend/store/pgembed_proc.h"
#include "backend/store/backup.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"

/* PostgreSQL's max_connections. PgBouncer's pool may take all but PGEMBED_DIRECT of them:
 * those stay for what connects directly (the owner: migrations, `audit verify`, psql, with
 * PostgreSQL's 3 superuser_reserved_connections among them; each `rashin serve`'s
 * notification hub). */
#define PGEMBED_MAX_CONNECTIONS	600
#define PGEMBED_DIRECT		20
#define PGEMBED_STR(x)		PGEMBED_STR2(x)
#define PGEMBED_STR2(x)		#x

char *
pgembed_find_bindir(void)
{
	DIR *d;
	struct dirent *e;
	char path[PATH_MAX];
	long best = -1, v;
	char *end;

	if ((d = opendir("/usr/lib/postgresql")) == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL) {
		v = strtol(e->d_name, &end, 10);
		if (end == e->d_name || *end != '\0')
			continue;
		snprintf(path, sizeof path, "/usr/lib/postgresql/%s/bin/postgres", e->d_name);
		if (access(path, X_OK) == 0 && v > best)
			best = v;
	}
	closedir(d);
	if (best < 0)
		return NULL;
	return xasprintf("/usr/lib/postgresql/%ld/bin", best);
}

static int
initdb(struct pgembed *pg, uid_t uid, gid_t gid, char **cause)
{
	char *tmp = xasprintf("%s.new", pg->pgdata), *prog = xasprintf("%s/initdb", pg->bindir);
	const char *argv[] = { prog, "-D", tmp, "-E", "UTF8", "--locale=C.UTF-8", "-U", "postgres",
	    "--auth-local=peer", "--auth-host=reject", "--no-sync", NULL };
	int rc = -1;

	log_info("creating the embedded PostgreSQL cluster in %s", pg->pgdata);
	if (access(tmp, F_OK) == 0) {
		/* a half-made cluster from an interrupted first run */
		const char *rm[] = { "/bin/rm", "-rf", tmp, NULL };

		run_as(getuid(), getgid(), pg->logfile, rm);
	}
	if (pgembed_mkdir_owned(tmp, 0700, uid, gid, cause) != 0)
		goto out;
	if (run_as(uid, gid, pg->logfile, argv) != 0) {
		char *t = log_tail(pg->logfile);

		set_cause(cause, _("initdb failed in %s: %s"), tmp, t);
		free(t);
		goto out;
	}
	if (rename(tmp, pg->pgdata) != 0) {
		set_cause(cause, "%s: %s", pg->pgdata, strerror(errno));
		goto out;
	}
	pg->created = 1;
	rc = 0;
out:
	free(tmp);
	free(prog);
	return rc;
}

char *
pgembed_conninfo(const struct pgembed *pg, const char *user)
{
	return xasprintf("host=%s port=%d dbname=rashin user=%s", pg->sockdir, PGEMBED_PORT, user);
}

char *
pgembed_socket_conninfo(const char *sockdir, int pooled)
{
	if (!pooled)
		return xasprintf("host=%s port=%d dbname=rashin user=rashin_app", sockdir,
		    PGEMBED_PORT);
	return xasprintf("host=%s,%s port=%d,%d dbname=rashin user=rashin_app passfile=%s/"
	    PGEMBED_POOL_PASSFILE, sockdir, sockdir, PGEMBED_POOL_PORT, PGEMBED_PORT, sockdir);
}

char *
pgembed_app_conninfo(const struct pgembed *pg)
{
	return pgembed_socket_conninfo(pg->sockdir, pg->pool_pid > 0);
}

/* A postmaster we did not start runs on pgdata and answers: say so, and how to stop it. */
static int
foreign_says(const char *pgdata, const char *bindir, char **cause)
{
	return set_cause(cause, _("the embedded PostgreSQL in %s is already running (pid %ld in "
	    "its postmaster.pid) and was not started by this rashin (pg_ctl start or restart "
	    "from outside, or a rashin killed before it could stop it): stop it first, as the "
	    "user that owns the directory: %s/pg_ctl stop -D %s -m fast"), pgdata,
	    (long)postmaster_pid(pgdata), bindir != NULL ? bindir : "/usr/lib/postgresql/N/bin",
	    pgdata);
}

static int
foreign_cause(const struct pgembed *pg, char **cause)
{
	return foreign_says(pg->pgdata, pg->bindir, cause);
}

/* Is pid's parent a rashin (a demo or a server that started it and will stop it)? */
static int
parent_is_rashin(pid_t pid)
{
	char path[64], *buf = NULL, *p, comm[32];
	long ppid;
	FILE *f;
	int yes = 0;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (read_file(path, &buf, NULL, NULL) != 0)
		return 0;
	/* "pid (comm) state ppid ...": comm may hold anything, up to the last ')' */
	if ((p = strrchr(buf, ')')) != NULL && sscanf(p + 1, " %*c %ld", &ppid) == 1 &&
	    ppid > 1) {
		snprintf(path, sizeof path, "/proc/%ld/comm", ppid);
		if ((f = fopen(path, "re")) != NULL) {
			if (fgets(comm, sizeof comm, f) != NULL)
				yes = strcmp(comm, "rashin\n") == 0;
			fclose(f);
		}
	}
	free(buf);
	return yes;
}

int
pgembed_run_by_rashin(const struct config *cfg, const char *data_dir, char **cause)
{
	char *pgdata = xasprintf("%s/pg", data_dir), *bindir = NULL;
	pid_t pid = postmaster_pid(pgdata);
	int rc = 0;

	if (pid <= 0 || !parent_is_rashin(pid)) {
		bindir = cfg->pg_bindir[0] != '\0' ? xstrdup(cfg->pg_bindir) :
		    pgembed_find_bindir();
		rc = foreign_says(pgdata, bindir, cause);
	}
	free(bindir);
	free(pgdata);
	return rc;
}

/*
 * Before starting: no postmaster of ours may be running on pg->pgdata already. One that
 * is ending (a killed rashin's, on its parent-death signal) or starting is waited for, up
 * to 30 s; one that answers on the socket is refused, as one that holds on without
 * answering. 0 none, -1 with cause.
 */
static int
check_running(const struct pgembed *pg, char **cause)
{
	pid_t pid = 0;
	int i;

	for (i = 0; i < 600; i++) {
		if ((pid = postmaster_pid(pg->pgdata)) == 0)
			return 0;
		if (pgembed_ping(pg->sockdir))
			return foreign_cause(pg, cause);
		usleep(50 * 1000);
	}
	return set_cause(cause, _("a PostgreSQL server (pid %ld in %s/postmaster.pid) runs on %s "
	    "but does not answer on %s: stop it first, as the user that owns the directory: "
	    "%s/pg_ctl stop -D %s -m fast"), (long)pid, pg->pgdata, pg->pgdata, pg->sockdir,
	    pg->bindir, pg->pgdata);
}

static int
wait_ready(struct pgembed *pg, char **cause)
{
	char *ci = xasprintf("host=%s port=%d dbname=postgres user=postgres", pg->sockdir,
	    PGEMBED_PORT);
	int i, status, rc = -1;
	PGPing p;

	for (i = 0; i < 600; i++) {
		p = PQping(ci);
		if (p == PQPING_OK && postmaster_pid(pg->pgdata) == pg->pid) {
			rc = 0;
			break;
		}
		if (p == PQPING_OK) {
			/* another postmaster answers: ours exits on its lock file */
			foreign_cause(pg, cause);
			break;
		}
		if (waitpid(pg->pid, &status, WNOHANG) == pg->pid) {
			char *t = log_tail(pg->logfile);

			pg->pid = 0;
			set_cause(cause, _("the embedded PostgreSQL did not start (log %s): %s"),
			    pg->logfile, t);
			free(t);
			break;
		}
		usleep(50 * 1000);
	}
	if (rc != 0 && i == 600)
		set_cause(cause, _("the embedded PostgreSQL did not answer within 30 s (log %s)"),
		    pg->logfile);
	free(ci);
	return rc;
}

static int
create_database(struct pgembed *pg, char **cause)
{
	char *ci = xasprintf("host=%s port=%d dbname=postgres user=postgres", pg->sockdir,
	    PGEMBED_PORT);
	PGconn *c = PQconnectdb(ci);
	PGresult *res;
	int rc = -1;

	free(ci);
	if (PQstatus(c) != CONNECTION_OK) {
		set_cause(cause, _("embedded PostgreSQL: %s"), PQerrorMessage(c));
		goto out;
	}
	res = PQexecParams(c, "SELECT 1 FROM pg_database WHERE datname = 'rashin'", 0, NULL,
	    NULL, NULL, NULL, 0);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1) {
		PQclear(res);
		rc = 0;
		goto out;
	}
	PQclear(res);
	res = PQexecParams(c, "CREATE DATABASE rashin ENCODING 'UTF8' TEMPLATE template0", 0,
	    NULL, NULL, NULL, NULL, 0);
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		set_cause(cause, _("CREATE DATABASE: %s"), PQresultErrorMessage(res));
	else
		rc = 0;
	PQclear(res);
out:
	PQfinish(c);
	return rc;
}

/* postgres on pg->pgdata, sockets in pg->sockdir only, archiving with archive_command (NULL:
 * none). 0, or -1 with cause. */
static int
spawn_postgres(struct pgembed *pg, const char *prog, const char *archive_command,
    int archive_timeout, char **cause)
{
	char *mode = xstrdup(archive_command != NULL ? "archive_mode=on" : "archive_mode=off");
	char *cmd = xasprintf("archive_command=%s", archive_command != NULL ? archive_command : "");
	char *timeout = xasprintf("archive_timeout=%d", archive_timeout);
	const char *argv[] = { prog, "-D", pg->pgdata, "-k", pg->sockdir,
	    "-c", "listen_addresses=", "-c", "unix_socket_permissions=0777",
	    "-c", "port=" PGEMBED_STR(PGEMBED_PORT),
	    "-c", "max_connections=" PGEMBED_STR(PGEMBED_MAX_CONNECTIONS),
	    "-c", "shared_buffers=64MB", "-c", "logging_collector=off",
	    /* loaded once here, not by each backend: every backend runs PL/pgSQL (the
	     * identity functions behind row-level security) */
	    "-c", "shared_preload_libraries=plpgsql",
	    "-c", mode, "-c", cmd, "-c", timeout, NULL };

	/* SIGINT when rashin dies: a fast shutdown. The sockets are 0777: their directory
	 * (pgembed_home_setup) decides who reaches them, the sessions' user among them */
	pg->pid = spawn_server(argv, pg->logfile, pg->uid, pg->gid, SIGINT, 0);
	free(mode);
	free(cmd);
	free(timeout);
	if (pg->pid == -1) {
		pg->pid = 0;
		return set_cause(cause, _("fork: %s"), strerror(errno));
	}
	return 0;
}

int
pgembed_start(const struct config *cfg, struct pgembed *pg, char **cause)
{
	char real[PATH_MAX], *prog = NULL, *arch = NULL;

	memset(pg, 0, sizeof *pg);
	if (mkdir_p(cfg->data_dir, 0755, cause) != 0)
		return -1;
	if (realpath(cfg->data_dir, real) == NULL)
		return set_cause(cause, "%s: %s", cfg->data_dir, strerror(errno));
	if (access(real, W_OK) != 0)
		return set_cause(cause, _("%s: not writable: %s"), real, strerror(errno));
	pg->data_dir = xstrdup(real);
	pg->pgdata = xasprintf("%s/pg", real);
	pg->sockdir = xasprintf("%s/run", real);
	pg->logfile = xasprintf("%s/pg.log", real);
	pg->bindir = cfg->pg_bindir[0] != '\0' ? xstrdup(cfg->pg_bindir) : pgembed_find_bindir();
	if (pg->bindir == NULL) {
		set_cause(cause, _("PostgreSQL server not found under /usr/lib/postgresql "
		    "(install it: make deps, or apt-get install postgresql)"));
		goto fail;
	}
	prog = xasprintf("%s/postgres", pg->bindir);
	if (access(prog, X_OK) != 0) {
		set_cause(cause, _("%s: %s (database.pg_bindir)"), prog, strerror(errno));
		goto fail;
	}
	if (pgembed_home_setup(cfg, pg, real, cause) != 0)
		goto fail;
	if (access(pg->pgdata, F_OK) != 0 && initdb(pg, pg->uid, pg->gid, cause) != 0)
		goto fail;
	if (pgembed_write_hba(pg, cause) != 0)
		goto fail;

	/* WAL archived with pgBackRest when backup.archive says so (backup.c) */
	arch = backup_archive_command(cfg, pg);
	if (check_running(pg, cause) != 0 ||
	    spawn_postgres(pg, prog, arch, cfg->backup_archive_timeout, cause) != 0)
		goto fail;
	if (wait_ready(pg, cause) != 0)
		goto fail;
	if (create_database(pg, cause) != 0)
		goto fail;
	if (arch != NULL)
		backup_stanza_ensure(cfg, pg);
	free(arch);
	log_info("embedded PostgreSQL running (pid %ld, socket %s)", (long)pg->pid, pg->sockdir);
	free(prog);
	return 0;
fail:
	free(prog);
	free(arch);
	pgembed_stop(pg);
	return -1;
}

int
pgembed_start_at(const struct config *cfg, struct pgembed *pg, const char *pgdata,
    const char *sockdir, const char *archive_command, char **cause)
{
	char *prog;

	memset(pg, 0, sizeof *pg);
	pg->bindir = cfg->pg_bindir[0] != '\0' ? xstrdup(cfg->pg_bindir) : pgembed_find_bindir();
	if (pg->bindir == NULL)
		return set_cause(cause, _("PostgreSQL server not found under /usr/lib/postgresql"));
	if (pgembed_cluster_user(&pg->uid, &pg->gid, cause) != 0 ||
	    pgembed_server_user(&pg->svc_uid, &pg->svc_gid, cause) != 0) {
		pgembed_stop(pg);
		return -1;
	}
	pg->pgdata = xstrdup(pgdata);
	pg->sockdir = xstrdup(sockdir);
	pg->data_dir = xstrdup(sockdir);
	pg->logfile = xasprintf("%s/postgres.log", sockdir);
	prog = xasprintf("%s/postgres", pg->bindir);
	if (strlen(sockdir) > 80) {
		set_cause(cause, _("%s: too long for a Unix socket path"), sockdir);
		goto fail;
	}
	if (pgembed_make_log(pg->logfile, pg->uid, pg->gid, cause) != 0 ||
	    check_running(pg, cause) != 0 ||
	    pgembed_write_hba(pg, cause) != 0 ||
	    spawn_postgres(pg, prog, archive_command, cfg->backup_archive_timeout, cause) != 0 ||
	    wait_ready(pg, cause) != 0)
		goto fail;
	free(prog);
	return 0;
fail:
	free(prog);
	pgembed_stop(pg);
	return -1;
}

int
pgembed_wait_pid(struct pgembed *pg)
{
	if (pg->pid > 0 && child_gone(pg->pid)) {
		pg->pid = 0;
		return 1;
	}
	return pg->pid <= 0;
}

char *
pgembed_log_tail(const char *logfile)
{
	return log_tail(logfile);
}

/* A path PgBouncer's ini and its [databases] connection string take as they are. */
static int
pool_path_ok(const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f || strchr("'\"\\;#=", *p) != NULL)
			return 0;
	return 1;
}

int
pgembed_ping(const char *sockdir)
{
	char	*probe;
	PGPing	 ping;

	if (access(sockdir, F_OK) != 0)
		return 0;
	probe = xasprintf("host=%s port=%d dbname=postgres user=postgres connect_timeout=2",
	    sockdir, PGEMBED_PORT);
	ping = PQping(probe);
	free(probe);
	return ping == PQPING_OK;
}

int
pgembed_pool_listening(const char *sockdir)
{
	struct sockaddr_un sa;
	int fd, ok;

	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	if ((size_t)snprintf(sa.sun_path, sizeof sa.sun_path, "%s/.s.PGSQL.%d", sockdir,
	    PGEMBED_POOL_PORT) >= sizeof sa.sun_path)
		return 0;
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1)
		return 0;
	ok = connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0;
	close(fd);
	return ok;
}

/*
 * PgBouncer's configuration, written at each start (DATA_DIR/pgbouncer.ini; edits are
 * lost). pool_mode session: a client keeps its server connection until it disconnects, so
 * a session works as it does without the pooler (protocol-level prepared statements,
 * LISTEN, the identity's set_config(..., true) in each transaction). On release,
 * server_reset_query (used in session mode only) is DISCARD ALL but for rashin's prepared
 * statements: it drops what the session left (cursors, session authorization and GUCs,
 * LISTENs, advisory locks, temporary tables, sequence state, and every prepared statement
 * whose name is not its own text's hash, backend/db_prepared.c) and keeps those, with
 * their plans, for the next client, which takes them instead of parsing and planning
 * them again (planning was ~29 % of PostgreSQL's CPU per console login: bench/README.md,
 * session 8). The backend's catalogue caches and compiled PL/pgSQL stay warm too.
 * auth_type scram-sha-256, not trust: PgBouncer 1.18's peer has no user map (the client's
 * system user would have to be named rashin_app). auth_file names rashin_app, with a
 * password made at each start (32 random bytes), and rashin_pool (below; no password:
 * PostgreSQL checks it by peer); the clients read it from
 * DATA_DIR/run/pgpass (libpq's passfile, in every pooled conninfo), the sessions' user's
 * (0600; PgBouncer reads only its users file), which only root and the sessions' user
 * can read, as only they and the cluster's user can reach the socket directory (0750,
 * group rashin): the password adds that a process must also read the file, not a new
 * boundary. PgBouncer's own server
 * connections are peer-authenticated by PostgreSQL (pgembed_hba.c). rashin_auth (which opens
 * sessions) is not in auth_file: PgBouncer asks PostgreSQL for its SCRAM verifier
 * (auth_user rashin_pool, peer; rs_pool_secret in sql/140_session.sql) and logs in to
 * PostgreSQL with the client's own proof (SCRAM pass-through), so its password is in no
 * file the servers' user reads and its logins still take a pooled backend (its pool,
 * like rashin_app's, grows toward min_pool_size while clients are connected: a backend
 * more during each of the first logins, then none). The owner
 * (postgres) is refused by the pooler and connects directly. listen_addr empty: no TCP socket at all, so a system
 * PgBouncer on port 6432 neither collides with this one nor is used by it.
 * Sizes: min_pool_size database.pool_warm: PgBouncer 1.18 keeps that many idle server
 * connections past server_idle_timeout, but opens them only while a client is connected;
 * the server's warm-up opens them (serve.c). The pool may take all of PostgreSQL's
 * connections but PGEMBED_DIRECT; up to as many clients again may queue for it, each
 * waiting at most query_wait_timeout: 60 s, because PgBouncer opens a pool's server
 * connections one at a time (~20 ms each, far more while hundreds of SSH key exchanges
 * run): with 15 s, 161 of 500 logins in 10 s on a pool of 20 were turned away; with 60 s
 * none (a login waits rather than fails; PgBouncer answers the login itself, so
 * backend/db.c's 15 s connect limit is not what waits here). listen_backlog holds a storm of
 * them. No connection log: two lines per login under a storm; the log has errors.
 * logfile: none: pgembed sends PgBouncer's stderr to DATA_DIR/pgbouncer.log, so what it
 * says before reading this file lands there too.
 */
#define POOL_SIZE	(PGEMBED_MAX_CONNECTIONS - PGEMBED_DIRECT)
#define POOL_CLIENTS	(2 * PGEMBED_MAX_CONNECTIONS)
#define POOL_RESET \
    "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; " \
    "SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES; " \
    "DO $$DECLARE s text; BEGIN FOR s IN SELECT name FROM pg_prepared_statements " \
    "WHERE name IS DISTINCT FROM 'rs_' || left(encode(sha256(convert_to(statement, " \
    "'UTF8')), 'hex'), 32) LOOP EXECUTE format('DEALLOCATE %%I', s); END LOOP; END$$"
#define POOL_INI \
    "; written by rashin (backend/pgembed.c) at each start of the embedded cluster\n" \
    "[databases]\n" \
    "rashin = host=%s port=%d dbname=rashin\n" \
    "\n" \
    "[pgbouncer]\n" \
    "listen_addr =\n" \
    "listen_port = %d\n" \
    "unix_socket_dir = %s\n" \
    "unix_socket_mode = 0777\n" \
    "pidfile = %s/pgbouncer.pid\n" \
    "auth_type = scram-sha-256\n" \
    "auth_file = %s/pgbouncer.users\n" \
    "auth_user = rashin_pool\n" \
    "auth_query = SELECT usename, passwd FROM rs_pool_secret($1)\n" \
    "pool_mode = session\n" \
    "server_reset_query = " POOL_RESET "\n" \
    "default_pool_size = %d\n" \
    "min_pool_size = %d\n" \
    "max_client_conn = %d\n" \
    "listen_backlog = %d\n" \
    "query_wait_timeout = 60\n" \
    "log_connections = 0\n" \
    "log_disconnections = 0\n" \
    "log_stats = 0\n"

/* rashin_app's password at PgBouncer, new at each start: its auth_file and the clients'
 * passfile (pgpass: host, port, database, user, password). 0 or -1. */
static int
pool_password(struct pgembed *pg, const char *users, char **cause)
{
	unsigned char rnd[32];
	char pw[2 * sizeof rnd + 1], *text = NULL, *pass = NULL, *passfile;
	size_t i;
	int rc = -1;

	passfile = xasprintf("%s/" PGEMBED_POOL_PASSFILE, pg->sockdir);
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd) {
		set_cause(cause, _("getrandom: %s"), strerror(errno));
		goto out;
	}
	for (i = 0; i < sizeof rnd; i++)
		snprintf(pw + 2 * i, 3, "%02x", rnd[i]);
	text = xasprintf("\"rashin_app\" \"%s\"\n\"rashin_pool\" \"\"\n", pw);
	pass = xasprintf("*:%d:rashin:rashin_app:%s\n", PGEMBED_POOL_PORT, pw);
	/* the passfile is the sessions' user's: PgBouncer reads only the users file */
	if (pgembed_write_owned(users, text, 0600, pg->uid, pg->gid, cause) == 0 &&
	    pgembed_write_owned(passfile, pass, 0600, pg->svc_uid, pg->svc_gid, cause) == 0)
		rc = 0;
out:
	explicit_bzero(rnd, sizeof rnd);
	explicit_bzero(pw, sizeof pw);
	if (text != NULL)
		explicit_bzero(text, strlen(text));
	if (pass != NULL)
		explicit_bzero(pass, strlen(pass));
	free(text);
	free(pass);
	free(passfile);
	return rc;
}

/* Write the ini and the users file; start PgBouncer; wait until it accepts. 0 or -1. */
static int
pool_start(const struct config *cfg, struct pgembed *pg, const char *logfile, char **cause)
{
	char *ini = xasprintf("%s/pgbouncer.ini", pg->data_dir);
	char *users = xasprintf("%s/pgbouncer.users", pg->data_dir);
	char *pidfile = xasprintf("%s/pgbouncer.pid", pg->sockdir);
	char *text = xasprintf(POOL_INI, pg->sockdir, PGEMBED_PORT, PGEMBED_POOL_PORT,
	    pg->sockdir, pg->sockdir, pg->data_dir, POOL_SIZE, cfg->pool_warm, POOL_CLIENTS,
	    POOL_CLIENTS);
	const char *argv[] = { cfg->pooler_bin, ini, NULL };
	int i, rc = -1;

	if (!pool_path_ok(pg->data_dir)) {
		set_cause(cause, _("%s: a blank, quote, backslash, ';', '#' or '=' in the path"),
		    pg->data_dir);
		goto out;
	}
	if (pgembed_pool_listening(pg->sockdir)) {
		set_cause(cause, _("%s/.s.PGSQL.%d: something else listens there"), pg->sockdir,
		    PGEMBED_POOL_PORT);
		goto out;
	}
	if (pgembed_write_owned(ini, text, 0600, pg->uid, pg->gid, cause) != 0 ||
	    pool_password(pg, users, cause) != 0)
		goto out;
	if (pgembed_make_log(logfile, pg->uid, pg->gid, cause) != 0)
		goto out;
	/* ours, from a run that was killed (the socket check above found no pooler): PgBouncer
	 * would refuse to start if its pid were someone else's by now */
	(void)unlink(pidfile);
	/* SIGTERM when rashin dies: PgBouncer 1.18's immediate shutdown */
	pg->pool_pid = spawn_server(argv, logfile, pg->uid, pg->gid, SIGTERM,
	    POOL_CLIENTS + POOL_SIZE + 64);
	if (pg->pool_pid == -1) {
		pg->pool_pid = 0;
		set_cause(cause, _("fork: %s"), strerror(errno));
		goto out;
	}
	for (i = 0; i < 200; i++) {
		if (pgembed_pool_listening(pg->sockdir)) {
			rc = 0;
			goto out;
		}
		if (child_gone(pg->pool_pid)) {
			char *t = log_tail(logfile);

			pg->pool_pid = 0;
			set_cause(cause, _("it exited: %s"), t);
			free(t);
			goto out;
		}
		usleep(25 * 1000);
	}
	set_cause(cause, _("it did not listen within 5 s"));
	stop_child(pg->pool_pid, SIGTERM, 2000, SIGKILL);
	pg->pool_pid = 0;
out:
	free(ini);
	free(users);
	free(pidfile);
	free(text);
	return rc;
}

void
pgembed_pool(const struct config *cfg, struct pgembed *pg)
{
	char *logfile, *cause = NULL;

	if (strcmp(cfg->pooler, "off") == 0) {
		log_info("database.pooler is off: the application connects to PostgreSQL directly");
		return;
	}
	if (access(cfg->pooler_bin, X_OK) != 0) {
		log_warn("PgBouncer %s: %s; the application connects to PostgreSQL directly "
		    "(install pgbouncer, or set database.pooler = \"off\")", cfg->pooler_bin,
		    strerror(errno));
		return;
	}
	logfile = xasprintf("%s/pgbouncer.log", pg->data_dir);
	if (pool_start(cfg, pg, logfile, &cause) != 0) {
		log_warn("PgBouncer did not start (log %s): %s; the application connects to "
		    "PostgreSQL directly", logfile, cause);
		free(cause);
	} else
		log_info("PgBouncer running (pid %ld, session pooling, socket %s/.s.PGSQL.%d)",
		    (long)pg->pool_pid, pg->sockdir, PGEMBED_POOL_PORT);
	free(logfile);
}

void
pgembed_stop(struct pgembed *pg)
{
	(void)pgembed_keeper_stop(pg);	/* we became the sessions' user: it stops them */
	if (pg->pool_pid > 0) {
		/* before PostgreSQL, so no server connection of its sees the shutdown: SIGTERM is
		 * PgBouncer 1.18's immediate shutdown (later versions wait for the clients first:
		 * SIGKILL after 5 s; it keeps nothing that needs saving) */
		stop_child(pg->pool_pid, SIGTERM, 5000, SIGKILL);
		log_info("PgBouncer stopped");
		pg->pool_pid = 0;
	}
	if (pg->pid > 0) {
		pid_t running = postmaster_pid(pg->pgdata);

		/* SIGINT: a fast shutdown (roll back, close, checkpoint). The server that runs
		 * is the one postmaster.pid names: restarted from outside (pg_ctl restart), ours
		 * is gone and another, not our child, took its place */
		if (running > 0 && running != pg->pid) {
			log_warn("the embedded PostgreSQL was restarted from outside (pid %ld, "
			    "not %ld): stopping that one", (long)running, (long)pg->pid);
			(void)stop_postmaster(pg->pgdata, running, 30000);
		}
		stop_child(pg->pid, SIGINT, 30000, SIGQUIT);
		if ((running = postmaster_pid(pg->pgdata)) > 0)
			log_error("the embedded PostgreSQL did not stop (pid %ld in %s/postmaster.pid)",
			    (long)running, pg->pgdata);
		else
			log_info("embedded PostgreSQL stopped");
		pg->pid = 0;
	}
	free(pg->data_dir);
	free(pg->pgdata);
	free(pg->sockdir);
	free(pg->bindir);
	free(pg->logfile);
	memset(pg, 0, sizeof *pg);
}
