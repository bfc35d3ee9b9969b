#!/bin/sh
# Session processes end with their listener (issue 28): `kill -9` of `rashin serve` leaves
# no connection process and no console or command child (parent-death signals:
# backend/sshd/sshd.c, sshd_spawn.c). Each logout still reaches the audit trail: written by
# the connection process as it ends while the database is there, else, with the database
# gone too, by the server's next start ('connection lost', sql/146_session_lost.sql),
# exactly once.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

command -v ssh >/dev/null && command -v ssh-keygen >/dev/null ||
	{ echo "# SKIP: no OpenSSH client"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
sshd_setup "10:30:100" 0 || exit 1

# open_session NAME LOGIN KEY [ARGS...]: an SSH session held open by a fifo on its stdin
# (fd 7 or 8 holds the writer), waiting until the server accepted it
n_open=0
open_session() {
	name=$1; shift
	mkfifo "$T_TMP/$name.in"
	if [ $# -gt 2 ]; then
		l=$1; k=$2; shift 2
		$SSH -i "$KEYS/$k" "$l@127.0.0.1" "$@" <"$T_TMP/$name.in" >"$T_TMP/$name.out" 2>&1 &
	else
		TERM=xterm-256color $SSH -tt -i "$KEYS/$2" "$1@127.0.0.1" <"$T_TMP/$name.in" >"$T_TMP/$name.out" 2>&1 &
	fi
	track_pid $!
	n_open=$((n_open + 1))
	if [ $n_open -eq 1 ]; then exec 7>"$T_TMP/$name.in"; else exec 8>"$T_TMP/$name.in"; fi
	i=0
	until [ "$(grep -c "accepted publickey" "$LOG")" -ge "$n_open" ] || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
# session_procs: the listener's connection processes (but the hub) and their children
session_procs() {
	c=$(server_kids "$SERVER")
	echo $c $(for p in $c; do pgrep -P "$p"; done)
}
# kill9_server NAME: kill -9 the listener; every session process must be gone in 2 s
kill9_server() {
	procs=$(session_procs)
	nc=$(server_kids "$SERVER" | wc -l)
	[ "$(echo $procs | wc -w)" -gt "$nc" ] && ok "$1: connection processes and their channels' children run ($procs)" ||
		not_ok "$1: connection processes and their channels' children run" "$(ps -o pid,ppid,comm --ppid "$SERVER")"
	kill -KILL "$SERVER"
	left=$(left_alive 20 $procs)
	expect_eq "$1: kill -9 of the server leaves no session process within 2 s" "" "$left"
	[ -n "$left" ] && kill -KILL $left 2>/dev/null
	exec 7>&- 8>&-
	n_open=0
	rm -f "$T_TMP"/*.in
}
# serve_again: the server on the same port and config, until it accepts (its "sshd: ready")
serve_again() {
	: >"$LOG"
	"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
	SERVER=$!
	track_pid "$SERVER"
	i=0
	until grep -q "sshd: ready" "$LOG" 2>/dev/null || [ $i -gt 150 ]; do sleep 0.1; i=$((i + 1)); done
}
# logouts LOGIN: "N REASON" for LOGIN's newest login: how many LOGOUTs of that session, and
# the reason of the first
logouts() {
	psql_q "SELECT count(o.id) || ' ' || coalesce(min(o.after->>'reason'), '')
		FROM (SELECT * FROM audit_log WHERE action = 'LOGIN' AND key = '$1' ORDER BY id DESC LIMIT 1) l
		LEFT JOIN audit_log o ON o.action = 'LOGOUT' AND o.id > l.id
			AND o.after->>'session' = l.after->>'session' AND o.after->>'server' = l.after->>'server'"
}

# --- the database is there: each connection process writes its own logout ----------------
open_session console tlead tlead
open_session cmd tadmin tadmin staff import -
kill9_server "database up"
expect_eq "database up: the console's logout was written as it ended" "1 server shutting down" "$(logouts tlead)"
expect_eq "database up: the command's logout too" "1 server shutting down" "$(logouts tadmin)"
expect_match "the logins carry their session id and the server's name" \
	"^[0-9a-f]{8} .+:$PORT$" "$(psql_q "SELECT after->>'session' || ' ' || (after->>'server') FROM audit_log WHERE action = 'LOGIN' AND key = 'tlead' ORDER BY id DESC LIMIT 1")"
expect_match "the log's session id is the audit's" \
	"session=$(psql_q "SELECT after->>'session' FROM audit_log WHERE action = 'LOGIN' AND key = 'tlead' ORDER BY id DESC LIMIT 1") login=tlead" "$(cat "$LOG")"
serve_again
expect_eq "the next start finds nothing left open: one logout each" "1 1" \
	"$(logouts tlead | cut -d' ' -f1) $(logouts tadmin | cut -d' ' -f1)"
expect_nomatch "the next start closes nothing" "left open" "$(cat "$LOG")"
expect_eq "the start is in the audit trail" "start 0" \
	"$(psql_q "SELECT after->>'event' || ' ' || (after->>'sessions_lost') FROM audit_log WHERE tbl = 'server' ORDER BY id DESC LIMIT 1")"

# --- the database is gone too: the next start writes the logout -------------------------
open_session cmd2 treader treader staff import -
as_pg "$(pg_bindir)/pg_ctl" -D "$PGDIR" -m fast -w -t 20 stop >/dev/null 2>&1
kill9_server "database down"
as_pg "$(pg_bindir)/postgres" -D "$PGDIR" -k "$PGSOCK" -c listen_addresses= -c fsync=off \
	-c max_connections=300 >>"$T_TMP/pg.log" 2>&1 &
PG_PID=$!
i=0; until "$(pg_bindir)/pg_isready" -q -h "$PGSOCK" 2>/dev/null || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "database down: no logout could be written" "0 " "$(logouts treader)"
serve_again
expect_eq "the next start writes it: connection lost" "1 connection lost" "$(logouts treader)"
expect_match "and says so in the log" "1 login\\(s\\) left open by an earlier run of .*:$PORT .*connection lost" "$(cat "$LOG")"
expect_eq "the earlier logins are not closed again" "1 1" \
	"$(logouts tlead | cut -d' ' -f1) $(logouts tadmin | cut -d' ' -f1)"
kill -TERM "$SERVER"; i=0; while kill -0 "$SERVER" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
serve_again
expect_nomatch "a third start closes nothing more" "left open" "$(cat "$LOG")"
expect_eq "still one logout for it" "1 connection lost" "$(logouts treader)"
out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "the audit chain verifies" 0 "$rc"
