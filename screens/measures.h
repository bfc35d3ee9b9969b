/*
 * measures — the measure catalogue of the plan (`:measures`): measures, their actions
 * and phases, the forms that add and edit them.
 */
#ifndef RASHIN_SCREENS_MEASURES_H
#define RASHIN_SCREENS_MEASURES_H

#include "tui/screen.h"

extern const struct screen_ops measures_ops;

#endif
