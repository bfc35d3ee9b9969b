/*
 * backup_check — a backup restored and proved (backup.h): `backup verify` (the newest set
 * to its restore point in a scratch directory) and `rashin restore` (to a time or the end
 * of the archive, into a new data directory or over data_dir's stopped cluster). Each
 * restored cluster is started on a socket of its own, never the live one, and checked:
 * the audit chain, the migrations, and for verify every table's rows.
 */
#include "backend/store/backup_check.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/audit.h"
#include "backend/store/backup.h"
#include "backend/store/backup_ctx.h"
#include "backend/store/backup_record.h"
#include "backend/store/db.h"
#include "backend/store/migrate.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_home.h"

/* rm -rf path (a scratch directory of ours). */
static void
remove_tree(const char *path)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		execl("/bin/rm", "rm", "-rf", "--", path, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
			continue;
}

/* A fresh directory for the cluster's user: mkdtemp(parent/name.XXXXXX), mode 0700. */
static char *
scratch_dir(const struct bctx *b, const char *parent, const char *name, char **cause)
{
	char *t = xasprintf("%s/%s.XXXXXX", parent, name);

	if (mkdtemp(t) == NULL) {
		set_cause(cause, "%s: %s", t, strerror(errno));
		free(t);
		return NULL;
	}
	if (pgembed_mkdir_owned(t, 0700, b->uid, b->gid, cause) != 0) {
		remove_tree(t);
		free(t);
		return NULL;
	}
	return t;
}

struct restore_job {
	const char	*set;		/* --set, or NULL: pgBackRest chooses */
	const char	*type;		/* name, time, default */
	const char	*target;	/* for name and time */
	const char	*pgdata;	/* empty directory of the cluster's user */
	const char	*sockdir;	/* private */
	int		 archive;	/* archive after promotion (it becomes data_dir's) */
	double		 restore_s, recovery_s;
	struct pgembed	 pg;		/* while it runs */
	char		*owner;		/* its owner conninfo */
};

/* pgbackrest restore into job->pgdata, then started and waited for until promoted. */
static int
restore_start(const struct config *cfg, const struct bctx *b, struct restore_job *j,
    char **cause)
{
	const char *args[10];
	char *pgpath = xasprintf("--pg1-path=%s", j->pgdata), *set = NULL, *type, *target = NULL;
	char *arch = NULL;
	long long t0 = now_ms();
	int n = 0, i, rc = -1;

	type = xasprintf("--type=%s", j->type);
	args[n++] = "restore";
	args[n++] = pgpath;
	args[n++] = type;
	if (j->set != NULL)
		args[n++] = set = xasprintf("--set=%s", j->set);
	if (j->target != NULL) {
		args[n++] = target = xasprintf("--target=%s", j->target);
		args[n++] = "--target-action=promote";
	}
	if (!j->archive)
		args[n++] = "--archive-mode=off";
	args[n] = NULL;
	if (bctx_must(b, args, cause) != 0)
		goto out;
	j->restore_s = (double)(now_ms() - t0) / 1000.0;
	t0 = now_ms();
	if (j->archive)
		arch = xasprintf("%s --config=%s --stanza=%s archive-push %%p", b->bin, b->conf,
		    b->stanza);
	if (pgembed_start_at(cfg, &j->pg, j->pgdata, j->sockdir, arch, cause) != 0)
		goto out;
	j->owner = pgembed_conninfo(&j->pg, "postgres");
	for (i = 0; i < 6000; i++) {
		if (backup_promoted(j->owner)) {
			rc = 0;
			break;
		}
		if (pgembed_wait_pid(&j->pg)) {
			char *t = pgembed_log_tail(j->pg.logfile);

			set_cause(cause, _("the restored cluster stopped in recovery: %s"), t);
			free(t);
			break;
		}
		usleep(100 * 1000);
	}
	if (i == 6000)
		set_cause(cause, _("the restored cluster was still in recovery after 10 minutes "
		    "(log %s)"), j->pg.logfile);
	j->recovery_s = (double)(now_ms() - t0) / 1000.0;
out:
	free(pgpath);
	free(type);
	free(set);
	free(target);
	free(arch);
	return rc;
}

static void
restore_stop(struct restore_job *j)
{
	pgembed_stop(&j->pg);
	free(j->owner);
	j->owner = NULL;
}

/* The audit chain of the restored cluster: one line; 0 intact, 1 broken, -1 error. */
static int
check_audit(const char *owner, FILE *out, char **cause)
{
	struct audit_result r;
	struct db *db;
	int v;

	if ((db = db_open(owner, cause)) == NULL)
		return -1;
	v = audit_verify(db, &r, cause);
	db_close(db);
	if (v == 0)
		fprintf(out, _("audit chain intact: %lld entries checked, head %lld %s\n"), r.checked,
		    r.head_id, r.head_hash);
	else if (v == 1)
		fprintf(out, _("audit chain BROKEN at entry %lld (%s): %s\n"), r.bad_id, r.bad_at,
		    r.why);
	return v;
}

