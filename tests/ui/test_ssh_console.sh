#!/bin/sh
# The console over SSH, as a person gets it: the real OpenSSH client in tmux at 100x30,
# the dashboard drawn at that size, live refresh through the server's notification hub
# and, with the hub killed, through the console's own LISTEN; the listener forking a new
# hub (holding none of the listener's sockets) that a new login's console refreshes
# through, and no faster than its backoff when hubs keep dying; a resize redrawn at 80x24,
# and SIGTERM of the server ending the session with the client's terminal back in its
# normal state.
. "$(dirname "$0")/../lib/common.sh"

# The sockets and pipes process $1 holds beyond stdin, stdout and stderr, sorted.
held() {
	for f in /proc/"$1"/fd/*; do
		case ${f##*/} in 0|1|2) continue ;; esac
		readlink "$f"
	done 2>/dev/null | grep -E '^(socket|pipe):' | sort -u
}
# new_hub OLD: the listener's rashin-hub child once it is not OLD (up to 10 s), else "".
new_hub() {
	nh_i=0
	while [ $nh_i -lt 100 ]; do
		nh=$(pgrep -P "$SERVER" -x rashin-hub)
		[ -n "$nh" ] && [ "$nh" != "$1" ] && { echo "$nh"; return; }
		sleep 0.1; nh_i=$((nh_i + 1))
	done
}
# hub_alone NAME HUB: HUB holds no socket or pipe that the listener opened (what this
# shell holds too, the listener had from its start), its listening socket above all
# ($LSOCK, the inode from /proc/net/tcp*: checked to be the listener's).
hub_alone() {
	held $$ >"$T_TMP/held.shell"
	held "$SERVER" | comm -23 - "$T_TMP/held.shell" >"$T_TMP/held.listener"
	held "$2" >"$T_TMP/held.hub"
	expect_contains "$1: the listener holds the listening socket" "socket:[$LSOCK]" \
		"$(cat "$T_TMP/held.listener")"
	expect_match "$1: holds sockets of its own (control, database)" "^socket:" \
		"$(cat "$T_TMP/held.hub")"
	expect_eq "$1: holds no socket or pipe of the listener's" "" \
		"$(comm -12 "$T_TMP/held.listener" "$T_TMP/held.hub")"
}
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
LOG=$T_TMP/rashin.log
PORT=$((21000 + $$ % 20000))
while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done
write_conf "$CONF"
printf 'server: { port = %d; host_key = "%s/hk"; };\n' "$PORT" "$T_TMP" >> "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
ssh-keygen -q -t ed25519 -N '' -f "$T_TMP/key"
LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" keys add tadmin --as tadmin < "$T_TMP/key.pub" >/dev/null ||
	not_ok "key registered"

"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
SERVER=$!
track_pid "$SERVER"
i=0; until grep -q "sshd: listening on" "$LOG" 2>/dev/null || [ $i -gt 150 ]; do sleep 0.1; i=$((i + 1)); done

tmux_start ssh 100 30 \
	"LANG=ja_JP.UTF-8 ssh -F /dev/null -tt -p $PORT -o SendEnv=LANG -o UserKnownHostsFile=/dev/null \
	-o StrictHostKeyChecking=no -o LogLevel=ERROR -i $T_TMP/key tadmin@127.0.0.1; \
	echo CLIENT-EXITED-\$?; sleep 30"
tmux_wait_for "ダッシュボード"
s=$(tmux_capture)
expect_match "console over SSH: Japanese title bar" "^ rashin +ダッシュボード .*tadmin テスト情報課" "$s"
expect_match "drawn at the client's 100 columns" "令和[0-9]+年度 *$" "$(echo "$s" | head -1)"
expect_match "key bar on the last line (row 30)" "F10" "$(echo "$s" | sed -n 30p)"

# Notifications through the server's hub (backend/store/notifyhub.c): one process, one LISTEN.
hub=$(pgrep -P "$SERVER" -x rashin-hub)
expect_eq "one notification hub, a child of the listener" 1 "$(echo "$hub" | grep -c .)"
expect_eq "its connection is the only one named 'rashin hub'" 1 \
	"$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rashin hub'")"
