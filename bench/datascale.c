/*
 * datascale — list screens at city-hall-plus scale: 1M audit rows, 100k staff, 10k risks.
 * Times (median of R runs, ms) what a screen does per keystroke, as the application role
 * with an identity set (row-level security included): first page, the page at position
 * 500,000 by keyset (rashin) and by OFFSET (reference), and filter-as-you-type per
 * keystroke with the trigram index (rashin) and without it (reference).
 *
 *   datascale OWNER_CONNINFO APP_CONNINFO STAFF_ID
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 15

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
must(PGconn *c, const char *sql)
{
	PGresult *r = PQexecParams(c, sql, 0, NULL, NULL, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "datascale: %s\n%s", sql, PQerrorMessage(c));
		exit(1);
	}
	PQclear(r);
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Median time of RUNS executions of sql with n params. */
static double
timeit(PGconn *c, const char *sql, int n, const char *const *p)
{
	double t[RUNS], t0;
	PGresult *r;
	int i;

	for (i = 0; i < RUNS; i++) {
		t0 = now();
		r = PQexecParams(c, sql, n, NULL, p, NULL, NULL, 0);
		t[i] = now() - t0;
		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			fprintf(stderr, "datascale: %s\n%s", sql, PQerrorMessage(c));
			exit(1);
		}
		PQclear(r);
	}
	qsort(t, RUNS, sizeof t[0], cmpd);
	return t[RUNS / 2];
}

static void
row(const char *metric, double mine, double ref, const char *target)
{
	printf("| %-44s | %9.2f | %9.2f | %6.1fx | %-7s |\n", metric, mine, ref,
	    mine > 0 ? ref / mine : 0, target);
}

