/*
 * sshd_net — the network process's side of the monitor's messages (sshd_mon.h,
 * sshd_monitor.h): it asks the monitor to authorize a verified key, to audit a failed
 * attempt, to start and signal channels' children, and learns when those end.
 */
#ifndef RASHIN_SSHD_NET_H
#define RASHIN_SSHD_NET_H

#include <stddef.h>
#include <stdint.h>

struct sshd_conn;
struct sshd_chan;

/*
 * Authorize user's key (its signature verified): 0 and conn->ident's login, staff_id and
 * role set; 1 refused (*why: the monitor's cause, audited by it); -1 the monitor is gone.
 */
int	sshd_net_authorize(struct sshd_conn *conn, const char *user, const char *key_type,
	    const char *key_b64, const char *fingerprint, char *why, size_t whysize);
/* A failed attempt for the monitor to audit; counts: towards the listener's 'F'. */
void	sshd_net_failed(struct sshd_conn *conn, const char *fingerprint, const char *reason,
	    int counts);
/*
 * Start chan's child (console, or command when not NULL): chan->pid and its descriptors
 * set. 0, or -1 (refused by the monitor, or it is gone).
 */
int	sshd_net_spawn(struct sshd_chan *chan, const char *command);
/* Ask the monitor to send sig (SIGHUP, SIGTERM, SIGKILL) to chan's child. */
void	sshd_net_signal(struct sshd_chan *chan, int sig);
/* The session ends (why: enum sshd_mon_why), as the logout's reason. */
void	sshd_net_bye(struct sshd_conn *conn, int why);
/* libssh event callback on the monitor's socket: a child ended, or the monitor did. */
int	sshd_net_on_monitor(int fd, int revents, void *userdata);

#endif
