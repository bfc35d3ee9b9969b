/*
 * keys_registry — every key on every screen, for tests/ui/test_keys_registry.sh. Not a
 * unit test: it runs the real screens against the test's throwaway cluster, in process,
 * through the app loop (app_begin / app_press), on a terminal of 80x24 whose input is at
 * its end (a dialog a key opens gets no answer and is cancelled).
 *
 *   keys_registry LOGIN
 *
 * On each screen of the registry, each printable ASCII key and F1..F12 that neither the
 * screen's keymap nor the generic keymap binds is pressed on the screen freshly opened;
 * it fails when that changed what the terminal shows (the message line aside), which
 * screen is on top, or the newest audit_log entry. Prints a TAP line per screen ("ok",
 * or "not ok" with the keys that acted), and the keys pressed in all. Then one line for
 * export-line (書き出し): every screen that binds it binds it to the same keys.
 */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/lib/i18n.h"
#include "backend/lib/identity.h"
#include "backend/store/auth.h"
#include "backend/store/db.h"
#include "backend/store/grid.h"
#include "backend/store/store_audit.h"
#include "screens/screens.h"
#include "tui/app.h"
#include "tests/db/as_member.h"

static struct db	*kr_db;
static int		 kr_n;

static int
kr_connected(void *arg)
{
	(void)arg;
	return db_state(kr_db) == DB_CONNECTED;
}

/* The screen's text, every line but the message line (and the one it may take). */
static wchar_t *
kr_snapshot(void)
{
	wchar_t	*buf = calloc((size_t)LINES * ((size_t)COLS + 1) + 1, sizeof *buf);
	cchar_t	 cells[512];
	wchar_t	 wch[CCHARW_MAX + 1];
	attr_t	 attrs;
	short	 pair;
	size_t	 o = 0;
	int	 y, i;

	if (buf == NULL)
		abort();
	for (y = 0; y < LINES; y++) {
		if (y == LINES - 3)
			continue;
		memset(cells, 0, sizeof cells);
		mvwin_wchnstr(stdscr, y, 0, cells, COLS < 511 ? COLS : 511);
		for (i = 0; i < COLS && i < 511; i++) {
			getcchar(&cells[i], wch, &attrs, &pair, NULL);
			if (wch[0] == L'\0')
				break;
			buf[o++] = wch[0];
		}
		buf[o++] = L'\n';
	}
	return buf;
}

/* The newest audit entry's id (0 when none). */
static long long
kr_audit_head(void)
{
	struct grid	 g;
	char		*cause = NULL;
	long long	 id = 0;

	memset(&g, 0, sizeof g);
	if (store_audit_rows(kr_db, "", "", "", "", 1, &g, &cause) != 0) {
		fprintf(stderr, "keys_registry: audit: %s\n", cause != NULL ? cause : "?");
		free(cause);
		exit(1);
	}
	if (g.nrows > 0)
		id = atoll(grid_str(&g, 0, 0));
	grid_free(&g);
	return id;
}

static void
kr_key_name(int key, char *buf, size_t len)
{
	keymap_key_name(key, buf, len);
}

/* Every unbound key on screen info; the keys that acted into bad. */
static int
kr_screen(struct app *app, const struct screen_info *info, char *bad, size_t len)
{
	int		 keys[128], nk = 0, i, k, fails = 0;
	struct screen	*top;
	wchar_t		*before, *after;
	long long	 head;
	char		 name[32];

	for (k = 0x20; k < 0x7f; k++)
		keys[nk++] = k;
	for (k = 1; k <= 12; k++)
		keys[nk++] = KEYMAP_F(k);
	bad[0] = '\0';
	for (i = 0; i < nk; i++) {
		app_open(app, "dash");		/* back to the first: the others close */
		if (app_open(app, info->name) != 0)
			return -1;
		chrome_message_clear(&app->msg);
		app_draw(app);
		top = app_top(app);
		if (top == NULL || top->info != info)
			return -1;
		if (keymap_lookup(&top->keymap, keys[i]) != ACTION_NONE)
			continue;	/* in the registry: its own test's business */
		before = kr_snapshot();
		head = kr_audit_head();
		app_press(app, keys[i]);
		kr_n++;
		app_draw(app);
		after = kr_snapshot();
		if (app->quit || app_top(app) != top || wcscmp(before, after) != 0 ||
		    kr_audit_head() != head) {
			kr_key_name(keys[i], name, sizeof name);
			snprintf(bad + strlen(bad), len - strlen(bad), "%s\"%s\"%s%s%s",
			    fails ? " " : "", name,
			    app->quit ? "(quit)" : "", app_top(app) != top ? "(screen)" : "",
			    kr_audit_head() != head ? "(audit)" : "");
			fails++;
			app->quit = 0;
		}
		free(before);
		free(after);
	}
	return fails;
}

