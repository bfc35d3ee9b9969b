/*
 * render — the console's table widget (tui/table.c) off-screen (curses on /dev/null,
 * 200x60, as tests/unit/test_tui_draw.c does), fed from the database as a screen feeds
 * it. Times (median, ms):
 *   - a full 200x60 table screen drawn and written out (every cell repainted);
 *   - filter as you type, per keystroke: table_set_filter (count + first page) + draw +
 *     doupdate, over 100k staff (kana prefix, keyset) and 1M audit rows (key prefix,
 *     keyset), against a source that pages with OFFSET and matches "contains" (the way
 *     a list is usually first written).
 * Needs the data bench/datascale generates.
 *
 *   render APP_CONNINFO STAFF_ID
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/db.h"
#include "tui/table.h"
#include "tui/tui.h"

#define RUNS 7

struct src {
	struct db	*db;
	const char	*fetch_sql;	/* $1 filter, $2 limit */
	const char	*count_sql;	/* $1 filter */
	int		 ncols;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The first page only (what a keystroke in the filter needs); later pages are not timed. */
static int
src_fetch(void *arg, const struct table_query *q, const struct table_row *anchor,
    enum table_dir dir, int n, struct table_row **rows, char **cause)
{
	struct src *s = arg;
	char lim[16];
	const char *p[2];
	PGresult *r;
	int i, c, got;

	*rows = NULL;
	if (anchor != NULL || dir != TABLE_AFTER)
		return 0;
	snprintf(lim, sizeof lim, "%d", n);
	p[0] = q->filter != NULL ? q->filter : "";
	p[1] = lim;
	if ((r = db_query(s->db, s->fetch_sql, 2, p, NULL, cause)) == NULL)
		return -1;
	got = PQntuples(r);
	*rows = calloc((size_t)n, sizeof **rows);
	for (i = 0; i < got; i++) {
		table_row_alloc(&(*rows)[i], db_str(r, i, 0), s->ncols);
		for (c = 0; c < s->ncols; c++)
			table_row_set(&(*rows)[i], c, db_str(r, i, c));
	}
	PQclear(r);
	return got;
}

static long
src_count(void *arg, const struct table_query *q, char **cause)
{
	struct src *s = arg;
	const char *p[1];
	PGresult *r;
	long n;

	p[0] = q->filter != NULL ? q->filter : "";
	if ((r = db_query(s->db, s->count_sql, 1, p, NULL, cause)) == NULL)
		return -1;
	n = atol(db_str(r, 0, 0));
	PQclear(r);
	return n;
}

