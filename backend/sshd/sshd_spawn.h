/*
 * sshd_spawn — the child process behind a session channel (console or command).
 */
#ifndef RASHIN_SSHD_SPAWN_H
#define RASHIN_SSHD_SPAWN_H

#include <sys/ioctl.h>

struct sshd_chan;

/*
 * Fork the console (chan->kind SSHD_CHAN_SHELL) or command argv for chan: on a pty when
 * the client asked for one, else on pipes. Sets chan->pid and its descriptors (non-blocking).
 * 0, or -1 (logged).
 */
int	sshd_spawn(struct sshd_chan *chan, int argc, char **argv);
/* The client's terminal size of chan as a struct winsize. */
void	sshd_spawn_winsize(const struct sshd_chan *chan, struct winsize *ws);

#endif
