/*
 * test_args — the one option parser (backend/cmd/args.c) and the help and usage errors
 * written from the command table (cmd_table.c, cmd.c): both option forms, flags, a
 * missing value, unknown options, positional counts, required options, and every declared
 * option listed by `help COMMAND` and `COMMAND SUB --help`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/args.h"
#include "backend/cmd/cmd.h"
#include "backend/cmd/cmd_table.h"
#include "backend/lib/util.h"

static const struct args_opt opts[] = {
	{ "fy", "Y", 0, "fiscal year" },
	{ "all", NULL, 0, "everything" },
	{ "grade", "A-D", 1, "grade" },
	{ NULL, NULL, 0, NULL },
};
static const struct args_spec spec = { "eval", "submit", NULL, "MEASURE [TEXT]", 1, 2, 0,
	opts, "submit" };

/* Parse a NULL-terminated list of words; returns the result, *why kept for the caller. */
static int
parse(struct args *a, char **why, ...)
{
	static char buf[16][64];
	static char *argv[16];
	va_list ap;
	const char *w;
	int n = 0, rc;

	va_start(ap, why);
	while ((w = va_arg(ap, const char *)) != NULL && n < 16) {
		snprintf(buf[n], sizeof buf[n], "%s", w);
		argv[n] = buf[n];
		n++;
	}
	va_end(ap);
	rc = args_parse(&spec, n, argv, a, why);
	return rc;
}

static void
test_both_forms(void **state)
{
	struct args a;
	char *why;

	(void)state;
	assert_int_equal(parse(&a, &why, "--fy", "2027", "12", "--grade", "B", NULL), ARGS_OK);
	assert_string_equal(args_get(&a, "fy"), "2027");
	assert_string_equal(args_get(&a, "grade"), "B");
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "12");
	assert_false(args_has(&a, "all"));
	args_free(&a);

	assert_int_equal(parse(&a, &why, "12", "--fy=2028", "--grade=A", "note", NULL), ARGS_OK);
	assert_string_equal(args_get(&a, "fy"), "2028");
	assert_string_equal(args_get(&a, "grade"), "A");
	assert_int_equal(a.npos, 2);
	assert_string_equal(a.pos[1], "note");
	args_free(&a);

	/* an empty value, a value that looks like an option, the last one given wins */
	assert_int_equal(parse(&a, &why, "12", "--grade", "--all", "--fy=", "--grade=C", NULL),
	    ARGS_OK);
	assert_string_equal(args_get(&a, "fy"), "");
	assert_string_equal(args_get(&a, "grade"), "C");
	assert_false(args_has(&a, "all"));
	args_free(&a);
}

static void
test_flags_and_positionals(void **state)
{
	struct args a;
	char *why;

	(void)state;
	assert_int_equal(parse(&a, &why, "--all", "-", "--grade", "D", NULL), ARGS_OK);
	assert_true(args_has(&a, "all"));
	assert_string_equal(args_get(&a, "all"), "");
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "-");
	args_free(&a);

	/* after "--" everything is positional */
	assert_int_equal(parse(&a, &why, "--grade", "A", "--", "--all", NULL), ARGS_OK);
	assert_false(args_has(&a, "all"));
	assert_int_equal(a.npos, 1);
	assert_string_equal(a.pos[0], "--all");
	args_free(&a);

	assert_int_equal(parse(&a, &why, "1", "--grade", "A", "--help", NULL), ARGS_HELP);
	args_free(&a);
}

static void
expect_error(const char *want, ...)
{
	static char buf[16][64];
	char *argv[16], *why = NULL;
	struct args a;
	va_list ap;
	const char *w;
	int n = 0;

	va_start(ap, want);
	while ((w = va_arg(ap, const char *)) != NULL && n < 16) {
		snprintf(buf[n], sizeof buf[n], "%s", w);
		argv[n] = buf[n];
		n++;
	}
	va_end(ap);
	assert_int_equal(args_parse(&spec, n, argv, &a, &why), ARGS_ERROR);
	assert_non_null(why);
	if (strstr(why, want) == NULL)
		fail_msg("\"%s\" not in \"%s\"", want, why);
	free(why);
	args_free(&a);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("unknown option --foo", "1", "--grade", "A", "--foo", NULL);
	expect_error("unknown option --foo", "1", "--grade", "A", "--foo=1", NULL);
	expect_error("unknown option --gr", "1", "--gr", "A", NULL);	/* no abbreviations */
	expect_error("--fy needs a value", "1", "--grade", "A", "--fy", NULL);
	expect_error("--all takes no value", "1", "--grade", "A", "--all=yes", NULL);
	expect_error("--grade A-D is required", "1", NULL);
	expect_error("too few arguments (MEASURE [TEXT])", "--grade", "A", NULL);
	expect_error("unexpected argument: c", "a", "b", "c", "--grade", "A", NULL);
}

/* Run one command line through the dispatcher with no database; out and err captured. */
static int
run(char **out, char **err, const char *line)
{
	struct cmd_ctx ctx;
	char *copy = xstrdup(line), *argv[16], *p, *save = NULL;
	size_t ol = 0, el = 0;
	int argc = 0, rc;

	memset(&ctx, 0, sizeof ctx);
	ctx.out = open_memstream(out, &ol);
	ctx.err = open_memstream(err, &el);
	for (p = strtok_r(copy, " ", &save); p != NULL && argc < 15; p = strtok_r(NULL, " ", &save))
		argv[argc++] = p;
	argv[argc] = NULL;
	rc = cmd_run(&ctx, argc, argv);
	fclose(ctx.out);
	fclose(ctx.err);
	free(copy);
	return rc;
}

