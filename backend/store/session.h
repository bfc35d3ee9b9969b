/*
 * session — the database session a login acts through (sql/140_session.sql). After the
 * SSH server has verified a key's signature, its authenticating step logs in as
 * rashin_auth (a role no session has: its password is read by the listener at start and
 * wiped before a session process is forked) and opens a session for that member and
 * key; a local `rashin ... --as LOGIN` opens one as the owner (the host's administrator).
 * The session process gets only the secret, which every transaction carries
 * (db_set_session): the database finds the member from it, so rashin_app cannot choose
 * whom it acts as. Logout closes it; server.session_hours ends it at the latest.
 */
#ifndef RASHIN_SESSION_H
#define RASHIN_SESSION_H

#include "backend/store/db.h"

#define SESSION_SECRET_LEN	DB_SESSION_MAX	/* 64 hex digits */
#define SESSION_AUTH_ROLE	"rashin_auth"

/*
 * Open a session for login: connect to conninfo (as user with password when user is not
 * NULL), rs_session_open(login, fingerprint ("" local: the owner's only), source, ttl),
 * disconnect. 0 with secret filled, or -1 with *cause.
 */
int	session_open(const char *conninfo, const char *user, const char *password,
	    const char *login, const char *fingerprint, const char *source, int ttl_hours,
	    char secret[SESSION_SECRET_LEN + 1], char **cause);
/* End db's session (its secret, db_set_session) and forget the secret: 0, or -1. */
int	session_close(struct db *, char **cause);
/*
 * rashin_auth's password from path (allocated, newline stripped). With create, a missing
 * file is made (mode 0600, O_EXCL, 32 random bytes in hex) first.
 */
int	session_password_load(const char *path, int create, char **password, char **cause);
/* As the owner: set rashin_auth's password (a SCRAM verifier computed here). */
int	session_password_install(const char *owner_conninfo, const char *password,
	    char **cause);
/* Wipe and free a password. */
void	session_password_free(char *password);

#endif
