/*
 * sshd_argv — split the command line of an SSH exec request into argv, the way a small
 * POSIX shell would split words: blanks separate, '...' is literal, "..." allows \" \\ \$
 * \` escapes, a backslash outside quotes escapes the next byte. No globbing, no $ or `
 * expansion, no operators: the command layer gets exactly the words the user typed.
 */
#ifndef RASHIN_SSHD_ARGV_H
#define RASHIN_SSHD_ARGV_H

#include <stddef.h>

#define SSHD_ARGV_MAX_LINE	8192	/* longest accepted command line, bytes */
#define SSHD_ARGV_MAX_ARGS	256	/* most words */

/*
 * Split len bytes of line. On success *argcp and a NULL-terminated *argvp (free with
 * sshd_argv_free); -1 with *cause for NUL or control bytes, an over-long line, too many
 * words, an unterminated quote or a trailing backslash.
 */
int	sshd_argv_split(const char *line, size_t len, int *argcp, char ***argvp,
	    char **cause);
void	sshd_argv_free(int argc, char **argv);

#endif
