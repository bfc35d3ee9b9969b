/*
 * mig_detail — the board's system detail view (screens/mig_detail.c): one system's fields,
 * its steps with dates, the status history and the risk log, scrolled as lines; `e`
 * edits the fields with a form saved with the row's version (a stale save opens the
 * conflict dialog; a refusal by the database is said in words).
 */
#ifndef RASHIN_SCREENS_MIG_DETAIL_H
#define RASHIN_SCREENS_MIG_DETAIL_H

#include "tui/screen.h"
#include "tui/tui.h"

struct mig_detail;

/* Open the detail of system sys_id; NULL with *cause. */
struct mig_detail *mig_detail_open(struct screen *, int sys_id, int writable, char **cause);
void	 mig_detail_close(struct mig_detail *);
int	 mig_detail_reload(struct screen *, struct mig_detail *, char **cause);
void	 mig_detail_draw(struct mig_detail *, WINDOW *, int y, int x, int h, int w);
/* A key; TUI_* flags. *done set when the user leaves the detail. */
int	 mig_detail_key(struct screen *, struct mig_detail *, int key, enum action, int *done);
void	 mig_detail_status(struct mig_detail *, char *buf, size_t len);
const char *mig_detail_title(struct mig_detail *);

#endif
