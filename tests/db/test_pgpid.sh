#!/bin/sh
# The embedded PostgreSQL is followed by its postmaster.pid (backend/store/pgembed.c), not
# by the pid rashin started (issue 28): after a `pg_ctl restart` from outside, stopping the
# demo stops the server that runs; a demo that finds a live postmaster it did not start
# refuses, saying so, and serves nothing from it; "running (pid N)" names the server that
# answers. A demo killed with -9 leaves no PostgreSQL and no session process, and its next
# start closes the login it left open in the audit trail.
. "$(dirname "$0")/../lib/common.sh"

export LANG=en_US.UTF-8	# messages compared below are the English ones
VAR=$T_TMP/var
CONF=$T_TMP/pgpid.conf
PORT=$((20000 + $$ % 20000))
while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done
printf 'database: { data_dir = "%s"; };\nlog: { destination = "%s/rashin.log"; };\nserver: { port = %d; host_key = "%s/hostkey"; login_grace_time = 5; idle_timeout = 0; };\n' \
	"$VAR" "$T_TMP" "$PORT" "$T_TMP" > "$CONF"
BIN=$(pg_bindir) || { not_ok "PostgreSQL binaries"; exit 1; }
# as the cluster's owner (the system user rashin-db when we are root)
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u rashin-db -- "$@"; else "$@"; fi; }
# pg_ctl's server logs, where that user may write
OUT=$T_TMP/outside; mkdir -p "$OUT"; [ "$(id -u)" -eq 0 ] && chown rashin-db "$OUT"
pm_pid() { head -1 "$VAR/pg/postmaster.pid" 2>/dev/null; }
# every PostgreSQL process of this data directory (their working directory is it)
pg_procs() {
	d=$(realpath "$VAR/pg")
	for p in $(pgrep -x postgres); do [ "$(readlink "/proc/$p/cwd" 2>/dev/null)" = "$d" ] && echo "$p"; done
}
# A server started from outside is not our child: stop whatever runs there at the end too.
trap 'as_owner "$BIN/pg_ctl" stop -D "$VAR/pg" -m immediate >/dev/null 2>&1; t_cleanup' EXIT

# start_demo OUT: the demo in the background (DEMO its pid), its log in a fresh
# $T_TMP/rashin.log; waits until it accepts connections (its log's "sshd: ready", after the
# audit trail's start entry) or has exited (up to 60 s)
start_demo() {
	: > "$T_TMP/rashin.log"
	(cd "$ROOT" && exec "$RASHIN" -c "$CONF" demo > "$1" 2>&1) &
	DEMO=$!
	track_pid $DEMO
	i=0
	until grep -q "sshd: ready" "$T_TMP/rashin.log" 2>/dev/null || ! kill -0 $DEMO 2>/dev/null || [ $i -gt 600 ]; do
		sleep 0.1; i=$((i + 1))
	done
}
# stop_demo: SIGTERM, and wait for it (up to 40 s: PostgreSQL's fast shutdown)
stop_demo() {
	kill -TERM $DEMO 2>/dev/null
	i=0; while kill -0 $DEMO 2>/dev/null && [ $i -lt 400 ]; do sleep 0.1; i=$((i + 1)); done
}

# --- pg_ctl restart from outside, then the demo's stop ----------------------------------
start_demo "$T_TMP/demo1.out"
P1=$(pm_pid)
expect_eq "the demo's PostgreSQL is the demo's child" "$DEMO" "$(awk '{print $4}' "/proc/$P1/stat" 2>/dev/null)"
expect_match "the log names the server that runs" "embedded PostgreSQL running \\(pid $P1," "$(cat "$T_TMP/rashin.log")"
as_owner "$BIN/pg_ctl" restart -D "$VAR/pg" -m fast -w -t 60 -l "$OUT/restart.log" >"$T_TMP/pg_ctl.out" 2>&1 ||
	not_ok "pg_ctl restart" "$(cat "$T_TMP/pg_ctl.out"; tail -5 "$OUT/restart.log")"
P2=$(pm_pid)
[ -n "$P2" ] && [ "$P2" != "$P1" ] && ok "pg_ctl restart: another postmaster ($P2, not $P1)" ||
	not_ok "pg_ctl restart: another postmaster" "$P1 -> $P2"
