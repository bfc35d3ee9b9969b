/*
 * pgembed_hba — who may connect to the embedded cluster: its pg_hba.conf and pg_ident.conf,
 * written at each start (no trust anywhere).
 */
#ifndef RASHIN_PGEMBED_HBA_H
#define RASHIN_PGEMBED_HBA_H

struct pgembed;

/* Write pg->pgdata's pg_hba.conf and pg_ident.conf, owned by the servers' user. 0 or -1. */
int	pgembed_write_hba(const struct pgembed *, char **cause);

#endif
