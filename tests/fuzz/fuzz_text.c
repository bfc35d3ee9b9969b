/*
 * fuzz_text — the sanitiser and width functions on arbitrary bytes: output is always valid
 * UTF-8 without control bytes, cells are exactly as wide as asked, wrapped lines fit.
 */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"
#include "backend/lib/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	char *s, *clean, *cell, **lines;
	int cols, n, i, used;
	size_t fit, k;

	if (!init) {
		setlocale(LC_ALL, "C.UTF-8");
		init = 1;
	}
	if (size < 1)
		return 0;
	cols = data[0] % 40;
	s = xstrndup((const char *)data + 1, size - 1);
	clean = text_sanitize(s);
	if (!text_valid_utf8(clean, strlen(clean)))
		abort();
	for (k = 0; clean[k] != '\0'; k++)
		if ((unsigned char)clean[k] < 0x20 || clean[k] == 0x7f)
			abort();
	if (text_width(s) < 0)
		abort();
	fit = text_fit(clean, cols, &used);
	if (fit > strlen(clean) || used > cols)
		abort();
	cell = text_cell(s, cols, (enum text_align)(data[0] % 3));
	if (text_width(cell) != cols)
		abort();
	free(cell);
	n = text_wrap(s, cols > 0 ? cols : 1, &lines);
	for (i = 0; i < n; i++)
		if (text_width(lines[i]) > (cols > 2 ? cols : 2))
			abort();
	text_wrap_free(lines, n);
	free(clean);
	free(s);
	return 0;
}
