/*
 * store_rc — inside the store: a write's result (or its SQLSTATE when it failed) as an
 * enum store_rc (outcome.h). A write that returned no row is STORE_REFUSED (row-level
 * security hid it); the result is PQclear()ed. A refusal gets its reason in *cause,
 * picked by the code: a unique violation ("what: already exists"), the last active admin
 * (RS201), a policy or a role change by a non-admin (42501, RS202, or an update that
 * reached no row); any other refusal keeps the reason db.c gave it. Not for the layers
 * above (it needs libpq).
 */
#ifndef RASHIN_STORE_RC_H
#define RASHIN_STORE_RC_H

#include <libpq-fe.h>

#include "backend/store/outcome.h"

int	store_rc_of(const char *state, PGresult *res, const char *what, char **cause);

#endif
