/*
 * args — the one option parser of the commands, and the help written from the same
 * declarations (args.h).
 */
#include "backend/cmd/args.h"

#include <stdlib.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/text.h"
#include "backend/lib/util.h"

/* Help: option column width before the meaning. */
#define ARGS_HELP_COL	26

static int
opt_index(const struct args_spec *s, const char *name, size_t len)
{
	int i;

	for (i = 0; s->opts != NULL && s->opts[i].name != NULL; i++)
		if (strlen(s->opts[i].name) == len && strncmp(s->opts[i].name, name, len) == 0)
			return i;
	return -1;
}

/* Every value and positional through the one input rule (lib/text.h); 0 or -1 with *why. */
static int
args_input_ok(const struct args_spec *s, const struct args *a, char **why)
{
	char *name;
	int i, k, rc = 0;

	for (k = 0; rc == 0 && s->opts != NULL && s->opts[k].name != NULL; k++) {
		if (a->val[k] == NULL || s->opts[k].value == NULL)
			continue;
		name = xasprintf("--%s", s->opts[k].name);
		if (strcmp(s->opts[k].value, "TEXT") == 0)
			rc = text_input_check(name, a->val[k], TEXT_IN_MULTILINE, ARGS_TEXT_MAX, why);
		else
			rc = text_input_check(name, a->val[k], 0, ARGS_WORD_MAX, why);
		free(name);
	}
	for (i = 0; rc == 0 && i < a->npos; i++) {
		name = xasprintf(_("argument %d"), i + 1);
		rc = text_input_check(name, a->pos[i], 0, ARGS_TEXT_MAX, why);
		free(name);
	}
	return rc;
}

int
args_parse(const struct args_spec *s, int argc, char **argv, struct args *a, char **why)
{
	const char *w, *eq;
	size_t len;
	int i, k, opts = 1;

	memset(a, 0, sizeof *a);
	a->spec = s;
	a->pos = xcalloc((size_t)argc + 1, sizeof *a->pos);
	*why = NULL;
	for (i = 0; i < argc; i++) {
		w = argv[i];
		if (!opts || strncmp(w, "--", 2) != 0) {
			a->pos[a->npos++] = argv[i];
			continue;
		}
		if (w[2] == '\0') {
			opts = 0;	/* "--": what follows is positional */
			continue;
		}
		w += 2;
		eq = strchr(w, '=');
		len = eq != NULL ? (size_t)(eq - w) : strlen(w);
		if ((k = opt_index(s, w, len)) < 0) {
			if (len == 4 && strncmp(w, "help", 4) == 0 && eq == NULL)
				return ARGS_HELP;
			*why = xasprintf("%s --%.*s", _("unknown option"), (int)len, w);
			return ARGS_ERROR;
		}
		if (s->opts[k].value == NULL) {
			if (eq != NULL) {
				*why = xasprintf("--%s %s", s->opts[k].name, _("takes no value"));
				return ARGS_ERROR;
			}
			a->val[k] = "";
		} else if (eq != NULL)
			a->val[k] = eq + 1;
		else if (i + 1 < argc)
			a->val[k] = argv[++i];
		else {
			*why = xasprintf("--%s %s", s->opts[k].name, _("needs a value"));
			return ARGS_ERROR;
		}
	}
	for (k = 0; s->opts != NULL && s->opts[k].name != NULL; k++)
		if (s->opts[k].required && a->val[k] == NULL) {
			char *v = args_placeholders(s->opts[k].value != NULL ? s->opts[k].value : "");

			*why = xasprintf("--%s %s %s", s->opts[k].name, v, _("is required"));
			free(v);
			return ARGS_ERROR;
		}
	if (a->npos < s->min) {
		char *syn = args_placeholders(s->synopsis);

		*why = xasprintf("%s (%s)", _("too few arguments"), syn);
		free(syn);
		return ARGS_ERROR;
	}
	if (s->max >= 0 && a->npos > s->max) {
		*why = xasprintf("%s: %s", _("unexpected argument"), a->pos[s->max]);
		return ARGS_ERROR;
	}
	if (args_input_ok(s, a, why) != 0)
		return ARGS_ERROR;
	return ARGS_OK;
}

