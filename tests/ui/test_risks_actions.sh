#!/bin/sh
# The `risks` writes from the `:risks` screen, over the real OpenSSH client in tmux at
# 80x24 (Japanese), as a lead (tlead, whose department owns テスト業務): `n` adds an
# entry against a system the lead may write (the picker offers only those) with its
# description; Enter shows the description; `e` edits it (status chosen from a list,
# the description too) and a save after someone else's change opens the conflict dialog
# and writes nothing of ours; `c` comments; `x` closes with a note after a confirmation;
# on another department's entry `e` says why instead of opening a form; PgDn goes a page
# down. Each is checked in the database. A read-only member (treader) sees none of the
# writing keys, and pressing them changes nothing.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-07-01
ssh_ui_db "$ROOT/tests/db/mig_fixture.sql"
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood, due) VALUES
	(901, '帳票の差異', 'issue', 3, 5, '2026-12-25'), (901, '件数差', 'risk', 5, 4, '2026-12-10'),
	(902, '体制変更', 'risk', 5, 4, NULL)" >/dev/null

console() {	# console SESSION LOGIN: over SSH at 80x24, on :risks
	ssh_console "$1" "$2" || exit 1
	tmux_send -t "$1" ':' 'risks' Enter
	tmux_wait_for "帳票の差異" 5 "$1" || not_ok "$2: :risks opens" "$(tmux_capture "$1")"
}
risk() { psql_q "SELECT $2 FROM mig_risk WHERE title = '$1'"; }

console A tlead
expect_match "lead's key bar: n e c x" "n 追加  e 編集  c コメント  x 閉じる" "$(tmux_capture A | sed -n 23p)"

# n: the picker offers the lead's own systems only.
tmux_send -t A n
tmux_wait_for "課題・リスクの追加" 3 A && ok "n opens the add form" || not_ok "n opens the add form" "$(tmux_capture A)"
tmux_send -t A -l 業務
tmux_wait_for "テスト業務 (" 3 A || not_ok "picker: テスト業務" "$(tmux_capture A)"
expect_nomatch "picker: another department's system not offered" "他課業務 \(" "$(tmux_capture A)"
tmux_send -t A Enter
sleep 0.2
tmux_send -t A Tab; tmux_send -t A -l 'データ移行の遅れ'
tmux_send -t A Tab Right
tmux_send -t A Tab C-u; tmux_send -t A -l 4
tmux_send -t A Tab Tab; tmux_send -t A -l 2027-01-31
tmux_send -t A Tab Tab; tmux_send -t A -l '委託先の作業が遅れている'
tmux_send -t A F2
tmux_wait_for "データ移行の遅れ" 5 A && ok "the new entry is in the list" || not_ok "the new entry is in the list" "$(tmux_capture A)"
expect_eq "stored as risks add would: system, kind, impact, likelihood, due, description, owner" \
	"901|risk|4|3|2027-01-31|委託先の作業が遅れている|902" \
	"$(risk 'データ移行の遅れ' "system_id || '|' || kind || '|' || impact || '|' || likelihood || '|' || due || '|' || description || '|' || owner_id")"

# Enter: the description in the detail (the new one is third by due date).
tmux_send -t A Down Down Enter
tmux_wait_for "委託先の作業が遅れている" 3 A && ok "the detail shows the description" ||
	not_ok "the detail shows the description" "$(tmux_capture A)"
tmux_send -t A q
sleep 0.2

# e: status from the list, the description edited; saved with the version read.
v0=$(risk 'データ移行の遅れ' version)
tmux_send -t A e
tmux_wait_for "項目の編集" 3 A && ok "e opens the edit form" || not_ok "e opens the edit form" "$(tmux_capture A)"
tmux_send -t A Tab Tab Right
tmux_send -t A Tab Tab Tab Tab Tab; tmux_send -t A -l '。来週再確認'
tmux_send -t A F2
sleep 0.5
expect_eq "edited: status and description, version bumped" \
	"in_progress|委託先の作業が遅れている。来週再確認|$((v0 + 1))" \
	"$(risk 'データ移行の遅れ' "status || '|' || description || '|' || version")"

