/*
 * backup_cmd — the operator's `rashin backup [--full] | backup list | backup verify` and
 * `rashin restore --to TIME | --latest [--into DIR] [--force]` (backend/store/backup.h does
 * the work): the arguments, and the cluster a backup needs running.
 */
#ifndef RASHIN_BACKUP_CMD_H
#define RASHIN_BACKUP_CMD_H

struct config;

/* argv[0] is "backup" or "restore". Exit status: 0 done, 1 failed, 2 usage. */
int	backup_cmd_main(const struct config *, int argc, char **argv);

#endif
