/*
 * cmd_staff — `staff` and `depts`: the people side without a DBA. Adding, editing, moving
 * and deactivating are admin-only by the database's policies; deactivation revokes keys
 * and VDI accounts in the same transaction (triggers) and ends live sessions (NOTIFY
 * rashin_staff, which every session listens for).
 */
#include <stdlib.h>
#include <string.h>

#include "backend/cmd/cmd.h"
#include "backend/store/db.h"
#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/lib/labels.h"
#include "backend/lib/out.h"
#include "backend/cmd/staff_check.h"
#include "backend/lib/util.h"

static int
db_fail(struct cmd_ctx *ctx, const char *what, const char *state, const char *cause)
{
	if (strcmp(state, "42501") == 0)
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what,
		    _("permission denied (only IT staff administer staff and departments)"));
	if (strcmp(state, "23505") == 0)
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, _("already exists"));
	if (strcmp(state, "RS002") == 0)
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, _("the last active admin cannot be removed"));
	if (strcmp(state, "RS001") == 0)
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what,
		    _("someone else changed this record; run the command again"));
	return cmd_error(ctx, CMD_FAIL, "%s: %s", what, cause);
}

/* Run one write; 0 rows is "no such ..." */
static int
write1(struct cmd_ctx *ctx, const char *what, const char *sql, int n, const char *const *p,
    const char *none)
{
	char state[6], *cause = NULL;
	PGresult *res = db_query(ctx->db, sql, n, p, state, &cause);
	int rows, rc;

	if (res == NULL) {
		rc = db_fail(ctx, what, state, cause);
		free(cause);
		return rc;
	}
	rows = PQntuples(res);
	PQclear(res);
	if (rows == 0)
		return cmd_error(ctx, CMD_FAIL, "%s: %s", what, none);
	return CMD_OK;
}

static const char sql_staff_list[] =
	"SELECT s.login, s.name, s.kana, d.name, s.role, CASE WHEN s.is_manager THEN 'yes' ELSE '' END, "
	"CASE WHEN s.active THEN 'yes' ELSE 'no' END "
	"FROM staff s JOIN department d ON d.id = s.dept_id "
	"WHERE ($1 = '' OR d.code = $1) AND ($2 = '' OR s.role = $2) AND (s.active OR $3 = 'all') "
	"AND ($4 = '' OR s.login LIKE $4 || '%' OR s.kana LIKE '%' || $4 || '%' OR s.name LIKE '%' || $4 || '%') "
	"ORDER BY s.kana COLLATE \"ja-x-icu\", s.id";

static int
staff_list(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "login", "name", "kana", "department", "role",
	    "manager", "active" };
	const char *titles[] = { _("login"), _("name"), _("kana"), _("department"), _("role"),
	    _("manager"), _("active") };
	const char *p[4] = { "", "", "", "" };
	enum out_format fmt;
	struct out_table *t;
	PGresult *res;
	char *cause = NULL;
	int i, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (cmd_opt(ctx, "dept") != NULL)
		p[0] = cmd_opt(ctx, "dept");
	if (cmd_opt(ctx, "role") != NULL)
		p[1] = cmd_opt(ctx, "role");
	if (cmd_flag(ctx, "all"))
		p[2] = "all";
	if (argc > 2)
		p[3] = argv[2];
	if ((res = db_query(ctx->db, sql_staff_list, 4, p, NULL, &cause)) == NULL) {
		cmd_error(ctx, CMD_FAIL, "staff list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(7, titles, keys);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), fmt == OUT_TEXT ? label_role(db_str(res, i, 4)) :
		    db_str(res, i, 4), db_str(res, i, 5), db_str(res, i, 6));
	PQclear(res);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}

