/*
 * fuzz_sshkey — OpenSSH public key lines: parse or refuse with a reason; an accepted key
 * has a fingerprint of the SHA256: form and an allowed type.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/sshkeys.h"
#include "backend/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sshkey_info ki;
	char *line = xstrndup((const char *)data, size), *cause = NULL;

	if (sshkey_parse_line(line, &ki, &cause) == 0) {
		if (strncmp(ki.fingerprint, "SHA256:", 7) != 0 || strlen(ki.fingerprint) != 50)
			abort();
		if (strcmp(ki.type, "ssh-rsa") == 0 && ki.bits < 3072)
			abort();
		sshkey_info_free(&ki);
	} else {
		if (cause == NULL)
			abort();
		free(cause);
	}
	free(line);
	return 0;
}
