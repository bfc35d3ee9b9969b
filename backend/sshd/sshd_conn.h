/*
 * sshd_conn — one SSH connection, in two processes (sshd_monitor.h): the connection
 * process the listener forks becomes the monitor, and the network process it forks does
 * key exchange, public key authentication (identity bound only on a verified signature
 * and the monitor's yes), LoginGraceTime, MaxAuthTries, the idle timeout, and the event
 * loop that drives the channels (sshd_chan.c). The listener learns "authenticated" and
 * "failed" through status_fd, which the monitor writes.
 */
#ifndef RASHIN_SSHD_CONN_H
#define RASHIN_SSHD_CONN_H

#include <signal.h>

#include <libssh/libssh.h>
#include <libssh/server.h>
#include <libssh/callbacks.h>

#include "backend/lib/identity.h"

struct config;
struct sshd_hooks;
struct sshd_chan;

/* Bytes the connection process writes to the listener's status pipe. */
#define SSHD_STATUS_AUTHENTICATED	'A'
#define SSHD_STATUS_FAILED		'F'	/* ended without login after failed auth */

#define SSHD_CONN_MAX_CHANS	64	/* hard cap above server.max_sessions */

struct sshd_conn {
	ssh_session			 session;
	ssh_event			 event;
	struct ssh_server_callbacks_struct server_cb;
	const struct config		*cfg;
	const struct sshd_hooks		*hooks;
	void				*arg;

	int				 mon_fd;	/* to the monitor (sshd_net.h) */
	int				 mon_gone;	/* it closed, or broke the protocol */
	unsigned int			 chan_seq;	/* the last channel number given */
	int				 sig_fd[2];	/* self-pipe for SIGCHLD/SIGTERM/SIGHUP */
	char				 id[17];	/* session id for logs */
	char				 source[64];
	char				 user[sizeof ((struct identity *)0)->login];	/* first login asked for */
	char				 fingerprint[128];	/* of the key logged in with */

	int				 authenticated;
	struct identity			 ident;		/* login, staff_id, role only */
	int				 auth_failures;
	int				 too_many;	/* MaxAuthTries reached */
	long long			 started_ms;
	long long			 last_input_ms;
	int				 idle_warned;

	int				 closing;	/* shutting down (signal/idle) */
	const char			*close_reason;
	long long			 close_started_ms;

	struct sshd_chan		*chans[SSHD_CONN_MAX_CHANS];
	int				 nchans;
};

/*
 * Serve the accepted socket fd (already owned by this process): returns the process
 * exit status. The listener closed its own descriptors before calling this. The process
 * forks the network process, which enters the sandbox (sshd_sandbox.h; tcp_database:
 * AF_INET/6 allowed) and the tighter one stacked on it and alone reads fd; then it runs
 * hooks->child_init, enters the sandbox itself and serves the network process as its
 * monitor.
 */
int	sshd_conn_run(ssh_bind bind, int fd, int status_fd, const char *source,
	    const struct config *cfg, const struct sshd_hooks *hooks, void *arg,
	    int tcp_database);

/* Set by the network process's SIGTERM handler: close the sessions. */
extern volatile sig_atomic_t sshd_conn_got_term;

#endif
