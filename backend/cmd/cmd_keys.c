/*
 * cmd_keys — `keys list|add|revoke`: a member manages their own SSH keys, admins anyone's.
 * Who may do what is decided by the database's policies on ssh_key.
 */
#include "backend/cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/sshkeys.h"
#include "backend/lib/util.h"
#include "backend/store/store_staff_io.h"

static int
keys_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "login", "type", "fingerprint", "comment",
	    "added_at", "last_used", "revoked_at" };
	const char *titles[] = { _("login"), _("type"), _("fingerprint"), _("comment"),
	    _("added"), _("last used"), _("revoked") };
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	char *cause = NULL;
	int i, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc > 3)
		return cmd_usage(ctx, "keys");
	if (store_keys_list(ctx->db, argc == 3 ? argv[2] : "", &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "keys list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(7, titles, keys);
	for (i = 0; i < g.nrows; i++)
		out_rowf(t, grid_str(&g, i, 0), grid_str(&g, i, 1), grid_str(&g, i, 2),
		    grid_str(&g, i, 3), grid_str(&g, i, 4),
		    grid_isnull(&g, i, 5) ? NULL : grid_str(&g, i, 5),
		    grid_isnull(&g, i, 6) ? NULL : grid_str(&g, i, 6));
	grid_free(&g);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
keys_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct sshkey_info ki;
	char line[16500], *cause = NULL;
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
		switch (store_key_add_login(ctx->db, login, ki.type, ki.b64, ki.fingerprint,
		    ki.bits, ki.comment, &cause)) {
		case STORE_OK:
			fprintf(ctx->out, "%s %s %s\n", i18n_pgettext("keys", "added"), ki.type,
			    ki.fingerprint);
			added++;
			break;
		case STORE_NOT_FOUND:
			cmd_error(ctx, CMD_FAIL, "keys add: %s: %s", login,
			    _("no such active staff member"));
			rc = CMD_FAIL;
			break;
		default:
			cmd_error(ctx, CMD_FAIL, "keys add: line %d: %s", lineno,
			    cause != NULL ? cause : "?");
			rc = CMD_FAIL;
			break;
		}
		free(cause);
		cause = NULL;
		sshkey_info_free(&ki);
	}
	if (lineno == 0 && added == 0 && rc == CMD_OK)
		return cmd_error(ctx, CMD_FAIL, "%s", _("keys add: no key on standard input"));
	return rc;
}

static int
keys_revoke(struct cmd_ctx *ctx, int argc, char **argv)
{
	char *cause = NULL;
	int rc;

	if (argc != 4 || argv[3][0] == '\0')
		return cmd_usage(ctx, "keys");
	rc = store_key_revoke_fp(ctx->db, argv[2], argv[3], &cause);
	if (rc != STORE_OK && rc != STORE_NOT_FOUND) {
		cmd_error(ctx, CMD_FAIL, "keys revoke: %s", cause != NULL ? cause : "?");
		free(cause);
		return CMD_FAIL;
	}
	if (rc == STORE_NOT_FOUND)
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
