#!/bin/sh
# Exports cannot exhaust the server (issue 28, "the same for exports"): rows stream from a
# cursor in one snapshot to the output, so a 200 000-row `audit export` keeps its peak
# RSS within 64 MiB of a command that exports nothing (figure printed) and writes every
# row; progress goes to stderr; export.max_rows refuses a larger export before its first
# byte, saying how many rows it has; one export at a time per member (a second, while the
# first runs, is refused naming it; another member's is not held up). The RSS is of the
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
cp "$CONF" "$T_TMP/small.conf"; echo 'export: { max_rows = 100000; };' >>"$T_TMP/small.conf"
TADMIN=$(psql_q "SELECT id FROM staff WHERE login = 'tadmin'")
N=200000

# 200 000 entries of the trail in June 2026, written as the owner (the chain is not the
# point here: audit verify is not run), each with a before and an after
psql_q "INSERT INTO audit_log (at, staff_id, tbl, key, action, before, after, prev_hash, hash)
	SELECT timestamptz '2026-06-01 09:00+09' + g * interval '1 second', $TADMIN, 'risk', g::text,
		'UPDATE', jsonb_build_object('status', 'open', 'title', 'リスク ' || g, 'version', 1),
		jsonb_build_object('status', 'in_progress', 'title', 'リスク ' || g, 'version', 2),
		repeat('0', 64), repeat('0', 64)
	FROM generate_series(1, $N) g" >/dev/null || not_ok "200 000 audit rows inserted"
IN_JUNE="--from 2026-06-01 --to 2026-06-30"

# peak RSS (KiB) and seconds of: CONF-FILE command...; output in $T_TMP/o, $T_TMP/e
measure() {
	c=$1; shift
	/usr/bin/time -f '%M %e' -o "$T_TMP/time" "$BIN" -c "$c" "$@" >"$T_TMP/o" 2>"$T_TMP/e"; rc=$?
	last=$(tail -1 "$T_TMP/time"); rss=${last% *}; secs=${last#* }
}
measure "$CONF" whoami --as tadmin
base=$rss

# 1. a large export streams: every row, memory flat
measure "$CONF" audit export $IN_JUNE --csv --as tadmin
size=$(($(wc -c <"$T_TMP/o") / 1048576))
echo "# audit export of $N rows ($size MiB of CSV): peak RSS ${rss} KiB (baseline ${base} KiB, +$(((rss - base) / 1024)) MiB), ${secs}s, exit $rc"
expect_eq "large export: exit 0, a header and every row" "0 $((N + 1))" "$rc $(wc -l <"$T_TMP/o")"
expect_eq "... the rows are the June entries, newest first" \
	"$(psql_q "SELECT max(id) || ',' || min(id) FROM audit_log WHERE tbl = 'risk' AND at >= '2026-06-01' AND at < '2026-07-01'")" \
	"$(sed -n 2p "$T_TMP/o" | cut -d, -f1),$(tail -1 "$T_TMP/o" | cut -d, -f1)"
if [ $((rss - base)) -lt 65536 ]; then ok "large export: peak RSS within 64 MiB of the baseline ($((rss - base)) KiB over)"
else not_ok "large export: peak RSS within 64 MiB of the baseline" "$rss KiB vs $base KiB"; fi
expect_eq "progress on stderr every 10,000 rows" "$((N / 10000))|rashin: audit export: 10000 of $N rows written" \
	"$(grep -c 'rows written' "$T_TMP/e")|$(head -1 "$T_TMP/e")"
measure "$CONF" audit export $IN_JUNE --json --as tadmin
echo "# the same as JSON: peak RSS ${rss} KiB (+$(((rss - base) / 1024)) MiB), ${secs}s"
expect_eq "as JSON: exit 0, every row" "0 $N" "$rc $(grep -c '^ *{"id"' "$T_TMP/o")"
if [ $((rss - base)) -lt 65536 ]; then ok "as JSON: peak RSS within 64 MiB of the baseline"
else not_ok "as JSON: peak RSS within 64 MiB of the baseline" "$rss KiB vs $base KiB"; fi
measure "$CONF" audit export $IN_JUNE --table risk --limit 5 --as tadmin
expect_eq "as text with --limit: a heading and 5 rows" "0 6" "$rc $(wc -l <"$T_TMP/o")"

# 2. export.max_rows: refused before the first byte, saying how many
measure "$T_TMP/small.conf" audit export $IN_JUNE --csv --as tadmin
expect_eq "over export.max_rows: exit 1, nothing written" "1 0" "$rc $(wc -c <"$T_TMP/o")"
expect_eq "... saying how many rows, the limit and how to narrow it" \
	"rashin: audit export: $N rows, more than 100000 (export.max_rows); nothing was written: narrow it (--from, --to, --table, --who, --limit) or raise the limit" \
	"$(cat "$T_TMP/e")"
measure "$T_TMP/small.conf" audit export $IN_JUNE --csv --limit 100000 --as tadmin
expect_eq "... narrowed to the limit: written" "0 100001" "$rc $(wc -l <"$T_TMP/o")"
measure "$T_TMP/small.conf" staff export --as tadmin
expect_eq "... a small export under the same limit is not held up" 0 "$rc"

# 3. one export at a time per member: tadmin's audit export held (its output is a FIFO
# nobody reads past the pipe's buffer), so it keeps its transaction and its lock
mkfifo "$T_TMP/fifo"
sleep 60 <"$T_TMP/fifo" &
READER=$!; track_pid $READER
"$BIN" -c "$CONF" audit export $IN_JUNE --csv --as tadmin >"$T_TMP/fifo" 2>"$T_TMP/held.err" &
WRITER=$!; track_pid $WRITER
i=0; until [ "$(psql_q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1380276304 AND objid = $TADMIN AND granted")" = 1 ] || [ $i -ge 150 ]; do
	sleep 0.1; i=$((i + 1)); done
expect_eq "the held export takes the member's export lock" 1 \
	"$(psql_q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1380276304 AND objid = $TADMIN AND granted")"
