/*
 * store_dashboard — the dashboard's statements against a real PostgreSQL, as a staff
 * member under row-level security. Not a unit test: tests/db/test_dashboard.sh makes a
 * throwaway cluster, counts the expected numbers there with plain SQL, passes them and
 * the connection in the environment and runs this program (its checks count there).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include "backend/store/auth.h"
#include "backend/store/db.h"
#include "backend/lib/identity.h"
#include "backend/store/store_dashboard.h"
#include "tests/db/as_member.h"

static struct identity	 admin;	/* tadmin's session, where a test needs one */

static int
want(const char *name)
{
	const char	*v = getenv(name);

	if (v == NULL)
		fail_msg("%s not set", name);
	return atoi(v);
}

/* Load the dashboard as login (narrowed to dept when dept_scope). */
static void
load_as(const char *login, int dept_scope, struct dashboard *d)
{
	struct db	*db;
	struct identity	 id;
	char		*cause = NULL;

	memset(&id, 0, sizeof id);
	db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (db == NULL || as_member(db, login, &id, &cause) != 0)
		fail_msg("login %s: %s", login, cause);
	if (store_dashboard_load(db, "2026-11-24", 2026, dept_scope ? id.dept_id : 0, 0,
	    DASH_T_ALL, d, &cause) != 0)
		fail_msg("load: %s", cause);
	db_close(db);
}

static void
test_admin_sees_everything(void **state)
{
	struct dashboard	 d;
	int			 i, k, measures = 0;

	(void)state;
	load_as("tadmin", 0, &d);
	assert_int_equal(d.nparts, want("EXPECT_PARTS"));
	for (i = 0; i < d.nparts; i++)
		for (k = 0; k < DASH_NSTATUS; k++)
			measures += d.parts[i].by_status[k];
	assert_int_equal(measures, want("EXPECT_MEASURES"));
	assert_int_equal(d.measures, want("EXPECT_MEASURES"));
	assert_int_equal(d.mig_systems, want("EXPECT_SYSTEMS"));
	assert_int_equal(d.mig_cells, want("EXPECT_CELLS"));
	assert_int_equal(d.mig_finished, want("EXPECT_FINISHED"));
	assert_int_equal(d.steps_overdue, 1);
	assert_int_equal(d.sys_done + d.sys_doing + d.sys_todo, want("EXPECT_SYSTEMS"));
	assert_int_equal(d.risks_open, 1);
	assert_int_equal((int)(store_dashboard_mig_rate(&d) * 1000 + 0.5),
	    want("EXPECT_RATE_X1000"));
	assert_int_equal(d.e1_submitted, 1);
	assert_int_equal(d.e2_submitted, 0);
	assert_int_equal(d.vdi_active, 1);
	assert_int_equal(d.vdi_expiring, 1);
	assert_int_equal(d.dx_target, 7);
}

static void
test_lead_sees_their_department(void **state)
{
	struct dashboard	 d;
	int			 i, k, measures = 0;

	(void)state;
	load_as("tlead", 1, &d);
	for (i = 0; i < d.nparts; i++)
		for (k = 0; k < DASH_NSTATUS; k++)
			measures += d.parts[i].by_status[k];
	assert_int_equal(measures, 1);		/* テスト施策 only */
	assert_int_equal(d.mig_systems, 1);	/* テスト業務 only */
	assert_int_equal(d.mig_cells, want("EXPECT_STEPS"));
	assert_int_equal(d.e1_missing, 1);
	assert_int_equal(d.risks_open, 1);
}

/* A notification reads again only the tiles its table moves; the others stay. */
static void
test_partial_reload(void **state)
{
	struct dashboard	 d;
	struct db		*db;
	struct identity		 id;
	char			*cause = NULL;

	(void)state;
	assert_int_equal(store_dashboard_tiles_of("mig_status"), DASH_T_MIG);
	assert_int_equal(store_dashboard_tiles_of("measure"), DASH_T_PARTS | DASH_T_EVAL);
	assert_int_equal(store_dashboard_tiles_of("staff"), 0);
	memset(&id, 0, sizeof id);
	db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (db == NULL || as_member(db, "tadmin", &id, &cause) != 0)
		fail_msg("login: %s", cause);
	memset(&d, 0, sizeof d);
	d.vdi_active = -5;		/* marks: a tile not in the mask keeps its value */
	d.mig_systems = -5;
	assert_int_equal(store_dashboard_load(db, "2026-11-24", 2026, 0, 0, DASH_T_MIG, &d,
	    &cause), 0);
	assert_int_equal(d.mig_systems, want("EXPECT_SYSTEMS"));
	assert_int_equal(d.vdi_active, -5);
	assert_int_equal(d.nparts, 0);
	assert_int_equal(store_dashboard_load(db, "2026-11-24", 2026, 0, 0, DASH_T_ALL, &d,
	    &cause), 0);
	assert_int_equal(d.vdi_active, 1);
	assert_int_equal(d.nparts, want("EXPECT_PARTS"));
	db_close(db);
}

