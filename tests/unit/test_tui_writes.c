/*
 * test_tui_writes — how many write(2)s a screen update costs. Over SSH every write to
 * the pty wakes the connection process and becomes an SSH packet of its own, so a
 * full screen must go out in a few large writes, not one per cursor movement (ncurses
 * 6.4 flushed after every move until the screen had once been suspended). The terminal
 * is one end of a SOCK_SEQPACKET pair: each write arrives as one message, so writes
 * can be counted.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <fcntl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tui/tui.h"

static int	 sv[2];
static FILE	*term_in, *term_out;

/* Messages (writes) waiting at the other end, and their bytes. */
static int
drain(size_t *bytes)
{
	char	 buf[65536];
	ssize_t	 n;
	int	 count = 0;

	*bytes = 0;
	while ((n = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT)) > 0) {
		count++;
		*bytes += (size_t)n;
	}
	return count;
}

static void
fill(int round)
{
	int	 y, x;

	for (y = 0; y < LINES; y++) {
		attrset(y % 3 == 0 ? A_BOLD : y % 3 == 1 ? A_REVERSE : A_NORMAL);
		for (x = 0; x + 12 <= COLS; x += 12)
			mvaddstr(y, x, round % 2 ? "標準化移行 " : "施策 一覧   ");
	}
	attrset(A_NORMAL);
}

static void
test_full_repaint(void **state)
{
	size_t	 bytes;
	int	 writes;

	(void)state;
	drain(&bytes);
	fill(0);
	clearok(curscr, TRUE);		/* what Ctrl-L does: every cell again */
	refresh();
	writes = drain(&bytes);
	assert_true(bytes > 3000);	/* a whole 100x30 screen went out */
	/* ncurses' own buffer is (LINES + 2) * (COLS + 6) bytes: a screen, in a few writes */
	assert_true(writes <= (int)(bytes / 3000) + 2);
}

static void
test_small_update(void **state)
{
	size_t	 bytes;

	(void)state;
	drain(&bytes);
	fill(1);		/* every line changes text */
	refresh();
	assert_true(drain(&bytes) <= (int)(bytes / 3000) + 2);
	mvaddstr(5, 3, "X");	/* one cell */
	refresh();
	assert_int_equal(drain(&bytes), 1);
	assert_true(bytes < 64);
}

static int
up(void **state)
{
	struct tui_opts	 o;
	char		*cause = NULL;

	(void)state;
	if (socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv) != 0)
		return -1;
	setenv("LINES", "30", 1);
	setenv("COLUMNS", "100", 1);
	term_in = fopen("/dev/null", "r");
	term_out = fdopen(sv[0], "w");
	if (term_in == NULL || term_out == NULL)
		return -1;
	memset(&o, 0, sizeof o);
	o.in = term_in;
	o.out = term_out;
	o.term = "xterm-256color";
	if (tui_init(&o, &cause) != 0)
		fail_msg("tui_init: %s", cause);
	return 0;
}

static int
down(void **state)
{
	(void)state;
	tui_end();
	fclose(term_in);
	fclose(term_out);
	close(sv[1]);
	return 0;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_repaint),
		cmocka_unit_test(test_small_update),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, up, down);
}
