/*
 * csv — decoding (BOM, strict UTF-8, else CP932 through iconv) and an RFC 4180 parser
 * that accepts CRLF or LF and quoted fields spanning lines.
 */
#include "backend/lib/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"
#include "backend/lib/utf8.h"

#define CSV_MAX_BYTES	(64 * 1024 * 1024)
/* 〓 (U+3013, GETA MARK) in CP932: what an export writes for a character CP932 lacks */
#define CP932_GETA	"\x81\xac"

/* Convert with iconv; -1 (and the byte offset of the failure) on invalid input. */
static int
convert(const char *to, const char *from, const char *in, size_t len, char **out,
    size_t *outlen, size_t *bad)
{
	iconv_t cd = iconv_open(to, from);
	char *ip = (char *)(uintptr_t)in, *buf, *op;
	size_t il = len, cap = len * 2 + 16, ol;

	if (cd == (iconv_t)-1)
		return -1;
	buf = xmalloc(cap);
	op = buf;
	ol = cap - 1;
	while (il > 0) {
		if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used = (size_t)(op - buf);

				cap *= 2;
				buf = xreallocarray(buf, cap, 1);
				op = buf + used;
				ol = cap - used - 1;
				continue;
			}
			*bad = (size_t)(ip - in);
			free(buf);
			iconv_close(cd);
			return -1;
		}
	}
	*op = '\0';
	*out = buf;
	*outlen = (size_t)(op - buf);
	iconv_close(cd);
	return 0;
}

/*
 * glibc's CP932 decoder skips some bytes it cannot map (0xFD-0xFF) instead of failing:
 * accept the reading only if it converts back to exactly the input.
 */
static int
cp932_roundtrips(const char *data, size_t len, const char *utf8, size_t ulen, size_t *bad)
{
	char *back = NULL;
	size_t blen = 0, i, ignored;
	int same;

	if (convert("CP932", "UTF-8", utf8, ulen, &back, &blen, &ignored) != 0) {
		*bad = 0;
		return 0;
	}
	same = blen == len && memcmp(back, data, len) == 0;
	if (!same) {
		for (i = 0; i < len && i < blen && back[i] == data[i]; i++)
			;
		*bad = i;
	}
	free(back);
	return same;
}

static int
line_of(const char *data, size_t off)
{
	int line = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

static void
row_free(struct csv_row *row)
{
	int i;

	for (i = 0; i < row->nfields; i++)
		free(row->fields[i]);
	free(row->fields);
	row->fields = NULL;
	row->nfields = 0;
}

/* Parse one record starting at *pp; 0, 1 at the end of input, -1 with cause. */
static int
parse_record(const char **pp, int *line, struct csv_row *row, char **cause)
{
	const char *p = *pp;
	char *field = NULL;
	size_t flen, fcap = 0;
	int quoted;

	if (*p == '\0')
		return 1;
	memset(row, 0, sizeof *row);
	row->line = *line;
	for (;;) {
		quoted = *p == '"';
		if (quoted)
			p++;
		flen = 0;
		for (;; p++) {
			if (*p == '\0') {
				if (quoted) {
					set_cause(cause, "line %d: unterminated quoted field", row->line);
					goto fail;
				}
				break;
			}
			if (quoted && *p == '"') {
				if (p[1] != '"') {
					p++;
					if (*p != ',' && *p != '\n' && *p != '\r' && *p != '\0') {
						set_cause(cause, "line %d: text after a closing quote", *line);
						goto fail;
					}
					break;
				}
				p++;	/* "" is one quote */
			} else if (quoted && *p == '\n')
				(*line)++;
			else if (!quoted && (*p == ',' || *p == '\n' || *p == '\r'))
				break;
			else if (!quoted && *p == '"') {
				set_cause(cause, "line %d: a quote inside an unquoted field (quote the "
				    "whole field)", *line);
				goto fail;
			}
			if (flen + 2 > fcap) {
				fcap = fcap ? fcap * 2 : 64;
				field = xreallocarray(field, fcap, 1);
			}
			field[flen++] = *p;
		}
		if (field == NULL)
			field = xmalloc(1);
		field[flen] = '\0';
		row->fields = xreallocarray(row->fields, (size_t)row->nfields + 1,
		    sizeof *row->fields);
		row->fields[row->nfields++] = field;
		field = NULL;
		fcap = 0;
		if (*p != ',')
			break;
		p++;
	}
	/* CRLF, LF, or a lone CR (old Mac files) ends the record */
	if (*p == '\r' || *p == '\n') {
		if (*p == '\r' && p[1] == '\n')
			p++;
		p++;
		(*line)++;
	}
	*pp = p;
	return 0;
fail:
	free(field);
	row_free(row);
	return -1;
}

static int
blank_row(const struct csv_row *r)
{
	return r->nfields == 1 && r->fields[0][0] == '\0';
}

int
csv_read(const char *data, size_t len, struct csv_doc *doc, char **cause)
{
	char *utf8 = NULL;
	const char *p;
	size_t ulen, bad = 0, i;
	struct csv_row row;
	int line = 1, r, j, k;

	memset(doc, 0, sizeof *doc);
	if (len > CSV_MAX_BYTES)
		return set_cause(cause, "the file is larger than %d MiB", CSV_MAX_BYTES >> 20);
	if (memchr(data, '\0', len) != NULL)
		return set_cause(cause, "line %d: a NUL byte (not a text file?)",
		    line_of(data, (size_t)((const char *)memchr(data, '\0', len) - data)));
	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0) {
		if ((i = utf8_first_invalid(data + 3, len - 3)) < len - 3)
			return set_cause(cause, "line %d: invalid UTF-8 after a UTF-8 BOM",
			    line_of(data, i + 3));
		utf8 = xstrndup(data + 3, len - 3);
		doc->encoding = "UTF-8 (BOM)";
	} else if (utf8_valid(data, len)) {
		utf8 = xstrndup(data, len);
		doc->encoding = "UTF-8";
	} else if (convert("UTF-8", "CP932", data, len, &utf8, &ulen, &bad) == 0 &&
	    cp932_roundtrips(data, len, utf8, ulen, &bad)) {
		doc->encoding = "CP932";
	} else {
		free(utf8);
		/* neither: name the line where the encoding that read further fails */
		i = utf8_first_invalid(data, len);
		return set_cause(cause, "line %d: invalid text (neither UTF-8 nor CP932)",
		    line_of(data, bad > i ? bad : i));
	}
	p = utf8;
	if ((r = parse_record(&p, &line, &doc->header, cause)) != 0) {
		free(utf8);
		if (r == 1)
			return set_cause(cause, "the file is empty (a header line is needed)");
		return -1;
	}
	for (j = 0; j < doc->header.nfields; j++)
		for (k = 0; k < j; k++)
			if (strcmp(doc->header.fields[j], doc->header.fields[k]) == 0) {
				set_cause(cause, "line 1: column \"%s\" appears twice in the header",
				    doc->header.fields[j]);
				free(utf8);
				csv_free(doc);
				return -1;
			}
	while ((r = parse_record(&p, &line, &row, cause)) == 0) {
		if (blank_row(&row)) {
			row_free(&row);
			continue;
		}
		doc->rows = xreallocarray(doc->rows, (size_t)doc->nrows + 1, sizeof *doc->rows);
		doc->rows[doc->nrows++] = row;
	}
	free(utf8);
	if (r < 0) {
		csv_free(doc);
		return -1;
	}
	return 0;
}

