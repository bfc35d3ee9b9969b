/*
 * sshd_chan — session channels of one connection: pty-req, env (LANG/LC_* only),
 * window-change, shell (the console on a pty) and exec (a command on pipes, its exit status
 * returned). Each runs in a child process whose output is bridged to the channel with
 * flow control; subsystems and forwarding are refused.
 */
#ifndef RASHIN_SSHD_CHAN_H
#define RASHIN_SSHD_CHAN_H

#include <sys/types.h>

#include <libssh/libssh.h>
#include <libssh/callbacks.h>

#include "backend/lib/identity.h"

struct sshd_conn;

#define SSHD_CHAN_MAX_ENV	16

enum sshd_chan_kind { SSHD_CHAN_NEW, SSHD_CHAN_SHELL, SSHD_CHAN_EXEC };

/* A byte queue towards a child's stdin or pty. */
struct sshd_chan_buf {
	char	*data;
	size_t	 len;
	size_t	 size;
};

struct sshd_chan {
	struct sshd_conn		*conn;
	ssh_channel			 channel;
	struct ssh_channel_callbacks_struct cb;
	enum sshd_chan_kind		 kind;

	/* pty-req */
	int				 want_pty;
	char				 term[64];
	int				 cols, rows, xpixel, ypixel;
	char				*env[SSHD_CHAN_MAX_ENV];	/* "NAME=value" */
	int				 nenv;

	unsigned int			 num;		/* its number for the monitor */
	pid_t				 pid;		/* child (the monitor's), 0 = none or
							   ended */
	int				 status;	/* from waitpid */
	int				 exited;
	int				 in_fd;		/* child's stdin (or pty master) */
	int				 out_fd;	/* child's stdout (or pty master) */
	int				 err_fd;	/* child's stderr, exec without pty */
	int				 in_eof;	/* client sent EOF: close in_fd when drained */
	int				 fd_eof;	/* 1: out_fd at EOF, 2: err_fd at EOF */
	char				*early_msg;	/* stderr line for a refused command */
	char				*farewell;	/* shown once the console has exited */
	struct sshd_chan_buf		 inq;		/* client data not yet written */
	int				 pending;	/* libssh holds data we did not take */
	int				 stalled;	/* client window is 0: stop reading */
	short				 ev_in, ev_out, ev_err;	/* registered poll events */
	int				 remote_closed;
	int				 finished;	/* exit status and close sent */
	long long			 kill_ms;	/* when the hangup was sent */
	int				 kill_stage;
};

/* libssh callback for a new session channel: NULL refuses it (MaxSessions). */
ssh_channel	sshd_chan_open(ssh_session session, void *userdata);
/*
 * After each poll round (the monitor's reports of ended children are applied by then):
 * move data, finish channels whose child is done,
 * free closed channels. Returns the number of channels still open.
 */
int		sshd_chan_service(struct sshd_conn *);
/* Ask every child to end (SIGHUP, then SIGTERM, then SIGKILL as time passes). */
void		sshd_chan_hangup(struct sshd_conn *, long long now);
/* Next step of ending chan's child: SIGHUP, SIGTERM after 1 s, SIGKILL after 2.5 s. */
void		sshd_chan_kill(struct sshd_chan *, long long now);
/* Write a notice line to every console (pty) channel. */
void		sshd_chan_notice(struct sshd_conn *, const char *line);
/* A last line for every console channel, written after its child has exited (so after
 * the console left its alternate screen, where a line written now would vanish). */
void		sshd_chan_farewell(struct sshd_conn *, const char *line);
/* Whether a command (exec) is running: the idle timeout does not apply then. */
int		sshd_chan_busy(struct sshd_conn *);
/* Forget every channel (the connection is gone; the monitor ends the children). */
void		sshd_chan_free_all(struct sshd_conn *);

#endif