track_pid "$P2"
stop_demo
kill -0 $DEMO 2>/dev/null && not_ok "demo exits on SIGTERM" || ok "demo exits on SIGTERM"
alive "$P2" && not_ok "the restarted postmaster is stopped with the demo" "$(ps -o pid,ppid,args -p "$P2")" ||
	ok "the restarted postmaster is stopped with the demo"
expect_eq "no PostgreSQL process of the data directory is left" "" "$(pg_procs)"
expect_eq "postmaster.pid is gone" no "$([ -e "$VAR/pg/postmaster.pid" ] && echo yes || echo no)"
expect_match "the log says it stopped the restarted one" "restarted from outside \\(pid $P2, not $P1\\)" "$(cat "$T_TMP/rashin.log")"

# --- a live postmaster the demo did not start ---------------------------------------------
as_owner "$BIN/pg_ctl" start -D "$VAR/pg" -w -t 60 -l "$OUT/foreign.log" \
	-o "-k $VAR/run -c listen_addresses= -c port=5432" >"$T_TMP/pg_ctl.out" 2>&1 ||
	not_ok "pg_ctl start from outside" "$(cat "$T_TMP/pg_ctl.out"; tail -5 "$OUT/foreign.log")"
P3=$(pm_pid)
track_pid "$P3"
start_demo "$T_TMP/demo2.out"
if kill -0 $DEMO 2>/dev/null; then
	not_ok "a demo beside a foreign postmaster refuses to start" "$(cat "$T_TMP/demo2.out")"
	stop_demo
else
	wait $DEMO; rc=$?
	expect_eq "a demo beside a foreign postmaster: exit 1" 1 "$rc"
fi
expect_match "it says which server runs and that rashin did not start it" \
	"the embedded PostgreSQL in $VAR/pg is already running \\(pid $P3 in its postmaster.pid\\) and was not started by this rashin" \
	"$(cat "$T_TMP/demo2.out")"
expect_contains "it says how to stop it" "pg_ctl stop -D $VAR/pg -m fast" "$(cat "$T_TMP/demo2.out")"
expect_nomatch "it reports no running server of its own" "embedded PostgreSQL running" "$(cat "$T_TMP/rashin.log")"
expect_nomatch "it serves nothing" "sshd: listening" "$(cat "$T_TMP/rashin.log")"
# rashin serve would attach to a running demo's cluster: never to one no rashin runs
out=$(cd "$ROOT" && timeout 30 "$RASHIN" -c "$CONF" serve 2>&1); rc=$?
expect_eq "serve beside a foreign postmaster: exit 1" 1 "$rc"
expect_match "serve says why" "already running \\(pid $P3 in its postmaster.pid\\) and was not started by this rashin" "$out"
# a one-shot command uses whichever cluster answers (documented)
out=$(cd "$ROOT" && "$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "a one-shot command uses it" "0 database is up to date" "$rc $out"
alive "$P3" && ok "the foreign postmaster is left alone" || not_ok "the foreign postmaster is left alone"
as_owner "$BIN/pg_ctl" stop -D "$VAR/pg" -m fast -w >/dev/null 2>&1
expect_eq "(stopped from outside again)" "" "$(pg_procs)"

# --- kill -9 of the demo with a login open ---------------------------------------------------
start_demo "$T_TMP/demo3.out"
SSH="ssh -F /dev/null -p $PORT -o UserKnownHostsFile=$T_TMP/known_hosts -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5"
# a command that waits for its stdin: the session stays open while the fifo is
mkfifo "$T_TMP/in"
$SSH -i "$VAR/demo/admin_ed25519" admin@127.0.0.1 staff import - <"$T_TMP/in" >"$T_TMP/ssh.out" 2>&1 &
CLIENT=$!
track_pid $CLIENT
exec 7>"$T_TMP/in"	# the writer end, held open
i=0; until grep -q "accepted publickey for admin" "$T_TMP/rashin.log" 2>/dev/null || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.5	# the channel's child
conns=$(for p in $(pgrep -P $DEMO); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = rashin ] && echo "$p"; done)
kids=""; for c in $conns; do kids="$kids $(pgrep -P "$c")"; done
sess=$(echo $conns $kids)
[ -n "$kids" ] && ok "a connection process and its channel's child run ($sess)" ||
	not_ok "a connection process and its channel's child run" "$(ps -o pid,ppid,comm,args --ppid $DEMO; cat "$T_TMP/ssh.out")"
