/*
 * store_tx — one transaction around several store writes (an import, a screen's "mark all
 * present"): every write in it sees the others and commits or rolls back with them. With
 * store_tx_row / store_tx_row_undo each row gets a savepoint, so a bad row is undone and
 * reported while the rest are kept (an import's --skip-bad). No libpq here.
 */
#ifndef RASHIN_STORE_TX_H
#define RASHIN_STORE_TX_H

struct db;

/* 0, or -1 with *cause. */
int	store_tx_begin(struct db *, char **cause);
int	store_tx_commit(struct db *, char **cause);
void	store_tx_rollback(struct db *);
/*
 * store_tx_begin for an import: one import at a time per member. The transaction takes
 * an advisory lock keyed by the acting member (released when it ends); a second import
 * by the same member while one runs is refused at once: -1 with *cause saying so.
 */
int	store_tx_begin_import(struct db *, char **cause);
/* Inside store_tx_begin: mark the start of a row (0, or -1 with *cause) ... */
int	store_tx_row(struct db *, char **cause);
/* ... and undo everything since that mark, keeping the transaction (0, or -1 with *cause). */
int	store_tx_row_undo(struct db *, char **cause);

#endif