/* Every option of every subcommand of cmd (sub NULL: all of them) appears in text. */
static void
expect_options(const char *text, const char *cmd, const char *sub)
{
	const struct args_opt *o;
	char want[64];
	size_t i;
	int seen = 0;

	for (i = 0; i < cmd_nspecs; i++) {
		if (strcmp(cmd_specs[i].cmd, cmd) != 0 || (sub != NULL && strcmp(cmd_specs[i].sub, sub) != 0))
			continue;
		seen++;
		for (o = cmd_specs[i].opts; o != NULL && o->name != NULL; o++) {
			snprintf(want, sizeof want, "--%s", o->name);
			if (strstr(text, want) == NULL)
				fail_msg("%s %s: %s not in its help", cmd, cmd_specs[i].sub, want);
			if (strstr(text, o->help) == NULL)
				fail_msg("%s %s: the meaning of %s not in its help", cmd, cmd_specs[i].sub,
				    want);
		}
	}
	assert_true(seen > 0);
}

static void
test_help_lists_every_option(void **state)
{
	char *out = NULL, *err = NULL, cmdline[128];
	size_t i;

	(void)state;
	assert_int_equal(run(&out, &err, "help eval"), CMD_OK);
	expect_options(out, "eval", NULL);
	assert_non_null(strstr(out, "--achievements"));
	assert_null(strstr(out, "..."));
	free(out);
	free(err);

	assert_int_equal(run(&out, &err, "eval submit --help"), CMD_OK);
	expect_options(out, "eval", "submit");
	assert_non_null(strstr(out, "--grade A-D"));
	assert_null(strstr(out, "--findings"));	/* the 2nd evaluation's, not this one's */
	free(out);
	free(err);

	/* every subcommand of every command: help COMMAND and COMMAND SUB --help agree */
	for (i = 0; i < cmd_nspecs; i++) {
		assert_non_null(cmd_specs[i].help);
		snprintf(cmdline, sizeof cmdline, "help %s", cmd_specs[i].cmd);
		assert_int_equal(run(&out, &err, cmdline), CMD_OK);
		expect_options(out, cmd_specs[i].cmd, cmd_specs[i].sub);
		if (strstr(out, "...") != NULL)
			fail_msg("help %s: ends in \"...\"", cmd_specs[i].cmd);
		free(out);
		free(err);
		snprintf(cmdline, sizeof cmdline, "%s %s --help", cmd_specs[i].cmd, cmd_specs[i].sub);
		assert_int_equal(run(&out, &err, cmdline), CMD_OK);
		expect_options(out, cmd_specs[i].cmd, cmd_specs[i].sub);
		free(out);
		free(err);
	}
}

static void
test_usage_errors(void **state)
{
	char *out = NULL, *err = NULL;

	(void)state;
	assert_int_equal(run(&out, &err, "eval submit 1 --grade A --foo"), CMD_USAGE);
	assert_string_equal(out, "");
	if (strstr(err, "rashin: eval submit: unknown option --foo (see: help eval submit)\n") != err)
		fail_msg("wording: %s", err);
	assert_non_null(strstr(err, "usage: eval submit MEASURE --grade A-D"));
	free(out);
	free(err);

	assert_int_equal(run(&out, &err, "eval submit 1"), CMD_USAGE);
	assert_non_null(strstr(err, "rashin: eval submit: --grade A-D is required (see: help eval submit)"));
	free(out);
	free(err);

	assert_int_equal(run(&out, &err, "mig steps add only-one"), CMD_USAGE);
	assert_non_null(strstr(err, "rashin: mig steps add: too few arguments"));
	free(out);
	free(err);

	assert_int_equal(run(&out, &err, "eval frobnicate 1"), CMD_USAGE);
	assert_non_null(strstr(err, "rashin: eval: unknown subcommand: frobnicate (see: help eval)"));
	free(out);
	free(err);

	assert_int_equal(run(&out, &err, "help eval frobnicate"), CMD_USAGE);
	free(out);
	free(err);
}

/* Every value and positional passes the input rule, named by option or position. */
static void
test_input_rule(void **state)
{
	(void)state;
	expect_error("--fy: character 3, U+202E (a bidirectional control), is not allowed",
	    "--fy", "20\xe2\x80\xae" "26", "--grade", "A", "9-1", NULL);
	expect_error("--fy: character 1, U+001B (a control character), is not allowed",
	    "--fy=\033[2J", "--grade", "A", "9-1", NULL);
	expect_error("argument 2: character 2, U+0085 (a C1 control character), is not allowed",
	    "--grade", "A", "9-1", "a\xc2\x85", NULL);
	expect_error("argument 1: character 2 is not valid UTF-8 (byte 0xFF)",
	    "--grade", "A", "9\xff", NULL);
	expect_error("argument 2: character 2, U+000A (a control character), is not allowed",
	    "--grade", "A", "9-1", "a\nb", NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_both_forms),
		cmocka_unit_test(test_flags_and_positionals),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_help_lists_every_option),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_input_rule),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
