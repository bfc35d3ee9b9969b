/*
 * screens — the registry array built from SCREEN_INFO (see screens.h).
 */
#include "screens/screens.h"

#include "backend/lib/util.h"

const struct screen_info screens_registry[] = {
#define SCREEN_ENTRY(name, aliases, title, action, ops) \
	{ name, aliases, title, ACTION_##action, ops },
	SCREEN_INFO(SCREEN_ENTRY)
#undef SCREEN_ENTRY
};

const size_t screens_count = nitems(screens_registry);
