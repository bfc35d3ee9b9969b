/*
 * keys — one member's SSH keys (`:keys`): yours, the one :staff passed (app_open_arg,
 * the staff id as text), or whom `p` chooses; add and revoke.
 */
#ifndef RASHIN_SCREENS_KEYS_H
#define RASHIN_SCREENS_KEYS_H

#include "tui/screen.h"

extern const struct screen_ops keys_ops;

#endif
