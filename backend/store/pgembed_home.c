/*
 * pgembed_home — the embedded cluster's user and directories (pgembed_home.h).
 */
#include "backend/store/pgembed_home.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <grp.h>
#include <limits.h>
#include <pwd.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_proc.h"

/* The system user name (made with useradd when missing: its own group, no home, no
 * shell), or ourselves when we are not root. */
static int
system_user(const char *name, const char *what, uid_t *uid, gid_t *gid, char **cause)
{
	struct passwd *pw;
	pid_t pid;
	int status;

	if (geteuid() != 0) {
		*uid = geteuid();
		*gid = getegid();
		return 0;
	}
	if ((pw = getpwnam(name)) == NULL) {
		log_info("creating the system user %s (%s)", name, what);
		pid = fork();
		if (pid == 0) {
			execlp("useradd", "useradd", "--system", "--user-group", "--no-create-home",
			    "--shell", "/usr/sbin/nologin", "--comment", what, name, (char *)NULL);
			_exit(127);
		}
		if (pid == -1 || waitpid(pid, &status, 0) == -1 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0 || (pw = getpwnam(name)) == NULL)
			return set_cause(cause, _("cannot create the system user %s (%s; rashin "
			    "runs nothing as root)"), name, what);
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	return 0;
}

int
pgembed_server_user(uid_t *uid, gid_t *gid, char **cause)
{
	return system_user(PGEMBED_USER, "rashin staff console", uid, gid, cause);
}

int
pgembed_cluster_user(uid_t *uid, gid_t *gid, char **cause)
{
	return system_user(PGEMBED_DB_USER, "rashin embedded PostgreSQL", uid, gid, cause);
}

int
pgembed_become_user(uid_t uid, gid_t gid)
{
	if (getuid() == uid && geteuid() == uid)
		return 0;
	if (setgroups(0, NULL) != 0 || setgid(gid) != 0 || setuid(uid) != 0)
		return -1;
	/* and no way back: a process that could become root again has dropped nothing */
	if (uid != 0 && (setuid(0) == 0 || seteuid(0) == 0 || setgid(0) == 0 ||
	    getuid() != uid || geteuid() != uid || getgid() != gid || getegid() != gid))
		return -1;
	return 0;
}

int
pgembed_become(uid_t uid, gid_t gid)
{
	if (getuid() == uid)
		return 0;
	if (pgembed_become_user(uid, gid) != 0)
		return -1;
	/* the caller's directory may be out of the new user's reach (root's 0700 home) */
	return chdir("/");
}

int
pgembed_mkdir_owned(const char *path, mode_t mode, uid_t uid, gid_t gid, char **cause)
{
	struct stat st;

	if (mkdir(path, mode) != 0 && errno != EEXIST)
		return set_cause(cause, "%s: %s", path, strerror(errno));
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		return set_cause(cause, _("%s: not a directory"), path);
	if (geteuid() == 0 && (st.st_uid != uid || st.st_gid != gid) && chown(path, uid, gid) != 0)
		return set_cause(cause, _("%s: chown: %s"), path, strerror(errno));
	if ((st.st_mode & 07777) != mode && chmod(path, mode) != 0)
		return set_cause(cause, _("%s: chmod: %s"), path, strerror(errno));
	return 0;
}

/* May uid:gid access path with mode (checked in a child that becomes them)? */
int
pgembed_reaches(uid_t uid, gid_t gid, const char *path, int mode)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		_exit(pgembed_become(uid, gid) == 0 && access(path, mode) == 0 ? 0 : 1);
	return pid != -1 && waitpid(pid, &status, 0) != -1 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0;
}

/*
 * name in data_dir (pg, run) is to be a symbolic link to target; one already there is
 * kept. A real directory there is a cluster made before the server user lost its way
 * to it: say so rather than start a second one.
 */
