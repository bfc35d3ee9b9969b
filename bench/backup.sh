#!/bin/sh
# bench/backup.sh — backup and restore, measured (issue 27; not part of make check or
# make bench: minutes). A throwaway `rashin demo` (embedded cluster, demo data, WAL
# archived with pgBackRest to a repository in the temp directory); for the demo data and
# then for a million-row audit trail (appended through rs_audit_append, so the chain is
# real and `audit verify` walks it): `rashin backup --full` (time, its size in the
# repository), `backup verify` and `restore --latest --into DIR` (time, size restored),
# `audit verify` on the live chain. Everything is stopped by PID on exit.
#
#   AUDIT_ROWS=1000000   audit entries to add for the second half
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"	# EPOCHREALTIME: timing without a fork
. "$(dirname "$0")/../tests/lib/common.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RASHIN=$ROOT/rashin
ROWS=${AUDIT_ROWS:-1000000}
export LC_ALL=C.UTF-8
unset ASAN_OPTIONS
[ -x "$RASHIN" ] || { echo "bench/backup.sh: build first (make all)" >&2; exit 1; }
DEMO_PID=""
b_cleanup() {
	[ -n "$DEMO_PID" ] && kill -INT "$DEMO_PID" 2>/dev/null
	i=0; while [ -n "$DEMO_PID" ] && kill -0 "$DEMO_PID" 2>/dev/null && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1)); done
	[ -n "$DEMO_PID" ] && kill -KILL "$DEMO_PID" 2>/dev/null
	t_cleanup
}
trap b_cleanup EXIT
now_ms() { t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1000 }'; }
size() { du -sb "$1" 2>/dev/null | awk '{ printf "%.1f MB", $1 / 1048576 }'; }

PORT=$((20000 + $$ % 20000))
while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done
DATA=$T_TMP/var
REPO=$T_TMP/repo
CONF=$T_TMP/rashin.conf
cat >"$CONF" <<CONF
server: { listen = "127.0.0.1"; port = $PORT; host_key = "$DATA/ssh_host_ed25519_key"; };
database: { data_dir = "$DATA"; sql_dir = "$ROOT/sql"; };
backup: { archive = "auto"; repo_path = "$REPO"; };
log: { destination = "$T_TMP/rashin.log"; level = "info"; };
CONF
echo "bench/backup: rashin demo on an empty $DATA ..." >&2
"$RASHIN" -c "$CONF" demo >"$T_TMP/demo.out" 2>&1 &
DEMO_PID=$!
export PGHOST=$DATA/run PGUSER=postgres PGDATABASE=rashin PGPORT=5432
i=0; until psql -qXAt -c "SELECT 1 FROM staff LIMIT 1" >/dev/null 2>&1 &&
	grep -q "sshd: listening on" "$T_TMP/rashin.log" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 1200 ] && { cat "$T_TMP/demo.out"; exit 1; }
	sleep 0.1
done

# one round: full backup, verify, restore into a new directory
round() {	# round LABEL
	r=$T_TMP/restore-$RANDOM
	audit=$(psql -qXAt -c "SELECT count(*) FROM audit_log")
	db=$(psql -qXAt -c "SELECT pg_size_pretty(pg_database_size('rashin'))")
	before=$(du -sb "$REPO" | cut -f1)
	t0=$(now_ms); "$RASHIN" -c "$CONF" backup --full >"$T_TMP/b.out" 2>&1 || { cat "$T_TMP/b.out"; exit 1; }
	t1=$(now_ms)
	after=$(du -sb "$REPO" | cut -f1)
	t2=$(now_ms); "$RASHIN" -c "$CONF" backup verify >"$T_TMP/v.out" 2>&1 || { cat "$T_TMP/v.out"; exit 1; }
	t3=$(now_ms)
	t4=$(now_ms); "$RASHIN" -c "$CONF" restore --latest --into "$r" >"$T_TMP/r.out" 2>&1 || { cat "$T_TMP/r.out"; exit 1; }
	t5=$(now_ms)
	t6=$(now_ms); "$RASHIN" -c "$CONF" audit verify >"$T_TMP/a.out" 2>&1 || { cat "$T_TMP/a.out"; exit 1; }
	t7=$(now_ms)
	printf '%-28s %s\n' "$1" "" \
		"  audit entries" "$audit" \
		"  database rashin" "$db" \
		"  backup --full" "$(secs $t0 $t1) s, $(awk -v a="$before" -v b="$after" 'BEGIN { printf "%.1f MB", (b - a) / 1048576 }') added to the repository" \
		"  backup verify" "$(secs $t2 $t3) s ($(tail -1 "$T_TMP/v.out"))" \
		"  restore --latest --into" "$(secs $t4 $t5) s, $(size "$r") restored" \
		"  audit verify (live)" "$(secs $t6 $t7) s" \
		"  repository in all" "$(size "$REPO")"
	rm -rf "$r"
}

echo "== backup and restore, measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores (load $(cut -d' ' -f1 /proc/loadavg)) =="
round "demo data"
echo "bench/backup: appending $ROWS audit entries ..." >&2
t0=$(now_ms)
left=$ROWS
while [ "$left" -gt 0 ]; do
	n=$((left > 100000 ? 100000 : left))
	psql -qX -v ON_ERROR_STOP=1 -c "SELECT count(rs_audit_append(NULL, 'bench', g::text, 'EVENT', NULL,
		jsonb_build_object('n', g, 'note', 'bench/backup.sh'))) FROM generate_series(1, $n) g" >/dev/null || exit 1
	left=$((left - n))
done
t1=$(now_ms)
echo "  ($ROWS entries appended in $(secs $t0 $t1) s)"
round "with $ROWS more audit entries"