psql -qX -c "UPDATE measure SET status = 'done' WHERE id = 901" >/dev/null
tmux_wait_for "完了 1" 1 && ok "live refresh through the hub within 1 s" ||
	not_ok "live refresh through the hub within 1 s" "$(tmux_capture)"

# A reload the database holds up does not hold up keys that move (tui/app.c
# app_reload_start: the board's notified cells are asked for and the loop goes on; the
# answer is read when it comes). On the migration board, mig_status locked by another
# transaction for 8 s, then a notification for one of its cells: the board's reload waits
# for the lock, and Down typed meanwhile moves the selection while the lock is still held.
tmux_send ':' 'mig' Enter
tmux_wait_for "完了率" 5 || not_ok "the migration board opens" "$(tmux_capture)"
lock_q="SELECT count(*) FROM pg_locks WHERE relation = 'mig_status'::regclass"
psql -qX -c "BEGIN" -c "LOCK mig_status IN ACCESS EXCLUSIVE MODE" -c "SELECT pg_sleep(8)" \
	-c "COMMIT" >/dev/null 2>&1 &
LOCKER=$!
track_pid "$LOCKER"
i=0; until [ "$(psql_q "$lock_q AND mode = 'AccessExclusiveLock' AND granted")" = 1 ] ||
	[ $i -gt 50 ]; do sleep 0.1; i=$((i + 1)); done
