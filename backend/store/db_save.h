/*
 * db_save — a transaction's receipt (sql/145_save_receipt.sql): a random token set with
 * the identity, carried by the audit entries the transaction appends, so that a session
 * whose connection broke as a save ended can ask the database whether it committed.
 */
#ifndef RASHIN_DB_SAVE_H
#define RASHIN_DB_SAVE_H

#include <libpq-fe.h>

#define DB_SAVE_LEN	33	/* 128 bits in hex and the NUL */

/* A new token; "" when the kernel gives no randomness (then nothing can be asked). */
void	db_save_new(char token[DB_SAVE_LEN]);
/* Did token's transaction commit, asked on conn: 1 yes, 0 no, -1 the connection broke,
 * -2 the database cannot tell (no rs_save_done: an older schema). */
int	db_save_ask(PGconn *, const char *token);
/* *cause for what was found (1, 0, anything else: not known); returns -1. */
int	db_save_said(int done, char **cause);

#endif