# A stale save: someone else changes it while the form is open.
tmux_send -t A e
tmux_wait_for "項目の編集" 3 A
psql_q "UPDATE mig_risk SET description = '他者の更新' WHERE title = 'データ移行の遅れ'" >/dev/null
tmux_send -t A C-u; tmux_send -t A -l 'データ移行の遅延'
tmux_send -t A F2
tmux_wait_for "他の人が変更しました" 3 A && ok "a stale save opens the conflict dialog" ||
	not_ok "a stale save opens the conflict dialog" "$(tmux_capture A)"
expect_contains "conflict dialog: their description" "他者の更新" "$(tmux_capture A)"
tmux_send -t A Escape	# keep editing
# the next Escape only once this one has closed the dialog (two close together read as one key)
i=0; while tmux_capture A | grep -q "他の人が変更しました" && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
sleep 0.3
expect_eq "the stale save wrote nothing of ours" "0" "$(psql_q "SELECT count(*) FROM mig_risk WHERE title = 'データ移行の遅延'")"
tmux_send -t A Escape	# leave the form: discard ours
tmux_wait_for "変更を破棄しますか" 3 A
tmux_send -t A y
sleep 0.3

# c: a comment; x: closed with a note, after a confirmation.
tmux_wait_for "データ移行の遅れ" 3 A
tmux_send -t A c
tmux_wait_for "コメント" 3 A
tmux_send -t A -l '委託先と協議済み'; tmux_send -t A F2
sleep 0.5
expect_eq "comment stored" "委託先と協議済み" \
	"$(psql_q "SELECT c.body FROM mig_risk_comment c JOIN mig_risk r ON r.id = c.risk_id WHERE r.title = 'データ移行の遅れ'")"
tmux_send -t A x
tmux_wait_for "項目のクローズ" 3 A && ok "x opens the close form" || not_ok "x opens the close form" "$(tmux_capture A)"
tmux_send -t A -l '解消した'; tmux_send -t A F2
tmux_wait_for "クローズしますか" 3 A && ok "x asks first" || not_ok "x asks first" "$(tmux_capture A)"
tmux_send -t A y
sleep 0.5
expect_eq "closed, with the note as a comment" "closed|2" \
	"$(psql_q "SELECT r.status || '|' || count(c.id) FROM mig_risk r LEFT JOIN mig_risk_comment c ON c.risk_id = r.id WHERE r.title = 'データ移行の遅れ' GROUP BY r.status")"

# PgDn: to the last row (体制変更, another department's); e there says why, no form.
tmux_send -t A Home PPage NPage
sleep 0.2
expect_match "PgDn: the position at the last row" "3 / 3" "$(tmux_capture A | sed -n 22p)"
snap=$(risk '体制変更' "md5(mig_risk::text)")
tmux_send -t A e
sleep 0.3
expect_nomatch "another department's entry: no form" "項目の編集" "$(tmux_capture A)"
# a long refusal wraps onto the line above the status line: read the two as one
expect_match "another department's entry: the reason" "テスト乙課" "$(tmux_capture A | sed -n '21,22p' | sed 's/ *$//' | tr -d '\n')"
expect_eq "another department's entry: unchanged" "$snap" "$(risk '体制変更' "md5(mig_risk::text)")"

# A read-only member: no writing keys; pressing them changes nothing.
console B treader
expect_nomatch "read-only: no writing keys in the bar" "n 追加|e 編集|c コメント|x 閉じる" "$(tmux_capture B | sed -n 23p)"
before=$(psql_q "SELECT count(*) || '/' || (SELECT count(*) FROM mig_risk_comment) || '/' || sum(version) FROM mig_risk")
tmux_send -t B n
sleep 0.2
tmux_send -t B e c x
sleep 0.3
expect_nomatch "read-only: no form opened" "課題・リスクの追加|項目の" "$(tmux_capture B)"
expect_eq "read-only: nothing changed" "$before" \
	"$(psql_q "SELECT count(*) || '/' || (SELECT count(*) FROM mig_risk_comment) || '/' || sum(version) FROM mig_risk")"
