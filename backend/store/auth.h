/*
 * auth — turn a login (local --as) or a verified SSH key into an identity, through the
 * database's own functions (rs_identity, rs_auth_key): active staff, unrevoked keys,
 * checked at the moment of login, never cached.
 */
#ifndef RASHIN_AUTH_H
#define RASHIN_AUTH_H

struct db;
struct identity;

int	auth_login(struct db *, const char *login, struct identity *, char **cause);
int	auth_key(struct db *, const char *login, const char *key_type, const char *key_b64,
	    struct identity *, char **cause);
/* Is the key the session logged in with still unrevoked? Its id (> 0) if so, 0 revoked or
 * gone (the database has then ended the session: sql/147), -1 error. */
int	auth_key_live(struct db *, const char *fingerprint, char **cause);
/*
 * Record a login event (LOGIN, LOGIN_FAILED, LOGOUT) in the audit chain; detail is JSON.
 * session (the connection's id) and server (the SSH server's name: host:port) pair a
 * LOGIN with its LOGOUT; NULL: not recorded.
 */
int	auth_event(struct db *, const char *action, const char *login, const char *source,
	    const char *fingerprint, const char *reason, const char *session, const char *server);
/*
 * At the start of the SSH server named server (nothing else listens there now): every
 * LOGIN of its earlier runs without a LOGOUT gets one, reason "connection lost" (it was
 * killed, or the machine stopped, before the session could write its own); *n how many.
 */
int	auth_sessions_lost(struct db *, const char *server, int *n, char **cause);

#endif
