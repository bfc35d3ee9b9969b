/*
 * audit — the audit trail (`:audit`): newest first, filtered as you type; Enter shows
 * one entry with what changed.
 */
#ifndef RASHIN_SCREENS_AUDIT_H
#define RASHIN_SCREENS_AUDIT_H

#include "tui/screen.h"

extern const struct screen_ops audit_ops;

#endif
