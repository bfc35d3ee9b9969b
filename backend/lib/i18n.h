/*
 * i18n — gettext for the UI. English is the source language; po/ja.po is the default UI.
 */
#ifndef RASHIN_I18N_H
#define RASHIN_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)
/* A msgid used in context ctx later (i18n_pgettext): marked for xgettext, kept as is. */
#define NP_(ctx, s)	(s)

/* Choose the UI language ("ja" or "en"; NULL or "" = from LANG/LC_MESSAGES, else fallback). */
void		 i18n_init(const char *lang, const char *fallback);
/* gettext of msgid in a context (msgctxt "ctx" in po/ja.po); msgid when untranslated. */
const char	*i18n_pgettext(const char *ctx, const char *msgid);
/* The language in use: "ja" or "en". */
const char	*i18n_lang(void);

#endif
