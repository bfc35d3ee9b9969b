/*
 * cmd_table — every subcommand of every command with its positionals and options, as
 * data (args.h): the dispatcher parses by it, and help is written from it.
 */
#ifndef RASHIN_CMD_TABLE_H
#define RASHIN_CMD_TABLE_H

#include <stddef.h>

#include "backend/cmd/args.h"

extern const struct args_spec	cmd_specs[];
extern const size_t		cmd_nspecs;

#endif
