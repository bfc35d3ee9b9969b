/*
 * sshd_spawn — the child process behind a session channel (console or command), started
 * by a connection's monitor (sshd_monitor.h) on the network process's request.
 */
#ifndef RASHIN_SSHD_SPAWN_H
#define RASHIN_SSHD_SPAWN_H

#include <sys/ioctl.h>
#include <sys/types.h>

#include "backend/lib/identity.h"

struct sshd_hooks;

#define SSHD_SPAWN_MAX_CLOSE	4

/* What a channel asked for, checked (sshd_spawn_env_ok, sshd_spawn_term_ok). */
struct sshd_spawn_req {
	int			 shell;		/* 1: the console, 0: a command */
	int			 want_pty;
	const char		*term;		/* with want_pty */
	struct winsize		 ws;
	int			 nenv;
	char			**env;		/* "NAME=value", LANG and LC_* only */
	int			 argc;
	char			**argv;		/* a command's words */
	const struct identity	*id;		/* who logged in */
	const struct sshd_hooks	*hooks;
	void			*arg;
	pid_t			 parent;	/* the child gets SIGHUP when it dies */
	int			 close_fds[SSHD_SPAWN_MAX_CLOSE];	/* the parent's, -1 */
};

/*
 * Fork the console or the command of req: on a pty when the client asked for one (*nfds
 * 1: the master), else on pipes (*nfds 3: stdin's write end, stdout's and stderr's read
 * ends); all non-blocking and close-on-exec. The child's pid, or -1 (logged).
 */
pid_t	sshd_spawn(const struct sshd_spawn_req *req, int fds[3], int *nfds);
/* Whether an env request NAME=value may travel: LANG or LC_*, a tame value. */
int	sshd_spawn_env_ok(const char *name, const char *value);
/* Whether a pty-req's TERM is a plain terminal name (else "vt100" is used). */
int	sshd_spawn_term_ok(const char *term);

#endif
