#!/bin/sh
# :training's own forms over the real OpenSSH client in tmux (100x30, Japanese): a trainer
# adds a course (a on the course list) and a session of it (a on its sessions), and the
# database has them as `training course add` / `training session add` would write them
# (the same store functions: a course added by the command beside it compares equal);
# E shows the exact ssh line of the export; a reader sees neither the key in `?` nor the
# key bar, and a does nothing for them. c edits a course or a session (prefilled; a stale
# save opens the conflict dialog), as `training course edit` / `session edit` do.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-07-01
ssh_ui_db

# console SESSION LOGIN: LOGIN's console over SSH in tmux session SESSION, on :training.
console() {
	ssh_console "$1" "$2" 100 30 || exit 1
	tmux_send -t "$1" ':' 'training' Enter
	tmux_wait_for "研修一覧" 5 "$1" || not_ok "$2: :training opens" "$(tmux_capture "$1")"
}
course() { psql_q "SELECT code || '|' || title || '|' || category || '|' || mandatory FROM course WHERE code = '$1'"; }

console T ttrainer
tmux_send -t T '?'
tmux_wait_for "この画面のキー" 3 T || not_ok "T: ? opens the help" "$(tmux_capture T)"
expect_match "help lists a (add)" "│ +a +新しく追加する" "$(tmux_capture T)"
expect_match "help lists E (the ssh line)" "│ +E +画面のデータを書き出す・取り込む ssh コマンド +│" "$(tmux_capture T)"
tmux_send -t T q
sleep 0.3
expect_contains "the key bar shows a" "a 追加" "$(tmux_capture T | tail -2)"

# a: a new course; code, title, category (Space cycles: other -> DX leader), mandatory.
tmux_send -t T a
tmux_wait_for "研修の追加" 3 T && ok "a opens the new course's form" || not_ok "a: the form" "$(tmux_capture T)"
tmux_send -t T -l 'ZZ1'
tmux_send -t T Tab
tmux_send -t T -l '画面から追加した研修'
# on a choice field ? shows the form's own keys and : opens the command line; neither
# loses what was typed (a dialog never swallows `:cmd`)
tmux_send -t T Tab '?'
tmux_wait_for "この入力欄のキー" 3 T && ok "? in a form: the form's own keys" || not_ok "? in a form" "$(tmux_capture T)"
expect_contains "... naming save" "F2, Ctrl-S" "$(tmux_capture T)"
tmux_send -t T q
sleep 0.3
expect_contains "... q closes it: the form and what was typed stay" "画面から追加した研修" "$(tmux_capture T)"
tmux_send -t T ':'
sleep 0.3
tmux_send -t T -l 'nosuchscreen'
tmux_send -t T Enter
tmux_wait_for "nosuchscreen" 3 T && ok ": in a form opens the command line (the command is run, not eaten)" ||
	not_ok ": in a form" "$(tmux_capture T)"
expect_contains "... the form stays, with what was typed" "画面から追加した研修" "$(tmux_capture T)"
expect_contains "... on its own screen" "研修の追加" "$(tmux_capture T)"
tmux_send -t T Space Tab Space C-s
tmux_wait_for "研修を追加しました" 5 T || tmux_wait_for "course added" 1 T ||
	not_ok "saved: said on the status line" "$(tmux_capture T)"
