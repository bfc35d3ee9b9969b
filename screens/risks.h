/*
 * risks — the migration issue and risk log (`:risks`).
 */
#ifndef RASHIN_SCREENS_RISKS_H
#define RASHIN_SCREENS_RISKS_H

#include "tui/screen.h"

extern const struct screen_ops risks_ops;

#endif
