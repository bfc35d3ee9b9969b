#!/bin/sh
# The wall clock jumps under a running server (libfaketime: FAKETIME_TIMESTAMP_FILE,
# re-read at every call, with the monotonic clock left alone as a real jump would). The
# server's idle timeout and LoginGraceTime run on CLOCK_MONOTONIC (now_ms), so a jump of
# days forward does not end a session at once, a jump backward does not keep one open
# for ever, the grace time still cuts an idle unauthenticated connection; the server
# does not crash and the audit chain (timestamps by PostgreSQL) stays valid. That the
# jump did reach the server is shown by its log's own timestamps.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
FTLIB=$(ls /usr/lib/*/faketime/libfaketime.so.1 2>/dev/null | head -1)
[ -n "$FTLIB" ] || { not_ok "libfaketime installed (make deps: faketime)"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }

FT=$T_TMP/faketime
echo "+0" >"$FT"
REAL=$RASHIN
RASHIN=$T_TMP/rashin-faked	# the server (and its children) with a clock we move
cat >"$RASHIN" <<SH
#!/bin/sh
export LD_PRELOAD=$FTLIB FAKETIME_TIMESTAMP_FILE=$FT FAKETIME_NO_CACHE=1 DONT_FAKE_MONOTONIC=1
export ASAN_OPTIONS=\${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}:verify_asan_link_order=0
exec "$REAL" "\$@"
SH
chmod +x "$RASHIN"
GRACE=3 sshd_setup "10:30:100" 0 || exit 1
sed -i 's/idle_timeout = 0;/idle_timeout = 4;/' "$CONF"
kill -HUP "$SERVER"
i=0; until grep -q "configuration reloaded" "$LOG" || [ $i -gt 50 ]; do sleep 0.1; i=$((i + 1)); done

T_TMUX=rashin-clock-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p -t "$1"; }
wait_for() { i=0; while ! screen "$3" | grep -Fq -- "$1"; do i=$((i + 1)); [ $i -gt $(($2 * 10)) ] && return 1; sleep 0.1; done; }
console() {	# console WINDOW LOGIN: a console over ssh in a new tmux window
	c="env TERM=xterm-256color LC_ALL=C.UTF-8 $SSH -tt -o SetEnv=LANG=ja_JP.UTF-8 \
-i $KEYS/$2 $2@127.0.0.1; echo ssh-exit=\$?; sleep 60"
	if tm has-session 2>/dev/null; then tm new-window -d -n "$1" "$c"
	else tm new -d -s main -x 80 -y 24 -n "$1" "$c"; fi
	wait_for "DB ●" 15 "$1"
}
gone() { i=0; while kill -0 "$1" 2>/dev/null; do i=$((i + 1)); [ $i -gt $(($2 * 10)) ] && return 1; sleep 0.1; done; }
day() { date -d "$1" +%Y-%m-%d; }

# jump NAME OFFSET: a console, the wall clock moved by OFFSET, a key typed; it must live
# past 2 s and end by the idle timeout (4 s of no input) in 3..8 s, not at once or never.
jump() {
	console "$1" tlead || { not_ok "$1: console up" "$(screen "$1")"; return; }
	conn=$(pgrep -n -P "$SERVER")
	echo "$2" >"$FT"
	tm send-keys -t "$1" F5
	t0=$(date +%s.%N)
	sleep 2
	if kill -0 "$conn" 2>/dev/null; then ok "$1: clock moved $2, the session lives on (idle 2 s of 4)"
	else not_ok "$1: clock moved $2, the session lives on" "$(screen "$1"; tail -5 "$LOG")"; fi
	gone "$conn" 8
	el=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
	if ! kill -0 "$conn" 2>/dev/null && awk -v e="$el" 'BEGIN { exit !(e >= 3.5 && e < 8) }'; then
		ok "$1: ended by the idle timeout after $el s of real time"
	else not_ok "$1: ended by the idle timeout in 3.5..8 s" "after $el s; alive: $(kill -0 "$conn" 2>/dev/null && echo yes)"; fi
	wait_for "ssh-exit=" 3 "$1"
	expect_contains "$1: the member is told (idle timeout)" "No input for 4 seconds" "$(screen "$1")"
}
jump forward "+2d"
expect_contains "the jump reached the server: its log is dated two days on" "$(day '+2 days')T" "$(tail -3 "$LOG")"
jump backward "-3d"
expect_contains "the jump back reached the server: its log is dated three days ago" "$(day '-3 days')T" "$(tail -3 "$LOG")"

# LoginGraceTime with the clock going back a year mid-handshake: still 3 s.
echo "+0" >"$FT"
t0=$(date +%s.%N)
res=$(python3 - "$PORT" "$FT" <<'PY'
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=10)
s.recv(256)                                   # the banner; then say nothing
open(sys.argv[2], "w").write("-365d\n")
t = time.time()
try:
    while s.recv(256):
        pass
except OSError:
    pass
print("closed after %.1f s" % (time.time() - t))
PY
)
expect_match "grace time: an idle unauthenticated connection is cut after 3 s though the clock went back a year" \
	"closed after [2-5]\." "$res"
echo "+0" >"$FT"

kill -0 "$SERVER" 2>/dev/null && ok "the listener survived the jumps" || not_ok "the listener survived the jumps"
as tadmin tadmin whoami
expect_match "and serves a login" "^tadmin " "$out"
expect_eq "audit: 3 logins and 3 logouts recorded" "3 3" \
	"$(psql_q "SELECT count(*) FILTER (WHERE action = 'LOGIN') || ' ' || count(*) FILTER (WHERE action = 'LOGOUT') FROM audit_log")"
out=$("$REAL" -c "$CONF" audit verify --as tauditor 2>&1); rc=$?
expect_eq "audit verify: the chain is valid ($out)" 0 "$rc"
expect_nomatch "no sanitizer report" "ERROR: AddressSanitizer|runtime error|LeakSanitizer" \
	"$(cat "$T_TMP/serve.out" "$LOG")"