expect_eq "the course is in the database as typed" "ZZ1|画面から追加した研修|dx_leader|true" "$(course ZZ1)"
as ttrainer ttrainer training course add ZZ2 dx_leader 画面から追加した研修 --mandatory
expect_eq "... as the command writes it" "$(course ZZ1 | cut -d'|' -f2-)" "$(course ZZ2 | cut -d'|' -f2-)"
n=$(psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'course' AND action = 'INSERT' AND staff_id = 903")
expect_eq "... audited as the trainer's (both)" 2 "$n"

# a refused by the database's check (a bad code): the form stays, the reason said.
tmux_send -t T a
tmux_wait_for "研修の追加" 3 T
tmux_send -t T -l 'bad code!'
tmux_send -t T Tab
tmux_send -t T -l 'だめな研修'
tmux_send -t T C-s
sleep 1
expect_contains "a refused save keeps the form" "研修の追加" "$(tmux_capture T)"
expect_eq "... and writes nothing" 0 "$(psql_q "SELECT count(*) FROM course WHERE title = 'だめな研修'")"
tmux_send -t T Escape	# leave the form: it asks before dropping the edits
tmux_wait_for "y はい" 3 T || not_ok "Esc asks before dropping the edits" "$(tmux_capture T)"
tmux_send -t T y
sleep 0.5
expect_nomatch "the form is gone" "研修の追加" "$(tmux_capture T)"

# Enter on ZZ1: its sessions; a: a new session.
zz=$(psql_q "SELECT id FROM course WHERE code = 'ZZ1'")
for i in $(seq 40); do
	tmux_capture T | grep -q '▶.*ZZ1\|ZZ1 .*画面から' && break
	tmux_send -t T Down; sleep 0.05
done
tmux_send -t T Enter
tmux_wait_for "ZZ1 画面から追加した研修 ›" 5 T && ok "Enter: ZZ1's sessions" || not_ok "ZZ1's sessions" "$(tmux_capture T)"
tmux_send -t T a
tmux_wait_for "開催回の追加" 3 T && ok "a opens the new session's form" || not_ok "a: the session form" "$(tmux_capture T)"
tmux_send -t T -l '2026-12-01 10:00'
tmux_send -t T Tab
tmux_send -t T -l '第2会議室'
tmux_send -t T Tab
tmux_send -t T -l '25'
tmux_send -t T C-s
tmux_wait_for "2026-12-01 10:00" 5 T && ok "the new session is listed" || not_ok "session listed" "$(tmux_capture T)"
expect_eq "the session is in the database: course, FY, start (Japan time), place, capacity" \
	"$zz|2026|2026-12-01 10:00|第2会議室|25" \
	"$(psql_q "SELECT course_id || '|' || fy || '|' || to_char(starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') || '|' || place || '|' || capacity FROM course_session WHERE course_id = $zz")"

# E: the export's exact ssh line, with this server's port and the member's login.
tmux_send -t T E
tmux_wait_for "ssh での書き出し・取り込み" 3 T && ok "E opens the ssh lines" || not_ok "E: ssh lines" "$(tmux_capture T)"
s=$(tmux_capture T)
expect_contains "the ssh part, with this server's port and the login (continued by \\)" \
	"ssh -p $PORT ttrainer@127.0.0.1 \\" "$s"
expect_contains "the export line, ready to copy" "    training export --fy 2026 > attendance-2026.csv" "$s"
expect_contains "the import line" "    training import attendance - < attendance.csv" "$s"
tmux_send -t T q
as ttrainer ttrainer training export --fy 2026
[ "$rc" = 0 ] && ok "the line's command runs" || not_ok "the line's command runs" "$out"

# c on the session: its edit form, prefilled; place and capacity changed, saved with the
# version read by the store function `training session edit` calls.
sess() { psql_q "SELECT place || '|' || coalesce(capacity::text, '-') || '|' || version FROM course_session WHERE course_id = $zz"; }
sid=$(psql_q "SELECT id FROM course_session WHERE course_id = $zz")
tmux_send -t T c
tmux_wait_for "開催回の編集" 3 T && ok "c opens the session's edit form" || not_ok "c: the session edit form" "$(tmux_capture T)"
expect_contains "... prefilled with the place" "第2会議室" "$(tmux_capture T)"
tmux_send -t T Tab C-e C-u
tmux_send -t T -l '第3会議室'
tmux_send -t T Tab C-e C-u
tmux_send -t T -l '30'
tmux_send -t T C-s
tmux_wait_for "開催回を保存しました: $sid (版 2)" 5 T && ok "saved: said with the new version" ||
	not_ok "session saved" "$(tmux_capture T)"
expect_eq "the session as edited in the database (version 2)" "第3会議室|30|2" "$(sess)"
expect_contains "... listed" "第3会議室" "$(tmux_capture T)"

# Someone saves first while the form is open: the conflict dialog, and Esc keeps theirs.
tmux_send -t T c
tmux_wait_for "開催回の編集" 3 T
as ttrainer ttrainer training session edit "$sid" --place 別の部屋
expect_eq "the command saved first (version 3)" "別の部屋|30|3" "$(sess)"
tmux_send -t T Tab Tab C-e C-u
tmux_send -t T -l '31'
tmux_send -t T C-s
tmux_wait_for "他の人が変更しました" 5 T && ok "a stale save opens the conflict dialog" ||
	not_ok "stale session save: the dialog" "$(tmux_capture T)"
expect_match "... theirs against mine" "別の部屋 +第3会議室" "$(tmux_capture T)"
tmux_send -t T Escape
tmux_wait_for "保存していません" 3 T && ok "... Esc: not saved, said" || not_ok "Esc on the conflict" "$(tmux_capture T)"
expect_eq "... and the database keeps theirs" "別の部屋|30|3" "$(sess)"
tmux_send -t T Escape
tmux_wait_for "y はい" 3 T && tmux_send -t T y
sleep 0.5
expect_nomatch "the form is gone" "開催回の編集" "$(tmux_capture T)"

# q back to the courses (ZZ1 selected); c: the course's form, the title and mandatory changed.
tmux_send -t T q
tmux_wait_for "研修一覧" 5 T
tmux_send -t T c
tmux_wait_for "研修の編集" 3 T && ok "c opens the course's edit form" || not_ok "c: the course edit form" "$(tmux_capture T)"
expect_contains "... prefilled with the title" "画面から追加した研修" "$(tmux_capture T)"
tmux_send -t T C-e C-u
tmux_send -t T -l '画面で直した研修'
tmux_send -t T Tab Tab Space C-s
tmux_wait_for "研修を保存しました: ZZ1 (版 2)" 5 T && ok "course saved: said" || not_ok "course saved" "$(tmux_capture T)"
as ttrainer ttrainer training course edit ZZ2 --title 画面で直した研修 --mandatory no
expect_eq "the course as the command writes it (title, category, not mandatory, version 2)" \
	"ZZ1|画面で直した研修|dx_leader|false ZZ2|画面で直した研修|dx_leader|false" "$(course ZZ1) $(course ZZ2)"
expect_eq "... each edit audited as the trainer's" 2 \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'course' AND action = 'UPDATE' AND staff_id = 903")"

# A reader: no a in the help or the key bar, and a adds nothing.
console R treader
expect_nomatch "reader: no a in the key bar" "a 追加" "$(tmux_capture R | tail -2)"
tmux_send -t R '?'
tmux_wait_for "この画面のキー" 3 R
expect_nomatch "reader: no a in the help" "│ +a +新しく追加する" "$(tmux_capture R)"
expect_nomatch "reader: no marking keys in the help" "選択した職員を出席にする" "$(tmux_capture R)"
tmux_send -t R q
n0=$(psql_q "SELECT count(*) FROM course")
tmux_send -t R a
sleep 0.5
expect_nomatch "reader: a opens no form" "研修の追加" "$(tmux_capture R)"
expect_eq "... and nothing is written" "$n0" "$(psql_q "SELECT count(*) FROM course")"