static int
link_into(const char *dir, const char *name, const char *target, char **cause)
{
	char *link = xasprintf("%s/%s", dir, name), buf[PATH_MAX];
	struct stat st;
	ssize_t n;
	int rc = 0;

	if (lstat(link, &st) == 0 && S_ISLNK(st.st_mode)) {
		n = readlink(link, buf, sizeof buf - 1);
		if (n >= 0 && (buf[n] = '\0', strcmp(buf, target) == 0))
			goto out;
		if (unlink(link) != 0) {
			rc = set_cause(cause, "%s: %s", link, strerror(errno));
			goto out;
		}
	} else if (lstat(link, &st) == 0) {
		rc = set_cause(cause, _("%s: the cluster's user %s cannot reach it (a parent "
		    "directory is not searchable); move it to a directory it can reach, or set "
		    "database.data_dir"), link, PGEMBED_DB_USER);
		goto out;
	}
	if (symlink(target, link) != 0)
		rc = set_cause(cause, _("%s: symlink: %s"), link, strerror(errno));
out:
	free(link);
	return rc;
}

/*
 * The default backup repository (backup.repo_path = data_dir/backup) is as far out of the
 * server user's reach as the cluster was, and the cluster would archive nothing: it goes
 * beside the cluster, HOME/backup, and data_dir/backup links there. A real directory left
 * there by an earlier start holds at most rashin's empty record directories: those go;
 * anything else stays, with a warning (archiving then says why it cannot).
 */
static void
relocate_repo(const struct config *cfg, const struct pgembed *pg, const char *real)
{
	char *dflt = xasprintf("%s/backup", cfg->data_dir);
	char *repo = NULL, *old = NULL, *cause = NULL;

	if (strcmp(cfg->backup_repo_path, dflt) != 0)
		goto out;
	repo = xasprintf("%s/backup", pg->data_dir);
	if (pgembed_mkdir_owned(repo, 0750, pg->uid, pg->gid, &cause) != 0)
		goto warn;
	old = xasprintf("%s/backup/rashin/%s", real, cfg->backup_stanza);
	(void)rmdir(old);
	old[strlen(old) - strlen(cfg->backup_stanza) - 1] = '\0';
	(void)rmdir(old);
	old[strlen(old) - strlen("/rashin")] = '\0';
	(void)rmdir(old);
	if (link_into(real, "backup", repo, &cause) != 0)
		goto warn;
	log_info("the backup repository (backup.repo_path %s) is %s, beside the cluster; "
	    "%s/backup links there", cfg->backup_repo_path, repo, real);
	goto out;
warn:
	log_warn("the backup repository cannot go beside the cluster: %s (or set "
	    "backup.repo_path)", cause);
out:
	free(cause);
	free(old);
	free(repo);
	free(dflt);
}

/*
 * As root with a data_dir the server user cannot reach (a clone in /root, mode 0700):
 * the cluster, its sockets and the pooler's files go to
 * database.server_dir/embedded-HASH (one per data_dir), and data_dir/pg and data_dir/run
 * become links to them, so whatever looks for them in data_dir finds them.
 */
