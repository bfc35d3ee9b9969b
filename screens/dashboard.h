/*
 * dashboard — the first screen (`:dash`): the tiles of this fiscal year and the keys
 * that open the other screens.
 */
#ifndef RASHIN_SCREENS_DASHBOARD_H
#define RASHIN_SCREENS_DASHBOARD_H

#include "tui/screen.h"

extern const struct screen_ops dashboard_ops;

#endif
