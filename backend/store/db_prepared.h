/*
 * db_prepared — the statements a connection has prepared (db.c only), named after their
 * text so that they outlive a client session on a pooled backend.
 */
#ifndef RASHIN_DB_PREPARED_H
#define RASHIN_DB_PREPARED_H

#include <libpq-fe.h>

#define DB_PREPARED_MAX		32	/* per connection; more go unnamed */
#define DB_PREPARED_NAME	36	/* "rs_", 32 hex digits, NUL */

struct db_prepared {
	const char	*sql;		/* the caller's constant: compared by address */
	char		 name[DB_PREPARED_NAME];
};

struct db_names {
	struct db_prepared	 prepared[DB_PREPARED_MAX];	/* known on this connection */
	int			 n;
	char			(*held)[DB_PREPARED_NAME];	/* the server session's, */
	int			 nheld;
	int			 held_known;			/* if asked (db_names_ask) */
};

/* The name of the statement whose text is sql: the same in every process. */
void		 db_prepared_name_of(const char *sql, char name[DB_PREPARED_NAME]);
/* The prepared statement for sql in list[0..n-1], or NULL. */
const char	*db_prepared_in(const struct db_prepared *list, int n, const char *sql);
/* 1 if list[0..n-1] has name. */
int		 db_prepared_named(const struct db_prepared *list, int n, const char *name);
/* The same among those known on the connection. */
const char	*db_names_find(struct db_names *, const char *sql);
/* Ask the server session which statements it holds, once per connection and again after
 * held_known is cleared. Not inside a pipeline. */
void		 db_names_ask(struct db_names *, PGconn *);
/* 1 if the server session has a statement of that name: prepared on this connection, or
 * held when asked (by an earlier client of a pooled backend, or a failed batch's Parse). */
int		 db_names_has(const struct db_names *, const char *name);
/* Forget all (a new session, or the end). */
void		 db_names_free(struct db_names *);

#endif
