/*
 * cmd — the scripting interface: `ssh host COMMAND ...` and `rashin COMMAND --as LOGIN`
 * run the same parser and the same handlers, with the same permissions (the identity
 * reaches PostgreSQL per transaction). Exit status: 0 ok, 1 failed, 2 usage.
 * Every command is declared once in CMD_LIST, its subcommands and their options as data
 * in cmd_table.c: dispatch parses the words by them (args.c) before the handler runs, and
 * help is written from them. A handler gets argv as the command, its subcommand's words
 * and the positionals (options taken out); options come from cmd_opt and cmd_flag.
 */
#ifndef RASHIN_CMD_H
#define RASHIN_CMD_H

#include <stdio.h>

#include "backend/lib/out.h"

struct args;
struct config;
struct db;
struct identity;

enum { CMD_OK = 0, CMD_FAIL = 1, CMD_USAGE = 2 };

struct cmd_ctx {
	const struct config	*cfg;
	struct db		*db;
	struct identity		*id;
	FILE			*in;	/* data piped to the command (keys add, imports) */
	FILE			*out;
	FILE			*err;
	const struct args	*args;	/* the words of the command, parsed (cmd_table.c) */
};

/* The commands, in the order `help` lists them; their subcommands and options are in
 * cmd_table.c. */
#define CMD_LIST(X)							\
	X(help,     N_("list the commands, or explain one"))		\
	X(version,  N_("print rashin's version"))			\
	X(whoami,   N_("who you are: login, name, department, role"))	\
	X(keys,     N_("your SSH keys (admins: anyone's)"))		\
	X(mig,      N_("standardisation migration: board, step status, history, CSV exchange")) \
	X(risks,    N_("the migration's issue/risk log"))		\
	X(measures, N_("the plan's measures: list, full text, status, additions")) \
	X(schedule, N_("the plan's schedule as a Gantt chart by fiscal year or month")) \
	X(kpi,      N_("KPI targets and actuals; CSV import of actuals")) \
	X(eval,     N_("the yearly PDCA evaluations: 1st, CIO comment, 2nd, publication")) \
	X(report,   N_("the yearly progress report (実施状況) as Markdown, CSV or PDF")) \
	X(staff,    N_("staff members: list, add, edit, move, deactivate, CSV import/export")) \
	X(depts,    N_("departments"))					\
	X(audit,    N_("the audit trail: verify the hash chain, list, export")) \
	X(vdi,      N_("telework VDI accounts: requests, approvals, lifecycle, expiry, MFA")) \
	X(training, N_("training records: courses, sessions, attendance, completion, reports"))

#define CMD_DECLARE(name, help) int cmd_##name(struct cmd_ctx *, int, char **);
CMD_LIST(CMD_DECLARE)
#undef CMD_DECLARE

/* Run argv[0] with its arguments. */
int	cmd_run(struct cmd_ctx *, int argc, char **argv);
/* Print "rashin: message" to ctx->err (sanitised) and return status. */
int	cmd_error(struct cmd_ctx *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/*
 * The input of an import: "-" is standard input; a file path only when run locally
 * (over SSH a path would name the server's files). NULL after printing why (*rc set).
 */
FILE	*cmd_open_input(struct cmd_ctx *, const char *what, const char *path, int *rc);
/*
 * A usage error of the running subcommand: "rashin: CMD SUB: wrong arguments (see: help
 * CMD SUB)" and its synopsis on ctx->err; returns CMD_USAGE. name is the command's.
 */
int	cmd_usage(struct cmd_ctx *, const char *name);
/* The one wording of a usage error, with why (sanitised); returns CMD_USAGE. */
int	cmd_usage_why(struct cmd_ctx *, const char *why);
/* The value of an option of the running subcommand (NULL when not given). */
const char *cmd_opt(struct cmd_ctx *, const char *name);
/*
 * --if-version N of an edit: *version N, or -1 when not given (write over whatever is
 * there). 0, or -1 after a usage error (the caller returns CMD_USAGE).
 */
int	cmd_if_version(struct cmd_ctx *, int *version);
/* 1 when a flag (or an option) of the running subcommand was given. */
int	cmd_flag(struct cmd_ctx *, const char *name);
/* The output format from --csv, --json, --bom and --cp932 where the subcommand has them. */
void	cmd_format(struct cmd_ctx *, enum out_format *fmt, int *bom, int *cp932);
/*
 * Print t (freed) as an export's CSV on ctx->out: UTF-8 with a BOM, or CP932 where a
 * character CP932 lacks is written as 〓 and ctx->err says how many. what names the
 * command in messages ("staff export"). CMD_OK or CMD_FAIL.
 */
int	cmd_csv_export(struct cmd_ctx *, struct out_table *t, int cp932, const char *what);

#endif
