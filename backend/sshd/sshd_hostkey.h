/*
 * sshd_hostkey — the server's identity towards clients: host keys (generated on first start
 * with mode 0600, refused when readable by others or unreadable) and the list of modern
 * algorithms the server offers.
 */
#ifndef RASHIN_SSHD_HOSTKEY_H
#define RASHIN_SSHD_HOSTKEY_H

#include <libssh/libssh.h>
#include <libssh/server.h>

struct config;

/* Load or create every configured host key, import it into bind and log its fingerprint. */
int	 sshd_hostkey_load(ssh_bind bind, const struct config *cfg, char **cause);
/* Restrict bind to modern key exchange, ciphers, MACs, host key and user key types. */
int	 sshd_hostkey_algorithms(ssh_bind bind, char **cause);
/* Build OpenSSL's algorithm tables for the key exchange and ciphers above, in the listener
 * before it forks; 0, or -1 if a part of it failed (nothing is lost: the connection
 * processes then build them themselves). */
int	 sshd_hostkey_warm(void);
/* "SHA256:..." of a key (allocated), or NULL. */
char	*sshd_hostkey_fingerprint(const ssh_key key);

#define SSHD_KEX	"curve25519-sha256,curve25519-sha256@libssh.org," \
			"ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521"
#define SSHD_CIPHERS	"chacha20-poly1305@openssh.com,aes256-gcm@openssh.com," \
			"aes128-gcm@openssh.com"
#define SSHD_MACS	"hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com"
#define SSHD_KEYTYPES	"ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384," \
			"ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256"
#define SSHD_RSA_HOST_MIN	3072	/* bits, our own RSA host key */
#define SSHD_RSA_USER_MIN	2048	/* bits, a staff member's RSA key */

#endif
