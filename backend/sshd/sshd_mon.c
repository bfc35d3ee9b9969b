/*
 * sshd_mon — the monitor's messages (see sshd_mon.h): framing and descriptor passing,
 * with the sizes checked before anything reads a field.
 */
#include "backend/sshd/sshd_mon.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#define SSHD_MON_HDR	offsetof(struct sshd_mon_msg, u)

/* Room for a control message with the most descriptors a message carries, aligned. */
union sshd_mon_ctl {
	struct cmsghdr	 hdr;
	char		 buf[CMSG_SPACE(sizeof (int) * SSHD_MON_MAX_FDS)];
};

/* The one size a message of type has, or 0 for an unknown type. */
static size_t
sshd_mon_size(uint32_t type)
{
	switch (type) {
	case SSHD_MON_AUTH:
		return SSHD_MON_HDR + sizeof (struct sshd_mon_auth);
	case SSHD_MON_AUTH_OK:
		return SSHD_MON_HDR + sizeof (struct sshd_mon_ok);
	case SSHD_MON_AUTH_NO:
	case SSHD_MON_FAILED:
		return SSHD_MON_HDR + sizeof (struct sshd_mon_failed);
	case SSHD_MON_SPAWN:
		return SSHD_MON_HDR + sizeof (struct sshd_mon_spawn);
	case SSHD_MON_SPAWNED:
	case SSHD_MON_KILL:
	case SSHD_MON_EXIT:
	case SSHD_MON_BYE:
		return SSHD_MON_HDR;
	default:
		return 0;
	}
}

void
sshd_mon_init(struct sshd_mon_msg *m, enum sshd_mon_type type, uint32_t chan, int32_t value)
{
	memset(m, 0, sizeof *m);
	m->type = (uint32_t)type;
	m->chan = chan;
	m->value = value;
}

int
sshd_mon_send(int fd, const struct sshd_mon_msg *m, const int *fds, int nfds, int dontwait)
{
	union sshd_mon_ctl	 ctl;
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*c;
	size_t		 len = sshd_mon_size(m->type);
	ssize_t		 n;

	if (len == 0 || nfds < 0 || nfds > SSHD_MON_MAX_FDS) {
		errno = EINVAL;
		return -1;
	}
	memset(&msg, 0, sizeof msg);
	iov.iov_base = (void *)m;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	if (nfds > 0) {
		memset(&ctl, 0, sizeof ctl);
		msg.msg_control = ctl.buf;
		msg.msg_controllen = CMSG_SPACE(sizeof (int) * (size_t)nfds);
		c = CMSG_FIRSTHDR(&msg);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof (int) * (size_t)nfds);
		memcpy(CMSG_DATA(c), fds, sizeof (int) * (size_t)nfds);
	}
	do
		n = sendmsg(fd, &msg, MSG_NOSIGNAL | (dontwait ? MSG_DONTWAIT : 0));
	while (n == -1 && errno == EINTR);
	if (n == -1)
		return -1;
	if ((size_t)n != len) {
		errno = EMSGSIZE;
		return -1;
	}
	return 0;
}

int
sshd_mon_recv(int fd, struct sshd_mon_msg *m, int *fds, int *nfds)
{
	union sshd_mon_ctl	 ctl;
	struct msghdr	 msg;
	struct iovec	 iov;
	struct cmsghdr	*c;
	ssize_t		 n;
	size_t		 got;
	int		 i, bad = 0;

	*nfds = 0;
	memset(m, 0, sizeof *m);
	memset(&msg, 0, sizeof msg);
	iov.iov_base = m;
	iov.iov_len = sizeof *m;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = ctl.buf;
	msg.msg_controllen = sizeof ctl.buf;
	do
		n = recvmsg(fd, &msg, MSG_CMSG_CLOEXEC);
	while (n == -1 && errno == EINTR);
	if (n < 0)
		return -1;
	for (c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len < CMSG_LEN(0)) {
			bad = 1;
			continue;
		}
		got = (c->cmsg_len - CMSG_LEN(0)) / sizeof (int);
		for (i = 0; i < (int)got; i++) {
			if (*nfds < SSHD_MON_MAX_FDS)
				memcpy(&fds[(*nfds)++], CMSG_DATA(c) + sizeof (int) * (size_t)i,
				    sizeof (int));
			else {
				/* the buffer is rounded up: one more may come, closed */
				int extra;

				memcpy(&extra, CMSG_DATA(c) + sizeof (int) * (size_t)i,
				    sizeof (int));
				close(extra);
				bad = 1;
			}
		}
	}
	if (n == 0) {		/* the end, or an empty datagram: nothing it carried is kept */
		for (i = 0; i < *nfds; i++)
			close(fds[i]);
		*nfds = 0;
		return 0;
	}
	if ((msg.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0 ||
	    (size_t)n != sshd_mon_size(m->type) ||
	    (*nfds > 0 && m->type != SSHD_MON_SPAWNED))
		bad = 1;
	if (bad) {
		for (i = 0; i < *nfds; i++)
			close(fds[i]);
		*nfds = 0;
		errno = EPROTO;
		return -1;
	}
	return 1;
}

int
sshd_mon_str(const char *s, size_t size)
{
	return memchr(s, '\0', size) != NULL;
}
