/*
 * training — the training records (`:training`): courses, sessions, the roster marked
 * by key, transcripts and the reports.
 */
#ifndef RASHIN_SCREENS_TRAINING_H
#define RASHIN_SCREENS_TRAINING_H

#include "tui/screen.h"

extern const struct screen_ops training_ops;

#endif
