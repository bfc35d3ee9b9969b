/*
 * rolekeys — a screen's keys as the member's role allows them: the keymap is built
 * again from the screen's bindings without those the role may not use, so neither the
 * key bar nor `?` offers a form the database would refuse. The database's row-level
 * security stays the real check; this only keeps the screen honest about it.
 */
#ifndef RASHIN_ROLEKEYS_H
#define RASHIN_ROLEKEYS_H

#include "tui/screen.h"

/* Is the console's member in role (admin, lead, trainer, auditor, readonly)? */
int	 rolekeys_is(const struct screen *, const char *role);
/*
 * s's keymap again from keys[0..n-1], keeping a binding only when may(s, its action)
 * says 1. 0, or -1 with *cause (the keymap is then left as it was).
 */
int	 rolekeys_apply(struct screen *, const struct keymap_bind *keys, size_t n,
	    int (*may)(const struct screen *, enum action), char **cause);

#endif
