/*
 * fuzz_csv — the CSV reader on arbitrary bytes (any encoding): never crashes, and what it
 * accepts is valid UTF-8 with line numbers in order.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/csv.h"
#include "backend/lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_doc doc;
	char *cause = NULL;
	int i, j, last = 0;

	if (csv_read((const char *)data, size, &doc, &cause) != 0) {
		if (cause == NULL || strncmp(cause, "line ", 5) != 0 &&
		    strncmp(cause, "the file", 8) != 0)
			abort();
		free(cause);
		return 0;
	}
	for (i = 0; i < doc.nrows; i++) {
		if (doc.rows[i].line <= last)
			abort();
		last = doc.rows[i].line;
		for (j = 0; j < doc.rows[i].nfields; j++)
			if (!utf8_valid(doc.rows[i].fields[j], strlen(doc.rows[i].fields[j])))
				abort();
	}
	csv_free(&doc);
	return 0;
}