if [ "$(id -u)" -eq 0 ]; then
	# the demo as root: the sessions run as rashin, the database's processes as rashin-db
	expect_eq "the session processes run as rashin" rashin \
		"$(for p in $sess; do ps -o user:16= -p "$p"; done | tr -d ' ' | sort -u)"
	expect_eq "the database's processes (postgres, pgbouncer) run as rashin-db" rashin-db \
		"$( (pg_procs; pgrep -f -- "$VAR/pgbouncer.ini") | while read -r p; do ps -o user:16= -p "$p"; done | tr -d ' ' | sort -u)"
fi
kill -KILL $DEMO
left=$(left_alive 20 $sess)
expect_eq "kill -9 of the demo: no session process within 2 s" "" "$left"
[ -n "$left" ] && kill -KILL $left 2>/dev/null
i=0; while [ -n "$(pg_procs)" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "kill -9 of the demo: its PostgreSQL ends too" "" "$(pg_procs)"
# as root they run as rashin-db, which the dead demo (rashin by then) could not signal: its
# keeper (rashin-dbstop) stops them
i=0; while pgrep -f -- "$VAR/pgbouncer.ini" >/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "kill -9 of the demo: its PgBouncer ends too" "" "$(pgrep -f -- "$VAR/pgbouncer.ini")"
exec 7>&-
wait $CLIENT 2>/dev/null

start_demo "$T_TMP/demo4.out"
q() { psql "host=$VAR/run dbname=rashin user=postgres" -qXAt -c "$1" 2>&1; }
expect_eq "the audit trail: the admin's login has its logout (connection lost, or written as it ended)" \
	"1" "$(q "SELECT count(*) FROM audit_log o JOIN audit_log l ON o.after->>'session' = l.after->>'session'
		AND o.after->>'server' = l.after->>'server' AND o.id > l.id
		WHERE l.action = 'LOGIN' AND l.key = 'admin' AND o.action = 'LOGOUT' AND l.after ? 'session'")"
# (which of the two wrote it is a race with the database's own shutdown: a logout
# written by the next start is tests/ui/test_ssh_lost.sh's, with a database stopped first)
reason=$(q "SELECT after->>'reason' FROM audit_log WHERE action = 'LOGOUT' AND key = 'admin' ORDER BY id DESC LIMIT 1")
expect_match "its reason: connection lost, or the shutdown it saw" "^(connection lost|server shutting down)$" "$reason"
[ "$reason" = "connection lost" ] && expect_match "the next start says it closed it" \
	"1 login\\(s\\) left open by an earlier run of .*:$PORT .*closed in the audit trail" "$(cat "$T_TMP/rashin.log")"
expect_match "the start is in the audit trail" "^start [01]$" \
	"$(q "SELECT after->>'event' || ' ' || (after->>'sessions_lost') FROM audit_log WHERE tbl = 'server' ORDER BY id DESC LIMIT 1")"
out=$(cd "$ROOT" && "$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "the audit chain still verifies" 0 "$rc"
# a server on another port attaches to the demo's cluster: a rashin runs it
sed "s/port = $PORT;/port = $((PORT + 1));/; s|$T_TMP/rashin.log|$T_TMP/serve.log|" "$CONF" > "$T_TMP/serve.conf"
(cd "$ROOT" && exec "$RASHIN" -c "$T_TMP/serve.conf" serve > "$T_TMP/serve.out" 2>&1) &
SRV=$!
track_pid $SRV
i=0; until grep -q "sshd: ready" "$T_TMP/serve.log" 2>/dev/null || ! kill -0 $SRV 2>/dev/null || [ $i -gt 300 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $SRV 2>/dev/null && ok "serve attaches to the running demo's cluster" ||
	not_ok "serve attaches to the running demo's cluster" "$(cat "$T_TMP/serve.out")"
kill -TERM $SRV; i=0; while kill -0 $SRV 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
stop_demo
expect_eq "(the demo stopped)" "" "$(pg_procs)"