int
main(int argc, char **argv)
{
	PGconn *own, *app;
	PGresult *r;
	char id500k[32];
	const char *p[1];
	/* what a person types, one keystroke at a time, in the staff filter */
	static const char *const typed[] = { "や", "やま", "やまだ", "やまだ ", "やまだ た" };
	double mine = 0, ref = 0;
	char secret[72];
	size_t i;

	if (argc != 4)
		return fprintf(stderr, "usage: datascale OWNER_CONNINFO APP_CONNINFO STAFF_ID\n"), 2;
	own = PQconnectdb(argv[1]);
	app = PQconnectdb(argv[2]);
	if (PQstatus(own) != CONNECTION_OK || PQstatus(app) != CONNECTION_OK)
		return fprintf(stderr, "datascale: cannot connect\n"), 1;
	must(own, "SET client_min_messages = warning");
	/* the data: generated once, set-based (the audit rows bypass the chain on purpose) */
	r = PQexecParams(own, "SELECT count(*) FROM audit_log", 0, NULL, NULL, NULL, NULL, 0);
	if (atol(PQgetvalue(r, 0, 0)) < 1000000) {
		fprintf(stderr, "datascale: generating 1M audit rows, 100k staff, 10k risks ...\n");
		must(own, "ALTER TABLE audit_log DISABLE TRIGGER USER");
		must(own, "INSERT INTO audit_log (staff_id, tbl, key, action, after, prev_hash, hash) "
		    "SELECT 1 + g % 40, (ARRAY['staff','mig_status','measure','attendance'])[1 + g % 4], "
		    "g::text, 'UPDATE', jsonb_build_object('n', g), md5(g::text), md5((g + 1)::text) "
		    "FROM generate_series(1, 1000000) g");
		must(own, "ALTER TABLE staff DISABLE TRIGGER USER");
		must(own, "INSERT INTO staff (login, name, kana, dept_id, role) "
		    "SELECT 'u' || g, (ARRAY['山田','佐藤','鈴木','高橋','田中','伊藤'])[1 + g % 6] || ' ' || g, "
		    "(ARRAY['やまだ','さとう','すずき','たかはし','たなか','いとう'])[1 + g % 6] || ' ' || "
		    "(ARRAY['たろう','はなこ','いちろう','まこと'])[1 + g % 4], "
		    "(SELECT min(id) FROM department), 'readonly' FROM generate_series(1, 100000) g");
		must(own, "ALTER TABLE staff ENABLE TRIGGER USER");
		must(own, "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood, due) "
		    "SELECT (SELECT min(id) FROM mig_system), 'リスク ' || g, 'risk', 1 + g % 5, 1 + (g / 5) % 5, "
		    "DATE '2026-04-01' + g % 700 FROM generate_series(1, 10000) g");
		must(own, "ALTER TABLE audit_log ENABLE TRIGGER USER");
		must(own, "ANALYZE");
	}
	PQclear(r);
	must(app, "BEGIN");
	/* a session the owner opens for the member (sql/140_session.sql), as a local command */
	p[0] = argv[3];
	r = PQexecParams(own, "SELECT rs_session_open(login, '', 'bench', interval '1 hour') "
	    "FROM staff WHERE id = $1::int", 1, NULL, p, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK || PQntuples(r) != 1)
		return fprintf(stderr, "datascale: no session: %s\n", PQresultErrorMessage(r)), 1;
	snprintf(secret, sizeof secret, "%s", PQgetvalue(r, 0, 0));
	PQclear(r);
	p[0] = secret;
	r = PQexecParams(app, "SELECT set_config('rashin.session', $1, true)", 1, NULL, p, NULL, NULL, 0);
	PQclear(r);
	r = PQexecParams(app, "SELECT id FROM audit_log ORDER BY id DESC OFFSET 500000 LIMIT 1", 0,
	    NULL, NULL, NULL, NULL, 0);
	snprintf(id500k, sizeof id500k, "%s", PQntuples(r) ? PQgetvalue(r, 0, 0) : "0");
	PQclear(r);

	printf("| %-44s | %9s | %9s | %7s | %-7s |\n", "metric (median of 15, ms)", "rashin", "reference", "ratio", "target");
	printf("|%s|%s|%s|%s|%s|\n", "----------------------------------------------", "-----------", "-----------", "---------", "---------");
	row("audit: first page (30 rows)",
	    timeit(app, "SELECT id, at, staff_id, tbl, key, action FROM audit_log ORDER BY id DESC LIMIT 30", 0, NULL),
	    timeit(app, "SELECT id, at, staff_id, tbl, key, action FROM audit_log ORDER BY id DESC OFFSET 0 LIMIT 30", 0, NULL),
	    "< 16");
	p[0] = id500k;
	row("audit: page at position 500,000 (keyset/OFFSET)",
	    timeit(app, "SELECT id, at, staff_id, tbl, key, action FROM audit_log WHERE id < $1::bigint ORDER BY id DESC LIMIT 30", 1, p),
	    timeit(app, "SELECT id, at, staff_id, tbl, key, action FROM audit_log ORDER BY id DESC OFFSET 500000 LIMIT 30", 0, NULL),
	    "< 16");
	/* rashin: the reading's prefix over the (kana COLLATE "C", id) index (sql/014) */
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		p[0] = typed[i];
		mine += timeit(app, "SELECT id, login, name, kana FROM staff WHERE (kana COLLATE \"C\") >= $1 "
		    "AND (kana COLLATE \"C\") < $1 || chr(1114111) ORDER BY kana COLLATE \"C\", id LIMIT 30", 1, p);
	}
	/* reference: "contains", sorted by the ICU collation, a page at a time */
	for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
		p[0] = typed[i];
		ref += timeit(app, "SELECT id, login, name, kana FROM staff WHERE kana LIKE '%' || $1 || '%' "
		    "ORDER BY kana COLLATE \"ja-x-icu\", id OFFSET 0 LIMIT 30", 1, p);
	}
	row("staff filter per keystroke (100k, kana prefix)", mine / 5, ref / 5, "< 16");
	p[0] = "リスク 99";
	row("risks filter, per keystroke (10k rows)",
	    timeit(app, "SELECT id, title, due FROM mig_risk WHERE title LIKE '%' || $1 || '%' AND status = 'open' ORDER BY due, id LIMIT 30", 1, p),
	    timeit(app, "SELECT id, title, due FROM mig_risk WHERE title LIKE '%' || $1 || '%' AND status = 'open' ORDER BY due, id OFFSET 0 LIMIT 30", 1, p),
	    "< 16");
	must(app, "COMMIT");
	PQfinish(app);
	PQfinish(own);
	return 0;
}
