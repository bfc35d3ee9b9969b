/*
 * cmd — dispatch and the small commands every session has: help, version, whoami.
 */
#include "backend/cmd/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/labels.h"
#include "backend/lib/util.h"

struct cmd_entry {
	const char	*name;
	int		(*fn)(struct cmd_ctx *, int, char **);
	const char	*usage;
	const char	*help;
};

#define CMD_ENTRY(name, usage, help) { #name, cmd_##name, usage, help },
static const struct cmd_entry cmds[] = { CMD_LIST(CMD_ENTRY) };
#undef CMD_ENTRY

int
cmd_error(struct cmd_ctx *ctx, int status, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	fputs("rashin: ", ctx->err);
	out_text(ctx->err, msg);
	fputc('\n', ctx->err);
	free(msg);
	return status;
}

static const struct cmd_entry *
cmd_find(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(cmds); i++)
		if (strcmp(cmds[i].name, name) == 0)
			return &cmds[i];
	return NULL;
}

int
cmd_usage(struct cmd_ctx *ctx, const char *name)
{
	const struct cmd_entry *e = cmd_find(name);

	if (e != NULL)
		fprintf(ctx->err, "%s: %s\n", _("usage"), e->usage);
	return CMD_USAGE;
}

int
cmd_take_format(int argc, char **argv, enum out_format *fmt, int *bom, int *cp932)
{
	int i, n = 0;

	*fmt = OUT_TEXT;
	if (bom != NULL)
		*bom = 0;
	if (cp932 != NULL)
		*cp932 = 0;
	for (i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--csv") == 0)
			*fmt = OUT_CSV;
		else if (strcmp(argv[i], "--json") == 0)
			*fmt = OUT_JSON;
		else if (strcmp(argv[i], "--bom") == 0 && bom != NULL)
			*bom = 1;
		else if (strcmp(argv[i], "--cp932") == 0 && cp932 != NULL)
			*cp932 = 1;
		else
			argv[n++] = argv[i];
	}
	return n;
}

int
cmd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e;

	if (argc < 1)
		return cmd_help(ctx, 0, argv);
	if ((e = cmd_find(argv[0])) == NULL) {
		cmd_error(ctx, CMD_USAGE, "%s: %s", _("unknown command"), argv[0]);
		fprintf(ctx->err, "%s\n", _("Run 'help' for the list of commands."));
		return CMD_USAGE;
	}
	return e->fn(ctx, argc, argv);
}

int
cmd_help(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e;
	size_t i;

	if (argc >= 2) {
		if ((e = cmd_find(argv[1])) == NULL)
			return cmd_error(ctx, CMD_USAGE, "%s: %s", _("unknown command"), argv[1]);
		fprintf(ctx->out, "%s: %s\n  %s\n", _("usage"), e->usage, _(e->help));
		return CMD_OK;
	}
	fprintf(ctx->out, "%s\n\n", _("rashin commands (ssh HOST COMMAND, or rashin COMMAND --as LOGIN):"));
	for (i = 0; i < nitems(cmds); i++)
		fprintf(ctx->out, "  %-10s %s\n", cmds[i].name, _(cmds[i].help));
	fprintf(ctx->out, "\n%s\n", _("Data commands take --csv or --json; 'help COMMAND' shows the details."));
	return CMD_OK;
}

int
cmd_version(struct cmd_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(ctx->out, "rashin %s\n", RASHIN_VERSION);
	return CMD_OK;
}

int
cmd_whoami(struct cmd_ctx *ctx, int argc, char **argv)
{
	enum out_format fmt;
	struct out_table *t;
	static const char *const keys[] = { "login", "name", "department", "role" };
	const char *titles[] = { _("login"), _("name"), _("department"), _("role") };

	argc = cmd_take_format(argc, argv, &fmt, NULL, NULL);
	if (argc != 1)
		return cmd_usage(ctx, "whoami");
	t = out_new(4, titles, keys);
	out_rowf(t, ctx->id->login, ctx->id->name, ctx->id->dept_name,
	    fmt == OUT_TEXT ? label_role(ctx->id->role) : ctx->id->role);
	return out_print(t, ctx->out, fmt, 0) == 0 ? CMD_OK : CMD_FAIL;
}

FILE *
cmd_open_input(struct cmd_ctx *ctx, const char *what, const char *path, int *rc)
{
	FILE *f;

	if (strcmp(path, "-") == 0) {
		if (ctx->in == NULL)
			*rc = cmd_error(ctx, CMD_USAGE, "%s: %s", what, _("nothing on standard input"));
		return ctx->in;
	}
	if (ctx->id == NULL || strcmp(ctx->id->source, "local") != 0) {
		/* a path would name the server's files: over SSH the data comes on stdin */
		*rc = cmd_error(ctx, CMD_USAGE, "%s: %s", what,
		    _("over SSH, pipe the file to the command and give - as its name (... - < FILE)"));
		return NULL;
	}
	if ((f = fopen(path, "rb")) == NULL)
		*rc = cmd_error(ctx, CMD_FAIL, "%s: %s: %s", what, path, strerror(errno));
	return f;
}