out=$("$BIN" -c "$CONF" staff export --as tadmin 2>&1 >"$T_TMP/second.csv"); rc=$?
expect_eq "a second export by the same member: exit 1, nothing written" "1 0" "$rc $(wc -c <"$T_TMP/second.csv")"
expect_match "... refused, naming the export that runs" \
	"^rashin: staff export: another export of yours is still running \(audit export, since [0-9-]+ [0-9:]+; one at a time per member\); try again when it has finished$" "$out"
out=$(LANG=ja_JP.UTF-8 "$BIN" -c "$CONF" mig export --as tadmin 2>&1 >/dev/null)
expect_contains "... said in Japanese" "実行中" "$out"
out=$("$BIN" -c "$CONF" audit export $IN_JUNE --table risk --limit 3 --csv --as tauditor 2>&1); rc=$?
expect_eq "another member's export runs meanwhile" "0 4" "$rc $(printf '%s\n' "$out" | wc -l)"
out=$(printf 'measure,kpi,fy,actual\n9-1,オンライン申請可能な手続数,2026,150\n' |
	"$BIN" -c "$CONF" kpi import - --as tadmin 2>&1); rc=$?
expect_eq "the member's import is not held up by their export" 0 "$rc"
kill $READER $WRITER 2>/dev/null
[ -z "$(left_alive 100 $WRITER)" ] && ok "the held export ends when its reader goes" || not_ok "the held export ends"
i=0; until [ "$(psql_q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1380276304 AND granted")" = 0 ] || [ $i -ge 100 ]; do
	sleep 0.1; i=$((i + 1)); done
out=$("$BIN" -c "$CONF" staff export --as tadmin 2>&1 >/dev/null); rc=$?
expect_eq "after it, the member exports again" "0|" "$rc|$out"

# the lock held from elsewhere (as test_import_bounds holds the import lock): refused too
psql -qX -c "SELECT pg_advisory_lock(1380276304, $TADMIN), pg_sleep(30)" >/dev/null 2>&1 &
HOLDER=$!; track_pid $HOLDER
i=0; until [ "$(psql_q "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1380276304 AND objid = $TADMIN AND granted")" = 1 ] || [ $i -ge 100 ]; do
	sleep 0.1; i=$((i + 1)); done
out=$("$BIN" -c "$CONF" vdi export --format csv --as tadmin 2>&1 >"$T_TMP/v.csv"); rc=$?
expect_eq "vdi export while the member's lock is held elsewhere: refused, nothing written" "1 0" "$rc $(wc -c <"$T_TMP/v.csv")"
expect_contains "... saying why" "another export of yours is still running" "$out"
psql_q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" >/dev/null

pg_stop
echo "1..$T_N"
