/*
 * pgembed_hba — the embedded cluster's authentication files (see pgembed_hba.h).
 */
#include "backend/store/pgembed_hba.h"

#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_home.h"

/*
 * Who may connect, written at each start (edits are lost; a cluster made before this had
 * trust everywhere): nobody by trust. Over the Unix socket only (no TCP at all), by
 * peer authentication mapped through pg_ident.conf's map "rashin": root (the host's
 * administrator: migrations, `rashin ... --as`, the demo) may be the owner postgres or
 * rashin_app; the cluster's user rashin-db may be postgres (pgBackRest, which runs as it),
 * rashin_app and rashin_pool (PgBouncer runs as it: its server connections, and its
 * auth_user: pgembed.c); the sessions' user rashin (the SSH listener, its notification hub
 * and every session) may be rashin_app alone. rashin_auth, which opens sessions
 * (sql/140_session.sql), by its SCRAM password only (DATA_DIR/auth.secret, root's:
 * serve.c), so a process of the sessions' user cannot open a session for anyone. Running
 * rashin as an ordinary user, that user is all of these: the operating system cannot tell
 * them apart, and peer only says "that user".
 */
#define PG_HBA \
    "# written by rashin (backend/store/pgembed_hba.c) at each start: no trust anywhere\n" \
    "local  all     postgres     peer map=rashin\n" \
    "local  rashin  rashin_app   peer map=rashin\n" \
    "local  rashin  rashin_auth  scram-sha-256\n" \
    "local  rashin  rashin_pool  peer map=rashin\n"

/* A system user name as pg_ident.conf takes it, or NULL. */
static const char *
ident_name(uid_t uid)
{
	struct passwd *pw = getpwuid(uid);
	const char *p;

	if (pw == NULL || pw->pw_name[0] == '\0')
		return NULL;
	for (p = pw->pw_name; *p != '\0'; p++)
		if (strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-",
		    *p) == NULL)
			return NULL;
	return pw->pw_name;
}

int
pgembed_write_hba(const struct pgembed *pg, char **cause)
{
	char *hba = xasprintf("%s/pg_hba.conf", pg->pgdata);
	char *ident = xasprintf("%s/pg_ident.conf", pg->pgdata);
	char *root = NULL, *server = NULL, *sessions = NULL, *map = NULL;
	const char *name;
	int rc = -1;

	if ((name = ident_name(0)) != NULL)
		root = xasprintf("rashin  %s  postgres\nrashin  %s  rashin_app\n", name, name);
	if (pg->uid != 0 && (name = ident_name(pg->uid)) != NULL)
		server = xasprintf("rashin  %s  postgres\nrashin  %s  rashin_app\n"
		    "rashin  %s  rashin_pool\n", name, name, name);
	if (server == NULL) {
		set_cause(cause, _("the servers' user (uid %ld) has no usable name for pg_ident.conf"),
		    (long)pg->uid);
		goto out;
	}
	if (pg->svc_uid != pg->uid && pg->svc_uid != 0 &&
	    (name = ident_name(pg->svc_uid)) != NULL)
		sessions = xasprintf("rashin  %s  rashin_app\n", name);
	map = xasprintf("# written by rashin (backend/store/pgembed_hba.c) at each start\n"
	    "# MAPNAME  SYSTEM-USER  PG-USER\n%s%s%s", root != NULL ? root : "", server,
	    sessions != NULL ? sessions : "");
	if (pgembed_write_owned(hba, PG_HBA, 0600, pg->uid, pg->gid, cause) != 0 ||
	    pgembed_write_owned(ident, map, 0600, pg->uid, pg->gid, cause) != 0)
		goto out;
	rc = 0;
out:
	free(hba);
	free(ident);
	free(root);
	free(server);
	free(sessions);
	free(map);
	return rc;
}

