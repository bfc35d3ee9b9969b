/*
 * sshd_monitor — privilege separation of one SSH connection, in the OpenSSH manner.
 *
 * The connection process the listener forks is the monitor. Before the first byte of SSH
 * it forks the network process, connected to it by a SOCK_SEQPACKET socketpair
 * (sshd_mon.h), and keeps for itself what needs privilege:
 *   - the database: hooks->authorize (the member of a key whose signature the network
 *     process's libssh verified) and hooks->audit (login, login_failed, logout);
 *   - the channels' children: it forks the console on a pty or a command on pipes
 *     (sshd_spawn.c), hands the pty master or the pipes to the network process with
 *     SCM_RIGHTS, reaps them and reports each exit status, and signals them on request;
 *   - the listener's accounting: the status pipe ('A', 'F'), the parent-death SIGTERM
 *     (forwarded to the network process, which closes its sessions as a shutdown does).
 * The network process is forked before the monitor's hooks->child_init starts its
 * database connection; it closes the hub's sockets and wipes rashin_auth's password and
 * the connection strings (hooks->net_init), then stacks a second, much tighter filter on
 * the monitor's (sshd_sandbox_enter_net): no socket, connect, open, fork or exec. It
 * parses every untrusted byte: key exchange, authentication, the channels' requests, and
 * pumps the channels' data.
 *
 * The monitor trusts nothing it reads from the network process: every message has the one
 * size of its type and NUL-terminated strings, a spawn needs a successful authorization,
 * a second authorization is refused, at most server.max_sessions children live at once,
 * commands and the environment are checked again; a malformed message kills the network
 * process. Whoever dies first, nothing is left: the network process has SIGKILL as its
 * parent-death signal and sees the socket close; when it ends, the monitor ends the
 * channels' children (SIGHUP, SIGTERM, SIGKILL), reaps them and audits the logout.
 *
 * What it does not give: libssh verifies the user-authentication signature inside the
 * network process and its API gives neither the signature nor the session identifier,
 * so the monitor cannot check it again as OpenSSH's does. A network process taken over
 * by an attacker can claim any registered public key of any member (not a key nobody
 * registered, and not a second member per connection).
 */
#ifndef RASHIN_SSHD_MONITOR_H
#define RASHIN_SSHD_MONITOR_H

#include <sys/types.h>

struct config;
struct sshd_hooks;

struct sshd_monitor_args {
	const struct config	*cfg;
	const struct sshd_hooks	*hooks;
	void			*arg;
	int			 fd;		/* the socketpair's end towards the network */
	pid_t			 net;		/* the network process */
	int			 status_fd;	/* to the listener */
	const char		*id;		/* the connection's id, for logs and audit */
	const char		*source;	/* the client's address */
};

/* Serve the network process until it and every channel's child ended; the exit status. */
int	sshd_monitor_run(const struct sshd_monitor_args *a);

#endif
