/*
 * pgembed — make, start and stop the embedded cluster. The postgres process is our
 * child in its own process group (so a terminal's Ctrl-C reaches rashin, which stops it
 * in order), with a parent-death signal so it never outlives a killed rashin.
 */
#include "backend/pgembed.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libpq-fe.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/config.h"
#include "backend/log.h"
#include "backend/util.h"

#define PGEMBED_USER "rashin"

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

/* The uid/gid the server runs as: ourselves, or the system user when we are root. */
static int
server_user(uid_t *uid, gid_t *gid, char **cause)
{
	struct passwd *pw;
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		*uid = geteuid();
		*gid = getegid();
		return 0;
	}
	if ((pw = getpwnam(PGEMBED_USER)) == NULL) {
		log_info("creating system user %s for the embedded PostgreSQL", PGEMBED_USER);
		pid = fork();
		if (pid == 0) {
			execlp("useradd", "useradd", "--system", "--no-create-home", "--shell",
			    "/usr/sbin/nologin", PGEMBED_USER, (char *)NULL);
			_exit(127);
		}
		if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0 || (pw = getpwnam(PGEMBED_USER)) == NULL)
			return set_cause(cause, "cannot create the system user %s for PostgreSQL "
			    "(PostgreSQL refuses to run as root)", PGEMBED_USER);
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

