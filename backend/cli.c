/*
 * cli — argument handling and the operator's subcommands. The database a command uses is
 * the configured one, or the embedded cluster: reused when `rashin demo` already runs it,
 * started for the command's duration otherwise.
 */
#include "backend/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "backend/store/audit.h"
#include "backend/backup_cmd.h"
#include "backend/store/auth.h"
#include "backend/cmd/cmd.h"
#include "backend/lib/config.h"
#include "backend/store/db.h"
#include "backend/demo.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/log.h"
#include "backend/store/migrate.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_keep.h"
#include "backend/serve.h"
#include "backend/store/session.h"
#include "backend/lib/util.h"
#include "screens/console.h"

struct cli {
	struct config	 cfg;
	const char	*cfg_path;
	const char	*as;		/* --as LOGIN */
	struct pgembed	 pg;		/* when we started the embedded cluster */
	char		*conninfo;	/* application role */
	char		*owner_conninfo;
	char		*hub_conninfo;	/* application role, straight to the embedded
					   PostgreSQL; NULL: conninfo */
};

static const char usage_text[] = N_(
	"usage: rashin [-c FILE] COMMAND [ARGS]\n"
	"\n"
	"operator commands:\n"
	"  demo                 embedded PostgreSQL + demo data + SSH server on 127.0.0.1:2222\n"
	"  serve                the SSH server against the configured database\n"
	"  tui --as LOGIN       the console in this terminal\n"
	"  migrate              apply pending migrations (idempotent)\n"
	"  audit verify [--anchor FILE] | audit anchor\n"
	"                       check the audit log's hash chain / print its head to keep\n"
	"  config               list every configuration option with its default\n"
	"  backup [--full] | backup list | backup verify\n"
	"                       pgBackRest backups of the cluster; verify restores and checks one\n"
	"  restore --to 'YYYY-MM-DD HH:MM:SS' | --latest [--into DIR] [--force]\n"
	"                       point-in-time restore, started privately and checked\n"
	"\n"
	"data commands (as over SSH): rashin COMMAND --as LOGIN ...; see rashin help --as LOGIN\n"
	"\n"
	"options: -c FILE (default conf/rashin.conf), --as LOGIN, --help, --version\n");

static void
cli_cleanup(struct cli *cli)
{
	pgembed_stop(&cli->pg);
	free(cli->conninfo);
	free(cli->owner_conninfo);
	free(cli->hub_conninfo);
	config_free(&cli->cfg);
}

/*
 * Find the database: configured, the running demo's, or a cluster started for us, with
 * pooled (a server: many connections over its life) PgBouncer in front of it too. A server
 * attaches only to a cluster a rashin runs; one-shot commands use any that answers.
 */
static int
cli_database(struct cli *cli, int pooled, char **cause)
{
	char *sock;

	if (cli->cfg.conninfo[0] != '\0') {
		cli->conninfo = xstrdup(cli->cfg.conninfo);
		cli->owner_conninfo = xstrdup(cli->cfg.owner_conninfo[0] != '\0' ?
		    cli->cfg.owner_conninfo : cli->cfg.conninfo);
		return 0;
	}
	sock = xasprintf("%s/run", cli->cfg.data_dir);
	if (pgembed_ping(sock)) {
		char real[4096];

		/* a server serves only from a cluster a rashin runs (and will stop) */
		if (pooled && pgembed_run_by_rashin(&cli->cfg, cli->cfg.data_dir, cause) != 0) {
			free(sock);
			return -1;
		}

		if (realpath(sock, real) == NULL)
			snprintf(real, sizeof real, "%s", sock);
		/* through the running demo's PgBouncer when it has one */
		cli->conninfo = pgembed_socket_conninfo(real, strcmp(cli->cfg.pooler, "off") != 0 &&
		    pgembed_pool_listening(real));
		cli->owner_conninfo = xasprintf("host=%s port=%d dbname=rashin user=postgres", real,
		    PGEMBED_PORT);
		cli->hub_conninfo = pgembed_socket_conninfo(real, 0);
		free(sock);
		return 0;
	}
	free(sock);
	if (pgembed_start(&cli->cfg, &cli->pg, cause) != 0)
		return -1;
	if (pooled)
		pgembed_pool(&cli->cfg, &cli->pg);
	cli->conninfo = pgembed_app_conninfo(&cli->pg);
	cli->owner_conninfo = pgembed_conninfo(&cli->pg, "postgres");
	cli->hub_conninfo = pgembed_conninfo(&cli->pg, "rashin_app");
	return 0;
}

static int
cli_migrate(struct cli *cli, FILE *out, char **cause)
{
	int applied;

	if (migrate_run(cli->owner_conninfo, cli->cfg.sql_dir, out, &applied, cause) != 0)
		return -1;
	if (out != NULL)
		fprintf(out, applied ? "%d migration(s) applied\n" : "database is up to date\n",
		    applied);
	return 0;
}

