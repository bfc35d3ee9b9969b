/*
 * keymap — the action registry, key names, keymaps and key reading (see keymap.h).
 */
#include "tui/keymap.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

static const struct action_info action_table[] = {
	{ ACTION_NONE, "", "", 0, "", "" },
#define ACTION_TABLE(id, name, keys, fkey, label, help) \
	{ ACTION_##id, name, keys, fkey, label, help },
	ACTION_INFO(ACTION_TABLE)
#undef ACTION_TABLE
};

static const struct {
	const char	*name;
	int		 key;
} keymap_names[] = {
	{ "Esc",	KEYMAP_ESC },
	{ "Enter",	'\r' },
	{ "Tab",	'\t' },
	{ "BTab",	KEYMAP_KEY(KEY_BTAB) },
	{ "Space",	' ' },
	{ "Backspace",	KEYMAP_KEY(KEY_BACKSPACE) },
	{ "Delete",	KEYMAP_KEY(KEY_DC) },
	{ "Insert",	KEYMAP_KEY(KEY_IC) },
	{ "Up",		KEYMAP_KEY(KEY_UP) },
	{ "Down",	KEYMAP_KEY(KEY_DOWN) },
	{ "Left",	KEYMAP_KEY(KEY_LEFT) },
	{ "Right",	KEYMAP_KEY(KEY_RIGHT) },
	{ "PgUp",	KEYMAP_KEY(KEY_PPAGE) },
	{ "PgDn",	KEYMAP_KEY(KEY_NPAGE) },
	{ "Home",	KEYMAP_KEY(KEY_HOME) },
	{ "End",	KEYMAP_KEY(KEY_END) },
};

static int	keymap_esc_wait = 400;
static int	keymap_pending = KEYMAP_NONE;	/* keymap_unread's key */

const struct action_info *
action_get(enum action a)
{
	if ((int)a < 0 || a >= ACTION__COUNT)
		return &action_table[0];
	return &action_table[a];
}

const struct action_info *
action_find(const char *name)
{
	size_t	 i;

	for (i = 1; i < nitems(action_table); i++) {
		if (strcmp(action_table[i].name, name) == 0)
			return &action_table[i];
	}
	return NULL;
}

int
keymap_parse_key(const char *s)
{
	size_t		 i;
	wchar_t		 wc;
	mbstate_t	 ps;
	size_t		 n;

	if (s == NULL || *s == '\0')
		return KEYMAP_NONE;
	for (i = 0; i < nitems(keymap_names); i++) {
		if (strcmp(s, keymap_names[i].name) == 0)
			return keymap_names[i].key;
	}
	if (s[0] == 'F' && s[1] >= '1' && s[1] <= '9') {
		int f = atoi(s + 1);

		if (f >= 1 && f <= 12 && strspn(s + 1, "0123456789") == strlen(s + 1))
			return KEYMAP_F(f);
		return KEYMAP_NONE;
	}
	if ((s[0] == 'C' || s[0] == 'M') && s[1] == '-' && s[2] != '\0') {
		int k = keymap_parse_key(s + 2);

		if (k == KEYMAP_NONE || k >= 0x80)
			return KEYMAP_NONE;
		if (s[0] == 'M')
			return KEYMAP_META(k);
		if (k >= 'a' && k <= 'z')
			return KEYMAP_CTRL(k);
		if (k >= '@' && k <= '_')
			return KEYMAP_CTRL(k);
		return KEYMAP_NONE;
	}
	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, strlen(s), &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0 || s[n] != '\0')
		return KEYMAP_NONE;
	if (wc < 0x20 || wc == 0x7f)
		return KEYMAP_NONE;
	return (int)wc;
}

void
keymap_key_name(int key, char *buf, size_t len)
{
	size_t		 i;
	char		 mb[MB_LEN_MAX + 1];
	mbstate_t	 ps;
	size_t		 n;

	if (len == 0)
		return;
	for (i = 0; i < nitems(keymap_names); i++) {
		if (keymap_names[i].key == key) {
			snprintf(buf, len, "%s", keymap_names[i].name);
			return;
		}
	}
	if ((key & KEYMAP_SPECIAL) && (key & ~KEYMAP_SPECIAL) >= KEY_F(1) &&
	    (key & ~KEYMAP_SPECIAL) <= KEY_F(12)) {
		snprintf(buf, len, "F%d", (key & ~KEYMAP_SPECIAL) - KEY_F0);
		return;
	}
	if (key & KEYMAP_META_BIT) {
		char inner[32];

		keymap_key_name(key & ~KEYMAP_META_BIT, inner, sizeof inner);
		snprintf(buf, len, "M-%s", inner);
		return;
	}
	if (key > 0 && key < 0x20) {
		snprintf(buf, len, "C-%c", key + 'a' - 1);
		return;
	}
	if (key >= 0x20 && !(key & KEYMAP_SPECIAL)) {
		memset(&ps, 0, sizeof ps);
		n = wcrtomb(mb, (wchar_t)key, &ps);
		if (n != (size_t)-1) {
			mb[n] = '\0';
			snprintf(buf, len, "%s", mb);
			return;
		}
	}
	snprintf(buf, len, "<%#x>", (unsigned)key);
}

static int
keymap_entry_cmp(const void *a, const void *b)
{
	const struct keymap_entry	*ea = a, *eb = b;

	return (ea->key > eb->key) - (ea->key < eb->key);
}

