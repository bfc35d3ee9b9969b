/*
 * serve — `rashin serve`: the SSH front door wired to the database (keys, identities,
 * login events) and to the console and command layer.
 */
#ifndef RASHIN_SERVE_H
#define RASHIN_SERVE_H

struct config;

/* Serve until SIGINT/SIGTERM; 0 on a clean stop, -1 with cause. */
int	serve_run(struct config *, char **cause);

#endif
