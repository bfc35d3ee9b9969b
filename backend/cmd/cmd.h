/*
 * cmd — the scripting interface: `ssh host COMMAND ...` and `rashin COMMAND --as LOGIN`
 * run the same parser and the same handlers, with the same permissions (the identity
 * reaches PostgreSQL per transaction). Exit status: 0 ok, 1 failed, 2 usage.
 * Every command is declared once in CMD_LIST; help and dispatch come from it.
 */
#ifndef RASHIN_CMD_H
#define RASHIN_CMD_H

#include <stdio.h>

#include "backend/lib/out.h"

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
};

/*     name      usage                                        help */
#define CMD_LIST(X)							\
	X(help,    "help [COMMAND]",                              N_("list the commands, or explain one")) \
	X(version, "version",                                     N_("print rashin's version")) \
	X(whoami,  "whoami [--json]",                             N_("who you are: login, name, department, role")) \
	X(keys,    "keys list [LOGIN] [--csv|--json] | keys add [LOGIN] < KEY.pub | keys revoke FINGERPRINT REASON", \
	                                                          N_("your SSH keys (admins: anyone's)")) \
	X(mig,     "mig board [--csv|--json] [--today DATE] | mig set SYSTEM STEP STATUS [--note TEXT] [--if-version N] | mig history SYSTEM | mig show SYSTEM | mig steps [--all] | mig steps add PHASE NAME [--seq N] | mig steps rename|move|retire|restore STEP [NAME|SEQ] | mig export [--encoding utf-8|cp932] | mig import FILE|- [--check] [--skip-bad]", \
	                                                          N_("standardisation migration: board, step status, history, CSV exchange")) \
	X(risks,   "risks list [--all] [--csv|--json] | risks add SYSTEM --title T --kind issue|risk|question [--impact 1-5] [--likelihood 1-5] [--due DATE] [--step STEP] [--description TEXT] | risks close ID [--note TEXT]", \
	                                                          N_("the migration's issue/risk log")) \
	X(measures, "measures list [--part N] [--status S] [--fy Y] [--csv|--json] | measures show ID [--fy Y] [--width N] | measures set ID --status S [--version V] | measures add --part N [--number N] --name S [--goal S] [--overview S] --dept D[,D] [--status S] | measures add-action MEASURE [--number N] --title S [--text S] [--status S]", \
	                                                          N_("the plan's measures: list, full text, status, additions")) \
	X(schedule, "schedule show [--fy Y] [--months] [--actions] [--part N] [--width N]", \
	                                                          N_("the plan's schedule as a Gantt chart by fiscal year or month")) \
	X(kpi,     "kpi list MEASURE [--csv|--json] | kpi set MEASURE KPI --fy Y --actual V [--target V] | kpi import FILE|- [--check] [--skip-bad]", \
	                                                          N_("KPI targets and actuals; CSV import of actuals")) \
	X(eval,    "eval list --fy Y [--csv|--json] | eval show MEASURE --fy Y | eval submit|second|comment|publish|revise|hearing MEASURE --fy Y ...", \
	                                                          N_("the yearly PDCA evaluations: 1st, CIO comment, 2nd, publication")) \
	X(report,  "report progress --fy Y --format md|csv|pdf [--part N] [--encoding cp932]", \
	                                                          N_("the yearly progress report (実施状況) as Markdown, CSV or PDF")) \
	X(staff,   "staff list [TEXT] [--dept CODE] [--role R] [--all] | show LOGIN | add LOGIN --name N --kana K --dept CODE [--role R] [--manager] | set LOGIN [--name N] [--kana K] [--role R] [--manager yes|no] [--if-version N] | move LOGIN DEPT [--if-version N] | deactivate LOGIN [--if-version N] | import FILE|- [--check] [--skip-bad] | export [--encoding cp932]", \
	                                                          N_("staff members: list, add, edit, move, deactivate, CSV import/export")) \
	X(depts,   "depts list | add CODE NAME [PARENT] | rename CODE NAME", \
	                                                          N_("departments")) \
	X(audit,   "audit verify [--anchor] | anchor | list [--table T] [--who LOGIN] [--limit N] | export --from DATE --to DATE [--csv|--json]", \
	                                                          N_("the audit trail: verify the hash chain, list, export")) \
	X(vdi,     "vdi list [--state S] [--today D] [--csv|--json] | vdi show ID | vdi expiring [--days N] [--today D] | " \
	           "vdi request [--for LOGIN] --reason R --work W --declare-no-personal-data --from DATE --to DATE [--device ID] [--manager LOGIN] [--renews ID] | " \
	           "vdi approve ID [--manager] [--comment C] | vdi reject ID --reason R | vdi provision ID --username U --pool P | " \
	           "vdi suspend ID --reason R | vdi resume ID | vdi revoke ID --reason R | vdi sweep [--today D] | " \
	           "vdi export --format csv|json|ldif [--state S] [--encoding cp932] | " \
	           "vdi mfa start ID | vdi mfa confirm ID CODE | vdi mfa reset LOGIN --reason R", \
	                                                          N_("telework VDI accounts: requests, approvals, lifecycle, expiry, MFA")) \
	X(training, "training courses|sessions [--fy FY]|roster SESSION|transcript LOGIN [--as-of DATE]|report [--fy FY] [--csv|--json] | training mark SESSION LOGIN STATUS [--note TEXT] | training enrol|cancel SESSION LOGIN | training score COURSE LOGIN 0-100 [--fy FY] | training dx nominate LOGIN|target DEPT N [--fy FY] | training import attendance FILE|- [--check] [--skip-bad] | training export [--fy FY] [--session N] [--encoding cp932] | training course add CODE CATEGORY TITLE [--mandatory] | training session add COURSE \"YYYY-MM-DD HH:MM\" [--place P] [--capacity N]", \
	                                                          N_("training records: courses, sessions, attendance, completion, reports"))

#define CMD_DECLARE(name, usage, help) int cmd_##name(struct cmd_ctx *, int, char **);
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
/* Print usage of one command to ctx->err; returns CMD_USAGE. */
int	cmd_usage(struct cmd_ctx *, const char *name);
/*
 * Take --csv, --json, --cp932 and --bom from argv (in place); sets *fmt, *bom and
 * *cp932. Returns the new argc.
 */
int	cmd_take_format(int argc, char **argv, enum out_format *fmt, int *bom, int *cp932);

#endif
