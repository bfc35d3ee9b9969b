/*
 * fuzz_dates — date, 和暦 and fiscal-year parsing: an accepted date exists and formats back
 * to something that parses to the same date; a refusal carries a cause.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/fy.h"
#include "backend/cmd/staff_check.h"
#include "backend/lib/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = xstrndup((const char *)data, size), *cause = NULL, buf[FY_BUFSIZE];
	struct fy_date d, e;
	int fy, style;

	if (fy_date_parse(s, &d, &cause) == 0) {
		if (!fy_date_valid(d.year, d.month, d.day))
			abort();
		for (style = FY_DATE_ISO; style <= FY_DATE_JA_SHORT; style++) {
			fy_date_format(&d, (enum fy_date_style)style, buf, sizeof buf);
			if (fy_date_parse(buf, &e, NULL) != 0 || e.year != d.year ||
			    e.month != d.month || e.day != d.day)
				abort();
		}
	} else {
		if (cause == NULL)
			abort();
		free(cause);
	}
	cause = NULL;
	if (fy_parse(s, 2026, 2032, &fy, &cause) == 0) {
		if (fy < 2026 || fy > 2032)
			abort();
	} else
		free(cause);
	cause = NULL;
	if (staff_check(s, s, s, s, &cause) != 0)
		free(cause);
	free(s);
	return 0;
}
