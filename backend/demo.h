/*
 * demo — `rashin demo`: the embedded cluster, migrations, demo staff with their keys
 * (first run only), then the SSH server; Ctrl-C or SIGTERM stops everything it started.
 */
#ifndef RASHIN_DEMO_H
#define RASHIN_DEMO_H

struct config;

int	demo_run(struct config *, int argc, char **argv);

#endif
