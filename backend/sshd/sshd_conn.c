/*
 * sshd_conn — one connection in its own process (see sshd_conn.h). Authentication is
 * public key only: a probe ("would this key do?") is answered yes for every supported key
 * type without asking the hooks, so probes reveal nothing about logins or keys; only a
 * request carrying a signature libssh has verified reaches hooks->authorize, with the key
 * that signed it. Each refused signature, bad signature or other method counts towards
 * MaxAuthTries.
 */
#include "backend/sshd/sshd_conn.h"

#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/config.h"
#include "backend/sshd/sshd.h"
#include "backend/sshd/sshd_chan.h"
#include "backend/sshd/sshd_hostkey.h"
#include "backend/sshd/sshd_log.h"
#include "backend/sshd/sshd_mon.h"
#include "backend/sshd/sshd_monitor.h"
#include "backend/sshd/sshd_net.h"
#include "backend/sshd/sshd_sandbox.h"
#include "backend/lib/util.h"

#define SSHD_CONN_POLL_MS	1000	/* longest sleep between deadline checks */
#define SSHD_CONN_CLOSE_MS	5000	/* longest wait for children when closing */
#define SSHD_CONN_IO_TIMEOUT	120	/* seconds a blocking libssh call may take */

volatile sig_atomic_t sshd_conn_got_term;
static int sshd_conn_sigfd = -1;

static void
sshd_conn_on_signal(int sig)
{
	int	 saved = errno;
	ssize_t	 n;

	(void)sig;
	sshd_conn_got_term = 1;
	if (sshd_conn_sigfd != -1) {
		n = write(sshd_conn_sigfd, "", 1);
		(void)n;
	}
	errno = saved;
}

static int
sshd_conn_on_sigfd(socket_t fd, int revents, void *userdata)
{
	char	 buf[64];

	(void)revents;
	(void)userdata;
	while (read(fd, buf, sizeof buf) > 0)
		continue;
	return 0;
}

static void
sshd_conn_signals(void)
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = sshd_conn_on_signal;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGPIPE, &sa, NULL);
}

/* A login name we are willing to look up: printable ASCII, at most 32 bytes. */
static int
sshd_conn_valid_user(const char *user)
{
	size_t	 i, len = strlen(user);

	if (len == 0 || len >= sizeof ((struct identity *)0)->login)
		return 0;
	for (i = 0; i < len; i++) {
		if (!isgraph((unsigned char)user[i]))
			return 0;
	}
	return 1;
}

/* A failed attempt: logged, counted; audited by the monitor (it did so already when
 * it refused the key itself: audited). */
static void
sshd_conn_failed_as(struct sshd_conn *conn, const char *fp, const char *reason, int audited)
{
	conn->auth_failures++;
	sshd_warn("failed publickey for %s: %s%s%s (attempt %d of %d)",
	    conn->user[0] != '\0' ? conn->user : "?", reason, fp != NULL ? " " : "",
	    fp != NULL ? fp : "", conn->auth_failures, conn->cfg->max_auth_tries);
	if (!audited)
		sshd_net_failed(conn, fp, reason, 1);
	if (conn->cfg->max_auth_tries > 0 &&
	    conn->auth_failures >= conn->cfg->max_auth_tries)
		conn->too_many = 1;
}

static void
sshd_conn_failed(struct sshd_conn *conn, const char *fp, const char *reason)
{
	sshd_conn_failed_as(conn, fp, reason, 0);
}

/* Remember the login name of the first request; a different one later is refused. */
static int
sshd_conn_user(struct sshd_conn *conn, const char *user)
{
	if (!sshd_conn_valid_user(user)) {
		if (conn->user[0] == '\0')
			snprintf(conn->user, sizeof conn->user, "%s", "?");
		sshd_conn_failed(conn, NULL, "invalid login name");
		return -1;
	}
	if (conn->user[0] == '\0' || strcmp(conn->user, "?") == 0)
		snprintf(conn->user, sizeof conn->user, "%s", user);
	else if (strcmp(conn->user, user) != 0) {
		sshd_conn_failed(conn, NULL, "login name changed during authentication");
		return -1;
	}
	return 0;
}

static int
sshd_conn_auth_none(ssh_session session, const char *user, void *userdata)
{
	struct sshd_conn	*conn = userdata;

	(void)session;
	if (!conn->too_many)
		(void)sshd_conn_user(conn, user);
	return SSH_AUTH_DENIED;
}

