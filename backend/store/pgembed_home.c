/*
 * pgembed_home — the embedded cluster's user and directories (pgembed_home.h).
 */
#include "backend/store/pgembed_home.h"

#include <errno.h>
#include <fcntl.h>
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
#include "backend/lib/log.h"
#include "backend/lib/util.h"
#include "backend/store/pgembed.h"

/* The uid/gid the server runs as: ourselves, or the system user when we are root. */
int
pgembed_server_user(uid_t *uid, gid_t *gid, char **cause)
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
		return set_cause(cause, "%s: not a directory", path);
	if (geteuid() == 0 && (st.st_uid != uid || st.st_gid != gid) && chown(path, uid, gid) != 0)
		return set_cause(cause, "%s: chown: %s", path, strerror(errno));
	if ((st.st_mode & 07777) != mode && chmod(path, mode) != 0)
		return set_cause(cause, "%s: chmod: %s", path, strerror(errno));
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
		rc = set_cause(cause, "%s: the PostgreSQL user %s cannot reach it (a parent "
		    "directory is not searchable); move it to a directory it can reach, or set "
		    "database.data_dir", link, PGEMBED_USER);
		goto out;
	}
	if (symlink(target, link) != 0)
		rc = set_cause(cause, "%s: symlink: %s", link, strerror(errno));
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
	if (mkdir_p(cfg->server_dir, 0755, cause) != 0 ||
	    pgembed_mkdir_owned(base, 0700, pg->uid, pg->gid, cause) != 0)
		goto out;
	if (!pgembed_reaches(pg->uid, pg->gid, base, W_OK | X_OK)) {
		set_cause(cause, "the PostgreSQL user %s can reach neither %s nor %s (a parent "
		    "directory is not searchable); set database.data_dir or database.server_dir "
		    "to a directory it can reach", PGEMBED_USER, real, base);
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
	    real, PGEMBED_USER, pg->data_dir);
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
