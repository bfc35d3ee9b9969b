#!/bin/sh
# 20 consoles over SSH with hostile data on screen, and PostgreSQL stopped and restarted
# under them. Every department and staff name the console shows is filled with OSC 52,
# title-set, DCS and CSI sequences, C1 CSI, DEL and bidi overrides; the raw byte stream
# each ssh client receives (its pty output, recorded by tee) must carry none of them
# (the sanitiser's ␛ and friends instead). Then the database goes away for 2 s: no
# console dies, each says it is disconnected and reconnects within seconds.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
sshd_setup "30:30:100" 0 || exit 1
N=${CONSOLES:-20}
EVIL=$(printf 'X\033]52;c;ZXZpbA==\007\033]0;pwned\007\033P+q\033\\\033[2J\302\233m\177\342\200\256\342\201\246Y')
psql_q "UPDATE department SET name = '$EVIL' WHERE id = 901" >/dev/null
psql_q "UPDATE staff SET name = '$EVIL' WHERE id = 901" >/dev/null

T_TMUX=rashin-atk-$$
tm() { tmux -L "$T_TMUX" "$@"; }
i=1
while [ $i -le "$N" ]; do
	cmd="env TERM=xterm-256color LC_ALL=C.UTF-8 $SSH -tt -o SetEnv=LANG=ja_JP.UTF-8 -i $KEYS/tadmin tadmin@127.0.0.1 2>$T_TMP/err$i | tee $T_TMP/raw$i; sleep 60"
	if [ $i -eq 1 ]; then tm new -d -x 80 -y 24 -n w1 "$cmd"; else tm new-window -d -n "w$i" "$cmd"; fi
	i=$((i + 1))
done
# all_show TEXT SECS: every window's screen shows TEXT
all_show() {
	t=0
	while [ $t -lt $(($2 * 10)) ]; do
		miss=0; j=1
		while [ $j -le "$N" ]; do
			tm capture-pane -p -t "w$j" | grep -Fq -- "$1" || miss=$((miss + 1))
			j=$((j + 1))
		done
		[ $miss -eq 0 ] && return 0
		sleep 0.2; t=$((t + 2))
	done
	echo "$miss of $N windows lack \"$1\""; return 1
}
res=$(all_show "DB ●" 40) && ok "$N consoles over SSH up" || not_ok "$N consoles over SSH up" "$res
$(tm capture-pane -p -t w1)"
sleep 1
# Raw streams: none of the data's controls.
bad=0; i=1
while [ $i -le "$N" ]; do
	if grep -aqE "$(printf '\033')\\](52|0;pwned)|$(printf '\033')P\\+q|$(printf '\302\233')|$(printf '\177')|$(printf '\342\200\256')|$(printf '\342\201\246')" "$T_TMP/raw$i"; then
		bad=$((bad + 1))
	fi
	i=$((i + 1))
done
expect_eq "no raw control from the data in any console's byte stream" 0 "$bad"
if grep -aq "pwned" "$T_TMP/raw1"; then ok "the data is shown (sanitised)"; else not_ok "the data is shown (sanitised)" "$(tm capture-pane -p -t w1 | head -3)"; fi
expect_match "the sanitiser's picture for ESC is on screen" "␛" "$(tm capture-pane -p -t w1)"

# PostgreSQL stopped for 2 s under the consoles.
bin=$(pg_bindir)
as_pg "$bin/pg_ctl" -D "$PGDIR" -m fast -w stop >/dev/null 2>&1
res=$(all_show "DB ○" 15) && ok "database down: every console says so" || not_ok "database down: every console says so" "$res"
sleep 2
as_pg "$bin/pg_ctl" -D "$PGDIR" -l "$PGDIR/restart.log" -w \
	-o "-k $PGSOCK -c listen_addresses= -c fsync=off -c max_connections=300" start >/dev/null 2>&1
trap 'as_pg "$bin/pg_ctl" -D "$PGDIR" -m immediate stop >/dev/null 2>&1; t_cleanup' EXIT
start=$(date +%s)
res=$(all_show "DB ●" 20) && ok "database back: all $N consoles reconnected in $(($(date +%s) - start)) s" ||
	not_ok "database back: all consoles reconnected" "$res"
alive=$(server_kids "$SERVER" | wc -l)
expect_eq "no console died: $N connection processes" "$N" "$alive"
i=1; while [ $i -le "$N" ]; do tm send-keys -t "w$i" q; i=$((i + 1)); done
sleep 3
expect_eq "all consoles quit cleanly" 0 "$(server_kids "$SERVER" | wc -l)"
expect_nomatch "no sanitizer report" "ERROR: AddressSanitizer|runtime error|LeakSanitizer" \
	"$(cat "$T_TMP/serve.out" "$LOG")"
