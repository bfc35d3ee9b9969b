#!/bin/sh
# Run every libFuzzer harness for FUZZ_SECONDS (default 60) from its committed seed corpus
# (tests/fuzz/corpus/NAME), on a scratch copy so the committed corpus only grows by hand.
# Prints one line per harness: execs, execs/s, crashes. Crashes are kept under build-fuzz/.
# FUZZ_ONLY="argv form" runs only those harnesses.
set -u
cd "$(dirname "$0")/../.." || exit 2
SECS=${FUZZ_SECONDS:-60}
export ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
printf '%-14s %12s %10s %8s\n' harness execs "execs/s" crashes
for bin in build-fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin#build-fuzz/fuzz_}
	case " ${FUZZ_ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
	work=build-fuzz/work-$name; crash=build-fuzz/crashes-$name
	rm -rf "$work" "$crash"; mkdir -p "$work" "$crash"
	[ -d "tests/fuzz/corpus/$name" ] && cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
	"$bin" -max_total_time="$SECS" -max_len=4096 -print_final_stats=1 -artifact_prefix="$crash/" \
		"$work" > "build-fuzz/$name.log" 2>&1
	rc=$?
	execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "build-fuzz/$name.log" | grep -Eo '[0-9]+$')
	rate=$(grep -Eo 'stat::average_exec_per_sec: *[0-9]+' "build-fuzz/$name.log" | grep -Eo '[0-9]+$')
	n=$(ls "$crash" | wc -l)
	printf '%-14s %12s %10s %8s\n' "$name" "${execs:-?}" "${rate:-?}" "$n"
	[ $rc -ne 0 ] || [ "$n" -ne 0 ] && status=1
done
exit $status
