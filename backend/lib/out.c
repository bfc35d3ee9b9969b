/*
 * out — the one writer of command output. Text goes through the sanitiser and is padded
 * by display width (tui/text.c is curses-free and shared here); CSV and JSON escape
 * instead of sanitising, so data round-trips exactly.
 */
#include "backend/lib/out.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/csv.h"
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
out_csv_field(FILE *f, const char *s)
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

/* Column widths for text: the titles' and the rows' (each capped at 60). */
static void
text_widths(const struct out_table *t, int *w)
{
	int r, c, x;

	for (c = 0; c < t->ncols; c++)
		w[c] = text_width(t->titles[c]);
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			const char *v = t->cells[r * t->ncols + c];

			if (v != NULL && (x = text_width(v)) > w[c])
				w[c] = x > 60 ? 60 : x;
		}
}

/* One line of text: values padded to w (NULL shown as ""), sanitised. */
static void
text_line(const struct out_table *t, const int *w, const char *const *v, FILE *f)
{
	char *cell;
	int c;

	for (c = 0; c < t->ncols; c++) {
		const char *s = v[c] != NULL ? v[c] : "";
		int last = c == t->ncols - 1, x = text_width(s) > 60 ? 60 : text_width(s);

		if (last && !t->right[c])	/* no padding at the end of a line; capped */
			cell = text_cell(s, x, TEXT_LEFT);
		else	/* wider than w only past the rows w was measured on (out_stream) */
			cell = text_cell(s, x > w[c] ? x : w[c], t->right[c] ? TEXT_RIGHT : TEXT_LEFT);
		fputs(cell, f);
		free(cell);
		if (!last)
			fputs("  ", f);
	}
	fputc('\n', f);
}

/* The title line and the rows held so far, in columns as wide as they need (into w). */
static void
print_text(const struct out_table *t, int *w, FILE *f)
{
	int r;

	text_widths(t, w);
	text_line(t, w, (const char *const *)t->titles, f);
	for (r = 0; r < t->nrows; r++)
		text_line(t, w, (const char *const *)t->cells + r * t->ncols, f);
}

static void
csv_line(FILE *f, int ncols, const char *const *v)
{
	int c;

	for (c = 0; c < ncols; c++) {
		if (c > 0)
			fputc(',', f);
		out_csv_field(f, v[c]);
	}
	fputs("\r\n", f);
}

static void
json_row(FILE *f, const struct out_table *t, const char *const *v, int first)
{
	int c;

	fputs(first ? "\n {" : ",\n {", f);
	for (c = 0; c < t->ncols; c++) {
		if (c > 0)
			fputs(", ", f);
		out_json_string(f, t->keys[c]);
		fputs(": ", f);
		if (v[c] == NULL)
			fputs("null", f);
		else
			out_json_string(f, v[c]);
	}
	fputc('}', f);
}

int
out_print(struct out_table *t, FILE *f, enum out_format fmt, int bom)
{
	int r, *w;

	switch (fmt) {
	case OUT_TEXT:
		w = xcalloc((size_t)t->ncols, sizeof *w);
		print_text(t, w, f);
		free(w);
		break;
	case OUT_CSV:
		if (bom)
			fputs("\xef\xbb\xbf", f);
		csv_line(f, t->ncols, (const char *const *)t->keys);
		for (r = 0; r < t->nrows; r++)
			csv_line(f, t->ncols, (const char *const *)t->cells + r * t->ncols);
		break;
	case OUT_JSON:
		fputc('[', f);
		for (r = 0; r < t->nrows; r++)
			json_row(f, t, (const char *const *)t->cells + r * t->ncols, r == 0);
		fputs(t->nrows ? "\n]\n" : "]\n", f);
		break;
	}
	out_free(t);
	return ferror(f) ? -1 : 0;
}

/* The rows held by t dropped (titles, keys and alignment kept). */
static void
out_clear(struct out_table *t)
{
	int i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	t->nrows = 0;
}

