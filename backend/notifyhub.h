/*
 * notifyhub — one LISTEN for all the sessions of a server (see notifyhub.c).
 *
 * The listener forks the hub before it accepts anything (hub_start) and gives every
 * connection process a socket of its own (hub_subscribe); the connection's console reads
 * the payloads from it (hub_read) instead of LISTENing on its own connection. A console
 * whose socket closes (the hub stopped, or the console fell behind and was dropped)
 * LISTENs for itself from then on.
 */
#ifndef RASHIN_NOTIFYHUB_H
#define RASHIN_NOTIFYHUB_H

/* The payload the hub sends when it (re)starts listening: notifications may have been
 * missed, read everything again. */
#define HUB_ALL		"*"

/* In the listener, before it accepts: fork the hub; 0, or -1 with *cause. */
int	hub_start(const char *conninfo, char **cause);
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

#endif
