/*
 * qr — QR codes as UTF-8 half-block text (libqrencode does the encoding).
 */
#include "backend/lib/qr.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "backend/lib/util.h"

static const char *const halves[4] = {
	" ",		/* neither */
	"\xe2\x96\x80",	/* ▀ top dark */
	"\xe2\x96\x84",	/* ▄ bottom dark */
	"\xe2\x96\x88",	/* █ both */
};

/* Encode with level M if it fits in QR_MAX_ROWS text rows, else L. */
static QRcode *
qr_encode(const char *s, char *level, char **cause)
{
	QRcode *q;
	int rows;

	errno = 0;
	q = QRcode_encodeString(s, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q != NULL) {
		rows = (q->width + 2 * QR_QUIET + 1) / 2;
		if (rows <= QR_MAX_ROWS) {
			*level = 'M';
			return q;
		}
		QRcode_free(q);
	}
	q = QRcode_encodeString(s, 0, QR_ECLEVEL_L, QR_MODE_8, 1);
	if (q == NULL) {
		set_cause(cause, "cannot draw a QR code for %zu bytes: %s", strlen(s),
		    errno == ERANGE ? "too long" : strerror(errno));
		return NULL;
	}
	*level = 'L';
	return q;
}

/* The module matrix with the quiet zone, and what was chosen for it. */
static unsigned char *
qr_modules(const char *s, int *modules, char *level, int *version, char **cause)
{
	QRcode *q;
	unsigned char *m;
	int n, x, y;

	if ((q = qr_encode(s, level, cause)) == NULL)
		return NULL;
	n = q->width + 2 * QR_QUIET;
	m = xcalloc((size_t)n * (size_t)n, 1);
	for (y = 0; y < q->width; y++)
		for (x = 0; x < q->width; x++)
			m[(y + QR_QUIET) * n + x + QR_QUIET] = q->data[y * q->width + x] & 1;
	*modules = n;
	*version = q->version;
	QRcode_free(q);
	return m;
}

int
qr_render(const char *s, int invert, struct qr_text *qt, char **cause)
{
	unsigned char *m;
	int n, x, y, r, top, bottom, cell;
	char *line;
	size_t o, len;

	memset(qt, 0, sizeof *qt);
	if ((m = qr_modules(s, &n, &qt->level, &qt->version, cause)) == NULL)
		return -1;
	qt->modules = n;
	qt->ncols = n;
	qt->nrows = (n + 1) / 2;
	qt->lines = xcalloc((size_t)qt->nrows, sizeof *qt->lines);
	for (r = 0; r < qt->nrows; r++) {
		line = xmalloc((size_t)n * 3 + 1);
		o = 0;
		y = 2 * r;
		for (x = 0; x < n; x++) {
			top = m[y * n + x];
			bottom = y + 1 < n ? m[(y + 1) * n + x] : 0;
			if (invert) {
				top = !top;
				bottom = y + 1 < n ? !bottom : 0;
			}
			cell = top | bottom << 1;
			len = strlen(halves[cell]);
			memcpy(line + o, halves[cell], len);
			o += len;
		}
		line[o] = '\0';
		qt->lines[r] = line;
	}
	free(m);
	return 0;
}

void
qr_text_free(struct qr_text *qt)
{
	int i;

	for (i = 0; i < qt->nrows; i++)
		free(qt->lines[i]);
	free(qt->lines);
	memset(qt, 0, sizeof *qt);
}
