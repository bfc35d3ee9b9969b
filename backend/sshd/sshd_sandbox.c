/*
 * sshd_sandbox — the connection process's sandbox (see sshd_sandbox.h). The filter is the
 * table below: one row per system call (or per allowed argument value), each with why it
 * is there. A call not in the table fails with EPERM, so a path nobody foresaw reports an
 * error rather than killing a member's session; the rows marked KILL end the process at
 * once, because only code that is not rashin's would make them.
 */
#include "backend/sshd/sshd_sandbox.h"

#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/sched.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/lib/util.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANDBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANDBOX_ASAN 1
#endif
#endif

#define SANDBOX_NET_FDS	32	/* the network process's descriptors beyond its channels' */

enum sandbox_act {
	SB_ALLOW,		/* what rashin does */
	SB_INET,		/* allowed only when the database is reached over TCP */
	SB_KILL,		/* only an attacker's code does this: end the process */
	SB_ENOSYS,		/* refused as "not implemented" so the C library falls back */
};

enum sandbox_cmp {
	SB_ANY,			/* any arguments */
	SB_EQ,			/* argument arg == a */
	SB_MASK0,		/* (argument arg & a) == 0 */
};

struct sandbox_rule {
	const char		*name;	/* the system call, as libseccomp names it */
	enum sandbox_act	 act;
	enum sandbox_cmp	 cmp;
	unsigned int		 arg;
	unsigned long long	 a;
	const char		*why;
};

#define SB(n, why)		{ #n, SB_ALLOW, SB_ANY, 0, 0, why }
#define SB_ARG(n, i, v, why)	{ #n, SB_ALLOW, SB_EQ, i, v, why }
#define SB_NET(n, i, v, why)	{ #n, SB_INET, SB_EQ, i, v, why }
#define SB_NOT(n, i, m, why)	{ #n, SB_ALLOW, SB_MASK0, i, m, why }
#define SB_DIE(n, why)		{ #n, SB_KILL, SB_ANY, 0, 0, why }

#define SB_NS_FLAGS (CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWUSER | \
	CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWCGROUP)

