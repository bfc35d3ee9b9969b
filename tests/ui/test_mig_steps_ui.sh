#!/bin/sh
# :mig's step view and step list over the real OpenSSH client in tmux (100x30, Japanese):
# Enter opens the step view, `?` there shows the help and comes back to it; c edits the
# cell's planned dates, owner and note (a long note read in full by scrolling), saved with
# the version read (another's change meanwhile: the conflict dialog, nothing written);
# IT staff add (+), rename (N), move (M), retire (X, asked first) and restore (U) steps,
# each as `mig steps` writes it; a lead and a reader do not see the step list's keys, a
# reader not c either. `mig cell` (the same store function as c) from a shell.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-07-01
ssh_ui_db "$ROOT/tests/db/mig_fixture.sql"

# console SESSION LOGIN [board]: LOGIN's board over SSH, on テスト業務 (901) x テスト選定 (913)
# (with a third argument: the board as it opens).
console() {
	ssh_console "$1" "$2" 100 30 || exit 1
	tmux_send -t "$1" ':' 'mig' Enter
	tmux_wait_for "完了率" 5 "$1" || not_ok "$2: the board opens" "$(tmux_capture "$1")"
	[ -n "${3:-}" ] && return 0	# the board is all a role check needs
	for i in $(seq 20); do tmux_send -t "$1" Down; done
	tmux_send -t "$1" Right Right Right
	tmux_wait_for "テスト選定: 未着手" 3 "$1" || not_ok "$2: on テスト業務 x テスト選定" "$(tmux_capture "$1")"
}
cellq() { psql_q "SELECT $1 FROM mig_status WHERE system_id = 901 AND step_id = 913"; }
stepq() { psql_q "SELECT $1 FROM mig_step WHERE id = 913"; }

console A tadmin
tmux_send -t A Enter
tmux_wait_for "1 完了済み  2 作業中  3 未着手  4 対象外" 3 A && ok "Enter opens the step view" ||
	not_ok "Enter opens the step view" "$(tmux_capture A)"
expect_contains "IT staff are shown the step list's keys" "N 名前変更  M 移動  X この手順を廃止" "$(tmux_capture A)"
tmux_send -t A '?'
tmux_wait_for "この画面のキー" 3 A || not_ok "? in the step view: the help" "$(tmux_capture A)"
s=$(tmux_capture A)
for k in "c +選択した手順の予定日・担当者・メモを編集する" "\+ +手順一覧に手順を追加する" \
    "N +選択した手順の名前を変更する" "M +選択した手順を一覧の別の位置へ移す" \
    "X +選択した手順を廃止する" "U +廃止した手順を元に戻す"; do
	expect_match "help lists ${k%% *}" "│ +$k" "$s"
done
tmux_send -t A q
tmux_wait_for "1 完了済み  2 作業中  3 未着手  4 対象外" 3 A && ok "? did not close the step view" ||
	not_ok "? did not close the step view" "$(tmux_capture A)"

# c: dates, owner (picked), and a note longer than the screen.
note=$(i=0; while [ $i -lt 120 ]; do printf '移行作業の記録その%03d。' $i; i=$((i + 1)); done; printf '最後の行')
v0=$(cellq version)
tmux_send -t A c
tmux_wait_for "予定開始日" 3 A && ok "c opens the cell's form" || not_ok "c: the form" "$(tmux_capture A)"
tmux_send -t A -l '2026-08-01'
tmux_send -t A Tab
for i in $(seq 12); do tmux_send -t A BSpace; done
tmux_send -t A -l '2026-09-30'
tmux_send -t A Tab
tmux_send -t A -l 'tlead'
sleep 0.5
tmux_send -t A Enter
sleep 0.3
tmux_send -t A Tab
tmux_send -t A -l "$note"
tmux_send -t A C-s
tmux_wait_for "テスト業務 › テスト選定: 保存しました" 5 A && ok "saved, said so" || not_ok "cell saved" "$(tmux_capture A)"
expect_eq "the database has the dates, the owner and the whole note, one version on" \
	"2026-08-01|2026-09-30|tlead|$note|$((v0 + 1))" \
	"$(psql_q "SELECT planned_start || '|' || planned_end || '|' || s.login || '|' || note || '|' || m.version FROM mig_status m JOIN staff s ON s.id = m.owner_id WHERE system_id = 901 AND step_id = 913")"
expect_eq "... the status untouched" todo "$(cellq status)"
expect_nomatch "the note's end is below the screen at first" "最後の行" "$(tmux_capture A)"
tmux_send -t A G	# End (tmux sends End as \e[4~, which xterm's terminfo does not know)
sleep 0.3
expect_contains "G (End): the note read to its end" "最後の行" "$(tmux_capture A)"
expect_eq "... scrolling wrote nothing" "todo $((v0 + 1))" "$(cellq "status || ' ' || version")"
tmux_send -t A g

