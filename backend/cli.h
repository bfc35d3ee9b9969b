/*
 * cli — `rashin` subcommands: demo, serve, tui, migrate, audit, and the data commands
 * of cmd.h run locally with --as LOGIN.
 */
#ifndef RASHIN_CLI_H
#define RASHIN_CLI_H

int	cli_main(int argc, char **argv);

#endif
