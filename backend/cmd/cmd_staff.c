/*
 * cmd_staff — `staff` and `depts`: the people side without a DBA. Adding, editing, moving
 * and deactivating are admin-only by the database's policies; deactivation revokes keys
 * and VDI accounts in the same transaction (triggers) and ends live sessions (NOTIFY
 * rashin_staff, which every session listens for).
 */
#include "backend/cmd/cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/labels.h"
#include "backend/lib/out.h"
#include "backend/cmd/staff_check.h"
#include "backend/lib/util.h"
#include "backend/store/store_staff.h"
#include "backend/store/store_staff_io.h"

/* What a write came to, as the command says it; none: the words for STORE_NOT_FOUND. */
static int
write_fail(struct cmd_ctx *ctx, const char *what, int rc, const char *cause, const char *none)
{
	switch (rc) {
	case STORE_NOT_FOUND:
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, none);
	case STORE_REFUSED:	/* the store's reason, picked by the refusal's code */
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause != NULL ? cause : none);
	case STORE_STALE:
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what,
		    _("someone else changed this record; run the command again"));
	}
	return cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause != NULL ? cause : "?");
}

/* A write's outcome: CMD_OK, or the message for it. */
static int
write_done(struct cmd_ctx *ctx, const char *what, int rc, char *cause, const char *none)
{
	if (rc != STORE_OK)
		rc = write_fail(ctx, what, rc, cause, none);
	free(cause);
	return rc == STORE_OK ? CMD_OK : CMD_FAIL;
}

