/*
 * cmd_keys — `keys list|add|revoke`: a member manages their own SSH keys, admins anyone's.
 * Who may do what is decided by the database's policies on ssh_key.
 */
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/sshkeys.h"
#include "backend/lib/util.h"

static int
keys_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "login", "type", "fingerprint", "comment",
	    "added_at", "last_used", "revoked_at" };
	const char *titles[] = { _("login"), _("type"), _("fingerprint"), _("comment"),
	    _("added"), _("last used"), _("revoked") };
	const char *p[1];
	enum out_format fmt;
	struct out_table *t;
	PGresult *res;
	char *cause = NULL;
	int i, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc > 3)
		return cmd_usage(ctx, "keys");
	p[0] = argc == 3 ? argv[2] : "";
	res = db_query(ctx->db,
	    "SELECT s.login, k.key_type, k.fingerprint, k.comment, "
	    "to_char(k.added_at, 'YYYY-MM-DD HH24:MI'), to_char(k.last_used, 'YYYY-MM-DD HH24:MI'), "
	    "to_char(k.revoked_at, 'YYYY-MM-DD HH24:MI') "
	    "FROM ssh_key k JOIN staff s ON s.id = k.staff_id "
	    "WHERE $1 = '' OR s.login = $1 ORDER BY s.login, k.id", 1, p, NULL, &cause);
	if (res == NULL) {
		cmd_error(ctx, CMD_FAIL, "keys list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(7, titles, keys);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), db_str(res, i, 4),
		    db_isnull(res, i, 5) ? NULL : db_str(res, i, 5),
		    db_isnull(res, i, 6) ? NULL : db_str(res, i, 6));
	PQclear(res);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
keys_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sshkey_info ki;
	char line[16500], bits[16], *cause = NULL, state[6];
	const char *login = argc == 3 ? argv[2] : ctx->id->login;
	int lineno = 0, added = 0, rc = CMD_OK;

	if (argc > 3)
		return cmd_usage(ctx, "keys");
	if (ctx->in == NULL)
		return cmd_error(ctx, CMD_USAGE, "%s", _("keys add: pipe an OpenSSH public key to it"));
	while (fgets(line, sizeof line, ctx->in) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(ctx->in))
			return cmd_error(ctx, CMD_FAIL, "keys add: line %d: %s", lineno,
			    _("line too long"));
		chomp(line);
		if (line[0] == '\0' || line[0] == '#')
			continue;
		if (sshkey_parse_line(line, &ki, &cause) != 0) {
			cmd_error(ctx, CMD_FAIL, "keys add: line %d: %s", lineno, cause);
			free(cause);
			cause = NULL;
			rc = CMD_FAIL;
			continue;
		}
		snprintf(bits, sizeof bits, "%d", ki.bits);
		{
			const char *p[6] = { login, ki.type, ki.b64, ki.fingerprint, bits, ki.comment };
			PGresult *res = db_query(ctx->db,
			    "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint, bits, "
			    "comment, added_by) SELECT id, $2, $3, $4, $5::int, $6, rs_staff_id() "
			    "FROM staff WHERE login = $1 AND active RETURNING id", 6, p, state, &cause);

			if (res == NULL) {
				if (strcmp(state, "23505") == 0)
					cmd_error(ctx, CMD_FAIL, "keys add: line %d: %s %s", lineno,
					    ki.fingerprint, _("is already registered"));
				else if (strcmp(state, "42501") == 0)
					cmd_error(ctx, CMD_FAIL, "keys add: line %d: %s", lineno,
					    _("permission denied: you may add keys only for yourself"));
				else
					cmd_error(ctx, CMD_FAIL, "keys add: line %d: %s", lineno, cause);
				rc = CMD_FAIL;
			} else if (PQntuples(res) == 0) {
				cmd_error(ctx, CMD_FAIL, "keys add: %s: %s", login,
				    _("no such active staff member"));
				rc = CMD_FAIL;
			} else {
				fprintf(ctx->out, "%s %s %s\n", _("added"), ki.type, ki.fingerprint);
				added++;
			}
			PQclear(res);
			free(cause);
			cause = NULL;
		}
		sshkey_info_free(&ki);
	}
	if (lineno == 0 && added == 0 && rc == CMD_OK)
		return cmd_error(ctx, CMD_FAIL, "%s", _("keys add: no key on standard input"));
	return rc;
}

static int
keys_revoke(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *p[2];
	PGresult *res;
	char *cause = NULL;
	int n;

	if (argc != 4 || argv[3][0] == '\0')
		return cmd_usage(ctx, "keys");
	p[0] = argv[2];
	p[1] = argv[3];
	res = db_query(ctx->db, "UPDATE ssh_key SET revoked_at = now(), revoked_by = rs_staff_id(), "
	    "revoke_reason = $2 WHERE fingerprint = $1 AND revoked_at IS NULL RETURNING id",
	    2, p, NULL, &cause);
	if (res == NULL) {
		cmd_error(ctx, CMD_FAIL, "keys revoke: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	n = PQntuples(res);
	PQclear(res);
	if (n == 0)
		return cmd_error(ctx, CMD_FAIL, "keys revoke: %s: %s", argv[2],
		    _("no active key with this fingerprint that you may revoke"));
	fprintf(ctx->out, "%s ", _("revoked"));
	out_text(ctx->out, argv[2]);
	fputc('\n', ctx->out);
	return CMD_OK;
}

int
cmd_keys(struct cmd_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return keys_list(ctx, argc, argv);
	if (strcmp(argv[1], "add") == 0)
		return keys_add(ctx, argc, argv);
	if (strcmp(argv[1], "revoke") == 0)
		return keys_revoke(ctx, argc, argv);
	return cmd_usage(ctx, "keys");
}
