#!/bin/sh
# The layers are checked by the compiler (tools/layers.sh, docs/architecture.md): a file
# planted in a layer that includes something above it must stop the build with the
# layer's message, through the Makefile's own rule; the same file including what its
# layer may use must build (so the failure is the guard's, not something else's).
. "$(dirname "$0")/../lib/common.sh"
cd "$ROOT" || exit 1

PLANTED=""
cleanup_planted() {
	for f in $PLANTED; do rm -f "$f" "build/${f%.c}.o" "build/${f%.c}.d"; done
}
trap 'cleanup_planted; t_cleanup' EXIT INT TERM

# probe DIR INCLUDE: try to build DIR/zz_layer_probe.c holding only #include INCLUDE.
probe() {
	f="$1/zz_layer_probe.c"
	PLANTED="$PLANTED $f"
	printf '#include %s\nint zz_layer_probe(void);\nint zz_layer_probe(void) { return 0; }\n' \
	    "$2" >"$f"
	rm -f "build/${f%.c}.o"
	out=$(make -s --no-print-directory "build/${f%.c}.o" 2>&1); rc=$?
	rm -f "$f" "build/${f%.c}.o" "build/${f%.c}.d"
	return $rc
}

# caught LAYER DIR INCLUDE: the planted include fails the build with the guard's words.
caught() {
	if probe "$2" "$3"; then
		not_ok "$1 may not include $3 (it built)"
	else
		expect_contains "$1 may not include $3" "layers: $1/ may not include" "$out"
	fi
}
allowed() {
	if probe "$2" "$3"; then ok "$1 may include $3"; else not_ok "$1 may include $3" "$out"; fi
}

caught store backend/store '"tui/table.h"'
caught store backend/store '<curses.h>'
caught store backend/store '<ncursesw/curses.h>'
caught store backend/store '"screens/console.h"'
caught store backend/store '"backend/cmd/cmd.h"'
caught lib backend/lib '"backend/store/db.h"'
caught lib backend/lib '<libpq-fe.h>'
caught lib backend/lib '"tui/form.h"'
caught cmd backend/cmd '"tui/dialog.h"'
caught cmd backend/cmd '"backend/sshd/sshd.h"'
caught cmd backend/cmd '<libpq-fe.h>'
caught cmd backend/cmd '"backend/store/db.h"'
caught sshd backend/sshd '"backend/store/db.h"'
caught tui tui '"backend/store/store_staff.h"'
caught tui tui '<libpq-fe.h>'
caught screens screens '"backend/serve.h"'

allowed store backend/store '"backend/lib/page.h"'
allowed cmd backend/cmd '"backend/store/store_mig.h"'
allowed cmd backend/cmd '"backend/store/store_staff_io.h"'
allowed screens screens '"tui/table.h"'
allowed tui tui '"backend/lib/text.h"'
# A header that includes upward, included from a layer's own file, is caught too.
PLANTED="$PLANTED backend/store/zz_layer_probe.h"
printf '#include "tui/table.h"\n' >backend/store/zz_layer_probe.h
if probe backend/store '"backend/store/zz_layer_probe.h"'; then
	not_ok "store: an upward include behind a header of its own is caught (it built)"
else
	expect_contains "store: an upward include behind a header of its own is caught" \
	    "layers: store/ may not include tui/table.h" "$out"
fi
rm -f backend/store/zz_layer_probe.h

echo "1..$T_N"