static int
run_migrate(struct cli *cli, int argc, char **argv)
{
	char *cause = NULL;

	(void)argv;
	if (argc != 1) {
		fputs("usage: rashin migrate [-c FILE]\n", stderr);
		return 2;
	}
	if (cli_database(cli, 0, &cause) != 0 || cli_migrate(cli, stdout, &cause) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		return 1;
	}
	return 0;
}

static int
run_audit(struct cli *cli, int argc, char **argv)
{
	struct audit_result r;
	struct db *db = NULL;
	char *cause = NULL, *text = NULL, hash[65];
	long long id;
	int rc = 1, v;

	if (argc < 2 || (strcmp(argv[1], "verify") != 0 && strcmp(argv[1], "anchor") != 0) ||
	    (strcmp(argv[1], "anchor") == 0 && argc != 2) ||
	    (strcmp(argv[1], "verify") == 0 && argc != 2 &&
	    (argc != 4 || strcmp(argv[2], "--anchor") != 0))) {
		fputs("usage: rashin audit verify [--anchor FILE] | rashin audit anchor\n", stderr);
		return 2;
	}
	if (argc == 4 && (read_file(argv[3], &text, NULL, &cause) != 0 ||
	    audit_parse_anchor(text, &id, hash, &cause) != 0))
		goto fail;
	if (cli_database(cli, 0, &cause) != 0 ||
	    (db = db_open(cli->owner_conninfo, &cause)) == NULL)
		goto fail;
	v = audit_verify(db, &r, &cause);
	if (v < 0)
		goto fail;
	if (v == 1) {
		audit_say(stdout, v, &r, -1, 0, NULL);
		goto out;
	}
	if (strcmp(argv[1], "anchor") == 0) {
		printf("rashin-audit-anchor id=%lld hash=%s\n", r.head_id, r.head_hash);
		rc = 0;
		goto out;
	}
	v = -1;
	if (text != NULL && (v = audit_check_anchor(db, id, hash, &cause)) < 0)
		goto fail;
	audit_say(stdout, 0, &r, v, id, hash);
	if (v == 1)
		goto out;
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "rashin: %s\n", cause);
	rc = 1;
out:
	free(cause);
	free(text);
	db_close(db);
	return rc;
}

/*
 * The database as --as LOGIN, identity filled, in a session the owner opens for that
 * member (a local command is the host administrator's: whoever may connect as the owner
 * may act as anyone, as they may run migrations); NULL after saying why. cli_logout ends
 * it.
 */
static struct db *
cli_login(struct cli *cli, struct identity *id)
{
	struct db *db = NULL;
	char *cause = NULL;

	memset(id, 0, sizeof *id);
	if (cli_database(cli, 0, &cause) != 0 || (db = db_open(cli->conninfo, &cause)) == NULL ||
	    auth_login(db, cli->as, id, &cause) != 0 ||
	    session_open(cli->owner_conninfo, NULL, NULL, id->login, "", "local",
	    cli->cfg.session_hours, id->session, &cause) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		db_close(db);
		return NULL;
	}
	snprintf(id->source, sizeof id->source, "local");
	db_set_session(db, id->session);
	return db;
}

/* The end of a local command: its session closed, the connection too. */
static void
cli_logout(struct db *db)
{
	char *cause = NULL;

	if (session_close(db, &cause) != 0) {
		log_warn("local session not closed (it expires): %s", cause);
		free(cause);
	}
	db_close(db);
}

/* COMMAND [SUB] --help: the help needs no login. */
static int
wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0)
			return 1;
	return 0;
}

/* A data command run locally as --as LOGIN, exactly as `ssh host COMMAND`. */
static int
run_command(struct cli *cli, int argc, char **argv)
{
	struct cmd_ctx ctx;
	struct identity id;
	struct db *db = NULL;
	int rc;

	memset(&ctx, 0, sizeof ctx);
	memset(&id, 0, sizeof id);
	ctx.cfg = &cli->cfg;
	ctx.id = &id;
	ctx.in = stdin;
	ctx.out = stdout;
	ctx.err = stderr;
	if (strcmp(argv[0], "help") == 0 || strcmp(argv[0], "version") == 0 || wants_help(argc, argv))
		return cmd_run(&ctx, argc, argv);
	if (cli->as == NULL) {
		fprintf(stderr, "rashin: %s: give --as LOGIN to run a data command locally\n", argv[0]);
		return 2;
	}
	if ((db = cli_login(cli, &id)) == NULL)
		return 1;
	ctx.db = db;
	rc = cmd_run(&ctx, argc, argv);
	cli_logout(db);
	return rc;
}

