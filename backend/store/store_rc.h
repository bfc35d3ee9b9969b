/*
 * store_rc — inside the store: a write's result (or its SQLSTATE when it failed) as an
 * enum store_rc (outcome.h). A write that returned no row is STORE_REFUSED (row-level
 * security hid it); the result is PQclear()ed. Not for the layers above (it needs libpq).
 */
#ifndef RASHIN_STORE_RC_H
#define RASHIN_STORE_RC_H

#include <libpq-fe.h>

#include "backend/store/outcome.h"

int	store_rc_of(const char *state, PGresult *res, char **cause);

#endif
