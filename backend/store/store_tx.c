/*
 * store_tx — a transaction around several store writes, with a savepoint per row.
 */
#include "backend/store/store_tx.h"

#include <stddef.h>
#include <stdlib.h>

#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

/* The advisory lock's first key: "RIMP", imports; the second is the member. */
#define STORE_TX_IMPORT_LOCK	"1380535632"

int
store_tx_begin(struct db *db, char **cause)
{
	return db_begin(db, cause);
}

int
store_tx_commit(struct db *db, char **cause)
{
	return db_commit(db, cause);
}

int
store_tx_begin_import(struct db *db, char **cause)
{
	const char *p[1] = { STORE_TX_IMPORT_LOCK };
	PGresult *res;
	int got;

	if (db_begin(db, cause) != 0)
		return -1;
	if ((res = db_query(db, "SELECT pg_try_advisory_xact_lock($1::int, rs_staff_id())", 1, p,
	    NULL, cause)) == NULL) {
		db_rollback(db);
		return -1;
	}
	got = *db_str(res, 0, 0) == 't';
	PQclear(res);
	if (!got) {
		db_rollback(db);
		return set_cause(cause, "%s", _("another import of yours is still running (one at a "
		    "time per member); nothing was written, try again when it has finished"));
	}
	return 0;
}

void
store_tx_rollback(struct db *db)
{
	db_rollback(db);
}

int
store_tx_row(struct db *db, char **cause)
{
	return db_exec(db, "SAVEPOINT store_row", 0, NULL, NULL, cause);
}

int
store_tx_row_undo(struct db *db, char **cause)
{
	return db_exec(db, "ROLLBACK TO SAVEPOINT store_row", 0, NULL, NULL, cause);
}
