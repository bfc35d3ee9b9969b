/*
 * log — one line per event to syslog, stderr or a file, never the terminal of a console
 * session. Every line carries the session context set with log_context().
 */
#ifndef RASHIN_LOG_H
#define RASHIN_LOG_H

enum log_level { LOG_LVL_DEBUG, LOG_LVL_INFO, LOG_LVL_WARN, LOG_LVL_ERROR };

/* dest: "syslog", "stderr" or a path; level: "debug".."error". 0 or -1 with cause. */
int	log_open(const char *dest, const char *level, char **cause);
/*
 * In a child about to give descriptors 0-2 to a client (an SSH channel): logging to
 * "stderr" goes on to the process's own stderr, on a descriptor of its own, so no log line
 * reaches the client's streams or terminal.
 */
void	log_keep_stderr(void);
/* Context printed on every line, e.g. "session=12 login=admin source=127.0.0.1". */
void	log_context(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
