#!/bin/sh
# Open console sessions over the real OpenSSH client (tmux) that lose what let them in:
#  - the SSH key they logged in with is revoked from another connection (`keys revoke`):
#    the console says so and ends within seconds, its process is gone, the audit chain
#    records it; a session with another key of the same member (and another member's)
#    goes on;
#  - their TCP connection is reset (a relay in between closes with SO_LINGER 0, an RST,
#    after the console drew): the session's processes end, its PostgreSQL backend goes,
#    the listener holds no more descriptors than before and serves the next login.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
sshd_setup "10:30:100" 0 || exit 1

T_TMUX=rashin-sess-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p -t "$1"; }
wait_for() {	# wait_for TEXT SECONDS WINDOW
	i=0
	while ! screen "$3" | grep -Fq -- "$1"; do
		i=$((i + 1)); [ $i -gt $(($2 * 10)) ] && return 1
		sleep 0.1
	done
}
# console WINDOW LOGIN KEY [PORT]: a console over ssh in a new tmux window
console() {
	c="env TERM=xterm-256color LC_ALL=C.UTF-8 $(echo "$SSH" | sed "s/-p $PORT /-p ${4:-$PORT} /") -tt -o SetEnv=LANG=ja_JP.UTF-8 \
-i $KEYS/$3 $2@127.0.0.1 2>$T_TMP/$1.err; echo ssh-exit=\$?; sleep 60"
	if tm has-session 2>/dev/null; then tm new-window -d -n "$1" "$c"
	else tm new -d -s main -x 80 -y 24 -n "$1" "$c"; fi
	wait_for "DB ●" 15 "$1"
}
# gone PID SECS: PID ends within SECS
gone() { i=0; while kill -0 "$1" 2>/dev/null; do i=$((i + 1)); [ $i -gt $(($2 * 10)) ] && return 1; sleep 0.1; done; }
fp() { ssh-keygen -lf "$KEYS/$1.pub" -E sha256 | cut -d' ' -f2; }

# --- a revoked key ends its open console ---------------------------------------------
ssh-keygen -q -t ed25519 -N '' -C tlead-2 -f "$KEYS/tlead2"
register tlead "$KEYS/tlead2"
console lead1 tlead tlead || { not_ok "tlead's console (key 1) up" "$(screen lead1; cat "$T_TMP/lead1.err")"; exit 1; }
c1=$(pgrep -n -P "$SERVER"); k1=$(session_child "$c1")
console lead2 tlead tlead2 || { not_ok "tlead's console (key 2) up" "$(screen lead2)"; exit 1; }
c2=$(pgrep -n -P "$SERVER"); k2=$(session_child "$c2")
console adm tadmin tadmin || { not_ok "tadmin's console up" "$(screen adm)"; exit 1; }
ca=$(pgrep -n -P "$SERVER"); ka=$(session_child "$ca")
if [ -n "$k1" ] && [ -n "$k2" ] && [ -n "$ka" ] && [ "$c1" != "$c2" ] && [ "$c2" != "$ca" ]; then
	ok "3 consoles up, each a connection process with a console child"
else not_ok "3 consoles up" "c1=$c1 k1=$k1 c2=$c2 k2=$k2 ca=$ca ka=$ka"; fi
# A change to another key (every login's bookkeeping is one: last_used) wakes no
# console's key check: each checks only on its own key's notification (screens/console.c).
# Seen in the statements PostgreSQL logs while log_statement is on.
ssh-keygen -q -t ed25519 -N '' -C spare -f "$KEYS/spare"
register tadmin "$KEYS/spare"
psql_q "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
psql_q "SELECT pg_reload_conf()" >/dev/null
sleep 0.5
key_checks() { grep -c "FROM ssh_key WHERE fingerprint = \$1" "$T_TMP/pg.log"; }
kc0=$(key_checks)
psql_q "UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'spare' WHERE fingerprint = '$(fp spare)'" >/dev/null
sleep 1.5	# a notification's delay, several times over
expect_eq "another key revoked: no console checked its own key" 0 $(($(key_checks) - kc0))
ok_fp=$(fp tlead)
kc0=$(key_checks)
as tadmin tadmin keys revoke "$ok_fp" lost-laptop
expect_eq "keys revoke over SSH as an admin (exit 0)" 0 "$rc"
start=$(date +%s)
if gone "$k1" 5; then ok "the revoked key's console process $k1 ended in $(($(date +%s) - start)) s"
else not_ok "the revoked key's console process ended within 5 s" "$(screen lead1)"; fi
gone "$c1" 5 && ok "its connection process $c1 ended too" || not_ok "its connection process ended"
wait_for "ssh-exit=" 5 lead1
expect_contains "the member is told why" "SSH 鍵が失効しました" "$(screen lead1)"
kill -0 "$k2" 2>/dev/null && ok "the same member's session with another key goes on" ||
	not_ok "the same member's session with another key goes on" "$(screen lead2)"
kill -0 "$ka" 2>/dev/null && ok "another member's session goes on" || not_ok "another member's session goes on"
# the revoked key's console checked (and ended); the two others did not
expect_eq "the revocation: only its key's console checked" 1 $(($(key_checks) - kc0))
psql_q "ALTER SYSTEM RESET log_statement" >/dev/null
psql_q "SELECT pg_reload_conf()" >/dev/null
expect_eq "audit: the session end, with the key and the reason" "EVENT|tlead|ssh key revoked|$ok_fp" \
	"$(psql_q "SELECT action, a.after->>'login', a.after->>'reason', a.after->>'fingerprint'
		FROM audit_log a WHERE action = 'EVENT' AND tbl = 'session'")"