/* How many statements are prepared on db's connection whose text is LIKE pattern. */
static int
prepared_count(struct db *db, const char *pattern)
{
	const char	*p[1] = { pattern };
	char		*cause = NULL;
	PGresult	*res;
	int		 n;

	res = db_query(db, "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE $1",
	    1, p, NULL, &cause);
	if (res == NULL)
		fail_msg("pg_prepared_statements: %s", cause);
	n = atoi(PQgetvalue(res, 0, 0));
	PQclear(res);
	return n;
}

/*
 * More distinct statements than a connection keeps prepared: the rest run unnamed, so
 * the server's prepared statements stop growing (a new name per call would not), and
 * every answer is still right.
 */
static void
test_prepared_cap(void **state)
{
	/* 48 statements, constants with distinct texts (a statement's name is its text's
	 * hash, db_prepared.c) */
#define S(n)	"SELECT $1::int + 0 * " #n
#define S8(n)	S(n##0), S(n##1), S(n##2), S(n##3), S(n##4), S(n##5), S(n##6), S(n##7)
	static const char *const sql[48] = { S8(1), S8(2), S8(3), S8(4), S8(5), S8(6) };
#undef S8
#undef S
	struct db	*db;
	char		*cause = NULL, want_s[16];
	const char	*p[1] = { want_s };
	PGresult	*r[1];
	int		 i, round, after_first = 0;

	(void)state;
	db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (db == NULL)
		fail_msg("open: %s", cause);
	if (as_member_session(db, "tadmin", &admin, &cause) != 0)
		fail_msg("login: %s", cause);
	for (round = 0; round < 3; round++) {
		for (i = 0; i < 48; i++) {
			const struct db_stmt st = { sql[i], 1, p };

			snprintf(want_s, sizeof want_s, "%d", i);
			assert_int_equal(db_batch(db, &st, 1, DB_PREPARE, r, NULL, &cause), 0);
			assert_string_equal(PQgetvalue(r[0], 0, 0), want_s);
			PQclear(r[0]);
		}
		if (round == 0)
			after_first = prepared_count(db, "%");
		else	/* no new names on the later rounds */
			assert_int_equal(prepared_count(db, "%"), after_first);
	}
	assert_true(after_first <= 32);		/* DB_PREPARED_MAX, the identities among them */
	/* the identity of prepared batches, once (the plain one of prepared_count's query
	 * came when the cap was reached: unnamed) */
	assert_int_equal(prepared_count(db, "SELECT set_config('rashin.session'%"), 1);
	db_close(db);
}

/*
 * db_batch: statements in one round trip and one transaction; a failing one fails the
 * batch (no result kept, nothing written) and the connection is usable after.
 */
