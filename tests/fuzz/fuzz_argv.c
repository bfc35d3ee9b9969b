/*
 * fuzz_argv — the exec-command parser (backend/sshd_argv.c) on arbitrary bytes: a refusal
 * carries a cause and no words; an accepted line gives at most SSHD_ARGV_MAX_ARGS words
 * without NUL, no longer in total than the line, and quoting every word with '...' and
 * splitting again gives the same words back.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/sshd/sshd_argv.h"
#include "backend/lib/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The words quoted for a POSIX shell: 'it'\''s' */
static char *
requote(int argc, char **argv, size_t *lenp)
{
	size_t	 n = 1, k;
	char	*s, *p;
	int	 i;

	for (i = 0; i < argc; i++)
		n += 3 + 4 * strlen(argv[i]);
	p = s = xmalloc(n);
	for (i = 0; i < argc; i++) {
		if (i > 0)
			*p++ = ' ';
		*p++ = '\'';
		for (k = 0; argv[i][k] != '\0'; k++) {
			if (argv[i][k] == '\'') {
				memcpy(p, "'\\''", 4);
				p += 4;
			} else
				*p++ = argv[i][k];
		}
		*p++ = '\'';
	}
	*p = '\0';
	*lenp = (size_t)(p - s);
	return s;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	**argv = NULL, **again = NULL, *cause = NULL, *line;
	int	  argc = -1, argc2 = -1, i;
	size_t	  total = 0, len;

	if (sshd_argv_split((const char *)data, size, &argc, &argv, &cause) != 0) {
		if (cause == NULL || argc != 0 || argv != NULL)
			abort();
		free(cause);
		return 0;
	}
	if (argc < 0 || argc > SSHD_ARGV_MAX_ARGS || argv == NULL || argv[argc] != NULL)
		abort();
	for (i = 0; i < argc; i++)
		total += strlen(argv[i]);
	if (total > size)
		abort();
	line = requote(argc, argv, &len);
	if (len <= SSHD_ARGV_MAX_LINE) {
		if (sshd_argv_split(line, len, &argc2, &again, &cause) != 0)
			abort();
		/* an empty word quoted is '' and comes back as an empty word */
		if (argc2 != argc)
			abort();
		for (i = 0; i < argc; i++)
			if (strcmp(argv[i], again[i]) != 0)
				abort();
		sshd_argv_free(argc2, again);
	}
	free(line);
	sshd_argv_free(argc, argv);
	return 0;
}