static int
staff_show(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "department", "from", "to" };
	const char *titles[] = { _("department"), _("from"), _("to") };
	const char *p[1];
	struct out_table *t;
	PGresult *res;
	char *cause = NULL;
	int i;

	if (argc != 3)
		return cmd_usage(ctx, "staff");
	p[0] = argv[2];
	res = db_query(ctx->db, "SELECT s.login, s.name, s.kana, d.name, s.role, s.active, "
	    "(SELECT count(*) FROM ssh_key k WHERE k.staff_id = s.id AND k.revoked_at IS NULL) "
	    "FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.login = $1", 1, p, NULL, &cause);
	if (res == NULL || PQntuples(res) != 1) {
		if (res == NULL)
			cmd_error(ctx, CMD_FAIL, "staff show: %s", cause);
		else
			cmd_error(ctx, CMD_FAIL, "staff show: %s: %s", argv[2], _("no such staff member"));
		PQclear(res);
		free(cause);
		return CMD_FAIL;
	}
	fprintf(ctx->out, "%s: ", _("login"));
	out_text(ctx->out, db_str(res, 0, 0));
	fprintf(ctx->out, "\n%s: ", _("name"));
	out_text(ctx->out, db_str(res, 0, 1));
	fputs(" (", ctx->out);
	out_text(ctx->out, db_str(res, 0, 2));
	fprintf(ctx->out, ")\n%s: ", _("department"));
	out_text(ctx->out, db_str(res, 0, 3));
	fprintf(ctx->out, "\n%s: %s\n%s: %s\n%s: %s\n\n", _("role"), db_str(res, 0, 4),
	    _("active"), strcmp(db_str(res, 0, 5), "t") == 0 ? _("yes") : _("no"),
	    _("active SSH keys"), db_str(res, 0, 6));
	PQclear(res);
	res = db_query(ctx->db, "SELECT d.name, to_char(h.from_at, 'YYYY-MM-DD'), "
	    "coalesce(to_char(h.to_at, 'YYYY-MM-DD'), '') FROM staff_dept_history h "
	    "JOIN department d ON d.id = h.dept_id JOIN staff s ON s.id = h.staff_id "
	    "WHERE s.login = $1 ORDER BY h.from_at, h.id", 1, p, NULL, &cause);
	if (res == NULL) {
		cmd_error(ctx, CMD_FAIL, "staff show: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(3, titles, keys);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2));
	PQclear(res);
	return out_print(t, ctx->out, OUT_TEXT, 0) == 0 ? CMD_OK : CMD_FAIL;
}

/* staff add LOGIN --name N --kana K --dept CODE --role R [--manager] */
static int
staff_add(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *login = argc > 2 ? argv[2] : "", *name = NULL, *kana = NULL, *dept = NULL;
	const char *role = "readonly", *mgr = "false";
	char *why = NULL;
	int rc;

	name = cmd_opt(ctx, "name");
	kana = cmd_opt(ctx, "kana");
	dept = cmd_opt(ctx, "dept");
	if (cmd_opt(ctx, "role") != NULL)
		role = cmd_opt(ctx, "role");
	if (cmd_flag(ctx, "manager"))
		mgr = "true";
	if (argc != 3 || name == NULL || kana == NULL || dept == NULL)
		return cmd_usage(ctx, "staff");
	if (staff_check(login, name, kana, role, &why) != 0) {
		rc = cmd_error(ctx, CMD_FAIL, "staff add: %s", why);
		free(why);
		return rc;
	}
	{
		const char *p[6] = { login, name, kana, dept, role, mgr };

		return write1(ctx, "staff add",
		    "INSERT INTO staff (login, name, kana, dept_id, role, is_manager) "
		    "SELECT $1, $2, $3, d.id, $5, $6::boolean FROM department d WHERE d.code = $4 "
		    "RETURNING id", 6, p, _("no department with that code (see: depts list)"));
	}
}

/* staff set LOGIN [--name N] [--kana K] [--role R] [--manager yes|no] */
static int
staff_set(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *p[5] = { argc > 2 ? argv[2] : "", NULL, NULL, NULL, NULL };
	const char *mgr = cmd_opt(ctx, "manager");
	char *why = NULL;
	int rc;

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
	return write1(ctx, "staff set",
	    "UPDATE staff SET name = coalesce($2, name), kana = coalesce($3, kana), "
	    "role = coalesce($4, role), is_manager = coalesce($5::boolean, is_manager) "
	    "WHERE login = $1 RETURNING id", 5, p, _("no such staff member you may change"));
}

static int
staff_move(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *p[2];

	if (argc != 4)
		return cmd_usage(ctx, "staff");
	p[0] = argv[2];
	p[1] = argv[3];
	return write1(ctx, "staff move",
	    "UPDATE staff s SET dept_id = d.id FROM department d "
	    "WHERE s.login = $1 AND d.code = $2 AND s.active RETURNING s.id", 2, p,
	    _("no such active staff member or department code"));
}

static int
staff_deactivate(struct cmd_ctx *ctx, int argc, char **argv)
{
	const char *p[1];

	if (argc != 3)
		return cmd_usage(ctx, "staff");
	p[0] = argv[2];
	return write1(ctx, "staff deactivate",
	    "UPDATE staff SET active = false WHERE login = $1 AND active RETURNING id", 1, p,
	    _("no such active staff member you may change"));
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
		fprintf(ctx->out, "%s %s ", _("staff"), argv[1]);
		out_text(ctx->out, argc > 2 ? argv[2] : "");
		fputc('\n', ctx->out);
	}
	return rc;
}

