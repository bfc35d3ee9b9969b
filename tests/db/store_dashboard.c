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

#include <stdlib.h>
#include <string.h>

#include "backend/auth.h"
#include "backend/db.h"
#include "backend/identity.h"
#include "backend/store_dashboard.h"

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
	if (db == NULL || auth_login(db, login, &id, &cause) != 0)
		fail_msg("login %s: %s", login, cause);
	db_set_staff(db, id.staff_id);
	if (store_dashboard_load(db, "2026-11-24", 2026, dept_scope ? id.dept_id : 0, 0, d,
	    &cause) != 0)
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_admin_sees_everything),
		cmocka_unit_test(test_lead_sees_their_department),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