/* The migrations of the restored cluster against sql_dir: one line; 0 or 1. */
static int
check_migrations(const struct config *cfg, const char *owner, FILE *out)
{
	char *cause = NULL;
	int applied, pending, v = migrate_check(owner, cfg->sql_dir, &applied, &pending, &cause);

	if (v == 0 && pending == 0)
		fprintf(out, _("migrations: %d applied, none pending\n"), applied);
	else if (v == 0)
		fprintf(out, _("migrations: %d applied, %d pending (the backup is older than this "
		    "rashin: `rashin migrate` applies them when it runs on it)\n"), applied, pending);
	else
		fprintf(out, _("migrations: %s\n"), cause);
	free(cause);
	return v == 0 ? 0 : 1;
}

int
backup_verify(const struct config *cfg, FILE *out, char **cause)
{
	struct bctx b;
	struct backup_info bi;
	struct restore_job j;
	const struct backup_set *s;
	char *dir = NULL, *pgdata = NULL, *sock = NULL, *rp = NULL, *text = NULL, *why = NULL;
	int rc = -1, bad = 0, v, tables;

	memset(&j, 0, sizeof j);
	memset(&bi, 0, sizeof bi);
	if (bctx_open(cfg, &b, cause) != 0)
		return -1;
	if (bctx_info(&b, &bi, cause) != 0)
		goto out;
	if (bi.n == 0) {
		set_cause(cause, _("no backup to verify (stanza %s: %s): rashin backup"), b.stanza,
		    bi.status);
		goto out;
	}
	s = &bi.sets[bi.n - 1];
	fprintf(out, _("verifying backup %s (%s, ended %s) ...\n"), s->label, s->type, s->stop);
	fflush(out);
	if ((v = backup_record_read(&b, s->label, &rp, &text, cause)) < 0)
		goto out;
	if (v == 1) {
		fprintf(out, _("no row-count record for %s (%s/%s.counts): it was not made by "
		    "`rashin backup`; restoring to its end only\n"), s->label, b.records, s->label);
		bad++;
	}
	if ((dir = scratch_dir(&b, b.home, "verify", cause)) == NULL)
		goto out;
	pgdata = xasprintf("%s/pg", dir);
	sock = xasprintf("%s/run", dir);
	if (pgembed_mkdir_owned(pgdata, 0700, b.uid, b.gid, cause) != 0 ||
	    pgembed_mkdir_owned(sock, 0700, b.uid, b.gid, cause) != 0)
		goto out;
	j.set = s->label;
	j.type = rp != NULL ? "name" : "immediate";
	j.target = rp;
	j.pgdata = pgdata;
	j.sockdir = sock;
	if (restore_start(cfg, &b, &j, &why) != 0) {
		fprintf(out, _("restore FAILED: %s\n"), why);
		bad++;
	} else {
		fprintf(out, _("restored to %s in %.1f s (pgBackRest %.1f s, recovery %.1f s) into "
		    "%s\n"), rp != NULL ? rp : _("its end"), j.restore_s + j.recovery_s, j.restore_s,
		    j.recovery_s, dir);
		if ((v = check_audit(j.owner, out, &why)) != 0) {
			if (v < 0)
				fprintf(out, _("audit verify could not run: %s\n"), why);
			bad++;
		}
		if (text != NULL) {
			free(why);
			why = NULL;
			v = backup_record_compare(j.owner, text, out, &tables, &why);
			if (v == 0)
				fprintf(out, _("row counts: %d tables as recorded\n"), tables);
			else if (v == 1)
				fprintf(out, _("row counts: the tables above differ from the record\n"));
			else
				fprintf(out, _("row counts could not be taken: %s\n"), why);
			bad += v != 0;
		}
	}
	restore_stop(&j);
	fprintf(out, bad == 0 ? _("backup verify: OK (%s)\n") : _("backup verify: FAILED (%s)\n"),
	    s->label);
	rc = bad == 0 ? 0 : 1;
out:
	restore_stop(&j);
	if (dir != NULL)
		remove_tree(dir);
	free(dir);
	free(pgdata);
	free(sock);
	free(rp);
	free(text);
	free(why);
	backup_info_free(&bi);
	bctx_free(&b);
	return rc;
}

/* The pid in pgdata/postmaster.pid if that process lives, else 0. */
static long
postmaster_alive(const char *pgdata)
{
	char *path = xasprintf("%s/postmaster.pid", pgdata), *text = NULL;
	long pid = 0;

	if (read_file(path, &text, NULL, NULL) == 0) {
		pid = strtol(text, NULL, 10);
		if (pid <= 0 || (kill((pid_t)pid, 0) != 0 && errno != EPERM))
			pid = 0;
	}
	free(path);
	free(text);
	return pid;
}

/* Where the restore goes: into (made, empty) or data_dir's cluster (the old one moved
 * aside). *pgdata, *sock (private), *aside (NULL: none) allocated. 0, 1 refused, -1. */
