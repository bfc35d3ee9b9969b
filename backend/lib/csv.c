/*
 * csv — decoding (BOM, strict UTF-8, else CP932 through iconv) and an RFC 4180 parser
 * that accepts CRLF or LF and quoted fields spanning lines. The reader streams: it holds
 * one chunk of the file and one record, whatever the file's size; the encoding is
 * decided by the first text that is not ASCII.
 */
#include "backend/lib/csv.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"
#include "backend/lib/utf8.h"

#define CSV_MAX_BYTES	(64 * 1024 * 1024)	/* csv_read's whole documents */
#define CSV_CHUNK	65536			/* bytes read and decoded at a time */
#define CSV_MAX_RECORD	(1024 * 1024)		/* bytes in one record */
#define CSV_MAX_FIELDS	1000
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

enum csv_enc { CSV_ASCII, CSV_UTF8, CSV_UTF8_BOM, CSV_CP932 };

struct csv_reader {
	FILE		*f;
	enum csv_enc	 enc;
	int		 eof;
	char		 raw[CSV_CHUNK];
	size_t		 carry;		/* bytes of an unfinished character at raw's start */
	int		 raw_line;	/* line of raw[0] */
	char		*dec;		/* decoded UTF-8 not yet parsed */
	size_t		 dlen, dpos;
	int		 line;		/* the parser's line */
	struct csv_row	 header;
};

/* Bytes of p[0..n) that are whole UTF-8 characters when the rest may be a character cut
 * at the chunk's end; n if all, or the offset of the first invalid byte. */
static size_t
utf8_whole(const char *p, size_t n, int eof, int *bad)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t off = utf8_first_invalid(p, n), need, i;

	*bad = 0;
	if (off == n)
		return n;
	need = u[off] >= 0xF0 ? 4 : u[off] >= 0xE0 ? 3 : u[off] >= 0xC2 ? 2 : 0;
	if (!eof && need > n - off && u[off] >= 0xC2 && u[off] <= 0xF4) {
		for (i = off + 1; i < n && u[i] >= 0x80 && u[i] <= 0xBF; i++)
			;
		if (i == n)
			return off;	/* cut at the chunk's end: read on */
	}
	*bad = 1;
	return off;
}

/* Bytes of p[0..n) that are whole CP932 characters (p starts at a character). */
static size_t
cp932_whole(const char *p, size_t n)
{
	const unsigned char *u = (const unsigned char *)p;
	size_t i = 0;

	while (i < n) {
		if ((u[i] >= 0x81 && u[i] <= 0x9F) || (u[i] >= 0xE0 && u[i] <= 0xFC)) {
			if (i + 1 >= n)
				return i;
			i += 2;
		} else
			i++;
	}
	return n;
}

static int
has_high(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			return 1;
	return 0;
}

/* Decode raw[0..n) as CP932 into r->dec; -1 (and *bad, the offset) when it is not. */
static int
dec_cp932(struct csv_reader *r, size_t n, size_t *bad)
{
	char *out = NULL;
	size_t olen = 0;

	*bad = 0;
	if (convert("UTF-8", "CP932", r->raw, n, &out, &olen, bad) != 0)
		return -1;
	if (!cp932_roundtrips(r->raw, n, out, olen, bad)) {
		free(out);
		return -1;
	}
	free(r->dec);
	r->dec = out;
	r->dlen = olen;
	return 0;
}

