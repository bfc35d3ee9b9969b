/*
 * sshd_sandbox — what a connection process may do, fixed before it reads a byte of SSH:
 * a cap on its memory (server.max_memory_mb, RLIMIT_DATA), no capabilities, no way to gain
 * privileges (PR_SET_NO_NEW_PRIVS), not dumpable, and a seccomp filter built from one
 * reviewable table of the system calls that key exchange, authentication, the channel
 * relay and the session children need (sshd_sandbox.c). Everything else fails with EPERM;
 * the calls that only an attack would make (execve, ptrace, mount, the setuid family,
 * namespaces, module loading, ...) kill the process. The channel children (console,
 * commands) inherit all of it.
 *
 * That is the monitor's sandbox (sshd_monitor.h). The network process, which parses every
 * byte from the client, stacks a second, much tighter filter on it (a second table in
 * sshd_sandbox.c): no socket, connect, open, fork, exec or kill, few descriptors and no
 * new process (RLIMIT_NOFILE, RLIMIT_NPROC).
 */
#ifndef RASHIN_SSHD_SANDBOX_H
#define RASHIN_SSHD_SANDBOX_H

struct config;

/*
 * Enter the sandbox: cfg->max_memory_mb, the capability drop, no_new_privs and the
 * filter. inet: allow AF_INET/AF_INET6 sockets (the database is reached over TCP);
 * AF_UNIX is always allowed. 0, or -1 with *cause (the process must not go on).
 */
int	sshd_sandbox_enter(const struct config *cfg, int inet, char **cause);

/*
 * Compile both filters once, in the listener before it accepts (inet as for
 * sshd_sandbox_enter): each connection then loads them ready-made. 0, or -1 with *cause.
 */
int	sshd_sandbox_prepare(int inet, char **cause);

/*
 * In the network process, after sshd_sandbox_enter (inherited from the monitor): the
 * descriptor and process limits and the second filter. 0, or -1 with *cause.
 */
int	sshd_sandbox_enter_net(const struct config *cfg, char **cause);

/*
 * Give up every capability (bounding, ambient, permitted, effective): in the listener
 * once it listens, and in each connection process. 0, or -1 with *cause.
 */
int	sshd_sandbox_drop_caps(char **cause);
/*
 * Empty the capability bounding set, so no program run later can gain one: only while
 * the process still holds CAP_SETPCAP (as root, before it changes user); else nothing.
 */
void	sshd_sandbox_drop_bounding(void);

#ifdef RASHIN_TEST_HOOKS
/*
 * Test builds only: an exec request for "rashin-sandbox-probe WHAT" runs this in the
 * channel child instead of a command (WHAT: "syscalls" tries what the filter forbids and
 * prints one line per call; "memory" allocates until the cap stops it). Returns the
 * exit status.
 */
int	sshd_sandbox_probe(int argc, char **argv);
#endif

#endif
