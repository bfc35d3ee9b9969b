/*
 * pgembed_keep — the keeper that stops the embedded servers for a server that became the
 * sessions' user (pgembed_keep.h).
 */
#include "backend/store/pgembed_keep.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backend/lib/i18n.h"
#include "backend/lib/log.h"
#include "backend/lib/util.h"
#include "backend/store/pgembed.h"
#include "backend/store/pgembed_home.h"
#include "backend/store/pgembed_proc.h"

/* pid lives and is not a zombie (the servers are the server's children, not ours: it
 * reaps them) */
static int
alive(pid_t pid)
{
	char path[64], *buf = NULL, *p;
	int yes = 0;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	if (read_file(path, &buf, NULL, NULL) == 0 && (p = strrchr(buf, ')')) != NULL)
		yes = p[1] == ' ' && p[2] != 'Z' && p[2] != 'X';
	free(buf);
	return yes;
}

/* The keeper's stop: as rashin-db, what the server's pgembed_stop would do. */
static void
keep_stop(const struct pgembed *pg)
{
	pid_t running;
	int i;

	if (pg->pool_pid > 0 && alive(pg->pool_pid)) {
		/* SIGTERM: PgBouncer 1.18's immediate shutdown (later ones: SIGKILL after 5 s) */
		kill(pg->pool_pid, SIGTERM);
		for (i = 0; i < 100 && alive(pg->pool_pid); i++)
			usleep(50 * 1000);
		if (alive(pg->pool_pid))
			kill(pg->pool_pid, SIGKILL);
		log_info("PgBouncer stopped");
	}
	if ((running = postmaster_pid(pg->pgdata)) > 0) {
		if (running != pg->pid)
			log_warn("the embedded PostgreSQL was restarted from outside (pid %ld, not "
			    "%ld): stopping that one", (long)running, (long)pg->pid);
		if (stop_postmaster(pg->pgdata, running, 30000) != 0) {
			log_error("the embedded PostgreSQL did not stop (pid %ld in "
			    "%s/postmaster.pid)", (long)running, pg->pgdata);
			return;
		}
	}
	log_info("embedded PostgreSQL stopped");
}

/* The keeper: becomes the cluster's user, waits for a word from the server or its end,
 * stops the servers, exits. */
static void
keep(const struct pgembed *pg, int fd, pid_t server)
{
	struct pollfd p = { fd, POLLIN, 0 };

	(void)prctl(PR_SET_NAME, "rashin-dbstop");
	/* a terminal's Ctrl-C or hang-up is the server's to act on: it then asks */
	signal(SIGINT, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	if (pgembed_become(pg->uid, pg->gid) != 0) {
		log_error("the keeper of the embedded PostgreSQL cannot become %s: %s",
		    PGEMBED_DB_USER, strerror(errno));
		_exit(1);
	}
	while (getppid() == server) {
		if (poll(&p, 1, 500) > 0)
			break;
	}
	keep_stop(pg);
	_exit(0);
}

int
pgembed_keeper(struct pgembed *pg, char **cause)
{
	pid_t server = getpid();
	int p[2];

	if (geteuid() != 0 || pg->uid == pg->svc_uid || pg->pid <= 0 || pg->keeper > 0)
		return 0;
	if (pipe2(p, O_CLOEXEC) != 0)
		return set_cause(cause, _("pipe: %s"), strerror(errno));
	pg->keeper = fork();
	if (pg->keeper == -1) {
		pg->keeper = 0;
		close(p[0]);
		close(p[1]);
		return set_cause(cause, _("fork: %s"), strerror(errno));
	}
	if (pg->keeper == 0) {
		close(p[1]);
		keep(pg, p[0], server);
	}
	close(p[0]);
	pg->keeper_fd = p[1];
	log_info("process %ld (%s) will stop the embedded PostgreSQL and PgBouncer: this "
	    "process becomes %s, which may not signal them", (long)pg->keeper, PGEMBED_DB_USER,
	    PGEMBED_USER);
	return 0;
}

int
pgembed_keeper_stop(struct pgembed *pg)
{
	int status;

	if (pg->keeper <= 0)
		return 0;
	if (write(pg->keeper_fd, "s", 1) != 1)
		log_warn("telling the keeper %ld to stop the servers: %s", (long)pg->keeper,
		    strerror(errno));
	close(pg->keeper_fd);
	while (waitpid(pg->keeper, &status, 0) == -1 && errno == EINTR)
		continue;
	/* the servers it stopped are our children: reap them (the SSH listener may have) */
	if (pg->pool_pid > 0)
		(void)waitpid(pg->pool_pid, &status, WNOHANG);
	if (pg->pid > 0)
		(void)waitpid(pg->pid, &status, WNOHANG);
	pg->keeper = 0;
	pg->pool_pid = 0;
	pg->pid = 0;
	return 1;
}
