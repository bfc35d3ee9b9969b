/*
 * log — syslog, stderr or an append-only file. A failed write (disk full) is counted and
 * never stops the program.
 */
#include "backend/lib/log.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "backend/lib/util.h"

static enum { DEST_STDERR, DEST_SYSLOG, DEST_FILE } log_dest = DEST_STDERR;
static int log_fd = 2;
static enum log_level log_min = LOG_LVL_INFO;
static char log_ctx[200];

int
log_open(const char *dest, const char *level, char **cause)
{
	static const char *const names[] = { "debug", "info", "warning", "error" };
	size_t i;
	int fd;

	for (i = 0; i < nitems(names); i++)
		if (level != NULL && strcmp(level, names[i]) == 0)
			log_min = (enum log_level)i;
	if (dest == NULL || strcmp(dest, "stderr") == 0) {
		log_dest = DEST_STDERR;
		log_fd = 2;
	} else if (strcmp(dest, "syslog") == 0) {
		openlog("rashin", LOG_PID | LOG_NDELAY, LOG_DAEMON);
		log_dest = DEST_SYSLOG;
	} else {
		fd = open(dest, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
		if (fd == -1)
			return set_cause(cause, "log file %s: %s", dest, strerror(errno));
		if (log_dest == DEST_FILE && log_fd > 2)
			close(log_fd);
		log_dest = DEST_FILE;
		log_fd = fd;
	}
	return 0;
}

void
log_keep_stderr(void)
{
	int fd;

	if (log_dest != DEST_STDERR || log_fd != 2)
		return;
	if ((fd = fcntl(2, F_DUPFD_CLOEXEC, 3)) != -1)
		log_fd = fd;
}

void
log_context(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(log_ctx, sizeof log_ctx, fmt, ap);
	va_end(ap);
}

static void
log_v(enum log_level lvl, const char *fmt, va_list ap)
{
	static const char *const tags[] = { "debug", "info", "warning", "error" };
	static const int prio[] = { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR };
	char msg[2048], line[2400], ts[32];
	struct tm tm;
	time_t t;
	int n;

	if (lvl < log_min)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	for (n = 0; msg[n] != '\0'; n++)	/* one event, one line */
		if ((unsigned char)msg[n] < 0x20)
			msg[n] = ' ';
	if (log_dest == DEST_SYSLOG) {
		syslog(prio[lvl], "%s%s%s", log_ctx, log_ctx[0] ? " " : "", msg);
		return;
	}
	t = time(NULL);
	localtime_r(&t, &tm);
	strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S%z", &tm);
	n = snprintf(line, sizeof line, "%s rashin[%ld] %s: %s%s%s\n", ts, (long)getpid(),
	    tags[lvl], log_ctx, log_ctx[0] ? " " : "", msg);
	if (n > (int)sizeof line - 1)
		n = (int)sizeof line - 1;
	if (write(log_fd, line, (size_t)n) < 0) {
		/* disk full or closed: nothing sensible to do but go on */
	}
}

#define LOG_FN(name, lvl)						\
void									\
name(const char *fmt, ...)						\
{									\
	va_list ap;							\
									\
	va_start(ap, fmt);						\
	log_v(lvl, fmt, ap);						\
	va_end(ap);							\
}
LOG_FN(log_debug, LOG_LVL_DEBUG)
LOG_FN(log_info, LOG_LVL_INFO)
LOG_FN(log_warn, LOG_LVL_WARN)
LOG_FN(log_error, LOG_LVL_ERROR)
