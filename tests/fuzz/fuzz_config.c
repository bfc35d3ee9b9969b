/*
 * fuzz_config — the configuration loader on arbitrary files: loads or says FILE:LINE: why.
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
	struct config cfg;
	char path[64], *cause = NULL;
	int fd = memfd_create("conf", 0);

	if (fd == -1)
		return 0;
	if (write(fd, data, size) != (ssize_t)size) {
		close(fd);
		return 0;
	}
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	if (config_load(&cfg, path, 1, &cause) != 0) {
		if (cause == NULL || strncmp(cause, path, strlen(path)) != 0)
			abort();
		free(cause);
	} else if (cfg.port < 1 || cfg.port > 65535 || cfg.max_auth_tries < 1)
		abort();
	config_free(&cfg);
	close(fd);
	return 0;
}
