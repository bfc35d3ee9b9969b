/*
 * sshd_hostkey — host keys and algorithms (see sshd_hostkey.h).
 */
#include "backend/sshd/sshd_hostkey.h"

#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>

#include "backend/lib/config.h"
#include "backend/sshd/sshd_log.h"
#include "backend/lib/util.h"

struct sshd_hostkey_kind {
	const char		*name;
	enum ssh_keytypes_e	 type;
	int			 bits;		/* for ssh_pki_generate */
};

static const struct sshd_hostkey_kind sshd_hostkey_ed25519 = {
	"ED25519", SSH_KEYTYPE_ED25519, 0
};
static const struct sshd_hostkey_kind sshd_hostkey_ecdsa = {
	"ECDSA", SSH_KEYTYPE_ECDSA_P256, 256
};
static const struct sshd_hostkey_kind sshd_hostkey_rsa = {
	"RSA", SSH_KEYTYPE_RSA, SSHD_RSA_HOST_MIN
};

char *
sshd_hostkey_fingerprint(const ssh_key key)
{
	unsigned char	*hash = NULL;
	size_t		 hlen = 0;
	char		*fp;

	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) != 0)
		return NULL;
	fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
	ssh_clean_pubkey_hash(&hash);
	return fp;
}

/* Bits of an RSA key's modulus, from its public key blob ("ssh-rsa", e, n); -1 if unknown. */
static int
sshd_hostkey_rsa_bits(const ssh_key key)
{
	unsigned char	*blob = NULL, *p;
	char		*b64 = NULL;
	uint32_t	 len;
	int		 n, i, bits = -1, rest;

	if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK)
		goto out;
	blob = xmalloc(strlen(b64) + 4);
	n = EVP_DecodeBlock(blob, (const unsigned char *)b64, (int)strlen(b64));
	p = blob;
	rest = n;
	for (i = 0; i < 3 && rest >= 4; i++) {	/* skip type and e, stop at n */
		len = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
		p += 4;
		rest -= 4;
		if (len > (uint32_t)rest)
			goto out;
		if (i == 2) {
			while (len > 0 && *p == 0) {
				p++;
				len--;
			}
			bits = (int)len * 8;
			for (unsigned char top = len > 0 ? *p : 0; top != 0 && top < 0x80; top <<= 1)
				bits--;
			break;
		}
		p += len;
		rest -= (int)len;
	}
out:
	free(blob);
	ssh_string_free_char(b64);
	return bits;
}

/* Generate a key of kind and write it to path, created with mode 0600. */
static int
sshd_hostkey_generate(const struct sshd_hostkey_kind *kind, const char *path, char **cause)
{
	ssh_key	 key = NULL;
	char	*b64 = NULL, *dir = NULL;
	size_t	 len, off;
	ssize_t	 n;
	int	 fd = -1, rc = -1;

	dir = xstrdup(path);
	if (mkdir(dirname(dir), 0700) != 0 && errno != EEXIST) {
		set_cause(cause, "host key directory for %s: %s", path, strerror(errno));
		goto out;
	}
	if (ssh_pki_generate(kind->type, kind->bits, &key) != SSH_OK ||
	    ssh_pki_export_privkey_base64(key, NULL, NULL, NULL, &b64) != SSH_OK) {
		set_cause(cause, "cannot generate %s host key", kind->name);
		goto out;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd == -1) {
		set_cause(cause, "cannot create host key %s: %s", path, strerror(errno));
		goto out;
	}
	len = strlen(b64);
	for (off = 0; off < len; off += (size_t)n) {
		n = write(fd, b64 + off, len - off);
		if (n <= 0) {
			set_cause(cause, "cannot write host key %s: %s", path, strerror(errno));
			unlink(path);
			goto out;
		}
	}
	if (fsync(fd) != 0) {
		set_cause(cause, "cannot write host key %s: %s", path, strerror(errno));
		unlink(path);
		goto out;
	}
	sshd_info("generated new %s host key %s", kind->name, path);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	free(b64);
	free(dir);
	ssh_key_free(key);
	return rc;
}

/* Refuse a key file others can read, or one we cannot. */
static int
sshd_hostkey_check(const char *path, char **cause)
{
	struct stat	 sb;
	int		 fd;

	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd == -1)
		return set_cause(cause, "host key %s is not readable: %s", path,
		    strerror(errno));
	if (fstat(fd, &sb) != 0) {
		close(fd);
		return set_cause(cause, "host key %s: %s", path, strerror(errno));
	}
	close(fd);
	if (!S_ISREG(sb.st_mode))
		return set_cause(cause, "host key %s is not a regular file", path);
	if ((sb.st_mode & 077) != 0)
		return set_cause(cause, "host key %s is accessible by group or others "
		    "(mode %04o); refusing to start: run chmod 600 %s", path,
		    (unsigned)(sb.st_mode & 07777), path);
	return 0;
}

