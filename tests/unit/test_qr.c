/*
 * test_qr — the half-block text decodes back to libqrencode's own module matrix (quiet
 * zone included), the size fits 80x24 for a real otpauth URI, and, when zbarimg (Debian
 * zbar-tools) is installed, the text drawn back into an image decodes to the exact URI.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <qrencode.h>

#include "backend/lib/totp.h"
#include "backend/lib/qr.h"
#include "backend/lib/text.h"

#define URI_AOKI "otpauth://totp/rashin:aoki?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=rashin"

/* Read the text back: each cell is two modules, top and bottom. Allocated n*n matrix. */
static unsigned char *
decode_text(const struct qr_text *qt, int n)
{
	unsigned char *m = calloc((size_t)n * (size_t)n, 1);
	int r, x, top, bottom;
	const char *p;

	assert_non_null(m);
	for (r = 0; r < qt->nrows; r++) {
		p = qt->lines[r];
		for (x = 0; x < n; x++) {
			if (strncmp(p, " ", 1) == 0) {
				top = bottom = 0;
				p += 1;
			} else if (strncmp(p, "\xe2\x96\x80", 3) == 0) {
				top = 1; bottom = 0; p += 3;
			} else if (strncmp(p, "\xe2\x96\x84", 3) == 0) {
				top = 0; bottom = 1; p += 3;
			} else if (strncmp(p, "\xe2\x96\x88", 3) == 0) {
				top = bottom = 1; p += 3;
			} else {
				fail_msg("row %d column %d: unexpected byte 0x%02x", r, x, (unsigned char)*p);
				return m;
			}
			m[2 * r * n + x] = (unsigned char)top;
			if (2 * r + 1 < n)
				m[(2 * r + 1) * n + x] = (unsigned char)bottom;
			else
				assert_int_equal(bottom, 0);	/* odd height: the last half row is empty */
		}
		assert_int_equal(*p, '\0');
	}
	return m;
}

/* Compare m with qrencode's own matrix for s at the given level, shifted by the quiet zone. */
static void
compare_with_qrencode(const unsigned char *m, int n, const char *s, QRecLevel level)
{
	QRcode *q = QRcode_encodeString(s, 0, level, QR_MODE_8, 1);
	int x, y, want, dark = 0;

	assert_non_null(q);
	assert_int_equal(n, q->width + 2 * QR_QUIET);
	for (y = 0; y < n; y++)
		for (x = 0; x < n; x++) {
			if (y < QR_QUIET || x < QR_QUIET || y >= n - QR_QUIET || x >= n - QR_QUIET)
				want = 0;
			else
				want = q->data[(y - QR_QUIET) * q->width + (x - QR_QUIET)] & 1;
			if (m[y * n + x] != want)
				fail_msg("module (%d,%d): drawn %d, qrencode %d", x, y, m[y * n + x], want);
			dark += want;
		}
	assert_true(dark > n * n / 4);	/* not an empty picture */
	QRcode_free(q);
}

static void
test_text_matches_qrencode(void **state)
{
	struct qr_text qt;
	unsigned char *m;
	int r;

	(void)state;
	assert_int_equal(qr_render(URI_AOKI, 0, &qt, NULL), 0);
	assert_int_equal(qt.level, 'M');
	assert_int_equal(qt.version, 5);
	assert_int_equal(qt.modules, 45);	/* 37 + 2 * 4 */
	assert_int_equal(qt.ncols, 45);
	assert_int_equal(qt.nrows, 23);
	for (r = 0; r < qt.nrows; r++)
		assert_int_equal(text_width(qt.lines[r]), 45);
	/* The quiet zone: the first two rows are blank (modules 0-3). */
	assert_int_equal(strspn(qt.lines[0], " "), 45);
	assert_int_equal(strspn(qt.lines[1], " "), 45);
	m = decode_text(&qt, qt.modules);
	compare_with_qrencode(m, qt.modules, URI_AOKI, QR_ECLEVEL_M);
	free(m);
	qr_text_free(&qt);
}

static void
test_long_login_uses_level_l(void **state)
{
	char *uri = totp_uri("abcdefghijklmnopqrstuvwxyz012345", "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	struct qr_text qt;
	unsigned char *m;

	(void)state;
	assert_int_equal(qr_render(uri, 0, &qt, NULL), 0);
	/* At M this would be version 6: 49 modules, 25 rows; L keeps it at 23. */
	assert_int_equal(qt.level, 'L');
	assert_int_equal(qt.nrows, 23);
	assert_true(qt.nrows <= 24 && qt.ncols <= 80);
	m = decode_text(&qt, qt.modules);
	compare_with_qrencode(m, qt.modules, uri, QR_ECLEVEL_L);
	free(m);
	qr_text_free(&qt);
	free(uri);
}

static void
test_inverted(void **state)
{
	struct qr_text qt;
	unsigned char *m;
	int i, n;

	(void)state;
	assert_int_equal(qr_render("rashin", 1, &qt, NULL), 0);
	n = qt.modules;
	assert_int_equal(n, 21 + 8);
	assert_int_equal(qt.nrows, 15);
	/* Quiet zone drawn as full blocks. */
	assert_string_equal(qt.lines[0], "█████████████████████████████");
	m = decode_text(&qt, n);
	for (i = 0; i < n * (n - 1); i++)	/* the odd last module row has no bottom half */
		m[i] = !m[i];
	for (i = 0; i < n; i++)
		m[(n - 1) * n + i] = !m[(n - 1) * n + i];
	compare_with_qrencode(m, n, "rashin", QR_ECLEVEL_M);
	free(m);
	qr_text_free(&qt);
}

static void
test_too_long(void **state)
{
	char *big = malloc(8000), *cause = NULL;
	struct qr_text qt;

	(void)state;
	memset(big, 'x', 7999);
	big[7999] = '\0';
	assert_int_equal(qr_render(big, 0, &qt, &cause), -1);
	assert_non_null(strstr(cause, "7999 bytes"));
	free(cause);
	free(big);
}

/* Draw the decoded text as a PBM image (4 pixels per module) and let zbarimg read it. */
static void
test_zbarimg_reads_it(void **state)
{
	char path[] = "/tmp/rashin-qr-XXXXXX", cmd[128], got[512];
	struct qr_text qt;
	unsigned char *m;
	FILE *f, *p;
	int fd, x, y, n;
	size_t len;

	(void)state;
	if (system("command -v zbarimg >/dev/null 2>&1") != 0)
		skip();
	assert_int_equal(qr_render(URI_AOKI, 0, &qt, NULL), 0);
	n = qt.modules;
	m = decode_text(&qt, n);
	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fprintf(f, "P1\n%d %d\n", n * 4, n * 4);
	for (y = 0; y < n * 4; y++) {
		for (x = 0; x < n * 4; x++)
			fputs(m[(y / 4) * n + x / 4] ? "1 " : "0 ", f);
		fputc('\n', f);
	}
	fclose(f);
	snprintf(cmd, sizeof cmd, "zbarimg -q --raw %s 2>/dev/null", path);
	assert_non_null(p = popen(cmd, "r"));
	len = fread(got, 1, sizeof got - 1, p);
	got[len] = '\0';
	pclose(p);
	unlink(path);
	while (len > 0 && got[len - 1] == '\n')
		got[--len] = '\0';
	assert_string_equal(got, URI_AOKI);
	free(m);
	qr_text_free(&qt);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_matches_qrencode),
		cmocka_unit_test(test_long_login_uses_level_l),
		cmocka_unit_test(test_inverted),
		cmocka_unit_test(test_too_long),
		cmocka_unit_test(test_zbarimg_reads_it),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
