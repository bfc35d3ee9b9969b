/*
 * cmd — dispatch and the small commands every session has: help, version, whoami.
 */
#include "backend/cmd/cmd.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/args.h"
#include "backend/cmd/cmd_export.h"
#include "backend/cmd/cmd_table.h"
#include "backend/lib/config.h"
#include "backend/lib/csv.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/labels.h"
#include "backend/lib/util.h"

struct cmd_entry {
	const char	*name;
	int		(*fn)(struct cmd_ctx *, int, char **);
	const char	*help;
};

#define CMD_ENTRY(name, help) { #name, cmd_##name, help },
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

/* Words of spec->sub matched by argv[0..n) one by one (the first also by the alias). */
static int
sub_words(const struct args_spec *s, int argc, char **argv, int last)
{
	const char *p = s->sub, *e;
	size_t len;
	int k = 0;

	while (*p != '\0') {
		e = strchr(p, ' ');
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if (last && e == NULL)
			return k;	/* all but the last word */
		if (k >= argc || ((strlen(argv[k]) != len || strncmp(argv[k], p, len) != 0) &&
		    !(k == 0 && s->alias != NULL && strcmp(argv[k], s->alias) == 0)))
			return -1;
		k++;
		p += len + (e != NULL);
	}
	return k;
}

/*
 * The subcommand of cmd that argv (the words after the command) names: the longest sub
 * whose words all match, else the default one when no word (only options) follows the
 * words before it. *nwords: how many words of argv it took.
 */
static const struct args_spec *
spec_find(const char *cmd, int argc, char **argv, int *nwords)
{
	const struct args_spec *best = NULL;
	size_t i;
	int k, bestk = -1;

	for (i = 0; i < cmd_nspecs; i++)
		if (strcmp(cmd_specs[i].cmd, cmd) == 0 &&
		    (k = sub_words(&cmd_specs[i], argc, argv, 0)) > bestk) {
			best = &cmd_specs[i];
			bestk = k;
		}
	if (best != NULL) {
		*nwords = bestk;
		return best;
	}
	for (i = 0; i < cmd_nspecs; i++)
		if (strcmp(cmd_specs[i].cmd, cmd) == 0 && cmd_specs[i].dflt &&
		    (k = sub_words(&cmd_specs[i], argc, argv, 1)) >= 0 &&
		    (k >= argc || strncmp(argv[k], "--", 2) == 0)) {
			*nwords = k;
			return &cmd_specs[i];
		}
	return NULL;
}

/* "rashin: CMD[ SUB]: why (see: help CMD[ SUB])", then the synopsis when spec is known. */
static int
usage_error(struct cmd_ctx *ctx, const char *cmd, const char *sub,
    const struct args_spec *spec, const char *why)
{
	const char *sp = sub[0] != '\0' ? " " : "";

	fprintf(ctx->err, "rashin: %s%s%s: ", cmd, sp, sub);
	out_text(ctx->err, why);
	fprintf(ctx->err, " (%s: help %s%s%s)\n", _("see"), cmd, sp, sub);
	if (spec != NULL) {
		fprintf(ctx->err, "%s: ", _("usage"));
		args_synopsis(spec, ctx->err);
		fputc('\n', ctx->err);
	}
	return CMD_USAGE;
}

int
cmd_usage_why(struct cmd_ctx *ctx, const char *why)
{
	const struct args_spec *s = ctx->args != NULL ? ctx->args->spec : NULL;

	if (s == NULL)
		return cmd_error(ctx, CMD_USAGE, "%s", why);
	return usage_error(ctx, s->cmd, s->sub, s, why);
}

int
cmd_if_version(struct cmd_ctx *ctx, int *version)
{
	const char *s = cmd_opt(ctx, "if-version");
	char *end;
	long v;

	*version = -1;
	if (s == NULL)
		return 0;
	v = strtol(s, &end, 10);
	if (s[0] < '0' || s[0] > '9' || *end != '\0' || v > 2147483647L) {
		cmd_usage_why(ctx, _("--if-version: a version number (0 or more)"));
		return -1;
	}
	*version = (int)v;
	return 0;
}

int
cmd_usage(struct cmd_ctx *ctx, const char *name)
{
	if (ctx->args == NULL)
		return usage_error(ctx, name, "", NULL, _("wrong arguments"));
	return cmd_usage_why(ctx, _("wrong arguments"));
}

const char *
cmd_opt(struct cmd_ctx *ctx, const char *name)
{
	return ctx->args != NULL ? args_get(ctx->args, name) : NULL;
}

int
cmd_flag(struct cmd_ctx *ctx, const char *name)
{
	return cmd_opt(ctx, name) != NULL;
}

void
cmd_format(struct cmd_ctx *ctx, enum out_format *fmt, int *bom, int *cp932)
{
	const struct args_spec *s = ctx->args != NULL ? ctx->args->spec : NULL;

	*fmt = OUT_TEXT;
	if (s != NULL && args_declares(s, "csv") && cmd_flag(ctx, "csv"))
		*fmt = OUT_CSV;
	if (s != NULL && args_declares(s, "json") && cmd_flag(ctx, "json"))
		*fmt = OUT_JSON;
	if (bom != NULL)
		*bom = s != NULL && args_declares(s, "bom") && cmd_flag(ctx, "bom");
	if (cp932 != NULL)
		*cp932 = s != NULL && args_declares(s, "cp932") && cmd_flag(ctx, "cp932");
}

