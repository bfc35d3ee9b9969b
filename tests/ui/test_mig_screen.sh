#!/bin/sh
# The migration board and the risk log in a real terminal (tmux), in Japanese, the clock
# pinned: the board at 80x24 and 160x48 compared with expected screens, a lead's status
# change landing in the database with its history, the lead refused on another
# department's system with the reason on screen, the heat grid of :risks.
# REGEN=1 writes the expected screens instead of comparing (then read them by eye).
. "$(dirname "$0")/../lib/common.sh"

ui_db "$ROOT/tests/db/mig_fixture.sql"
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood, due) VALUES
	(901, '帳票の差異', 'issue', 3, 5, '2026-12-25'), (901, '件数差', 'risk', 5, 4, '2026-12-10'),
	(902, '体制変更', 'risk', 5, 4, NULL), (902, '済んだ件', 'issue', 1, 1, '2026-01-01')" >/dev/null
psql -qX -c "UPDATE mig_risk SET status = 'closed' WHERE title = '済んだ件'" >/dev/null

EXP=$ROOT/tests/ui/expected
screen() { tmux_capture | sed 's/ *$//'; }	# as the expected screens are kept
start() {	# start COLS LINES LOGIN: a fresh tmux server each time (cleanup kills the last)
	tmux_stop
	tmux_console tui "$1" "$2" "$3" 2026-07-01 ||
		{ not_ok "console starts" "$(screen; cat "$T_TMP/tui.err")"; exit 1; }
}
compare() {	# compare NAME FILE: the screen against the expected one
	if [ -n "${REGEN:-}" ]; then screen > "$EXP/$2"; ok "$1 (written)"; return; fi
	if [ "$(screen)" = "$(cat "$EXP/$2")" ]; then ok "$1"; else
		not_ok "$1" "$(screen | diff "$EXP/$2" - | head -20)"; fi
}

for size in "80 24" "160 48"; do
	set -- $size
	start "$1" "$2" tlead
	tmux_send ':' 'mig' Enter
	tmux_wait_for "完了率" 5 || not_ok "board opens at $1x$2" "$(screen)"
	compare "board at $1x$2" "mig_$1x$2.txt"
done
# Every key of the board is in the registry: ? lists them (the key bar shows Enter, 1-4).
tmux_send '?'
tmux_wait_for "この画面のキー" 3 || not_ok "? opens the help" "$(screen)"
for k in "1 +選択した手順を完了済みにする" "4 +選択した手順を対象外にする" \
    "o +変更できる業務だけを表示" "d +選択した業務の詳細を開く" "e +選んだ行を編集する" \
    "r +移行の課題・リスク管理を開く"; do
	expect_match "help lists ${k%% *}" "│ +$k" "$(screen)"
done
tmux_send q

# A lead changes a cell of their own system: Down to テスト業務 (the 21st row), Right x3 to
# テスト選定, 2 = 作業中. Then 他課業務: refused, said so, nothing written.
start 80 24 tlead
tmux_send ':' 'mig' Enter
tmux_wait_for "完了率" 5

for i in $(seq 21); do tmux_send Down; done
tmux_wait_for "[閲覧のみ]" 2 && ok "another department's system says read only" || not_ok "read only marker" "$(screen)"
tmux_send Up
tmux_wait_for "テスト手順: 完了済み" 2 || not_ok "on テスト業務" "$(screen)"
expect_nomatch "own system: not read only" "閲覧のみ" "$(screen | sed -n 22p)"
tmux_send Right Right Right
tmux_wait_for "テスト選定: 未着手" 2 || not_ok "on テスト選定" "$(screen)"
# another session's write: the board re-reads its statuses (only) within a second
psql -qX -c "UPDATE mig_status SET status = 'done' WHERE system_id = 901 AND step_id = 913" >/dev/null
tmux_wait_for "テスト選定: 完了済み" 1 && ok "live refresh of a board cell within 1 s" ||
	not_ok "live refresh of a board cell within 1 s" "$(screen)"
psql -qX -c "UPDATE mig_status SET status = 'todo' WHERE system_id = 901 AND step_id = 913" >/dev/null
tmux_wait_for "テスト選定: 未着手" 2 || not_ok "back to 未着手" "$(screen)"
h0=$(psql_q "SELECT count(*) FROM mig_status_history WHERE changed_by = 902")
tmux_send 2
tmux_wait_for "テスト業務 › テスト選定: 作業中" 3 && ok "status set from the board" || not_ok "status set from the board" "$(screen)"
expect_eq "the database has it, with history by the lead" "doing $((h0 + 1))" \
	"$(psql_q "SELECT status FROM mig_status WHERE system_id = 901 AND step_id = 913") $(psql_q "SELECT count(*) FROM mig_status_history WHERE changed_by = 902")"