static int
cmpd(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
median(double *v, int n)
{
	if (n == 0)
		return 0;
	qsort(v, (size_t)n, sizeof *v, cmpd);
	return v[n / 2];
}

static void
draw(struct table *t)
{
	table_draw(t, stdscr, 0, 0, LINES, COLS);
	wnoutrefresh(stdscr);
	doupdate();
}

/* Median ms per keystroke over typed[], RUNS times each; the filter starts empty. */
static double
per_key(struct src *s, const struct table_column *cols, const char *const *typed, int ntyped)
{
	struct table_source ts = { src_fetch, src_count, NULL, NULL };
	struct table t;
	double v[64] = { 0 }, t0;
	int i, k, n = 0;
	char *cause = NULL;

	ts.arg = s;
	table_init(&t, cols, s->ncols, &ts);
	table_layout(&t, COLS);
	t.page = LINES - 1;
	for (i = 0; i < RUNS; i++) {
		for (k = 0; k < ntyped && n < 64; k++) {
			t0 = now();
			if (table_set_filter(&t, typed[k], &cause) != 0) {
				fprintf(stderr, "render: %s\n", cause);
				exit(1);
			}
			draw(&t);
			v[n++] = now() - t0;
		}
	}
	table_free(&t);
	return median(v, n);
}

int
main(int argc, char **argv)
{
	static const struct table_column staff_cols[] = {
		{ "ID", 8, 0, 0, 0, TEXT_RIGHT, 1 },
		{ "Login", 0, 8, 16, 0, TEXT_LEFT, 1 },
		{ "Name", 0, 10, 40, 1, TEXT_LEFT, 1 },
		{ "Reading", 0, 10, 40, 0, TEXT_LEFT, 1 },
	};
	static const struct table_column audit_cols[] = {
		{ "ID", 9, 0, 0, 0, TEXT_RIGHT, 1 },
		{ "At", 0, 19, 32, 0, TEXT_LEFT, 1 },
		{ "Staff", 6, 0, 0, 0, TEXT_RIGHT, 1 },
		{ "Table", 0, 8, 16, 0, TEXT_LEFT, 1 },
		{ "Key", 0, 8, 60, 1, TEXT_LEFT, 1 },
		{ "Action", 0, 6, 10, 0, TEXT_LEFT, 1 },
	};
	static const char *const staff_typed[] = { "や", "やま", "やまだ", "やまだ ", "やまだ た" };
	static const char *const audit_typed[] = { "1", "12", "123", "1234", "12345" };
	struct src staff = { NULL,
	    "SELECT id, login, name, kana FROM staff WHERE (kana COLLATE \"C\") >= $1 "
	    "AND (kana COLLATE \"C\") < $1 || chr(1114111) ORDER BY kana COLLATE \"C\", id LIMIT $2::int",
	    "SELECT count(*) FROM staff WHERE (kana COLLATE \"C\") >= $1 "
	    "AND (kana COLLATE \"C\") < $1 || chr(1114111)", 4 };
	struct src staff_ref = { NULL,
	    "SELECT id, login, name, kana FROM staff WHERE kana LIKE '%' || $1 || '%' "
	    "ORDER BY kana COLLATE \"ja-x-icu\", id OFFSET 0 LIMIT $2::int",
	    "SELECT count(*) FROM staff WHERE kana LIKE '%' || $1 || '%'", 4 };
	struct src audit = { NULL,
	    "SELECT id, at::text, staff_id, tbl, key, action FROM audit_log "
	    "WHERE key LIKE $1 || '%' ORDER BY id DESC LIMIT $2::int",
	    "SELECT count(*) FROM audit_log WHERE key LIKE $1 || '%'", 6 };
	struct src audit_ref = { NULL,
	    "SELECT id, at::text, staff_id, tbl, key, action FROM audit_log "
	    "WHERE strpos(key, $1) > 0 ORDER BY id DESC OFFSET 0 LIMIT $2::int",
	    "SELECT count(*) FROM audit_log WHERE strpos(key, $1) > 0", 6 };
	struct tui_opts o;
	struct table_source ts = { src_fetch, src_count, NULL, NULL };
	struct table t;
	struct db *db;
	FILE *in, *out;
	char *cause = NULL;
	double v[200], t0, mine;
	int i;

	if (argc != 3)
		return fprintf(stderr, "usage: render APP_CONNINFO STAFF_ID\n"), 2;
	setlocale(LC_ALL, "C.UTF-8");
	if ((db = db_open(argv[1], &cause)) == NULL)
		return fprintf(stderr, "render: %s\n", cause), 1;
	db_set_staff(db, atoi(argv[2]));
	staff.db = staff_ref.db = audit.db = audit_ref.db = db;
	setenv("LINES", "60", 1);
	setenv("COLUMNS", "200", 1);
	in = fopen("/dev/null", "r");
	out = fopen("/dev/null", "w");
	o.in = in;
	o.out = out;
	o.term = "xterm-256color";
	o.color = 1;
	if (tui_init(&o, &cause) != 0)
		return fprintf(stderr, "render: %s\n", cause), 1;

	/* a full screen: 59 staff rows, every cell repainted each time */
	ts.arg = &staff;
	table_init(&t, staff_cols, 4, &ts);
	t.page = LINES - 1;
	if (table_set_filter(&t, "", &cause) != 0)
		return tui_end(), fprintf(stderr, "render: %s\n", cause), 1;
	for (i = 0; i < 200; i++) {
		t0 = now();
		clearok(curscr, TRUE);
		draw(&t);
		v[i] = now() - t0;
	}
	table_free(&t);
	mine = median(v, 200);
	{
		double a = per_key(&staff, staff_cols, staff_typed, 5);
		double b = per_key(&staff_ref, staff_cols, staff_typed, 5);
		double c = per_key(&audit, audit_cols, audit_typed, 5);
		double d = per_key(&audit_ref, audit_cols, audit_typed, 5);

		tui_end();
		printf("\n## Render: the table widget off-screen at 200x60 (median ms)\n\n");
		printf("| %-52s | %10s | %10s | %7s | %-12s |\n", "metric", "rashin", "reference",
		    "ratio", "target");
		printf("|------------------------------------------------------|------------|"
		    "------------|---------|--------------|\n");
		printf("| %-52s | %10.2f | %10s | %7s | %-12s |\n",
		    "full 200x60 table screen, drawn and written", mine, "-", "-", "< 16");
		printf("| %-52s | %10.2f | %10.2f | %7.2f | %-12s |\n",
		    "filter keystroke, 100k staff (prefix+keyset/OFFSET)", a, b, a / b, "< 16");
		printf("| %-52s | %10.2f | %10.2f | %7.2f | %-12s |\n",
		    "filter keystroke, 1M audit (prefix+keyset/OFFSET)", c, d, c / d, "< 16");
	}
	db_close(db);
	fclose(in);
	fclose(out);
	return 0;
}
