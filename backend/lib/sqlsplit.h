/*
 * sqlsplit — split a migration script into single statements (quotes, identifiers,
 * dollar quotes and comments respected), so each runs with PQexecParams and an error
 * can name the file and line.
 */
#ifndef RASHIN_SQLSPLIT_H
#define RASHIN_SQLSPLIT_H

struct sql_stmt {
	char	*text;		/* one statement, without the terminating ';' */
	int	 line;		/* line of the file where it starts (1-based) */
};

/* Returns the number of statements (>= 0) in *out, or -1 with *cause (unterminated quote). */
int	sqlsplit(const char *script, struct sql_stmt **out, char **cause);
void	sqlsplit_free(struct sql_stmt *, int n);

#endif
