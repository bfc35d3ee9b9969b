/*
 * mig — the standardisation migration board (`:mig`): systems by steps, the status set
 * by key on a cell, the system's detail (screens/mig_detail.h) on Enter.
 */
#ifndef RASHIN_SCREENS_MIG_H
#define RASHIN_SCREENS_MIG_H

#include "screens/mig_detail.h"
#include "tui/screen.h"

extern const struct screen_ops mig_ops;

#endif