static int
sshd_conn_auth_password(ssh_session session, const char *user, const char *password,
    void *userdata)
{
	struct sshd_conn	*conn = userdata;

	(void)session;
	(void)password;
	if (!conn->too_many && sshd_conn_user(conn, user) == 0)
		sshd_conn_failed(conn, NULL, "password authentication is not offered");
	return SSH_AUTH_DENIED;
}

static int
sshd_conn_auth_pubkey(ssh_session session, const char *user, struct ssh_key_struct *pubkey,
    char signature_state, void *userdata)
{
	struct sshd_conn	*conn = userdata;
	const char		*type;
	char			*fp = NULL, *b64 = NULL, why[128];
	long			 io_timeout;
	int			 rc = SSH_AUTH_DENIED, refused;

	if (conn->too_many || conn->authenticated || conn->closing)
		goto out;
	if (sshd_conn_user(conn, user) != 0)
		goto out;
	type = ssh_key_type_to_char(ssh_key_type(pubkey));
	fp = sshd_hostkey_fingerprint(pubkey);
	if (type == NULL || fp == NULL ||
	    ssh_pki_export_pubkey_base64(pubkey, &b64) != SSH_OK) {
		sshd_conn_failed(conn, NULL, "unusable public key");
		goto out;
	}
	if (signature_state == SSH_PUBLICKEY_STATE_NONE) {
		/* The probe: nothing is bound, nothing is looked up. */
		sshd_debug("key probe for %s: %s %s", conn->user, type, fp);
		rc = SSH_AUTH_SUCCESS;
		goto out;
	}
	if (signature_state != SSH_PUBLICKEY_STATE_VALID) {
		sshd_conn_failed(conn, fp, "bad signature");
		goto out;
	}

	/* the monitor decides (the database), and audits */
	refused = sshd_net_authorize(conn, conn->user, type, b64, fp, why, sizeof why);
	if (refused < 0) {
		conn->too_many = 1;	/* the monitor is gone: end */
		goto out;
	}
	if (refused) {
		sshd_conn_failed_as(conn, fp, why, 1);
		goto out;
	}
	conn->authenticated = 1;
	snprintf(conn->fingerprint, sizeof conn->fingerprint, "%s", fp);
	conn->last_input_ms = now_ms();
	sshd_log_context(conn->id, conn->ident.login, conn->source);
	sshd_info("accepted publickey for %s (staff %d, %s): %s %s", conn->user,
	    conn->ident.staff_id, conn->ident.role, type, fp);
	alarm(0);
	io_timeout = SSHD_CONN_IO_TIMEOUT;
	ssh_options_set(session, SSH_OPTIONS_TIMEOUT, &io_timeout);
	rc = SSH_AUTH_SUCCESS;
out:
	ssh_string_free_char(b64);
	ssh_string_free_char(fp);
	return rc;
}

static void
sshd_conn_start_close(struct sshd_conn *conn, const char *reason, long long now)
{
	if (conn->closing)
		return;
	conn->closing = 1;
	conn->close_reason = reason;
	conn->close_started_ms = now;
	sshd_info("closing session: %s", reason);
	sshd_chan_hangup(conn, now);
}

/*
 * Check LoginGraceTime, the idle timeout and a closing in progress; returns the poll
 * timeout in milliseconds, or -1 when the connection must end now.
 */
static int
sshd_conn_deadlines(struct sshd_conn *conn, long long now)
{
	const struct config	*cfg = conn->cfg;
	long long		 wait = SSHD_CONN_POLL_MS, idle_ms, warn_ms, quiet;
	char			*line;

	if (!conn->authenticated) {
		if (sshd_conn_got_term)
			return -1;
		if (cfg->login_grace_time > 0) {
			idle_ms = conn->started_ms + cfg->login_grace_time * 1000LL - now;
			if (idle_ms <= 0) {
				sshd_warn("login grace time exceeded (%d s)",
				    cfg->login_grace_time);
				if (conn->user[0] != '\0')
					sshd_net_failed(conn, NULL,
					    "login grace time exceeded", 0);
				return -1;
			}
			if (idle_ms < wait)
				wait = idle_ms;
		}
		return (int)wait;
	}
	if (sshd_conn_got_term)
		sshd_conn_start_close(conn, "server shutting down", now);
	if (conn->closing) {
		if (now - conn->close_started_ms > SSHD_CONN_CLOSE_MS)
			return -1;
		sshd_chan_hangup(conn, now);
		return 100;
	}
	if (cfg->idle_timeout <= 0 || sshd_chan_busy(conn))
		return (int)wait;

	idle_ms = cfg->idle_timeout * 1000LL;
	warn_ms = idle_ms >= 120000 ? 60000 : idle_ms / 2;
	quiet = now - conn->last_input_ms;
	if (quiet >= idle_ms) {
		line = xasprintf("\r\n[rashin] No input for %d seconds: session closed.\r\n",
		    cfg->idle_timeout);
		sshd_chan_farewell(conn, line);
		free(line);
		sshd_conn_start_close(conn, "idle timeout", now);
		return 100;
	}
	if (quiet >= idle_ms - warn_ms && !conn->idle_warned) {
		line = xasprintf("\r\n[rashin] No input for a while: this session closes in "
		    "%lld seconds unless a key is pressed.\r\n", (idle_ms - quiet + 999) / 1000);
		sshd_chan_notice(conn, line);
		free(line);
		sshd_info("idle warning sent");
		conn->idle_warned = 1;
	}
	if (!conn->idle_warned && idle_ms - warn_ms - quiet < wait)
		wait = idle_ms - warn_ms - quiet;
	else if (idle_ms - quiet < wait)
		wait = idle_ms - quiet;
	return (int)(wait < 10 ? 10 : wait);
}

