/*
 * store_outcome — the outcome of a write as the application sees it (backend/store/
 * outcome.c, db.c), for tests/db/test_outcome.sh. Not a unit test; two modes:
 *
 *   store_outcome codes LANG CODE...
 *	one line per code: CODE|outcome_of|outcome_message in LANG ("-" when none)
 *   store_outcome exec LANG LOGIN SQL
 *	run SQL (the test's statement, not the application's) as staff LOGIN through
 *	db.c on RASHIN_TEST_CONNINFO: SQLSTATE|outcome_of|the cause the user would read
 *
 * Exit 0 when it could run at all (the outcome is what is printed), 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/store/auth.h"
#include "backend/store/db.h"
#include "backend/store/outcome.h"
#include "tests/db/as_member.h"

static int
codes(int argc, char **argv)
{
	int i;

	for (i = 0; i < argc; i++) {
		const char *m = outcome_message(argv[i]);

		printf("%s|%d|%s\n", argv[i], (int)outcome_of(argv[i]), m != NULL ? m : "-");
	}
	return 0;
}

static int
exec_as(const char *login, const char *sql)
{
	struct db	*db;
	struct identity	 id;
	char		 state[6] = "", *cause = NULL;

	memset(&id, 0, sizeof id);
	if ((db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause)) == NULL ||
	    as_member(db, login, &id, &cause) != 0) {
		fprintf(stderr, "store_outcome: %s: %s\n", login, cause != NULL ? cause : "?");
		free(cause);
		if (db != NULL)
			db_close(db);
		return 1;
	}
	if (db_exec(db, sql, 0, NULL, state, &cause) == 0)
		printf("ok|%d|\n", (int)STORE_OK);
	else
		printf("%s|%d|%s\n", state, (int)outcome_of(state), cause != NULL ? cause : "");
	free(cause);
	db_close(db);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "codes") == 0) {
		i18n_init(argv[2], NULL);
		return codes(argc - 3, argv + 3);
	}
	if (argc == 5 && strcmp(argv[1], "exec") == 0) {
		i18n_init(argv[2], NULL);
		return exec_as(argv[3], argv[4]);
	}
	fprintf(stderr, "usage: store_outcome codes LANG CODE... | exec LANG LOGIN SQL\n");
	return 1;
}
