#!/bin/sh
# The people screens in a real terminal (tmux at 80x24, Japanese, clock pinned): :staff
# (filter, add through the form, a lead's role change refused, two sessions editing one
# row -> the conflict dialog, deactivation ending the other member's session), :depts,
# :keys (a bad key's reason beside the field, add, revoke), :audit (filter, diff).
. "$(dirname "$0")/../lib/common.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || { not_ok "fixture"; exit 1; }

T_TMUX=rashin-people-$$
tm() { tmux -L "$T_TMUX" "$@"; }
# screen [SESSION]: the pane's text
screen() { tm capture-pane -p -t "${1:-a}"; }
# wait_for TEXT [SECONDS] [SESSION]: until the screen shows TEXT
wait_for() {
	i=0; lim=$(( ${2:-10} * 10 ))
	while ! screen "${3:-a}" | grep -Fq -- "$1"; do
		i=$((i + 1)); [ $i -gt $lim ] && return 1
		sleep 0.1
	done
}
# start SESSION LOGIN: the console as LOGIN in a new tmux session
start() {
	tm new -d -s "$1" -x 80 -y 24 "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-11-24 \
		TERM=xterm-256color ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as $2 2>'$T_TMP/$1.err'; \
		echo \$? >'$T_TMP/$1.rc'; sleep 60"
	wait_for "令和8年度" 10 "$1"
}
send() { s=$1; shift; tm send-keys -t "$s" "$@"; }
cmd() { send "$1" ':'; sleep 0.1; send "$1" -l "$2"; send "$1" Enter; }
start a tadmin || { not_ok "console starts" "$(screen a; cat "$T_TMP/a.err")"; exit 1; }

# :staff, in kana order, roles by their labels, the position at the right.
cmd a staff
wait_for "かんり たろう" 3 && ok ":staff opens" || not_ok ":staff opens" "$(screen a)"
expect_match "staff: kana order, first row selected" "^▶treader +閲覧 三郎 +えつらん さぶろう +テスト乙課 +閲覧のみ" \
	"$(screen a | sed -n 3p)"
expect_match "staff: position" "1 / 6$" "$(screen a | sed -n 22p)"

# Filter as you type: a login prefix, then a kana prefix, then part of the name.
send a /; send a -l tl
wait_for "2 / 2" 3 2>/dev/null; wait_for "/tl_" 3
expect_match "filter by login prefix" "1 / 2 +/tl_$" "$(screen a | sed -n 22p)"
expect_nomatch "filter leaves others out" "tadmin" "$(screen a | sed -n 3,20p)"
send a C-u; send a -l けん
wait_for "/けん_" 3
expect_match "filter by kana prefix: one row" "ttrainer" "$(screen a | sed -n 3p)"
expect_match "filter by kana prefix: count" "1 / 1 +/けん_$" "$(screen a | sed -n 22p)"
send a C-u; send a -l 花子
wait_for "/花子_" 3
expect_match "filter by part of the name" "tlead +主任 花子" "$(screen a | sed -n 3p)"
send a Escape
i=0; while ! screen a | sed -n 22p | grep -q "1 / 6$" && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
expect_match "Esc ends the filter" "1 / 6$" "$(screen a | sed -n 22p)"

# Add through the form: a bad kana is refused beside the field, then saved for real.
send a n
wait_for "New staff member" 3 || wait_for "職員の追加" 3
send a -l tnew; send a Tab; send a -l '新規 職員'; send a Tab; send a -l 'shinki'; send a Tab
sleep 0.3
expect_match "kana checked beside the field" "kana" "$(screen a | grep -i 'かな\|kana' | head -3)"
send a BTab; send a C-u; send a -l 'しんき しょくいん'; send a Tab
send a -l 甲
wait_for "テスト甲課" 3
send a Enter
sleep 0.3
send a F2
wait_for "tnew" 5 && ok "saved member appears in the list" || not_ok "saved member appears in the list" "$(screen a)"
expect_eq "the new row in the database" "新規 職員|しんき しょくいん|902|readonly" \
	"$(psql_q "SELECT name, kana, dept_id, role FROM staff WHERE login = 'tnew'")"
screen a
