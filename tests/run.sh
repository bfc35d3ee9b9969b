#!/bin/sh
# The whole suite: unit tests (cmocka), database tests and console tests (tests/db, tests/ui).
# Every test program prints its own results; this script adds them up and ends with
# the line "N passed, N failed".
set -u
cd "$(dirname "$0")/.." || exit 2
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
LOG=build-san/test-logs
rm -rf "$LOG"; mkdir -p "$LOG"
passed=0; failed=0; start=$(date +%s)
only="${TESTS:-}"

count() {	# add the counts a finished program reported; $1 log, $2 exit status, $3 name
	p=$(grep -Eo '^\[  PASSED  \] [0-9]+' "$1" | awk '{s+=$NF} END {print s+0}')
	f=$(grep -Eo '^\[  FAILED  \] [0-9]+ test' "$1" | awk '{s+=$4} END {print s+0}')
	tp=$(grep -c '^ok ' "$1"); tf=$(grep -c '^not ok ' "$1")
	p=$((p + tp)); f=$((f + tf))
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "FAIL $3: exited $2 with no failed test counted"; fi
	passed=$((passed + p)); failed=$((failed + f))
	printf '%-40s %4d passed %4d failed %5ss\n' "$3" "$p" "$f" "$(( $(date +%s) - t0 ))"
	if [ "$f" -ne 0 ]; then grep -E '^not ok|^\[  FAILED  \]|^\[  ERROR   \]|ERROR:|runtime error' "$1" | head -20 | sed 's/^/    /'; fi
}

for t in build-san/tests/test_*; do
	[ -x "$t" ] || continue
	n=$(basename "$t")
	[ -f "tests/unit/$n.c" ] || continue	# left over from a test since moved or removed
	case " $only " in "  "|*" $n "*) ;; *) continue ;; esac
	t0=$(date +%s)
	"$t" >"$LOG/$n.log" 2>&1; rc=$?
	count "$LOG/$n.log" $rc "unit/$n"
done
for t in tests/lint/test_*.sh tests/db/test_*.sh tests/ui/test_*.sh; do
	[ -f "$t" ] || continue
	n=$(basename "$t" .sh)
	case " $only " in "  "|*" $n "*) ;; *) continue ;; esac
	t0=$(date +%s)
	sh "$t" >"$LOG/$n.log" 2>&1 </dev/null; rc=$?
	count "$LOG/$n.log" $rc "$(basename "$(dirname "$t")")/$n"
done
echo "logs in $LOG; whole suite $(( $(date +%s) - start ))s"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
