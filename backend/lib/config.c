/*
 * config — rashin.conf through one declarative table of options (name, type, range,
 * default, help), like tmux's options-table.c. Unknown keys, wrong types and values out
 * of range are errors of the form "FILE:LINE: message".
 */
#include "backend/lib/config.h"

#include <errno.h>
#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

enum opt_type { OPT_INT, OPT_STRING, OPT_BOOL, OPT_STARTUPS };

struct opt {
	const char	*name;		/* path in the file, group.key */
	enum opt_type	 type;
	size_t		 off;		/* offsetof(struct config, field) */
	long		 min, max;	/* OPT_INT range */
	const char	*def;		/* default, as text */
	const char	*const *choices; /* OPT_STRING: allowed values, or NULL */
	const char	*help;
};

static const char *const log_levels[] = { "debug", "info", "warning", "error", NULL };
static const char *const languages[] = { "ja", "en", NULL };
static const char *const poolers[] = { "auto", "off", NULL };
static const char *const archives[] = { "auto", "off", NULL };

#define O(f) offsetof(struct config, f)
static const struct opt opts[] = {
	{ "server.listen", OPT_STRING, O(listen), 0, 0, "127.0.0.1", NULL,
	  "address the SSH server binds" },
	{ "server.port", OPT_INT, O(port), 1, 65535, "2222", NULL,
	  "TCP port of the SSH server" },
	{ "server.host_key", OPT_STRING, O(host_key), 0, 0, "var/ssh_host_ed25519_key", NULL,
	  "ed25519 host key; generated (mode 0600) on first start" },
	{ "server.host_key_ecdsa", OPT_STRING, O(host_key_ecdsa), 0, 0, "", NULL,
	  "optional ECDSA host key path (\"\" = none)" },
	{ "server.host_key_rsa", OPT_STRING, O(host_key_rsa), 0, 0, "", NULL,
	  "optional RSA (>= 3072 bits) host key path (\"\" = none)" },
	{ "server.login_grace_time", OPT_INT, O(login_grace_time), 1, 3600, "120", NULL,
	  "seconds a client has to authenticate (OpenSSH LoginGraceTime)" },
	{ "server.max_auth_tries", OPT_INT, O(max_auth_tries), 1, 100, "6", NULL,
	  "authentication attempts per connection (MaxAuthTries)" },
	{ "server.max_startups", OPT_STARTUPS, 0, 1, 10000, "10:30:100", NULL,
	  "start:rate:full random early drop of unauthenticated connections (MaxStartups); "
	  "full also sizes the listen queue (at least 128; set at start)" },
	{ "server.max_sessions", OPT_INT, O(max_sessions), 1, 100, "10", NULL,
	  "channels (sessions) per connection (MaxSessions)" },
	{ "server.idle_timeout", OPT_INT, O(idle_timeout), 0, 86400, "1800", NULL,
	  "seconds without input before a session is closed (0 = never)" },
	{ "server.penalty_base", OPT_INT, O(penalty_base), 0, 3600, "1", NULL,
	  "seconds a source is refused after a failed authentication (doubles each time)" },
	{ "server.penalty_max", OPT_INT, O(penalty_max), 0, 86400, "600", NULL,
	  "longest refusal of a source, seconds" },
	{ "server.per_source_max_startups", OPT_INT, O(per_source_max_startups), 0, 10000, "5",
	  NULL, "unauthenticated connections one address may hold at once (OpenSSH "
	  "PerSourceMaxStartups; 0 = no limit); below max_startups' start, one address "
	  "cannot push the others into early drop" },
	{ "server.max_memory_mb", OPT_INT, O(max_memory_mb), 0, 65536, "512", NULL,
	  "memory (heap and private mappings, RLIMIT_DATA) each connection process and each "
	  "of its sessions may use, MB; reaching it ends that process with a message saying "
	  "so (0 = no limit)" },
	{ "server.session_hours", OPT_INT, O(session_hours), 1, 744, "24", NULL,
	  "hours a login's database session lasts at most (then it acts as no one)" },
	{ "database.conninfo", OPT_STRING, O(conninfo), 0, 0, "", NULL,
	  "libpq connection string for the application role (\"\" = embedded cluster)" },
	{ "database.owner_conninfo", OPT_STRING, O(owner_conninfo), 0, 0, "", NULL,
	  "connection string for migrations (\"\" = same server as conninfo, or embedded)" },
	{ "database.auth_password_file", OPT_STRING, O(auth_password_file), 0, 0, "", NULL,
	  "file holding the password of rashin_auth, the role that opens a session after a "
	  "verified key (\"\" = the embedded cluster's data_dir/auth.secret, made on first "
	  "use; with conninfo set: none, the server's pg_hba.conf decides)" },
	{ "database.data_dir", OPT_STRING, O(data_dir), 0, 0, "var", NULL,
	  "directory of the embedded cluster (pg/), its socket (run/) and demo keys" },
	{ "database.server_dir", OPT_STRING, O(server_dir), 0, 0, "/var/lib/rashin", NULL,
	  "as root, where the embedded cluster goes when the system user rashin cannot reach "
	  "data_dir (a clone in a 0700 home); data_dir/pg and run/ then link there" },
	{ "database.pg_bindir", OPT_STRING, O(pg_bindir), 0, 0, "", NULL,
	  "PostgreSQL server binaries (\"\" = newest /usr/lib/postgresql/*/bin)" },
	{ "database.pooler", OPT_STRING, O(pooler), 0, 0, "auto", poolers,
	  "auto: PgBouncer (session mode) in front of the embedded cluster when pooler_bin "
	  "exists; off: connect directly" },
	{ "database.pooler_bin", OPT_STRING, O(pooler_bin), 0, 0, "/usr/sbin/pgbouncer", NULL,
	  "the PgBouncer binary for database.pooler = auto" },
	{ "database.pool_warm", OPT_INT, O(pool_warm), 0, 580, "20", NULL,
	  "PostgreSQL connections the pooler keeps open ahead of logins (min_pool_size); "
	  "more simultaneous logins wait while it opens others, one at a time" },
	{ "database.sql_dir", OPT_STRING, O(sql_dir), 0, 0, "sql", NULL,
	  "directory of the numbered migrations" },
	{ "log.destination", OPT_STRING, O(log_dest), 0, 0, "stderr", NULL,
	  "\"syslog\", \"stderr\" or a file path" },
	{ "log.level", OPT_STRING, O(log_level), 0, 0, "info", log_levels,
	  "debug, info, warning or error" },
	{ "ui.language", OPT_STRING, O(language), 0, 0, "ja", languages,
	  "UI language when the session does not choose one: ja or en" },
	{ "ui.color", OPT_BOOL, O(color), 0, 1, "true", NULL,
	  "use colours (NO_COLOR in the environment turns them off too)" },
	{ "vdi.max_days", OPT_INT, O(vdi_max_days), 1, 3660, "366", NULL,
	  "longest telework (VDI) request period, days" },
	{ "vdi.key_file", OPT_STRING, O(vdi_key_file), 0, 0, "var/vdi_totp.key", NULL,
	  "key that encrypts TOTP secrets (kept outside the database; made on first use)" },
	{ "import.max_rows", OPT_INT, O(import_max_rows), 1, 10000000, "100000", NULL,
	  "most data rows one CSV import may hold; a longer file is refused and nothing is "
	  "written" },
	{ "export.max_rows", OPT_INT, O(export_max_rows), 1, 100000000, "1000000", NULL,
	  "most rows one export writes; a larger export is refused before its first row "
	  "(exports stream: memory does not grow with the rows)" },
	{ "backup.archive", OPT_STRING, O(backup_archive), 0, 0, "off", archives,
	  "auto: the embedded cluster archives its WAL with pgBackRest (when backup.pgbackrest "
	  "exists) and `rashin backup` works; off: no archive (conf/rashin.conf sets auto)" },
	{ "backup.repo_path", OPT_STRING, O(backup_repo_path), 0, 0, "var/backup", NULL,
	  "pgBackRest repository (another disk or a mounted share in production); rashin's "
	  "row-count records go beside it in rashin/" },
	{ "backup.stanza", OPT_STRING, O(backup_stanza), 0, 0, "rashin", NULL,
	  "pgBackRest stanza (made on first use)" },
	{ "backup.config", OPT_STRING, O(backup_config), 0, 0, "", NULL,
	  "\"\" = rashin writes data_dir/pgbackrest.conf for the embedded cluster; a path: an "
	  "existing pgBackRest configuration (a DBA's stanza), used as it is" },
	{ "backup.pgbackrest", OPT_STRING, O(backup_bin), 0, 0, "/usr/bin/pgbackrest", NULL,
	  "the pgBackRest binary" },
	{ "backup.retention_full", OPT_INT, O(backup_retention_full), 1, 9999, "4", NULL,
	  "full backups kept (and the incrementals and WAL they need); older ones expire" },
	{ "backup.retention_days", OPT_INT, O(backup_retention_days), 0, 36500, "35", NULL,
	  "full backups older than this many days expire too, the newest always kept (0 = no "
	  "age limit)" },
	{ "backup.full_days", OPT_INT, O(backup_full_days), 1, 3650, "7", NULL,
	  "`rashin backup` makes a full backup when the newest full one is older than this "
	  "many days (else an incremental)" },
	{ "backup.archive_timeout", OPT_INT, O(backup_archive_timeout), 0, 86400, "300", NULL,
	  "seconds: a WAL segment is archived at least this often while there are writes "
	  "(PostgreSQL archive_timeout; 0 = only when full)" },
};
#undef O