snap=$(psql_q "SELECT md5(string_agg(t::text, '|' ORDER BY system_id, step_id)) FROM mig_status t")
tmux_send Down 1
tmux_wait_for "権限がありません: 他課業務 は テスト乙課 の業務です (自課: テスト甲課)" 3 && ok "the lead is told why, on screen" || not_ok "refusal on screen" "$(screen)"
expect_eq "refused: nothing written" "$snap" "$(psql_q "SELECT md5(string_agg(t::text, '|' ORDER BY system_id, step_id)) FROM mig_status t")"
tmux_send Up Enter
tmux_wait_for "1 完了済み  2 作業中  3 未着手  4 対象外" 3 && ok "Enter opens the step" || not_ok "Enter opens the step" "$(screen)"
expect_contains "step dialog: the change in its history" "未着手 -> 作業中  tlead" "$(screen)"
tmux_send q
tmux_send r
tmux_wait_for "影響度＼発生可能性" 3 && ok ":risks from the board (r)" || not_ok ":risks" "$(screen)"
# the risk log with its heat grid; closed ones are not listed
start 80 24 tlead
tmux_send ':' 'risks' Enter
tmux_wait_for "影響度＼発生可能性" 3 || not_ok ":risks opens" "$(screen)"
compare "risks at 80x24" "risks_80x24.txt"
tmux_send s
tmux_wait_for "影響度×発生可能性順" 2 && ok "s sorts by impact x likelihood" || not_ok "risks sort" "$(screen)"
expect_match "risks: by score, the 5x4 ones first" "^ 2026-12-10 +5×4 +テスト業務" "$(screen | sed -n 3p)"

# Filters on the board (f): by department, by vendor, by "a step in status"; the title says so.
start 160 48 tlead
tmux_send ':' 'mig' Enter
tmux_wait_for "完了率" 5
tmux_send f
tmux_wait_for "移行ボードの絞り込み" 3 || not_ok "f opens the filter picker" "$(screen)"
tmux_send 'テスト乙課'
sleep 0.3
tmux_send Enter
tmux_wait_for "[絞り込み: 担当課: テスト乙課]" 3 && ok "filter by department: the title says so" || not_ok "department filter title" "$(screen)"
expect_eq "department filter: only 他課業務 left" "他課業務" \
	"$(screen | sed -n '4,46p' | grep -E '[●◐○－]' | awk '{print $1}' | sed 's/▶//' | tr '\n' ' ' | sed 's/ $//')"
tmux_send f 'テストベンダ'
sleep 0.3
tmux_send Enter
tmux_wait_for "[絞り込み: ベンダ: テストベンダ]" 3 || not_ok "vendor filter title" "$(screen)"
expect_eq "vendor filter: only テスト業務 left" "テスト業務" \
	"$(screen | sed -n '4,46p' | grep -E '[●◐○－]' | awk '{print $1}' | sed 's/▶//' | tr '\n' ' ' | sed 's/ $//')"
nd=$(psql_q "SELECT count(DISTINCT ms.system_id) FROM mig_status ms JOIN mig_step st ON st.id = ms.step_id WHERE NOT st.retired AND ms.status = 'doing'")
tmux_send f '作業中 の手順'
sleep 0.3
tmux_send Enter
tmux_wait_for "[絞り込み: 状態: 作業中 の手順あり]" 3 || not_ok "status filter title" "$(screen)"
expect_eq "status filter: as many rows as systems with a step 作業中 ($nd)" "$nd" \
	"$(screen | sed -n '4,46p' | grep -cE '^.[^ ]+ +[●◐○－ ]*◐')"
expect_nomatch "status filter: 他課業務 (no step 作業中) gone" "他課業務" "$(screen)"
tmux_send f '解除'
sleep 0.3
tmux_send Enter
sleep 0.3
expect_nomatch "filter cleared: the title too" "絞り込み" "$(screen | sed -n 1p)"
expect_contains "filter cleared: all rows back" "他課業務" "$(screen)"

# System detail (d) and its form (e): the lead edits their own system's hosting; lands in the DB.
start 160 48 tlead
tmux_send ':' 'mig' Enter
tmux_wait_for "完了率" 5
for i in $(seq 20); do tmux_send Down; done
tmux_wait_for "テスト手順: 完了済み" 2 || not_ok "on テスト業務 (detail)" "$(screen)"
tmux_send d
tmux_wait_for "標準化移行 › テスト業務" 3 && ok "d opens the system detail" || not_ok "detail opens" "$(screen)"
expect_contains "detail: owner department" "担当課: テスト甲課" "$(screen)"
expect_contains "detail: current vendor" "現行ベンダ/製品: テストベンダ / -" "$(screen)"
expect_match "detail: a step with its dates" "◐ 作業中  テスト分析  計画: 2026-04-01 - 2026-06-30" "$(screen)"
expect_contains "detail: the status history heading" "── 状態の履歴" "$(screen)"
expect_match "detail: the risk log lists the system's item" "#[0-9]+  2026-12-10  5×4  open  件数差" "$(screen)"
v0=$(psql_q "SELECT version FROM mig_system WHERE id = 901")
tmux_send e
tmux_wait_for "現行製品" 3 && ok "e opens the form" || not_ok "e opens the form" "$(screen)"
tmux_send Tab Tab Tab Tab Tab 'ガバメントクラウド(AWS)' F2
tmux_wait_for "テスト業務: 保存しました" 3 && ok "the form saves" || not_ok "form saves" "$(screen)"
expect_eq "the edit is in the database, version bumped" "ガバメントクラウド(AWS) $((v0 + 1))" \
	"$(psql_q "SELECT hosting || ' ' || version FROM mig_system WHERE id = 901")"
