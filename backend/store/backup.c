/*
 * backup — pgBackRest for the embedded cluster (or a DBA's stanza): its configuration, the
 * archive_command, the stanza, `rashin backup` and `backup list` (backup.h). Restoring
 * and proving a restore are in backup_check.c.
 */
#include "backend/store/backup.h"
#include "backend/store/backup_ctx.h"
#include "backend/store/backup_record.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <limits.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/lib/text.h"
#include "backend/lib/util.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_home.h"

char *
backup_archive_command(const struct config *cfg, const struct pgembed *pg)
{
	struct bctx b;
	char *cause = NULL, *cmd;

	if (strcmp(cfg->backup_archive, "off") == 0 || cfg->backup_config[0] != '\0' ||
	    cfg->conninfo[0] != '\0')
		return NULL;
	if (bctx_open(cfg, &b, &cause) != 0) {
		log_warn("WAL is not archived: %s", cause);
		free(cause);
		return NULL;
	}
	if (strcmp(b.home, pg->data_dir) != 0)
		log_warn("pgBackRest's home %s is not the cluster's %s", b.home, pg->data_dir);
	cmd = xasprintf("%s --config=%s --stanza=%s archive-push %%p", b.bin, b.conf, b.stanza);
	bctx_free(&b);
	return cmd;
}

void
backup_stanza_ensure(const struct config *cfg, const struct pgembed *pg)
{
	static const char *const args[] = { "stanza-create", NULL };
	struct bctx b;
	char *cause = NULL, *info;

	(void)pg;
	if (bctx_open(cfg, &b, &cause) != 0) {
		log_warn("pgBackRest: %s", cause);
		free(cause);
		return;
	}
	info = xasprintf("%s/archive/%s/archive.info", b.repo, b.stanza);
	if (access(info, F_OK) != 0) {
		if (bctx_must(&b, args, &cause) != 0) {
			log_warn("WAL cannot be archived until the stanza exists: %s", cause);
			free(cause);
		} else
			log_info("pgBackRest stanza %s made in %s", b.stanza, b.repo);
	}
	free(info);
	bctx_free(&b);
}

int
backup_info(const struct config *cfg, struct backup_info *bi, char **cause)
{
	struct bctx b;
	int rc;

	memset(bi, 0, sizeof *bi);
	if (bctx_open(cfg, &b, cause) != 0)
		return -1;
	rc = bctx_info(&b, bi, cause);
	bctx_free(&b);
	return rc;
}

void
backup_info_free(struct backup_info *bi)
{
	free(bi->sets);
	memset(bi, 0, sizeof *bi);
}

/* The newest full set's index, or -1. */
static int
newest_full(const struct backup_info *bi)
{
	int i;

	for (i = bi->n - 1; i >= 0; i--)
		if (strcmp(bi->sets[i].type, "full") == 0)
			return i;
	return -1;
}

/* Full sets older than retention_days, but the newest full: expired (with what needs them). */
static int
expire_by_age(const struct config *cfg, const struct bctx *b, FILE *out, char **cause)
{
	struct backup_info bi;
	time_t now = time(NULL), t;
	int i, keep, rc = 0;

	if (cfg->backup_retention_days == 0 || !b->own)
		return 0;
	if (bctx_info(b, &bi, cause) != 0)
		return -1;
	keep = newest_full(&bi);
	for (i = 0; i < bi.n && rc == 0; i++) {
		char *set;
		const char *args[3];

		if (i == keep || strcmp(bi.sets[i].type, "full") != 0 ||
		    (t = backup_label_time(bi.sets[i].label)) == -1 ||
		    now - t <= (time_t)cfg->backup_retention_days * 86400)
			continue;
		set = xasprintf("--set=%s", bi.sets[i].label);
		args[0] = "expire";
		args[1] = set;
		args[2] = NULL;
		rc = bctx_must(b, args, cause);
		if (rc == 0 && out != NULL)
			fprintf(out, _("expired %s: older than %d days (backup.retention_days)\n"),
			    bi.sets[i].label, cfg->backup_retention_days);
		free(set);
	}
	backup_info_free(&bi);
	return rc;
}

/* Records whose backup set is gone (expired) are removed. */
static void
prune_records(const struct bctx *b)
{
	struct backup_info bi;
	char *cause = NULL, *path, *label;
	DIR *d;
	struct dirent *e;
	int i, found;

	if (bctx_info(b, &bi, &cause) != 0) {
		free(cause);
		return;
	}
	if ((d = opendir(b->records)) != NULL) {
		while ((e = readdir(d)) != NULL) {
			size_t len = strlen(e->d_name);

			if (len < 8 || strcmp(e->d_name + len - 7, ".counts") != 0)
				continue;
			label = xstrndup(e->d_name, len - 7);
			for (found = 0, i = 0; i < bi.n && !found; i++)
				found = strcmp(bi.sets[i].label, label) == 0;
			if (!found) {
				path = xasprintf("%s/%s", b->records, e->d_name);
				(void)unlink(path);
				free(path);
			}
			free(label);
		}
		closedir(d);
	}
	backup_info_free(&bi);
}