static int
staff_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "login", "name", "kana", "department", "role",
	    "manager", "active" };
	const char *titles[] = { _("login"), _("name"), _("kana"), _("department"), _("role"),
	    _("manager"), _("active") };
	const char *dept = "", *role = "", *text = "";
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	char *cause = NULL;
	int i, bom, all = 0;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (cmd_opt(ctx, "dept") != NULL)
		dept = cmd_opt(ctx, "dept");
	if (cmd_opt(ctx, "role") != NULL)
		role = cmd_opt(ctx, "role");
	all = cmd_flag(ctx, "all");
	if (argc > 2)
		text = argv[2];
	/* a filter on something that does not exist says so, rather than an empty list */
	if (role[0] != '\0' && staff_check(NULL, NULL, NULL, role, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	if (dept[0] != '\0') {
		int did, r = store_dept_id_code(ctx->db, dept, &did, &cause);

		if (r != 0) {
			cmd_error(ctx, CMD_FAIL, "staff list: --dept %s: %s", dept, r > 0 ?
			    _("no department with that code (see: depts list)") : cause);
			free(cause);
			return CMD_FAIL;
		}
	}
	if (store_staff_list(ctx->db, dept, role, all, text, &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(7, titles, keys);
	for (i = 0; i < g.nrows; i++)
		out_rowf(t, grid_str(&g, i, 0), grid_str(&g, i, 1), grid_str(&g, i, 2),
		    grid_str(&g, i, 3), fmt == OUT_TEXT ? label_role(grid_str(&g, i, 4)) :
		    grid_str(&g, i, 4), fmt == OUT_TEXT ? label_yes(grid_str(&g, i, 5)) :
		    grid_str(&g, i, 5), fmt == OUT_TEXT ? label_yes(grid_str(&g, i, 6)) :
		    grid_str(&g, i, 6));
	grid_free(&g);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
staff_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "department", "from", "to" };
	const char *titles[] = { _("department"), _("from"), _("to") };
	struct out_table *t;
	struct grid g;
	char *cause = NULL;
	int i;

	if (argc != 3)
		return cmd_usage(ctx, "staff");
	if (store_staff_show(ctx->db, argv[2], &g, &cause) != 0 || g.nrows != 1) {
		if (cause != NULL)
			cmd_error(ctx, CMD_FAIL, "staff show: %s", cause);
		else
			cmd_error(ctx, CMD_FAIL, "staff show: %s: %s", argv[2], _("no such staff member"));
		grid_free(&g);
		free(cause);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "%s: ", _("login"));
	out_text(ctx->out, grid_str(&g, 0, 0));
	fprintf(ctx->out, "\n%s: ", _("name"));
	out_text(ctx->out, grid_str(&g, 0, 1));
	fputs(" (", ctx->out);
	out_text(ctx->out, grid_str(&g, 0, 2));
	fprintf(ctx->out, ")\n%s: ", _("department"));
	out_text(ctx->out, grid_str(&g, 0, 3));
	fprintf(ctx->out, "\n%s: %s\n%s: %s\n%s: %s\n\n", _("role"), label_role(grid_str(&g, 0, 4)),
	    _("active"), strcmp(grid_str(&g, 0, 5), "t") == 0 ? _("yes") : _("no"),
	    _("active SSH keys"), grid_str(&g, 0, 6));
	grid_free(&g);
	if (store_staff_history(ctx->db, argv[2], &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "staff show: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(3, titles, keys);
	for (i = 0; i < g.nrows; i++)
		out_rowf(t, grid_str(&g, i, 0), grid_str(&g, i, 1), grid_str(&g, i, 2));
	grid_free(&g);
	return out_print(t, ctx->out, OUT_TEXT, 0) == 0 ? CMD_OK : CMD_FAIL;
}

/* staff add LOGIN --name N --kana K --dept CODE --role R [--manager] */
static int
staff_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *login = argc > 2 ? argv[2] : "", *name = NULL, *kana = NULL, *dept = NULL;
	const char *role = "readonly";
	char *why = NULL;
	int rc, mgr;

	name = cmd_opt(ctx, "name");
	kana = cmd_opt(ctx, "kana");
	dept = cmd_opt(ctx, "dept");
	if (cmd_opt(ctx, "role") != NULL)
		role = cmd_opt(ctx, "role");
	mgr = cmd_flag(ctx, "manager");
	if (argc != 3 || name == NULL || kana == NULL || dept == NULL)
		return cmd_usage(ctx, "staff");
	if (staff_check(login, name, kana, role, &why) != 0) {
		rc = cmd_error(ctx, CMD_FAIL, "staff add: %s", why);
		free(why);
		return rc;
	}
	rc = store_staff_add(ctx->db, login, name, kana, dept, role, mgr, &why);
	return write_done(ctx, "staff add", rc, why,
	    _("no department with that code (see: depts list)"));
}

/*
 * The member an edit command names, with the version it will carry: the one given
 * (--if-version), else the one just read. CMD_OK, or CMD_FAIL after saying why.
 */
static int
staff_for_edit(struct cmd_ctx *ctx, const char *what, const char *login, int version,
    int active_only, const char *none, struct staff_rec *r)
{
	char *cause = NULL;
	int rc;

	if ((rc = store_staff_get_login(ctx->db, login, r, &cause)) < 0) {
		cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause);
		free(cause);
		return CMD_FAIL;
	}
	if (rc != 0 || (active_only && !r->active))
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, none);
	if (version >= 0)
		r->version = version;
	return CMD_OK;
}

/* A stale --if-version: who changed the member, when, and what the record is now. */
static int
staff_stale(struct cmd_ctx *ctx, const char *what, const struct staff_rec *was)
{
	struct staff_rec now;
	char who[64], when[32], *cause = NULL;

	store_last_change(ctx->db, "staff", was->id, who, when);
	if (store_staff_get(ctx->db, was->id, &now, &cause) != 0) {
		free(cause);
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what,
		    _("someone else changed this record; run the command again"));
	}
	return cmd_error(ctx, CMD_FAIL, _("%s: changed by %s at %s: now version %d (%s, %s, %s, "
	    "%s); nothing was saved"), what, who[0] != '\0' ? who : "?",
	    when[0] != '\0' ? when : "?", now.version, now.name, now.dept_name, label_role(now.role),
	    now.active ? _("active") : _("inactive"));
}