psql -qX -c "SELECT pg_notify('rashin', 'mig_status:901,913')" >/dev/null
i=0; until [ "$(psql_q "$lock_q AND NOT granted")" = 1 ] || [ $i -gt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
expect_eq "a notified reload of the board waits for the locked table" 1 \
	"$(psql_q "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.relation = 'mig_status'::regclass AND NOT l.granted AND a.usename = 'rashin_app'")"
before=$(tmux_capture)
tmux_send Down
i=0; while [ "$(tmux_capture)" = "$before" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
if [ "$(tmux_capture)" != "$before" ] && kill -0 "$LOCKER" 2>/dev/null; then
	ok "a key that moves is drawn while the reload waits"
else
	not_ok "a key that moves is drawn while the reload waits" "$(tmux_capture)"
fi
wait "$LOCKER"
i=0; until [ "$(psql_q "$lock_q AND NOT granted")" = 0 ] || [ $i -gt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
expect_eq "... and the reload ends when the lock goes (no backend left waiting)" 0 \
	"$(psql_q "$lock_q AND NOT granted")"
tmux_send q
tmux_wait_for "ダッシュボード" 5 && ok "... back on the dashboard" || not_ok "back on the dashboard" "$(tmux_capture)"
# The listening socket (its inode, from /proc/net/tcp*) is the listener's alone.
LSOCK=$(awk -v p=":$(printf '%04X' "$PORT")" '$4 == "0A" && substr($2, length($2) - 4) == p \
	{ print $10 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null | head -1)
expect_match "the listening socket found in /proc/net/tcp" "^[0-9]+$" "$LSOCK"
hub_alone "the first hub" "$hub"

# The hub gone: the open console LISTENs itself (and stays on it); the listener reaps the
# hub, logs it and forks a new one, forked from its loop but holding none of its sockets.
kill -KILL "$hub"
i=0; until grep -q "notification hub gone" "$LOG" || [ $i -gt 30 ]; do sleep 0.1; i=$((i + 1)); done
expect_contains "the console noticed the hub's end" "listening on the session's connection" "$(cat "$LOG")"
hub2=$(new_hub "$hub")
expect_match "a new hub, a child of the listener" "^[0-9]+$" "$hub2"
expect_contains "the listener logged the hub's end" \
	"notification hub (process $hub) killed by signal 9" "$(cat "$LOG")"
expect_eq "the dead hub was reaped (no zombie left)" "" "$(ls -d "/proc/$hub" 2>/dev/null)"
hub_alone "the new hub" "$hub2"
sleep 0.5
psql -qX -c "UPDATE measure SET status = 'done' WHERE id = 902" >/dev/null
tmux_wait_for "完了 2" 1 && ok "after the hub was killed: live refresh within 1 s" ||
	not_ok "after the hub was killed: live refresh within 1 s" "$(tmux_capture)"
# A new login: its console subscribes to the new hub and refreshes through it.
tmux_start ssh2 100 30 \
	"LANG=ja_JP.UTF-8 ssh -F /dev/null -tt -p $PORT -o SendEnv=LANG -o UserKnownHostsFile=/dev/null \
	-o StrictHostKeyChecking=no -o LogLevel=ERROR -i $T_TMP/key tadmin@127.0.0.1; sleep 30"
tmux_wait_for "完了 2" 10 ssh2 && ok "a new login after the restart: its console" ||
	not_ok "a new login after the restart: its console" "$(tmux_capture ssh2)"
psql -qX -c "UPDATE measure SET status = 'not_started' WHERE id = 901" >/dev/null
tmux_wait_for "完了 1" 1 ssh2 && ok "a new login after the restart: live refresh within 1 s" ||
	not_ok "a new login after the restart: live refresh within 1 s" "$(tmux_capture ssh2)"
out=$(ssh -F /dev/null -p "$PORT" -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no \
	-o LogLevel=ERROR -o BatchMode=yes -i "$T_TMP/key" tadmin@127.0.0.1 whoami 2>&1 </dev/null)
expect_contains "after the hub was killed: a new login works" "tadmin" "$out"

# Hubs that keep dying: the new login's console had the second hub's socket (it notices
# that hub's end; the first console LISTENs already); the third is killed at once, and
# the listener waits 4 s from its start before the fourth (1 s, then 2 s, then 4 s...).
t_kill2=$(now_ms)
kill -KILL "$hub2"
i=0; until [ "$(grep -c "notification hub gone" "$LOG")" -ge 2 ] || [ $i -gt 30 ]; do
	sleep 0.1; i=$((i + 1)); done
expect_eq "the new login's console was the second hub's (it noticed its end)" 2 \
	"$(grep -c "notification hub gone" "$LOG")"
hub3=$(new_hub "$hub2")
expect_match "a third hub" "^[0-9]+$" "$hub3"
kill -KILL "$hub3"
hub4=$(new_hub "$hub3")
t4=$(now_ms)
expect_match "a fourth hub" "^[0-9]+$" "$hub4"
[ $((t4 - t_kill2)) -ge 4000 ] && ok "the fourth hub came 4 s after the third at the earliest" ||
	not_ok "the fourth hub came 4 s after the third at the earliest" "$((t4 - t_kill2)) ms"
expect_eq "one hub left, a child of the listener" "$hub4" "$(pgrep -P "$SERVER" -x rashin-hub)"
expect_eq "the killed hubs were reaped" "" "$(ls -d "/proc/$hub2" "/proc/$hub3" 2>/dev/null)"
expect_eq "one connection named 'rashin hub'" 1 \
	"$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rashin hub'")"

tmux_resize 80 24
sleep 1
tmux_wait_for "F10"
s=$(tmux_capture)
expect_eq "after resize: 24 rows" 24 "$(echo "$s" | wc -l)"
expect_match "after resize: key bar redrawn on row 24" "F10" "$(echo "$s" | sed -n 24p)"
expect_match "after resize: title redrawn at 80 columns" "令和[0-9]+年度 *$" "$(echo "$s" | head -1)"

kill -TERM "$SERVER"
tmux_wait_for "CLIENT-EXITED-"
s=$(tmux_capture)
expect_match "SIGTERM of the server ends the session" "CLIENT-EXITED-" "$s"
expect_nomatch "the client's terminal left the console's screen" "ダッシュボード" "$s"
i=0; while kill -0 "$SERVER" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 "$SERVER" 2>/dev/null && not_ok "server exits on SIGTERM" || ok "server exits on SIGTERM"
# the last hub ends with its listener (a zombie left to whoever adopted it counts as ended)
i=0; while grep -qv '^[0-9]* ([^)]*) Z' "/proc/$hub4/stat" 2>/dev/null && [ $i -lt 50 ]; do
	sleep 0.1; i=$((i + 1)); done
grep -qv '^[0-9]* ([^)]*) Z' "/proc/$hub4/stat" 2>/dev/null &&
	not_ok "the last hub ends with the server" || ok "the last hub ends with the server"
