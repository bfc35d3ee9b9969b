/*
 * test_config — the option table: defaults, every kind of error with FILE:LINE.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/config.h"

static char path[] = "/tmp/rashin-test-config-XXXXXX";

static void
write_conf(const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* Load text; return the error message (or NULL on success), caller frees. */
static char *
load(const char *text, struct config *cfg)
{
	char *cause = NULL;

	write_conf(text);
	if (config_load(cfg, path, 1, &cause) == 0) {
		assert_null(cause);
		return NULL;
	}
	assert_non_null(cause);
	return cause;
}

static void
expect_error(const char *text, const char *suffix)
{
	struct config cfg;
	char *msg = load(text, &cfg), *want = NULL;

	assert_non_null(msg);
	want = malloc(strlen(path) + strlen(suffix) + 2);
	sprintf(want, "%s:%s", path, suffix);
	assert_string_equal(msg, want);
	free(want);
	free(msg);
	config_free(&cfg);
}

static void
test_defaults(void **state)
{
	struct config cfg;
	char *cause = NULL;

	(void)state;
	assert_int_equal(config_load(&cfg, NULL, 0, &cause), 0);
	assert_string_equal(cfg.listen, "127.0.0.1");
	assert_int_equal(cfg.port, 2222);
	assert_int_equal(cfg.login_grace_time, 120);
	assert_int_equal(cfg.max_auth_tries, 6);
	assert_int_equal(cfg.max_startups_start, 10);
	assert_int_equal(cfg.max_startups_rate, 30);
	assert_int_equal(cfg.max_startups_full, 100);
	assert_int_equal(cfg.idle_timeout, 1800);
	assert_string_equal(cfg.conninfo, "");
	assert_string_equal(cfg.language, "ja");
	assert_int_equal(cfg.color, 1);
	assert_int_equal(cfg.vdi_max_days, 366);
	config_free(&cfg);
}

static void
test_values(void **state)
{
	struct config cfg;
	char *msg;

	(void)state;
	msg = load("server: {\n  port = 2022;\n  max_startups = \"5:50:20\";\n};\n"
	    "ui: { language = \"en\"; color = false; };\n"
	    "database: { conninfo = \"host=/tmp dbname=x\"; };\n", &cfg);
	assert_null(msg);
	assert_int_equal(cfg.port, 2022);
	assert_int_equal(cfg.max_startups_start, 5);
	assert_int_equal(cfg.max_startups_rate, 50);
	assert_int_equal(cfg.max_startups_full, 20);
	assert_string_equal(cfg.language, "en");
	assert_int_equal(cfg.color, 0);
	assert_string_equal(cfg.conninfo, "host=/tmp dbname=x");
	/* untouched options keep their defaults */
	assert_int_equal(cfg.max_auth_tries, 6);
	config_free(&cfg);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_error("\n\nserver: {\n  port = 70000;\n};\n", "4: server.port must be 1-65535");
	expect_error("server: {\n  port = 0;\n};\n", "2: server.port must be 1-65535");
	expect_error("server: {\n  port = \"22\";\n};\n", "2: server.port must be a number");
	expect_error("server: {\n  colour = 1;\n};\n", "2: unknown option server.colour");
	expect_error("nosuch: {\n  x = 1;\n};\n", "2: unknown option nosuch.x");
	expect_error("server: {\n  listen = 5;\n};\n",
	    "2: server.listen must be a string in double quotes");
	expect_error("ui: {\n  color = 1;\n};\n", "2: ui.color must be true or false");
	expect_error("ui: {\n  language = \"fr\";\n};\n", "2: ui.language must be one of ja, en");
	expect_error("server: {\n  max_startups = \"10:300:100\";\n};\n",
	    "2: server.max_startups must be start:rate:full (e.g. 10:30:100)");
	expect_error("port = 22;\n", "1: port must be a group such as port: { ... };");
	expect_error("server: {\n  port = ;\n};\n", "2: syntax error");
}

static void
test_missing_file(void **state)
{
	struct config cfg;
	char *cause = NULL;

	(void)state;
	assert_int_equal(config_load(&cfg, "/nonexistent/rashin.conf", 1, &cause), -1);
	assert_string_equal(cause, "/nonexistent/rashin.conf: No such file or directory");
	free(cause);
	config_free(&cfg);
	cause = NULL;
	/* the default file may be absent */
	assert_int_equal(config_load(&cfg, "/nonexistent/rashin.conf", 0, &cause), 0);
	assert_int_equal(cfg.port, 2222);
	config_free(&cfg);
}

static void
test_shipped_conf(void **state)
{
	struct config cfg;
	char *cause = NULL;

	(void)state;
	/* conf/rashin.conf documents every option with its default: loading it changes nothing */
	assert_int_equal(config_load(&cfg, "conf/rashin.conf", 1, &cause), 0);
	assert_int_equal(cfg.port, 2222);
	assert_string_equal(cfg.listen, "127.0.0.1");
	assert_string_equal(cfg.data_dir, "var");
	config_free(&cfg);
}

/* The parser from a stream: values over the defaults, errors named by the given name. */
static void
test_stream(void **state)
{
	static char ok[] = "server: { port = 2022; };\n";
	static char bad[] = "server: {\n  port = 0;\n};\n";
	struct config cfg;
	char *cause = NULL;
	FILE *f;

	(void)state;
	assert_non_null(f = fmemopen(ok, strlen(ok), "r"));
	assert_int_equal(config_load_stream(&cfg, f, "mem.conf", &cause), 0);
	fclose(f);
	assert_int_equal(cfg.port, 2022);
	assert_int_equal(cfg.max_auth_tries, 6);
	assert_string_equal(cfg.path, "mem.conf");
	config_free(&cfg);
	assert_non_null(f = fmemopen(bad, strlen(bad), "r"));
	assert_int_equal(config_load_stream(&cfg, f, "mem.conf", &cause), -1);
	fclose(f);
	assert_string_equal(cause, "mem.conf:2: server.port must be 1-65535");
	free(cause);
	config_free(&cfg);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_shipped_conf),
		cmocka_unit_test(test_stream),
	};
	int fd = mkstemp(path), rc;

	if (fd == -1)
		return 1;
	close(fd);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	unlink(path);
	return rc;
}
