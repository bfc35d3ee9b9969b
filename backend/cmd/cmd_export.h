/*
 * cmd_export — what every export shares, so each is bounded the same way: rows stream
 * from the store (store_export.h: a cursor in one snapshot) to the output as they come
 * (lib/out.h's out_stream: CSV with a BOM or in CP932, JSON, text; or the export's own
 * writer, LDIF), memory independent of the result; at most export.max_rows rows (a
 * larger export is refused before its first byte, saying how many rows it has); progress
 * on stderr every EXPORT_PROGRESS rows; one export at a time per member. The pattern:
 *	cmd_export_begin(ctx, &e, &spec);
 *	rc = store_xxx_export(ctx->db, ..., &e.x, &cause);
 *	return cmd_export_end(&e, rc, cause);
 */
#ifndef RASHIN_CMD_EXPORT_H
#define RASHIN_CMD_EXPORT_H

#include <stdio.h>

#include "backend/lib/out.h"
#include "backend/store/store_export.h"

struct cmd_ctx;
struct grid;

#define EXPORT_PROGRESS		10000
#define EXPORT_MAX_ROWS_DEFAULT	1000000

struct cmd_export_spec {
	const char		*what;		/* "staff export": the start of every message */
	const char		*narrow;	/* the options that narrow it ("--fy, --session"), or NULL */
	enum out_format		 fmt;
	int			 bom, cp932;	/* CSV */
	int			 ncols;
	const char *const	*titles;	/* text's headings */
	const char *const	*keys;		/* CSV's header, JSON's names */
	int			 right;		/* a column right-aligned in text, or -1 */
	/* Row r of g as ncols values into v (NULL: the grid's columns as they are). */
	void	(*values)(void *arg, const struct grid *g, int r, const char **v);
	/* Instead of out_stream: head written first, then write for each row (LDIF). */
	const char		*head;
	int	(*write)(void *arg, FILE *, const struct grid *g, int r);
	void			*arg;
};

struct cmd_export {
	struct store_export		 x;	/* handed to the store's export function */
	struct cmd_ctx			*ctx;
	const struct cmd_export_spec	*spec;
	struct out_stream		*out;	/* opened at the first row (nothing before) */
	int				 opened;
	const char			**v;
	long				 written;
	int				 failed;	/* writing failed */
};

void	cmd_export_begin(struct cmd_ctx *, struct cmd_export *, const struct cmd_export_spec *);
/* The store's return and cause (freed here) to an exit status, with the messages. */
int	cmd_export_end(struct cmd_export *, int rc, char *cause);

#endif
