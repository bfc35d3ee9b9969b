/*
 * vdi — the telework VDI screen (`:vdi`): the list with state, period, days left and
 * MFA state; Enter for a request's details and history; `a` for the next approval step;
 * `m` for TOTP enrolment, drawn over the whole terminal (QR code, base32 key, code).
 */
#ifndef RASHIN_SCREEN_VDI_H
#define RASHIN_SCREEN_VDI_H

#include "tui/screen.h"

extern const struct screen_ops vdi_ops;

/* The key file that seals TOTP secrets (config vdi.key_file); set before the console runs. */
void	vdi_screen_set_key_file(const char *path);
/* The longest request period (config vdi.max_days), checked by the database. */
void	vdi_screen_set_max_days(int days);

#endif
