/*
 * fuzz_config — the configuration loader (config_load_stream, the parser behind config_load)
 * on arbitrary files read from memory: loads or says FILE:LINE: why. Opening the file is
 * config_load's part, tested in tests/unit/test_config.c.
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

#include "backend/lib/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char	 name[] = "fuzz.conf";
	struct config		 cfg;
	char			*cause = NULL;
	FILE			*f;

	/* read from memory: no file, no system call per input */
	if ((f = fmemopen((void *)(uintptr_t)data, size, "r")) == NULL)
		return 0;
	if (config_load_stream(&cfg, f, name, &cause) != 0) {
		if (cause == NULL || strncmp(cause, name, strlen(name)) != 0)
			abort();
		free(cause);
	} else if (cfg.port < 1 || cfg.port > 65535 || cfg.max_auth_tries < 1)
		abort();
	config_free(&cfg);
	fclose(f);
	return 0;
}
