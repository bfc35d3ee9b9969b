#!/bin/sh
# The training screen in a real terminal (tmux): `:training`, courses → sessions → roster,
# a roster of 40 sorted by kana marked by one key per person (l 遅刻, x 欠席, e 欠席(届出),
# then p 出席 down the list), the result checked in the database; `A` marks the rest.
. "$(dirname "$0")/../lib/common.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || { not_ok "fixture"; exit 1; }
# 40 learners whose kana run あ..と (inserted in reverse, so the screen must sort them),
# one course "A40" (first by code) with one session of 40 seats, and a 3-person session.
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || { not_ok "roster fixture"; exit 1; }
INSERT INTO staff (id, login, name, kana, dept_id, role)
SELECT 1000 + g, 'r' || lpad(g::text, 2, '0'), '受講者' || g,
	substr('あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらり', g, 1) || 'やま',
	902, 'readonly'
FROM generate_series(40, 1, -1) g;
INSERT INTO course (id, code, title, category) VALUES (950, 'A40', '四十人研修', 'other');
INSERT INTO course_session (id, course_id, fy, starts_at, place, capacity) VALUES
	(950, 950, 2026, '2026-11-30 10:00+09', '大会議室', 40),
	(951, 950, 2026, '2026-12-07 10:00+09', '会議室1', 40);
INSERT INTO enrolment (session_id, staff_id) SELECT 950, id FROM staff WHERE id BETWEEN 1001 AND 1040;
INSERT INTO enrolment (session_id, staff_id) SELECT 951, id FROM staff WHERE id BETWEEN 1001 AND 1003;
SQL

T_TMUX=rashin-tr-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p; }
wait_for() {
	i=0; lim=$(( ${2:-10} * 10 ))
	while ! screen | grep -Fq -- "$1"; do
		i=$((i + 1)); [ $i -gt $lim ] && return 1
		sleep 0.1
	done
}
tm new -d -x 100 -y 30 "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-11-24 TERM=xterm-256color \
	ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as ttrainer 2>'$T_TMP/tui.err'; \
	echo \$? >'$T_TMP/tui.rc'; sleep 30"
wait_for "rashin" 10 || { not_ok "console starts" "$(screen; cat "$T_TMP/tui.err")"; exit 1; }
wait_for "令和8年度" 5

tm send-keys ':training' Enter
wait_for "研修一覧" 5 && ok ":training opens the course list" || not_ok ":training opens the course list" "$(screen)"
expect_contains "courses listed by code, A40 first" "A40" "$(screen | sed -n 4p)"
tm send-keys Enter
wait_for "2026-11-30 10:00" 5 && ok "Enter: the course's sessions" || not_ok "Enter: the course's sessions" "$(screen)"
tm send-keys Enter
wait_for "記録済み 0/40" 5 && ok "Enter: the roster, nothing marked" || not_ok "Enter: the roster" "$(screen)"
s=$(screen)
expect_contains "roster sorted by kana: あやま first" "受講者1 " "$(printf '%s\n' "$s" | sed -n 4p)"
expect_contains "... いやま second" "受講者2 " "$(printf '%s\n' "$s" | sed -n 5p)"
expect_contains "key hint" "p 出席  l 遅刻  e 欠席(届出)  x 欠席  A 全員出席" "$s"

start=$(date +%s)
tm send-keys l x e
i=4; while [ $i -le 40 ]; do tm send-keys p; i=$((i + 1)); done
n=0; while [ "$(psql_q "SELECT count(*) FROM attendance WHERE session_id = 950")" != 40 ] && [ $n -lt 300 ]; do
	sleep 0.1; n=$((n + 1)); done
secs=$(( $(date +%s) - start ))
expect_eq "40 marked by keys, in the database" "absent 1|excused 1|late 1|present 37" \
	"$(psql_q "SELECT string_agg(status || ' ' || n, '|' ORDER BY status) FROM (SELECT status, count(*) n FROM attendance WHERE session_id = 950 GROUP BY status) t")"
expect_eq "one key per person in kana order" "r01 late|r02 absent|r03 excused|r04 present|r40 present" \
	"$(psql_q "SELECT string_agg(s.login || ' ' || a.status, '|' ORDER BY s.login) FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE session_id = 950 AND s.login IN ('r01', 'r02', 'r03', 'r04', 'r40')")"
[ "$secs" -lt 60 ] && ok "40 people marked in under a minute ($secs s)" || not_ok "40 marked in under a minute" "$secs s"
expect_eq "marked by the trainer" 903 "$(psql_q "SELECT DISTINCT marked_by FROM attendance WHERE session_id = 950")"
wait_for "記録済み 40/40" 5 && ok "roster header counts the marks" || not_ok "roster header counts the marks" "$(screen)"

# Back up to the sessions (q), the second session, A marks everyone present.
tm send-keys q
wait_for "2026-12-07 10:00" 5 && ok "q: back to the sessions" || not_ok "q: back to the sessions" "$(screen)"
tm send-keys Down Enter
wait_for "記録済み 0/3" 5 && ok "second session's roster" || not_ok "second session's roster" "$(screen)"
tm send-keys x A
wait_for "記録済み 3/3" 5 && ok "A marks the rest present" || not_ok "A marks the rest present" "$(screen)"
expect_eq "A kept the mark already made" "r01 absent|r02 present|r03 present" \
	"$(psql_q "SELECT string_agg(s.login || ' ' || a.status, '|' ORDER BY s.login) FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE session_id = 951")"
tm send-keys q q q