int
pgembed_relocate(const struct config *cfg, struct pgembed *pg, const char *real, char **cause)
{
	uint32_t h = 2166136261u;	/* FNV-1a of the data_dir: one home per clone */
	const char *p;
	char *base;
	int rc = -1;

	for (p = real; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	base = xasprintf("%s/embedded-%08x", cfg->server_dir, (unsigned)h);
	/* 0711 when the sessions' user is another: it passes through to base/run, lists
	 * nothing, and the cluster's files keep their own modes (0700, 0600) */
	if (mkdir_p(cfg->server_dir, 0755, cause) != 0 ||
	    pgembed_mkdir_owned(base, pg->svc_uid != pg->uid ? 0711 : 0700, pg->uid, pg->gid,
	    cause) != 0)
		goto out;
	if (!pgembed_reaches(pg->uid, pg->gid, base, W_OK | X_OK)) {
		set_cause(cause, _("the cluster's user %s can reach neither %s nor %s (a parent "
		    "directory is not searchable); set database.data_dir or database.server_dir "
		    "to a directory it can reach"), PGEMBED_DB_USER, real, base);
		goto out;
	}
	free(pg->data_dir);
	free(pg->pgdata);
	free(pg->sockdir);
	free(pg->logfile);
	pg->data_dir = base;
	pg->pgdata = xasprintf("%s/pg", base);
	pg->sockdir = xasprintf("%s/run", base);
	pg->logfile = xasprintf("%s/pg.log", base);
	base = NULL;
	if (link_into(real, "pg", pg->pgdata, cause) != 0 ||
	    link_into(real, "run", pg->sockdir, cause) != 0)
		goto out;
	pg->relocated = 1;
	log_info("%s is not reachable by the system user %s: the embedded PostgreSQL lives in %s",
	    real, PGEMBED_DB_USER, pg->data_dir);
	relocate_repo(cfg, pg, real);
	rc = 0;
out:
	free(base);
	return rc;
}

/* A log file the server user appends to (made mode 0600 if missing). */
int
pgembed_make_log(const char *path, uid_t uid, gid_t gid, char **cause)
{
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);

	if (fd == -1 || (geteuid() == 0 && fchown(fd, uid, gid) != 0)) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int
pgembed_write_owned(const char *path, const char *text, mode_t mode, uid_t uid, gid_t gid,
    char **cause)
{
	char *tmp = xasprintf("%s.new", path);
	size_t len = strlen(text);
	int fd, rc = -1;

	(void)unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
	if (fd == -1) {
		set_cause(cause, "%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write(fd, text, len) != (ssize_t)len || (geteuid() == 0 && fchown(fd, uid, gid) != 0)) {
		set_cause(cause, "%s: %s", tmp, strerror(errno));
		close(fd);
		goto out;
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	rc = 0;
out:
	free(tmp);
	return rc;
}

/*
 * Re-owning a cluster made before the cluster had a user of its own (rashin-db): it and
 * everything of its servers belonged to the service user rashin, which the sessions run
 * as. nftw's callback takes no argument: the walk's state is here (one walk at a time,
 * in the one thread that starts the cluster).
 */
static struct {
	uid_t	 from_uid, to_uid;
	gid_t	 from_gid, to_gid;
	long	 n;
	char	*cause;
} reown;

static int
reown_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)ftw;
	if (flag == FTW_NS || st->st_uid != reown.from_uid)
		return 0;
	if (lchown(path, reown.to_uid, st->st_gid == reown.from_gid ? reown.to_gid :
	    (gid_t)-1) != 0) {
		reown.cause = xasprintf("%s: chown: %s", path, strerror(errno));
		return 1;
	}
	reown.n++;
	return 0;
}

/* What of a cluster's home is its servers': the cluster, its sockets, logs, the pooler's
 * and pgBackRest's files, the default repository, clusters kept by a restore, a verify's
 * scratch. Anything else there (root's keys and auth.secret, a log) is left alone. */
static int
servers_file(const char *name)
{
	static const char *const exact[] = { "pg", "run", "pg.log", "pgbouncer.ini",
	    "pgbouncer.users", "pgbouncer.log", "pgbackrest.conf", "pgbackrest-log", "backup",
	    NULL };
	size_t i;

	for (i = 0; exact[i] != NULL; i++)
		if (strcmp(name, exact[i]) == 0)
			return 1;
	return strncmp(name, "pg.before-restore-", 18) == 0 || strncmp(name, "verify.", 7) == 0;
}

static int
reown_tree(const char *path)
{
	return nftw(path, reown_one, 32, FTW_PHYS) == 0 ? 0 : -1;
}

/*
 * As root, a cluster in pg->data_dir that the service user owns (made by an earlier rashin,
 * when one user ran the servers and the sessions) goes to the cluster user, with the
 * backup repository (when it is elsewhere) and everything of its servers, keeping every
 * byte: only the owner of what the service user owned changes. Said in the log.
 */
static int
reown_cluster(const struct config *cfg, struct pgembed *pg, char **cause)
{
	char *path, repo[PATH_MAX], home[PATH_MAX];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int rc = 0;

	if (geteuid() != 0 || pg->svc_uid == pg->uid || stat(pg->pgdata, &st) != 0 ||
	    st.st_uid != pg->svc_uid)
		return 0;
	/* not under a server that runs on it (the start then refuses, saying whose it is) */
	if (postmaster_pid(pg->pgdata) > 0)
		return 0;
	if (realpath(pg->data_dir, home) == NULL || (d = opendir(home)) == NULL)
		return set_cause(cause, "%s: %s", pg->data_dir, strerror(errno));
	reown.from_uid = pg->svc_uid;
	reown.from_gid = pg->svc_gid;
	reown.to_uid = pg->uid;
	reown.to_gid = pg->gid;
	reown.n = 0;
	reown.cause = NULL;
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (!servers_file(e->d_name))
			continue;
		path = xasprintf("%s/%s", home, e->d_name);
		rc = reown_tree(path);
		free(path);
	}
	closedir(d);
	/* a repository of its own (backup.repo_path) outside the home */
	if (rc == 0 && realpath(cfg->backup_repo_path, repo) != NULL &&
	    !(strncmp(repo, home, strlen(home)) == 0 && (repo[strlen(home)] == '/' ||
	    repo[strlen(home)] == '\0')))
		rc = reown_tree(repo);
	if (rc != 0) {
		rc = set_cause(cause, _("re-owning the cluster in %s to %s: %s"), home,
		    PGEMBED_DB_USER, reown.cause != NULL ? reown.cause : strerror(errno));
		free(reown.cause);
		return rc;
	}
	log_info("the embedded PostgreSQL in %s belonged to %s, the user the SSH sessions run "
	    "as: %ld files and directories (the cluster, its WAL, the backup repository, the "
	    "pooler's files and logs) now belong to %s, which only the database servers run "
	    "as, so that a session cannot read them around row-level security; the data is "
	    "unchanged", home, PGEMBED_USER, reown.n, PGEMBED_DB_USER);
	return 0;
}

