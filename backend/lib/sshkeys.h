/*
 * sshkeys — OpenSSH public key lines (parse, validate, fingerprint) and key files
 * (generate an ed25519 pair), through libssh's pki functions.
 */
#ifndef RASHIN_SSHKEYS_H
#define RASHIN_SSHKEYS_H

struct sshkey_info {
	char	 type[32];	/* "ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa", ... */
	char	*b64;		/* the key blob, base64 */
	char	 fingerprint[64]; /* "SHA256:..." as ssh-keygen -l prints it */
	int	 bits;
	char	*comment;	/* may be "" */
};

/*
 * Parse "TYPE BASE64 [COMMENT]" (options before TYPE are refused). Refuses DSA, RSA
 * under 3072 bits, unknown types, a blob whose type differs from TYPE, and comments that
 * are not printable UTF-8. 0, or -1 with *cause.
 */
int	sshkey_parse_line(const char *line, struct sshkey_info *, char **cause);
void	sshkey_info_free(struct sshkey_info *);
/* Fingerprint of a type + base64 blob, into fp (64 bytes). 0 or -1. */
int	sshkey_fingerprint(const char *type, const char *b64, char fp[64]);
/* Make an ed25519 pair at path (0600) and path.pub (0644); fill info from the public key. */
int	sshkey_generate(const char *path, const char *comment, struct sshkey_info *, char **cause);

/* SHA256 fingerprint of the public half of a private key file. 0 or -1 with *cause. */
int	sshkey_file_fingerprint(const char *path, char fp[64], char **cause);

#endif