static int
parse_startups(struct config *cfg, const char *s)
{
	int a, b, c, n = 0;

	if (sscanf(s, "%d:%d:%d%n", &a, &b, &c, &n) == 3 && s[n] == '\0' &&
	    a >= 1 && b >= 1 && b <= 100 && c >= a && c <= 10000) {
		cfg->max_startups_start = a;
		cfg->max_startups_rate = b;
		cfg->max_startups_full = c;
		return 0;
	}
	if (sscanf(s, "%d%n", &a, &n) == 1 && s[n] == '\0' && a >= 1 && a <= 10000) {
		cfg->max_startups_start = cfg->max_startups_full = a;
		cfg->max_startups_rate = 100;
		return 0;
	}
	return -1;
}

static int
set_text(struct config *cfg, const struct opt *o, const char *v, char **cause)
{
	char *end, **sp;
	long n;
	int i;

	switch (o->type) {
	case OPT_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < o->min || n > o->max)
			return set_cause(cause, "%s must be %ld-%ld", o->name, o->min, o->max);
		*(int *)((char *)cfg + o->off) = (int)n;
		return 0;
	case OPT_BOOL:
		*(int *)((char *)cfg + o->off) = strcmp(v, "true") == 0;
		return 0;
	case OPT_STARTUPS:
		if (parse_startups(cfg, v) != 0)
			return set_cause(cause, "%s must be start:rate:full (e.g. 10:30:100)", o->name);
		return 0;
	case OPT_STRING:
		if (o->choices != NULL) {
			for (i = 0; o->choices[i] != NULL; i++)
				if (strcmp(o->choices[i], v) == 0)
					break;
			if (o->choices[i] == NULL)
				return set_cause(cause, "%s must be one of %s%s%s%s", o->name,
				    o->choices[0], o->choices[1] ? ", " : "",
				    o->choices[1] ? o->choices[1] : "",
				    o->choices[1] && o->choices[2] ? ", ..." : "");
		}
		if (strlen(v) > 4096)
			return set_cause(cause, "%s is too long (4096 bytes at most)", o->name);
		sp = (char **)((char *)cfg + o->off);
		free(*sp);
		*sp = xstrdup(v);
		return 0;
	}
	return -1;
}