static void
sshd_conn_loop(struct sshd_conn *conn)
{
	int	 timeout, open;

	for (;;) {
		timeout = sshd_conn_deadlines(conn, now_ms());
		if (timeout < 0)
			break;
		if (ssh_event_dopoll(conn->event, timeout) == SSH_ERROR &&
		    !ssh_is_connected(conn->session)) {
			sshd_info("connection closed by client");
			break;
		}
		if (conn->mon_gone)
			break;
		if (conn->too_many) {
			sshd_warn("too many authentication failures (%d)",
			    conn->auth_failures);
			break;
		}
		open = sshd_chan_service(conn);
		if (conn->closing && open == 0)
			break;
		if (!ssh_is_connected(conn->session)) {
			sshd_info("connection closed by client");
			break;
		}
	}
}

/* The network process: SSH until the client, a signal or a deadline ends it. */
static int
sshd_conn_net(struct sshd_conn *conn, ssh_bind bind, int fd)
{
	const struct config	*cfg = conn->cfg;
	char			*cause = NULL;
	long			 timeout;
	int			 rc = 1;

	if (pipe2(conn->sig_fd, O_NONBLOCK | O_CLOEXEC) != 0) {
		sshd_error("pipe: %s", strerror(errno));
		close(fd);
		return 1;
	}
	if (sshd_sandbox_enter_net(cfg, &cause) != 0) {
		sshd_error("cannot enter the network sandbox: %s", cause);
		free(cause);
		close(fd);
		return 1;
	}
	sshd_conn_sigfd = conn->sig_fd[1];
	sshd_conn_signals();
	if (cfg->login_grace_time > 0)
		alarm((unsigned)cfg->login_grace_time + 10);	/* backstop only */

	conn->session = ssh_new();
	if (conn->session == NULL || ssh_bind_accept_fd(bind, conn->session, fd) != SSH_OK) {
		sshd_error("cannot set up the session: %s", ssh_get_error(bind));
		close(fd);
		goto out;
	}
	timeout = cfg->login_grace_time > 0 ? cfg->login_grace_time : SSHD_CONN_IO_TIMEOUT;
	ssh_options_set(conn->session, SSH_OPTIONS_TIMEOUT, &timeout);

	conn->server_cb.userdata = conn;
	conn->server_cb.auth_none_function = sshd_conn_auth_none;
	conn->server_cb.auth_password_function = sshd_conn_auth_password;
	conn->server_cb.auth_pubkey_function = sshd_conn_auth_pubkey;
	conn->server_cb.channel_open_request_session_function = sshd_chan_open;
	ssh_callbacks_init(&conn->server_cb);
	ssh_set_server_callbacks(conn->session, &conn->server_cb);

	if (ssh_handle_key_exchange(conn->session) != SSH_OK) {
		if (cfg->login_grace_time > 0 && now_ms() - conn->started_ms >=
		    cfg->login_grace_time * 1000LL)
			sshd_warn("login grace time exceeded (%d s) in key exchange",
			    cfg->login_grace_time);
		else
			sshd_warn("key exchange failed: %s", ssh_get_error(conn->session));
		goto out;
	}
	ssh_set_auth_methods(conn->session, SSH_AUTH_METHOD_PUBLICKEY);
	conn->event = ssh_event_new();
	if (conn->event == NULL || ssh_event_add_session(conn->event, conn->session) !=
	    SSH_OK || ssh_event_add_fd(conn->event, conn->sig_fd[0], POLLIN,
	    sshd_conn_on_sigfd, conn) != SSH_OK || ssh_event_add_fd(conn->event,
	    conn->mon_fd, POLLIN, sshd_net_on_monitor, conn) != SSH_OK) {
		sshd_error("cannot set up the event loop");
		goto out;
	}
	sshd_conn_loop(conn);
	rc = 0;
out:
	sshd_net_bye(conn, conn->close_reason == NULL ? SSHD_MON_WHY_NONE :
	    strcmp(conn->close_reason, "idle timeout") == 0 ? SSHD_MON_WHY_IDLE :
	    SSHD_MON_WHY_SHUTDOWN);
	sshd_chan_free_all(conn);
	if (conn->session != NULL && ssh_is_connected(conn->session))
		ssh_disconnect(conn->session);
	if (conn->event != NULL) {
		ssh_event_remove_fd(conn->event, conn->mon_fd);
		ssh_event_remove_fd(conn->event, conn->sig_fd[0]);
		if (conn->session != NULL)
			ssh_event_remove_session(conn->event, conn->session);
		ssh_event_free(conn->event);
	}
	if (conn->session != NULL)
		ssh_free(conn->session);
	sshd_conn_sigfd = -1;
	if (conn->sig_fd[0] != -1) {
		close(conn->sig_fd[0]);
		close(conn->sig_fd[1]);
	}
	return rc;
}

