/*
 * sqlsplit — a small lexer over PostgreSQL script syntax: '...' strings (with ''),
 * E'...' strings (with backslash escapes), "..." identifiers, $tag$...$tag$ bodies,
 * -- and nested block comments. Semicolons outside all of these end a statement.
 */
#include "backend/lib/sqlsplit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "backend/lib/util.h"

static int
is_blank_stmt(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!isspace((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Length of a dollar-quote tag starting at s ("$$" or "$tag$"), or 0. */
static size_t
dollar_tag(const char *s)
{
	size_t i = 1;

	if (s[0] != '$')
		return 0;
	if (s[1] == '$')
		return 2;
	if (!(isalpha((unsigned char)s[1]) || s[1] == '_'))
		return 0;
	while (isalnum((unsigned char)s[i]) || s[i] == '_')
		i++;
	return s[i] == '$' ? i + 1 : 0;
}

int
sqlsplit(const char *script, struct sql_stmt **out, char **cause)
{
	struct sql_stmt *v = NULL;
	const char *p = script, *start = script, *q;
	int n = 0, line = 1, start_line = 1, depth, open_line;
	size_t tag;

	*out = NULL;
	while (*p != '\0') {
		open_line = line;
		if (p[0] == '-' && p[1] == '-') {
			while (*p != '\0' && *p != '\n')
				p++;
			continue;
		}
		if (p[0] == '/' && p[1] == '*') {
			for (depth = 1, p += 2; *p != '\0' && depth > 0; p++) {
				if (*p == '\n')
					line++;
				else if (p[0] == '/' && p[1] == '*')
					depth++, p++;
				else if (p[0] == '*' && p[1] == '/')
					depth--, p++;
			}
			if (depth > 0)
				goto unterminated;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			char quote = *p;
			int backslash = quote == '\'' && p > script &&
			    (p[-1] == 'E' || p[-1] == 'e') &&
			    (p - 1 == script || !isalnum((unsigned char)p[-2]));

			for (p++;; p++) {
				if (*p == '\0')
					goto unterminated;
				if (*p == '\n')
					line++;
				if (backslash && *p == '\\' && p[1] != '\0') {
					p++;
					continue;
				}
				if (*p == quote) {
					if (p[1] == quote) {
						p++;
						continue;
					}
					break;
				}
			}
			p++;
			continue;
		}
		if (*p == '$' && (tag = dollar_tag(p)) > 0 &&
		    (p == script || !(isalnum((unsigned char)p[-1]) || p[-1] == '_'))) {
			for (q = p + tag;; q++) {
				if (*q == '\0')
					goto unterminated;
				if (*q == '\n')
					line++;
				if (*q == '$' && strncmp(q, p, tag) == 0)
					break;
			}
			p = q + tag;
			continue;
		}
		if (*p == ';') {
			if (!is_blank_stmt(start, (size_t)(p - start))) {
				v = xreallocarray(v, (size_t)n + 1, sizeof *v);
				v[n].text = xstrndup(start, (size_t)(p - start));
				v[n].line = start_line;
				n++;
			}
			/* the next statement starts at its first non-blank character */
			for (p++; *p == '\n' || *p == ' ' || *p == '\t' || *p == '\r'; p++)
				if (*p == '\n')
					line++;
			start = p;
			start_line = line;
			continue;
		}
		if (*p == '\n')
			line++;
		p++;
		continue;
unterminated:
		sqlsplit_free(v, n);
		return set_cause(cause, "line %d: unterminated quote or comment", open_line);
	}
	if (!is_blank_stmt(start, strlen(start))) {
		/* a last statement without ';' is fine unless it is only comments */
		const char *s = start;
		int only_comments = 1;

		while (*s != '\0') {
			if (s[0] == '-' && s[1] == '-') {
				while (*s != '\0' && *s != '\n')
					s++;
			} else if (!isspace((unsigned char)*s)) {
				only_comments = 0;
				break;
			} else
				s++;
		}
		if (!only_comments) {
			v = xreallocarray(v, (size_t)n + 1, sizeof *v);
			v[n].text = xstrdup(start);
			v[n].line = start_line;
			n++;
		}
	}
	*out = v;
	return n;
}

void
sqlsplit_free(struct sql_stmt *v, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(v[i].text);
	free(v);
}
