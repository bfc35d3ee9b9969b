/*
 * sshd_log — log lines for the SSH server with session context (see sshd_log.h).
 */
#include "backend/sshd_log.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "backend/util.h"

static char	sshd_log_ctx[192];

void
sshd_log_context(const char *session, const char *login, const char *source)
{
	size_t	 off = 0;

	sshd_log_ctx[0] = '\0';
	if (session != NULL)
		off += (size_t)snprintf(sshd_log_ctx + off, sizeof sshd_log_ctx - off,
		    "session=%s ", session);
	if (login != NULL && *login != '\0' && off < sizeof sshd_log_ctx)
		off += (size_t)snprintf(sshd_log_ctx + off, sizeof sshd_log_ctx - off,
		    "login=%s ", login);
	if (source != NULL && off < sizeof sshd_log_ctx)
		snprintf(sshd_log_ctx + off, sizeof sshd_log_ctx - off, "source=%s ",
		    source);
}

/* One write(2) per line, so lines of concurrent processes never interleave. */
static void
sshd_log_write(const char *level, const char *fmt, va_list ap)
{
	char		 stamp[32], *msg, *line;
	struct tm	 tm;
	time_t		 t = time(NULL);
	ssize_t		 n;

	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	msg = xvasprintf(fmt, ap);
	line = xasprintf("%s rashin[%ld]: %s: sshd: %s%s\n", stamp, (long)getpid(), level,
	    sshd_log_ctx, msg);
	n = write(STDERR_FILENO, line, strlen(line));
	(void)n;
	free(line);
	free(msg);
}

void
sshd_debug(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	sshd_log_write("debug", fmt, ap);
	va_end(ap);
}

void
sshd_info(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	sshd_log_write("info", fmt, ap);
	va_end(ap);
}

void
sshd_warn(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	sshd_log_write("warning", fmt, ap);
	va_end(ap);
}

void
sshd_error(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	sshd_log_write("error", fmt, ap);
	va_end(ap);
}