/* Read and decode the next chunk: 0, 1 at the end of input, -1 with cause. */
static int
refill(struct csv_reader *r, char **cause)
{
	size_t n, total, whole, ubad, cbad = 0;
	const char *nul;
	int bad, i;

	r->dpos = r->dlen = 0;
	if (r->eof && r->carry == 0)
		return 1;
	n = r->eof ? 0 : fread(r->raw + r->carry, 1, sizeof r->raw - r->carry, r->f);
	if (n == 0) {
		if (ferror(r->f))
			return set_cause(cause, "read error: %s", strerror(errno));
		r->eof = 1;
	}
	total = r->carry + n;
	if (total == 0)
		return 1;
	if ((nul = memchr(r->raw + r->carry, '\0', n)) != NULL)
		return set_cause(cause, "line %d: a NUL byte (not a text file?)",
		    r->raw_line + line_of(r->raw, (size_t)(nul - r->raw)) - 1);
	if (r->enc == CSV_ASCII && r->raw_line == 1 && r->dec == NULL && total >= 3 &&
	    memcmp(r->raw, "\xef\xbb\xbf", 3) == 0) {
		r->enc = CSV_UTF8_BOM;
		memmove(r->raw, r->raw + 3, total - 3);
		total -= 3;
	}
	if (r->enc == CSV_CP932) {
		whole = r->eof ? total : cp932_whole(r->raw, total);
		if (dec_cp932(r, whole, &cbad) != 0)
			return set_cause(cause, "line %d: invalid CP932",
			    r->raw_line + line_of(r->raw, cbad) - 1);
	} else {
		whole = utf8_whole(r->raw, total, r->eof, &bad);
		if (bad && r->enc == CSV_ASCII) {
			/* the first text that is not ASCII decides: UTF-8 failed, try CP932 */
			ubad = whole;
			whole = r->eof ? total : cp932_whole(r->raw, total);
			if (dec_cp932(r, whole, &cbad) != 0)
				return set_cause(cause, "line %d: invalid text (neither UTF-8 nor "
				    "CP932)", r->raw_line + line_of(r->raw, cbad > ubad ? cbad :
				    ubad) - 1);
			r->enc = CSV_CP932;
		} else if (bad)
			return set_cause(cause, "line %d: invalid UTF-8%s",
			    r->raw_line + line_of(r->raw, whole) - 1,
			    r->enc == CSV_UTF8_BOM ? " after a UTF-8 BOM" : "");
		else {
			if (r->enc == CSV_ASCII && has_high(r->raw, whole))
				r->enc = CSV_UTF8;
			r->dec = xreallocarray(r->dec, whole + 1, 1);
			memcpy(r->dec, r->raw, whole);
			r->dlen = whole;
		}
	}
	for (i = 0; (size_t)i < whole; i++)
		if (r->raw[i] == '\n')
			r->raw_line++;
	r->carry = total - whole;
	memmove(r->raw, r->raw + whole, r->carry);
	if (r->eof && r->carry > 0 && whole == 0)
		return set_cause(cause, "line %d: invalid text at the end", r->raw_line);
	return 0;
}

/* The next decoded byte, without taking it: a byte, CSV_EOF, or CSV_ERR with cause. */
#define CSV_EOF	(-1)
#define CSV_ERR	(-2)
static int
peek(struct csv_reader *r, char **cause)
{
	int rc;

	while (r->dpos == r->dlen) {
		if ((rc = refill(r, cause)) != 0)
			return rc > 0 ? CSV_EOF : CSV_ERR;
	}
	return (unsigned char)r->dec[r->dpos];
}

