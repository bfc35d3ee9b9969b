/*
 * common — the set-up the screens share (see common.h).
 */
#include "screens/common.h"

#include <stdlib.h>

#include "backend/lib/i18n.h"
#include "backend/lib/today.h"
#include "tui/app.h"

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
