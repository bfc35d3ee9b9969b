/*
 * test_sshd_netbox — the network process's sandbox (sshd_sandbox_enter_net) and the
 * monitor's messages (sshd_mon.h). Each case forks a child that enters the real filter
 * and makes the call: what SSH and the channels need (read, write, poll, sendmsg and
 * recvmsg with descriptors, a window change on a pty master) still works; a new socket
 * and opening a file are refused (EPERM); connect, socketpair and execve kill it
 * (SIGSYS), as fork and kill do in a build without the sanitizer (there they are
 * refused, so a sanitizer's report can still come out). The message parser refuses a
 * message of the wrong size, an unknown type and descriptors where none belong.
 */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "backend/lib/config.h"
#include "backend/sshd/sshd_mon.h"
#include "backend/sshd/sshd_sandbox.h"

#if defined(__SANITIZE_ADDRESS__)
#define NETBOX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define NETBOX_ASAN 1
#endif
#endif

enum probe {
	P_WORKS, P_SOCKET, P_OPEN, P_CONNECT, P_SOCKETPAIR, P_EXECVE, P_FORK, P_KILL,
	P_WINCH, P_TIOCSTI, P_SETOWN, P_PRLIMIT_OTHER, P_NONBLOCK, P_RLIMIT_OWN
};

/* In the child, inside the filter: 0 when the call did what the case expects here. */
static int
probe_run(enum probe p, int sp[2], int master)
{
	struct sshd_mon_msg	 m;
	struct pollfd		 pfd;
	struct winsize		 ws = { 30, 100, 0, 0 };
	char			*argv[] = { (char *)"/bin/true", NULL }, c = 'x';
	int			 fds[SSHD_MON_MAX_FDS], nfds, pp[2];
	long			 r;

	switch (p) {
	case P_WORKS:
		/* a request and an answer carrying a descriptor, as SPAWNED does */
		sshd_mon_init(&m, SSHD_MON_SPAWNED, 7, 1234);
		if (sshd_mon_send(sp[0], &m, &master, 1, 0) != 0)
			return 1;
		pfd.fd = sp[1];
		pfd.events = POLLIN;
		if (poll(&pfd, 1, 1000) != 1)
			return 2;
		if (sshd_mon_recv(sp[1], &m, fds, &nfds) != 1 || nfds != 1 || m.chan != 7 ||
		    m.value != 1234)
			return 3;
		if (ioctl(fds[0], TIOCSWINSZ, &ws) != 0 || close(fds[0]) != 0)
			return 4;
		return (write(sp[0], &c, 1) == 1 && read(sp[1], &c, 1) == 1) ? 0 : 5;
	case P_SOCKET:
		return socket(AF_UNIX, SOCK_STREAM, 0) == -1 && errno == EPERM ? 0 : 1;
	case P_OPEN:
		return open("/etc/hostname", O_RDONLY) == -1 && errno == EPERM ? 0 : 1;
	case P_CONNECT:
		(void)connect(sp[0], NULL, 0);
		return 1;
	case P_SOCKETPAIR:
		(void)socketpair(AF_UNIX, SOCK_STREAM, 0, pp);
		return 1;
	case P_EXECVE:
		execv(argv[0], argv);
		return 1;
	case P_FORK:
		r = syscall(SYS_clone, (unsigned long)SIGCHLD, 0, 0, 0, 0);
		if (r == 0)
			_exit(9);
		return r == -1 && errno == EPERM ? 0 : 1;
	case P_KILL:
		return kill(getppid(), 0) == -1 && errno == EPERM ? 0 : 1;
	case P_WINCH:
		return ioctl(master, TIOCSWINSZ, &ws) == 0 ? 0 : 1;
	case P_TIOCSTI:		/* typing into the console's terminal */
		return ioctl(master, TIOCSTI, &c) == -1 && errno == EPERM ? 0 : 1;
	case P_SETOWN:		/* O_ASYNC signals to another process */
		return fcntl(master, F_SETOWN, getppid()) == -1 && errno == EPERM ? 0 : 1;
	case P_PRLIMIT_OTHER:	/* lowering another process's limits */
		return syscall(SYS_prlimit64, getppid(), RLIMIT_NOFILE, NULL, NULL) == -1 &&
		    errno == EPERM ? 0 : 1;
	case P_NONBLOCK:	/* what libssh does with its descriptors */
		r = fcntl(master, F_GETFL);
		return r != -1 && fcntl(master, F_SETFL, (int)r | O_NONBLOCK) == 0 &&
		    fcntl(master, F_SETFD, FD_CLOEXEC) == 0 ? 0 : 1;
	case P_RLIMIT_OWN: {
		struct rlimit rl;

		return getrlimit(RLIMIT_NOFILE, &rl) == 0 ? 0 : 1;
	}
	}
	return 1;
}