/* Append every key named in the space-separated list keys; -1 on an unknown name. */
static int
keymap_add(struct keymap *km, size_t *cap, const char *keys, enum action a,
    int bar, char **cause)
{
	char	*copy = xstrdup(keys), *tok, *save = NULL;
	int	 rc = 0;

	for (tok = strtok_r(copy, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		int	 k = keymap_parse_key(tok);
		size_t	 i;

		if (k == KEYMAP_NONE) {
			rc = set_cause(cause, "%s: unknown key \"%s\"", km->name, tok);
			goto out;
		}
		for (i = 0; i < km->n && km->entries[i].key != k; i++)
			;
		if (i < km->n)
			continue;	/* the first binding of a key wins */
		if (km->n == *cap) {
			*cap = *cap ? *cap * 2 : 16;
			km->entries = xreallocarray(km->entries, *cap, sizeof *km->entries);
		}
		km->entries[km->n].key = k;
		km->entries[km->n].action = a;
		km->entries[km->n].bar = bar;
		km->entries[km->n].seq = (int)km->n;
		km->n++;
	}
out:
	free(copy);
	return rc;
}

int
keymap_build(struct keymap *km, const char *name, const struct keymap_bind *b,
    size_t n, char **cause)
{
	size_t	 i, cap = 0;

	km->name = name;
	km->entries = NULL;
	km->n = 0;
	for (i = 0; i < n; i++) {
		if (keymap_add(km, &cap, b[i].keys, b[i].action, b[i].bar, cause) != 0) {
			keymap_free(km);
			return -1;
		}
	}
	if (km->n > 1)
		qsort(km->entries, km->n, sizeof *km->entries, keymap_entry_cmp);
	return 0;
}

void
keymap_free(struct keymap *km)
{
	free(km->entries);
	km->entries = NULL;
	km->n = 0;
}

const struct keymap *
keymap_generic(void)
{
	static struct keymap	 generic;
	static int		 built;
	struct keymap_bind	 b[nitems(action_table)];
	size_t			 i, n = 0;

	if (built)
		return &generic;
	for (i = 1; i < nitems(action_table); i++) {
		b[n].keys = action_table[i].keys;
		b[n].action = action_table[i].id;
		b[n].bar = action_table[i].fkey != 0;
		n++;
	}
	if (keymap_build(&generic, "generic", b, n, NULL) != 0)
		fatal("generic keymap: bad default key");
	built = 1;
	return &generic;
}

static enum action
keymap_find(const struct keymap *km, int key)
{
	struct keymap_entry	 k = { key, ACTION_NONE, 0, 0 };
	struct keymap_entry	*e;

	if (km == NULL || km->n == 0)
		return ACTION_NONE;
	e = bsearch(&k, km->entries, km->n, sizeof *km->entries, keymap_entry_cmp);
	return e != NULL ? e->action : ACTION_NONE;
}

enum action
keymap_lookup(const struct keymap *km, int key)
{
	enum action	 a = keymap_find(km, key);

	if (a != ACTION_NONE)
		return a;
	return keymap_find(keymap_generic(), key);
}

/* Append the keys of from bound to a, but those over binds (it takes them over). */
static void
keymap_append_keys(const struct keymap *from, const struct keymap *over, enum action a,
    char *buf, size_t len)
{
	size_t	 i, used;
	char	 name[32];

	if (from == NULL)
		return;
	for (i = 0; i < from->n; i++) {
		if (from->entries[i].action != a)
			continue;
		if (over != NULL && keymap_find(over, from->entries[i].key) != ACTION_NONE)
			continue;
		keymap_key_name(from->entries[i].key, name, sizeof name);
		used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", used ? " / " : "", name);
	}
}

void
keymap_keys_for(const struct keymap *km, enum action a, char *buf, size_t len)
{
	if (len == 0)
		return;
	buf[0] = '\0';
	if (km == keymap_generic())
		km = NULL;
	keymap_append_keys(km, NULL, a, buf, len);
	keymap_append_keys(keymap_generic(), km, a, buf, len);
}

int
keymap_binds(const struct keymap *km, enum action a)
{
	size_t	 i;

	for (i = 0; km != NULL && i < km->n; i++)
		if (km->entries[i].action == a)
			return 1;
	return 0;
}

void
keymap_unread(int key)
{
	keymap_pending = key;
}

int
keymap_unread_pending(void)
{
	return keymap_pending != KEYMAP_NONE;
}

void
keymap_set_esc_wait(int ms)
{
	keymap_esc_wait = ms;
}

/* One key from curses, mapped to our int encoding; KEYMAP_NONE on timeout. */
static int
keymap_get(WINDOW *w, int timeout_ms)
{
	wint_t	 wc;
	int	 rc;

	wtimeout(w, timeout_ms);
	rc = wget_wch(w, &wc);
	if (rc == ERR)
		return KEYMAP_NONE;
	if (rc == KEY_CODE_YES) {
		if (wc == KEY_ENTER)
			return '\r';
		return KEYMAP_KEY((int)wc);
	}
	if (wc == '\n')
		return '\r';
	if (wc == 0x7f || wc == 0x08)
		return KEYMAP_KEY(KEY_BACKSPACE);
	return (int)wc;
}

int
keymap_read(WINDOW *w, int timeout_ms)
{
	int	 k, next;

	if (keymap_pending != KEYMAP_NONE) {
		k = keymap_pending;
		keymap_pending = KEYMAP_NONE;
		return k;
	}
	k = keymap_get(w, timeout_ms);
	if (k != KEYMAP_ESC)
		return k;
	next = keymap_get(w, keymap_esc_wait);
	if (next == KEYMAP_NONE)
		return KEYMAP_ESC;
	if (next >= '1' && next <= '9')
		return KEYMAP_F(next - '0');
	if (next == '0')
		return KEYMAP_F(10);
	if (next == KEYMAP_ESC)
		return KEYMAP_ESC;
	if (next & (KEYMAP_SPECIAL | KEYMAP_META_BIT))
		return next;
	return KEYMAP_META(next);
}