static const struct sandbox_rule sandbox_rules[] = {
	/* descriptors: the socket, the pty or pipes of each channel, the status pipe */
	SB(read, "SSH packets, the channels' output, the signal pipe"),
	SB(write, "SSH packets, the channels' input, the log"),
	SB(readv, "the C library's stdio"),
	SB(writev, "the C library's stdio, the log"),
	SB(pread64, "the C library reading locale and terminfo files"),
	SB(fadvise64, "fontconfig reading its caches (PDF reports)"),
	SB(lseek, "stdio"),
	SB(close, "descriptors"),
	SB(close_range, "the C library closing descriptors"),
	SB(dup, "the channel child's stdio"),
	SB(dup2, "the channel child's stdio"),
	SB(dup3, "the channel child's stdio"),
	SB(fcntl, "non-blocking and close-on-exec flags"),
	SB(ioctl, "the pty: window size, controlling terminal, termios"),
	SB(pipe, "the channels' pipes"),
	SB(pipe2, "the channels' pipes, the signal pipe"),
	SB(poll, "the event loops of libssh, libpq and the console"),
	SB(ppoll, "the event loops"),
	SB(select, "the event loops"),
	SB(pselect6, "the event loops"),
	SB(epoll_create1, "the C library"),
	SB(epoll_ctl, "the C library"),
	SB(epoll_wait, "the C library"),
	SB(epoll_pwait, "the C library"),
	/* files: read-only use of the system's (locale, terminfo, gettext, the pty) */
	SB_NOT(openat, 2, O_CREAT | O_TRUNC, "locale, terminfo and message catalogues; "
	    "/dev/ptmx and the pty; never a file made or emptied"),
	SB_NOT(open, 1, O_CREAT | O_TRUNC, "as openat"),
	SB(stat, "the C library"),
	SB(fstat, "the C library"),
	SB(lstat, "the C library"),
	SB(newfstatat, "the C library"),
	SB(statx, "the C library"),
	SB(statfs, "the C library"),
	SB(fstatfs, "the C library"),
	SB(access, "ncurses looks for terminfo"),
	SB(faccessat, "as access"),
	SB(faccessat2, "as access"),
	SB(readlink, "the C library, the pty's name"),
	SB(readlinkat, "as readlink"),
	SB(getdents64, "terminfo and locale directories"),
	SB(getcwd, "the C library"),
	SB(umask, "the C library"),
	SB(ftruncate, "stdio"),
	/* memory */
	SB(brk, "malloc"),
	SB(mmap, "malloc, shared libraries' data"),
	SB(munmap, "malloc"),
	SB(mremap, "realloc"),
	SB(mprotect, "the dynamic loader, malloc"),
	SB(madvise, "malloc"),
	SB(mincore, "the sanitizer runtime (test builds)"),
	SB(getrlimit, "the C library"),
	SB(prlimit64, "getrlimit; raising the memory cap above its hard limit is refused"),
	/* signals, time, processes */
	SB(rt_sigaction, "SIGCHLD, SIGTERM, SIGALRM handlers"),
	SB(rt_sigprocmask, "signal masks"),
	SB(rt_sigreturn, "signal handlers"),
	SB(rt_sigsuspend, "the C library"),
	SB(sigaltstack, "the sanitizer runtime"),
	SB(restart_syscall, "interrupted calls"),
	SB(kill, "the channel children (SIGTERM, SIGHUP, SIGKILL at close)"),
	SB(tgkill, "raise(), abort()"),
	SB(tkill, "raise()"),
	SB(alarm, "LoginGraceTime's backstop"),
	SB(setitimer, "alarm()"),
	SB(getitimer, "alarm()"),
	SB(nanosleep, "short waits"),
	SB(clock_nanosleep, "short waits"),
	SB(clock_gettime, "deadlines (when the vDSO is not used)"),
	SB(clock_getres, "the C library"),
	SB(gettimeofday, "the C library"),
	SB(time, "the C library"),
	SB(getrandom, "key exchange, session ids, nonces"),
	SB(futex, "the C library's locks"),
	SB(set_robust_list, "fork"),
	SB(rseq, "the C library"),
	SB(set_tid_address, "fork"),
	SB(sched_yield, "the C library"),
	SB(sched_getaffinity, "the C library, the sanitizer runtime"),
	SB(getpid, "logs"),
	SB(getppid, "the parent-death check"),
	SB(gettid, "the C library"),
	SB(getuid, "the C library"),
	SB(geteuid, "the C library"),
	SB(getgid, "the C library"),
	SB(getegid, "the C library"),
	SB(getresuid, "the C library"),
	SB(getresgid, "the C library"),
	SB(getgroups, "the C library"),
	SB(getpgrp, "the console's terminal"),
	SB(getpgid, "the console's terminal"),
	SB(getsid, "the console's terminal"),
	SB(setsid, "a channel child gets its own session and controlling tty"),
	SB(setpgid, "the console's terminal"),
	SB(uname, "the C library, libpq"),
	SB(sysinfo, "the C library"),
	SB(getrusage, "the C library"),
	SB(times, "the C library"),
	SB(prctl, "the process name, the parent-death signal; nothing it can set "
	    "undoes no_new_privs or the filter"),
	SB(arch_prctl, "the C library"),
	SB(wait4, "reaping the channel children"),
	SB(waitid, "reaping the channel children"),
	SB_NOT(clone, 0, SB_NS_FLAGS, "fork of a channel child; never a new namespace"),
	SB(exit, "threads of the sanitizer runtime"),
	SB(exit_group, "the end"),
	/* sockets: the accepted connection, the database, the notification hub, the log */
	SB_ARG(socket, 0, AF_UNIX, "the database and the log over Unix sockets"),
	SB_NET(socket, 0, AF_INET, "the database over TCP"),
	SB_NET(socket, 0, AF_INET6, "the database over TCP"),
	SB_ARG(socketpair, 0, AF_UNIX, "the C library"),
	SB(connect, "the database, syslog"),
	SB(sendto, "SSH packets, the database, syslog"),
	SB(recvfrom, "SSH packets, the database"),
	SB(sendmsg, "the database"),
	SB(recvmsg, "the database, the hub's socket"),
	SB(sendmmsg, "the resolver (database over TCP)"),
	SB(shutdown, "the end of a connection"),
	SB(getsockopt, "libssh, libpq"),
	SB(setsockopt, "libssh, libpq"),
	SB(getsockname, "libssh, libpq"),
	SB(getpeername, "libssh, libpq"),
#ifdef SANDBOX_ASAN
	/* test builds: LeakSanitizer stops the process's threads with ptrace at exit */
	SB(ptrace, "LeakSanitizer at exit (sanitizer builds only)"),
#else
	SB_DIE(ptrace, "reading or changing another process"),
#endif
	/* what only an attacker's code would do: the process ends */
	SB_DIE(execve, "running another program"),
	SB_DIE(execveat, "running another program"),
	SB_DIE(process_vm_readv, "reading another process"),
	SB_DIE(process_vm_writev, "changing another process"),
	SB_DIE(setuid, "changing user"),
	SB_DIE(setgid, "changing group"),
	SB_DIE(setreuid, "changing user"),
	SB_DIE(setregid, "changing group"),
	SB_DIE(setresuid, "changing user"),
	SB_DIE(setresgid, "changing group"),
	SB_DIE(setfsuid, "changing user"),
	SB_DIE(setfsgid, "changing group"),
	SB_DIE(setgroups, "changing groups"),
	SB_DIE(capset, "capabilities"),
	SB_DIE(mount, "file systems"),
	SB_DIE(umount2, "file systems"),
	SB_DIE(pivot_root, "file systems"),
	SB_DIE(chroot, "file systems"),
	SB_DIE(unshare, "namespaces"),
	SB_DIE(setns, "namespaces"),
	SB_DIE(init_module, "kernel modules"),
	SB_DIE(finit_module, "kernel modules"),
	SB_DIE(delete_module, "kernel modules"),
	SB_DIE(kexec_load, "the kernel"),
	SB_DIE(bpf, "the kernel"),
	SB_DIE(perf_event_open, "the kernel"),
	SB_DIE(userfaultfd, "a classic exploit aid"),
	SB_DIE(keyctl, "the kernel keyring"),
	SB_DIE(add_key, "the kernel keyring"),
	SB_DIE(request_key, "the kernel keyring"),
	SB_DIE(io_uring_setup, "a second way to make system calls"),
	SB_DIE(seccomp, "a filter of its own (the network process stacks its own with "
	    "prctl, PR_SET_SECCOMP: no flags, no listener; a filter only takes away)"),
	{ "clone3", SB_ENOSYS, SB_ANY, 0, 0, "the C library then uses clone, which is filtered" },
};