/* A versioned edit's outcome. */
static int
staff_edit_done(struct cmd_ctx *ctx, const char *what, const struct staff_rec *r, int rc,
    char *cause, const char *none)
{
	if (rc == STORE_STALE) {
		free(cause);
		return staff_stale(ctx, what, r);
	}
	return write_done(ctx, what, rc, cause, none);
}

/* staff set LOGIN [--name N] [--kana K] [--role R] [--manager yes|no] [--if-version N] */
static int
staff_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *p[5] = { argc > 2 ? argv[2] : "", NULL, NULL, NULL, NULL };
	const char *mgr = cmd_opt(ctx, "manager");
	const char *none = _("no such staff member you may change");
	struct staff_rec r;
	char *why = NULL;
	int rc, version;

	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	p[1] = cmd_opt(ctx, "name");
	p[2] = cmd_opt(ctx, "kana");
	p[3] = cmd_opt(ctx, "role");
	if (mgr != NULL && strcmp(mgr, "yes") != 0 && strcmp(mgr, "no") != 0)
		return cmd_usage_why(ctx, "--manager: yes | no");
	if (mgr != NULL)
		p[4] = strcmp(mgr, "yes") == 0 ? "true" : "false";
	if (argc != 3 || (p[1] == NULL && p[2] == NULL && p[3] == NULL && p[4] == NULL))
		return cmd_usage(ctx, "staff");
	if (staff_check(NULL, p[1], p[2], p[3], &why) != 0) {
		rc = cmd_error(ctx, CMD_FAIL, "staff set: %s", why);
		free(why);
		return rc;
	}
	if ((rc = staff_for_edit(ctx, "staff set", p[0], version, 0, none, &r)) != CMD_OK)
		return rc;
	if (p[1] != NULL)
		snprintf(r.name, sizeof r.name, "%s", p[1]);
	if (p[2] != NULL)
		snprintf(r.kana, sizeof r.kana, "%s", p[2]);
	if (p[3] != NULL)
		snprintf(r.role, sizeof r.role, "%s", p[3]);
	if (p[4] != NULL)
		r.is_manager = strcmp(p[4], "true") == 0;
	rc = store_staff_save(ctx->db, &r, &why);
	return staff_edit_done(ctx, "staff set", &r, rc, why, none);
}

/* staff move LOGIN DEPT [--if-version N] */
static int
staff_move(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *none = _("no such active staff member or department code");
	struct staff_rec r;
	char *cause = NULL;
	int rc, version, dept;

	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if (argc != 4)
		return cmd_usage(ctx, "staff");
	if ((rc = staff_for_edit(ctx, "staff move", argv[2], version, 1, none, &r)) != CMD_OK)
		return rc;
	if ((rc = store_dept_id_code(ctx->db, argv[3], &dept, &cause)) != 0) {
		if (rc < 0)
			rc = cmd_error(ctx, CMD_FAIL, "staff move: %s", cause);
		else
			rc = cmd_error(ctx, CMD_FAIL, "staff move: %s", none);
		free(cause);
		return rc;
	}
	rc = store_staff_move(ctx->db, r.id, r.version, dept, &cause);
	return staff_edit_done(ctx, "staff move", &r, rc, cause, none);
}

/* staff deactivate LOGIN [--if-version N] */
static int
staff_deactivate(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *none = _("no such active staff member you may change");
	struct staff_rec r;
	char *cause = NULL;
	int rc, version;

	if (cmd_if_version(ctx, &version) != 0)
		return CMD_USAGE;
	if (argc != 3)
		return cmd_usage(ctx, "staff");
	if ((rc = staff_for_edit(ctx, "staff deactivate", argv[2], version, 1, none, &r)) != CMD_OK)
		return rc;
	rc = store_staff_deactivate(ctx->db, r.id, r.version, &cause);
	return staff_edit_done(ctx, "staff deactivate", &r, rc, cause, none);
}

