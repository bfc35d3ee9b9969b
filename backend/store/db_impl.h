/*
 * db_impl.h — the connection's insides, shared by db.c and db_impl.c only (nothing above
 * backend/store/db*.c includes it).
 */
#ifndef RASHIN_DB_IMPL_H
#define RASHIN_DB_IMPL_H

#include <libpq-fe.h>

#include "backend/store/db.h"
#include "backend/store/db_prepared.h"
#include "backend/store/db_save.h"

/*
 * One pipeline's results as they come: per statement (the identity first) its Parse's
 * result if one was sent, then its rows; each statement's results end with a NULL from
 * PQgetResult, and the Sync's result ends the pipeline.
 */
struct db_pipe {
	int			 active;	/* sent; results not yet handed over */
	int			 complete;	/* every result in, pipeline mode left */
	int			 failed;
	int			 n;		/* statements after the identity */
	int			 ngroups;	/* result groups before the Sync */
	int			 pos;		/* the group now coming */
	int			 group_step[2 * (DB_PREPARED_MAX + 1)];	/* 0: identity */
	int			 group_last[2 * (DB_PREPARED_MAX + 1)];	/* its rows */
	struct db_prepared	 added[DB_PREPARED_MAX + 1];
	int			 nadded;
	PGresult		*out[DB_PREPARED_MAX];
	PGresult		*err;
};

struct db {
	PGconn			*conn;
	char			*conninfo;
	char			 session[DB_SESSION_MAX + 1];	/* its secret, "" none */
	int			 in_txn;
	int			 listening;
	enum db_state		 state;
	struct db_names		 names;		/* its prepared statements (DB_PREPARE) */
	struct db_pipe		 async;		/* db_batch_send's, read as it comes */
	struct db		*next_let_go;	/* db_forget's list */
	char			 save[DB_SAVE_LEN];	/* this transaction's receipt */
};

/* The connection usable (reconnected if it may be), 0; -1 with cause. */
int		 db_ready(struct db *, char sqlstate[6], char **cause);
/* Mark the connection lost (said once in the log). */
void		 db_lost(struct db *);
/* One statement on the connection as it is (inside or outside a transaction). */
PGresult	*db_query_txn(struct db *, const char *sql, int n, const char *const *params,
		    char sqlstate[6], char **cause);

#endif
