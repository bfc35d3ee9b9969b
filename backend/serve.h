/*
 * serve — `rashin serve`: the SSH front door wired to the database (keys, identities,
 * login events) and to the console and command layer.
 */
#ifndef RASHIN_SERVE_H
#define RASHIN_SERVE_H

struct config;

/*
 * Serve until SIGINT/SIGTERM; 0 on a clean stop, -1 with cause. The notification hub
 * connects with hub_conninfo (NULL: the configured conninfo), which must stay valid
 * while the server runs. warm: connections made through the embedded pooler before the
 * first login, so it holds that many (database.pool_warm; 0: none). hub_conninfo not
 * NULL means the embedded cluster: rashin_auth, which opens sessions, gets the password
 * serve_run sets as the owner (owner_conninfo); else database.auth_password_file's.
 */
int	serve_run(struct config *, const char *hub_conninfo, const char *owner_conninfo,
	    int warm, char **cause);

#endif
