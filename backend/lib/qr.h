/*
 * qr — a QR code drawn with text: libqrencode's matrix as lines of UTF-8 half blocks
 * (two modules per character cell vertically: "▀" top dark, "▄" bottom dark, "█" both,
 * " " neither), the 4-module quiet zone included. Dark modules are drawn as blocks,
 * which suits a terminal with a light background; qr_render's invert flag swaps them
 * for dark backgrounds (the quiet zone then shows as blocks). Pure: no curses.
 *
 * Error correction: level M when the result fits in QR_MAX_ROWS text rows, else L.
 * Measured: the otpauth URI of totp_uri (20-byte secret) is version 5 at level M for
 * logins up to 20 characters, version 5 at L up to 32 (the longest login): 37 + 8 = 45
 * modules, 45 columns by 23 rows. Callers still check nrows/ncols against the screen.
 */
#ifndef RASHIN_QR_H
#define RASHIN_QR_H

#include <stddef.h>

#define QR_QUIET	4	/* modules of quiet zone on each side */
#define QR_MAX_ROWS	24

struct qr_text {
	char	**lines;	/* nrows NUL-terminated UTF-8 lines */
	int	  nrows;	/* text rows */
	int	  ncols;	/* display columns of every line */
	int	  modules;	/* modules per side, quiet zone included */
	int	  version;	/* QR version chosen (1-40) */
	char	  level;	/* 'L' or 'M' */
};

/* Render s; 0, or -1 with *cause (e.g. too long for any QR code). */
int	qr_render(const char *s, int invert, struct qr_text *, char **cause);
void	qr_text_free(struct qr_text *);

#endif