static int
sshd_hostkey_one(ssh_bind bind, const struct sshd_hostkey_kind *kind, const char *path,
    char **cause)
{
	ssh_key	 key = NULL;
	char	*fp = NULL;
	int	 rc = -1;

	if (access(path, F_OK) != 0 && errno == ENOENT &&
	    sshd_hostkey_generate(kind, path, cause) != 0)
		goto out;
	if (sshd_hostkey_check(path, cause) != 0)
		goto out;
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK) {
		set_cause(cause, "host key %s: cannot read a private key", path);
		goto out;
	}
	if (ssh_key_type(key) != kind->type &&
	    !(kind->type == SSH_KEYTYPE_ECDSA_P256 && (ssh_key_type(key) ==
	    SSH_KEYTYPE_ECDSA_P384 || ssh_key_type(key) == SSH_KEYTYPE_ECDSA_P521))) {
		set_cause(cause, "host key %s is a %s key, expected %s", path,
		    ssh_key_type_to_char(ssh_key_type(key)), kind->name);
		goto out;
	}
	if (kind->type == SSH_KEYTYPE_RSA && sshd_hostkey_rsa_bits(key) < SSHD_RSA_HOST_MIN) {
		set_cause(cause, "host key %s: RSA key of %d bits, at least %d required",
		    path, sshd_hostkey_rsa_bits(key), SSHD_RSA_HOST_MIN);
		goto out;
	}
	fp = sshd_hostkey_fingerprint(key);
	/* The bind owns the key from here on. */
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_IMPORT_KEY, key) != SSH_OK) {
		set_cause(cause, "host key %s: %s", path, ssh_get_error(bind));
		goto out;
	}
	key = NULL;
	sshd_info("host key %s %s %s", path, kind->name, fp != NULL ? fp : "?");
	rc = 0;
out:
	ssh_string_free_char(fp);
	ssh_key_free(key);
	return rc;
}

int
sshd_hostkey_load(ssh_bind bind, const struct config *cfg, char **cause)
{
	if (cfg->host_key == NULL || *cfg->host_key == '\0')
		return set_cause(cause, "server.host_key is not set");
	if (sshd_hostkey_one(bind, &sshd_hostkey_ed25519, cfg->host_key, cause) != 0)
		return -1;
	if (cfg->host_key_ecdsa != NULL && *cfg->host_key_ecdsa != '\0' &&
	    sshd_hostkey_one(bind, &sshd_hostkey_ecdsa, cfg->host_key_ecdsa, cause) != 0)
		return -1;
	if (cfg->host_key_rsa != NULL && *cfg->host_key_rsa != '\0' &&
	    sshd_hostkey_one(bind, &sshd_hostkey_rsa, cfg->host_key_rsa, cause) != 0)
		return -1;
	return 0;
}

int
sshd_hostkey_algorithms(ssh_bind bind, char **cause)
{
	static const struct {
		enum ssh_bind_options_e	 option;
		const char		*value;
	} opts[] = {
		{ SSH_BIND_OPTIONS_KEY_EXCHANGE, SSHD_KEX },
		{ SSH_BIND_OPTIONS_CIPHERS_C_S, SSHD_CIPHERS },
		{ SSH_BIND_OPTIONS_CIPHERS_S_C, SSHD_CIPHERS },
		{ SSH_BIND_OPTIONS_HMAC_C_S, SSHD_MACS },
		{ SSH_BIND_OPTIONS_HMAC_S_C, SSHD_MACS },
		{ SSH_BIND_OPTIONS_HOSTKEY_ALGORITHMS, SSHD_KEYTYPES },
		{ SSH_BIND_OPTIONS_PUBKEY_ACCEPTED_KEY_TYPES, SSHD_KEYTYPES },
	};
	bool	 no = false;
	int	 rsa_min = SSHD_RSA_USER_MIN;
	size_t	 i;

	/* Never read /etc/ssh/libssh_server_config: this table is the whole policy. */
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no) != SSH_OK)
		return set_cause(cause, "libssh: %s", ssh_get_error(bind));
	for (i = 0; i < nitems(opts); i++) {
		if (ssh_bind_options_set(bind, opts[i].option, opts[i].value) != SSH_OK)
			return set_cause(cause, "libssh refuses %s: %s", opts[i].value,
			    ssh_get_error(bind));
	}
	if (ssh_bind_options_set(bind, SSH_BIND_OPTIONS_RSA_MIN_SIZE, &rsa_min) != SSH_OK)
		return set_cause(cause, "libssh: %s", ssh_get_error(bind));
	return 0;
}