int
csv_read_file(FILE *f, struct csv_doc *doc, char **cause)
{
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	int rc;

	for (;;) {
		if (len + 65536 > cap) {
			cap = cap ? cap * 2 : 131072;
			if (cap > (size_t)CSV_MAX_BYTES * 2) {
				free(buf);
				return set_cause(cause, "the file is larger than %d MiB",
				    CSV_MAX_BYTES >> 20);
			}
			buf = xreallocarray(buf, cap, 1);
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		free(buf);
		return set_cause(cause, "read error: %s", strerror(errno));
	}
	rc = csv_read(buf ? buf : "", len, doc, cause);
	free(buf);
	return rc;
}

void
csv_free(struct csv_doc *doc)
{
	int i;

	row_free(&doc->header);
	for (i = 0; i < doc->nrows; i++)
		row_free(&doc->rows[i]);
	free(doc->rows);
	memset(doc, 0, sizeof *doc);
}

int
csv_col(const struct csv_doc *doc, const char *name)
{
	int j;
	size_t n;
	const char *f;

	for (j = 0; j < doc->header.nfields; j++) {
		f = doc->header.fields[j];
		while (*f == ' ' || *f == '\t')
			f++;
		n = strlen(f);
		while (n > 0 && (f[n - 1] == ' ' || f[n - 1] == '\t'))
			n--;
		if (n == strlen(name) && strncmp(f, name, n) == 0)
			return j;
	}
	return -1;
}

const char *
csv_field(const struct csv_row *row, int col)
{
	if (col < 0 || col >= row->nfields)
		return "";
	return row->fields[col];
}

int
csv_to_cp932(const char *utf8, size_t len, char **out, size_t *outlen, int *replaced,
    char **cause)
{
	iconv_t cd;
	char *ip = (char *)(uintptr_t)utf8, *buf, *op;
	size_t il = len, cap = len * 2 + 16, ol, bad;
	int n = 0;

	if (replaced != NULL)
		*replaced = 0;
	if ((bad = utf8_first_invalid(utf8, len)) < len)
		return set_cause(cause, "line %d: invalid UTF-8", line_of(utf8, bad));
	if ((cd = iconv_open("CP932", "UTF-8")) == (iconv_t)-1)
		return set_cause(cause, "CP932: %s", strerror(errno));
	buf = xmalloc(cap);
	op = buf;
	ol = cap - 1;
	while (il > 0) {
		uint32_t cp;
		size_t k;
		int valid;

		if (iconv(cd, &ip, &il, &op, &ol) != (size_t)-1)
			continue;
		if (errno == E2BIG || ol < sizeof CP932_GETA) {
			size_t used = (size_t)(op - buf);

			cap *= 2;
			buf = xreallocarray(buf, cap, 1);
			op = buf + used;
			ol = cap - used - 1;
			continue;
		}
		/* a character CP932 lacks (the input is valid UTF-8): 〓 in its place */
		k = utf8_decode((const unsigned char *)ip, il, &cp, &valid);
		if (k == 0)
			k = 1;
		memcpy(op, CP932_GETA, sizeof CP932_GETA - 1);
		op += sizeof CP932_GETA - 1;
		ol -= sizeof CP932_GETA - 1;
		ip += k;
		il -= k;
		n++;
		iconv(cd, NULL, NULL, NULL, NULL);
	}
	iconv_close(cd);
	*op = '\0';
	*out = buf;
	*outlen = (size_t)(op - buf);
	if (replaced != NULL)
		*replaced = n;
	return 0;
}
