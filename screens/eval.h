/*
 * eval — the PDCA evaluations of a fiscal year (`:eval`): the board, one evaluation in
 * full, the forms for the 1st and 2nd evaluation and the adviser's comment, publishing.
 */
#ifndef RASHIN_SCREENS_EVAL_H
#define RASHIN_SCREENS_EVAL_H

#include "tui/screen.h"

extern const struct screen_ops eval_ops;

#endif
