/*
 * sshkeys — public key lines and key files. Parsing uses libssh's own importer, then
 * reads the wire blob once more for what libssh 0.10 does not export (RSA modulus size,
 * the type named inside the blob).
 */
#include "backend/lib/sshkeys.h"

#include <ctype.h>
#include <errno.h>
#include <libssh/libssh.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "backend/lib/util.h"

static const char *const allowed_types[] = {
	"ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
	"ssh-rsa", NULL
};

/* Read one SSH wire string at *p (length-prefixed); 0 or -1 when it runs past end. */
static int
wire_string(const unsigned char **p, const unsigned char *end, const unsigned char **s,
    size_t *len)
{
	size_t n;

	if (end - *p < 4)
		return -1;
	n = ((size_t)(*p)[0] << 24) | ((size_t)(*p)[1] << 16) | ((size_t)(*p)[2] << 8) | (*p)[3];
	*p += 4;
	if ((size_t)(end - *p) < n)
		return -1;
	*s = *p;
	*len = n;
	*p += n;
	return 0;
}

/* Check the blob names type inside, and measure an RSA modulus. */
static int
blob_check(const char *type, const char *b64, int *bits, char **cause)
{
	size_t b64len = strlen(b64), len, n;
	unsigned char *blob = xmalloc(b64len / 4 * 3 + 4);
	const unsigned char *p, *end, *s;
	int dec, rc = -1, pad = 0;

	dec = EVP_DecodeBlock(blob, (const unsigned char *)b64, (int)b64len);
	if (dec < 0 || b64len % 4 != 0) {
		set_cause(cause, "the key is not valid base64");
		goto out;
	}
	if (b64len >= 1 && b64[b64len - 1] == '=')
		pad++;
	if (b64len >= 2 && b64[b64len - 2] == '=')
		pad++;
	len = (size_t)dec - (size_t)pad;
	p = blob;
	end = blob + len;
	if (wire_string(&p, end, &s, &n) != 0 || n != strlen(type) || memcmp(s, type, n) != 0) {
		set_cause(cause, "the key data is not a %s key", type);
		goto out;
	}
	*bits = 0;
	if (strcmp(type, "ssh-rsa") == 0) {
		if (wire_string(&p, end, &s, &n) != 0 || wire_string(&p, end, &s, &n) != 0) {
			set_cause(cause, "the RSA key data is truncated");
			goto out;
		}
		while (n > 0 && *s == 0)
			s++, n--;
		if (n > 0) {
			int top = 8;

			while (top > 0 && !(*s & (1 << (top - 1))))
				top--;
			*bits = (int)(n - 1) * 8 + top;
		}
	} else if (strcmp(type, "ssh-ed25519") == 0)
		*bits = 256;
	else
		*bits = atoi(type + strlen("ecdsa-sha2-nistp"));
	rc = 0;
out:
	free(blob);
	return rc;
}

int
sshkey_fingerprint(const char *type, const char *b64, char fp[64])
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *s;
	int rc = -1;

	if (ssh_pki_import_pubkey_base64(b64, ssh_key_type_from_name(type), &key) != SSH_OK)
		return -1;
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == 0 &&
	    (s = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen)) != NULL) {
		snprintf(fp, 64, "%s", s);
		ssh_string_free_char(s);
		rc = 0;
	}
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return rc;
}

static int
comment_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

