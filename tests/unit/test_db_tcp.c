/*
 * test_db_tcp — db_uses_tcp: whether a connection string reaches its server over TCP
 * (the SSH sandbox allows AF_INET/AF_INET6 sockets only then).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>

#include "backend/store/db.h"

static void
test_sockets(void **state)
{
	(void)state;
	unsetenv("PGHOST");
	assert_int_equal(db_uses_tcp(""), 0);
	assert_int_equal(db_uses_tcp("dbname=rashin user=rashin_app"), 0);
	assert_int_equal(db_uses_tcp("host=/var/run/postgresql dbname=rashin"), 0);
	assert_int_equal(db_uses_tcp("host=/tmp,/var/run/postgresql"), 0);
	assert_int_equal(db_uses_tcp("postgresql:///rashin?host=/tmp"), 0);
}

static void
test_tcp(void **state)
{
	(void)state;
	unsetenv("PGHOST");
	assert_int_equal(db_uses_tcp("host=db.example.jp dbname=rashin"), 1);
	assert_int_equal(db_uses_tcp("host=/tmp,10.0.0.5"), 1);
	assert_int_equal(db_uses_tcp("host=/tmp hostaddr=10.0.0.5"), 1);
	assert_int_equal(db_uses_tcp("postgresql://db1,db2/rashin"), 1);
	assert_int_equal(db_uses_tcp("not a conninfo ="), 1);	/* unparsable: assume TCP */
	setenv("PGHOST", "replica.example.jp", 1);
	assert_int_equal(db_uses_tcp("dbname=rashin"), 1);
	setenv("PGHOST", "/run/postgresql", 1);
	assert_int_equal(db_uses_tcp("dbname=rashin"), 0);
	unsetenv("PGHOST");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sockets),
		cmocka_unit_test(test_tcp),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