static const struct opt *
find_opt(const char *name)
{
	size_t i;

	for (i = 0; i < nitems(opts); i++)
		if (strcmp(opts[i].name, name) == 0)
			return &opts[i];
	return NULL;
}

/* Apply one setting from the file; errors name the file and line. */
static int
apply_setting(struct config *cfg, const char *file, config_setting_t *s, const char *group,
    char **cause)
{
	char name[128], buf[32];
	const struct opt *o;
	const char *v = NULL;
	int line = config_setting_source_line(s), t = config_setting_type(s);

	snprintf(name, sizeof name, "%s%s%s", group ? group : "", group ? "." : "",
	    config_setting_name(s) ? config_setting_name(s) : "?");
	if ((o = find_opt(name)) == NULL)
		return set_cause(cause, "%s:%d: unknown option %s", file, line, name);
	switch (o->type) {
	case OPT_INT:
		if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64)
			return set_cause(cause, "%s:%d: %s must be a number", file, line, name);
		snprintf(buf, sizeof buf, "%lld", config_setting_get_int64(s));
		v = buf;
		break;
	case OPT_BOOL:
		if (t != CONFIG_TYPE_BOOL)
			return set_cause(cause, "%s:%d: %s must be true or false", file, line, name);
		v = config_setting_get_bool(s) ? "true" : "false";
		break;
	case OPT_STRING:
	case OPT_STARTUPS:
		if (t != CONFIG_TYPE_STRING)
			return set_cause(cause, "%s:%d: %s must be a string in double quotes", file,
			    line, name);
		v = config_setting_get_string(s);
		break;
	}
	if (set_text(cfg, o, v, cause) != 0) {
		char *msg = *cause;

		*cause = xasprintf("%s:%d: %s", file, line, msg);
		free(msg);
		return -1;
	}
	return 0;
}

