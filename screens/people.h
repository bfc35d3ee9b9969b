/*
 * people — what the people screens (staff, depts, keys, audit) share: the status-line
 * message for a save's outcome and the reload on a staff or department change.
 * (:staff opens :keys on a member by passing the staff id: app_open_arg.) Also what
 * the screens that write share: the keys a role is shown (the screen's keymap without
 * the actions the role may not take; the database's policies stay the real check) and
 * the `ssh ... COMMAND` line that exports a screen's data, shown to be copied.
 */
#ifndef RASHIN_PEOPLE_H
#define RASHIN_PEOPLE_H

#include "tui/keymap.h"

struct screen;

/* Show rc (enum store_rc) on the status line: ok as ok_text; 1 if it was an error. */
int	 people_report(struct screen *, int rc, const char *ok_text, const char *cause);
/* A change to staff or departments: reload (the on_notify of :staff and :depts). */
int	 people_on_notify(struct screen *, const char *table, const char *key);

/* 1 when the screen declares a key for a but the role's keymap left it out. */
int	 people_hidden(const struct screen *, enum action);
/* 1 when role is one of the space-separated roles. */
int	 people_role_in(const char *role, const char *roles);

/*
 * Show the command that exports this screen's data: "ssh -p PORT LOGIN@HOST" then the
 * words given (NULL-terminated; a word with spaces or quotes is quoted for the local
 * shell and rashin's splitting alike), wrapped with " \" to fit, in a box to copy from.
 */
void	 people_export(struct screen *, const char *const *words);

#endif