static int
become(uid_t uid, gid_t gid)
{
	if (getuid() == uid)
		return 0;
	if (setgroups(0, NULL) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
		return -1;
	return 0;
}

static int
mkdir_owned(const char *path, mode_t mode, uid_t uid, gid_t gid, char **cause)
{
	struct stat st;

	if (mkdir(path, mode) != 0 && errno != EEXIST)
		return set_cause(cause, "%s: %s", path, strerror(errno));
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return set_cause(cause, "%s: not a directory", path);
	if (geteuid() == 0 && (st.st_uid != uid || st.st_gid != gid) && chown(path, uid, gid) != 0)
		return set_cause(cause, "%s: chown: %s", path, strerror(errno));
	if ((st.st_mode & 07777) != mode && chmod(path, mode) != 0)
		return set_cause(cause, "%s: chmod: %s", path, strerror(errno));
	return 0;
}

/* Run argv as the server user with output to the log; returns the exit status or -1. */
static int
run_as(uid_t uid, gid_t gid, const char *logfile, const char *const argv[])
{
	pid_t pid;
	int status, fd;

	pid = fork();
	if (pid == -1)
		return -1;
	if (pid == 0) {
		fd = open(logfile, O_WRONLY | O_APPEND | O_CREAT, 0600);
		if (fd != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		if (become(uid, gid) != 0)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Last lines of the server log, for error messages. */
static char *
log_tail(const char *logfile)
{
	char *buf = NULL, *p;
	size_t len;
	int lines = 0;

	if (read_file(logfile, &buf, &len, NULL) != 0)
		return xstrdup("(no log)");
	for (p = buf + len; p > buf; p--)
		if (p[-1] == '\n' && p != buf + len && ++lines == 3)
			break;
	p = xstrdup(p);
	free(buf);
	for (char *c = p; *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	return p;
}

static int
initdb(struct pgembed *pg, uid_t uid, gid_t gid, char **cause)
{
	char *tmp = xasprintf("%s.new", pg->pgdata), *prog = xasprintf("%s/initdb", pg->bindir);
	const char *argv[] = { prog, "-D", tmp, "-E", "UTF8", "--locale=C.UTF-8", "-U", "postgres",
	    "-A", "trust", "--no-sync", NULL };
	int rc = -1;

	log_info("creating the embedded PostgreSQL cluster in %s", pg->pgdata);
	if (access(tmp, F_OK) == 0) {
		/* a half-made cluster from an interrupted first run */
		const char *rm[] = { "/bin/rm", "-rf", tmp, NULL };

		run_as(getuid(), getgid(), pg->logfile, rm);
	}
	if (mkdir_owned(tmp, 0700, uid, gid, cause) != 0)
		goto out;
	if (run_as(uid, gid, pg->logfile, argv) != 0) {
		char *t = log_tail(pg->logfile);

		set_cause(cause, "initdb failed in %s: %s", tmp, t);
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
	return xasprintf("host=%s dbname=rashin user=%s", pg->sockdir, user);
}

static int
wait_ready(struct pgembed *pg, char **cause)
{
	char *ci = xasprintf("host=%s dbname=postgres user=postgres", pg->sockdir);
	int i, status, rc = -1;
	PGPing p;

	for (i = 0; i < 600; i++) {
		p = PQping(ci);
		if (p == PQPING_OK) {
			rc = 0;
			break;
		}
		if (waitpid(pg->pid, &status, WNOHANG) == pg->pid) {
			char *t = log_tail(pg->logfile);

			pg->pid = 0;
			set_cause(cause, "the embedded PostgreSQL did not start (log %s): %s",
			    pg->logfile, t);
			free(t);
			break;
		}
		usleep(50 * 1000);
	}
	if (rc != 0 && i == 600)
		set_cause(cause, "the embedded PostgreSQL did not answer within 30 s (log %s)",
		    pg->logfile);
	free(ci);
	return rc;
}

static int
create_database(struct pgembed *pg, char **cause)
{
	char *ci = xasprintf("host=%s dbname=postgres user=postgres", pg->sockdir);
	PGconn *c = PQconnectdb(ci);
	PGresult *res;
	int rc = -1;

	free(ci);
	if (PQstatus(c) != CONNECTION_OK) {
		set_cause(cause, "embedded PostgreSQL: %s", PQerrorMessage(c));
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
		set_cause(cause, "CREATE DATABASE: %s", PQresultErrorMessage(res));
	else
		rc = 0;
	PQclear(res);
out:
	PQfinish(c);
	return rc;
}

int
pgembed_start(const struct config *cfg, struct pgembed *pg, char **cause)
{
	char real[PATH_MAX], *prog = NULL;
	uid_t uid = 0;
	gid_t gid = 0;
	pid_t ppid = getpid();
	int fd;

	memset(pg, 0, sizeof *pg);
	if (mkdir_p(cfg->data_dir, 0755, cause) != 0)
		return -1;
	if (realpath(cfg->data_dir, real) == NULL)
		return set_cause(cause, "%s: %s", cfg->data_dir, strerror(errno));
	if (access(real, W_OK) != 0)
		return set_cause(cause, "%s: not writable: %s", real, strerror(errno));
	pg->data_dir = xstrdup(real);
	pg->pgdata = xasprintf("%s/pg", real);
	pg->sockdir = xasprintf("%s/run", real);
	pg->logfile = xasprintf("%s/pg.log", real);
	if (strlen(pg->sockdir) > 80) {
		set_cause(cause, "%s: too long for a Unix socket path; set database.data_dir to a "
		    "shorter directory", pg->sockdir);
		goto fail;
	}
	pg->bindir = cfg->pg_bindir[0] != '\0' ? xstrdup(cfg->pg_bindir) : pgembed_find_bindir();
	if (pg->bindir == NULL) {
		set_cause(cause, "PostgreSQL server not found under /usr/lib/postgresql "
		    "(install it: make deps, or apt-get install postgresql)");
		goto fail;
	}
	prog = xasprintf("%s/postgres", pg->bindir);
	if (access(prog, X_OK) != 0) {
		set_cause(cause, "%s: %s (database.pg_bindir)", prog, strerror(errno));
		goto fail;
	}
	if (server_user(&uid, &gid, cause) != 0)
		goto fail;
	if (mkdir_owned(pg->sockdir, 0700, uid, gid, cause) != 0)
		goto fail;
	fd = open(pg->logfile, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1 || (geteuid() == 0 && fchown(fd, uid, gid) != 0)) {
		set_cause(cause, "%s: %s", pg->logfile, strerror(errno));
		if (fd != -1)
			close(fd);
		goto fail;
	}
	close(fd);
	if (geteuid() == 0) {
		/* can the server user reach the directory at all? */
		pid_t pid = fork();
		int status;

		if (pid == 0)
			_exit(become(uid, gid) == 0 && access(pg->sockdir, W_OK | X_OK) == 0 ? 0 : 1);
		if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			set_cause(cause, "the PostgreSQL user %s cannot reach %s (a parent directory "
			    "is not searchable); set database.data_dir to a directory it can reach",
			    PGEMBED_USER, pg->sockdir);
			goto fail;
		}
	}
	if (access(pg->pgdata, F_OK) != 0 && initdb(pg, uid, gid, cause) != 0)
		goto fail;

	pg->pid = fork();
	if (pg->pid == -1) {
		set_cause(cause, "fork: %s", strerror(errno));
		goto fail;
	}
	if (pg->pid == 0) {
		const char *argv[] = { prog, "-D", pg->pgdata, "-k", pg->sockdir,
		    "-c", "listen_addresses=", "-c", "unix_socket_permissions=0700",
		    "-c", "max_connections=600", "-c", "shared_buffers=64MB",
		    "-c", "logging_collector=off",
		    /* loaded once here, not by each backend: every backend runs PL/pgSQL (the
		     * identity functions behind row-level security) */
		    "-c", "shared_preload_libraries=plpgsql", NULL };

		setpgid(0, 0);
		fd = open(pg->logfile, O_WRONLY | O_APPEND);
		if (fd != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		fd = open("/dev/null", O_RDONLY);
		if (fd != -1) {
			dup2(fd, 0);
			close(fd);
		}
		if (become(uid, gid) != 0)
			_exit(126);
		prctl(PR_SET_PDEATHSIG, SIGINT);
		if (getppid() != ppid)
			_exit(0);
		execv(prog, (char *const *)argv);
		_exit(127);
	}
	setpgid(pg->pid, pg->pid);
	if (wait_ready(pg, cause) != 0)
		goto fail;
	if (create_database(pg, cause) != 0)
		goto fail;
	log_info("embedded PostgreSQL running (pid %ld, socket %s)", (long)pg->pid, pg->sockdir);
	free(prog);
	return 0;
fail:
	free(prog);
	pgembed_stop(pg);
	return -1;
}

void
pgembed_stop(struct pgembed *pg)
{
	int i, status;

	if (pg->pid > 0) {
		kill(pg->pid, SIGINT);	/* fast shutdown: roll back, close, checkpoint */
		for (i = 0; i < 300; i++) {
			if (waitpid(pg->pid, &status, WNOHANG) == pg->pid)
				break;
			/* reaped elsewhere (a SIGCHLD handler): gone when kill says so */
			if (kill(pg->pid, 0) == -1 && errno == ESRCH)
				break;
			usleep(100 * 1000);
		}
		if (i == 300) {
			kill(pg->pid, SIGQUIT);
			waitpid(pg->pid, &status, 0);
		}
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
