/*
 * cmd_vdi_life — `vdi request|approve|reject|provision|suspend|resume|revoke|mfa`: the
 * lifecycle steps. Each is one store_vdi call; the database checks order and role and
 * its message is shown as it is.
 */
#include "backend/cmd/cmd_vdi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/crypto.h>

#include "backend/cmd/cmd.h"
#include "backend/lib/config.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/log.h"
#include "backend/lib/secretbox.h"
#include "backend/store/store_vdi.h"
#include "backend/lib/totp.h"
#include "backend/lib/util.h"
#include "backend/lib/qr.h"

static int
fail(struct cmd_ctx *ctx, const char *sub, char *cause)
{
	cmd_error(ctx, CMD_FAIL, "vdi %s: %s", sub, cause);
	free(cause);
	return CMD_FAIL;
}

/* A required, non-empty text option. */
static int
need(struct cmd_ctx *ctx, const char *sub, const char *opt, const char *v)
{
	if (v != NULL && *v != '\0')
		return 0;
	cmd_error(ctx, CMD_USAGE, "vdi %s: %s %s", sub, opt, _("is required"));
	return -1;
}

int
vdi_request(struct cmd_ctx *ctx, int argc, char **argv)
{
	struct vdi_request_in in;
	const char *from = cmd_opt(ctx, "from"), *to = cmd_opt(ctx, "to");
	const char *renews = cmd_opt(ctx, "renews");
	int declared = cmd_flag(ctx, "declare-no-personal-data"), id;
	char f[32], t[32], *cause = NULL;

	(void)argv;
	memset(&in, 0, sizeof in);
	in.login = cmd_opt(ctx, "for");
	in.reason = cmd_opt(ctx, "reason");
	in.work = cmd_opt(ctx, "work");
	in.device = cmd_opt(ctx, "device");
	in.manager = cmd_opt(ctx, "manager");
	if (argc != 2)
		return cmd_usage(ctx, "vdi");
	if (need(ctx, "request", "--reason", in.reason) || need(ctx, "request", "--work", in.work) ||
	    need(ctx, "request", "--from", from) || need(ctx, "request", "--to", to))
		return CMD_USAGE;
	if (!declared)
		return cmd_error(ctx, CMD_FAIL, "vdi request: %s", _("refused: the declaration that "
		    "no 特定個人情報 (My Number data) is handled is missing "
		    "(--declare-no-personal-data)"));
	if (vdi_date(ctx, "--from", from, f) != 0 || vdi_date(ctx, "--to", to, t) != 0)
		return CMD_USAGE;
	if (renews != NULL && (in.renews = vdi_id(ctx, renews)) < 0)
		return CMD_USAGE;
	in.declared = 1;
	in.from = f;
	in.to = t;
	in.max_days = ctx->cfg->vdi_max_days;
	if (store_vdi_request(ctx->db, &in, &id, &cause) != 0)
		return fail(ctx, "request", cause);
	log_info("vdi request %d for %s, %s..%s", id, in.login != NULL ? in.login : ctx->id->login, f, t);
	fprintf(ctx->out, "%s %d\n", _("requested"), id);
	return CMD_OK;
}

int
vdi_approve(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *comment = cmd_opt(ctx, "comment");
	int manager = cmd_flag(ctx, "manager"), id;
	char *cause = NULL;

	if (argc != 3 || (id = vdi_id(ctx, argv[2])) < 0)
		return cmd_usage(ctx, "vdi");
	if (store_vdi_approve(ctx->db, id, manager, comment != NULL ? comment : "", &cause) != 0)
		return fail(ctx, "approve", cause);
	log_info("vdi request %d: %s", id, manager ? "manager approval recorded" : "approved");
	fprintf(ctx->out, "%s %d\n", manager ? _("manager approval recorded for") : _("approved"), id);
	return CMD_OK;
}

int
vdi_reject(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *reason = cmd_opt(ctx, "reason");
	char *cause = NULL;
	int id;

	if (argc != 3 || (id = vdi_id(ctx, argv[2])) < 0)
		return cmd_usage(ctx, "vdi");
	if (need(ctx, "reject", "--reason", reason))
		return CMD_USAGE;
	if (store_vdi_reject(ctx->db, id, reason, &cause) != 0)
		return fail(ctx, "reject", cause);
	log_info("vdi request %d: rejected", id);
	fprintf(ctx->out, "%s %d\n", _("rejected"), id);
	return CMD_OK;
}

int
vdi_provision(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *user = cmd_opt(ctx, "username"), *pool = cmd_opt(ctx, "pool");
	char *cause = NULL;
	int id;

	if (argc != 3 || (id = vdi_id(ctx, argv[2])) < 0)
		return cmd_usage(ctx, "vdi");
	if (need(ctx, "provision", "--username", user) || need(ctx, "provision", "--pool", pool))
		return CMD_USAGE;
	if (store_vdi_provision(ctx->db, id, user, pool, &cause) != 0)
		return fail(ctx, "provision", cause);
	log_info("vdi request %d: provisioned as %s in %s", id, user, pool);
	fprintf(ctx->out, "%s %d ", _("provisioned"), id);
	out_text(ctx->out, user);
	fputc('\n', ctx->out);
	return CMD_OK;
}

