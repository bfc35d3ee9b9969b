/*
 * notifyhub — one LISTEN for all the sessions of a server (see notifyhub.c).
 *
 * The listener forks the hub before it accepts anything (hub_start) and gives every
 * connection process a socket of its own (hub_subscribe); the connection's console reads
 * the payloads from it (hub_read) instead of LISTENing on its own connection. A console
 * whose socket closes (the hub died) LISTENs for itself from then on. The listener
 * reports each child it reaps (hub_ended) and, when the hub was one, forks a new one
 * from its loop (hub_restart), no more often than once a second (slower while they keep
 * dying); the sessions it forks after that subscribe to the new hub.
 */
#ifndef RASHIN_NOTIFYHUB_H
#define RASHIN_NOTIFYHUB_H

#include <sys/types.h>

#include "backend/lib/notify.h"	/* HUB_ALL: sent when it (re)starts listening */

/*
 * In the listener: fork the hub (conninfo must stay valid while the listener runs: a
 * restart uses it again). The first is forked before the listener accepts, holding
 * nothing of it; a restart is forked from the listener's loop, so detach (or NULL) runs
 * first thing in the new process to close what the listener holds. 0, or -1 with *cause.
 */
int	hub_start(const char *conninfo, void (*detach)(void), char **cause);
/* The hub's process, or -1 (none running, or not yet reaped as ended). */
pid_t	hub_pid(void);
/* In the listener, for every child waitpid reported: 1 if it was the hub (logged; a new
 * hub is due, see hub_restart), else 0. */
int	hub_ended(pid_t pid, int status);
/* In the listener's loop: fork a new hub if one is due (detach as for hub_start). The ms
 * until one is due (call again then), or -1 (none due). */
int	hub_restart(void (*detach)(void));
/* In the listener, for a connection about to be forked: its socket, or -1 (none: its
 * console LISTENs itself). The caller closes it after the fork. */
int	hub_subscribe(void);
/* In a forked connection process (or once the hub is gone): close the listener's end. */
void	hub_forget(void);
/*
 * In a console: read what is pending on fd (non-blocking), fn(arg, payload) for each
 * payload. 0, or -1 when the socket has closed (the caller closes fd and LISTENs).
 */
int	hub_read(int fd, void (*fn)(void *, const char *), void *arg);
/* The slot (ms per subscriber's turn) for /proc/pressure/cpu's text (see notifyhub.c). */
int	hub_slot_for(const char *pressure);

#endif
