/*
 * session — open and close a login's database session; rashin_auth's password.
 */
#include "backend/store/session.h"

#include <sys/random.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/util.h"

int
session_open(const char *conninfo, const char *user, const char *password,
    const char *login, const char *fingerprint, const char *source, int ttl_hours,
    char secret[SESSION_SECRET_LEN + 1], char **cause)
{
	char hours[16];
	const char *p[4] = { login, fingerprint, source, hours };
	struct db *db;
	PGresult *res;
	int rc = -1;

	secret[0] = '\0';
	snprintf(hours, sizeof hours, "%d", ttl_hours);
	if ((db = db_open_as(conninfo, user, password, cause)) == NULL)
		return -1;
	res = db_query(db, "SELECT rs_session_open($1, $2, $3, make_interval(hours => $4::int))",
	    4, p, NULL, cause);
	if (res != NULL && PQntuples(res) == 1 &&
	    strlen(db_str(res, 0, 0)) == SESSION_SECRET_LEN) {
		memcpy(secret, db_str(res, 0, 0), SESSION_SECRET_LEN + 1);
		rc = 0;
	} else if (res != NULL)
		set_cause(cause, "rs_session_open: no secret");
	PQclear(res);
	db_close(db);
	return rc;
}

int
session_close(struct db *db, char **cause)
{
	const char *p[1] = { db_session(db) };
	int rc = 0;

	if (p[0][0] == '\0')
		return 0;
	rc = db_exec(db, "SELECT rs_session_close($1)", 1, p, NULL, cause);
	db_set_session(db, NULL);
	return rc;
}

/* Make path with a new random password: 0, or -1 (EEXIST: someone made it first). */
static int
session_password_make(const char *path, char **cause)
{
	unsigned char rnd[32];
	char hex[2 * sizeof rnd + 2];
	size_t i;
	int fd, rc = -1;

	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		return set_cause(cause, "getrandom: %s", strerror(errno));
	for (i = 0; i < sizeof rnd; i++)
		snprintf(hex + 2 * i, 3, "%02x", rnd[i]);
	hex[2 * sizeof rnd] = '\n';
	hex[2 * sizeof rnd + 1] = '\0';
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (errno == EEXIST)
			rc = 0;
		else
			set_cause(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (write(fd, hex, strlen(hex)) != (ssize_t)strlen(hex) || fsync(fd) != 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		close(fd);
		(void)unlink(path);
		goto out;
	}
	close(fd);
	rc = 0;
out:
	explicit_bzero(rnd, sizeof rnd);
	explicit_bzero(hex, sizeof hex);
	return rc;
}

int
session_password_load(const char *path, int create, char **password, char **cause)
{
	char *buf = NULL;
	size_t len = 0;

	*password = NULL;
	if (create && access(path, F_OK) != 0 && session_password_make(path, cause) != 0)
		return -1;
	if (read_file(path, &buf, &len, cause) != 0)
		return -1;
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		buf[--len] = '\0';
	if (len == 0 || strlen(buf) != len) {
		session_password_free(buf);
		return set_cause(cause, "%s: no password in it", path);
	}
	*password = buf;
	return 0;
}

void
session_password_free(char *password)
{
	if (password == NULL)
		return;
	explicit_bzero(password, strlen(password));
	free(password);
}

int
session_password_install(const char *owner_conninfo, const char *password, char **cause)
{
	struct db *db;
	const char *p[1];
	char *verifier;
	int rc = -1;

	if ((db = db_open(owner_conninfo, cause)) == NULL)
		return -1;
	if ((verifier = db_encrypt_password(db, password, SESSION_AUTH_ROLE, cause)) == NULL)
		goto out;
	p[0] = verifier;
	rc = db_exec(db, "SELECT rs_auth_password($1)", 1, p, NULL, cause);
	PQfreemem(verifier);
out:
	db_close(db);
	return rc;
}