int
vdi_state(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *reason, *sub = argv[1], *to;
	int resume = strcmp(sub, "resume") == 0, id;
	char *cause = NULL;

	reason = resume ? NULL : cmd_opt(ctx, "reason");
	if (argc != 3 || (id = vdi_id(ctx, argv[2])) < 0)
		return cmd_usage(ctx, "vdi");
	if (!resume && need(ctx, sub, "--reason", reason))
		return CMD_USAGE;
	to = resume ? "active" : strcmp(sub, "suspend") == 0 ? "suspended" : "revoked";
	if (store_vdi_set_state(ctx->db, id, to, reason, &cause) != 0)
		return fail(ctx, sub, cause);
	log_info("vdi request %d: account %s", id, to);
	fprintf(ctx->out, "%s %d\n", resume ? _("resumed") : strcmp(sub, "suspend") == 0 ?
	    _("suspended") : _("revoked"), id);
	return CMD_OK;
}

static int
mfa_start(struct cmd_ctx *ctx, int id, const unsigned char *key)
{
	char *login = NULL, *b32 = NULL, *uri = NULL, *grouped, *cause = NULL;
	struct qr_text qt;
	int i;

	if (store_vdi_mfa_start(ctx->db, key, id, &login, &b32, &uri, &cause) != 0)
		return fail(ctx, "mfa start", cause);
	log_info("vdi request %d: MFA enrolment started for %s", id, login);
	fprintf(ctx->out, "%s ", _("MFA enrolment for"));
	out_text(ctx->out, login);
	fprintf(ctx->out, " (%s %d)\n%s\n", _("request"), id,
	    _("Scan this code with the authenticator app (shown only now):"));
	if (qr_render(uri, 0, &qt, &cause) == 0) {
		for (i = 0; i < qt.nrows; i++)
			fprintf(ctx->out, "%s\n", qt.lines[i]);
		qr_text_free(&qt);
	} else {
		fprintf(ctx->out, "(%s)\n", cause);
		free(cause);
	}
	grouped = base32_grouped(b32);
	fprintf(ctx->out, "%s\n  %s\n%s vdi mfa confirm %d CODE\n",
	    _("If it cannot be scanned, enter this key:"), grouped,
	    _("Then confirm with the current code:"), id);
	OPENSSL_cleanse(grouped, strlen(grouped));
	OPENSSL_cleanse(b32, strlen(b32));
	OPENSSL_cleanse(uri, strlen(uri));
	free(grouped);
	free(b32);
	free(uri);
	free(login);
	return CMD_OK;
}

int
vdi_mfa(struct cmd_ctx *ctx, int argc, char **argv)
{
	unsigned char key[SECRETBOX_KEYLEN];
	const char *reason, *pos[2], *sub = argc >= 3 ? argv[2] : "";
	char *cause = NULL;
	int n = argc - 3, id, rc;

	if (n < 0 || n > 2)
		return cmd_usage(ctx, "vdi");
	pos[0] = n > 0 ? argv[3] : NULL;
	pos[1] = n > 1 ? argv[4] : NULL;
	reason = strcmp(sub, "reset") == 0 ? cmd_opt(ctx, "reason") : NULL;
	if (strcmp(sub, "reset") == 0) {
		if (n != 1 || need(ctx, "mfa reset", "--reason", reason))
			return cmd_usage(ctx, "vdi");
		if (store_vdi_mfa_reset(ctx->db, pos[0], reason, &id, &cause) != 0)
			return fail(ctx, "mfa reset", cause);
		log_info("vdi request %d: MFA reset", id);
		fprintf(ctx->out, "%s %d\n", _("MFA reset for request"), id);
		return CMD_OK;
	}
	if ((strcmp(sub, "start") != 0 || n != 1) && (strcmp(sub, "confirm") != 0 || n != 2))
		return cmd_usage(ctx, "vdi");
	if ((id = vdi_id(ctx, pos[0])) < 0)
		return CMD_USAGE;
	if (secretbox_key_load(ctx->cfg->vdi_key_file, key, &cause) != 0)
		return fail(ctx, sub, cause);
	if (strcmp(sub, "start") == 0)
		rc = mfa_start(ctx, id, key);
	else if (store_vdi_mfa_confirm(ctx->db, key, id, pos[1], (uint64_t)time(NULL), &cause) != 0) {
		log_warn("vdi request %d: MFA confirmation refused", id);
		rc = fail(ctx, "mfa confirm", cause);
	} else {
		log_info("vdi request %d: MFA enrolled", id);
		fprintf(ctx->out, "%s %d\n", _("MFA enrolled for request"), id);
		rc = CMD_OK;
	}
	OPENSSL_cleanse(key, sizeof key);
	return rc;
}
