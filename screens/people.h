/*
 * people — what the people screens (staff, depts, keys, audit) share: the status-line
 * message for a save's outcome, and the person :keys opens on when reached from :staff.
 */
#ifndef RASHIN_PEOPLE_H
#define RASHIN_PEOPLE_H

struct screen;

/* Show rc (enum store_rc) on the status line: ok as ok_text; 1 if it was an error. */
int	 people_report(struct screen *, int rc, const char *ok_text, const char *cause);
/* Staff id :keys opens on next (0: yourself); :keys resets it. */
extern int	 people_keys_person;

#endif