/* Parse one record: 0, 1 at the end of input, -1 with cause. */
static int
parse_record(struct csv_reader *r, struct csv_row *row, char **cause)
{
	char *field = NULL;
	size_t flen, fcap = 0, rlen = 0;
	int quoted, c;

	memset(row, 0, sizeof *row);
	if ((c = peek(r, cause)) == CSV_EOF)
		return 1;
	if (c == CSV_ERR)
		return -1;
	row->line = r->line;
	for (;;) {
		quoted = c == '"';
		if (quoted)
			r->dpos++;
		flen = 0;
		for (;;) {
			if ((c = peek(r, cause)) == CSV_ERR)
				goto fail;
			if (c == CSV_EOF) {
				if (quoted) {
					set_cause(cause, "line %d: unterminated quoted field", row->line);
					goto fail;
				}
				break;
			}
			if (quoted && c == '"') {
				r->dpos++;
				if ((c = peek(r, cause)) == CSV_ERR)
					goto fail;
				if (c != '"') {
					if (c != ',' && c != '\n' && c != '\r' && c != CSV_EOF) {
						set_cause(cause, "line %d: text after a closing quote",
						    r->line);
						goto fail;
					}
					break;
				}
				/* "" is one quote */
			} else if (quoted && c == '\n')
				r->line++;
			else if (!quoted && (c == ',' || c == '\n' || c == '\r'))
				break;
			else if (!quoted && c == '"') {
				set_cause(cause, "line %d: a quote inside an unquoted field (quote the "
				    "whole field)", r->line);
				goto fail;
			}
			if (++rlen > CSV_MAX_RECORD) {
				set_cause(cause, "line %d: a record longer than %d KiB", row->line,
				    CSV_MAX_RECORD >> 10);
				goto fail;
			}
			if (flen + 2 > fcap) {
				fcap = fcap ? fcap * 2 : 64;
				field = xreallocarray(field, fcap, 1);
			}
			field[flen++] = (char)c;
			r->dpos++;
		}
		if (field == NULL)
			field = xmalloc(1);
		field[flen] = '\0';
		if (row->nfields == CSV_MAX_FIELDS) {
			set_cause(cause, "line %d: more than %d fields", row->line, CSV_MAX_FIELDS);
			goto fail;
		}
		row->fields = xreallocarray(row->fields, (size_t)row->nfields + 1,
		    sizeof *row->fields);
		row->fields[row->nfields++] = field;
		field = NULL;
		fcap = 0;
		if (c != ',')
			break;
		r->dpos++;
		if ((c = peek(r, cause)) == CSV_ERR)
			goto fail;
	}
	/* CRLF, LF, or a lone CR (old Mac files) ends the record */
	if (c == '\r' || c == '\n') {
		r->dpos++;
		if (c == '\r') {
			if ((c = peek(r, cause)) == CSV_ERR)
				goto fail;
			if (c == '\n')
				r->dpos++;
		}
		r->line++;
	}
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
csv_open(FILE *f, struct csv_reader **rp, char **cause)
{
	struct csv_reader *r = xcalloc(1, sizeof *r);
	int rc, j, k;

	r->f = f;
	r->raw_line = r->line = 1;
	*rp = NULL;
	if ((rc = parse_record(r, &r->header, cause)) != 0) {
		csv_close(r);
		if (rc == 1)
			return set_cause(cause, "the file is empty (a header line is needed)");
		return -1;
	}
	for (j = 0; j < r->header.nfields; j++)
		for (k = 0; k < j; k++)
			if (strcmp(r->header.fields[j], r->header.fields[k]) == 0) {
				set_cause(cause, "line 1: column \"%s\" appears twice in the header",
				    r->header.fields[j]);
				csv_close(r);
				return -1;
			}
	*rp = r;
	return 0;
}

int
csv_next(struct csv_reader *r, struct csv_row *row, char **cause)
{
	int rc;

	while ((rc = parse_record(r, row, cause)) == 0 && blank_row(row))
		row_free(row);
	return rc;
}

void
csv_row_free(struct csv_row *row)
{
	row_free(row);
}

const struct csv_row *
csv_header(const struct csv_reader *r)
{
	return &r->header;
}

const char *
csv_encoding(const struct csv_reader *r)
{
	return r->enc == CSV_CP932 ? "CP932" : r->enc == CSV_UTF8_BOM ? "UTF-8 (BOM)" : "UTF-8";
}

void
csv_close(struct csv_reader *r)
{
	if (r == NULL)
		return;
	row_free(&r->header);
	free(r->dec);
	free(r);
}

int
csv_read(const char *data, size_t len, struct csv_doc *doc, char **cause)
{
	struct csv_reader *r = NULL;
	struct csv_row row;
	FILE *f;
	int rc;

	memset(doc, 0, sizeof *doc);
	if (len > CSV_MAX_BYTES)
		return set_cause(cause, "the file is larger than %d MiB", CSV_MAX_BYTES >> 20);
	if (len == 0)
		return set_cause(cause, "the file is empty (a header line is needed)");
	if ((f = fmemopen((void *)(uintptr_t)data, len, "rb")) == NULL)
		return set_cause(cause, "%s", strerror(errno));
	if (csv_open(f, &r, cause) != 0) {
		fclose(f);
		return -1;
	}
	while ((rc = csv_next(r, &row, cause)) == 0) {
		doc->rows = xreallocarray(doc->rows, (size_t)doc->nrows + 1, sizeof *doc->rows);
		doc->rows[doc->nrows++] = row;
	}
	doc->encoding = csv_encoding(r);
	doc->header = r->header;
	memset(&r->header, 0, sizeof r->header);
	csv_close(r);
	fclose(f);
	if (rc < 0) {
		csv_free(doc);
		return -1;
	}
	return 0;
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
csv_header_col(const struct csv_row *header, const char *name)
{
	int j;
	size_t n;
	const char *f;

	for (j = 0; j < header->nfields; j++) {
		f = header->fields[j];
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

int
csv_col(const struct csv_doc *doc, const char *name)
{
	return csv_header_col(&doc->header, name);
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
