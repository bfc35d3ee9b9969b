/*
 * store_mig — the board's one-key write (backend/store/store_mig.c mig_cell_set) against
 * a real PostgreSQL, as staff members under row-level security: the version the board
 * read goes with the write; a stale one writes nothing and says who changed the cell,
 * when and to what; a cell with no row yet is written with MIG_VERSION_NONE; the
 * database's refusal comes back as STORE_REFUSED in words. Not a unit test:
 * tests/db/test_store_mig.sh makes the cluster (tests/db/mig_fixture.sql) and runs it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "backend/lib/identity.h"
#include "backend/store/auth.h"
#include "backend/store/db.h"
#include "backend/store/store_mig.h"
#include "tests/db/as_member.h"

#define SYS_OWN		901	/* テスト業務, the lead's department's */
#define SYS_OTHER	902	/* 他課業務, another department's */
#define STEP		913	/* テスト選定: a row on 901 (todo), none on 902 */
#define TODAY		"2026-07-01"

static struct db *
open_as(const char *login)
{
	struct db	*db;
	struct identity	 id;
	char		*cause = NULL;

	memset(&id, 0, sizeof id);
	db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause);
	if (db == NULL || as_member(db, login, &id, &cause) != 0)
		fail_msg("login %s: %s", login, cause);
	return db;
}

/* The board as of TODAY and the cell of system sys x STEP on it. */
static struct mig_cell *
board_cell(struct db *db, struct mig_board *b, int sys)
{
	struct fy_date	 today = { 2026, 7, 1 };
	char		*cause = NULL;
	int		 i, j;

	if (mig_board_load(db, &today, b, &cause) != 0)
		fail_msg("board: %s", cause);
	for (i = 0; i < b->nsys && b->sys[i].id != sys; i++)
		;
	for (j = 0; j < b->nstep && b->steps[j].id != STEP; j++)
		;
	assert_true(i < b->nsys && j < b->nstep);
	return mig_board_cell(b, i, j);
}

static struct mig_cell_now
now_of(struct db *db, int sys)
{
	struct mig_cell_now	 now;
	char			*cause = NULL;

	if (mig_cell_now_load(db, sys, STEP, &now, &cause) != 0)
		fail_msg("now: %s", cause);
	return now;
}

/* Two people on one cell: the first writes with the version read, the second (who read
 * the same version) is told, and nothing of theirs is written. */
static void
test_stale_write(void **state)
{
	struct db		*a = open_as("tlead"), *b = open_as("tadmin");
	struct mig_board	 ba, bb;
	struct mig_cell		*ca, *cb;
	struct mig_cell_now	 now;
	const struct fy_date	 today = { 2026, 7, 1 };
	const int		 ids[1][2] = { { SYS_OWN, STEP } };
	char			*cause = NULL;
	int			 va, vb, v0;

	(void)state;
	ca = board_cell(a, &ba, SYS_OWN);
	cb = board_cell(b, &bb, SYS_OWN);
	assert_int_equal(ca->st, MIG_TODO);
	assert_true(ca->version >= 1);			/* the fixture's row */
	assert_int_equal(ca->version, cb->version);	/* both read the same */
	v0 = va = ca->version;
	vb = cb->version;

	assert_int_equal(mig_cell_set(a, SYS_OWN, STEP, MIG_DOING, &va, TODAY, &now, &cause),
	    STORE_OK);
	assert_null(cause);
	assert_int_equal(va, v0 + 1);

	assert_int_equal(mig_cell_set(b, SYS_OWN, STEP, MIG_DONE, &vb, TODAY, &now, &cause),
	    STORE_STALE);
	assert_int_equal(vb, v0);			/* not moved on */
	assert_int_equal(now.st, MIG_DOING);		/* theirs, to what */
	assert_int_equal(now.version, v0 + 1);
	assert_string_equal(now.who, "tlead");		/* by whom (the audit trail) */
	assert_int_equal((int)strlen(now.when), 19);	/* YYYY-MM-DD HH:MM:SS */
	assert_non_null(cause);
	assert_non_null(strstr(cause, "tlead"));
	free(cause);
	cause = NULL;
	assert_int_equal(now_of(a, SYS_OWN).st, MIG_DOING);	/* nothing of b's written */
	assert_int_equal(now_of(a, SYS_OWN).version, v0 + 1);

	/* b's board reads the cell again (as its notification would): the write now goes */
	assert_int_equal(mig_board_cells(b, &today, &bb, ids, 1, &cause), 0);
	assert_int_equal(cb->st, MIG_DOING);
	assert_int_equal(cb->version, v0 + 1);
	vb = cb->version;
	assert_int_equal(mig_cell_set(b, SYS_OWN, STEP, MIG_DONE, &vb, TODAY, &now, &cause),
	    STORE_OK);
	assert_int_equal(vb, v0 + 2);

	/* the other way: the lead (no audit trail) is told by the status history */
	assert_int_equal(mig_cell_set(a, SYS_OWN, STEP, MIG_NA, &va, TODAY, &now, &cause),
	    STORE_STALE);
	assert_int_equal(now.st, MIG_DONE);
	assert_string_equal(now.who, "tadmin");
	free(cause);
	mig_board_free(&ba);
	mig_board_free(&bb);
	db_close(a);
	db_close(b);
}

/* A cell without a row: written with MIG_VERSION_NONE; a second such write is stale. */
static void
test_no_row_yet(void **state)
{
	struct db		*a = open_as("tadmin"), *b = open_as("tadmin");
	struct mig_board	 bd;
	struct mig_cell_now	 now;
	char			*cause = NULL;
	int			 va, vb;

	(void)state;
	assert_int_equal(board_cell(a, &bd, SYS_OTHER)->version, MIG_VERSION_NONE);
	mig_board_free(&bd);
	va = vb = MIG_VERSION_NONE;
	assert_int_equal(mig_cell_set(a, SYS_OTHER, STEP, MIG_DOING, &va, TODAY, &now, &cause),
	    STORE_OK);
	assert_int_equal(va, 1);
	assert_int_equal(mig_cell_set(b, SYS_OTHER, STEP, MIG_NA, &vb, TODAY, &now, &cause),
	    STORE_STALE);
	assert_int_equal(now.st, MIG_DOING);
	assert_string_equal(now.who, "tadmin");
	free(cause);
	assert_int_equal(now_of(a, SYS_OTHER).st, MIG_DOING);
	db_close(a);
	db_close(b);
}

/* The database refuses the lead another department's system: said in words. */
static void
test_refused(void **state)
{
	struct db		*db = open_as("tlead");
	struct mig_board	 bd;
	struct mig_cell_now	 now;
	char			*cause = NULL;
	int			 v;

	(void)state;
	v = board_cell(db, &bd, SYS_OTHER)->version;
	mig_board_free(&bd);
	assert_int_equal(mig_cell_set(db, SYS_OTHER, STEP, MIG_DONE, &v, TODAY, &now, &cause),
	    STORE_REFUSED);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "他課業務"));
	free(cause);
	db_close(db);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_write),
		cmocka_unit_test(test_no_row_yet),
		cmocka_unit_test(test_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
