/*
 * config — rashin.conf (libconfig), read through one declarative option table.
 * Every option has a name, type, range, default and help line (config.c).
 */
#ifndef RASHIN_CONFIG_H
#define RASHIN_CONFIG_H

#include <stdio.h>

struct config {
	char	*path;			/* file read, or NULL for built-in defaults */

	/* server */
	char	*listen;		/* server.listen: address to bind */
	int	 port;			/* server.port */
	char	*host_key;		/* server.host_key: ed25519 host key path */
	char	*host_key_ecdsa;	/* server.host_key_ecdsa: "" = none */
	char	*host_key_rsa;		/* server.host_key_rsa: "" = none */
	int	 login_grace_time;	/* seconds */
	int	 max_auth_tries;
	int	 max_startups_start;	/* MaxStartups start:rate:full */
	int	 max_startups_rate;
	int	 max_startups_full;
	int	 max_sessions;		/* channels per connection */
	int	 idle_timeout;		/* seconds, 0 = never */
	int	 penalty_base;		/* seconds a source is refused after failed auth */
	int	 penalty_max;		/* growth cap, seconds */
	int	 per_source_max_startups; /* unauthenticated connections per address; 0 = any */
	int	 max_memory_mb;		/* RLIMIT_DATA of each connection process; 0 = none */
	int	 session_hours;		/* a login's database session lasts at most this */

	/* database */
	char	*conninfo;		/* "" = embedded cluster under data_dir */
	char	*owner_conninfo;	/* for migrations; "" = same as conninfo / embedded */
	char	*auth_password_file;	/* rashin_auth's password; "" = embedded's own */
	char	*data_dir;		/* var/ */
	char	*server_dir;		/* as root, when data_dir is out of the server user's reach */
	char	*pg_bindir;		/* "" = find PostgreSQL's bin directory */
	char	*pooler;		/* "auto": PgBouncer in front of the embedded cluster */
	char	*pooler_bin;		/* the pgbouncer binary */
	int	 pool_warm;		/* server connections the pooler keeps open */
	char	*sql_dir;		/* migrations */

	/* log */
	char	*log_dest;		/* "syslog", "stderr" or a file path */
	char	*log_level;		/* "debug", "info", "warning", "error" */

	/* ui */
	char	*language;		/* "ja" or "en" */
	int	 color;			/* 0 = monochrome */

	/* vdi */
	int	 vdi_max_days;		/* longest request period */
	char	*vdi_key_file;		/* key that encrypts TOTP secrets */

	/* import */
	int	 import_max_rows;	/* most data rows in one CSV import */
	/* export */
	int	 export_max_rows;	/* most rows one export writes */

	/* backup (pgBackRest) */
	char	*backup_archive;	/* "auto": archive the embedded cluster's WAL; "off" */
	char	*backup_repo_path;	/* the repository (and rashin's records beside it) */
	char	*backup_stanza;		/* pgBackRest stanza */
	char	*backup_config;		/* "" = rashin writes one; else an existing pgbackrest.conf */
	char	*backup_bin;		/* the pgbackrest binary */
	int	 backup_retention_full;	/* full backups kept (count) */
	int	 backup_retention_days;	/* full backups older than this expire (0 = no limit) */
	int	 backup_full_days;	/* `backup` makes a full one when the newest is older */
	int	 backup_archive_timeout; /* seconds: a WAL segment is archived at least this often */
};

/*
 * Load path (NULL: built-in defaults only). Returns 0, or -1 with *cause set to
 * "FILE:LINE: message". A missing file is an error only when required is set.
 */
int	config_load(struct config *, const char *path, int required, char **cause);
/* The same from an open stream; name stands for the file in messages. */
int	config_load_stream(struct config *, FILE *, const char *name, char **cause);
void	config_free(struct config *);
/* Print every option with its default and help to f (for `rashin config --help`). */
void	config_describe(FILE *);

#define CONFIG_DEFAULT_PATH "conf/rashin.conf"

#endif
