/*
 * secretbox — AES-256-GCM with a key file outside the database.
 */
#include "backend/lib/secretbox.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include "backend/lib/util.h"

static int
key_create(const char *path, unsigned char key[SECRETBOX_KEYLEN], char **cause)
{
	int fd;
	ssize_t w;

	if (RAND_bytes(key, SECRETBOX_KEYLEN) != 1)
		return set_cause(cause, "%s: cannot generate a key: OpenSSL RAND_bytes failed", path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		return set_cause(cause, "%s: cannot create the key file: %s", path, strerror(errno));
	w = write(fd, key, SECRETBOX_KEYLEN);
	if (w != SECRETBOX_KEYLEN || fsync(fd) != 0) {
		set_cause(cause, "%s: cannot write the key file: %s", path,
		    w < 0 ? strerror(errno) : "short write");
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

static char *preloaded_path;	/* secretbox_key_preload's */
static unsigned char preloaded_key[SECRETBOX_KEYLEN];

int
secretbox_key_load(const char *path, unsigned char key[SECRETBOX_KEYLEN], char **cause)
{
	struct stat st;
	ssize_t r;
	int fd;

	if (path == NULL || *path == '\0')
		return set_cause(cause, "vdi.key_file is not set: no key to encrypt TOTP secrets");
	if (preloaded_path != NULL && strcmp(path, preloaded_path) == 0) {
		memcpy(key, preloaded_key, SECRETBOX_KEYLEN);
		return 0;
	}
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT)
		return key_create(path, key, cause);
	if (fd < 0)
		return set_cause(cause, "%s: cannot open the key file: %s", path, strerror(errno));
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return set_cause(cause, "%s: the key file is not a regular file", path);
	}
	if ((st.st_mode & 077) != 0) {
		close(fd);
		return set_cause(cause, "%s: the key file may be read by others (mode %04o); "
		    "refusing to use it: chmod 600 %s and consider the key exposed", path,
		    (unsigned)(st.st_mode & 07777), path);
	}
	if (st.st_size != SECRETBOX_KEYLEN) {
		close(fd);
		return set_cause(cause, "%s: the key file must hold exactly %d bytes, not %lld",
		    path, SECRETBOX_KEYLEN, (long long)st.st_size);
	}
	r = read(fd, key, SECRETBOX_KEYLEN);
	close(fd);
	if (r != SECRETBOX_KEYLEN) {
		OPENSSL_cleanse(key, SECRETBOX_KEYLEN);
		return set_cause(cause, "%s: cannot read the key file", path);
	}
	return 0;
}

int
secretbox_key_preload(const char *path, char **cause)
{
	unsigned char key[SECRETBOX_KEYLEN];

	if (secretbox_key_load(path, key, cause) != 0)
		return -1;
	memcpy(preloaded_key, key, SECRETBOX_KEYLEN);
	OPENSSL_cleanse(key, SECRETBOX_KEYLEN);
	free(preloaded_path);
	preloaded_path = xstrdup(path);
	return 0;
}

int
secretbox_seal(const unsigned char key[SECRETBOX_KEYLEN], const char *aad,
    const unsigned char *plain, size_t n, unsigned char **out, size_t *outlen, char **cause)
{
	EVP_CIPHER_CTX *c;
	unsigned char *buf;
	int len, fin, rc = -1;

	buf = xmalloc(n + SECRETBOX_OVERHEAD);
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		fatal("EVP_CIPHER_CTX_new");
	if (RAND_bytes(buf, SECRETBOX_NONCELEN) != 1 ||
	    EVP_EncryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, SECRETBOX_NONCELEN, NULL) != 1 ||
	    EVP_EncryptInit_ex(c, NULL, NULL, key, buf) != 1 ||
	    EVP_EncryptUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) != 1 ||
	    EVP_EncryptUpdate(c, buf + SECRETBOX_NONCELEN, &len, plain, (int)n) != 1 ||
	    EVP_EncryptFinal_ex(c, buf + SECRETBOX_NONCELEN + len, &fin) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_GET_TAG, SECRETBOX_TAGLEN,
	    buf + SECRETBOX_NONCELEN + n) != 1) {
		set_cause(cause, "AES-256-GCM encryption failed");
		free(buf);
		goto out;
	}
	*out = buf;
	*outlen = n + SECRETBOX_OVERHEAD;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(c);
	return rc;
}

int
secretbox_open(const unsigned char key[SECRETBOX_KEYLEN], const char *aad,
    const unsigned char *in, size_t n, unsigned char **plain, size_t *plainlen, char **cause)
{
	EVP_CIPHER_CTX *c;
	unsigned char *buf, tag[SECRETBOX_TAGLEN];
	size_t clen;
	int len, fin, rc = -1;

	if (n < SECRETBOX_OVERHEAD)
		return set_cause(cause, "sealed secret too short (%zu bytes)", n);
	clen = n - SECRETBOX_OVERHEAD;
	buf = xmalloc(clen + 1);
	memcpy(tag, in + n - SECRETBOX_TAGLEN, SECRETBOX_TAGLEN);
	if ((c = EVP_CIPHER_CTX_new()) == NULL)
		fatal("EVP_CIPHER_CTX_new");
	if (EVP_DecryptInit_ex(c, EVP_aes_256_gcm(), NULL, NULL, NULL) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_IVLEN, SECRETBOX_NONCELEN, NULL) != 1 ||
	    EVP_DecryptInit_ex(c, NULL, NULL, key, in) != 1 ||
	    EVP_DecryptUpdate(c, NULL, &len, (const unsigned char *)aad, (int)strlen(aad)) != 1 ||
	    EVP_DecryptUpdate(c, buf, &len, in + SECRETBOX_NONCELEN, (int)clen) != 1 ||
	    EVP_CIPHER_CTX_ctrl(c, EVP_CTRL_GCM_SET_TAG, SECRETBOX_TAGLEN, tag) != 1 ||
	    EVP_DecryptFinal_ex(c, buf + len, &fin) != 1) {
		set_cause(cause, "the sealed secret does not open with this key "
		    "(altered, another key file, or another owner)");
		OPENSSL_cleanse(buf, clen + 1);
		free(buf);
		goto out;
	}
	*plain = buf;
	*plainlen = clen;
	rc = 0;
out:
	EVP_CIPHER_CTX_free(c);
	return rc;
}

char *
secretbox_hex(const unsigned char *p, size_t n)
{
	static const char hex[] = "0123456789abcdef";
	char *s = xmalloc(2 * n + 3);
	size_t i;

	s[0] = '\\';
	s[1] = 'x';
	for (i = 0; i < n; i++) {
		s[2 + 2 * i] = hex[p[i] >> 4];
		s[3 + 2 * i] = hex[p[i] & 15];
	}
	s[2 + 2 * n] = '\0';
	return s;
}

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
secretbox_unhex(const char *s, unsigned char **out, size_t *outlen)
{
	size_t n, i;
	unsigned char *b;
	int hi, lo;

	if (s[0] != '\\' || s[1] != 'x')
		return -1;
	s += 2;
	n = strlen(s);
	if (n % 2 != 0)
		return -1;
	b = xmalloc(n / 2 + 1);
	for (i = 0; i < n / 2; i++) {
		if ((hi = hexval(s[2 * i])) < 0 || (lo = hexval(s[2 * i + 1])) < 0) {
			free(b);
			return -1;
		}
		b[i] = (unsigned char)(hi << 4 | lo);
	}
	*out = b;
	*outlen = n / 2;
	return 0;
}
