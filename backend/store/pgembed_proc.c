/*
 * pgembed_proc — the embedded servers' processes: run a program as the servers' user, spawn
 * a server in its own process group with a parent-death signal, follow and stop it (the
 * postmaster by its postmaster.pid, not the pid we started), and a log's last lines.
 */
#include "backend/store/pgembed_proc.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "backend/store/pgembed_home.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"

/* Run argv as the server user with output to the log; returns the exit status or -1. */
int
run_as(uid_t uid, gid_t gid, const char *logfile, const char *const argv[])
{
	pid_t pid;
	int status, fd;

	pid = fork();
	if (pid == -1)
		return -1;
	if (pid == 0) {
		fd = open(logfile, O_WRONLY | O_APPEND | O_CREAT, 0600);
		if (fd != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
			close(fd);
		}
		if (pgembed_become(uid, gid) != 0)
			_exit(126);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/*
 * Fork argv[0] as the server user: in its own process group (a terminal's Ctrl-C reaches
 * rashin, which stops it in order), stdin /dev/null, output appended to logfile, deathsig
 * when rashin dies, the descriptor limit raised to nofile (within the hard limit; 0: as
 * is). The child's pid, or -1.
 */
pid_t
spawn_server(const char *const argv[], const char *logfile, uid_t uid, gid_t gid, int deathsig,
    rlim_t nofile)
{
	pid_t ppid = getpid(), pid;
	struct rlimit rl;
	int fd;

	pid = fork();
	if (pid != 0) {
		if (pid > 0)
			setpgid(pid, pid);
		return pid;
	}
	setpgid(0, 0);
	fd = open(logfile, O_WRONLY | O_APPEND);
	if (fd != -1) {
		dup2(fd, 1);
		dup2(fd, 2);
		close(fd);
	}
	fd = open("/dev/null", O_RDONLY);
	if (fd != -1) {
		dup2(fd, 0);
		close(fd);
	}
	if (nofile > 0 && getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < nofile) {
		rl.rlim_cur = rl.rlim_max != RLIM_INFINITY && rl.rlim_max < nofile ?
		    rl.rlim_max : nofile;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
	}
	if (pgembed_become(uid, gid) != 0)
		_exit(126);
	if (die_with_parent(ppid, deathsig) != 0)	/* after pgembed_become() */
		_exit(0);
	execv(argv[0], (char *const *)argv);
	_exit(127);
}

/* Reap pid if it has ended: 1 if it is gone (or was reaped elsewhere), 0 if it runs. */
int
child_gone(pid_t pid)
{
	int status;
	pid_t r = waitpid(pid, &status, WNOHANG);

	/* ECHILD: reaped elsewhere (the SSH listener reaps every child it sees end); its pid
	 * may be another process's by now, so it is not signalled */
	return r == pid || (r == -1 && errno == ECHILD);
}

/* Stop our child pid: sig, and last_sig if it is still there after wait_ms. */
void
stop_child(pid_t pid, int sig, int wait_ms, int last_sig)
{
	int i, status;

	if (child_gone(pid))
		return;
	kill(pid, sig);
	for (i = 0; i < wait_ms / 50; i++) {
		if (child_gone(pid))
			return;
		usleep(50 * 1000);
	}
	kill(pid, last_sig);
	while (waitpid(pid, &status, 0) == -1 && errno == EINTR)
		continue;
}

/*
 * The postmaster running on pgdata, as its postmaster.pid names it: that pid if the process
 * lives and is a server of this data directory (its working directory: postgres changes to
 * its data directory), else 0 (no file, a stale one, a pid another process has taken since,
 * an exited child not yet reaped). Not our child's pid when PostgreSQL was restarted from
 * outside (pg_ctl restart).
 */
pid_t
postmaster_pid(const char *pgdata)
{
	char *path = xasprintf("%s/postmaster.pid", pgdata), *buf = NULL, *end;
	char proc[64], cwd[PATH_MAX], real[PATH_MAX];
	ssize_t n;
	long v;
	pid_t pid = 0;

	if (read_file(path, &buf, NULL, NULL) != 0)
		goto out;
	v = strtol(buf, &end, 10);
	if (end == buf || (*end != '\n' && *end != '\0') || v <= 0 || v > INT_MAX)
		goto out;
	snprintf(proc, sizeof proc, "/proc/%ld/cwd", v);
	if ((n = readlink(proc, cwd, sizeof cwd - 1)) == -1) {
		/* another user's process we may not look into: alive is all we can tell */
		if (errno == EACCES && kill((pid_t)v, 0) == 0)
			pid = (pid_t)v;
		goto out;
	}
	cwd[n] = '\0';
	if (realpath(pgdata, real) != NULL && strcmp(cwd, real) == 0)
		pid = (pid_t)v;
out:
	free(buf);
	free(path);
	return pid;
}

/*
 * Stop the postmaster pid of pgdata that is not our child (restarted from outside): SIGINT
 * (a fast shutdown), then SIGQUIT after wait_ms; done when postmaster.pid no longer names
 * a live server. 0 stopped, -1 still there.
 */
int
stop_postmaster(const char *pgdata, pid_t pid, int wait_ms)
{
	int i;

	kill(pid, SIGINT);
	for (i = 0; i < wait_ms / 50 + 100; i++) {
		if (postmaster_pid(pgdata) != pid)
			return 0;
		if (i == wait_ms / 50)
			kill(pid, SIGQUIT);
		usleep(50 * 1000);
	}
	return -1;
}

/* Last lines of the server log, for error messages. */
char *
log_tail(const char *logfile)
{
	char *buf = NULL, *p;
	size_t len;
	int lines = 0;

	if (read_file(logfile, &buf, &len, NULL) != 0)
		return xstrdup("(no log)");
	for (p = buf + len; p > buf; p--)
		if (p[-1] == '\n' && p != buf + len && ++lines == 3)
			break;
	p = xstrdup(p);
	free(buf);
	for (char *c = p; *c != '\0'; c++)
		if (*c == '\n')
			*c = ' ';
	return p;
}