/* Fork, enter the filter, probe; the child's wait status. */
static int
probe(enum probe p)
{
	struct config	 cfg;
	char		*cause = NULL;
	int		 sp[2], master, slave, st;
	pid_t		 pid;

	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sp), 0);
	assert_int_equal(openpty(&master, &slave, NULL, NULL, NULL), 0);
	pid = fork();
	assert_true(pid != -1);
	if (pid == 0) {
		memset(&cfg, 0, sizeof cfg);
		cfg.max_sessions = 4;
		if (sshd_sandbox_enter_net(&cfg, &cause) != 0)
			_exit(100);
		_exit(probe_run(p, sp, master));
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	close(sp[0]);
	close(sp[1]);
	close(master);
	close(slave);
	return st;
}

static void
expect_works(enum probe p)
{
	int	 st = probe(p);

	assert_true(WIFEXITED(st));
	assert_int_equal(WEXITSTATUS(st), 0);
}

static void
expect_killed(enum probe p)
{
	int	 st = probe(p);

	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGSYS);
}

static void
test_what_ssh_needs(void **state)
{
	(void)state;
	expect_works(P_WORKS);
	expect_works(P_WINCH);
	expect_works(P_NONBLOCK);
	expect_works(P_RLIMIT_OWN);
}

static void
test_refused(void **state)
{
	(void)state;
	expect_works(P_SOCKET);		/* the probe exits 0 when it got EPERM */
	expect_works(P_OPEN);
	expect_works(P_TIOCSTI);
	expect_works(P_SETOWN);
	expect_works(P_PRLIMIT_OTHER);
}

static void
test_killed(void **state)
{
	(void)state;
	expect_killed(P_CONNECT);
	expect_killed(P_SOCKETPAIR);
	expect_killed(P_EXECVE);
#ifdef NETBOX_ASAN
	expect_works(P_FORK);
	expect_works(P_KILL);
#else
	expect_killed(P_FORK);
	expect_killed(P_KILL);
#endif
}

/* The monitor's parser: only the exact size of a known type, descriptors only with
 * SPAWNED (and then closed when refused). */
static void
test_messages(void **state)
{
	struct sshd_mon_msg	 m;
	int			 sp[2], fds[SSHD_MON_MAX_FDS], nfds, pp[2];
	uint32_t		 junk[4] = { SSHD_MON_AUTH, 0, 0, 0 };

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sp), 0);
	assert_int_equal(pipe(pp), 0);

	/* an AUTH header without its body */
	assert_int_equal(send(sp[0], junk, sizeof junk, 0), (ssize_t)sizeof junk);
	assert_int_equal(sshd_mon_recv(sp[1], &m, fds, &nfds), -1);
	assert_int_equal(nfds, 0);
	/* an unknown type */
	junk[0] = 99;
	assert_int_equal(send(sp[0], junk, sizeof junk, 0), (ssize_t)sizeof junk);
	assert_int_equal(sshd_mon_recv(sp[1], &m, fds, &nfds), -1);
	/* a descriptor with a KILL: refused, and not left open here */
	sshd_mon_init(&m, SSHD_MON_KILL, 1, SIGHUP);
	assert_int_equal(sshd_mon_send(sp[0], &m, &pp[0], 1, 0), 0);
	assert_int_equal(sshd_mon_recv(sp[1], &m, fds, &nfds), -1);
	assert_int_equal(nfds, 0);
	/* a good one */
	sshd_mon_init(&m, SSHD_MON_BYE, 0, SSHD_MON_WHY_IDLE);
	assert_int_equal(sshd_mon_send(sp[0], &m, NULL, 0, 0), 0);
	assert_int_equal(sshd_mon_recv(sp[1], &m, fds, &nfds), 1);
	assert_int_equal(m.type, SSHD_MON_BYE);
	assert_int_equal(m.value, SSHD_MON_WHY_IDLE);
	/* a string field without its NUL */
	memset(m.u.failed.reason, 'a', sizeof m.u.failed.reason);
	assert_false(sshd_mon_str(m.u.failed.reason, sizeof m.u.failed.reason));
	/* EOF */
	close(sp[0]);
	assert_int_equal(sshd_mon_recv(sp[1], &m, fds, &nfds), 0);
	close(sp[1]);
	close(pp[0]);
	close(pp[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_what_ssh_needs),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_killed),
		cmocka_unit_test(test_messages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
