/*
 * schedule — the plan as a Gantt chart by fiscal year, or by month of one year
 * (`:schedule`); the bars moved and stretched by key.
 */
#ifndef RASHIN_SCREENS_SCHEDULE_H
#define RASHIN_SCREENS_SCHEDULE_H

#include "tui/screen.h"

extern const struct screen_ops schedule_ops;

#endif