/* Every option at its default. */
static void
config_defaults(struct config *cfg)
{
	char *cause = NULL;
	size_t i;

	memset(cfg, 0, sizeof *cfg);
	for (i = 0; i < nitems(opts); i++)
		if (set_text(cfg, &opts[i], opts[i].def, &cause) != 0)
			fatal("bad default for %s", opts[i].name);
}

/* Parse f over the defaults; errors name cfg->path and the line. */
static int
config_parse(struct config *cfg, FILE *f, char **cause)
{
	const char *path = cfg->path;
	config_t lc;
	config_setting_t *root, *grp, *s;
	int gi, si, rc = -1;

	config_init(&lc);
	if (config_read(&lc, f) != CONFIG_TRUE) {
		set_cause(cause, "%s:%d: %s", path, config_error_line(&lc), config_error_text(&lc));
		goto out;
	}
	root = config_root_setting(&lc);
	for (gi = 0; (grp = config_setting_get_elem(root, gi)) != NULL; gi++) {
		if (!config_setting_is_group(grp)) {
			set_cause(cause, "%s:%d: %s must be a group such as %s: { ... };", path,
			    config_setting_source_line(grp), config_setting_name(grp),
			    config_setting_name(grp));
			goto out;
		}
		for (si = 0; (s = config_setting_get_elem(grp, si)) != NULL; si++)
			if (apply_setting(cfg, path, s, config_setting_name(grp), cause) != 0)
				goto out;
	}
	rc = 0;
out:
	config_destroy(&lc);
	return rc;
}

int
config_load(struct config *cfg, const char *path, int required, char **cause)
{
	FILE *f;
	int rc;

	config_defaults(cfg);
	if (path == NULL)
		return 0;
	cfg->path = xstrdup(path);
	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && !required)
			return 0;
		return set_cause(cause, "%s: %s", path, strerror(errno));
	}
	rc = config_parse(cfg, f, cause);
	fclose(f);
	return rc;
}

int
config_load_stream(struct config *cfg, FILE *f, const char *name, char **cause)
{
	config_defaults(cfg);
	cfg->path = xstrdup(name);
	return config_parse(cfg, f, cause);
}

void
config_free(struct config *cfg)
{
	size_t i;

	for (i = 0; i < nitems(opts); i++)
		if (opts[i].type == OPT_STRING) {
			char **sp = (char **)((char *)cfg + opts[i].off);

			free(*sp);
			*sp = NULL;
		}
	free(cfg->path);
	cfg->path = NULL;
}

void
config_describe(FILE *f)
{
	size_t i;

	for (i = 0; i < nitems(opts); i++)
		fprintf(f, "  %-26s %-26s %s\n", opts[i].name, opts[i].def, opts[i].help);
}
