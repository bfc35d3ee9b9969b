/*
 * out — the one writer of command output. Text goes through the sanitiser and is padded
 * by display width (tui/text.c is curses-free and shared here); CSV and JSON escape
 * instead of sanitising, so data round-trips exactly.
 */
#include "backend/lib/out.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/utf8.h"
#include "backend/lib/util.h"
#include "backend/lib/text.h"

struct out_table {
	int	  ncols;
	char	**titles;
	char	**keys;
	int	 *right;
	char	**cells;	/* nrows * ncols, NULL = null */
	int	  nrows, cap;
};

struct out_table *
out_new(int ncols, const char *const *titles, const char *const *keys)
{
	struct out_table *t = xcalloc(1, sizeof *t);
	int i;

	t->ncols = ncols;
	t->titles = xcalloc((size_t)ncols, sizeof *t->titles);
	t->keys = xcalloc((size_t)ncols, sizeof *t->keys);
	t->right = xcalloc((size_t)ncols, sizeof *t->right);
	for (i = 0; i < ncols; i++) {
		t->titles[i] = xstrdup(titles[i]);
		t->keys[i] = xstrdup(keys != NULL ? keys[i] : titles[i]);
	}
	return t;
}

void
out_right(struct out_table *t, int col)
{
	if (col >= 0 && col < t->ncols)
		t->right[col] = 1;
}

void
out_row(struct out_table *t, const char *const *values)
{
	int i;

	if (t->nrows == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->cells = xreallocarray(t->cells, (size_t)t->cap * (size_t)t->ncols,
		    sizeof *t->cells);
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * t->ncols + i] = values[i] ? xstrdup(values[i]) : NULL;
	t->nrows++;
}

void
out_rowf(struct out_table *t, ...)
{
	const char **v = xcalloc((size_t)t->ncols, sizeof *v);
	va_list ap;
	int i;

	va_start(ap, t);
	for (i = 0; i < t->ncols; i++)
		v[i] = va_arg(ap, const char *);
	va_end(ap);
	out_row(t, v);
	free(v);
}

int
out_ncols(const struct out_table *t)
{
	return t->ncols;
}

const char *
out_cell(const struct out_table *t, int row, int col)
{
	if (row < 0 || row >= t->nrows || col < 0 || col >= t->ncols)
		return NULL;
	return t->cells[row * t->ncols + col];
}

int
out_count(const struct out_table *t)
{
	return t->nrows;
}

/*
 * Characters a terminal would act on, or that reorder what is shown: C0, DEL, C1, the
 * bidi embeddings/overrides/isolates and the line/paragraph separators.
 */
static int
out_unsafe(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069) || cp == 0x2028 || cp == 0x2029;
}

/* JSON escapes every unsafe character as \uXXXX, so the data round-trips exactly. */
void
out_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len = strlen(s);
	uint32_t cp;
	int valid;

	fputc('"', f);
	while (len > 0) {
		n = utf8_decode(p, len, &cp, &valid);
		if (!valid)
			cp = UTF8_REPLACEMENT;
		if (cp == '"')
			fputs("\\\"", f);
		else if (cp == '\\')
			fputs("\\\\", f);
		else if (cp == '\n')
			fputs("\\n", f);
		else if (cp == '\t')
			fputs("\\t", f);
		else if (out_unsafe(cp))
			fprintf(f, "\\u%04x", (unsigned)cp);
		else if (!valid)
			fputs("\\ufffd", f);
		else
			fwrite(p, 1, n, f);
		p += n;
		len -= n;
	}
	fputc('"', f);
}

void
out_text(FILE *f, const char *s)
{
	char *clean = text_sanitize(s);

	fputs(clean, f);
	free(clean);
}