static int
restore_place(const struct bctx *b, const struct backup_restore_opts *o, char **pgdata,
    char **sock, char **aside, char **cause)
{
	char stamp[32], real[4096];
	time_t now = time(NULL);
	long pid;

	*pgdata = *sock = *aside = NULL;
	if (o->into != NULL) {
		if (rmdir(o->into) != 0 && errno != ENOENT)
			return set_cause(cause, _("%s: not an empty directory (restore into a new one)"),
			    o->into), 1;
		if (mkdir_p(o->into, 0755, cause) != 0 || realpath(o->into, real) == NULL)
			return -1;
		*pgdata = xasprintf("%s/pg", real);
		*sock = xasprintf("%s/run", real);
		if (pgembed_mkdir_owned(*pgdata, 0700, b->uid, b->gid, cause) != 0 ||
		    pgembed_mkdir_owned(*sock, 0700, b->uid, b->gid, cause) != 0)
			return -1;
		if (geteuid() == 0 && !pgembed_reaches(b->uid, b->gid, *pgdata, W_OK | X_OK))
			return set_cause(cause, _("the system user %s cannot reach %s: restore into a "
			    "directory it can reach"), PGEMBED_DB_USER, o->into);
		return 0;
	}
	*pgdata = xasprintf("%s/pg", b->home);
	if (o->live_owner != NULL || (pid = postmaster_alive(*pgdata)) > 0)
		return set_cause(cause, _("a server is running on %s: stop it (rashin demo or serve; "
		    "systemctl stop rashin) before restoring over it, or restore into a new "
		    "directory with --into DIR"), *pgdata), 1;
	if (!o->force)
		return set_cause(cause, _("restoring over %s replaces data_dir's database: give "
		    "--force to do it (the cluster there now is kept beside it), or --into DIR"),
		    *pgdata), 1;
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", localtime(&now));
	if (access(*pgdata, F_OK) == 0) {
		*aside = xasprintf("%s.before-restore-%s", *pgdata, stamp);
		if (rename(*pgdata, *aside) != 0)
			return set_cause(cause, "%s: %s", *aside, strerror(errno));
	}
	if (pgembed_mkdir_owned(*pgdata, 0700, b->uid, b->gid, cause) != 0)
		return -1;
	if ((*sock = scratch_dir(b, b->home, "restore", cause)) == NULL)
		return -1;
	return 0;
}

int
backup_restore(const struct config *cfg, const struct backup_restore_opts *o, FILE *out,
    char **cause)
{
	static const char *const check[] = { "check", NULL };
	struct bctx b;
	struct restore_job j;
	char *pgdata = NULL, *sock = NULL, *aside = NULL, *why = NULL;
	int rc = -1, bad = 0, v;

	memset(&j, 0, sizeof j);
	if (bctx_open(cfg, &b, cause) != 0)
		return -1;
	if ((v = restore_place(&b, o, &pgdata, &sock, &aside, cause)) != 0) {
		rc = v;
		goto out;
	}
	/* a live server's newest WAL to the archive first: check switches it and waits */
	if (o->live_owner != NULL && bctx_must(&b, check, cause) != 0)
		goto undo;
	fprintf(out, _("restoring stanza %s to %s into %s ...\n"), b.stanza,
	    o->to != NULL ? o->to : _("the end of the archive"), pgdata);
	fflush(out);
	j.type = o->to != NULL ? "time" : "default";
	j.target = o->to;
	j.pgdata = pgdata;
	j.sockdir = sock;
	j.archive = o->into == NULL && b.own;
	if (restore_start(cfg, &b, &j, cause) != 0)
		goto undo;
	fprintf(out, _("restored in %.1f s (pgBackRest %.1f s, recovery %.1f s), started on %s\n"),
	    j.restore_s + j.recovery_s, j.restore_s, j.recovery_s, sock);
	bad += check_migrations(cfg, j.owner, out);
	if ((v = check_audit(j.owner, out, &why)) != 0) {
		if (v < 0)
			fprintf(out, _("audit verify could not run: %s\n"), why);
		bad++;
	}
	restore_stop(&j);
	if (o->into != NULL)
		fprintf(out, _("restore %s: %s (to run rashin on it: database.data_dir = \"%s\", with "
		    "backup.archive = \"off\" or a stanza of its own)\n"), bad ? _("FAILED") : _("OK"),
		    pgdata, o->into);
	else
		fprintf(out, _("restore %s: data_dir's cluster replaced%s%s; take a full backup once "
		    "it runs: rashin backup --full\n"), bad ? _("FAILED") : _("OK"),
		    aside != NULL ? _(", the one before kept in ") : "", aside != NULL ? aside : "");
	rc = bad ? 1 : 0;
	goto out;
undo:
	restore_stop(&j);
	if (aside != NULL) {
		remove_tree(pgdata);
		if (rename(aside, pgdata) == 0)
			fprintf(out, _("restore failed: %s put back\n"), pgdata);
	}
out:
	restore_stop(&j);
	if (o->into == NULL && sock != NULL)
		remove_tree(sock);
	free(pgdata);
	free(sock);
	free(aside);
	free(why);
	bctx_free(&b);
	return rc;
}
