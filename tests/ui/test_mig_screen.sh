#!/bin/sh
# The migration board and the risk log in a real terminal (tmux), in Japanese, the clock
# pinned: the board at 80x24 and 160x48 compared with expected screens, a lead's status
# change landing in the database with its history, the lead refused on another
# department's system with the reason on screen, the heat grid of :risks.
# REGEN=1 writes the expected screens instead of comparing (then read them by eye).
. "$(dirname "$0")/../lib/common.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || { not_ok "fixture"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/mig_fixture.sql" >/dev/null || { not_ok "mig fixture"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood, due) VALUES
	(901, '帳票の差異', 'issue', 3, 5, '2026-12-25'), (901, '件数差', 'risk', 5, 4, '2026-12-10'),
	(902, '体制変更', 'risk', 5, 4, NULL), (902, '済んだ件', 'issue', 1, 1, '2026-01-01')" >/dev/null
psql -qX -c "UPDATE mig_risk SET status = 'closed' WHERE title = '済んだ件'" >/dev/null

N=0
EXP=$ROOT/tests/ui/expected
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p | sed 's/ *$//'; }
wait_for() {
	i=0; lim=$(( ${2:-10} * 10 ))
	while ! screen | grep -Fq -- "$1"; do
		i=$((i + 1)); [ $i -gt $lim ] && return 1
		sleep 0.1
	done
}
start() {	# start COLS LINES LOGIN: a fresh tmux server each time (cleanup kills the last)
	[ -n "${T_TMUX:-}" ] && tm kill-server 2>/dev/null
	N=$((N + 1)); T_TMUX=rashin-mig-$$-$N
	tm new -d -x "$1" -y "$2" "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-07-01 TERM=xterm-256color \
		ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as $3 2>>'$T_TMP/tui.err'; sleep 30"
	wait_for "令和8年度" 10 || { not_ok "console starts" "$(screen; cat "$T_TMP/tui.err")"; exit 1; }
}
compare() {	# compare NAME FILE: the screen against the expected one
	if [ -n "${REGEN:-}" ]; then screen > "$EXP/$2"; ok "$1 (written)"; return; fi
	if [ "$(screen)" = "$(cat "$EXP/$2")" ]; then ok "$1"; else
		not_ok "$1" "$(screen | diff "$EXP/$2" - | head -20)"; fi
}

for size in "80 24" "160 48"; do
	set -- $size
	start "$1" "$2" tlead
	tm send-keys ':' 'mig' Enter
	wait_for "完了率" 5 || not_ok "board opens at $1x$2" "$(screen)"
	compare "board at $1x$2" "mig_$1x$2.txt"
done

# A lead changes a cell of their own system: Down to テスト業務 (the 21st row), Right x3 to
# テスト選定, 2 = 作業中. Then 他課業務: refused, said so, nothing written.
start 80 24 tlead
tm send-keys ':' 'mig' Enter
wait_for "完了率" 5

for i in $(seq 21); do tm send-keys Down; done
wait_for "[閲覧のみ]" 2 && ok "another department's system says read only" || not_ok "read only marker" "$(screen)"
tm send-keys Up
wait_for "テスト手順: 完了済み" 2 || not_ok "on テスト業務" "$(screen)"
expect_nomatch "own system: not read only" "閲覧のみ" "$(screen | sed -n 22p)"
tm send-keys Right Right Right
wait_for "テスト選定: 未着手" 2 || not_ok "on テスト選定" "$(screen)"
h0=$(psql_q "SELECT count(*) FROM mig_status_history WHERE changed_by = 902")
tm send-keys 2
wait_for "テスト業務 › テスト選定: 作業中" 3 && ok "status set from the board" || not_ok "status set from the board" "$(screen)"
expect_eq "the database has it, with history by the lead" "doing $((h0 + 1))" \
	"$(psql_q "SELECT status FROM mig_status WHERE system_id = 901 AND step_id = 913") $(psql_q "SELECT count(*) FROM mig_status_history WHERE changed_by = 902")"
snap=$(psql_q "SELECT md5(string_agg(t::text, '|' ORDER BY system_id, step_id)) FROM mig_status t")
tm send-keys Down 1
wait_for "権限がありません: 他課業務 は テスト乙課 の業務です (自課: テスト甲課)" 3 && ok "the lead is told why, on screen" || not_ok "refusal on screen" "$(screen)"
expect_eq "refused: nothing written" "$snap" "$(psql_q "SELECT md5(string_agg(t::text, '|' ORDER BY system_id, step_id)) FROM mig_status t")"
tm send-keys Up Enter
wait_for "1 完了済み  2 作業中  3 未着手  4 対象外" 3 && ok "Enter opens the step" || not_ok "Enter opens the step" "$(screen)"
expect_contains "step dialog: the change in its history" "未着手 -> 作業中  tlead" "$(screen)"
tm send-keys q
tm send-keys r
wait_for "影響度＼発生可能性" 3 && ok ":risks from the board (r)" || not_ok ":risks" "$(screen)"
# the risk log with its heat grid; closed ones are not listed
start 80 24 tlead
tm send-keys ':' 'risks' Enter
wait_for "影響度＼発生可能性" 3 || not_ok ":risks opens" "$(screen)"
compare "risks at 80x24" "risks_80x24.txt"
tm send-keys s
wait_for "影響度×発生可能性順" 2 && ok "s sorts by impact x likelihood" || not_ok "risks sort" "$(screen)"
expect_match "risks: by score, the 5x4 ones first" "^ 2026-12-10 +5×4 +テスト業務" "$(screen | sed -n 3p)"
expect_eq "nothing on stderr" "" "$(grep -v -e ' info: ' "$T_TMP/tui.err" 2>/dev/null)"
exit 0