tmux_wait_for "稼働環境: ガバメントクラウド(AWS)" 3 && ok "detail shows the saved value" || not_ok "detail after save" "$(screen)"
# a stale save: someone else saves first; the conflict dialog opens, Esc keeps editing
tmux_send e
tmux_wait_for "現行製品" 3
psql_q "UPDATE mig_system SET notes = '他者の更新' WHERE id = 901" >/dev/null
tmux_send Tab Tab Tab Tab Tab 'X' F2
tmux_wait_for "他の人が変更しました" 3 && ok "a stale save opens the conflict dialog" || not_ok "conflict dialog" "$(screen)"
expect_contains "conflict dialog: their value shown" "他者の更新" "$(screen)"
tmux_send r
sleep 0.3
tmux_send Escape
sleep 0.3
expect_eq "stale save wrote nothing of ours" "ガバメントクラウド(AWS)|他者の更新" \
	"$(psql_q "SELECT hosting || '|' || notes FROM mig_system WHERE id = 901")"
# the lead on another department's system: refused before the form opens, in words
# (the status line says "their version is loaded" for 5 s before the hint is back)
tmux_wait_for "e 編集  q 戻る" 8 || not_ok "back in the detail after the conflict" "$(screen)"
tmux_send q
sleep 0.3
tmux_send Down d
tmux_wait_for "標準化移行 › 他課業務" 3 || not_ok "detail of 他課業務" "$(screen)"
snap=$(psql_q "SELECT md5(t::text) FROM mig_system t WHERE id = 902")
tmux_send e
tmux_wait_for "権限がありません: 他課業務 は テスト乙課 の業務です (自課: テスト甲課)" 3 && ok "lead editing another department's system: told why" || not_ok "refusal for system edit" "$(screen)"
expect_nomatch "no form opened" "現行製品" "$(screen)"
expect_eq "refused: the row unchanged" "$snap" "$(psql_q "SELECT md5(t::text) FROM mig_system t WHERE id = 902")"
expect_eq "the database refuses the lead's write too" "0" \
	"$(psql -qXAt -c "BEGIN; SET LOCAL ROLE rashin_app; SELECT set_config('rashin.session', '$(session_of 902)', true); WITH u AS (UPDATE mig_system SET hosting = 'x' WHERE id = 902 RETURNING 1) SELECT count(*) FROM u; ROLLBACK" | sed -n 2p)"

# Risk comments: c adds one to the selected item, Enter shows it.
start 80 24 tlead
tmux_send ':' 'risks' Enter
tmux_wait_for "影響度＼発生可能性" 3
tmux_send c
tmux_wait_for "コメント*" 3 && ok "c opens the comment form" || not_ok "c opens the comment form" "$(screen)"
tmux_send 'ベンダに確認済み' F2
tmux_wait_for "コメントを追加しました" 3 && ok "comment added" || not_ok "comment added" "$(screen)"
expect_eq "the comment is in the database, by the lead" "ベンダに確認済み|902" \
	"$(psql_q "SELECT c.body || '|' || c.author_id FROM mig_risk_comment c JOIN mig_risk r ON r.id = c.risk_id WHERE r.title = '件数差'")"
tmux_send Enter
tmux_wait_for "ベンダに確認済み" 3 && ok "the comment shows up in the item" || not_ok "comment shown" "$(screen)"
expect_contains "item: comment count" "コメント (1)" "$(screen)"
tmux_send q
# a comment on another department's item is refused in words, nothing written
tmux_send Down Down
n0=$(psql_q "SELECT count(*) FROM mig_risk_comment")
tmux_send c 'x' F2
tmux_wait_for "権限がありません: 他課業務 は テスト乙課 の業務です" 3 && ok "comment on another department's item refused" || not_ok "comment refusal" "$(screen)"
expect_eq "refused: no comment written" "$n0" "$(psql_q "SELECT count(*) FROM mig_risk_comment")"
expect_eq "nothing on stderr" "" "$(grep -v -e ' info: ' "$T_TMP/tui.err" 2>/dev/null)"
exit 0
