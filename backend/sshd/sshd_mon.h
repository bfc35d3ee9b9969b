/*
 * sshd_mon — the messages between a connection's two processes (privilege separation,
 * sshd_monitor.h): the network process, which speaks SSH and is untrusted, and the
 * monitor, which holds the database and starts the channels' children. One message per
 * datagram on an AF_UNIX SOCK_SEQPACKET socketpair, a fixed header and the one body its
 * type has, of a fixed size per type; the descriptors of a started child travel with
 * SSHD_MON_SPAWNED (SCM_RIGHTS). Every string field is NUL-terminated inside its array;
 * the receiver checks the size, the type and every field (sshd_mon_recv, sshd_mon_str).
 */
#ifndef RASHIN_SSHD_MON_H
#define RASHIN_SSHD_MON_H

#include <stddef.h>
#include <stdint.h>

#include "backend/lib/identity.h"
#include "backend/sshd/sshd_argv.h"

#define SSHD_MON_KEY_MAX	4096	/* base64 of a public key (RSA 16384 bits: ~2.8 KB) */
#define SSHD_MON_MAX_ENV	16	/* as SSHD_CHAN_MAX_ENV */
#define SSHD_MON_ENV_LEN	96	/* "LC_XXX=value": name <= 20, value <= 64 */
#define SSHD_MON_MAX_FDS	3	/* a child's stdin, stdout, stderr (one pty master) */

enum sshd_mon_type {
	SSHD_MON_AUTH = 1,	/* net: libssh verified this key's signature: may user log in? */
	SSHD_MON_AUTH_OK,	/* monitor: yes; body ok (who, without the session secret) */
	SSHD_MON_AUTH_NO,	/* monitor: no (audited already); body failed.reason: why */
	SSHD_MON_FAILED,	/* net: a failed attempt to audit (value 1: it counts) */
	SSHD_MON_SPAWN,		/* net: start channel chan's child (body spawn) */
	SSHD_MON_SPAWNED,	/* monitor: value = its pid with its descriptors, 0 = failed */
	SSHD_MON_KILL,		/* net: send signal value to channel chan's child */
	SSHD_MON_EXIT,		/* monitor: channel chan's child ended, value = wait status */
	SSHD_MON_BYE,		/* net: the session ends now; value = enum sshd_mon_why */
	SSHD_MON_NTYPES
};

/* Why a session ended, as the logout's reason: a code, never text from the network. */
enum sshd_mon_why { SSHD_MON_WHY_NONE, SSHD_MON_WHY_IDLE, SSHD_MON_WHY_SHUTDOWN };

struct sshd_mon_auth {
	char		 user[sizeof ((struct identity *)0)->login];
	char		 key_type[32];
	char		 fingerprint[128];
	char		 key_b64[SSHD_MON_KEY_MAX];
};

struct sshd_mon_failed {
	char		 user[sizeof ((struct identity *)0)->login];
	char		 fingerprint[128];
	char		 reason[128];
};

struct sshd_mon_ok {
	int32_t		 staff_id;
	char		 login[sizeof ((struct identity *)0)->login];
	char		 role[sizeof ((struct identity *)0)->role];
};

struct sshd_mon_spawn {
	uint32_t	 kind;		/* SSHD_CHAN_SHELL or SSHD_CHAN_EXEC */
	uint32_t	 want_pty;
	int32_t		 cols, rows, xpixel, ypixel;
	char		 term[64];
	uint32_t	 nenv;
	char		 env[SSHD_MON_MAX_ENV][SSHD_MON_ENV_LEN];	/* "NAME=value" */
	uint32_t	 cmdlen;
	char		 command[SSHD_ARGV_MAX_LINE + 1];	/* exec only */
};

struct sshd_mon_msg {
	uint32_t	 type;		/* enum sshd_mon_type */
	uint32_t	 chan;		/* the network process's channel number */
	int32_t		 value;
	uint32_t	 pad;
	union {
		struct sshd_mon_auth	auth;
		struct sshd_mon_failed	failed;
		struct sshd_mon_ok	ok;
		struct sshd_mon_spawn	spawn;
	} u;
};

/* Zero m and set its header. */
void	sshd_mon_init(struct sshd_mon_msg *m, enum sshd_mon_type type, uint32_t chan,
	    int32_t value);
/*
 * Send m (its type's size) with nfds descriptors (0..SSHD_MON_MAX_FDS). dontwait: fail
 * rather than block when the peer does not read (the monitor never waits on the network
 * process). 0, or -1 with errno.
 */
int	sshd_mon_send(int fd, const struct sshd_mon_msg *m, const int *fds, int nfds,
	    int dontwait);
/*
 * Receive one message: 1, 0 at EOF, -1 on error or a malformed message (wrong size for
 * its type, unknown type, descriptors where none belong, a truncated control message):
 * any descriptors received are closed then. fds (room for SSHD_MON_MAX_FDS) and *nfds
 * get the descriptors that came with it (close-on-exec).
 */
int	sshd_mon_recv(int fd, struct sshd_mon_msg *m, int *fds, int *nfds);
/* Whether the size-byte field s holds a NUL-terminated string. */
int	sshd_mon_str(const char *s, size_t size);

#endif
