/*
 * out — command output as aligned text (by display width, sanitised), CSV (RFC 4180,
 * UTF-8 with BOM for Excel, or CP932) or JSON (every control character escaped).
 * A command fills a table and prints it once in the chosen format.
 */
#ifndef RASHIN_OUT_H
#define RASHIN_OUT_H

#include <stdio.h>

enum out_format { OUT_TEXT, OUT_CSV, OUT_JSON };

struct out_table;

struct out_table *out_new(int ncols, const char *const *titles, const char *const *keys);
/* Right-align column col in text output (numbers). */
void	out_right(struct out_table *, int col);
/* Add a row of ncols values (NULL = empty / JSON null); values are copied. */
void	out_row(struct out_table *, const char *const *values);
void	out_rowf(struct out_table *, ...);	/* ncols const char * arguments */
int	out_count(const struct out_table *);
/* The number of columns; one cell as added (NULL = null, or out of range). */
int	out_ncols(const struct out_table *);
const char	*out_cell(const struct out_table *, int row, int col);
/* Print and free. bom: CSV with a UTF-8 BOM. */
int	out_print(struct out_table *, FILE *, enum out_format, int bom);
void	out_free(struct out_table *);

/*
 * The same formats written row by row as they come, so memory does not grow with the
 * output: CSV (bom: UTF-8 with a BOM; cp932: each line converted, a character CP932
 * lacks written as 〓 and counted), JSON, or text (columns as wide as the first 1000 rows
 * need, a wider value later widening its own line; with fewer rows, byte for byte what
 * out_print writes).
 */
struct out_stream;

struct out_stream *out_stream_new(FILE *, enum out_format, int ncols, const char *const *titles,
	    const char *const *keys, int bom, int cp932);
void	out_stream_right(struct out_stream *, int col);
/* One row of ncols values (NULL = empty / JSON null): 0, or -1 when writing failed. */
int	out_stream_row(struct out_stream *, const char *const *values);
/* Finish and free: 0, or -1 when writing failed; *replaced (may be NULL): the 〓s. */
int	out_stream_end(struct out_stream *, int *replaced);

/* JSON string literal of s (quotes included), control characters escaped. */
void	out_json_string(FILE *, const char *s);
/* s as it may appear on a terminal: the sanitiser, for one-off messages. */
void	out_text(FILE *, const char *s);

#endif
