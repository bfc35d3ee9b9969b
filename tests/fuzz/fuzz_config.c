/*
 * fuzz_config — the configuration loader on arbitrary files: loads or says FILE:LINE: why.
 * libconfig 1.5 leaks its scanner buffer on some syntax errors, so libFuzzer's per-input
 * leak check (a full LeakSanitizer scan whenever an input mallocs more than it frees) ran on
 * most inputs (~200 execs/s). tests/fuzz/run.sh runs this harness with -detect_leaks=0:
 * LeakSanitizer still checks the whole run at exit (libconfig's leak suppressed in
 * lsan.supp), so a leak in rashin's own code still fails the run, just without the input.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "backend/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 fd = -1;
	static char	 path[64];
	struct config	 cfg;
	char		*cause = NULL;

	/* one memory file for the whole run, rewritten per input (not one per input) */
	if (fd == -1) {
		if ((fd = memfd_create("conf", 0)) == -1)
			abort();
		snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	}
	if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (config_load(&cfg, path, 1, &cause) != 0) {
		if (cause == NULL || strncmp(cause, path, strlen(path)) != 0)
			abort();
		free(cause);
	} else if (cfg.port < 1 || cfg.port > 65535 || cfg.max_auth_tries < 1)
		abort();
	config_free(&cfg);
	return 0;
}
