/*
 * render — the console's table widget (tui/table.c) off-screen (curses on /dev/null,
 * 200x60, as tests/unit/test_tui_draw.c does), fed from the database as a screen feeds
 * it. Times (median, ms):
 *   - a full 200x60 table screen drawn and written out (every cell repainted);
 *   - filter as you type, per keystroke: `/` then each character through table_key
 *     (count up to the typing cap + first page) + draw + doupdate, over 100k staff and
 *     1M audit rows with the screens' own sources (store_staff_source: kana prefix,
 *     keyset; store_audit_source: the :audit filter words, keyset), against a source that
 *     pages with OFFSET, matches "contains" and counts every match (the way a list is
 *     usually first written).
 * Needs the data bench/datascale generates.
 *
 *   render APP_CONNINFO STAFF_ID
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "backend/store/db.h"
#include "backend/store/store_audit.h"
#include "backend/store/store_staff.h"
#include "tui/keymap.h"
#include "tui/table.h"
#include "tui/tui.h"
#include "tests/db/as_member.h"

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
			table_row_set(&(*rows)[i], c, db_str(r, i, c + 1));
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

/*
 * Median ms per keystroke: `/`, then the characters of typed one by one (as the user
 * types them), RUNS times; Ctrl-U clears the filter between runs (not timed).
 */
static double
per_key(const struct table_source *ts, const struct table_column *cols, int ncols,
    const char *typed)
{
	struct table t;
	double v[256] = { 0 }, t0;
	wchar_t wc[64];
	int i, k, n = 0, len;
	char *cause = NULL;

	len = (int)mbstowcs(wc, typed, 64);
	table_init(&t, cols, ncols, ts);
	table_layout(&t, COLS);
	t.page = LINES - 1;
	if (table_reset(&t, &cause) != 0) {
		fprintf(stderr, "render: %s\n", cause);
		exit(1);
	}
	for (i = 0; i < RUNS; i++) {
		table_key(&t, '/', ACTION_SEARCH);
		for (k = 0; k < len && n < 256; k++) {
			t0 = now();
			table_key(&t, (int)wc[k], ACTION_NONE);
			draw(&t);
			v[n++] = now() - t0;
			if (t.error != NULL) {
				fprintf(stderr, "render: %s\n", t.error);
				exit(1);
			}
		}
		table_key(&t, KEYMAP_CTRL('u'), ACTION_NONE);
		table_key(&t, KEYMAP_ESC, ACTION_BACK);
	}
	table_free(&t);
	return median(v, n);
}

int
main(int argc, char **argv)
{
	/* the screens' columns (screens/staff.c, screens/audit.c) */
	static const struct table_column staff_cols[STAFF_NCOLS] = {
		[STAFF_C_LOGIN] = { .title = "Login", .min = 8, .max = 14 },
		[STAFF_C_NAME] = { .title = "Name", .min = 10, .max = 20 },
		[STAFF_C_KANA] = { .title = "Kana", .min = 10, .flex = 1 },
		[STAFF_C_DEPT] = { .title = "Department", .min = 10, .max = 20 },
		[STAFF_C_ROLE] = { .title = "Role", .min = 8, .max = 14 },
		[STAFF_C_ACTIVE] = { .title = "Off", .width = 3, .align = TEXT_CENTER },
	};
	static const struct table_column audit_cols[AUDIT_NCOLS] = {
		[AUDIT_C_ID] = { .title = "No.", .min = 4, .max = 10, .align = TEXT_RIGHT },
		[AUDIT_C_AT] = { .title = "When", .width = 19 },
		[AUDIT_C_WHO] = { .title = "Who", .min = 6, .max = 12 },
		[AUDIT_C_ACTION] = { .title = "Action", .min = 6, .max = 12 },
		[AUDIT_C_TABLE] = { .title = "Table", .min = 6, .max = 16 },
		[AUDIT_C_KEY] = { .title = "Key", .min = 4, .flex = 1 },
	};
	/* the reference: OFFSET paging, "contains", every match counted */
	struct src staff_ref = { NULL,
	    "SELECT s.id, s.login, s.name, s.kana, d.name, s.role, CASE WHEN s.active THEN '' ELSE '*' END "
	    "FROM staff s JOIN department d ON d.id = s.dept_id WHERE s.kana LIKE '%' || $1 || '%' "
	    "ORDER BY s.kana COLLATE \"ja-x-icu\", s.id OFFSET 0 LIMIT $2::int",
	    "SELECT count(*) FROM staff WHERE kana LIKE '%' || $1 || '%'", STAFF_NCOLS };
	struct src audit_ref = { NULL,
	    "SELECT a.id, a.id::text, to_char(a.at, 'YYYY-MM-DD HH24:MI:SS'), coalesce(s.login, '-'), "
	    "a.action, a.tbl, a.key FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id "
	    "WHERE strpos(a.tbl, $1) > 0 ORDER BY a.id DESC OFFSET 0 LIMIT $2::int",
	    "SELECT count(*) FROM audit_log WHERE strpos(tbl, $1) > 0", AUDIT_NCOLS };
	struct table_source ref = { src_fetch, src_count, NULL, NULL };
	struct table_source staff_src = store_staff_source, audit_src = store_audit_source;
	struct tui_opts o;
	struct table t;
	struct db *db;
	struct identity who;
	FILE *in, *out;
	char *cause = NULL;
	double v[200], t0, mine;
	int i;

	if (argc != 3)
		return fprintf(stderr, "usage: render APP_CONNINFO LOGIN (the owner: libpq's "
		    "environment)\n"), 2;
	setlocale(LC_ALL, "C.UTF-8");
	if ((db = db_open(argv[1], &cause)) == NULL)
		return fprintf(stderr, "render: %s\n", cause), 1;
	if (as_member(db, argv[2], &who, &cause) != 0)
		return fprintf(stderr, "render: %s: %s\n", argv[2], cause), 1;
	staff_ref.db = audit_ref.db = db;
	staff_src.arg = audit_src.arg = db;
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
	table_init(&t, staff_cols, STAFF_NCOLS, &staff_src);
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
		double a, b, c, d;

		a = per_key(&staff_src, staff_cols, STAFF_NCOLS, "やまだ た");
		ref.arg = &staff_ref;
		b = per_key(&ref, staff_cols, STAFF_NCOLS, "やまだ た");
		/* :audit's filter words; the reference matches the table name as typed */
		c = per_key(&audit_src, audit_cols, AUDIT_NCOLS, "table:staff");
		ref.arg = &audit_ref;
		d = per_key(&ref, audit_cols, AUDIT_NCOLS, "staff");

		tui_end();
		printf("\n## Render: the table widget off-screen at 200x60 (median ms)\n\n");
		printf("| %-52s | %10s | %10s | %7s | %-12s |\n", "metric", "rashin", "reference",
		    "ratio", "target");
		printf("|------------------------------------------------------|------------|"
		    "------------|---------|--------------|\n");
		printf("| %-52s | %10.2f | %10s | %7s | %-12s |\n",
		    "full 200x60 table screen, drawn and written", mine, "-", "-", "< 16");
		printf("| %-52s | %10.2f | %10.2f | %7.2f | %-12s |\n",
		    "filter keystroke, 100k staff (:staff source/OFFSET)", a, b, a / b, "< 16");
		printf("| %-52s | %10.2f | %10.2f | %7.2f | %-12s |\n",
		    "filter keystroke, 1M audit (:audit source/OFFSET)", c, d, c / d, "< 16");
	}
	db_close(db);
	fclose(in);
	fclose(out);
	return 0;
}
