/*
 * staff — the staff list (`:staff`): add, edit, move, deactivate; `K` opens :keys on the
 * selected member.
 */
#ifndef RASHIN_SCREENS_STAFF_H
#define RASHIN_SCREENS_STAFF_H

#include "tui/screen.h"

extern const struct screen_ops staff_ops;

#endif
