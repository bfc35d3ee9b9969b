/*
 * util — allocation that cannot fail, formatted strings, fatal errors.
 * fatal() runs the registered cleanup hook first (the console restores the terminal there).
 */
#ifndef RASHIN_UTIL_H
#define RASHIN_UTIL_H

#include <stdarg.h>
#include <stddef.h>

#define nitems(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t);
void *xcalloc(size_t, size_t);
void *xreallocarray(void *, size_t, size_t);
char *xstrdup(const char *);
char *xstrndup(const char *, size_t);
char *xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *, va_list) __attribute__((format(printf, 1, 0)));

/* Set *cause (if cause is not NULL) to a newly allocated message; returns -1. */
int set_cause(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

void fatal_set_hook(void (*hook)(void));
/* From now on an allocation that fails says why (note, allocated, is kept): "this
 * connection's memory limit was reached (...)", on stderr and in the log. */
void fatal_set_oom_note(char *note);
void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

/* Read a whole file into a NUL-terminated buffer; 0 or -1 with *cause. */
int read_file(const char *path, char **out, size_t *len, char **cause);

/* Lower-case hex SHA-256 of data into out[65]. */
void sha256_hex(const void *data, size_t len, char out[65]);

#include <sys/types.h>
/* mkdir -p: 0, or -1 with *cause naming the part that failed. */
int mkdir_p(const char *path, mode_t mode, char **cause);

/* Strip trailing '\n' and '\r'. */
void chomp(char *);

/* Monotonic milliseconds. */
long long now_ms(void);

/*
 * In a child just forked from parent: sig when parent ends (PR_SET_PDEATHSIG). 0, or -1
 * when parent had already ended before it was set (the child should exit: it would never
 * get the signal). Call it after any change of user or group: a change of credentials
 * clears the setting.
 */
int die_with_parent(pid_t parent, int sig);

#endif