expect_eq "audit: LOGOUT of that connection follows" 1 \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'LOGOUT' AND after->>'fingerprint' = '$ok_fp'")"
expect_eq "audit chain valid" 0 "$("$RASHIN" -c "$CONF" audit verify --as tauditor >/dev/null 2>&1; echo $?)"
as tlead tlead whoami
expect_eq "the revoked key no longer logs in" 255 "$rc"

# A revocation done straight in the database while the session's database connection is
# down: no notification reaches it; the check on reconnect ends the session.
# (one transaction: the listening backends are ended before the revocation commits and
# notifies, so the session can only learn of it by checking when it reconnects)
psql -qXAt -v ON_ERROR_STOP=1 >/dev/null <<SQL
BEGIN;
UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'while away' WHERE fingerprint = '$(fp tlead2)';
SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'rashin_app';
COMMIT;
SQL
if gone "$k2" 15; then ok "revoked while its database connection was down: ended on reconnect"
else not_ok "revoked while its database connection was down: ended on reconnect" "$(screen lead2)"; fi
wait_for "ssh-exit=" 5 lead2
expect_contains "... and says why" "SSH 鍵が失効しました" "$(screen lead2)"
kill -0 "$ka" 2>/dev/null && ok "tadmin's console survived the reconnect" || not_ok "tadmin's console survived the reconnect"
wait_for "DB ●" 15 adm && ok "tadmin's console reconnected" || not_ok "tadmin's console reconnected" "$(screen adm)"
tm send-keys -t adm q
gone "$ka" 5 && ok "tadmin quits" || not_ok "tadmin quits"

# --- TCP reset mid-session -----------------------------------------------------------
gone "$ca" 5
sleep 0.5
fd0=$(ls "/proc/$SERVER/fd" | wc -l)
expect_eq "before: no session left, no rashin_app backend" "0 0" "$(server_kids "$SERVER" | wc -l) $(app_backends)"
# every login so far opened a database session (sql/140_session.sql) and its logout closed it
expect_match "every SSH login's database session was opened with its key and closed at logout" "^[1-9][0-9]* 0$" \
	"$(psql_q "SELECT count(*) || ' ' || count(*) FILTER (WHERE closed_at IS NULL) FROM rs_session WHERE fingerprint <> ''")"
RPORT=$((PORT + 1))
while bash -c "exec 3<>/dev/tcp/127.0.0.1/$RPORT" 2>/dev/null; do RPORT=$((RPORT + 1)); done
python3 - "$RPORT" "$PORT" "$T_TMP/rst" >"$T_TMP/relay.out" 2>&1 <<'PY' &
# A one-connection TCP relay; when the file argv[3] appears it resets both sides
# (SO_LINGER 0 then close sends an RST instead of a FIN).
import os, select, socket, struct, sys
ls = socket.socket(); ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
ls.bind(("127.0.0.1", int(sys.argv[1]))); ls.listen(1)
print("listening", flush=True)
cl, _ = ls.accept()
up = socket.create_connection(("127.0.0.1", int(sys.argv[2])))
peer = {cl: up, up: cl}
while not os.path.exists(sys.argv[3]):
    r, _, _ = select.select([cl, up], [], [], 0.1)
    for s in r:
        d = s.recv(65536)
        if not d:
            sys.exit(1)
        peer[s].sendall(d)
for s in (up, cl):
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    s.close()
print("reset", flush=True)
PY
RELAY=$!
track_pid "$RELAY"
i=0; until grep -q listening "$T_TMP/relay.out" 2>/dev/null || [ $i -gt 50 ]; do sleep 0.1; i=$((i + 1)); done
console rst treader treader "$RPORT" || { not_ok "console through the relay up" "$(screen rst; cat "$T_TMP/rst.err")"; exit 1; }
cr=$(pgrep -n -P "$SERVER"); kr=$(session_child "$cr")
nb=$(app_backends)
if [ -n "$kr" ] && [ "$nb" -ge 1 ]; then ok "through the relay: connection $cr, console $kr, $nb database backend(s)"
else not_ok "console through the relay" "cr=$cr kr=$kr backends=$nb"; fi
touch "$T_TMP/rst"
i=0; until grep -q reset "$T_TMP/relay.out" || [ $i -gt 30 ]; do sleep 0.1; i=$((i + 1)); done
expect_contains "the relay reset the connection" "reset" "$(cat "$T_TMP/relay.out"; ps -o pid,stat,args -p "$RELAY")"
start=$(date +%s)
gone "$kr" 10 && gone "$cr" 5 && ok "after the RST both session processes ended ($(($(date +%s) - start)) s)" ||
	not_ok "after the RST both session processes ended" "$(ps -o pid,ppid,stat,args --ppid "$SERVER" --ppid "$cr")"
i=0; while [ "$(app_backends)" -ne 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "its PostgreSQL backend went away" 0 "$(app_backends)"
expect_eq "no child of the listener left" 0 "$(server_kids "$SERVER" | wc -l)"
expect_eq "the listener holds as many descriptors as before ($fd0)" "$fd0" "$(ls "/proc/$SERVER/fd" | wc -l)"
expect_eq "audit: the reset connection's LOGOUT recorded" 1 \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'LOGOUT' AND after->>'login' = 'treader'
		AND after->>'fingerprint' = '$(fp treader)'" | head -1)"
as treader treader whoami
expect_match "the listener serves the next login" "^treader " "$out"
kill -0 "$SERVER" 2>/dev/null && ok "listener alive" || not_ok "listener alive"
expect_nomatch "no sanitizer report" "ERROR: AddressSanitizer|runtime error|LeakSanitizer" \
	"$(cat "$T_TMP/serve.out" "$LOG")"
