#!/bin/sh
# The training screen in a real terminal (tmux): `:training`, courses → sessions → roster,
# a roster of 40 sorted by kana marked by one key per person (l 遅刻, x 欠席, e 欠席(届出),
# then p 出席 down the list), the result checked in the database; `A` asks, then marks the rest.
. "$(dirname "$0")/../lib/common.sh"

ui_db
# 40 learners whose kana run あ..と (inserted in reverse, so the screen must sort them),
# one course "A40" (first by code) with one session of 40 seats, and a 3-person session.
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || { not_ok "roster fixture"; exit 1; }
INSERT INTO staff (id, login, name, kana, dept_id, role)
SELECT 1000 + g, 'r' || lpad(g::text, 2, '0'), '受講者' || g,
	substr('あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらり', g, 1) || 'やま',
	902, 'readonly'
FROM generate_series(40, 1, -1) g;
INSERT INTO course (id, code, title, category, mandatory, rule_n, valid_fys) VALUES (950, 'A40', '四十人研修', 'other', true, 1, 1);
INSERT INTO course_session (id, course_id, fy, starts_at, place, capacity) VALUES
	(950, 950, 2026, '2026-11-30 10:00+09', '大会議室', 40),
	(951, 950, 2026, '2026-12-07 10:00+09', '会議室1', 40);
INSERT INTO enrolment (session_id, staff_id) SELECT 950, id FROM staff WHERE id BETWEEN 1001 AND 1040;
INSERT INTO enrolment (session_id, staff_id) SELECT 951, id FROM staff WHERE id BETWEEN 1001 AND 1003;
SQL

# today after both sessions: attendance is never marked before the session's day (sql/130)
tmux_console tui 100 30 ttrainer 2026-12-10 || { not_ok "console starts" "$(tmux_capture; cat "$T_TMP/tui.err")"; exit 1; }

tmux_send ':training' Enter
tmux_wait_for "研修一覧" 5 && ok ":training opens the course list" || not_ok ":training opens the course list" "$(tmux_capture)"
expect_contains "courses listed by code, A40 first" "A40" "$(tmux_capture | sed -n 4p)"
tmux_send Enter
tmux_wait_for "2026-11-30 10:00" 5 && ok "Enter: the course's sessions" || not_ok "Enter: the course's sessions" "$(tmux_capture)"
tmux_send Enter
tmux_wait_for "記録済み 0/40" 5 && ok "Enter: the roster, nothing marked" || not_ok "Enter: the roster" "$(tmux_capture)"
s=$(tmux_capture)
expect_contains "roster sorted by kana: あやま first" "受講者1 " "$(printf '%s\n' "$s" | sed -n 4p)"
expect_contains "... いやま second" "受講者2 " "$(printf '%s\n' "$s" | sed -n 5p)"
expect_contains "key hint" "p 出席  l 遅刻  e 欠席(届出)  x 欠席  A 全員出席" "$s"
# the roster's keys come from the registry: `?` lists each
tmux_send '?'
tmux_wait_for "この画面のキー" 3 || not_ok "?: help on the roster" "$(tmux_capture)"
s=$(tmux_capture)
expect_match "help: p marks present" "p +選択した職員を出席にする" "$s"
expect_match "help: l marks late" "l +選択した職員を遅刻にする" "$s"
expect_match "help: x marks absent" "x +選択した職員を欠席にする" "$s"
expect_match "help: A marks all present" "A +まだ記録のない全員を出席にする" "$s"
expect_match "help: T the transcript" "T +選択した職員の受講履歴を表示" "$s"
expect_nomatch "help: l is the roster's here, not also Right's" "Right / l" "$s"
tmux_send q
sleep 0.3
expect_nomatch "help closed, nothing marked by its keys" "この画面のキー" "$(tmux_capture)"
expect_eq "... nothing in the database yet" 0 "$(psql_q "SELECT count(*) FROM attendance WHERE session_id = 950")"

start=$(date +%s)
tmux_send l x e
i=4; while [ $i -le 40 ]; do tmux_send p; i=$((i + 1)); done
n=0; while [ "$(psql_q "SELECT count(*) FROM attendance WHERE session_id = 950")" != 40 ] && [ $n -lt 300 ]; do
	sleep 0.1; n=$((n + 1)); done
secs=$(( $(date +%s) - start ))
expect_eq "40 marked by keys, in the database" "absent 1|excused 1|late 1|present 37" \
	"$(psql_q "SELECT string_agg(status || ' ' || n, '|' ORDER BY status) FROM (SELECT status, count(*) n FROM attendance WHERE session_id = 950 GROUP BY status) t")"
expect_eq "one key per person in kana order" "r01 late|r02 absent|r03 excused|r04 present|r40 present" \
	"$(psql_q "SELECT string_agg(s.login || ' ' || a.status, '|' ORDER BY s.login) FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE session_id = 950 AND s.login IN ('r01', 'r02', 'r03', 'r04', 'r40')")"
[ "$secs" -lt 60 ] && ok "40 people marked in under a minute ($secs s)" || not_ok "40 marked in under a minute" "$secs s"
expect_eq "marked by the trainer" 903 "$(psql_q "SELECT DISTINCT marked_by FROM attendance WHERE session_id = 950")"
tmux_wait_for "記録済み 40/40" 5 && ok "roster header counts the marks" || not_ok "roster header counts the marks" "$(tmux_capture)"

