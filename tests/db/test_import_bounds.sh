#!/bin/sh
# Imports cannot exhaust the server (issue 28): the file is streamed, so a 1,000,000-row
# (55 MB) `staff import` keeps its peak RSS within 64 MB of a command that imports nothing
# (figures printed), and either stops at the configured row limit (import.max_rows:
# nothing written, the line named) or, with every row bad, stops after 100 errors and
# counts the rest; progress goes to stderr; one import at a time per member (a second,
# while the first runs, is refused at once; another member's is not). Exports have their
# own bound (export.max_rows, tests/db/test_export_bounds.sh). The RSS is of the
# normal build (./rashin), as deployed: the sanitizer build's shadow memory would hide it.
. "$(dirname "$0")/../lib/common.sh"

BIN=$ROOT/rashin
export LANG=en_US.UTF-8
[ -x "$BIN" ] || { not_ok "the normal build ($BIN): make all first"; echo "1..$T_N"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/plan_fixture.sql" \
	>/dev/null || not_ok "fixtures load"
psql_q "SELECT setval('staff_id_seq', 10000)" >/dev/null
cp "$CONF" "$T_TMP/small.conf"; echo 'import: { max_rows = 20000; };' >>"$T_TMP/small.conf"
cp "$CONF" "$T_TMP/big.conf"; echo 'import: { max_rows = 2000000; };' >>"$T_TMP/big.conf"

# peak RSS (KiB) and seconds of: CONF-FILE command...; output in $T_TMP/o, $T_TMP/e
measure() {
	c=$1; shift
	/usr/bin/time -f '%M %e' -o "$T_TMP/time" "$BIN" -c "$c" "$@" >"$T_TMP/o" 2>"$T_TMP/e"; rc=$?
	last=$(tail -1 "$T_TMP/time"); rss=${last% *}; secs=${last#* }	# after any "exited with" line
}

# a staff member, 55 bytes a row, like the issue's 55 MB file
awk 'BEGIN { print "login,name,kana,dept,role"
	for (i = 0; i < 1000000; i++) printf "user%07d,山田 太郎%07d,やまだ たろう,T-A,readonly\n", i, i }' \
	>"$T_TMP/million.csv"
sed 's/,T-A,/,NOPE,/' "$T_TMP/million.csv" >"$T_TMP/million_bad.csv"
size=$(($(wc -c <"$T_TMP/million.csv") / 1048576))

measure "$CONF" whoami --as tadmin
base=$rss
expect_eq "baseline command: exit 0" 0 "$rc"

# 1. valid rows past the row limit: stopped at the limit, nothing written, memory flat
measure "$T_TMP/small.conf" staff import "$T_TMP/million.csv" --as tadmin
echo "# staff import of 1,000,000 rows ($size MiB), import.max_rows 20000: peak RSS ${rss} KiB (baseline ${base} KiB, +$(((rss - base) / 1024)) MiB), ${secs}s, exit $rc"
expect_eq "row limit: exit 1" 1 "$rc"
expect_contains "row limit: the line and the setting named" \
	"staff import: $T_TMP/million.csv: line 20002: more than 20000 rows (import.max_rows); split the file" "$(cat "$T_TMP/e")"
expect_eq "row limit: nothing written" 0 "$(psql_q "SELECT count(*) FROM staff WHERE login LIKE 'user%'")"
expect_eq "row limit: progress on stderr every 10,000 rows" \
	"rashin: staff import: 10000 rows read
rashin: staff import: 20000 rows read" "$(grep 'rows read' "$T_TMP/e")"
if [ $((rss - base)) -lt 65536 ]; then ok "row limit: peak RSS within 64 MiB of the baseline ($((rss - base)) KiB over)"
else not_ok "row limit: peak RSS within 64 MiB of the baseline" "$rss KiB vs $base KiB"; fi

# 2. every row bad, no row limit in the way: 100 errors, then the rest only counted
measure "$T_TMP/big.conf" staff import - --as tadmin <"$T_TMP/million_bad.csv"
echo "# staff import of 1,000,000 bad rows ($size MiB) from stdin, read to the end: peak RSS ${rss} KiB (+$(((rss - base) / 1024)) MiB), ${secs}s, exit $rc"
expect_eq "error cap: exit 1" 1 "$rc"
expect_eq "error cap: exactly 100 rows reported" 100 "$(grep -c 'unknown department code' "$T_TMP/e")"
expect_contains "error cap: the rest counted, nothing written" \
	"staff import: standard input: stopped after 100 errors; 999900 more rows were not checked; nothing was written" \
	"$(cat "$T_TMP/e")"
expect_eq "error cap: nothing written" 0 "$(psql_q "SELECT count(*) FROM staff WHERE login LIKE 'user%'")"
if [ $((rss - base)) -lt 65536 ]; then ok "whole file streamed: peak RSS within 64 MiB of the baseline ($((rss - base)) KiB over)"
else not_ok "whole file streamed: peak RSS within 64 MiB of the baseline" "$rss KiB vs $base KiB"; fi
if [ "${secs%.*}" -lt 120 ]; then ok "whole file read in reasonable time (${secs}s < 120s)"
else not_ok "whole file read in reasonable time" "${secs}s"; fi

# the same file with the shipped defaults (import.max_rows 100 000): bounded and quick
measure "$CONF" staff import - --as tadmin <"$T_TMP/million_bad.csv"
echo "# staff import of 1,000,000 bad rows ($size MiB), default config: peak RSS ${rss} KiB (+$(((rss - base) / 1024)) MiB), ${secs}s, exit $rc"
expect_eq "defaults: exit 1, 100 rows reported" "1 100" "$rc $(grep -c 'unknown department code' "$T_TMP/e")"
expect_contains "defaults: stopped at the row limit while counting" \
	"line 100002: more than 100000 rows (import.max_rows)" "$(cat "$T_TMP/e")"
if [ $((rss - base)) -lt 65536 ] && [ "${secs%.*}" -lt 60 ]; then
	ok "defaults: peak RSS within 64 MiB of the baseline ($((rss - base)) KiB over), ${secs}s"
else not_ok "defaults: peak RSS within 64 MiB of the baseline, under 60 s" "$rss KiB vs $base KiB, ${secs}s"; fi

# the same cap for the other importers' bad rows (one line each, an error per row)
awk 'BEGIN { print "measure,kpi,fy,actual"; for (i = 0; i < 500; i++) print "9-1,nokpi,2026,1" }' >"$T_TMP/kpi_bad.csv"
out=$("$BIN" -c "$CONF" kpi import "$T_TMP/kpi_bad.csv" --as tadmin 2>&1); rc=$?
expect_eq "kpi import: 500 bad rows: exit 1, 100 reported" "1 100" "$rc $(printf '%s\n' "$out" | grep -c 'line [0-9]*, column kpi')"
expect_contains "kpi import: the rest counted" "stopped after 100 errors; 400 more rows were not checked" "$out"

# 3. one import at a time per member
head -40001 "$T_TMP/million.csv" >"$T_TMP/forty.csv"
printf 'measure,kpi,fy,actual\n9-1,オンライン申請可能な手続数,2026,150\n' >"$T_TMP/kpi.csv"
# an import of this member's that is running: one that holds the member's import lock now
# (the lock store_tx_begin_import takes), held by a session of its own for 30 s
TADMIN=$(psql_q "SELECT id FROM staff WHERE login = 'tadmin'")
psql -qX -c "SELECT pg_advisory_lock(1380535632, $TADMIN), pg_sleep(30)" >/dev/null 2>&1 &
HOLDER=$!; track_pid $HOLDER
i=0; until [ "$(psql_q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1380535632 AND objid = $TADMIN AND granted")" = 1 ] || [ $i -ge 100 ]; do
	sleep 0.1; i=$((i + 1)); done
out=$("$BIN" -c "$CONF" kpi import "$T_TMP/kpi.csv" --as tadmin 2>&1); rc=$?
expect_eq "second import by the same member while the first runs: exit 1" 1 "$rc"
expect_contains "... refused, saying why" "another import of yours is still running (one at a time per member)" "$out"
psql_q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" >/dev/null
out=$("$BIN" -c "$CONF" kpi import "$T_TMP/kpi.csv" --as tlead 2>&1); rc=$?
expect_nomatch "another member's import is not held up" "another import of yours" "$out"
"$BIN" -c "$CONF" staff import "$T_TMP/forty.csv" --as tadmin >"$T_TMP/first.out" 2>"$T_TMP/first.err"; rc=$?
expect_eq "the first import completed" "0|40000 added, 0 updated, 0 unchanged, 0 bad row(s) skipped" "$rc|$(cat "$T_TMP/first.out")"
out=$("$BIN" -c "$CONF" kpi import "$T_TMP/kpi.csv" --as tadmin 2>&1); rc=$?
expect_eq "after it, the member imports again" "0" "$rc"

pg_stop
echo "1..$T_N"
