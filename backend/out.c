/*
 * out — the one writer of command output. Text goes through the sanitiser and is padded
 * by display width (tui/text.c is curses-free and shared here); CSV and JSON escape
 * instead of sanitising, so data round-trips exactly.
 */
#include "backend/out.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/util.h"
#include "tui/text.h"

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

void
out_json_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	for (; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f);
		}
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
csv_field(FILE *f, const char *s)
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
