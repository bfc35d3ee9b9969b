/*
 * pgembed_proc.h — the embedded servers' processes (pgembed.c starts and stops them).
 */
#ifndef RASHIN_PGEMBED_PROC_H
#define RASHIN_PGEMBED_PROC_H

#include <sys/resource.h>
#include <sys/types.h>

/* Run argv as the server user with output to the log; returns the exit status or -1. */
int	run_as(uid_t uid, gid_t gid, const char *logfile, const char *const argv[]);
/*
 * Fork argv[0] as the server user: in its own process group (a terminal's Ctrl-C reaches
 * rashin, which stops it in order), stdin /dev/null, output appended to logfile, deathsig
 * when rashin dies, the descriptor limit raised to nofile (within the hard limit; 0: as
 * is). The child's pid, or -1.
 */
pid_t	spawn_server(const char *const argv[], const char *logfile, uid_t uid, gid_t gid,
	    int deathsig,
	    rlim_t nofile);
/* Reap pid if it has ended: 1 if it is gone (or was reaped elsewhere), 0 if it runs. */
int	child_gone(pid_t pid);
/* Stop our child pid: sig, and last_sig if it is still there after wait_ms. */
void	stop_child(pid_t pid, int sig, int wait_ms, int last_sig);
/*
 * The postmaster running on pgdata, as its postmaster.pid names it: that pid if the process
 * lives and is a server of this data directory (its working directory: postgres changes to
 * its data directory), else 0 (no file, a stale one, a pid another process has taken since,
 * an exited child not yet reaped). Not our child's pid when PostgreSQL was restarted from
 * outside (pg_ctl restart).
 */
pid_t	postmaster_pid(const char *pgdata);
/*
 * Stop the postmaster pid of pgdata that is not our child (restarted from outside): SIGINT
 * (a fast shutdown), then SIGQUIT after wait_ms; done when postmaster.pid no longer names
 * a live server. 0 stopped, -1 still there.
 */
int	stop_postmaster(const char *pgdata, pid_t pid, int wait_ms);
/* Last lines of the server log, for error messages. */
char *log_tail(const char *logfile);

#endif
