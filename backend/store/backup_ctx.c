/*
 * backup_ctx — where pgBackRest's files are and how it runs (backup.h): the configuration
 * rashin writes (or the DBA's), the repository and rashin's records beside it, pgbackrest
 * run as the cluster's user with its output read back, and `pgbackrest info` parsed.
 */
#include "backend/store/backup_ctx.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"
#include "backend/store/backup.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_home.h"

/* A path pgBackRest's ini and the archive_command (a shell line) take as they are. */
static int
path_ok(const char *path)
{
	const unsigned char *p;

	for (p = (const unsigned char *)path; *p != '\0'; p++)
		if (*p < ' ' || *p == 0x7f || strchr("'\"\\`$;&|<>*?", *p) != NULL)
			return 0;
	return path[0] == '/';
}

/* The cluster's home: data_dir, or where data_dir/pg links (database.server_dir). */
static char *
cluster_home(const char *real_data_dir)
{
	char *pg = xasprintf("%s/pg", real_data_dir), buf[PATH_MAX], *slash;
	struct stat st;

	if (lstat(pg, &st) == 0 && S_ISLNK(st.st_mode) && realpath(pg, buf) != NULL &&
	    (slash = strrchr(buf, '/')) != NULL && slash != buf) {
		*slash = '\0';
		free(pg);
		return xstrdup(buf);
	}
	free(pg);
	return xstrdup(real_data_dir);
}

void
bctx_free(struct bctx *b)
{
	free(b->bin);
	free(b->conf);
	free(b->repo);
	free(b->records);
	free(b->home);
	memset(b, 0, sizeof *b);
}

/* Write text to path by a rename, mode 0640, owned by uid:gid when we are root. */
int
bctx_write(const struct bctx *b, const char *path, const char *text, char **cause)
{
	return pgembed_write_owned(path, text, 0640, b->uid, b->gid, cause);
}

#define BACKUP_CONF \
    "# written by rashin (backend/store/backup_ctx.c) at each use: edits are lost; to use a\n" \
    "# configuration of your own, name it in rashin.conf's backup.config\n" \
    "[global]\n" \
    "repo1-path=%s\n" \
    "repo1-retention-full-type=count\n" \
    "repo1-retention-full=%d\n" \
    "compress-type=zst\n" \
    "start-fast=y\n" \
    "log-path=%s/pgbackrest-log\n" \
    "log-level-file=info\n" \
    "log-level-console=off\n" \
    "log-level-stderr=warn\n" \
    "lock-path=%s/pgbackrest-lock\n" \
    "spool-path=%s/pgbackrest-log\n" \
    "\n" \
    "[%s]\n" \
    "pg1-path=%s/pg\n" \
    "pg1-socket-path=%s/run\n" \
    "pg1-port=%d\n" \
    "pg1-user=postgres\n"

/* Make dir (and its parents) with the last one owned by uid:gid; its real path or NULL. */
static char *
owned_dir(const struct bctx *b, const char *dir, mode_t mode, char **cause)
{
	char real[PATH_MAX];

	if (mkdir_p(dir, 0755, cause) != 0 ||
	    pgembed_mkdir_owned(dir, mode, b->uid, b->gid, cause) != 0)
		return NULL;
	if (realpath(dir, real) == NULL) {
		set_cause(cause, "%s: %s", dir, strerror(errno));
		return NULL;
	}
	return xstrdup(real);
}

