/*
 * fuzz_form — the form field validators (tui/form.h) on arbitrary text and key sequences:
 * every field type validates without crashing, an error is a message, a valid date or
 * fiscal year normalises to a value that validates again to the same value, and editing
 * keys keep the cursor inside the text.
 *   byte 0: which field; bytes 1..: the text (set as is, possibly invalid UTF-8), or with
 *   byte 0 odd, a key sequence (2 bytes a key) typed into the field.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"
#include "tui/form.h"
#include "tui/keymap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct form_choice phases[] = {
	{ "study", "Study" }, { "do", "Implement" }, { "done", "Done" },
};

static int
no_admin(const char *v, char **cause)
{
	if (strcmp(v, "admin") == 0) {
		*cause = xstrdup("Reserved name");
		return -1;
	}
	return 0;
}

static const struct form_field_def defs[] = {
	{ .name = "name", .label = "Name", .type = FORM_TEXT, .required = 1, .maxlen = 5,
	  .validate = no_admin },
	{ .name = "count", .label = "Count", .type = FORM_INT, .min = 1, .max = 48 },
	{ .name = "any", .label = "Any", .type = FORM_INT },
	{ .name = "due", .label = "Due", .type = FORM_DATE, .validate = no_admin },
	{ .name = "fy", .label = "Fiscal year", .type = FORM_FY, .min = 2020, .max = 2040 },
	{ .name = "phase", .label = "Phase", .type = FORM_CHOICE, .choices = phases,
	  .nchoices = 3 },
	{ .name = "note", .label = "Note", .type = FORM_MULTILINE, .maxlen = 200 },
};
#define NDEFS ((int)(sizeof defs / sizeof defs[0]))

static const int specials[] = {
	KEY_LEFT, KEY_RIGHT, KEY_UP, KEY_DOWN, KEY_HOME, KEY_END, KEY_BACKSPACE, KEY_DC,
	KEY_BTAB, KEY_NPAGE, KEY_PPAGE, KEY_ENTER,
};

static int
no_confirm(const char *q)
{
	(void)q;
	return 0;
}

static void
check_field(struct form *fm, int i)
{
	struct form_field	*f = &fm->fields[i];
	char			*v, *w;
	int			 rc;

	if (f->cursor > f->len)
		abort();
	rc = form_field_validate(f);
	if ((rc != 0) != (f->error != NULL))
		abort();
	v = form_get(fm, i);
	if (rc == 0 && (f->def->type == FORM_DATE || f->def->type == FORM_FY) && *v != '\0') {
		form_set(fm, i, v);
		if (form_field_validate(f) != 0)
			abort();
		w = form_get(fm, i);
		if (strcmp(v, w) != 0)
			abort();
		free(w);
	}
	free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int	 init;
	struct form	 fm;
	char		*s;
	int		 i, key;
	size_t		 k;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (size < 1)
		return 0;
	form_init(&fm, "Fuzz", defs, NDEFS);
	fm.confirm = no_confirm;
	i = (data[0] >> 1) % NDEFS;
	if ((data[0] & 1) == 0) {
		s = xstrndup((const char *)data + 1, size - 1);
		form_set(&fm, i, s);
		form_field_set_text(&fm.fields[i], s);
		free(s);
	} else {
		fm.cur = i;
		for (k = 1; k + 1 < size; k += 2) {
			key = data[k] | (data[k + 1] << 8);
			if (data[k + 1] == 0xff)
				key = KEYMAP_KEY(specials[data[k] % (sizeof specials /
				    sizeof specials[0])]);
			else if (key >= 0xd800 && key < 0xe000)
				key = '?';
			form_key(&fm, key, ACTION_NONE);
			if (fm.cur < 0 || fm.cur >= fm.n)
				abort();
		}
	}
	for (i = 0; i < fm.n; i++)
		check_field(&fm, i);
	form_validate(&fm);
	form_free(&fm);
	return 0;
}
