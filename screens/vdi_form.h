/*
 * vdi_form — the `:vdi` screen's forms: a new request (`n`) or a renewal (`w`), a
 * rejection with its reason (`r`), the optional comment of an approval step (`a`),
 * provisioning (`p`), a suspension (`z`), revocation (`x`) or MFA reset (`M`) with its
 * reason. Each saves through
 * backend/store_vdi.c, so the database's rules apply; a refusal is drawn under the
 * form and the form stays open with what was typed.
 */
#ifndef RASHIN_SCREEN_VDI_FORM_H
#define RASHIN_SCREEN_VDI_FORM_H

#include "tui/screen.h"

struct vdi_form;

/* The longest request period (config vdi.max_days), passed to the database. */
void	 vdi_form_set_max_days(int);

/* A request, for the console's own login by default. */
struct vdi_form	*vdi_form_request(struct screen *);
/* Reject request id (of who) with a reason. */
struct vdi_form	*vdi_form_reject(int id, const char *who);
/* The next approval step of request id (manager's or IT's) with an optional comment. */
struct vdi_form	*vdi_form_approve(int id, int manager_step, const char *who);
/* A renewal of request id's account (login's, ending on to): a new request from the day after. */
struct vdi_form	*vdi_form_renew(struct screen *, int id, const char *login, const char *who,
		    const char *to);
/* Provision approved request id: the VDI user name and pool. */
struct vdi_form	*vdi_form_provision(int id, const char *who);
/* Suspend, revoke (asked once more at the save) or reset the MFA of request id's account. */
struct vdi_form	*vdi_form_reason(enum action, int id, const char *login, const char *who);

/*
 * A key for the open form. Returns TUI_* flags; *done is set when the form closed
 * (saved or discarded) and should be freed.
 */
int	 vdi_form_key(struct screen *, struct vdi_form *, int key, int action, int *done);
void	 vdi_form_draw(struct vdi_form *, WINDOW *, int y, int x, int h, int w);
void	 vdi_form_free(struct vdi_form *);

#endif
