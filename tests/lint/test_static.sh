#!/bin/sh
# Static checks that are part of the standard: cppcheck clean, and every SQL statement a
# constant string (no PQexec of a built string, no SQL assembled with printf).
. "$(dirname "$0")/../lib/common.sh"
cd "$ROOT" || exit 1

out=$(cppcheck --quiet --enable=warning,performance,portability --inline-suppr --std=c11 -I. \
	--suppress=missingIncludeSystem --error-exitcode=1 rashin.c backend tui screens 2>&1); rc=$?
if [ $rc -eq 0 ]; then ok "cppcheck clean"; else not_ok "cppcheck clean" "$out"; fi

out=$(grep -nE 'PQexec\(' rashin.c backend/*.c backend/*/*.c tui/*.c screens/*.c 2>/dev/null)
expect_eq "no PQexec (every statement goes through PQexecParams)" "" "$out"
out=$(grep -nE 'printf\([^;]*(SELECT|INSERT|UPDATE|DELETE) ' rashin.c backend/*.c backend/*/*.c tui/*.c screens/*.c 2>/dev/null)
expect_eq "no SQL built with printf" "" "$out"
out=$(grep -lE '#include <(curses|ncurses)\.h>' backend/*.c backend/*.h backend/*/*.c backend/*/*.h screens/*.c 2>/dev/null)
expect_eq "only tui/tui.h includes curses" "" "$out"
out=$(grep -lE '#include <(libpq-fe|libssh/.*)\.h>' tui/*.c tui/*.h 2>/dev/null)
expect_eq "tui/ includes neither libpq nor libssh" "" "$out"
big=$(wc -l rashin.c backend/*.c backend/*/*.c tui/*.c screens/*.c 2>/dev/null | awk '$2 != "total" && $1 > 800 {print $2 " (" $1 ")"}')
expect_eq "no source file over 800 lines" "" "$big"