int
sshd_conn_run(ssh_bind bind, int fd, int status_fd, const char *source,
    const struct config *cfg, const struct sshd_hooks *hooks, void *arg, int tcp_database)
{
	struct sshd_monitor_args a;
	struct sshd_conn	*conn;
	unsigned char		 rnd[4];
	char			*cause = NULL;
	int			 sp[2], rc = 1;
	pid_t			 monitor = getpid(), net;

	conn = xcalloc(1, sizeof *conn);
	conn->cfg = cfg;
	conn->hooks = hooks;
	conn->arg = arg;
	conn->mon_fd = -1;
	conn->sig_fd[0] = conn->sig_fd[1] = -1;
	conn->started_ms = now_ms();
	snprintf(conn->source, sizeof conn->source, "%s", source);
	if (getrandom(rnd, sizeof rnd, 0) != (ssize_t)sizeof rnd)
		memset(rnd, 0, sizeof rnd);
	snprintf(conn->id, sizeof conn->id, "%02x%02x%02x%02x", rnd[0], rnd[1], rnd[2],
	    rnd[3]);
	sshd_log_context(conn->id, NULL, conn->source);
	sshd_debug("connection accepted (pid %ld)", (long)getpid());
	/* the network process first: it never holds what the monitor's hooks open next */
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, sp) != 0) {
		sshd_error("socketpair: %s", strerror(errno));
		goto fail;
	}
	if ((net = fork()) == -1) {
		sshd_error("fork: %s", strerror(errno));
		close(sp[0]);
		close(sp[1]);
		goto fail;
	}
	if (net == 0) {
		/* the network process: nothing of the monitor's, then the tight filter */
		close(sp[0]);
		if (status_fd != -1)
			close(status_fd);
		if (die_with_parent(monitor, SIGKILL) != 0)
			_exit(1);
		(void)prctl(PR_SET_NAME, "rashin-net");
		if (hooks->net_init != NULL)
			hooks->net_init(arg);
		conn->mon_fd = sp[1];
		if (sshd_sandbox_enter(cfg, tcp_database, &cause) != 0) {
			sshd_error("cannot enter the sandbox: %s", cause);
			free(cause);
			close(fd);
			rc = 1;
		} else
			rc = sshd_conn_net(conn, bind, fd);
		close(conn->mon_fd);
		free(conn);
		return rc;
	}
	/* the monitor: never a byte of SSH, nor the host keys */
	close(fd);
	close(sp[1]);
	ssh_bind_free(bind);
	if (hooks->child_init != NULL)
		hooks->child_init(arg);
	if (sshd_sandbox_enter(cfg, tcp_database, &cause) != 0) {
		sshd_error("cannot enter the sandbox: %s", cause);
		kill(net, SIGKILL);
		(void)waitpid(net, NULL, 0);
		close(sp[0]);
		fd = -1;
		goto fail;
	}
	memset(&a, 0, sizeof a);
	a.cfg = cfg;
	a.hooks = hooks;
	a.arg = arg;
	a.fd = sp[0];
	a.net = net;
	a.status_fd = status_fd;
	a.id = conn->id;
	a.source = conn->source;
	rc = sshd_monitor_run(&a);
	free(conn);
	return rc;
fail:
	free(cause);
	if (fd != -1)
		close(fd);
	if (status_fd != -1)
		close(status_fd);
	free(conn);
	return 1;
}