int
backup_run(const struct config *cfg, const char *owner_conninfo, int full, FILE *out,
    char **cause)
{
	static const char *const create[] = { "stanza-create", NULL };
	static const char *const check[] = { "check", NULL };
	struct bctx b;
	struct backup_info bi;
	const char *type = "full";
	const char *args[3];
	char *arg = NULL, *why = NULL;
	long long t0;
	int nf, rc = -1;
	time_t t;

	memset(&bi, 0, sizeof bi);
	if (bctx_open(cfg, &b, cause) != 0)
		return -1;
	if (b.own && bctx_must(&b, create, cause) != 0)
		goto out;
	if (bctx_info(&b, &bi, cause) != 0)
		goto out;
	nf = newest_full(&bi);
	if (full)
		why = xstrdup("--full");
	else if (nf < 0)
		why = xstrdup(_("no full backup yet"));
	else if ((t = backup_label_time(bi.sets[nf].label)) != -1 &&
	    time(NULL) - t > (time_t)cfg->backup_full_days * 86400)
		why = xasprintf(_("the last full one is over %d days old (backup.full_days)"),
		    cfg->backup_full_days);
	else
		type = "incr";
	backup_info_free(&bi);
	arg = xasprintf("--type=%s", type);
	args[0] = "backup";
	args[1] = arg;
	args[2] = NULL;
	if (out != NULL)
		fprintf(out, _("%s backup of stanza %s%s%s%s ...\n"), type, b.stanza,
		    why != NULL ? " (" : "", why != NULL ? why : "", why != NULL ? ")" : "");
	fflush(out);
	t0 = now_ms();
	if (bctx_must(&b, args, cause) != 0)
		goto out;
	if (bctx_info(&b, &bi, cause) != 0)
		goto out;
	if (bi.n == 0) {
		set_cause(cause, _("pgbackrest backup ended but lists no backup"));
		goto out;
	}
	/* the record, then its restore point archived (check switches the WAL and waits) */
	if (backup_record(&b, owner_conninfo, bi.sets[bi.n - 1].label, cause) != 0 ||
	    bctx_must(&b, check, cause) != 0)
		goto out;
	if (out != NULL)
		fprintf(out, _("backup %s (%s) done in %.1f s: database %s, %s in the repository "
		    "(WAL %s to %s)\n"), bi.sets[bi.n - 1].label, bi.sets[bi.n - 1].type,
		    (double)(now_ms() - t0) / 1000.0, bi.sets[bi.n - 1].db_size,
		    bi.sets[bi.n - 1].repo_size, bi.sets[bi.n - 1].wal_start,
		    bi.sets[bi.n - 1].wal_stop);
	if (expire_by_age(cfg, &b, out, cause) != 0)
		goto out;
	prune_records(&b);
	rc = 0;
out:
	free(arg);
	free(why);
	backup_info_free(&bi);
	bctx_free(&b);
	return rc;
}

/* backup list's header, each heading padded to its column by display width. */
static void
list_header(FILE *out)
{
	static const char *const head[] = { N_("LABEL"), N_("TYPE"), N_("STARTED"),
	    N_("ENDED"), N_("DATABASE"), N_("BACKUP"), N_("WAL"), N_("RECORD") };
	static const int cols[] = { 37, 5, 23, 23, 10, 10, 25, 0 };
	size_t i;

	for (i = 0; i < nitems(head); i++) {
		char *c = cols[i] > 0 ? text_cell(_(head[i]), cols[i], TEXT_LEFT) :
		    text_sanitize(_(head[i]));

		fputs(c, out);
		free(c);
	}
	fputc('\n', out);
}

int
backup_list(const struct config *cfg, FILE *out, char **cause)
{
	struct bctx b;
	struct backup_info bi;
	int i;

	if (bctx_open(cfg, &b, cause) != 0)
		return -1;
	if (bctx_info(&b, &bi, cause) != 0) {
		bctx_free(&b);
		return -1;
	}
	fprintf(out, _("stanza %s (%s): %s\n"), b.stanza, b.conf, bi.status);
	if (bi.wal_min[0] != '\0')
		fprintf(out, _("WAL archive %s to %s\n"), bi.wal_min, bi.wal_max);
	if (bi.n == 0)
		fprintf(out, _("no backups yet: rashin backup\n"));
	else
		list_header(out);
	for (i = 0; i < bi.n; i++) {
		const struct backup_set *s = &bi.sets[i];
		char *rec = xasprintf("%s/%s.counts", b.records, s->label);

		fprintf(out, "%-36s %-4s %-22s %-22s %-9s %-9s %s-%s %s\n", s->label, s->type,
		    s->start, s->stop, s->db_size, s->repo_size, s->wal_start,
		    s->wal_stop + (strlen(s->wal_stop) > 16 ? 16 : 0),
		    access(rec, R_OK) == 0 ? _("rows counted") : _("none"));
		free(rec);
	}
	if (bi.n > 0)
		fprintf(out, _("point-in-time restore: from %s (the oldest backup's end) to the "
		    "newest archived WAL (%s)\n"), bi.sets[0].stop, bi.wal_max);
	backup_info_free(&bi);
	bctx_free(&b);
	return 0;
}
