/*
 * secretbox — secrets the database must not be able to read (TOTP seeds), sealed with
 * AES-256-GCM under a key kept in a file outside the database (config vdi.key_file).
 * Sealed form: 12-byte nonce | ciphertext | 16-byte tag, stored as bytea. The associated
 * data binds a sealed value to its owner (e.g. "vdi-mfa:42"), so a ciphertext copied to
 * another row does not open.
 */
#ifndef RASHIN_SECRETBOX_H
#define RASHIN_SECRETBOX_H

#include <stddef.h>

#define SECRETBOX_KEYLEN	32
#define SECRETBOX_NONCELEN	12
#define SECRETBOX_TAGLEN	16
#define SECRETBOX_OVERHEAD	(SECRETBOX_NONCELEN + SECRETBOX_TAGLEN)

/*
 * Load the key from path, creating it (32 random bytes, mode 0600, never overwriting)
 * when it does not exist. A key file that the group or others may read, that is not a
 * regular file, or is not exactly 32 bytes is refused with a message naming it.
 */
int	secretbox_key_load(const char *path, unsigned char key[SECRETBOX_KEYLEN], char **cause);
/*
 * Load (or make) the key from path now and keep it in memory: secretbox_key_load(path)
 * then answers from memory. The server reads it before it gives up root, so sessions
 * running as the service user need no way to the file.
 */
int	secretbox_key_preload(const char *path, char **cause);

/* Seal n bytes of plain; *out (allocated) is n + SECRETBOX_OVERHEAD bytes. */
int	secretbox_seal(const unsigned char key[SECRETBOX_KEYLEN], const char *aad,
	    const unsigned char *plain, size_t n, unsigned char **out, size_t *outlen,
	    char **cause);
/* Open a sealed value; -1 with *cause if it was altered, or sealed with another key or aad. */
int	secretbox_open(const unsigned char key[SECRETBOX_KEYLEN], const char *aad,
	    const unsigned char *in, size_t n, unsigned char **plain, size_t *plainlen,
	    char **cause);

/* PostgreSQL bytea text input/output ("\x0a1b..."): encode allocates, decode returns -1 on bad input. */
char	*secretbox_hex(const unsigned char *, size_t);
int	 secretbox_unhex(const char *, unsigned char **out, size_t *outlen);

#endif