/*
 * The keys each screen binds to export-line, compared with the first screen's: one TAP
 * line, "not ok" naming the screens that differ. Returns 1 when they differ.
 */
static int
kr_export_keys(struct app *app, const char *who)
{
	char		 first[128] = "", keys[128], firstname[64] = "", bad[2048] = "";
	struct screen	*top;
	size_t		 i;
	int		 n = 0;

	for (i = 0; i < screens_count; i++) {
		if (screens_registry[i].ops == NULL)
			continue;
		app_open(app, "dash");
		if (app_open(app, screens_registry[i].name) != 0 ||
		    (top = app_top(app)) == NULL || top->info != &screens_registry[i] ||
		    !keymap_binds(&top->keymap, ACTION_EXPORT_LINE))
			continue;
		keymap_keys_for(&top->keymap, ACTION_EXPORT_LINE, keys, sizeof keys);
		n++;
		if (first[0] == '\0') {
			snprintf(first, sizeof first, "%s", keys);
			snprintf(firstname, sizeof firstname, "%s", screens_registry[i].name);
		} else if (strcmp(first, keys) != 0)
			snprintf(bad + strlen(bad), sizeof bad - strlen(bad), " :%s \"%s\"",
			    screens_registry[i].name, keys);
	}
	if (n < 2) {
		printf("not ok - export-line: only %d screens bind it as %s\n", n, who);
		return 1;
	}
	if (bad[0] != '\0') {
		printf("not ok - export-line: :%s binds \"%s\", but%s\n", firstname, first, bad);
		return 1;
	}
	printf("ok - export-line: the one key \"%s\" on all %d screens that have it as %s\n",
	    first, n, who);
	return 0;
}

int
main(int argc, char **argv)
{
	struct identity	 id;
	struct app	 app;
	char		*cause = NULL, bad[4096];
	FILE		*in, *out;
	size_t		 i;
	int		 failed = 0, rc;

	if (argc != 2) {
		fprintf(stderr, "usage: keys_registry LOGIN\n");
		return 2;
	}
	setlocale(LC_ALL, "C.UTF-8");
	i18n_init("en", "en");
	setenv("TERM", "xterm-256color", 1);
	setenv("LINES", "24", 1);
	setenv("COLUMNS", "80", 1);
	memset(&id, 0, sizeof id);
	if ((kr_db = db_open(getenv("RASHIN_TEST_CONNINFO"), &cause)) == NULL ||
	    as_member(kr_db, argv[1], &id, &cause) != 0) {
		fprintf(stderr, "keys_registry: %s: %s\n", argv[1], cause != NULL ? cause : "?");
		return 1;
	}
	in = fopen("/dev/null", "r");
	out = fopen("/dev/null", "w");
	if (in == NULL || out == NULL)
		return 1;
	memset(&app, 0, sizeof app);
	app.who = &id;
	app.db.arg = kr_db;
	app.db.connected = kr_connected;
	app.screens = screens_registry;
	app.nscreens = screens_count;
	app.first = "dash";
	app.ctx = kr_db;
	app.in = in;
	app.out = out;
	if (app_begin(&app) != 0)
		return 1;
	for (i = 0; i < screens_count; i++) {
		if (screens_registry[i].ops == NULL)
			continue;
		rc = kr_screen(&app, &screens_registry[i], bad, sizeof bad);
		if (rc < 0)
			printf("ok - %s # SKIP cannot be opened as %s\n",
			    screens_registry[i].name, argv[1]);
		else if (rc == 0)
			printf("ok - %s: no unbound key acts\n", screens_registry[i].name);
		else {
			printf("not ok - %s: keys not in its registry acted: %s\n",
			    screens_registry[i].name, bad);
			failed++;
		}
	}
	failed += kr_export_keys(&app, argv[1]);
	app_end(&app);
	printf("# %d unbound keys pressed as %s\n", kr_n, argv[1]);
	fclose(in);
	fclose(out);
	db_close(kr_db);
	return failed ? 1 : 0;
}