int
cmd_staff(struct cmd_ctx *ctx, int argc, char **argv)
{
	int rc;

	if (argc < 2 || strcmp(argv[1], "list") == 0)
		return staff_list(ctx, argc, argv);
	if (strcmp(argv[1], "show") == 0)
		return staff_show(ctx, argc, argv);
	if (strcmp(argv[1], "add") == 0)
		rc = staff_add(ctx, argc, argv);
	else if (strcmp(argv[1], "set") == 0)
		rc = staff_set(ctx, argc, argv);
	else if (strcmp(argv[1], "move") == 0)
		rc = staff_move(ctx, argc, argv);
	else if (strcmp(argv[1], "deactivate") == 0)
		rc = staff_deactivate(ctx, argc, argv);
	else if (strcmp(argv[1], "import") == 0)
		return staff_import(ctx, argc, argv);
	else if (strcmp(argv[1], "export") == 0)
		return staff_export(ctx, argc, argv);
	else
		return cmd_usage(ctx, "staff");
	if (rc == CMD_OK) {
		static const char *const done[][2] = { { "add", N_("staff member added:") },
		    { "set", N_("staff member changed:") }, { "move", N_("staff member moved:") },
		    { "deactivate", N_("staff member deactivated:") } };
		size_t k;

		for (k = 0; k < nitems(done) && strcmp(done[k][0], argv[1]) != 0; k++)
			;
		fprintf(ctx->out, "%s ", k < nitems(done) ? _(done[k][1]) : argv[1]);
		out_text(ctx->out, argc > 2 ? argv[2] : "");
		fputc('\n', ctx->out);
	}
	return rc;
}

/* depts rename CODE NAME: the store call :depts makes, with the version just read. */
static int
depts_rename(struct cmd_ctx *ctx, const char *code, const char *name)
{
	const char *none = _("no department with that code");
	char old[404], *cause = NULL;
	int rc, id, version;

	if ((rc = store_dept_id_code(ctx->db, code, &id, &cause)) == 0 &&
	    (rc = store_dept_get(ctx->db, id, old, &version, &cause)) == 0)
		rc = store_dept_rename(ctx->db, id, version, name, &cause);
	else if (rc > 0)
		rc = STORE_NOT_FOUND;
	else
		rc = STORE_FAILED;
	return write_done(ctx, "depts rename", rc, cause, none);
}

int
cmd_depts(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "code", "name", "parent", "it", "staff" };
	const char *titles[] = { _("code"), _("name"), _("parent"), _("IT division"), _("staff") };
	enum out_format fmt;
	struct out_table *t;
	struct grid g;
	char *cause = NULL;
	int i, bom, rc;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc >= 2 && strcmp(argv[1], "add") == 0) {
		if (argc < 4 || argc > 5)
			return cmd_usage(ctx, "depts");
		rc = store_dept_add(ctx->db, argv[2], argv[3], argc > 4 ? argv[4] : "", &cause);
		return write_done(ctx, "depts add", rc, cause, _("no parent department with that code"));
	}
	if (argc >= 2 && strcmp(argv[1], "rename") == 0) {
		if (argc != 4)
			return cmd_usage(ctx, "depts");
		return depts_rename(ctx, argv[2], argv[3]);
	}
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "list") != 0))
		return cmd_usage(ctx, "depts");
	if (store_dept_list(ctx->db, &g, &cause) != 0) {
		cmd_error(ctx, CMD_FAIL, "depts list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(5, titles, keys);
	out_right(t, 4);
	for (i = 0; i < g.nrows; i++)
		out_rowf(t, grid_str(&g, i, 0), grid_str(&g, i, 1), grid_str(&g, i, 2),
		    fmt == OUT_TEXT ? label_yes(grid_str(&g, i, 3)) : grid_str(&g, i, 3),
		    grid_str(&g, i, 4));
	grid_free(&g);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}
