/*
 * depts — the departments (`:depts`): the list, renamed in a form.
 */
#ifndef RASHIN_SCREENS_DEPTS_H
#define RASHIN_SCREENS_DEPTS_H

#include "tui/screen.h"

extern const struct screen_ops depts_ops;

#endif
