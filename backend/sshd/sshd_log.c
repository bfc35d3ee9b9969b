/*
 * sshd_log — log lines for the SSH server with session context (see sshd_log.h), written
 * through backend/log.h with "sshd: " in front.
 */
#include "backend/sshd/sshd_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "backend/lib/log.h"
#include "backend/lib/util.h"

void
sshd_log_context(const char *session, const char *login, const char *source)
{
	char	 ctx[192];
	size_t	 off = 0;

	ctx[0] = '\0';
	if (session != NULL)
		off += (size_t)snprintf(ctx + off, sizeof ctx - off, "session=%s", session);
	if (login != NULL && *login != '\0' && off < sizeof ctx)
		off += (size_t)snprintf(ctx + off, sizeof ctx - off, "%slogin=%s",
		    off > 0 ? " " : "", login);
	if (source != NULL && off < sizeof ctx)
		snprintf(ctx + off, sizeof ctx - off, "%ssource=%s", off > 0 ? " " : "",
		    source);
	log_context("%s", ctx);
}

#define SSHD_LOG_FN(name, to)				\
void							\
name(const char *fmt, ...)				\
{							\
	va_list	 ap;					\
	char	*msg;					\
							\
	va_start(ap, fmt);				\
	msg = xvasprintf(fmt, ap);			\
	va_end(ap);					\
	to("sshd: %s", msg);				\
	free(msg);					\
}

SSHD_LOG_FN(sshd_debug, log_debug)
SSHD_LOG_FN(sshd_info, log_info)
SSHD_LOG_FN(sshd_warn, log_warn)
SSHD_LOG_FN(sshd_error, log_error)