void
args_free(struct args *a)
{
	free(a->pos);
	a->pos = NULL;
	a->npos = 0;
}

const char *
args_get(const struct args *a, const char *name)
{
	int k = opt_index(a->spec, name, strlen(name));

	if (k < 0) {
		/* a handler asking for an option its table does not declare: a bug */
		fprintf(stderr, "rashin: %s %s: option --%s not declared (cmd_table.c)\n",
		    a->spec->cmd, a->spec->sub, name);
		abort();
	}
	return a->val[k];
}

int
args_has(const struct args *a, const char *name)
{
	return args_get(a, name) != NULL;
}

int
args_declares(const struct args_spec *s, const char *name)
{
	return opt_index(s, name, strlen(name)) >= 0;
}

/*
 * The placeholders of a synopsis or an option in the UI language: each word of two or
 * more capitals (SYSTEM, LOGIN) through msgctxt "placeholder" (システム, ログイン名);
 * one without a translation (KPI, YYYY) stays. Allocated.
 */
char *
args_placeholders(const char *s)
{
	struct buf { char *p; size_t len, cap; } b = { NULL, 0, 0 };
	const char *w, *t;
	char word[32];	/* the untranslated word is handed back: lives as long as the loop */
	size_t n, tn;

	while (*s != '\0') {
		for (n = 0; s[n] >= 'A' && s[n] <= 'Z'; n++)
			;
		w = s;
		if (n >= 2 && !(s[n] >= 'a' && s[n] <= 'z') && !(s[n] >= '0' && s[n] <= '9')) {
			snprintf(word, sizeof word, "%.*s", (int)n, s);
			t = i18n_pgettext("placeholder", word);
			tn = strlen(t);
			w = t;
		} else {
			if (n == 0)
				n = 1;
			tn = n;
		}
		if (b.len + tn + 1 > b.cap) {
			b.cap = (b.len + tn + 1) * 2;
			b.p = xreallocarray(b.p, b.cap, 1);
		}
		memcpy(b.p + b.len, w, tn);
		b.len += tn;
		s += n;
	}
	if (b.p == NULL)
		return xstrdup("");
	b.p[b.len] = '\0';
	return b.p;
}

/* fprintf(f, fmt, the placeholders of s in the UI language) */
static void
put_placeholders(FILE *f, const char *fmt, const char *s)
{
	char *t = args_placeholders(s);

	fprintf(f, fmt, t);
	free(t);
}

void
args_synopsis(const struct args_spec *s, FILE *f)
{
	int k, optional = 0;

	fputs(s->cmd, f);
	if (s->sub[0] != '\0')
		fprintf(f, " %s", s->sub);
	if (s->synopsis[0] != '\0')
		put_placeholders(f, " %s", s->synopsis);
	for (k = 0; s->opts != NULL && s->opts[k].name != NULL; k++) {
		if (!s->opts[k].required)
			optional = 1;
		else if (s->opts[k].value != NULL) {
			fprintf(f, " --%s", s->opts[k].name);
			put_placeholders(f, " %s", s->opts[k].value);
		}
		else
			fprintf(f, " --%s", s->opts[k].name);
	}
	if (optional)
		fprintf(f, " [%s]", _("options"));
}

void
args_help(const struct args_spec *s, FILE *f)
{
	const struct args_opt *o;
	char *left;
	int w;

	args_synopsis(s, f);
	fprintf(f, "\n    %s\n", _(s->help));
	if (s->alias != NULL)
		fprintf(f, "    (%s: %s %s)\n", _("also"), s->cmd, s->alias);
	for (o = s->opts; o != NULL && o->name != NULL; o++) {
		if (o->value != NULL) {
			char *v = args_placeholders(o->value);

			left = xasprintf("--%s %s", o->name, v);
			free(v);
		} else
			left = xasprintf("--%s", o->name);
		w = text_width(left);
		if (w + 6 > ARGS_HELP_COL)
			fprintf(f, "      %s\n      %*s%s", left, ARGS_HELP_COL - 6, "", _(o->help));
		else
			fprintf(f, "      %s%*s%s", left, ARGS_HELP_COL - 6 - w, "", _(o->help));
		if (o->required)
			fprintf(f, " (%s)", _("required"));
		fputc('\n', f);
		free(left);
	}
}
