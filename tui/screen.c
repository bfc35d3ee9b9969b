/*
 * screen — registry look-ups and opening/closing screens (see screen.h).
 */
#include "tui/screen.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

/* Is word one of the space-separated words in list? */
static int
screen_in_list(const char *list, const char *word)
{
	size_t	 n = strlen(word);
	const char *p = list;

	if (list == NULL || n == 0)
		return 0;
	while (*p != '\0') {
		size_t len = strcspn(p, " ");

		if (len == n && strncmp(p, word, n) == 0)
			return 1;
		p += len;
		while (*p == ' ')
			p++;
	}
	return 0;
}

const struct screen_info *
screen_find(const struct screen_info *reg, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (strcmp(reg[i].name, name) == 0 || screen_in_list(reg[i].aliases, name))
			return &reg[i];
	}
	return NULL;
}

const struct screen_info *
screen_for_action(const struct screen_info *reg, size_t n, enum action a)
{
	size_t	 i;

	for (i = 0; i < n; i++) {
		if (reg[i].go == a && a != ACTION_NONE)
			return &reg[i];
	}
	return NULL;
}

struct screen *
screen_open(const struct screen_info *info, struct app *app, const char *arg,
    char **cause)
{
	struct screen	*s;

	if (info->ops == NULL) {
		set_cause(cause, "%s", info->name);
		return NULL;
	}
	s = xcalloc(1, sizeof *s);
	s->info = info;
	s->ops = info->ops;
	s->app = app;
	s->arg = arg != NULL ? xstrdup(arg) : NULL;
	if (keymap_build(&s->keymap, info->name, s->ops->keys, s->ops->nkeys, cause) != 0)
		goto fail;
	if (s->ops->init != NULL && s->ops->init(s, cause) != 0) {
		keymap_free(&s->keymap);
		goto fail;
	}
	return s;
fail:
	free(s->arg);
	free(s);
	return NULL;
}

void
screen_close(struct screen *s)
{
	if (s == NULL)
		return;
	if (s->ops->fini != NULL)
		s->ops->fini(s);
	keymap_free(&s->keymap);
	free(s->arg);
	free(s);
}

static void
screen_add_word(char ***out, size_t *n, size_t *cap, const char *w, size_t len)
{
	size_t	 i;

	for (i = 0; i < *n; i++) {
		if (strlen((*out)[i]) == len && strncmp((*out)[i], w, len) == 0)
			return;
	}
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		*out = xreallocarray(*out, *cap, sizeof **out);
	}
	(*out)[(*n)++] = xstrndup(w, len);
}

size_t
screen_words(const struct screen_info *reg, size_t nreg, char ***out)
{
	size_t		 i, n = 0, cap = 0, len;
	const char	*p, *name;
	int		 a;

	*out = NULL;
	for (i = 0; i < nreg; i++)
		screen_add_word(out, &n, &cap, reg[i].name, strlen(reg[i].name));
	for (i = 0; i < nreg; i++) {
		for (p = reg[i].aliases != NULL ? reg[i].aliases : ""; *p != '\0'; p += len) {
			while (*p == ' ')
				p++;
			len = strcspn(p, " ");
			if (len > 0)
				screen_add_word(out, &n, &cap, p, len);
		}
	}
	for (a = 1; a < ACTION__COUNT; a++) {
		name = action_get((enum action)a)->name;
		screen_add_word(out, &n, &cap, name, strlen(name));
	}
	screen_add_word(out, &n, &cap, "q", 1);
	return n;
}

void
screen_words_free(char **words, size_t n)
{
	while (n > 0)
		free(words[--n]);
	free(words);
}