/*
 * The network process's filter (sshd_monitor.h), stacked on the one above: the kernel
 * runs both and the stricter answer wins. It speaks SSH on one socket, pumps the
 * channels' pty masters and pipes (handed to it by the monitor) and talks to the monitor
 * on a socketpair; it opens nothing, connects nowhere, starts no process and signals
 * none. Unlisted calls fail with EPERM as in the table above (a path nobody foresaw
 * errors rather than killing a member's session); the rows marked KILL end it.
 */
static const struct sandbox_rule sandbox_net_rules[] = {
	/* descriptors it holds: the client's socket, the channels', the monitor's */
	SB(read, "SSH packets, the channels' output, the signal pipe"),
	SB(write, "SSH packets, the channels' input, the log"),
	SB(readv, "stdio (the log on stderr)"),
	SB(writev, "stdio, the log"),
	SB(recvfrom, "SSH packets"),
	SB(sendto, "SSH packets, the log on syslog's socket"),
	SB(recvmsg, "the monitor's messages, with a child's descriptors"),
	SB(sendmsg, "requests to the monitor"),
	SB(close, "descriptors of ended channels"),
	/* fcntl only on its own descriptors' flags: F_SETOWN/F_SETSIG with O_ASYNC would have
	 * the kernel signal any process of the same user */
	SB_ARG(fcntl, 1, F_GETFL, "non-blocking flags"),
	SB_ARG(fcntl, 1, F_SETFL, "non-blocking flags"),
	SB_ARG(fcntl, 1, F_GETFD, "close-on-exec flags"),
	SB_ARG(fcntl, 1, F_SETFD, "close-on-exec flags"),
	SB_ARG(ioctl, 1, TIOCSWINSZ, "a window change on the pty master the monitor handed over"),
	SB_ARG(ioctl, 1, FIONREAD, "libssh, OpenSSL"),
	SB(poll, "the event loop"),
	SB(ppoll, "the event loop"),
	SB(select, "libssh"),
	SB(pselect6, "libssh"),
	SB(getsockopt, "libssh"),
	SB(setsockopt, "libssh: TCP_NODELAY"),
	SB(getsockname, "libssh"),
	SB(getpeername, "libssh"),
	SB(shutdown, "the end of the connection"),
	SB(fstat, "stdio"),
	SB(newfstatat, "stdio (fstat)"),
	SB(lseek, "stdio"),
	/* memory */
	SB(brk, "malloc"),
	SB(mmap, "malloc"),
	SB(munmap, "malloc"),
	SB(mremap, "realloc"),
	SB(madvise, "malloc"),
	SB(mprotect, "malloc's arenas"),
	SB(getrlimit, "the C library"),
	SB_ARG(prlimit64, 0, 0, "getrlimit of its own (pid 0); never another process's"),
	/* signals, time */
	SB(rt_sigaction, "the SIGTERM handler"),
	SB(rt_sigprocmask, "signal masks"),
	SB(rt_sigreturn, "signal handlers"),
	SB(restart_syscall, "interrupted calls"),
	SB(alarm, "LoginGraceTime's backstop"),
	SB(setitimer, "alarm()"),
	SB(nanosleep, "short waits"),
	SB(clock_nanosleep, "short waits"),
	SB(clock_gettime, "deadlines (when the vDSO is not used)"),
	SB(gettimeofday, "the C library"),
	SB(time, "the C library"),
	SB(getrandom, "key exchange, nonces, padding"),
	SB(futex, "the C library's and OpenSSL's locks"),
	SB(sched_yield, "the C library"),
	SB(getpid, "logs, the C library"),
	SB(gettid, "the C library"),
	SB(getuid, "the C library"),
	SB(geteuid, "the C library"),
	SB(exit, "the end"),
	SB(exit_group, "the end"),
#ifdef SANDBOX_ASAN
	SB(tgkill, "a sanitizer's abort (sanitizer builds only)"),
	/* test builds: the network process ends with _exit (no LeakSanitizer check), but a
	 * sanitizer's report must still come out: these fail (EPERM) rather than kill it */
	SB(sigaltstack, "the sanitizer runtime (sanitizer builds only)"),
	SB(mincore, "the sanitizer runtime (sanitizer builds only)"),
	SB(sched_getaffinity, "the sanitizer runtime (sanitizer builds only)"),
#else
	SB_DIE(ptrace, "reading or changing another process"),
	SB_DIE(clone, "a new process or thread: it starts none"),
	SB_DIE(kill, "a signal to another process: the monitor sends those"),
	/* the filter is compiled before the process exists, so tgkill cannot be limited to
	 * its own pid: an abort() ends it by SIGSYS instead of SIGABRT, the same end */
	SB_DIE(tgkill, "a signal to any thread of the same user"),
#endif
	/* what only an attacker's code would do there: the process ends */
	/* socket is not listed (EPERM): the C library's syslog() makes a new socket after
	 * the log daemon restarted; refused, the line is lost, not the member's session */
	SB_DIE(socketpair, "a new socket: it has the ones it needs"),
	SB_DIE(connect, "the database, anything on the network"),
	SB_DIE(bind, "listening"),
	SB_DIE(listen, "listening"),
	SB_DIE(accept, "listening"),
	SB_DIE(accept4, "listening"),
	SB_DIE(open, "a file: it opens none"),
	SB_DIE(creat, "a file"),
	SB_DIE(open_by_handle_at, "a file"),
	SB_DIE(fork, "a new process"),
	SB_DIE(vfork, "a new process"),
	SB_DIE(execve, "running another program"),
	SB_DIE(execveat, "running another program"),
	SB_DIE(memfd_create, "code of its own in memory"),
	SB_DIE(process_vm_readv, "reading another process"),
	SB_DIE(process_vm_writev, "changing another process"),
	SB_DIE(pidfd_open, "another process"),
	SB_DIE(pidfd_send_signal, "another process"),
	SB_DIE(pidfd_getfd, "another process's descriptors"),
	SB_DIE(tkill, "a thread of another process"),
	SB_DIE(setuid, "changing user"),
	SB_DIE(setgid, "changing group"),
	SB_DIE(setresuid, "changing user"),
	SB_DIE(setresgid, "changing group"),
	SB_DIE(unshare, "namespaces"),
	SB_DIE(setns, "namespaces"),
	SB_DIE(mount, "file systems"),
	SB_DIE(chroot, "file systems"),
	SB_DIE(bpf, "the kernel"),
	SB_DIE(io_uring_setup, "a second way to make system calls"),
	SB_DIE(seccomp, "a filter of its own"),
	{ "clone3", SB_ENOSYS, SB_ANY, 0, 0, "never used; refused as not implemented" },
};