int
pgembed_home_setup(const struct config *cfg, struct pgembed *pg, const char *real,
    char **cause)
{
	int two;

	if (pgembed_cluster_user(&pg->uid, &pg->gid, cause) != 0 ||
	    pgembed_server_user(&pg->svc_uid, &pg->svc_gid, cause) != 0)
		return -1;
	two = geteuid() == 0 && pg->svc_uid != pg->uid;
	/* root's clone in a 0700 home: the cluster goes where the cluster user can reach it */
	if (geteuid() == 0 && !pgembed_reaches(pg->uid, pg->gid, real, X_OK) &&
	    pgembed_relocate(cfg, pg, real, cause) != 0)
		return -1;
	if (strlen(pg->sockdir) > 80)
		return set_cause(cause, _("%s: too long for a Unix socket path; set "
		    "database.data_dir to a shorter directory"), pg->sockdir);
	if (reown_cluster(cfg, pg, cause) != 0)
		return -1;
	/* the sockets' directory is the gate: the cluster user's, and the sessions' group
	 * may pass (0750); nobody else reaches the sockets (0777 inside it) */
	if (pgembed_mkdir_owned(pg->sockdir, two ? 0750 : 0700, pg->uid,
	    two ? pg->svc_gid : pg->gid, cause) != 0 ||
	    pgembed_make_log(pg->logfile, pg->uid, pg->gid, cause) != 0)
		return -1;
	if (geteuid() == 0 && !pgembed_reaches(pg->uid, pg->gid, pg->sockdir, W_OK | X_OK))
		return set_cause(cause, _("the cluster's user %s cannot reach %s (a parent directory "
		    "is not searchable); set database.data_dir to a directory it can reach"),
		    PGEMBED_DB_USER, pg->sockdir);
	if (two && !pgembed_reaches(pg->svc_uid, pg->svc_gid, pg->sockdir, X_OK))
		log_warn("the service user %s cannot reach %s (a parent directory is not "
		    "searchable): SSH sessions will not reach the database; set "
		    "database.data_dir to a directory it can reach", PGEMBED_USER, pg->sockdir);
	return 0;
}