/* Every subcommand of one command, with its options. */
static void
help_command(struct cmd_ctx *ctx, const struct cmd_entry *e)
{
	size_t i;

	fprintf(ctx->out, "%s — %s\n", e->name, _(e->help));
	for (i = 0; i < cmd_nspecs; i++)
		if (strcmp(cmd_specs[i].cmd, e->name) == 0) {
			fputc('\n', ctx->out);
			args_help(&cmd_specs[i], ctx->out);
		}
}

/* Run the subcommand s of e: argv holds the words after the command and the subcommand. */
static int
run_spec(struct cmd_ctx *ctx, const struct cmd_entry *e, const struct args_spec *s, int argc,
    char **argv)
{
	const struct args *saved = ctx->args;
	struct args a;
	char *why = NULL, *words, **nargv, *p, *save = NULL;
	int rc, n = 0, i;

	rc = args_parse(s, argc, argv, &a, &why);
	if (rc == ARGS_HELP) {
		args_free(&a);
		args_help(s, ctx->out);
		return CMD_OK;
	}
	if (rc != ARGS_OK) {
		usage_error(ctx, s->cmd, s->sub, s, why);
		free(why);
		args_free(&a);
		return CMD_USAGE;
	}
	/* the handler's argv: the command, the subcommand's words as declared, positionals */
	words = xstrdup(s->sub);
	nargv = xcalloc((size_t)a.npos + 8, sizeof *nargv);
	nargv[n++] = (char *)e->name;
	for (p = strtok_r(words, " ", &save); p != NULL && n < 7; p = strtok_r(NULL, " ", &save))
		nargv[n++] = p;
	for (i = 0; i < a.npos; i++)
		nargv[n++] = a.pos[i];
	ctx->args = &a;
	rc = e->fn(ctx, n, nargv);
	ctx->args = saved;
	free(nargv);
	free(words);
	args_free(&a);
	return rc;
}

int
cmd_run(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e;
	const struct args_spec *s;
	char *why;
	int nw = 0, rc;

	if (argc < 1) {
		char help[] = "help", *def[2] = { help, NULL };

		return cmd_run(ctx, 1, def);
	}
	if ((e = cmd_find(argv[0])) == NULL) {
		cmd_error(ctx, CMD_USAGE, "%s: %s", _("unknown command"), argv[0]);
		fprintf(ctx->err, "%s\n", _("Run 'help' for the list of commands."));
		return CMD_USAGE;
	}
	if (argc == 2 && strcmp(argv[1], "--help") == 0) {
		help_command(ctx, e);
		return CMD_OK;
	}
	if ((s = spec_find(e->name, argc - 1, argv + 1, &nw)) == NULL) {
		if (argc < 2 || strncmp(argv[1], "--", 2) == 0)
			why = xstrdup(_("a subcommand is needed"));
		else
			why = xasprintf("%s: %s", _("unknown subcommand"), argv[1]);
		rc = usage_error(ctx, e->name, "", NULL, why);
		free(why);
		return rc;
	}
	return run_spec(ctx, e, s, argc - 1 - nw, argv + 1 + nw);
}

int
cmd_help(struct cmd_ctx *ctx, int argc, char **argv)
{
	const struct cmd_entry *e;
	const struct args_spec *s;
	char *why;
	size_t i;
	int nw;

	if (argc >= 2) {
		if ((e = cmd_find(argv[1])) == NULL)
			return cmd_error(ctx, CMD_USAGE, "%s: %s", _("unknown command"), argv[1]);
		if (argc == 2) {
			help_command(ctx, e);
			return CMD_OK;
		}
		if ((s = spec_find(e->name, argc - 2, argv + 2, &nw)) == NULL || nw != argc - 2) {
			why = xasprintf("%s: %s", _("unknown subcommand"), argv[2]);
			nw = usage_error(ctx, e->name, "", NULL, why);
			free(why);
			return nw;
		}
		args_help(s, ctx->out);
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

	(void)argc;
	(void)argv;
	cmd_format(ctx, &fmt, NULL, NULL);
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

int
cmd_csv_export(struct cmd_ctx *ctx, struct out_table *t, int cp932, const char *what)
{
	char *buf = NULL, *conv = NULL, *cause = NULL;
	size_t len = 0, clen = 0;
	FILE *mem;
	int n = 0, rc = CMD_OK, max = ctx->cfg != NULL && ctx->cfg->export_max_rows > 0 ?
	    ctx->cfg->export_max_rows : EXPORT_MAX_ROWS_DEFAULT;

	if (out_count(t) > max) {	/* the bound every export has */
		rc = cmd_error(ctx, CMD_FAIL, _("%s: %ld rows, more than %ld (export.max_rows); "
		    "nothing was written: raise the limit"), what, (long)out_count(t), (long)max);
		out_free(t);
		return rc;
	}
	if (!cp932)	/* Excel: UTF-8 with a BOM */
		return out_print(t, ctx->out, OUT_CSV, 1) == 0 && !ferror(ctx->out) ? CMD_OK : CMD_FAIL;
	if ((mem = open_memstream(&buf, &len)) == NULL) {
		out_free(t);
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, _("out of memory"));
	}
	out_print(t, mem, OUT_CSV, 0);
	fclose(mem);
	if (csv_to_cp932(buf, len, &conv, &clen, &n, &cause) != 0) {
		rc = cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause);
		goto out;
	}
	if (fwrite(conv, 1, clen, ctx->out) != clen || fflush(ctx->out) != 0)
		rc = CMD_FAIL;
	if (n > 0)
		cmd_error(ctx, CMD_OK, _("%s: %d characters that CP932 lacks were written as 〓"),
		    what, n);
out:
	free(cause);
	free(conv);
	free(buf);
	return rc;
}