static void
csv_field_raw(FILE *f, const char *s)
{
	const char *p;

	if (s == NULL)
		return;
	/* a leading = + - @ would make Excel evaluate a formula: quote and prefix */
	if (strpbrk(s, ",\"\r\n") == NULL && strchr("=+-@", s[0]) == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (strchr("=+-@", s[0]) != NULL && s[0] != '\0')
		fputc('\'', f);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

/*
 * CSV has no escapes, and an export may be read on a terminal (ssh host staff export):
 * a field with unsafe characters other than tab, CR and LF gets the sanitiser's
 * pictures instead (␛ for ESC, ␡ for DEL, U+FFFD for C1, bidi controls and invalid
 * UTF-8). JSON keeps such data exactly.
 */
static void
csv_field(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, len, o = 0;
	uint32_t cp;
	int valid, unsafe = 0;
	char *clean;

	if (s == NULL)
		return;
	len = strlen(s);
	for (n = 0; n < len; n++)
		if ((p[n] < 0x20 && p[n] != '\t' && p[n] != '\r' && p[n] != '\n') || p[n] >= 0x7f)
			unsafe = 1;
	if (!unsafe) {
		csv_field_raw(f, s);
		return;
	}
	clean = xmalloc(3 * len + 1);
	while (len > 0) {
		n = utf8_decode(p, len, &cp, &valid);
		if (!valid || (out_unsafe(cp) && cp != '\t' && cp != '\r' && cp != '\n'))
			o += utf8_encode(!valid || cp >= 0x80 ? UTF8_REPLACEMENT :
			    cp == 0x7f ? 0x2421 : 0x2400 + cp, clean + o);
		else {
			memcpy(clean + o, p, n);
			o += n;
		}
		p += n;
		len -= n;
	}
	clean[o] = '\0';
	csv_field_raw(f, clean);
	free(clean);
}

static void
print_text(struct out_table *t, FILE *f)
{
	int *w = xcalloc((size_t)t->ncols, sizeof *w), r, c, x;
	char *cell;

	for (c = 0; c < t->ncols; c++)
		w[c] = text_width(t->titles[c]);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];

			if (v != NULL && (x = text_width(v)) > w[c])
				w[c] = x > 60 ? 60 : x;
		}
	for (r = -1; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *v = r < 0 ? t->titles[c] : t->cells[r * t->ncols + c];
			int last = c == t->ncols - 1;

			if (last && !t->right[c]) {
				/* no padding at the end of a line; still sanitised and capped */
				cell = text_cell(v ? v : "", text_width(v ? v : "") > 60 ? 60 :
				    text_width(v ? v : ""), TEXT_LEFT);
			} else
				cell = text_cell(v ? v : "", w[c], t->right[c] ? TEXT_RIGHT : TEXT_LEFT);
			fputs(cell, f);
			free(cell);
			if (!last)
				fputs("  ", f);
		}
		fputc('\n', f);
	}
	free(w);
}

int
out_print(struct out_table *t, FILE *f, enum out_format fmt, int bom)
{
	int r, c;

	switch (fmt) {
	case OUT_TEXT:
		print_text(t, f);
		break;
	case OUT_CSV:
		if (bom)
			fputs("\xef\xbb\xbf", f);
		for (r = -1; r < t->nrows; r++) {
			for (c = 0; c < t->ncols; c++) {
				if (c > 0)
					fputc(',', f);
				csv_field(f, r < 0 ? t->keys[c] : t->cells[r * t->ncols + c]);
			}
			fputs("\r\n", f);
		}
		break;
	case OUT_JSON:
		fputc('[', f);
		for (r = 0; r < t->nrows; r++) {
			fputs(r ? ",\n {" : "\n {", f);
			for (c = 0; c < t->ncols; c++) {
				const char *v = t->cells[r * t->ncols + c];

				if (c > 0)
					fputs(", ", f);
				out_json_string(f, t->keys[c]);
				fputs(": ", f);
				if (v == NULL)
					fputs("null", f);
				else
					out_json_string(f, v);
			}
			fputc('}', f);
		}
		fputs(t->nrows ? "\n]\n" : "]\n", f);
		break;
	}
	out_free(t);
	return ferror(f) ? -1 : 0;
}

void
out_free(struct out_table *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	for (i = 0; i < t->ncols; i++) {
		free(t->titles[i]);
		free(t->keys[i]);
	}
	free(t->cells);
	free(t->titles);
	free(t->keys);
	free(t->right);
	free(t);
}