int
cmd_depts(struct cmd_ctx *ctx, int argc, char **argv)
{
	static const char *const keys[] = { "code", "name", "parent", "it", "staff" };
	const char *titles[] = { _("code"), _("name"), _("parent"), _("IT division"), _("staff") };
	enum out_format fmt;
	struct out_table *t;
	PGresult *res;
	char *cause = NULL;
	int i, bom;

	cmd_format(ctx, &fmt, &bom, NULL);
	if (argc >= 2 && strcmp(argv[1], "add") == 0) {
		const char *p[3] = { argc > 2 ? argv[2] : "", argc > 3 ? argv[3] : "",
		    argc > 4 ? argv[4] : "" };

		if (argc < 4 || argc > 5)
			return cmd_usage(ctx, "depts");
		return write1(ctx, "depts add", "INSERT INTO department (code, name, parent_id) "
		    "SELECT $1, $2, (SELECT id FROM department WHERE code = nullif($3, '')) "
		    "WHERE $3 = '' OR EXISTS (SELECT 1 FROM department WHERE code = $3) RETURNING id",
		    3, p, _("no parent department with that code"));
	}
	if (argc >= 2 && strcmp(argv[1], "rename") == 0) {
		const char *p[2] = { argc > 2 ? argv[2] : "", argc > 3 ? argv[3] : "" };

		if (argc != 4)
			return cmd_usage(ctx, "depts");
		return write1(ctx, "depts rename", "UPDATE department SET name = $2 WHERE code = $1 "
		    "RETURNING id", 2, p, _("no department with that code"));
	}
	if (argc > 2 || (argc == 2 && strcmp(argv[1], "list") != 0))
		return cmd_usage(ctx, "depts");
	res = db_query(ctx->db, "SELECT d.code, d.name, coalesce(p.name, ''), "
	    "CASE WHEN d.is_it THEN 'yes' ELSE '' END, "
	    "(SELECT count(*) FROM staff s WHERE s.dept_id = d.id AND s.active) "
	    "FROM department d LEFT JOIN department p ON p.id = d.parent_id "
	    "WHERE d.active ORDER BY coalesce(d.parent_id, d.id), d.parent_id NULLS FIRST, d.id",
	    0, NULL, NULL, &cause);
	if (res == NULL) {
		cmd_error(ctx, CMD_FAIL, "depts list: %s", cause);
		free(cause);
		return CMD_FAIL;
	}
	t = out_new(5, titles, keys);
	out_right(t, 4);
	for (i = 0; i < PQntuples(res); i++)
		out_rowf(t, db_str(res, i, 0), db_str(res, i, 1), db_str(res, i, 2),
		    db_str(res, i, 3), db_str(res, i, 4));
	PQclear(res);
	return out_print(t, ctx->out, fmt, bom) == 0 ? CMD_OK : CMD_FAIL;
}
