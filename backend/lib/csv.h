/*
 * csv — spreadsheet exchange as Excel writes and reads it: RFC 4180 fields, UTF-8 with or
 * without a BOM, or CP932 (Shift_JIS as Windows has it), detected. Errors name the line.
 */
#ifndef RASHIN_CSV_H
#define RASHIN_CSV_H

#include <stddef.h>
#include <stdio.h>

struct csv_row {
	int	  line;		/* physical line where the record starts (1-based) */
	int	  nfields;
	char	**fields;	/* UTF-8, NUL-free */
};

struct csv_doc {
	const char	 *encoding;	/* "UTF-8", "UTF-8 (BOM)" or "CP932" */
	int		  nrows;	/* data rows, the header excluded */
	struct csv_row	  header;
	struct csv_row	 *rows;
};

/*
 * Decode data (any size) and parse it: the first record is the header. Returns 0, or -1
 * with *cause such as "line 7: invalid UTF-8 (and not CP932)" or "line 3: unterminated
 * quoted field". A NUL byte, an empty file or a header-only file with duplicate column
 * names are errors too.
 */
int	 csv_read(const char *data, size_t len, struct csv_doc *, char **cause);
void	 csv_free(struct csv_doc *);

/*
 * Streaming: what imports use. Memory is one chunk of the file and one record, whatever
 * the file's size (a record is at most 1 MiB, 1000 fields). csv_open reads the header
 * (0, or -1 with *cause as csv_read's); csv_next gives the next non-blank record (0),
 * 1 at the end, or -1 with *cause naming the line; free each row with csv_row_free.
 * The encoding is decided by the first text that is not ASCII (UTF-8, else CP932); a
 * later byte that does not fit is an error naming its line.
 */
struct csv_reader;
int		 csv_open(FILE *, struct csv_reader **, char **cause);
int		 csv_next(struct csv_reader *, struct csv_row *, char **cause);
void		 csv_row_free(struct csv_row *);
const struct csv_row *csv_header(const struct csv_reader *);
const char	*csv_encoding(const struct csv_reader *);
void		 csv_close(struct csv_reader *);
/* Index of the header column named name (surrounding blanks ignored), or -1. */
int		 csv_header_col(const struct csv_row *header, const char *name);
/* Index of the header column named name (surrounding blanks ignored), or -1. */
int	 csv_col(const struct csv_doc *, const char *name);
/* Field col of row, "" when the row is short. */
const char *csv_field(const struct csv_row *, int col);
/*
 * UTF-8 -> CP932 for exports. A character CP932 lacks (an emoji, say) is written as 〓
 * and counted in *replaced (may be NULL); -1 with cause only for input that is not UTF-8.
 */
int	 csv_to_cp932(const char *utf8, size_t len, char **out, size_t *outlen, int *replaced,
	    char **cause);

#endif
