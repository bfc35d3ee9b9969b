#!/bin/sh
# The console over SSH, as a person gets it: the real OpenSSH client in tmux at 100x30,
# the dashboard drawn at that size, live refresh through the server's notification hub
# and, with the hub killed, through the console's own LISTEN; a resize redrawn at 80x24,
# and SIGTERM of the server ending the session with the client's terminal back in its
# normal state.
. "$(dirname "$0")/../lib/common.sh"

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

# Notifications through the server's hub (backend/notifyhub.c): one process, one LISTEN.
hub=$(pgrep -P "$SERVER" -x rashin-hub)
expect_eq "one notification hub, a child of the listener" 1 "$(echo "$hub" | grep -c .)"
expect_eq "its connection is the only one named 'rashin hub'" 1 \
	"$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rashin hub'")"
psql -qX -c "UPDATE measure SET status = 'done' WHERE id = 901" >/dev/null
tmux_wait_for "完了 1" 1 && ok "live refresh through the hub within 1 s" ||
	not_ok "live refresh through the hub within 1 s" "$(tmux_capture)"
# The hub gone: the open console LISTENs itself; new logins too.
kill -KILL "$hub"
i=0; until grep -q "notification hub gone" "$LOG" || [ $i -gt 30 ]; do sleep 0.1; i=$((i + 1)); done
expect_contains "the console noticed the hub's end" "listening on the session's connection" "$(cat "$LOG")"
sleep 0.5
psql -qX -c "UPDATE measure SET status = 'done' WHERE id = 902" >/dev/null
tmux_wait_for "完了 2" 1 && ok "after the hub was killed: live refresh within 1 s" ||
	not_ok "after the hub was killed: live refresh within 1 s" "$(tmux_capture)"
out=$(ssh -F /dev/null -p "$PORT" -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no \
	-o LogLevel=ERROR -o BatchMode=yes -i "$T_TMP/key" tadmin@127.0.0.1 whoami 2>&1 </dev/null)
expect_contains "after the hub was killed: a new login works" "tadmin" "$out"
expect_contains "the listener logged that sessions LISTEN themselves" "LISTENs for itself" "$(cat "$LOG")"

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