static void
test_batch(void **state)
{
	struct db	*db;
	char		*cause = NULL;
	char		 sqlstate[6];
	const char	*p1[1] = { "7" }, *p2[2] = { "tadmin", "0" };
	const struct db_stmt ok[3] = {
		{ "SELECT $1::int * 6", 1, p1 },
		{ "SELECT txid_current()", 0, NULL },
		{ "SELECT txid_current(), rs_staff_id()", 0, NULL },
	};
	const struct db_stmt bad[3] = {
		{ "UPDATE staff SET name = name || '!' WHERE login = $1", 1, p2 },
		{ "SELECT 1 / $2::int, $1::text", 2, p2 },
		{ "SELECT 3", 0, NULL },
	};
	static char	 same[32];
	const struct db_stmt again = { same, 1, p1 };
	PGresult	*r[3], *res;
	int		 i, k;

	(void)state;
	db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (db == NULL)
		fail_msg("open: %s", cause);
	if (as_member(db, "tadmin", &admin, &cause) != 0)
		fail_msg("login: %s", cause);
	assert_int_equal(db_batch(db, ok, 3, 0, r, NULL, &cause), 0);
	assert_string_equal(PQgetvalue(r[0], 0, 0), "42");
	/* one transaction: the same transaction id in both, with the identity set */
	assert_string_equal(PQgetvalue(r[1], 0, 0), PQgetvalue(r[2], 0, 0));
	assert_int_equal(atoi(PQgetvalue(r[2], 0, 1)), want("EXPECT_ADMIN_ID"));
	PQclear(r[0]);
	PQclear(r[1]);
	PQclear(r[2]);

	assert_int_equal(db_batch(db, bad, 3, 0, r, sqlstate, &cause), -1);
	assert_string_equal(sqlstate, "22012");		/* division by zero */
	assert_null(r[0]);
	assert_null(r[1]);
	assert_null(r[2]);
	free(cause);
	cause = NULL;
	/* the UPDATE before it was rolled back with it; the connection still works */
	res = db_query(db, "SELECT count(*) FROM staff WHERE name LIKE '%!'", 0, NULL, NULL, &cause);
	assert_non_null(res);
	assert_string_equal(PQgetvalue(res, 0, 0), "0");
	PQclear(res);

	/* prepared: the first batch prepares, the next ones run by name; same answers */
	for (i = 0; i < 3; i++) {
		assert_int_equal(db_batch(db, ok, 3, DB_PREPARE, r, NULL, &cause), 0);
		assert_string_equal(PQgetvalue(r[0], 0, 0), "42");
		assert_string_equal(PQgetvalue(r[1], 0, 0), PQgetvalue(r[2], 0, 0));
		for (k = 0; k < 3; k++)
			PQclear(r[k]);
	}
	/* prepared once each, and the identity (set before every batch) once in each form:
	 * plain, and for prepared batches with generic plans */
	assert_int_equal(prepared_count(db, "%"), 5);
	assert_int_equal(prepared_count(db, "SELECT set_config('rashin.session'%"), 2);
	/* planned once for any values: no custom plans at the first executions */
	res = db_query(db, "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
	    " WHERE statement = 'SELECT $1::int * 6'", 0, NULL, NULL, &cause);
	assert_non_null(res);
	assert_int_equal(PQntuples(res), 1);
	assert_int_equal(atoi(PQgetvalue(res, 0, 0)), 3);
	assert_int_equal(atoi(PQgetvalue(res, 0, 1)), 0);
	PQclear(res);
	/* a failing prepared batch, twice: the second finds what the first's Parses left
	 * (names are texts' hashes: parsed again, they would collide) and fails the same way */
	for (i = 0; i < 2; i++) {
		assert_int_equal(db_batch(db, bad, 3, DB_PREPARE, r, sqlstate, &cause), -1);
		assert_string_equal(sqlstate, "22012");
		assert_null(r[0]);
		free(cause);
		cause = NULL;
	}
	assert_int_equal(prepared_count(db, "UPDATE staff SET name%"), 1);
	assert_int_equal(prepared_count(db, "SELECT 1 / $2::int%"), 1);
	assert_int_equal(db_batch(db, ok, 3, DB_PREPARE, r, NULL, &cause), 0);
	for (k = 0; k < 3; k++)
		PQclear(r[k]);
	/* the same text at another address (db.c knows a statement by its address first):
	 * the same name, not parsed twice */
	memcpy(same, ok[0].sql, strlen(ok[0].sql) + 1);
	for (i = 0; i < 2; i++) {
		assert_int_equal(db_batch(db, &again, 1, DB_PREPARE, r, NULL, &cause), 0);
		assert_string_equal(PQgetvalue(r[0], 0, 0), "42");
		PQclear(r[0]);
	}
	assert_int_equal(prepared_count(db, "SELECT $1::int * 6"), 1);
	db_close(db);
}

/* Until db_batch_ready says the sent batch is in, waiting on the socket (at most 10 s);
 * returns how many times it said "not yet". */
static int
wait_ready(struct db *db)
{
	struct pollfd	 pfd;
	int		 waits = 0;

	while (!db_batch_ready(db)) {
		pfd.fd = db_socket(db);
		pfd.events = POLLIN;
		if (pfd.fd < 0 || poll(&pfd, 1, 10000) <= 0)
			fail_msg("the batch's results did not come");
		waits++;
	}
	return waits;
}

