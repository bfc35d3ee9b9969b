# headers.awk — every .c has its own header, included first, and declares no
# prototype of its own (docs/architecture.md: prototypes live only in headers).
# Run: awk [-v allow="FILE.c=HEADER.h ..."] -f tools/headers.awk FILE.c ...
# (tests/lint/test_headers.sh). allow names files whose header is another's (a part of
# a module that shares the module's header: HEADER.h, still first) or none ("-").
# Prints "FILE:LINE: why" for each breach; exits 1 if there was one.
# A prototype here: a file-scope declaration that ends in ";" with a "(" in it and no
# "=", not static and not a typedef (the sanitizer runtime's __ hooks aside: the
# runtime declares them); and any file-scope "extern".
# The file before: an own header never included is a breach too.
function finish() {
	if (FNR_prev_file != "" && !seen_include && !exempt) {
		printf "%s:1: never includes its own header\n", FNR_prev_file
		bad = 1
	}
	FNR_prev_file = FILENAME
}
function report(line, why) {
	printf "%s:%d: %s\n", FILENAME, line, why
	bad = 1
}
# The line without comments, strings and character constants (so braces in them do
# not count); incomment carries a comment over lines.
function strip(s,    out, c, n, i, q) {
	out = ""
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (incomment) {
			if (c == "*" && substr(s, i + 1, 1) == "/") {
				incomment = 0
				i++
			}
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "*") {
			incomment = 1
			i++
			continue
		}
		if (c == "/" && substr(s, i + 1, 1) == "/")
			break
		if (c == "\"" || c == "'") {
			q = c
			out = out q
			for (i++; i <= n; i++) {
				c = substr(s, i, 1)
				if (c == "\\") {
					i++
					continue
				}
				if (c == q)
					break
			}
			out = out q
			continue
		}
		out = out c
	}
	return out
}
BEGIN {
	n = split(allow, pairs, /[ \t\n]+/)
	for (i = 1; i <= n; i++)
		if (split(pairs[i], kv, "=") == 2)
			other[kv[1]] = kv[2]
}
FNR == 1 {
	finish()
	seen_include = 0
	depth = 0
	incomment = 0
	cont = 0
	stmt = ""
	start = 0
	own = FILENAME		# relative to the top of the tree
	sub(/\.c$/, ".h", own)
	exempt = 0
	if (FILENAME in other) {
		own = other[FILENAME]
		exempt = own == "-"
	}
	if (!exempt && system("test -f " own) != 0)
		report(1, "has no header of its own (" own ")")
}
/^[ \t]*#[ \t]*include/ && !seen_include && !incomment && !exempt {
	seen_include = 1
	if ($0 !~ "^[ \t]*#[ \t]*include[ \t]+\"" own "\"")
		report(FNR, "the first #include is not its own header \"" own "\"")
}
{
	s = strip($0)
	if (s ~ /^[ \t]*#/) {	# preprocessor lines (and their continuations) are not code
		cont = s ~ /\\$/
		next
	}
	if (cont) {
		cont = s ~ /\\$/
		next
	}
	if (depth == 0 && s ~ /[^ \t]/) {
		if (stmt == "")
			start = FNR
		stmt = stmt " " s
	}
	n = length(s)
	for (i = 1; i <= n; i++) {
		c = substr(s, i, 1)
		if (c == "{")
			depth++
		else if (c == "}")
			depth--
		else if (c == ";" && depth == 0) {
			st = stmt
			gsub(/^[ \t]+/, "", st)
			if (st ~ /^extern[ \t]/)
				report(start, "an extern declaration belongs in a header")
			else if (st ~ /\(/ && st !~ /=/ && st !~ /^(static|typedef)[ \t]/ &&
			    st !~ /[ \t*]__[a-z]+_default_[a-z_]+\(/)
				report(start, "a prototype belongs in a header: " substr(st, 1, 60))
			stmt = ""
		}
	}
	if (depth > 0 || s ~ /}[ \t]*$/)
		if (depth == 0 || index(s, "{"))
			stmt = ""
}
END {
	FILENAME = ""
	finish()
	exit bad
}
