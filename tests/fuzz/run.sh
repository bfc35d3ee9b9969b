#!/bin/sh
# Run every libFuzzer harness, one at a time, from its committed seed corpus
# (tests/fuzz/corpus/NAME) on a scratch copy (build-fuzz/work-NAME), so the committed corpus
# only grows by hand. Each run stops at FUZZ_SECONDS (default 30) or, if FUZZ_RUNS is set,
# after that many executions, whichever comes first. FUZZ_ONLY="argv form" picks harnesses;
# FUZZ_KEEP=1 continues from the scratch corpus of an earlier run instead of the seeds.
# Prints one line per harness: execs, execs/s, coverage at start and end, crashes, seconds.
# Crashes are kept under build-fuzz/crashes-NAME/, the full log in build-fuzz/NAME.log.
# The 10 M campaign (tests/fuzz/RESULTS.md):
#   FUZZ_ONLY=NAME FUZZ_RUNS=10000000 FUZZ_SECONDS=7200 nice -n 19 make fuzz
set -u
cd "$(dirname "$0")/../.." || exit 2
SECS=${FUZZ_SECONDS:-30}
# malloc_context_size=0: no allocation/free stack kept per malloc (a fifth of the time in the
# allocation-heavy harnesses); detection is the same, only a report lacks those two stacks:
# re-run the crashing input (build-fuzz/fuzz_NAME FILE) with default options to get them.
export ASAN_OPTIONS=detect_leaks=1:malloc_context_size=0
export LSAN_OPTIONS=suppressions=$PWD/tests/fuzz/lsan.supp
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
status=0
printf '%-8s %10s %8s %11s %7s %5s\n' harness execs "execs/s" "cov" crashes secs
for bin in build-fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=${bin#build-fuzz/fuzz_}
	case " ${FUZZ_ONLY:-$name} " in *" $name "*) ;; *) continue ;; esac
	work=build-fuzz/work-$name; crash=build-fuzz/crashes-$name; log=build-fuzz/$name.log
	rm -rf "$crash"; mkdir -p "$crash"
	if [ "${FUZZ_KEEP:-0}" != 1 ] || [ ! -d "$work" ]; then
		rm -rf "$work"; mkdir -p "$work"
		cp tests/fuzz/corpus/"$name"/* "$work"/ 2>/dev/null
	fi
	set -- -max_total_time="$SECS" -max_len=4096 -print_final_stats=1 -artifact_prefix="$crash/"
	[ -n "${FUZZ_RUNS:-}" ] && set -- "$@" -runs="$FUZZ_RUNS"
	# libconfig 1.5 leaks on some syntax errors: per-input leak checks would rescan the
	# heap on most inputs; LeakSanitizer still checks the whole run at exit (fuzz_config.c)
	[ "$name" = config ] && set -- "$@" -detect_leaks=0
	start=$(date +%s)
	"$bin" "$@" "$work" > "$log" 2>&1
	rc=$?
	secs=$(( $(date +%s) - start ))
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
	cov0=$(sed -n 's/.*INITED cov: \([0-9]*\).*/\1/p' "$log" | head -n 1)
	cov1=$(sed -n 's/.*DONE *cov: \([0-9]*\).*/\1/p' "$log" | tail -n 1)
	n=$(ls "$crash" | wc -l)
	printf '%-8s %10s %8s %11s %7s %5s\n' "$name" "${execs:-?}" "${rate:-?}" \
	    "${cov0:-?}->${cov1:-?}" "$n" "$secs"
	{ [ $rc -ne 0 ] || [ "$n" -ne 0 ]; } && status=1
done
exit $status
