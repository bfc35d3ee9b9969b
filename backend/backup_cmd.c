/*
 * backup_cmd — `rashin backup` and `rashin restore` (backup_cmd.h). A backup needs the
 * cluster running: the demo's or serve's when it runs (found by its socket), else the
 * embedded one started for the command (archiving, the stanza made) and stopped after.
 */
#include "backend/backup_cmd.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/backup.h"
#include "backend/store/backup_check.h"
#include "backend/store/pgembed.h"

static const char usage[] = N_(
    "usage: rashin backup [--full] | rashin backup list | rashin backup verify\n"
    "       rashin restore --to 'YYYY-MM-DD HH:MM:SS' | --latest [--into DIR] [--force]\n");

/* The owner conninfo of a server running on data_dir (the demo's, serve's), or NULL. */
static char *
running_owner(const struct config *cfg)
{
	char *sock = xasprintf("%s/run", cfg->data_dir), real[PATH_MAX], *ci = NULL;

	if (pgembed_ping(sock)) {
		if (realpath(sock, real) == NULL)
			snprintf(real, sizeof real, "%s", sock);
		ci = xasprintf("host=%s port=%d dbname=rashin user=postgres", real, PGEMBED_PORT);
	}
	free(sock);
	return ci;
}

static int
fail(char *cause)
{
	fprintf(stderr, "rashin: %s\n", cause);
	free(cause);
	return 1;
}

static int
run_backup(const struct config *cfg, int full)
{
	struct pgembed pg;
	char *owner = NULL, *cause = NULL;
	int rc;

	memset(&pg, 0, sizeof pg);
	if (cfg->conninfo[0] != '\0')
		owner = xstrdup(cfg->owner_conninfo[0] != '\0' ? cfg->owner_conninfo :
		    cfg->conninfo);
	else if ((owner = running_owner(cfg)) == NULL) {
		if (pgembed_start(cfg, &pg, &cause) != 0)
			return fail(cause);
		owner = pgembed_conninfo(&pg, "postgres");
	}
	rc = backup_run(cfg, owner, full, stdout, &cause);
	pgembed_stop(&pg);
	free(owner);
	return rc == 0 ? 0 : fail(cause);
}

/* "YYYY-MM-DD HH:MM:SS", optionally with fractions and a zone (+09, +09:00, UTC names no). */
static int
time_ok(const char *s)
{
	int y, mo, d, h, mi, sec, n = 0;

	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 ||
	    n != 19 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return 0;
	s += n;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			continue;
	if (*s == ' ')
		s++;
	if (*s == '+' || *s == '-')
		return strspn(s + 1, "0123456789:") == strlen(s + 1) && strlen(s + 1) >= 2 &&
		    strlen(s + 1) <= 5;
	return *s == '\0';
}

static int
run_restore(const struct config *cfg, int argc, char **argv)
{
	struct backup_restore_opts o;
	char *cause = NULL, *live = NULL;
	int i, latest = 0, rc;

	memset(&o, 0, sizeof o);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--to") == 0 && i + 1 < argc && o.to == NULL)
			o.to = argv[++i];
		else if (strcmp(argv[i], "--latest") == 0)
			latest = 1;
		else if (strcmp(argv[i], "--into") == 0 && i + 1 < argc && o.into == NULL)
			o.into = argv[++i];
		else if (strcmp(argv[i], "--force") == 0)
			o.force = 1;
		else {
			fprintf(stderr, _("rashin: restore: unexpected %s\n%s"), argv[i], _(usage));
			return 2;
		}
	}
	if ((o.to == NULL) == !latest) {
		fprintf(stderr, _("rashin: restore: give --to 'YYYY-MM-DD HH:MM:SS' or --latest\n%s"),
		    _(usage));
		return 2;
	}
	if (o.to != NULL && !time_ok(o.to)) {
		fprintf(stderr, _("rashin: restore: --to %s: not a time of the form "
		    "'YYYY-MM-DD HH:MM:SS'\n"), o.to);
		return 2;
	}
	if (o.into != NULL && o.force) {
		fprintf(stderr, _("rashin: restore: --force is for restoring over data_dir, not "
		    "--into\n"));
		return 2;
	}
	if (cfg->conninfo[0] == '\0')
		o.live_owner = live = running_owner(cfg);
	else if (o.into == NULL) {
		fprintf(stderr, _("rashin: restore: database.conninfo names a server rashin does not "
		    "run: restore with --into DIR, or with the DBA's pgBackRest on that server\n"));
		return 1;
	}
	rc = backup_restore(cfg, &o, stdout, &cause);
	free(live);
	if (rc < 0 || (rc == 1 && cause != NULL))
		return fail(cause);
	free(cause);
	return rc;
}

int
backup_cmd_main(const struct config *cfg, int argc, char **argv)
{
	char *cause = NULL;
	int rc;

	if (strcmp(argv[0], "restore") == 0)
		return run_restore(cfg, argc, argv);
	if (argc == 1)
		return run_backup(cfg, 0);
	if (argc == 2 && strcmp(argv[1], "--full") == 0)
		return run_backup(cfg, 1);
	if (argc == 2 && strcmp(argv[1], "list") == 0)
		return backup_list(cfg, stdout, &cause) == 0 ? 0 : fail(cause);
	if (argc == 2 && strcmp(argv[1], "verify") == 0) {
		rc = backup_verify(cfg, stdout, &cause);
		return rc >= 0 ? rc : fail(cause);
	}
	fputs(_(usage), stderr);
	return 2;
}