# c again; tlead changes the note by the command meanwhile: the conflict dialog.
tmux_send -t A c
tmux_wait_for "予定開始日" 3 A
as tlead tlead mig cell テスト業務 テスト選定 --note '甲課のメモ'
expect_eq "mig cell as the lead writes" "0" "$rc"
tmux_send -t A Tab Tab Tab
tmux_send -t A -l '追記'
tmux_send -t A C-s
tmux_wait_for "他の人が変更しました" 5 A && ok "stale save: the conflict dialog" || not_ok "conflict dialog" "$(tmux_capture A)"
expect_contains "... naming who" "tlead さんが" "$(tmux_capture A)"
expect_eq "nothing of A's written" "甲課のメモ" "$(cellq note)"
tmux_send -t A r
tmux_wait_for "相手の内容を読み込みました" 3 A && ok "r: theirs in the form" || not_ok "r: theirs" "$(tmux_capture A)"
tmux_send -t A Escape
sleep 0.6
tmux_send -t A y
sleep 0.5

# mig cell from a shell: the same function, fields not named stay.
as tlead tlead mig cell テスト業務 テスト選定 --from 2026-08-02 --owner -
expect_eq "mig cell --from, --owner -: start moved, owner cleared, note and end kept" \
	"2026-08-02|2026-09-30||甲課のメモ" \
	"$(psql_q "SELECT planned_start || '|' || planned_end || '|' || coalesce(owner_id::text, '') || '|' || note FROM mig_status WHERE system_id = 901 AND step_id = 913")"
as tlead tlead mig cell 他課業務 テスト選定 --note x
expect_match "mig cell on another department's system: refused in words" "テスト乙課" "$out"
as tlead tlead mig cell テスト業務 テスト選定 --note y --if-version 1
expect_match "mig cell --if-version stale: nothing saved" "何も保存していません|nothing was saved" "$out"

# N: rename the step shown; M: move it; X: retire it (asked); U: restore it.
tmux_send -t A N
tmux_wait_for "手順名の変更" 3 A || not_ok "N: the rename form" "$(tmux_capture A)"
for i in $(seq 6); do tmux_send -t A BSpace; done
tmux_send -t A -l '画面で改名'
tmux_send -t A C-s
sleep 1
expect_eq "N renames the step in the database" "画面で改名" "$(stepq name)"
tmux_send -t A M
tmux_wait_for "手順の移動" 3 A || not_ok "M: the move form" "$(tmux_capture A)"
tmux_send -t A -l '7'
tmux_send -t A C-s
sleep 1
expect_eq "M moves it" 7 "$(stepq seq)"
tmux_send -t A X
tmux_wait_for "を廃止しますか" 3 A && ok "X asks first" || not_ok "X asks first" "$(tmux_capture A)"
expect_contains "... saying how many systems" "全$(psql_q "SELECT count(*) FROM mig_system")業務" "$(tmux_capture A | tr -d '│ \n')"
expect_eq "... nothing retired while it asks" f "$(stepq retired)"
tmux_send -t A y
sleep 1
expect_eq "y: retired" t "$(stepq retired)"
tmux_send -t A U
tmux_wait_for "廃止した手順を元に戻す" 3 A || not_ok "U: the pick" "$(tmux_capture A)"
tmux_send -t A -l '画面で改名'
sleep 0.5
tmux_send -t A Enter
sleep 1
expect_eq "U restores it" f "$(stepq retired)"
n=$(psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'mig_step' AND action = 'UPDATE' AND staff_id = 901")
expect_eq "rename, move, retire, restore: four audited writes by the admin" 4 "$n"

# +: a new step from the board, next to what `mig steps add` writes.
tmux_send -t A +
tmux_wait_for "手順の追加" 3 A && ok "+ opens the new step's form" || not_ok "+: form" "$(tmux_capture A)"
tmux_send -t A -l '計画立案'	# a phase that exists: phases are data IT manages (mig phases)
tmux_send -t A Tab
tmux_send -t A -l '画面で足した手順'
tmux_send -t A C-s
sleep 1
expect_eq "+ adds the step after the last" "計画立案|$(psql_q "SELECT max(seq) FROM mig_step")|false" \
	"$(psql_q "SELECT phase || '|' || seq || '|' || retired FROM mig_step WHERE name = '画面で足した手順'")"
as tadmin tadmin mig steps add 計画立案 コマンドで足した手順
expect_eq "... as the command adds one" "計画立案|false" \
	"$(psql_q "SELECT phase || '|' || retired FROM mig_step WHERE name = 'コマンドで足した手順'")"

# A lead: c but no step list keys; + does nothing. A reader: not c either.
console L tlead board
tmux_send -t L '?'
tmux_wait_for "この画面のキー" 3 L
s=$(tmux_capture L)
expect_match "lead: c in the help" "│ +c +選択した手順の予定日" "$s"
expect_nomatch "lead: no + in the help" "手順一覧に手順を追加する" "$s"
expect_nomatch "lead: no X in the help" "選択した手順を廃止する" "$s"
tmux_send -t L q
n0=$(psql_q "SELECT count(*) FROM mig_step")
tmux_send -t L +
sleep 0.5
expect_nomatch "lead: + opens no form" "手順の追加" "$(tmux_capture L)"
expect_eq "... nothing added" "$n0" "$(psql_q "SELECT count(*) FROM mig_step")"
console R treader board
tmux_send -t R '?'
tmux_wait_for "この画面のキー" 3 R
expect_nomatch "reader: no c in the help" "選択した手順の予定日" "$(tmux_capture R)"
tmux_send -t R q
