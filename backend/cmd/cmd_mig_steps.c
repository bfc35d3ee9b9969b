/*
 * cmd_mig_steps — `mig steps [list|add|rename|move|retire|restore]`: the procedure's step
 * list is data, so the city can follow the procedure version it reports against. Only
 * admins (IT staff) edit it; the database's policy on mig_step decides.
 */
#include "backend/cmd/cmd_mig.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/store/grid.h"
#include "backend/store/outcome.h"
#include "backend/store/store_mig.h"
#include "backend/store/store_staff.h"
#include "backend/lib/util.h"

static int
steps_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "seq", "phase", "step", "retired" };
	const char *titles[] = { "#", _("phase"), _("step"), _("retired") };
	struct mig_refs steps;
	enum out_format fmt;
	struct out_table *t;
	char *cause = NULL, seq[16];
	int i, bom, all;

	cmd_format(ctx, &fmt, &bom, NULL);
	all = cmd_flag(ctx, "all");
	if (argc > 3 || (argc == 3 && strcmp(argv[2], "list") != 0))
		return cmd_usage(ctx, "mig");
	if (mig_steps_load(ctx->db, all, &steps, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig steps: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(all ? 4 : 3, titles, keys);
	out_right(t, 0);
	for (i = 0; i < steps.n; i++) {
		const char *v[4] = { seq, steps.v[i].dept, steps.v[i].name,
		    steps.v[i].retired ? _("retired") : "" };

		snprintf(seq, sizeof seq, "%d", steps.v[i].seq);
		out_row(t, v);
	}
	mig_refs_free(&steps);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

/* A step by name or number, retired ones included; its id or -1 (message printed). */
static int
step_arg(struct cmd_ctx *ctx, const char *key)
{
	struct mig_refs steps;
	char *cause = NULL;
	int i, id = -1, n = atoi(key);

	if (mig_steps_load(ctx->db, 1, &steps, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig steps: %s", cause);
		free(cause);
		return -1;
	}
	for (i = 0; i < steps.n && id < 0; i++)
		if (strcmp(steps.v[i].name, key) == 0)
			id = steps.v[i].id;
	for (i = 0; i < steps.n && id < 0 && n > 0; i++)
		if (steps.v[i].seq == n)
			id = steps.v[i].id;
	mig_refs_free(&steps);
	if (id < 0)
		cmd_error(ctx, CMD_FAIL, "mig steps: %s \"%s\"", _("unknown step"), key);
	return id;
}

/* A stale --if-version: who changed the step, when, what it is now; nothing saved. */
static int
step_stale(struct cmd_ctx *ctx, int id, char *cause)
{
	struct mig_refs steps;
	char who[64], when[32];
	int i, rc;

	free(cause);
	cause = NULL;
	if (mig_steps_load(ctx->db, 1, &steps, &cause) != 0) {
		rc = cmd_error(ctx, CMD_FAIL, "mig steps: %s", cause);
		free(cause);
		return rc;
	}
	for (i = 0; i < steps.n && steps.v[i].id != id; i++)
		;
	store_last_change(ctx->db, "mig_step", id, who, when);
	rc = cmd_error(ctx, CMD_FAIL, _("%s: changed by %s at %s: now %s (version %d); nothing "
	    "was saved"), "mig steps", who[0] != '\0' ? who : "?", when[0] != '\0' ? when : "?",
	    i < steps.n ? steps.v[i].name : "?", i < steps.n ? steps.v[i].version : 0);
	mig_refs_free(&steps);
	return rc;
}

static int
write_failed(struct cmd_ctx *ctx, const char *sqlstate, char *cause)
{
	if (outcome_is(sqlstate, DB_SQLSTATE_DENIED))
		cmd_error(ctx, CMD_FAIL, "mig steps: %s",
		    _("permission denied: only IT staff (admin) edit the step list"));
	else if (outcome_is(sqlstate, DB_SQLSTATE_UNIQUE))
		cmd_error(ctx, CMD_FAIL, "mig steps: %s",
		    _("a step with this name or number exists already"));
	else if (outcome_message(sqlstate) != NULL)	/* a rule of sql/: its reason */
		cmd_error(ctx, CMD_FAIL, "mig steps: %s", outcome_message(sqlstate));
	else
		cmd_error(ctx, CMD_FAIL, "mig steps: %s", cause != NULL ? cause : "?");
	free(cause);
	return CMD_FAIL;
}

int
cmd_mig_steps(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *seqs;
	char sqlstate[6] = "", *cause = NULL;
	int id, seq = 0, bad = 0, version, r;

	if (argc < 3 || strcmp(argv[2], "list") == 0 || argv[2][0] == '-')
		return steps_list(ctx, argc, argv);
	seqs = strcmp(argv[2], "add") == 0 ? cmd_opt(ctx, "seq") : NULL;
	if (seqs != NULL && (seq = atoi(seqs)) <= 0)
		bad = 1;
	if (strcmp(argv[2], "add") == 0) {
		if (bad || argc != 5 || argv[3][0] == '\0' || argv[4][0] == '\0')
			return cmd_usage(ctx, "mig");
		if ((id = mig_step_add(ctx->db, argv[3], argv[4], seq, sqlstate, &cause)) < 0)
			return write_failed(ctx, sqlstate, cause);
		fprintf(ctx->out, "%s ", _("added step"));
		out_text(ctx->out, argv[4]);
		fputc('\n', ctx->out);
		return CMD_OK;
	}
	if (bad || argc < 4)
		return cmd_usage(ctx, "mig");
	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if ((id = step_arg(ctx, argv[3])) < 0)
		return CMD_FAIL;
	if (strcmp(argv[2], "rename") == 0 && argc == 5 && argv[4][0] != '\0')
		r = mig_step_update(ctx->db, id, argv[4], 0, -1, version, sqlstate, &cause);
	else if (strcmp(argv[2], "move") == 0 && argc == 5 && atoi(argv[4]) > 0)
		r = mig_step_update(ctx->db, id, NULL, atoi(argv[4]), -1, version, sqlstate, &cause);
	else if ((strcmp(argv[2], "retire") == 0 || strcmp(argv[2], "restore") == 0) &&
	    argc == 4)
		r = mig_step_update(ctx->db, id, NULL, 0, strcmp(argv[2], "retire") == 0, version,
		    sqlstate, &cause);
	else
		return cmd_usage(ctx, "mig");
	if (r != 0 && outcome_is(sqlstate, DB_SQLSTATE_STALE))
		return step_stale(ctx, id, cause);
	if (r != 0)
		return write_failed(ctx, sqlstate, cause);
	fprintf(ctx->out, "%s\n", _("saved"));
	return CMD_OK;
}

int
cmd_mig_phases(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "seq", "phase" };
	const char *titles[] = { "#", _("phase") };
	char sqlstate[6] = "", *cause = NULL;
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	int i, bom;

	if (argc >= 3 && strcmp(argv[2], "add") == 0) {
		if (argc != 4 || argv[3][0] == '\0')
			return cmd_usage(ctx, "mig");
		if (mig_phase_add(ctx->db, argv[3], sqlstate, &cause) != 0) {
			if (outcome_is(sqlstate, DB_SQLSTATE_UNIQUE)) {
				free(cause);
				cmd_error(ctx, CMD_FAIL, "mig phases: %s",
				    _("a phase with this name exists already"));
				return CMD_FAIL;
			}
			return write_failed(ctx, sqlstate, cause);
		}
		fprintf(ctx->out, "%s ", _("added phase"));
		out_text(ctx->out, argv[3]);
		fputc('\n', ctx->out);
		return CMD_OK;
	}
	if (argc > 3 || (argc == 3 && strcmp(argv[2], "list") != 0))
		return cmd_usage(ctx, "mig");
	cmd_format(ctx, &fmt, &bom, NULL);
	if (mig_phases_load(ctx->db, &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "mig phases: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(2, titles, keys);
	out_right(t, 0);
	for (i = 0; i < g.nrows; i++)
		out_rowf(t, grid_str(&g, i, 1), grid_str(&g, i, 0));
	grid_free(&g);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}
