/*
 * fuzz_sshkey — OpenSSH public key lines: parse or refuse with a reason; an accepted key
 * has a fingerprint of the SHA256: form and an allowed type.
 *   byte 0 below 6: the rest is a key blob (the SSH wire format inside the base64), put
 *   into a line "TYPE BASE64 k" with types[byte 0], so that mutations reach the blob
 *   parser (blob_check) and libssh's import instead of breaking the base64;
 *   otherwise: the bytes are the line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "backend/lib/sshkeys.h"
#include "backend/lib/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const types[] = {
	"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"ssh-rsa", "ssh-dss",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sshkey_info ki;
	char *line, *b64 = NULL, *cause = NULL;

	if (size >= 1 && data[0] < sizeof types / sizeof types[0]) {
		b64 = xmalloc(4 * (size / 3 + 1) + 1);
		EVP_EncodeBlock((unsigned char *)b64, data + 1, (int)(size - 1));
		line = xasprintf("%s %s k", types[data[0]], b64);
	} else
		line = xstrndup((const char *)data, size);
	if (sshkey_parse_line(line, &ki, &cause) == 0) {
		if (strncmp(ki.fingerprint, "SHA256:", 7) != 0 || strlen(ki.fingerprint) != 50)
			abort();
		if (strcmp(ki.type, "ssh-rsa") == 0 && ki.bits < 3072)
			abort();
		if (strcmp(ki.type, "ssh-dss") == 0)
			abort();
		if (b64 != NULL && (strcmp(ki.type, types[data[0]]) != 0 ||
		    strcmp(ki.b64, b64) != 0 || strcmp(ki.comment, "k") != 0))
			abort();
		sshkey_info_free(&ki);
	} else {
		if (cause == NULL)
			abort();
		free(cause);
	}
	free(b64);
	free(line);
	return 0;
}
