/*
 * sshd_log — the SSH server's log lines, each carrying the session id, login and source.
 * A thin front on backend/log.h that names the server in every line.
 */
#ifndef RASHIN_SSHD_LOG_H
#define RASHIN_SSHD_LOG_H

/* Context for every following line of this process; NULL leaves a field out. */
void	sshd_log_context(const char *session, const char *login, const char *source);
void	sshd_debug(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	sshd_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	sshd_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void	sshd_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
