/*
 * common — the set-up the screens share (see common.h).
 */
#include "screens/common.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/today.h"
#include "backend/lib/util.h"
#include "screens/sshline.h"
#include "tui/app.h"
#include "tui/dialog.h"

void
common_table(struct screen *s, struct table *t, const struct table_column *cols,
    int ncols, const struct table_source *src, int sort, int desc)
{
	table_init(t, cols, ncols, src);
	t->q.sort = sort;
	t->q.desc = desc;
	if (s->app->ctx != NULL)
		(void)common_table_reset(s, t);
}

int
common_table_reset(struct screen *s, struct table *t)
{
	char	*why = NULL;

	if (table_reset(t, &why) == 0)
		return 0;
	chrome_message(&s->app->msg, 1, "%s", why != NULL ? why : "");
	free(why);
	return -1;
}

int
common_fy(const struct screen *s, int first, int last)
{
	int	 fy = s->app->fy != 0 ? s->app->fy : today_fy();

	if (first != 0 && fy < first)
		fy = first;
	if (last != 0 && fy > last)
		fy = last;
	return fy;
}

const char *
common_role(const struct screen *s)
{
	return s->app != NULL && s->app->who != NULL ? s->app->who->role : "";
}

int
common_keymap_for_role(struct screen *s, int (*allowed)(const struct screen *, enum action),
    char **cause)
{
	struct keymap_bind	*b = xcalloc(s->ops->nkeys + 1, sizeof *b);
	struct keymap		 km;
	size_t			 i, n = 0;

	for (i = 0; i < s->ops->nkeys; i++)
		if (allowed(s, s->ops->keys[i].action))
			b[n++] = s->ops->keys[i];
	if (keymap_build(&km, s->info->name, b, n, cause) != 0) {
		free(b);
		return -1;
	}
	free(b);
	keymap_free(&s->keymap);
	s->keymap = km;
	return 0;
}

void
common_ssh_lines(const struct screen *s, const char *title, const char *const *cmds, int n)
{
	char		**lines = xcalloc((size_t)n * 3 + 3, sizeof *lines), *to = sshline_target(s);
	int		 i, k = 0;

	lines[k++] = xstrdup(_("Copy a line into your own terminal (not this one):"));
	lines[k++] = xstrdup("");
	for (i = 0; i < n; i++) {
		/* a line the box would cut goes on two, joined by the shell's \ */
		if (text_width(to) + text_width(cmds[i]) + 5 > 70) {
			lines[k++] = xasprintf("ssh %s \\", to);
			lines[k++] = xasprintf("    %s", cmds[i]);
		} else
			lines[k++] = xasprintf("ssh %s %s", to, cmds[i]);
		lines[k++] = xstrdup("");
	}
	dialog_text(title, (const char *const *)lines, k);
	for (i = 0; i < k; i++)
		free(lines[i]);
	free(lines);
	free(to);
}