/* The SSH server against the configured database (or the embedded one, kept running). */
static int
run_serve(struct cli *cli, int argc)
{
	char *cause = NULL;
	int rc;

	if (argc != 1) {
		fputs("usage: rashin serve [-c FILE]\n", stderr);
		return 2;
	}
	/* as root: serve_run becomes rashin, and a keeper (rashin-db) will stop our cluster */
	if (cli_database(cli, 1, &cause) != 0 || pgembed_keeper(&cli->pg, &cause) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		return 1;
	}
	free(cli->cfg.conninfo);
	cli->cfg.conninfo = xstrdup(cli->conninfo);
	/* (attached to a running demo's pooler: that demo warmed it) */
	if ((rc = serve_run(&cli->cfg, cli->hub_conninfo, cli->owner_conninfo,
	    cli->pg.pool_pid > 0 ? cli->cfg.pool_warm : 0, &cause)) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		return 1;
	}
	return 0;
}

/* The console in this terminal as --as LOGIN (the SSH session runs the same console_run). */
static int
run_tui(struct cli *cli)
{
	struct console_opts opts = { NULL, NULL, cli->cfg.color, NULL, cli->cfg.vdi_key_file,
	    cli->cfg.vdi_max_days, -1, cli->cfg.listen, cli->cfg.port };
	struct identity id;
	struct db *db = NULL;
	int rc;

	if (cli->as == NULL) {
		fprintf(stderr, "rashin: tui: give --as LOGIN\n");
		return 2;
	}
	if ((db = cli_login(cli, &id)) == NULL)
		return 1;
	/* LANG/LC_MESSAGES first, then the member's saved preference, then config */
	i18n_init(NULL, id.lang[0] != '\0' ? id.lang : cli->cfg.language);
	snprintf(id.lang, sizeof id.lang, "%s", i18n_lang());
	rc = console_run(db, &id, &opts) == 0 ? 0 : 1;
	cli_logout(db);
	return rc;
}

int
cli_main(int argc, char **argv)
{
	struct cli cli;
	char *cause = NULL, **args;
	int i, n = 0, rc;

	memset(&cli, 0, sizeof cli);
	cli.cfg_path = CONFIG_DEFAULT_PATH;
	i18n_init(NULL, NULL);	/* the usage in the language LANG asks; again once configured */
	args = xcalloc((size_t)argc + 1, sizeof *args);
	for (i = 1; i < argc; i++) {
		if ((strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--config") == 0) && i + 1 < argc)
			cli.cfg_path = argv[++i];
		else if (strcmp(argv[i], "--as") == 0 && i + 1 < argc)
			cli.as = argv[++i];
		else if (strcmp(argv[i], "--version") == 0 && n == 0) {
			printf("rashin %s\n", RASHIN_VERSION);
			free(args);
			return 0;
		} else if ((strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) && n == 0) {
			fputs(_(usage_text), stdout);
			free(args);
			return 0;
		} else if (strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "--as") == 0) {
			fprintf(stderr, "rashin: %s %s\n%s", argv[i], _("needs a value"), _(usage_text));
			free(args);
			return 2;
		} else
			args[n++] = argv[i];
	}
	if (n == 0) {
		fputs(_(usage_text), stderr);
		free(args);
		return 2;
	}
	if (config_load(&cli.cfg, cli.cfg_path, strcmp(cli.cfg_path, CONFIG_DEFAULT_PATH) != 0,
	    &cause) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		free(args);
		config_free(&cli.cfg);
		return 2;
	}
	/* one-shot commands keep the terminal for their own output: info lines only in logs */
	if (log_open(cli.cfg.log_dest, strcmp(cli.cfg.log_dest, "stderr") == 0 &&
	    strcmp(cli.cfg.log_level, "info") == 0 && strcmp(args[0], "demo") != 0 &&
	    strcmp(args[0], "serve") != 0 ? "warning" : cli.cfg.log_level, &cause) != 0) {
		fprintf(stderr, "rashin: %s\n", cause);
		free(cause);
		free(args);
		config_free(&cli.cfg);
		return 2;
	}
	i18n_init(NULL, cli.cfg.language);
	signal(SIGPIPE, SIG_IGN);

	if (strcmp(args[0], "migrate") == 0)
		rc = run_migrate(&cli, n, args);
	else if (strcmp(args[0], "audit") == 0 && n >= 2 && cli.as == NULL)
		rc = run_audit(&cli, n, args);
	else if (strcmp(args[0], "serve") == 0)
		rc = run_serve(&cli, n);
	else if (strcmp(args[0], "tui") == 0)
		rc = run_tui(&cli);
	else if (strcmp(args[0], "backup") == 0 || strcmp(args[0], "restore") == 0)
		rc = backup_cmd_main(&cli.cfg, n, args);
	else if (strcmp(args[0], "demo") == 0)
		rc = demo_run(&cli.cfg, n, args);
	else if (strcmp(args[0], "config") == 0) {
		config_describe(stdout);
		rc = 0;
	} else
		rc = run_command(&cli, n, args);
	free(args);
	cli_cleanup(&cli);
	return rc;
}
