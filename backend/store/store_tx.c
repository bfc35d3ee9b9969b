/*
 * store_tx — a transaction around several store writes, with a savepoint per row.
 */
#include "backend/store/store_tx.h"

#include <stddef.h>

#include "backend/store/db.h"

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