# Back up to the sessions (q), the second session, A marks everyone present.
tmux_send q
tmux_wait_for "2026-12-07 10:00" 5 && ok "q: back to the sessions" || not_ok "q: back to the sessions" "$(tmux_capture)"
tmux_send Down Enter
tmux_wait_for "記録済み 0/3" 5 && ok "second session's roster" || not_ok "second session's roster" "$(tmux_capture)"
tmux_send x A
tmux_wait_for "まだ記録のない 2 人（全 3 人中）を出席にします" 5 && ok "A asks first, saying for how many" ||
	not_ok "A asks first" "$(tmux_capture)"
expect_eq "... nothing marked while it asks" "1" "$(psql_q "SELECT count(*) FROM attendance WHERE session_id = 951")"
tmux_send n
tmux_wait_for "何も記録していません" 5 && ok "n: nothing marked, and said so" || not_ok "n: nothing marked" "$(tmux_capture)"
expect_eq "... the database has only the one mark" "1" "$(psql_q "SELECT count(*) FROM attendance WHERE session_id = 951")"
tmux_send A
tmux_wait_for "を出席にします" 5 || not_ok "A asks again" "$(tmux_capture)"
tmux_send y
tmux_wait_for "記録済み 3/3" 5 && ok "A, y: marks the rest present" || not_ok "A marks the rest present" "$(tmux_capture)"
expect_eq "A kept the mark already made" "r01 absent|r02 present|r03 present" \
	"$(psql_q "SELECT string_agg(s.login || ' ' || a.status, '|' ORDER BY s.login) FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE session_id = 951")"

# T on a roster row: that person's transcript; q back to the roster on the same row.
tmux_send Up Up T
tmux_wait_for "受講履歴: 受講者1" 5 && ok "T on the roster: the person's transcript" || not_ok "T: transcript" "$(tmux_capture)"
sleep 0.3; s=$(tmux_capture)
cert=$(psql_q "SELECT cert_no FROM training_completion WHERE staff_id = 1001 AND course_id = 950")
expect_match "transcript row: course, FY, 1 of 1 attended, completed, certificate, valid to FY end, valid" \
	"A40 +四十人研修 +2026 +1/1 +はい +2026-1[12]-[0-9]+ +$cert +2027-03-31 +有効" "$s"
expect_match "certificate number from the database" "^TRN" "$cert"
tmux_send q
tmux_wait_for "記録済み 3/3" 5 && ok "q: back from the transcript to the roster" || not_ok "q: back to the roster" "$(tmux_capture)"
# D: the department report, the same numbers as `training report` (hand-counted: T-A has
# the 40 learners + 1; A40 needs 1 session; r02 and r03 completed through the second one).
tmux_send D
tmux_wait_for "必修研修の修了状況: 令和8年度" 5 && ok "D: the mandatory-course report" || not_ok "D: report" "$(tmux_capture)"
s=$(tmux_capture)
expect_match "report: T-A 40 of 41, rate and a full bar" "T-A +テスト甲課 +A40 +四十人研修 +41 +40 +97\.6% +██████████" "$s"
expect_match "report: T-IT none finished" "T-IT +テスト情報課 +A40 +四十人研修 +3 +0 +0\.0% +░░░░░░░░░░" "$s"
cli=$("$RASHIN" -c "$CONF" training report --fy 2026 --as ttrainer 2>&1)
expect_match "the command prints the same T-A numbers" "T-A +テスト甲課 +A40 +四十人研修 +41 +40 +97\.6% +██████████" "$cli"
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || not_ok "DX fixture"
INSERT INTO dx_target (dept_id, fy, target) VALUES (902, 2026, 4);
INSERT INTO dx_candidate (staff_id, fy, status) VALUES (1001, 2026, 'candidate'), (1002, 2026, 'certified');
SQL
tmux_send D
tmux_wait_for "DX推進リーダーの目標に対する進捗" 5 && ok "D again: DX leaders against target" || not_ok "D: DX report" "$(tmux_capture)"
sleep 0.3
cli=$("$RASHIN" -c "$CONF" training report --fy 2026 --as ttrainer 2>&1)
expect_match "DX report: T-A target 4, 2 candidates, 1 certified, 25%" "T-A +テスト甲課 +4 +2 +0 +1 +25\.0% +███░░░░░░░" "$(tmux_capture)"
expect_match "the command prints the same DX numbers" "T-A +テスト甲課 +4 +2 +0 +1 +25\.0% +███░░░░░░░" "$cli"
tmux_send q
tmux_wait_for "記録済み 3/3" 5 && ok "q: back from the report to the roster" || not_ok "q: back from report" "$(tmux_capture)"
tmux_send q q T
tmux_wait_for "受講履歴: " 5 && ok "T on the course list: one's own transcript" || not_ok "T: own transcript" "$(tmux_capture)"
expect_match "own transcript is the trainer's" "受講履歴: $(psql_q "SELECT name FROM staff WHERE login = 'ttrainer'")" "$(tmux_capture)"
tmux_send q q