struct out_stream {
	FILE		*f;
	enum out_format	 fmt;
	struct out_table *t;		/* titles and keys; text: the rows not yet printed */
	int		*w;		/* text: the widths, once fixed (NULL before) */
	int		 rows;
	FILE		*mem;		/* CP932: one CSV line at a time, then converted */
	char		*buf;
	size_t		 len;
	int		 replaced;	/* characters CP932 lacks, written as 〓 */
	int		 err;
};

static void out_stream_csv(struct out_stream *, const char *const *);

struct out_stream *
out_stream_new(FILE *f, enum out_format fmt, int ncols, const char *const *titles,
    const char *const *keys, int bom, int cp932)
{
	struct out_stream *s = xcalloc(1, sizeof *s);

	s->f = f;
	s->fmt = fmt;
	s->t = out_new(ncols, titles, keys);
	if (fmt == OUT_CSV && cp932 && (s->mem = open_memstream(&s->buf, &s->len)) == NULL)
		fatal("out_stream_new: open_memstream");
	if (fmt == OUT_CSV && bom && !cp932)
		fputs("\xef\xbb\xbf", f);
	if (fmt == OUT_CSV)
		out_stream_csv(s, (const char *const *)s->t->keys);
	if (fmt == OUT_JSON)
		fputc('[', f);
	return s;
}

void
out_stream_right(struct out_stream *s, int col)
{
	out_right(s->t, col);
}

/* One CSV line, through CP932 when asked. */
static void
out_stream_csv(struct out_stream *s, const char *const *v)
{
	char *conv = NULL;
	size_t clen = 0;
	long n;
	int k = 0;

	if (s->mem == NULL) {
		csv_line(s->f, s->t->ncols, v);
		return;
	}
	rewind(s->mem);
	csv_line(s->mem, s->t->ncols, v);
	if ((n = ftell(s->mem)) < 0 || fflush(s->mem) != 0 ||
	    csv_to_cp932(s->buf, (size_t)n, &conv, &clen, &k, NULL) != 0) {
		s->err = 1;	/* not UTF-8: csv_field made every value UTF-8 */
		return;
	}
	if (fwrite(conv, 1, clen, s->f) != clen)
		s->err = 1;
	s->replaced += k;
	free(conv);
}

/* Text: columns as wide as the first OUT_STREAM_TEXT_ROWS rows need, then fixed. */
#define OUT_STREAM_TEXT_ROWS	1000

int
out_stream_row(struct out_stream *s, const char *const *values)
{
	switch (s->fmt) {
	case OUT_TEXT:
		out_row(s->t, values);
		if (s->w == NULL && s->t->nrows < OUT_STREAM_TEXT_ROWS)
			break;
		if (s->w == NULL) {
			s->w = xcalloc((size_t)s->t->ncols, sizeof *s->w);
			print_text(s->t, s->w, s->f);
		} else
			text_line(s->t, s->w, (const char *const *)s->t->cells, s->f);
		out_clear(s->t);
		break;
	case OUT_CSV:
		out_stream_csv(s, values);
		break;
	case OUT_JSON:
		json_row(s->f, s->t, values, s->rows == 0);
		break;
	}
	s->rows++;
	return s->err || ferror(s->f) ? -1 : 0;
}

int
out_stream_end(struct out_stream *s, int *replaced)
{
	int rc;

	if (s->fmt == OUT_TEXT && s->w == NULL) {
		s->w = xcalloc((size_t)s->t->ncols, sizeof *s->w);
		print_text(s->t, s->w, s->f);
	}
	if (s->fmt == OUT_JSON)
		fputs(s->rows ? "\n]\n" : "]\n", s->f);
	rc = s->err || fflush(s->f) != 0 || ferror(s->f) ? -1 : 0;
	if (replaced != NULL)
		*replaced = s->replaced;
	if (s->mem != NULL)
		fclose(s->mem);
	free(s->buf);
	free(s->w);
	out_free(s->t);
	free(s);
	return rc;
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
