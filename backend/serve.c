/*
 * serve — `rashin serve`: the SSH server's hooks wired to the database and to the console
 * and command layer. Each hook opens its own short-lived connection in the process it runs
 * in, so the listener holds no database state and a forked child never shares a socket.
 */
#include "backend/serve.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/auth.h"
#include "backend/cmd.h"
#include "backend/config.h"
#include "backend/db.h"
#include "backend/i18n.h"
#include "backend/identity.h"
#include "backend/log.h"
#include "backend/sshd.h"
#include "backend/util.h"
#include "screens/console.h"

struct serve {
	struct config	*cfg;
};

static int
serve_authorize(void *arg, const char *user, const char *key_type, const char *key_b64,
    const char *fingerprint, struct identity *id, char **cause)
{
	struct serve *sv = arg;
	struct db *db;
	char source[sizeof id->source];
	int rc;

	(void)fingerprint;
	snprintf(source, sizeof source, "%s", id->source);
	if ((db = db_open(sv->cfg->conninfo, cause)) == NULL)
		return -1;
	rc = auth_key(db, user, key_type, key_b64, id, cause);
	db_close(db);
	snprintf(id->source, sizeof id->source, "%s", source);
	return rc;
}

static void
serve_audit(void *arg, const char *event, const char *user, const char *source,
    const char *fingerprint, const char *reason)
{
	struct serve *sv = arg;
	struct identity id;
	struct db *db;
	char *cause = NULL;
	const char *action = strcmp(event, "login") == 0 ? "LOGIN" :
	    strcmp(event, "logout") == 0 ? "LOGOUT" : "LOGIN_FAILED";

	if ((db = db_open(sv->cfg->conninfo, &cause)) == NULL) {
		log_warn("audit of %s for %s not recorded: %s", event, user, cause);
		free(cause);
		return;
	}
	/* the event carries the member's id when the login names an active member */
	if (strcmp(action, "LOGIN_FAILED") != 0 && auth_login(db, user, &id, NULL) == 0)
		db_set_staff(db, id.staff_id);
	if (auth_event(db, action, user, source, fingerprint, reason) != 0)
		log_warn("audit of %s for %s not recorded", event, user);
	db_close(db);
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
	    sv->cfg->vdi_max_days };
	struct db *db;
	char *cause = NULL;
	int rc;

	serve_language(sv, id);
	snprintf(id->lang, sizeof id->lang, "%s", i18n_lang());
	/* a database that is down now is retried by the console, which keeps running */
	if ((db = db_open(sv->cfg->conninfo, &cause)) == NULL) {
		printf("rashin: %s\r\n", cause);
		free(cause);
		return 1;
	}
	db_set_staff(db, id->staff_id);
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
	memset(&ctx, 0, sizeof ctx);
	ctx.cfg = sv->cfg;
	ctx.id = id;
	ctx.in = stdin;
	ctx.out = stdout;
	ctx.err = stderr;
	if (argc > 0 && (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "version") == 0))
		return cmd_run(&ctx, argc, argv);
	if ((db = db_open(sv->cfg->conninfo, &cause)) == NULL) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		return CMD_FAIL;
	}
	db_set_staff(db, id->staff_id);
	ctx.db = db;
	rc = cmd_run(&ctx, argc, argv);
	fflush(stdout);
	db_close(db);
	return rc;
}

static void
serve_child_init(void *arg)
{
	(void)arg;
	signal(SIGPIPE, SIG_IGN);
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
	cfg->color = fresh.color;
	if (log_open(fresh.log_dest, fresh.log_level, cause) != 0) {
		config_free(&fresh);
		return -1;
	}
	config_free(&fresh);
	log_info("configuration reloaded from %s", cfg->path);
	return 0;
}

int
serve_run(struct config *cfg, char **cause)
{
	static const struct sshd_hooks hooks = {
		.authorize = serve_authorize,
		.console = serve_console,
		.command = serve_command,
		.audit = serve_audit,
		.child_init = serve_child_init,
		.reload = serve_reload,
	};
	struct serve sv = { .cfg = cfg };

	return sshd_run(cfg, &hooks, &sv, cause);
}
