/*
 * people — what the people screens (staff, depts, keys, audit) share: the status-line
 * message for a save's outcome and the reload on a staff or department change.
 * (:staff opens :keys on a member by passing the staff id: app_open_arg.)
 */
#ifndef RASHIN_PEOPLE_H
#define RASHIN_PEOPLE_H

struct screen;

/* Show rc (enum store_rc) on the status line: ok as ok_text; 1 if it was an error. */
int	 people_report(struct screen *, int rc, const char *ok_text, const char *cause);
/* A change to staff or departments: reload (the on_notify of :staff and :depts). */
int	 people_on_notify(struct screen *, const char *table, const char *key);

#endif
