/*
 * i18n — pick the UI language for this process (one process per session, so a global
 * is right) and point gettext at our catalogue. Works without generated locales: the
 * C library's C.UTF-8 gives UTF-8 character handling, and LANGUAGE picks the catalogue.
 */
#include "backend/lib/i18n.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char lang_now[3] = "ja";

static const char *
lang_of(const char *v)
{
	if (v == NULL || *v == '\0')
		return NULL;
	if (strncmp(v, "ja", 2) == 0)
		return "ja";
	if (strncmp(v, "en", 2) == 0)
		return "en";
	/* C, POSIX, C.UTF-8 and other languages are a machine default, not a choice */
	return NULL;
}

void
i18n_init(const char *lang, const char *fallback)
{
	const char *l = lang_of(lang), *dir;

	if (l == NULL)
		l = lang_of(getenv("LC_ALL"));
	if (l == NULL)
		l = lang_of(getenv("LC_MESSAGES"));
	if (l == NULL)
		l = lang_of(getenv("LANG"));
	if (l == NULL)
		l = lang_of(fallback);
	if (l == NULL)
		l = "ja";
	memcpy(lang_now, l, 3);

	/* UTF-8 character handling whatever locales are installed */
	if (setlocale(LC_ALL, "") == NULL || strstr(setlocale(LC_CTYPE, NULL), "UTF-8") == NULL)
		if (setlocale(LC_ALL, "C.UTF-8") == NULL)
			setlocale(LC_ALL, "C.utf8");
	setenv("LANGUAGE", l, 1);
	dir = getenv("RASHIN_LOCALEDIR");
	if (dir == NULL || access(dir, R_OK) != 0)
		dir = access(RASHIN_LOCALEDIR, R_OK) == 0 ? RASHIN_LOCALEDIR : RASHIN_INSTALL_LOCALEDIR;
	bindtextdomain("rashin", dir);
	bind_textdomain_codeset("rashin", "UTF-8");
	textdomain("rashin");
}

const char *
i18n_lang(void)
{
	return lang_now;
}

const char *
i18n_pgettext(const char *ctx, const char *msgid)
{
	char key[256];
	const char *t;

	if (snprintf(key, sizeof key, "%s\004%s", ctx, msgid) >= (int)sizeof key)
		return msgid;
	t = gettext(key);
	return t == key ? msgid : t;
}