int
bctx_open(const struct config *cfg, struct bctx *b, char **cause)
{
	char real[PATH_MAX], *text = NULL, *dir = NULL;
	int rc = -1;

	memset(b, 0, sizeof *b);
	b->stanza = cfg->backup_stanza;
	if (cfg->backup_config[0] == '\0') {
		if (cfg->conninfo[0] != '\0')
			return set_cause(cause, _("database.conninfo names a server of its own: give "
			    "backup.config, the pgBackRest configuration of its stanza (README, "
			    "Backups)"));
		if (strcmp(cfg->backup_archive, "off") == 0)
			return set_cause(cause, _("backup.archive is off: set it to \"auto\" (then the "
			    "cluster archives its WAL from its next start)"));
		b->own = 1;
	}
	if (b->stanza[0] == '\0' || strspn(b->stanza, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != strlen(b->stanza))
		return set_cause(cause, _("backup.stanza must be letters, digits, '_', '-' or '.'"));
	b->bin = xstrdup(cfg->backup_bin);
	if (access(b->bin, X_OK) != 0) {
		set_cause(cause, _("pgBackRest %s: %s (install it: make deps, or apt-get install "
		    "pgbackrest; or set backup.pgbackrest)"), b->bin, strerror(errno));
		goto out;
	}
	if (pgembed_cluster_user(&b->uid, &b->gid, cause) != 0)
		goto out;
	if (mkdir_p(cfg->data_dir, 0755, cause) != 0)
		goto out;
	if (realpath(cfg->data_dir, real) == NULL) {
		set_cause(cause, "%s: %s", cfg->data_dir, strerror(errno));
		goto out;
	}
	b->home = cluster_home(real);
	if ((b->repo = owned_dir(b, cfg->backup_repo_path, 0750, cause)) == NULL)
		goto out;
	dir = xasprintf("%s/rashin", b->repo);
	if (pgembed_mkdir_owned(dir, 0750, b->uid, b->gid, cause) != 0)
		goto out;
	b->records = xasprintf("%s/%s", dir, b->stanza);
	if (pgembed_mkdir_owned(b->records, 0750, b->uid, b->gid, cause) != 0)
		goto out;
	if (!b->own) {
		b->conf = xstrdup(cfg->backup_config);
		rc = 0;
		goto out;
	}
	if (!path_ok(b->repo) || !path_ok(b->home)) {
		set_cause(cause, _("%s or %s: a quote, blank, backslash or shell character in the "
		    "path"), b->repo, b->home);
		goto out;
	}
	if (geteuid() == 0 && !pgembed_reaches(b->uid, b->gid, b->repo, W_OK | X_OK)) {
		set_cause(cause, _("the system user %s cannot reach the repository %s (a parent "
		    "directory is not searchable); set backup.repo_path to a directory it can "
		    "reach"), PGEMBED_DB_USER, b->repo);
		goto out;
	}
	free(dir);
	dir = xasprintf("%s/pgbackrest-log", b->home);
	if (pgembed_mkdir_owned(dir, 0700, b->uid, b->gid, cause) != 0)
		goto out;
	free(dir);
	/*
	 * Its own lock directory: the sockets' directory run is the cluster's gate, which the
	 * sessions' group may pass (pgembed_home.c); making it 0700 here shut the sessions
	 * out at the first stanza or backup.
	 */
	dir = xasprintf("%s/pgbackrest-lock", b->home);
	if (pgembed_mkdir_owned(dir, 0700, b->uid, b->gid, cause) != 0)
		goto out;
	b->conf = xasprintf("%s/pgbackrest.conf", b->home);
	text = xasprintf(BACKUP_CONF, b->repo, cfg->backup_retention_full, b->home, b->home,
	    b->home, b->stanza, b->home, b->home, PGEMBED_PORT);
	if (bctx_write(b, b->conf, text, cause) != 0)
		goto out;
	rc = 0;
out:
	free(text);
	free(dir);
	if (rc != 0)
		bctx_free(b);
	return rc;
}

/* Read what both pipes bring until both close; each into its buffer. */
static void
drain(int fd_out, int fd_err, char **out, char **err)
{
	struct pollfd p[2] = { { fd_out, POLLIN, 0 }, { fd_err, POLLIN, 0 } };
	char *buf[2] = { NULL, NULL }, chunk[4096];
	size_t len[2] = { 0, 0 };
	int open_n = 2, i;
	ssize_t r;

	while (open_n > 0) {
		if (poll(p, 2, -1) == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (i = 0; i < 2; i++) {
			if (p[i].fd == -1 || p[i].revents == 0)
				continue;
			r = read(p[i].fd, chunk, sizeof chunk);
			if (r <= 0) {
				if (r == -1 && errno == EINTR)
					continue;
				close(p[i].fd);
				p[i].fd = -1;
				open_n--;
				continue;
			}
			buf[i] = xreallocarray(buf[i], len[i] + (size_t)r + 1, 1);
			memcpy(buf[i] + len[i], chunk, (size_t)r);
			len[i] += (size_t)r;
			buf[i][len[i]] = '\0';
		}
	}
	*out = buf[0] != NULL ? buf[0] : xstrdup("");
	*err = buf[1] != NULL ? buf[1] : xstrdup("");
}

int
bctx_run(const struct bctx *b, const char *const args[], char **out, char **err)
{
	const char *argv[32];
	char *conf = xasprintf("--config=%s", b->conf), *stanza = xasprintf("--stanza=%s",
	    b->stanza);
	int po[2], pe[2], n = 0, i, status = -1;
	pid_t pid;

	argv[n++] = b->bin;
	argv[n++] = conf;
	argv[n++] = stanza;
	argv[n++] = "--log-level-console=off";
	argv[n++] = "--log-level-stderr=warn";
	for (i = 0; args[i] != NULL && n < 31; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	*out = *err = NULL;
	if (pipe2(po, O_CLOEXEC) != 0)
		goto fail;
	if (pipe2(pe, O_CLOEXEC) != 0) {
		close(po[0]);
		close(po[1]);
		goto fail;
	}
	log_debug("pgbackrest %s", args[0]);
	if ((pid = fork()) == 0) {
		int fd = open("/dev/null", O_RDONLY);

		if (fd != -1)
			dup2(fd, 0);
		dup2(po[1], 1);
		dup2(pe[1], 2);
		if (pgembed_become(b->uid, b->gid) != 0)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(po[1]);
	close(pe[1]);
	if (pid == -1) {
		close(po[0]);
		close(pe[0]);
		goto fail;
	}
	drain(po[0], pe[0], out, err);
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			status = -1;
			break;
		}
	free(conf);
	free(stanza);
	chomp(*err);
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
fail:
	free(conf);
	free(stanza);
	*out = xstrdup("");
	*err = xasprintf("%s: %s", b->bin, strerror(errno));
	return -1;
}

int
bctx_must(const struct bctx *b, const char *const args[], char **cause)
{
	char *out, *err, *p;
	int rc = bctx_run(b, args, &out, &err);

	if (rc != 0) {
		for (p = err; *p != '\0'; p++)
			if (*p == '\n')
				*p = ' ';
		set_cause(cause, _("pgbackrest %s failed (exit %d): %s"), args[0], rc,
		    err[0] != '\0' ? err : _("no message"));
	}
	free(out);
	free(err);
	return rc == 0 ? 0 : -1;
}

/* "key: A / B" or "key: A/B" after the key: the two halves. */
static void
two(const char *v, char *a, size_t an, char *bb, size_t bn)
{
	const char *sep = strstr(v, " / ");
	size_t skip = 3;

	if (sep == NULL) {
		sep = strchr(v, '/');
		skip = 1;
	}
	if (sep == NULL) {
		snprintf(a, an, "%s", v);
		return;
	}
	snprintf(a, an, "%.*s", (int)(sep - v), v);
	snprintf(bb, bn, "%s", sep + skip);
}

/* After "key: " in line, or NULL. */
static const char *
after(const char *line, const char *key)
{
	const char *p = strstr(line, key);

	return p == NULL ? NULL : p + strlen(key);
}

/* `pgbackrest info`'s text (stable since 2.x): the stanza's status, archive and sets. */
static void
parse_info(char *text, struct backup_info *bi)
{
	char *line, *save = NULL, *c;
	const char *v;
	struct backup_set *s = NULL;

	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		if ((v = after(line, "status: ")) != NULL && bi->status[0] == '\0')
			snprintf(bi->status, sizeof bi->status, "%s", v);
		else if ((v = after(line, "wal archive min/max (")) != NULL &&
		    (v = strstr(v, "): ")) != NULL)
			two(v + 3, bi->wal_min, sizeof bi->wal_min, bi->wal_max, sizeof bi->wal_max);
		else if ((v = after(line, " backup: ")) != NULL && strstr(line, "size") == NULL) {
			bi->sets = xreallocarray(bi->sets, (size_t)bi->n + 1, sizeof *bi->sets);
			s = &bi->sets[bi->n++];
			memset(s, 0, sizeof *s);
			snprintf(s->label, sizeof s->label, "%s", v);
			for (c = line; *c == ' '; c++)
				continue;
			snprintf(s->type, sizeof s->type, "%.*s", (int)strcspn(c, " "), c);
		} else if (s != NULL && (v = after(line, "timestamp start/stop: ")) != NULL)
			two(v, s->start, sizeof s->start, s->stop, sizeof s->stop);
		else if (s != NULL && (v = after(line, "wal start/stop: ")) != NULL)
			two(v, s->wal_start, sizeof s->wal_start, s->wal_stop, sizeof s->wal_stop);
		else if (s != NULL && (v = after(line, "database size: ")) != NULL)
			snprintf(s->db_size, sizeof s->db_size, "%.*s", (int)strcspn(v, ","), v);
		else if (s != NULL && strstr(line, "backup set size: ") != NULL &&
		    (v = strrchr(line, ':')) != NULL && strstr(v, "size") == NULL)
			snprintf(s->repo_size, sizeof s->repo_size, "%s", v + 2);
	}
}

int
bctx_info(const struct bctx *b, struct backup_info *bi, char **cause)
{
	static const char *const args[] = { "info", NULL };
	char *out, *err;
	int rc;

	memset(bi, 0, sizeof *bi);
	rc = bctx_run(b, args, &out, &err);
	if (rc != 0)
		set_cause(cause, _("pgbackrest info failed (exit %d): %s"), rc, err);
	else
		parse_info(out, bi);
	free(out);
	free(err);
	return rc == 0 ? 0 : -1;
}

/* The local time a label (YYYYMMDD-HHMMSSF...) names; -1 if it names none. */
time_t
backup_label_time(const char *label)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (sscanf(label, "%4d%2d%2d-%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
	    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	tm.tm_isdst = -1;
	return mktime(&tm);
}