int
sshkey_parse_line(const char *line, struct sshkey_info *ki, char **cause)
{
	char *copy, *type, *b64, *comment, *save = NULL;
	size_t i;
	int rc = -1;

	memset(ki, 0, sizeof *ki);
	if (strlen(line) > 16384)
		return set_cause(cause, "the key line is too long (16384 bytes at most)");
	copy = xstrdup(line);
	chomp(copy);
	type = strtok_r(copy, " \t", &save);
	b64 = strtok_r(NULL, " \t", &save);
	comment = strtok_r(NULL, "", &save);
	if (type == NULL || b64 == NULL) {
		set_cause(cause, "not an OpenSSH public key line (expected: TYPE KEY [COMMENT])");
		goto out;
	}
	if (strcmp(type, "ssh-dss") == 0) {
		set_cause(cause, "DSA keys are refused (weak); use ssh-keygen -t ed25519");
		goto out;
	}
	for (i = 0; allowed_types[i] != NULL; i++)
		if (strcmp(type, allowed_types[i]) == 0)
			break;
	if (allowed_types[i] == NULL) {
		set_cause(cause, "key type %.40s is not accepted (ssh-ed25519, ecdsa-sha2-nistp256/"
		    "384/521 or ssh-rsa of 3072 bits or more)", type);
		goto out;
	}
	if (blob_check(type, b64, &ki->bits, cause) != 0)
		goto out;
	if (strcmp(type, "ssh-rsa") == 0 && ki->bits < 3072) {
		set_cause(cause, "RSA key of %d bits refused (3072 bits or more)", ki->bits);
		goto out;
	}
	if (sshkey_fingerprint(type, b64, ki->fingerprint) != 0) {
		set_cause(cause, "the key data is not a valid %s key", type);
		goto out;
	}
	while (comment != NULL && isspace((unsigned char)*comment))
		comment++;
	if (comment == NULL)
		comment = copy + strlen(copy);	/* "" */
	if (!comment_ok(comment) || strlen(comment) > 200) {
		set_cause(cause, "the key comment must be printable text of 200 bytes at most");
		goto out;
	}
	snprintf(ki->type, sizeof ki->type, "%s", type);
	ki->b64 = xstrdup(b64);
	ki->comment = xstrdup(comment);
	rc = 0;
out:
	free(copy);
	return rc;
}

void
sshkey_info_free(struct sshkey_info *ki)
{
	free(ki->b64);
	free(ki->comment);
	ki->b64 = ki->comment = NULL;
}

int
sshkey_generate(const char *path, const char *comment, struct sshkey_info *ki, char **cause)
{
	ssh_key key = NULL;
	char *b64 = NULL, *pub = NULL;
	FILE *f = NULL;
	int rc = -1;

	memset(ki, 0, sizeof *ki);
	if (ssh_pki_generate(SSH_KEYTYPE_ED25519, 0, &key) != SSH_OK)
		return set_cause(cause, "%s: key generation failed", path);
	unlink(path);
	if (ssh_pki_export_privkey_file(key, NULL, NULL, NULL, path) != SSH_OK) {
		set_cause(cause, "%s: cannot write the private key", path);
		goto out;
	}
	if (chmod(path, 0600) != 0) {
		set_cause(cause, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (ssh_pki_export_pubkey_base64(key, &b64) != SSH_OK) {
		set_cause(cause, "%s: cannot export the public key", path);
		goto out;
	}
	pub = xasprintf("%s.pub", path);
	if ((f = fopen(pub, "w")) == NULL ||
	    fprintf(f, "ssh-ed25519 %s %s\n", b64, comment) < 0 || fclose(f) != 0) {
		f = NULL;
		set_cause(cause, "%s: %s", pub, strerror(errno));
		goto out;
	}
	f = NULL;
	snprintf(ki->type, sizeof ki->type, "ssh-ed25519");
	ki->b64 = xstrdup(b64);
	ki->comment = xstrdup(comment);
	ki->bits = 256;
	if (sshkey_fingerprint(ki->type, b64, ki->fingerprint) != 0) {
		set_cause(cause, "%s: cannot fingerprint the new key", path);
		sshkey_info_free(ki);
		goto out;
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	free(pub);
	ssh_string_free_char(b64);
	ssh_key_free(key);
	return rc;
}

int
sshkey_file_fingerprint(const char *path, char fp[64], char **cause)
{
	ssh_key key = NULL;
	unsigned char *hash = NULL;
	size_t hlen = 0;
	char *s;
	int rc = -1;

	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, &key) != SSH_OK)
		return set_cause(cause, "%s: cannot read the key", path);
	if (ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == 0 &&
	    (s = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen)) != NULL) {
		snprintf(fp, 64, "%s", s);
		ssh_string_free_char(s);
		rc = 0;
	} else
		set_cause(cause, "%s: cannot fingerprint the key", path);
	ssh_clean_pubkey_hash(&hash);
	ssh_key_free(key);
	return rc;
}
