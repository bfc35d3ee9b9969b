/*
 * rolekeys — a screen's keymap cut down to what the member's role may do.
 */
#include "screens/rolekeys.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/identity.h"
#include "backend/lib/util.h"
#include "tui/app.h"

int
rolekeys_is(const struct screen *s, const char *role)
{
	return s->app != NULL && s->app->who != NULL && strcmp(s->app->who->role, role) == 0;
}

int
rolekeys_apply(struct screen *s, const struct keymap_bind *keys, size_t n,
    int (*may)(const struct screen *, enum action), char **cause)
{
	struct keymap_bind *kept = xcalloc(n + 1, sizeof *kept);
	struct keymap km;
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (may(s, keys[i].action))
			kept[k++] = keys[i];
	if (keymap_build(&km, s->info->name, kept, k, cause) != 0) {
		free(kept);
		return -1;
	}
	free(kept);
	keymap_free(&s->keymap);
	s->keymap = km;
	return 0;
}