/* db_batch_send / db_batch_ready / db_batch_take: the reload keys need not wait for. */
static void
test_batch_async(void **state)
{
	struct db	*db, *other;
	char		*cause = NULL;
	char		 sqlstate[6];
	const char	*p1[1] = { "7" }, *p0[1] = { "0" };
	const struct db_stmt slow[2] = {
		{ "SELECT pg_sleep(0.3), $1::int * 6", 1, p1 },
		{ "SELECT txid_current(), rs_staff_id()", 0, NULL },
	};
	const struct db_stmt bad[2] = {
		{ "SELECT 6", 0, NULL },
		{ "SELECT 1 / $1::int", 1, p0 },
	};
	const struct db_stmt hang[1] = { { "SELECT pg_sleep(30)", 0, NULL } };
	PGresult	*r[2], *res;
	char		 pid[16];
	int		 i;

	(void)state;
	db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (db == NULL)
		fail_msg("open: %s", cause);
	if (as_member(db, "tadmin", &admin, &cause) != 0)
		fail_msg("login: %s", cause);

	/* nothing in flight: ready */
	assert_int_equal(db_batch_ready(db), 1);
	/* sent, and not in while the server sleeps: the caller goes on meanwhile */
	assert_int_equal(db_batch_send(db, slow, 2, DB_PREPARE, &cause), 0);
	assert_int_equal(db_batch_ready(db), 0);
	assert_true(wait_ready(db) >= 1);
	assert_int_equal(db_batch_take(db, r, sqlstate, &cause), 0);
	assert_string_equal(PQgetvalue(r[0], 0, 1), "42");
	assert_int_equal(atoi(PQgetvalue(r[1], 0, 1)), want("EXPECT_ADMIN_ID"));
	PQclear(r[0]);
	PQclear(r[1]);
	/* prepared as db_batch would: both, and the identity, once */
	for (i = 0; i < 2; i++) {
		assert_int_equal(db_batch_send(db, slow, 2, DB_PREPARE, &cause), 0);
		wait_ready(db);
		assert_int_equal(db_batch_take(db, r, NULL, &cause), 0);
		PQclear(r[0]);
		PQclear(r[1]);
	}
	assert_int_equal(prepared_count(db, "SELECT pg_sleep(0.3)%"), 1);
	/* the identity of prepared batches, and the plain one of prepared_count's query */
	assert_int_equal(prepared_count(db, "SELECT set_config('rashin.session'%"), 2);

	/* another call while the batch is on its way: the batch is read to its end first,
	 * the call answers, and the batch's results are still there to take */
	assert_int_equal(db_batch_send(db, slow, 2, 0, &cause), 0);
	res = db_query(db, "SELECT 'after'", 0, NULL, NULL, &cause);
	assert_non_null(res);
	assert_string_equal(PQgetvalue(res, 0, 0), "after");
	PQclear(res);
	assert_int_equal(db_batch_ready(db), 1);
	assert_int_equal(db_batch_take(db, r, NULL, &cause), 0);
	assert_string_equal(PQgetvalue(r[0], 0, 1), "42");
	PQclear(r[0]);
	PQclear(r[1]);

	/* a failing statement: -1, its SQLSTATE, no results; the connection goes on */
	assert_int_equal(db_batch_send(db, bad, 2, DB_PREPARE, &cause), 0);
	wait_ready(db);
	assert_int_equal(db_batch_take(db, r, sqlstate, &cause), -1);
	assert_string_equal(sqlstate, "22012");
	assert_null(r[0]);
	assert_null(r[1]);
	free(cause);
	cause = NULL;

	/* the backend killed while the batch is on its way: ready (the connection is gone),
	 * and take says so */
	res = db_query(db, "SELECT pg_backend_pid()", 0, NULL, NULL, &cause);
	assert_non_null(res);
	snprintf(pid, sizeof pid, "%s", PQgetvalue(res, 0, 0));
	PQclear(res);
	assert_int_equal(db_batch_send(db, hang, 1, 0, &cause), 0);
	other = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (other == NULL)
		fail_msg("open: %s", cause);
	res = db_query(other, "SELECT pg_terminate_backend($1::int)", 1,
	    (const char *const[]){ pid }, NULL, &cause);
	assert_non_null(res);
	PQclear(res);
	db_close(other);
	wait_ready(db);
	assert_int_equal(db_batch_take(db, r, NULL, &cause), -1);
	assert_null(r[0]);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(db_state(db), DB_DISCONNECTED);
	/* and back */
	assert_int_equal(db_reconnect(db, &cause), 0);
	assert_int_equal(db_batch_send(db, slow, 2, 0, &cause), 0);
	assert_int_equal(db_batch_take(db, r, NULL, &cause), 0);	/* waits */
	assert_string_equal(PQgetvalue(r[0], 0, 1), "42");
	PQclear(r[0]);
	PQclear(r[1]);
	/* one left in flight at close: freed with the connection (ASan would tell) */
	assert_int_equal(db_batch_send(db, slow, 2, 0, &cause), 0);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admin_sees_everything),
		cmocka_unit_test(test_lead_sees_their_department),
		cmocka_unit_test(test_batch),
		cmocka_unit_test(test_batch_async),
		cmocka_unit_test(test_prepared_cap),
		cmocka_unit_test(test_partial_reload),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
