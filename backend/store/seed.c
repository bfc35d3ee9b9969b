/*
 * seed — the demo's owner writes (see seed.h).
 */
#include "backend/store/seed.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "backend/lib/sshkeys.h"
#include "backend/lib/util.h"

struct seed {
	PGconn	*conn;
};

struct seed *
seed_open(const char *owner_conninfo, char **cause)
{
	struct seed	*s = xcalloc(1, sizeof *s);

	s->conn = PQconnectdb(owner_conninfo);
	if (PQstatus(s->conn) != CONNECTION_OK) {
		set_cause(cause, "database: %s", PQerrorMessage(s->conn));
		seed_close(s);
		return NULL;
	}
	return s;
}

void
seed_close(struct seed *s)
{
	if (s == NULL)
		return;
	PQfinish(s->conn);
	free(s);
}

int
seed_has_staff(struct seed *s)
{
	PGresult	*res;
	int		 have;

	res = PQexecParams(s->conn, "SELECT count(*) FROM staff", 0, NULL, NULL, NULL, NULL, 0);
	have = PQresultStatus(res) == PGRES_TUPLES_OK && atoi(PQgetvalue(res, 0, 0)) > 0;
	PQclear(res);
	return have;
}

int
seed_key(struct seed *s, const char *login, const struct sshkey_info *ki, const char *comment,
    char **cause)
{
	char		 bits[16];
	const char	*p[6] = { login, ki->type, ki->b64, ki->fingerprint, bits, comment };
	PGresult	*res;
	int		 ok;

	snprintf(bits, sizeof bits, "%d", ki->bits);
	res = PQexecParams(s->conn, "INSERT INTO ssh_key (staff_id, key_type, key_b64, "
	    "fingerprint, bits, comment) SELECT id, $2, $3, $4, $5::int, $6 FROM staff "
	    "WHERE login = $1", 6, NULL, p, NULL, NULL, 0);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK;
	if (!ok)
		set_cause(cause, "%s", PQresultErrorMessage(res));
	PQclear(res);
	return ok ? 0 : -1;
}
