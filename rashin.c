/*
 * rashin — the staff administration console of a city IT division.
 * main(): subcommand dispatch only (backend/cli.c holds the commands).
 */
#include "backend/cli.h"

int
main(int argc, char **argv)
{
	return cli_main(argc, argv);
}
