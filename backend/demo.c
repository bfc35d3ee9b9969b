/*
 * demo — one command from a fresh clone to a console a person can ssh into.
 */
#include "backend/demo.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/store/migrate.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_keep.h"
#include "backend/store/seed.h"
#include "backend/serve.h"
#include "backend/lib/sshkeys.h"
#include "backend/lib/util.h"

static const char *const demo_logins[] = { "admin", "lead", "trainer", "auditor" };

/* Hold DATA_DIR/rashin.lock for the life of the demo; -1 if another demo holds it. */
static int
demo_lock(const struct config *cfg, int *fdp, char **cause)
{
	char *path = xasprintf("%s/rashin.lock", cfg->data_dir), buf[32];
	int fd, n;

	if (mkdir_p(cfg->data_dir, 0755, cause) != 0) {
		free(path);
		return -1;
	}
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (fd == -1) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		n = (int)read(fd, buf, sizeof buf - 1);
		buf[n > 0 ? n : 0] = '\0';
		chomp(buf);
		set_cause(cause, _("rashin demo is already running on %s (pid %s); stop it first "
		    "(Ctrl-C in its terminal)"), cfg->data_dir, buf[0] ? buf : "?");
		close(fd);
		free(path);
		return -1;
	}
	n = snprintf(buf, sizeof buf, "%ld\n", (long)getpid());
	if (ftruncate(fd, 0) != 0 || write(fd, buf, (size_t)n) != n)
		log_warn("%s: cannot record the pid", path);
	free(path);
	*fdp = fd;
	return 0;
}

/* Demo staff (first run), and a key pair per demo login under DATA_DIR/demo. */
static int
demo_seed(const struct config *cfg, const char *owner_conninfo, char **cause)
{
	struct seed *c = seed_open(owner_conninfo, cause);
	char *dir = NULL, *path = NULL, *demo_sql = NULL;
	struct sshkey_info ki;
	size_t i;
	int rc = -1;

	if (c == NULL)
		goto out;
	if (!seed_has_staff(c)) {
		demo_sql = xasprintf("%s/demo", cfg->sql_dir);
		if (migrate_apply_dir(owner_conninfo, demo_sql, cause) != 0)
			goto out;
		log_info("demo data loaded from %s", demo_sql);
	}
	dir = xasprintf("%s/demo", cfg->data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		set_cause(cause, "%s: %s", dir, strerror(errno));
		goto out;
	}
	for (i = 0; i < nitems(demo_logins); i++) {
		free(path);
		path = xasprintf("%s/%s_ed25519", dir, demo_logins[i]);
		if (access(path, R_OK) == 0)
			continue;
		if (sshkey_generate(path, demo_logins[i], &ki, cause) != 0)
			goto out;
		if (seed_key(c, demo_logins[i], &ki, "demo key", cause) != 0) {
			sshkey_info_free(&ki);
			goto out;
		}
		sshkey_info_free(&ki);
	}
	rc = 0;
out:
	free(dir);
	free(path);
	free(demo_sql);
	seed_close(c);
	return rc;
}

/* The SSH host key, made now (as the server would) so its fingerprint can be printed. */
static int
demo_host_key(const struct config *cfg, char fp[64], char **cause)
{
	struct sshkey_info ki;

	if (access(cfg->host_key, F_OK) != 0) {
		char *dir = xstrdup(cfg->host_key), *slash = strrchr(dir, '/');

		if (slash != NULL) {
			*slash = '\0';
			if (mkdir_p(dir, 0755, cause) != 0) {
				free(dir);
				return -1;
			}
		}
		free(dir);
		if (sshkey_generate(cfg->host_key, "rashin host key", &ki, cause) != 0)
			return -1;
		sshkey_info_free(&ki);
	}
	return sshkey_file_fingerprint(cfg->host_key, fp, cause);
}

int
demo_run(struct config *cfg, int argc, char **argv)
{
	struct pgembed pg;
	char *cause = NULL, *app = NULL, *owner = NULL, *hub = NULL, hostfp[64];
	int lockfd = -1, applied, rc = 1;
	size_t i;

	(void)argv;
	memset(&pg, 0, sizeof pg);
	if (argc != 1) {
		fputs(_("usage: rashin demo [-c FILE]\n"), stderr);
		return 2;
	}
	if (demo_lock(cfg, &lockfd, &cause) != 0)
		goto fail;
	if (cfg->conninfo[0] != '\0') {
		app = xstrdup(cfg->conninfo);
		owner = xstrdup(cfg->owner_conninfo[0] ? cfg->owner_conninfo : cfg->conninfo);
	} else {
		printf(_("starting the embedded PostgreSQL ...\n"));
		fflush(stdout);
		if (pgembed_start(cfg, &pg, &cause) != 0)
			goto fail;
		printf(_("cluster:  %s%s\n"), pg.pgdata, pg.relocated ? _(" (the system user rashin-db "
		    "cannot reach data_dir; its pg/ and run/ link here)") : "");
		pgembed_pool(cfg, &pg);
		app = pgembed_app_conninfo(&pg);
		owner = pgembed_conninfo(&pg, "postgres");
		hub = pgembed_conninfo(&pg, "rashin_app");
	}
	if (migrate_run(owner, cfg->sql_dir, NULL, &applied, &cause) != 0 ||
	    demo_seed(cfg, owner, &cause) != 0)
		goto fail;
	free(cfg->conninfo);
	cfg->conninfo = xstrdup(app);
	if (demo_host_key(cfg, hostfp, &cause) != 0)
		goto fail;
	/* as root: serve_run becomes rashin, and a keeper (rashin-db) will stop the cluster */
	if (pgembed_keeper(&pg, &cause) != 0)
		goto fail;
	printf(_("database: %s\n"), owner);
	printf(_("sessions: %s%s\n"), app, pg.pool_pid > 0 ? _(" (PgBouncer, session pooling)") : "");
	printf(_("host key: %s (ED25519)\n"), hostfp);
	printf(_("\nlog in with one of the demo roles:\n"));
	for (i = 0; i < nitems(demo_logins); i++)
		printf("  %-8s ssh -p %d -i %s/demo/%s_ed25519 %s@%s\n", demo_logins[i], cfg->port,
		    cfg->data_dir, demo_logins[i], demo_logins[i], cfg->listen);
	printf(_("\nCtrl-C stops the demo.\n"));
	fflush(stdout);
	rc = serve_run(cfg, hub, owner, pg.pool_pid > 0 ? cfg->pool_warm : 0, &cause) == 0 ? 0 : 1;
	if (rc != 0)
		goto fail;
	goto out;
fail:
	fprintf(stderr, "rashin: %s\n", cause);
	rc = 1;
out:
	free(cause);
	free(app);
	free(owner);
	free(hub);
	pgembed_stop(&pg);
	if (lockfd != -1)
		close(lockfd);
	return rc;
}
