/*
 * strset — open addressing with linear probing, FNV-1a, doubled at half full.
 */
#include "backend/lib/strset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

struct strset_slot {
	char	*key;
	int	 value;
};

struct strset {
	struct strset_slot	*slot;
	size_t			 cap, n;
};

static uint32_t
strset_hash(const char *s)
{
	uint32_t h = 2166136261U;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619U;
	return h;
}

struct strset *
strset_new(void)
{
	struct strset *set = xcalloc(1, sizeof *set);

	set->cap = 64;
	set->slot = xcalloc(set->cap, sizeof *set->slot);
	return set;
}

static struct strset_slot *
strset_find(struct strset_slot *slot, size_t cap, const char *key)
{
	size_t i = strset_hash(key) & (cap - 1);

	while (slot[i].key != NULL && strcmp(slot[i].key, key) != 0)
		i = (i + 1) & (cap - 1);
	return &slot[i];
}

int
strset_add(struct strset *set, const char *key, int value, int *old)
{
	struct strset_slot *s, *bigger;
	size_t i;

	if ((set->n + 1) * 2 > set->cap) {
		bigger = xcalloc(set->cap * 2, sizeof *bigger);
		for (i = 0; i < set->cap; i++)
			if (set->slot[i].key != NULL)
				*strset_find(bigger, set->cap * 2, set->slot[i].key) = set->slot[i];
		free(set->slot);
		set->slot = bigger;
		set->cap *= 2;
	}
	s = strset_find(set->slot, set->cap, key);
	if (s->key != NULL) {
		if (old != NULL)
			*old = s->value;
		return 1;
	}
	s->key = xstrdup(key);
	s->value = value;
	set->n++;
	return 0;
}

void
strset_free(struct strset *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		free(set->slot[i].key);
	free(set->slot);
	free(set);
}