void
sshd_sandbox_drop_bounding(void)
{
	int	 c, held;

	/* PR_CAPBSET_READ fails past the kernel's last capability */
	for (c = 0; (held = prctl(PR_CAPBSET_READ, c, 0, 0, 0)) >= 0; c++) {
		if (held == 1)
			(void)prctl(PR_CAPBSET_DROP, c, 0, 0, 0);
	}
}

int
sshd_sandbox_drop_caps(char **cause)
{
	struct __user_cap_header_struct	 hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct	 data[2];

	sshd_sandbox_drop_bounding();
	(void)prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
	memset(data, 0, sizeof data);
	if (syscall(SYS_capget, &hdr, data) == 0 && (data[0].permitted | data[1].permitted |
	    data[0].effective | data[1].effective | data[0].inheritable |
	    data[1].inheritable) == 0)
		return 0;	/* none held (systemd's filter may refuse capset: no need) */
	memset(data, 0, sizeof data);
	if (syscall(SYS_capset, &hdr, data) != 0)
		return set_cause(cause, "capset: %s", strerror(errno));
	return 0;
}

/* VmData of this process in bytes, or 0. */
static unsigned long long
sandbox_vmdata(void)
{
	char			 line[128];
	unsigned long long	 kb = 0;
	FILE			*f = fopen("/proc/self/status", "re");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof line, f) != NULL) {
		if (sscanf(line, "VmData: %llu kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb * 1024;
}

/*
 * RLIMIT_DATA: the heap and every private writable mapping. A sanitizer build maps
 * terabytes of shadow memory at start, so there the cap is on what the process adds.
 */
static int
sandbox_memory(const struct config *cfg, char **cause)
{
	struct rlimit		 rl;
	unsigned long long	 base = 0, cap;

	if (cfg->max_memory_mb <= 0)
		return 0;
#ifdef SANDBOX_ASAN
	base = sandbox_vmdata();
#else
	(void)sandbox_vmdata;
#endif
	cap = base + (unsigned long long)cfg->max_memory_mb * 1024 * 1024;
	rl.rlim_cur = rl.rlim_max = (rlim_t)cap;
	if (setrlimit(RLIMIT_DATA, &rl) != 0)
		return set_cause(cause, "setrlimit(RLIMIT_DATA, %d MB): %s", cfg->max_memory_mb,
		    strerror(errno));
	fatal_set_oom_note(xasprintf("this connection's memory limit was reached "
	    "(server.max_memory_mb = %d)", cfg->max_memory_mb));
	return 0;
}

static int
sandbox_rule_add(scmp_filter_ctx ctx, const struct sandbox_rule *r, int inet, char **cause)
{
	uint32_t	 action;
	int		 nr, rc;

	nr = seccomp_syscall_resolve_name(r->name);
	if (nr == __NR_SCMP_ERROR)
		return 0;	/* not a system call on this architecture */
	switch (r->act) {
	case SB_INET:
		if (!inet)
			return 0;
		/* FALLTHROUGH */
	case SB_ALLOW:
		action = SCMP_ACT_ALLOW;
		break;
	case SB_KILL:
		action = SCMP_ACT_KILL_PROCESS;
		break;
	default:
		action = SCMP_ACT_ERRNO(ENOSYS);
		break;
	}
	if (r->cmp == SB_EQ)
		rc = seccomp_rule_add(ctx, action, nr, 1,
		    SCMP_CMP(r->arg, SCMP_CMP_EQ, r->a));
	else if (r->cmp == SB_MASK0)
		rc = seccomp_rule_add(ctx, action, nr, 1,
		    SCMP_CMP(r->arg, SCMP_CMP_MASKED_EQ, r->a, 0));
	else
		rc = seccomp_rule_add(ctx, action, nr, 0);
	if (rc != 0)
		return set_cause(cause, "seccomp rule for %s: %s", r->name, strerror(-rc));
	return 0;
}

/*
 * A filter compiled once (libseccomp, in the listener before it accepts: sshd_sandbox_
 * prepare) into BPF that every connection then loads as it is: building it per connection
 * cost each login libseccomp's allocations and page faults, twice since privilege
 * separation.
 */
struct sandbox_prog {
	struct sock_filter	*insns;
	unsigned short		 len;
	int			 inet;
	int			 ready;
};

static struct sandbox_prog sandbox_progs[2];	/* the monitor's, the network process's */

static int
sandbox_compile(const struct sandbox_rule *rules, size_t nrules, int inet,
    struct sandbox_prog *p, char **cause)
{
	scmp_filter_ctx	 ctx;
	char		*buf = NULL;
	size_t		 i, have = 0, size = 4096;
	ssize_t		 n;
	int		 fd = -1, rc = -1, error;

	if ((ctx = seccomp_init(SCMP_ACT_ERRNO(EPERM))) == NULL)
		return set_cause(cause, "seccomp_init failed");
	for (i = 0; i < nrules; i++) {
		if (sandbox_rule_add(ctx, &rules[i], inet, cause) != 0)
			goto out;
	}
	if ((fd = memfd_create("rashin-seccomp", MFD_CLOEXEC)) == -1) {
		set_cause(cause, "memfd_create: %s", strerror(errno));
		goto out;
	}
	if ((error = seccomp_export_bpf(ctx, fd)) != 0) {
		set_cause(cause, "seccomp_export_bpf: %s", strerror(-error));
		goto out;
	}
	buf = xmalloc(size);
	while ((n = pread(fd, buf + have, size - have, (off_t)have)) > 0) {
		have += (size_t)n;
		if (have == size)
			buf = xreallocarray(buf, 2, size), size *= 2;
	}
	if (n < 0 || have == 0 || have % sizeof (struct sock_filter) != 0 ||
	    have / sizeof (struct sock_filter) > BPF_MAXINSNS) {
		set_cause(cause, "seccomp_export_bpf: %zu bytes", have);
		goto out;
	}
	free(p->insns);
	p->insns = (struct sock_filter *)(void *)buf;
	p->len = (unsigned short)(have / sizeof (struct sock_filter));
	p->inet = inet;
	p->ready = 1;
	buf = NULL;
	rc = 0;
out:
	free(buf);
	if (fd != -1)
		close(fd);
	seccomp_release(ctx);
	return rc;
}

int
sshd_sandbox_prepare(int inet, char **cause)
{
	if (sandbox_compile(sandbox_rules, nitems(sandbox_rules), inet, &sandbox_progs[0],
	    cause) != 0)
		return -1;
	return sandbox_compile(sandbox_net_rules, nitems(sandbox_net_rules), 0,
	    &sandbox_progs[1], cause);
}

/* Load p (compiled now if it was not before, as in a test); no_new_privs is set. */
static int
sandbox_filter(const struct sandbox_rule *rules, size_t nrules, int inet,
    struct sandbox_prog *p, char **cause)
{
	struct sock_fprog	 prog;

	if ((!p->ready || p->inet != inet) &&
	    sandbox_compile(rules, nrules, inet, p, cause) != 0)
		return -1;
	prog.len = p->len;
	prog.filter = p->insns;
	if (prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0) != 0)
		return set_cause(cause, "PR_SET_SECCOMP: %s", strerror(errno));
	return 0;
}

int
sshd_sandbox_enter(const struct config *cfg, int inet, char **cause)
{
	if (sandbox_memory(cfg, cause) != 0 || sshd_sandbox_drop_caps(cause) != 0)
		return -1;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return set_cause(cause, "PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
	/* not dumpable: no core file with the session's keys, no ptrace by the same user */
	(void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	return sandbox_filter(sandbox_rules, nitems(sandbox_rules), inet, &sandbox_progs[0],
	    cause);
}

int
sshd_sandbox_enter_net(const struct config *cfg, char **cause)
{
	struct rlimit	 rl;
	int		 chans = cfg->max_sessions > 0 ? cfg->max_sessions : 64;

	/* a handful of its own, three per channel (pipes) and the ones in flight */
	rl.rlim_cur = rl.rlim_max = (rlim_t)(SANDBOX_NET_FDS + 3 * (chans + 1));
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
		return set_cause(cause, "setrlimit(RLIMIT_NOFILE): %s", strerror(errno));
	rl.rlim_cur = rl.rlim_max = 0;	/* it ends with _exit: no LeakSanitizer thread */
	if (setrlimit(RLIMIT_NPROC, &rl) != 0)
		return set_cause(cause, "setrlimit(RLIMIT_NPROC): %s", strerror(errno));
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return set_cause(cause, "PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
	return sandbox_filter(sandbox_net_rules, nitems(sandbox_net_rules), 0, &sandbox_progs[1],
	    cause);
}

#ifdef RASHIN_TEST_HOOKS
#include <sys/wait.h>

/* In a child: what happens to a call the filter kills. */
static void
sandbox_probe_fatal(const char *what)
{
	char	*argv[] = { (char *)"/bin/true", NULL };
	pid_t	 pid;
	int	 st;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		if (strcmp(what, "execve") == 0)
			execv(argv[0], argv);
		else if (strcmp(what, "setuid") == 0)
			(void)setuid(0);
		else if (strcmp(what, "mount") == 0)
			(void)syscall(SYS_mount, "none", "/mnt", "tmpfs", 0UL, NULL);
		_exit(0);
	}
	if (pid == -1 || waitpid(pid, &st, 0) != pid)
		printf("%s: fork failed\n", what);
	else if (WIFSIGNALED(st))
		printf("%s: killed by signal %d\n", what, WTERMSIG(st));
	else
		printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

int
sshd_sandbox_probe(int argc, char **argv)
{
	size_t	 n;
	char	*p;
	long	 r;
	int	 fd;

	if (argc == 2 && strcmp(argv[1], "syscalls") == 0) {
		sandbox_probe_fatal("execve");
		sandbox_probe_fatal("setuid");
		fd = socket(AF_INET, SOCK_STREAM, 0);
		printf("socket(AF_INET): %s\n", fd == -1 ? strerror(errno) : "allowed");
		fd = socket(AF_UNIX, SOCK_STREAM, 0);
		printf("socket(AF_UNIX): %s\n", fd == -1 ? strerror(errno) : "allowed");
		sandbox_probe_fatal("mount");
		r = syscall(SYS_clone, (unsigned long)CLONE_NEWUSER | SIGCHLD, 0, 0, 0, 0);
		if (r == 0)
			_exit(0);
		printf("clone(CLONE_NEWUSER): %s\n", r == -1 ? strerror(errno) : "allowed");
		fd = open("/tmp/rashin-sandbox-probe", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		printf("open(O_CREAT): %s\n", fd == -1 ? strerror(errno) : "allowed");
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "memory") == 0) {
		for (n = 0; n < 128; n++) {	/* 16 MB at a time, touched, until the cap */
			p = xmalloc(16 << 20);
			memset(p, 1, 16 << 20);
		}
		printf("2 GB allocated: no memory limit\n");
		return 1;
	}
	fprintf(stderr, "usage: rashin-sandbox-probe syscalls|memory\n");
	return 2;
}
#endif
