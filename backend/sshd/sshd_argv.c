/*
 * sshd_argv — shell-like word splitting for exec requests (see sshd_argv.h).
 */
#include "backend/sshd/sshd_argv.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

enum sshd_argv_state { ARGV_BLANK, ARGV_WORD, ARGV_SINGLE, ARGV_DOUBLE };

static int
sshd_argv_blank(char c)
{
	return (c == ' ' || c == '\t');
}

void
sshd_argv_free(int argc, char **argv)
{
	int	 i;

	if (argv == NULL)
		return;
	for (i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

int
sshd_argv_split(const char *line, size_t len, int *argcp, char ***argvp, char **cause)
{
	enum sshd_argv_state	 state = ARGV_BLANK;
	char			**argv = NULL, *word = NULL;
	size_t			 i, wlen = 0;
	int			 argc = 0, rc = -1;
	unsigned char		 c;

	*argcp = 0;
	*argvp = NULL;
	if (len > SSHD_ARGV_MAX_LINE) {
		set_cause(cause, "command line too long (%zu bytes, at most %d)", len,
		    SSHD_ARGV_MAX_LINE);
		goto out;
	}
	for (i = 0; i < len; i++) {
		c = (unsigned char)line[i];
		if (c == '\0') {
			set_cause(cause, "NUL byte in command line");
			goto out;
		}
		if ((c < 0x20 && c != '\t') || c == 0x7f) {
			set_cause(cause, "control character 0x%02x in command line", c);
			goto out;
		}
	}

	argv = xcalloc(SSHD_ARGV_MAX_ARGS + 1, sizeof *argv);
	word = xmalloc(len + 1);
	for (i = 0; i <= len; i++) {
		c = i < len ? (unsigned char)line[i] : '\0';
		switch (state) {
		case ARGV_BLANK:
			if (c == '\0' || sshd_argv_blank((char)c))
				continue;
			state = ARGV_WORD;
			wlen = 0;
			/* FALLTHROUGH */
		case ARGV_WORD:
			if (c == '\0' || sshd_argv_blank((char)c)) {
				if (argc == SSHD_ARGV_MAX_ARGS) {
					set_cause(cause, "too many words in command line "
					    "(at most %d)", SSHD_ARGV_MAX_ARGS);
					goto out;
				}
				argv[argc++] = xstrndup(word, wlen);
				state = ARGV_BLANK;
			} else if (c == '\'')
				state = ARGV_SINGLE;
			else if (c == '"')
				state = ARGV_DOUBLE;
			else if (c == '\\') {
				if (i + 1 >= len) {
					set_cause(cause, "trailing backslash in command line");
					goto out;
				}
				word[wlen++] = line[++i];
			} else
				word[wlen++] = (char)c;
			break;
		case ARGV_SINGLE:
			if (c == '\0') {
				set_cause(cause, "unterminated ' in command line");
				goto out;
			}
			if (c == '\'')
				state = ARGV_WORD;
			else
				word[wlen++] = (char)c;
			break;
		case ARGV_DOUBLE:
			if (c == '\0') {
				set_cause(cause, "unterminated \" in command line");
				goto out;
			}
			if (c == '"')
				state = ARGV_WORD;
			else if (c == '\\' && i + 1 < len &&
			    strchr("\"\\$`", line[i + 1]) != NULL)
				word[wlen++] = line[++i];
			else
				word[wlen++] = (char)c;
			break;
		}
	}
	*argcp = argc;
	*argvp = argv;
	argv = NULL;
	rc = 0;
out:
	free(word);
	if (argv != NULL)
		sshd_argv_free(argc, argv);
	return rc;
}
