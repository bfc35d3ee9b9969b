/*
 * db_impl — what a connection is and says beside its statements: whether a conninfo goes
 * over TCP, its session secret, a password's SCRAM verifier, LISTEN and its notifications.
 */
#include "backend/store/db_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

/* A host list entry that is a socket directory ("/dir", "@abstract") or empty (libpq's
 * default, a socket unless PGHOST says otherwise). */
static int
db_host_is_socket(const char *h, size_t len)
{
	return len == 0 || h[0] == '/' || h[0] == '@';
}

int
db_uses_tcp(const char *conninfo)
{
	PQconninfoOption *opts, *o;
	const char *hosts = NULL, *p;
	size_t len;
	int tcp = 0;

	if ((opts = PQconninfoParse(conninfo, NULL)) == NULL)
		return 1;
	for (o = opts; o->keyword != NULL; o++) {
		if (strcmp(o->keyword, "hostaddr") == 0 && o->val != NULL && *o->val != '\0')
			tcp = 1;
		if (strcmp(o->keyword, "host") == 0)
			hosts = o->val;
	}
	if (hosts == NULL || *hosts == '\0')
		hosts = getenv("PGHOST");
	for (p = hosts; !tcp && p != NULL; p = p[len] == ',' ? p + len + 1 : NULL) {
		len = strcspn(p, ",");
		if (!db_host_is_socket(p, len))
			tcp = 1;
	}
	PQconninfoFree(opts);
	return tcp;
}

char *
db_encrypt_password(struct db *db, const char *password, const char *user, char **cause)
{
	char *v;

	if (db_ready(db, NULL, cause) != 0)
		return NULL;
	if ((v = PQencryptPasswordConn(db->conn, password, user, "scram-sha-256")) == NULL)
		set_cause(cause, "%s", PQerrorMessage(db->conn));
	return v;
}

void
db_set_session(struct db *db, const char *secret)
{
	snprintf(db->session, sizeof db->session, "%s", secret != NULL ? secret : "");
}

const char *
db_session(const struct db *db)
{
	return db->session;
}

int
db_listen(struct db *db, char **cause)
{
	PGresult *res;

	if (db->listening)
		return 0;
	if (db_ready(db, NULL, cause) != 0)
		return -1;
	res = db_query_txn(db, "LISTEN rashin", 0, NULL, NULL, cause);
	if (res == NULL)
		return -1;
	PQclear(res);
	db->listening = 1;
	return 0;
}

int
db_socket(struct db *db)
{
	if (db->state != DB_CONNECTED)
		return -1;
	return PQsocket(db->conn);
}

int
db_notifications(struct db *db, void (*fn)(void *, const char *), void *arg)
{
	PGnotify *n;

	if (db->state != DB_CONNECTED)
		return -1;
	if (PQconsumeInput(db->conn) != 1 || PQstatus(db->conn) == CONNECTION_BAD) {
		db_lost(db);
		return -1;
	}
	while ((n = PQnotifies(db->conn)) != NULL) {
		if (fn != NULL)
			fn(arg, n->extra);
		PQfreemem(n);
	}
	return 0;
}
