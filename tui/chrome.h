/*
 * chrome — what surrounds every screen: the title bar (screen, who, department, role,
 * database state, fiscal year), the message/status line, the two-line key bar built
 * from the keymaps, the `?` help generated from the same keymaps and the screen
 * registry, and the `:` command line with completion.
 */
#ifndef RASHIN_CHROME_H
#define RASHIN_CHROME_H

#include <stddef.h>

#include "backend/lib/identity.h"
#include "tui/keymap.h"
#include "tui/screen.h"
#include "tui/tui.h"

/* The message line: one message at a time, errors kept longer. */
struct chrome_msg {
	char		*text;
	int		 error;
	long long	 until;		/* now_ms() after which it is cleared; 0 = keep */
	unsigned	 gen;		/* counts the messages set (a new one or the same) */
};

/* The role as shown: "admin" -> 管理者 / Administrator. */
const char	*chrome_role_label(const char *role);
/*
 * Title bar on line y: " rashin  <screen>" left; "<login> <dept> [<role>]  DB ● <FY>"
 * right (● connected, ○ with "disconnected" when not).
 */
void	 chrome_draw_title(WINDOW *, int y, int w, const char *screen_title,
	    const struct identity *, int connected, int fy);

void	 chrome_message(struct chrome_msg *, int error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	 chrome_message_clear(struct chrome_msg *);
/* Drop the message if its time is up; 1 if it was dropped. */
int	 chrome_message_expire(struct chrome_msg *, long long now);
/* Message line on y: the message left, right (e.g. "123 / 4,567") at the right end. */
void	 chrome_draw_status(WINDOW *, int y, int w, const struct chrome_msg *,
	    const char *right);
/*
 * The lines the message needs beside right at width w: 1, or 2 when it is longer than
 * one line (chrome_draw_status then draws it on y - 1 and y, wrapped).
 */
int	 chrome_status_lines(int w, const struct chrome_msg *, const char *right);
/*
 * Key bar on y and y + 1: the screen's own keys, then the F-keys (with Esc+digit). A key
 * is shown whole or not at all: when they do not fit, the least important go first
 * (chrome_keybar_priority), `? Help` stays.
 */
void	 chrome_draw_keybar(WINDOW *, int y, int w, const struct keymap *screen_km);
/* How much the key bar keeps an action's key: 100 always, then the higher first. */
int	 chrome_keybar_priority(enum action);
/*
 * Which of n entries (width[] columns each, gap included) fit in room, dropping the
 * lowest prio[] first and of equal ones the last; shown[] 1 or 0; returns how many.
 */
int	 chrome_keybar_fit(const int *width, const int *prio, int *shown, int n, int room);

/*
 * Help lines for a screen: its own keys, the keys everywhere, the `:` commands.
 * Returns the count; *out newly allocated (free with chrome_lines_free).
 */
int	 chrome_help_lines(const struct keymap *screen_km, const struct screen_info *,
	    size_t nscreens, char ***out);
void	 chrome_lines_free(char **, int);
/* Show the help (a dialog_text of chrome_help_lines). */
void	 chrome_help(const char *title, const struct keymap *screen_km,
	    const struct screen_info *, size_t nscreens);

/*
 * Complete prefix against words: the longest common extension of every word it
 * starts. Returns the number of matches; *completed gets the newly allocated result
 * (prefix itself when nothing matches).
 */
int	 chrome_complete(const char *prefix, const char *const *words, size_t n,
	    char **completed);
/* Read a `:` command on line y (Tab completes); 0 and *out (newly allocated), or -1. */
int	 chrome_command(WINDOW *, int y, int w, const char *const *words, size_t n, char **out);

#endif