/* A key pair of an EVP_PKEY type (X25519, ED25519), or NULL. */
static EVP_PKEY *
sshd_warm_key(int type)
{
	EVP_PKEY_CTX	*c = EVP_PKEY_CTX_new_id(type, NULL);
	EVP_PKEY	*k = NULL;

	if (c == NULL || EVP_PKEY_keygen_init(c) != 1 || EVP_PKEY_keygen(c, &k) != 1)
		k = NULL;
	EVP_PKEY_CTX_free(c);
	return k;
}

/*
 * OpenSSL 3 builds an operation's table of algorithms (key exchange, signature, KDF,
 * MAC, cipher, digest) at the first fetch of any of them, in the process that fetches:
 * every connection process built them again during its key exchange, about half of the
 * exchange's CPU (bench/README.md, session 8). Built here once, in the listener, they
 * are inherited by every fork. The same operations as a login: random bytes, X25519
 * agreement, an ED25519 signature and its check, the SSH KDF, HMAC and Poly1305, the
 * ciphers offered.
 */
int
sshd_hostkey_warm(void)
{
	static const char *const digests[] = { "SHA256", "SHA384", "SHA512", "SHA1" };
	static const char *const ciphers[] = { "ChaCha20", "AES-256-GCM", "AES-128-GCM" };
	static const char *const macs[] = { "HMAC", "POLY1305" };
	static const unsigned char msg[] = "rashin";
	EVP_PKEY	*a = sshd_warm_key(EVP_PKEY_X25519), *b = sshd_warm_key(EVP_PKEY_X25519);
	EVP_PKEY	*ed = sshd_warm_key(EVP_PKEY_ED25519);
	EVP_PKEY_CTX	*dc = NULL;
	EVP_MD_CTX	*mc = EVP_MD_CTX_new();
	unsigned char	 secret[32], sig[64], nonce[16];
	size_t		 len = sizeof secret, siglen = sizeof sig, i;
	int		 ok = a != NULL && b != NULL && ed != NULL && mc != NULL &&
			     RAND_bytes(nonce, sizeof nonce) == 1;	/* the public generator */

	if (ok && ((dc = EVP_PKEY_CTX_new(a, NULL)) == NULL || EVP_PKEY_derive_init(dc) != 1 ||
	    EVP_PKEY_derive_set_peer(dc, b) != 1 || EVP_PKEY_derive(dc, secret, &len) != 1))
		ok = 0;
	if (ok && (EVP_DigestSignInit(mc, NULL, NULL, NULL, ed) != 1 ||
	    EVP_DigestSign(mc, sig, &siglen, msg, sizeof msg) != 1 ||
	    EVP_MD_CTX_reset(mc) != 1 || EVP_DigestVerifyInit(mc, NULL, NULL, NULL, ed) != 1 ||
	    EVP_DigestVerify(mc, sig, siglen, msg, sizeof msg) != 1))
		ok = 0;
	for (i = 0; i < nitems(digests); i++) {
		EVP_MD *md = EVP_MD_fetch(NULL, digests[i], NULL);

		ok &= md != NULL;
		EVP_MD_free(md);
	}
	for (i = 0; i < nitems(ciphers); i++) {
		EVP_CIPHER *c = EVP_CIPHER_fetch(NULL, ciphers[i], NULL);

		ok &= c != NULL;
		EVP_CIPHER_free(c);
	}
	for (i = 0; i < nitems(macs); i++) {
		EVP_MAC *m = EVP_MAC_fetch(NULL, macs[i], NULL);

		ok &= m != NULL;
		EVP_MAC_free(m);
	}
	{
		EVP_KDF *k = EVP_KDF_fetch(NULL, "SSHKDF", NULL);

		ok &= k != NULL;
		EVP_KDF_free(k);
	}
	OPENSSL_cleanse(secret, sizeof secret);
	EVP_PKEY_CTX_free(dc);
	EVP_MD_CTX_free(mc);
	EVP_PKEY_free(a);
	EVP_PKEY_free(b);
	EVP_PKEY_free(ed);
	ERR_clear_error();	/* what a failed part left: not for the next login to find */
	return ok ? 0 : -1;
}
