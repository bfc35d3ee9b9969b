/*
 * sshd — the SSH front door (`rashin serve`): a libssh server with two processes per
 * connection. The listener (sshd.c) accepts, applies MaxStartups and the per-source
 * penalty, and forks the connection process, which is the monitor (sshd_monitor.h): it
 * forks the network process (sshd_conn.c), which alone speaks SSH (the handshake, public
 * key authentication, the limits, the channels: sshd_chan.c) in a tight sandbox, and asks
 * the monitor to authorize a key and to start each session channel's child (the console
 * on a pty or a command on pipes). What a login means and what the console or a command
 * does is left to the hooks below, so this module never touches the database.
 */
#ifndef RASHIN_SSHD_H
#define RASHIN_SSHD_H

#include <sys/types.h>

#include "backend/lib/config.h"
#include "backend/lib/identity.h"

struct sshd_hooks {
	/*
	 * Called only after libssh reports SSH_PUBLICKEY_STATE_VALID (a verified signature),
	 * never on the probe. Fill *id for login `user` owning this key (id->source is already
	 * set to the client's address and is set again afterwards); 0 = allowed, -1 = refused
	 * (cause is logged and audited, never sent to the client). Runs in the monitor.
	 */
	int	(*authorize)(void *arg, const char *user, const char *key_type,
		    const char *key_b64, const char *fingerprint, struct identity *id,
		    char **cause);
	/*
	 * Runs in a forked child whose stdin/stdout/stderr are the pty slave (controlling tty,
	 * setsid); TERM and LANG/LC_* from the client are in the environment. Returns the exit
	 * status sent to the client.
	 */
	int	(*console)(void *arg, struct identity *id);
	/* Runs in a forked child whose stdin/stdout/stderr are pipes to the exec channel. */
	int	(*command)(void *arg, struct identity *id, int argc, char **argv);
	/*
	 * "login", "login_failed" (with reason) or "logout"; runs in the monitor.
	 * session: the connection's id, as the log lines' "session=" shows it.
	 */
	void	(*audit)(void *arg, const char *event, const char *user, const char *source,
		    const char *fingerprint, const char *reason, const char *session);
	/*
	 * Called right after every fork but the network process's: in a new connection
	 * process (the monitor), and in each channel child before console/command (close inherited DB connections etc.; never send on
	 * them, the parent still owns the socket).
	 */
	void	(*child_init)(void *arg);
	/*
	 * Called in the listener before it forks a connection process: an fd that process
	 * keeps (the listener closes its copy after the fork), or -1.
	 */
	int	(*handoff)(void *arg);
	/* Called in the monitor right after it forked a channel child. */
	void	(*spawned)(void *arg);
	/*
	 * Called in the network process right after the monitor forked it, before it enters
	 * its sandbox: let go of everything it must not hold (database connections, the hub's
	 * socket, passwords and connection strings: wiped), never sending on what the monitor
	 * still uses.
	 */
	void	(*net_init)(void *arg);
	/* Called on SIGHUP in the listener: reload the config into cfg; 0 ok. */
	int	(*reload)(void *arg, struct config *cfg, char **cause);
	/* Called in the listener for a child it reaped that was not a connection process
	 * (the notification hub); st as from waitpid. */
	void	(*reaped)(void *arg, pid_t pid, int st);
	/*
	 * Called in the listener's loop after it reaped its children and before it accepts
	 * (start a process that is due: a new notification hub; a process forked here calls
	 * sshd_detach first). Returns the ms until it wants to be called again, or -1.
	 */
	int	(*tick)(void *arg);
	/*
	 * Called once in the listener when it listens and holds its host keys, before it
	 * accepts: give up what only starting needed (as root: become the service user).
	 * 0, or -1 with *cause (the server does not start). Every capability is dropped
	 * right after, whoever the listener then is.
	 */
	int	(*bound)(void *arg, char **cause);
	/* Called once at start: 1 when sessions reach the database over TCP, so the
	 * connection processes' sandbox (sshd_sandbox.h) allows AF_INET/AF_INET6 sockets. */
	int	(*tcp_database)(void *arg);
	/*
	 * Called once in the listener when it listens (after bound), before it accepts: no other server
	 * listens on this address now (close what a killed earlier run left open).
	 */
	void	(*ready)(void *arg);
};

/*
 * Listen and serve until SIGTERM/SIGINT; every connection process is closed
 * cleanly before it returns. 0, or -1 with *cause (bad host key, cannot bind, ...).
 */
int	sshd_run(struct config *cfg, const struct sshd_hooks *hooks, void *arg, char **cause);
/*
 * In a process forked from the listener's loop that is not a connection process (the
 * notification hub, restarted from the tick hook): close what the listener holds (its
 * listening sockets, the connection processes' status pipes, its signal pipe), free its
 * SSH bind with the host keys, and put the signals back to their defaults.
 */
void	sshd_detach(void);

#endif
