#!/bin/sh
# Training: the waiting list, completion rules (N of M, 遅刻 counted per course, pass mark),
# certificates issued by the database, expiry across fiscal years with pinned dates,
# refusals by row-level security, attendance import/export (bad rows, dry run, re-import,
# CP932) and the department report's numbers on a hand-made fixture.
. "$(dirname "$0")/../lib/common.sh"
export LANG=en_US.UTF-8	# messages compared below are the English ones (one check in Japanese)
# Today, pinned: after every FY2026 session (attendance is never marked before the session's
# day, sql/130_rules.sql), still in FY2026. The database learns it with each transaction.
export RASHIN_TODAY=2027-03-31

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/training_fixture.sql" >/dev/null || not_ok "training fixture loads"

# run LOGIN ARGS...: `rashin training ARGS --as LOGIN`; stdout in $out, stderr in $err, exit in $rc
run() {
	who=$1; shift
	out=$("$RASHIN" -c "$CONF" training "$@" --as "$who" 2>"$T_TMP/err"); rc=$?
	err=$(cat "$T_TMP/err")
}
as_app() {	# as_app STAFF_ID SQL: the result, as the application role with that identity
	PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" \
		-c "SELECT set_config('rashin.session', '$(session_of $1)', true)" -c "$2" -c "COMMIT" 2>&1 | sed '1d'
}
state() { psql_q "SELECT state FROM enrolment e JOIN staff s ON s.id = e.staff_id WHERE session_id = $1 AND login = '$2'"; }
tc() {	# tc COURSE LOGIN FY COLUMN: one column of training_completion
	psql_q "SELECT $4 FROM training_completion t JOIN course c ON c.id = t.course_id
		JOIN staff s ON s.id = t.staff_id WHERE c.code = '$1' AND s.login = '$2' AND t.fy = $3"
}

# --- The waiting list (session 911 holds 2) -------------------------------------------
run ttrainer enrol 911 ta1; expect_eq "enrol: first seat" "enrolled ta1" "$out"
run ttrainer enrol 911 ta2; expect_eq "enrol: second seat" "enrolled ta2" "$out"
run ttrainer enrol 911 ta3
expect_eq "enrol: full session puts the third on the waiting list" \
	"waiting ta3 (the session is full; place on the waiting list 1)" "$out"
run ttrainer enrol 911 tb1
expect_eq "enrol: fourth is second in the queue" \
	"waiting tb1 (the session is full; place on the waiting list 2)" "$out"
run ttrainer enrol 911 ta3
expect_eq "enrol twice: refused, exit 1" "1|rashin: training enrol: ta3: already on the waiting list" "$rc|$err"
run ttrainer cancel 911 ta1
expect_eq "cancel: the first waiting is promoted" "cancelled ta1
promoted from the waiting list: ta3" "$out"
expect_eq "promotion in the database" "cancelled enrolled waiting" \
	"$(state 911 ta1) $(state 911 ta3) $(state 911 tb1)"
run ttrainer enrol 911 ta1
expect_eq "re-enrolling joins the back of the queue" \
	"waiting ta1 (the session is full; place on the waiting list 2)" "$out"
out=$(as_app 903 "UPDATE enrolment SET state = 'enrolled' WHERE session_id = 911 AND staff_id = 911" 2>&1)
expect_match "promoting by hand into a full session: refused" "course session: full" "$out"
expect_match "... the session and its capacity in the detail" "DETAIL: +session=911 capacity=2" "$out"
expect_eq "... and nothing changed" waiting "$(state 911 ta1)"
# any writer gets the rule: a direct INSERT into a full session waits too
as_app 903 "INSERT INTO enrolment (session_id, staff_id) VALUES (911, 922)" >/dev/null
expect_eq "direct insert into a full session waits" waiting "$(state 911 tb2)"
as_app 903 "UPDATE course_session SET capacity = 3 WHERE id = 911" >/dev/null
expect_eq "a raised capacity promotes the first in the queue" "enrolled waiting waiting" \
	"$(state 911 tb1) $(state 911 ta1) $(state 911 tb2)"
as_app 903 "DELETE FROM enrolment WHERE session_id = 911 AND staff_id = 912" >/dev/null
expect_eq "a deleted seat goes to the next in the queue" "enrolled waiting" \
	"$(state 911 ta1) $(state 911 tb2)"
run tlead enrol 911 ta2
expect_eq "lead cannot enrol (database policy)" \
	"1|rashin: training enrol: permission denied: only trainers and IT staff write training records" "$rc|$err"
run ttrainer cancel 911 ta2
expect_eq "cancel of someone not enrolled" "1|rashin: training cancel: ta2: not enrolled in this session" "$rc|$err"

# --- Attendance only for a confirmed seat, never before the day (sql/130_rules.sql) ------
run ttrainer mark 911 tb2 出席
expect_eq "a waiting participant cannot be marked: the rule's reason, exit 1" \
	"1|rashin: training mark: attendance: only a participant with a confirmed seat can be marked (not one on the waiting list)" "$rc|$err"
run ttrainer mark 911 ta2 出席
expect_eq "nor someone never enrolled (or cancelled)" 1 "$rc"
out=$(as_app 903 "INSERT INTO attendance (session_id, staff_id, status) VALUES (911, 922, 'present')" 2>&1)
expect_match "any writer gets the rule (its own SQLSTATE)" "only a participant with a confirmed seat" "$out"
expect_eq "... no attendance, no completion, no certificate from the waiting list" "0|0|0" \
	"$(psql_q "SELECT (SELECT count(*) FROM attendance WHERE staff_id = 922) || '|' || (SELECT count(*) FROM training_completion WHERE staff_id = 922 AND completed) || '|' || (SELECT count(*) FROM certificate WHERE staff_id = 922)")"
run ttrainer enrol 941 ta1
out=$(RASHIN_TODAY=2026-12-05 "$RASHIN" -c "$CONF" training mark 941 ta1 出席 --as ttrainer 2>&1); rc=$?
expect_eq "attendance before the session's day (12-16 on 12-05): refused" \
	"1|rashin: training mark: attendance: the session has not taken place yet" "$rc|$out"
out=$(RASHIN_TODAY=2026-12-05 LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" training mark 941 ta1 出席 --as ttrainer 2>&1)
expect_eq "... said in Japanese" "rashin: training mark: 出欠: 研修日より前には記録できません" "$out"
expect_eq "... nothing recorded, no completion date in the future" "0|" \
	"$(psql_q "SELECT count(*) || '|' || coalesce(max(completed_on)::text, '') FROM attendance a LEFT JOIN training_completion t ON t.staff_id = a.staff_id AND t.completed WHERE a.session_id = 941")"
# everyone marked below gets a seat first: 911 grows to 5 seats (the waiting tb2 is
# promoted, then ta2 enrols), the other sessions have room
as_app 903 "UPDATE course_session SET capacity = 5 WHERE id = 911" >/dev/null
expect_eq "a freed place promotes the waiting list in order" enrolled "$(state 911 tb2)"
for e in "911 ta2" "912 ta1" "912 ta2" "912 ta3" "912 tb2" "913 ta1" "913 ta2" "913 ta3" "921 ta1" \
	"921 ta2" "921 ta3" "921 tb1" "931 ta2" "931 tb2" "941 ta2" "941 ta3" "941 tb2" "942 tb1"; do
	# shellcheck disable=SC2086
	run ttrainer enrol $e
	[ "$rc" -eq 0 ] || not_ok "enrol $e" "$err"
done

# --- N of M, 遅刻 not counted (DXL: 2 of 3, late_counts off) -------------------------
for m in "911 ta1 出席" "911 ta2 present" "911 ta3 出席" "911 tb1 出席" "912 ta1 出席" "912 ta2 遅刻" \
	"912 ta3 late" "913 ta1 欠席" "913 ta2 出席" "913 ta3 absent"; do
	# shellcheck disable=SC2086
	run ttrainer mark $m
	[ "$rc" -eq 0 ] || not_ok "mark $m" "$err"
done
run ttrainer mark 913 ta1 欠席; expect_eq "marking the same again: unchanged" "already marked ta1: absent" "$out"
run ttrainer mark 913 ta1 '欠席(届出)' --note 通院
expect_eq "marking excused with a note" "marked ta1: absent (notified)" "$out"
expect_eq "note saved" "excused|通院" "$(psql_q "SELECT status || '|' || note FROM attendance WHERE session_id = 913 AND staff_id = 911")"
run ttrainer mark 913 ta1 sleeping
expect_eq "bad status: usage error naming the choices" \
	"2|rashin: training mark: bad status \"sleeping\" (one of 出席, 遅刻, 欠席(届出), 欠席 or present, late, excused, absent)" "$rc|$err"
run ttrainer mark 999 ta1 出席; expect_eq "unknown session" "1|rashin: training mark: no such session: 999" "$rc|$err"
run ttrainer mark 911 nobody 出席; expect_eq "unknown login" "1|rashin: training mark: no such active staff member: nobody" "$rc|$err"

expect_eq "2 of 3 attended: completed" "true|2|2026-08-05|DXL-2026-0001" "$(tc DXL ta1 2026 "completed || '|' || attended || '|' || completed_on || '|' || cert_no")"
expect_eq "present+late+present, late not counted: 2, completed on the 3rd" "true|2|2026-10-15|DXL-2026-0002" \
	"$(tc DXL ta2 2026 "completed || '|' || attended || '|' || completed_on || '|' || cert_no")"
expect_eq "present+late+absent, late not counted: 1 of 2" "false|1|1|" "$(tc DXL ta3 2026 "completed || '|' || attended || '|' || late || '|' || coalesce(cert_no, '')")"
expect_eq "DX candidate: attended, not finished -> in_training" in_training "$(psql_q "SELECT status FROM dx_candidate WHERE staff_id = 913")"
expect_eq "DX candidate: completed -> certified" certified "$(psql_q "SELECT status FROM dx_candidate WHERE staff_id = 911")"
as_app 903 "UPDATE course SET late_counts = true WHERE id = 911" >/dev/null
expect_eq "course now counts 遅刻: ta3 completes, next number" "true|2|DXL-2026-0003" "$(tc DXL ta3 2026 "completed || '|' || attended || '|' || cert_no")"
expect_eq "... and ta2's completion moves to the 2nd session" 2026-08-05 "$(tc DXL ta2 2026 completed_on)"
as_app 903 "UPDATE course SET late_counts = false WHERE id = 911" >/dev/null
expect_eq "rule back: ta3's certificate withdrawn, number kept" "false||DXL-2026-0003|true" \
	"$(tc DXL ta3 2026 "completed || '|' || coalesce(cert_no, '')")|$(psql_q "SELECT cert_no || '|' || (revoked_at IS NOT NULL) FROM certificate WHERE staff_id = 913")"
as_app 903 "UPDATE course SET late_counts = true WHERE id = 911" >/dev/null
expect_eq "rule again: the same number restored" "DXL-2026-0003" "$(tc DXL ta3 2026 cert_no)"
expect_eq "certificates are unique and numbered in order" "DXL-2026-0001 DXL-2026-0002 DXL-2026-0003" \
	"$(psql_q "SELECT string_agg(cert_no, ' ' ORDER BY id) FROM certificate")"

# --- Pass mark (SEC: all sessions of the FY and 70 points), one FY of validity --------
for m in "921 ta1 出席" "921 ta2 出席" "921 ta3 遅刻" "921 tb1 出席" "931 ta2 出席" "931 tb2 欠席" \
	"941 ta1 出席" "942 tb1 遅刻" "941 tb2 欠席"; do
	# shellcheck disable=SC2086
	run ttrainer mark $m
	[ "$rc" -eq 0 ] || not_ok "mark $m" "$err"
done
expect_eq "attended but no score yet: not completed" f "$(tc SEC ta1 2026 completed)"
as_app 903 "INSERT INTO exam_score (course_id, staff_id, fy, score) VALUES (912, 911, 2026, 80), (912, 912, 2026, 60), (912, 913, 2026, 90)" >/dev/null
expect_eq "score 80 >= 70: completed" "true|SEC-2026-0001|2027-03-31|2026" "$(tc SEC ta1 2026 "completed || '|' || cert_no || '|' || valid_until || '|' || valid_to_fy")"
expect_eq "score 60 < 70: not completed" "false|" "$(tc SEC ta2 2026 "completed || '|' || coalesce(cert_no, '')")"
expect_eq "late counts for SEC, score 90: completed" "true|SEC-2026-0002" "$(tc SEC ta3 2026 "completed || '|' || cert_no")"
as_app 903 "UPDATE exam_score SET score = 75 WHERE staff_id = 912 AND course_id = 912" >/dev/null
expect_eq "re-sit 75: completed, next number" "true|SEC-2026-0003" "$(tc SEC ta2 2026 "completed || '|' || cert_no")"
expect_eq "managers' course valid two FYs" "true|2028-03-31|SECM-2026-0001" "$(tc SECM ta2 2026 "completed || '|' || valid_until || '|' || cert_no")"
expect_eq "1 of 2 sessions, late counts: completed (2nd ICT certificate)" "true|ICT-2026-0002" "$(tc ICT tb1 2026 "completed || '|' || cert_no")"

# --- Expiry across fiscal years, pinned dates ------------------------------------------
run ttrainer transcript ta1 --as-of 2027-03-31 --csv
expect_eq "transcript on the last day of FY2026: security still valid" \
	"course,title,fy,attended,score,completed,completed_on,certificate,valid_until,state
DXL,DX推進リーダー育成,2026,2/2,,true,2026-08-05,DXL-2026-0001,,valid
ICT,ICT基礎,2026,1/1,,true,2026-12-16,ICT-2026-0001,,valid
SEC,情報セキュリティ研修,2026,1/1,80,true,2026-07-01,SEC-2026-0001,2027-03-31,valid" "$(printf '%s\n' "$out" | tr -d '\r')"
run ttrainer transcript ta1 --as-of 2027-04-01 --json
expect_match "the next day (FY2027): security expired" '"course":"SEC"[^}]*"state":"expired"' "$(printf '%s' "$out" | tr -d ' \n')"
expect_match "the next day: DX-leader completion has no limit" '"course":"DXL"[^}]*"state":"valid"' "$(printf '%s' "$out" | tr -d ' \n')"
run ttrainer transcript ta2 --as-of R10.3.31
expect_match "managers' course valid to the end of FY2027 (和暦 date accepted)" "SECM .*2028-03-31 +valid" "$out"
run ttrainer transcript ta2 --as-of 2028-04-01
expect_match "managers' course expired in FY2028" "SECM .*2028-03-31 +expired" "$out"
run ttrainer transcript ta1 --as-of 2027-02-30
expect_eq "bad pinned date: named" "2|rashin: training transcript: --as-of \"2027-02-30\": no such day (2027-02 has 28 days)" "$rc|$err"

# --- Refusals in the database -----------------------------------------------------------
refused() {	# refused NAME STAFF SQL: error, or no row touched
	o=$(PGUSER=rashin_app psql -XAt -v ON_ERROR_STOP=1 -c "BEGIN" \
		-c "SELECT set_config('rashin.session', '$(session_of $2)', true)" -c "$3" -c "COMMIT" 2>&1); r=$?
	if [ $r -ne 0 ] || printf '%s\n' "$o" | grep -qE '^(UPDATE 0|DELETE 0|INSERT 0 0)$'; then ok "refused: $1"; else not_ok "refused: $1" "$o"; fi
}
refused "lead marks attendance" 902 "INSERT INTO attendance (session_id, staff_id, status) VALUES (941, 913, 'present')"
refused "lead changes a mark in own department" 902 "UPDATE attendance SET status = 'present' WHERE session_id = 913 AND staff_id = 913"
refused "auditor marks attendance" 904 "INSERT INTO attendance (session_id, staff_id, status) VALUES (941, 913, 'present')"
refused "auditor changes a mark" 904 "UPDATE attendance SET status = 'absent' WHERE session_id = 911"
refused "readonly writes an exam score" 906 "INSERT INTO exam_score (course_id, staff_id, fy, score) VALUES (912, 921, 2026, 100)"
refused "trainer types a certificate" 903 "INSERT INTO certificate (cert_no, course_id, staff_id, fy) VALUES ('X-1', 912, 921, 2026)"
refused "admin types a certificate" 901 "INSERT INTO certificate (cert_no, course_id, staff_id, fy) VALUES ('X-1', 912, 921, 2026)"
refused "trainer deletes a certificate" 903 "DELETE FROM certificate"
refused "trainer sets a DX target" 903 "INSERT INTO dx_target (dept_id, fy, target) VALUES (901, 2026, 1)"
refused "app calls the certificate issuer" 903 "SELECT rs_training_sync(912, 921, 2026)"
expect_eq "no certificate for tb1's SEC" 0 "$(psql_q "SELECT count(*) FROM certificate WHERE staff_id = 921 AND course_id = 912")"
run tlead mark 941 ta3 出席
expect_eq "lead marks via the command: the database's refusal" \
	"1|rashin: training mark: permission denied: only trainers and IT staff write training records" "$rc|$err"
run tauditor mark 941 ta3 出席
expect_eq "auditor marks via the command: refused" 1 "$rc"
expect_eq "refused marks changed nothing" "" "$(psql_q "SELECT status FROM attendance WHERE session_id = 941 AND staff_id = 913")"
all902=$(psql_q "SELECT count(*) FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.dept_id = 902")
expect_eq "lead sees own department's attendance only" "$all902" "$(as_app 902 "SELECT count(*) FROM attendance")"
expect_eq "... fixture sanity: other departments have rows" 5 "$(psql_q "SELECT count(*) FROM attendance a JOIN staff s ON s.id = a.staff_id WHERE s.dept_id <> 902")"
expect_eq "lead's completion view: own department only (security_invoker)" "ta1 ta2 ta3" \
	"$(as_app 902 "SELECT string_agg(DISTINCT s.login, ' ') FROM training_completion t JOIN staff s ON s.id = t.staff_id")"
expect_eq "other lead sees only theirs" "tb1 tb2" \
	"$(as_app 905 "SELECT string_agg(DISTINCT s.login, ' ') FROM training_completion t JOIN staff s ON s.id = t.staff_id")"
expect_eq "auditor sees all" 5 "$(as_app 904 "SELECT count(DISTINCT staff_id) FROM training_completion")"
expect_eq "no identity sees nothing" 0 "$(as_app '' "SELECT count(*) FROM training_completion")"
run tlead transcript tb1
expect_eq "lead asks for another department's transcript: nothing visible" \
	"1|rashin: training transcript: tb1: no training records (or none you may see)" "$rc|$err"

# --- The department report (hand-counted from the fixture and the marks above) ----------
# people per department: 901 = 3, 902 = 4 (tlead ta1 ta2 ta3), 903 = 4 (tlead2 treader tb1 tb2);
# managers: ta2 (902), tb2 (903). FY2026 valid completions: SEC ta1 ta2 ta3; SECM ta2; ICT ta1 tb1.
run tauditor report --fy 2026 --csv
expect_eq "report FY2026 (CSV, as auditor)" "section,fy,dept_code,department,course,total,done,rate,in_training,candidates
mandatory,2026,T-IT,テスト情報課,ICT,3,0,0.0%,,
mandatory,2026,T-IT,テスト情報課,SEC,3,0,0.0%,,
mandatory,2026,T-A,テスト甲課,ICT,4,1,25.0%,,
mandatory,2026,T-A,テスト甲課,SEC,4,3,75.0%,,
mandatory,2026,T-A,テスト甲課,SECM,1,1,100.0%,,
mandatory,2026,T-B,テスト乙課,ICT,4,1,25.0%,,
mandatory,2026,T-B,テスト乙課,SEC,4,0,0.0%,,
mandatory,2026,T-B,テスト乙課,SECM,1,0,0.0%,,
dx_leader,2026,T-A,テスト甲課,,3,3,100.0%,0,3
dx_leader,2026,T-B,テスト乙課,,2,0,0.0%,1,1" "$(printf '%s\n' "$out" | tr -d '\r')"
run tlead report --fy 2026 --csv
expect_eq "lead's report: own department only" "T-A T-A T-A T-A" \
	"$(printf '%s\n' "$out" | sed 1d | cut -d, -f3 | tr -d '\r' | tr '\n' ' ' | sed 's/ $//')"
run tlead report --fy 2026
expect_match "text report: counts, rate and a bar" "SEC +情報セキュリティ研修 +4 +3 +75\.0% +████████░░" "$out"
expect_match "text report: DX leaders against target" "T-A +テスト甲課 +3 +3 +0 +3 +100\.0% +██████████" "$out"
run tauditor report --fy 2026
expect_match "text report: DX total row" "total +5 +4 +1 +3 +60\.0% +██████░░░░" "$out"
run ttrainer enrol 922 ta1
RASHIN_TODAY=2027-07-01 "$RASHIN" -c "$CONF" training mark 922 ta1 出席 --as ttrainer >/dev/null 2>&1 || not_ok "mark 922 ta1 on its day"
as_app 903 "INSERT INTO exam_score (course_id, staff_id, fy, score) VALUES (912, 911, 2027, 95)" >/dev/null
run tauditor report --fy 2027 --csv
expect_eq "FY2027: last year's security expired (retaken by one); managers' valid 2 FYs; ICT forever" \
	"T-A,ICT,4,1 T-A,SEC,4,1 T-A,SECM,1,1 T-B,ICT,4,1 T-B,SEC,4,0 T-B,SECM,1,0" \
	"$(printf '%s\n' "$out" | tr -d '\r' | awk -F, '$1 == "mandatory" && $3 != "T-IT" {print $3 "," $5 "," $6 "," $7}' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "FY2027 certificate numbering restarts" SEC-2027-0001 "$(tc SEC ta1 2027 cert_no)"
run tauditor report --fy 2040
expect_eq "report: FY out of range" 2 "$rc"

# --- Attendance import ------------------------------------------------------------------
audit_n() { psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'attendance'"; }
printf '%s\n' 'セッション,ログイン,出欠,メモ' '941,ta2,出席,' '941,nobody,出席,' '999,ta3,出席,' \
	'941,ta3,寝坊,' '941,ta2,遅刻,重複' 'abc,ta3,出席,' '941,tb2,欠席(届出),家庭の事情' > "$T_TMP/bad.csv"
a0=$(audit_n)
run ttrainer import attendance "$T_TMP/bad.csv"
expect_eq "import with bad rows: every bad row named, nothing imported" "1|rashin: training import: $T_TMP/bad.csv: line 3, column ログイン: unknown login \"nobody\"
rashin: training import: $T_TMP/bad.csv: line 4, column セッション: unknown session \"999\"
rashin: training import: $T_TMP/bad.csv: line 5, column 出欠: bad status \"寝坊\" (one of 出席, 遅刻, 欠席(届出), 欠席 or present, late, excused, absent)
rashin: training import: $T_TMP/bad.csv: line 6: duplicate row: session 941 and login ta2 already on line 2
rashin: training import: $T_TMP/bad.csv: line 7, column セッション: not a session number \"abc\"
rashin: training import: nothing imported: 5 bad rows (--skip-bad imports the others)" "$rc|$err"
expect_eq "... all or nothing: good rows not saved either" "|absent" \
	"$(psql_q "SELECT coalesce((SELECT status FROM attendance WHERE session_id = 941 AND staff_id = 912), '') || '|' || (SELECT status FROM attendance WHERE session_id = 941 AND staff_id = 922)")"
expect_eq "... and nothing audited" "$a0" "$(audit_n)"
run ttrainer import attendance "$T_TMP/bad.csv" --skip-bad --check
expect_eq "dry run with --skip-bad: counts" "0|check: 7 rows: 1 new, 1 changed, 0 unchanged, 5 rejected
dry run: nothing was saved" "$rc|$out"
expect_eq "dry run saved nothing" "$a0" "$(audit_n)"
run ttrainer import attendance "$T_TMP/bad.csv" --skip-bad
expect_eq "--skip-bad: good rows saved" "0|7 rows: 1 new, 1 changed, 0 unchanged, 5 rejected" "$rc|$out"
expect_eq "... in the database" "present|excused|家庭の事情" \
	"$(psql_q "SELECT (SELECT status FROM attendance WHERE session_id = 941 AND staff_id = 912) || '|' || status || '|' || note FROM attendance WHERE session_id = 941 AND staff_id = 922")"
a1=$(audit_n)
run ttrainer import attendance "$T_TMP/bad.csv" --skip-bad
expect_eq "re-import: a no-op" "7 rows: 0 new, 0 changed, 2 unchanged, 5 rejected|$a1" "$out|$(audit_n)"
# English header names, another column order, a BOM, extra columns ignored, note column absent
printf '\357\273\277login,name,session,status\r\nta3,上野,941,excused\r\nta2,池田,941,present\r\n' > "$T_TMP/en.csv"
run ttrainer import attendance - < "$T_TMP/en.csv"
expect_eq "English headers with BOM from stdin" "0|2 rows: 1 new, 0 changed, 1 unchanged, 0 rejected" "$rc|$out"
printf 'セッション,ログイン,メモ\n941,ta1,x\n' > "$T_TMP/nocol.csv"
run ttrainer import attendance "$T_TMP/nocol.csv"
expect_eq "missing column named" "1|rashin: training import: line 1: missing column 出欠 (or status)" "$rc|$err"
printf 'session,login,status\n941,ta1,present\n942,ta1,\377\376\375\n' > "$T_TMP/enc.csv"
a1=$(audit_n)
run ttrainer import attendance "$T_TMP/enc.csv"
expect_eq "invalid encoding: named by line, nothing saved" \
	"1|rashin: training import: $T_TMP/enc.csv: line 3: invalid text (neither UTF-8 nor CP932); nothing was written|$a1" "$rc|$err|$(audit_n)"
run tlead import attendance "$T_TMP/en.csv"
expect_eq "lead imports: the database refuses, nothing saved" \
	"1|rashin: training import: $T_TMP/en.csv: line 2: permission denied: only trainers and IT staff write training records" "$rc|$err"

# --- Export and the CP932 round trip -------------------------------------------------------
run ttrainer export --session 941
expect_eq "UTF-8 export starts with a BOM" "efbbbf" "$(printf '%s' "$out" | head -c 3 | od -An -tx1 | tr -d ' \n')"
expect_eq "export layout" "セッション,研修,日時,ログイン,氏名,出欠,メモ
941,ICT,2026-12-16 10:00,ta1,相田 優,出席,
941,ICT,2026-12-16 10:00,ta2,池田 舞,出席,
941,ICT,2026-12-16 10:00,ta3,上野 健,欠席(届出),
941,ICT,2026-12-16 10:00,tb2,太田 幸,欠席(届出),家庭の事情" "$(printf '%s\n' "$out" | tr -d '\r' | sed '1s/^\xef\xbb\xbf//')"
"$RASHIN" -c "$CONF" training export --fy 2026 --encoding cp932 --as ttrainer > "$T_TMP/cp.csv"
expect_eq "CP932 export: no BOM, decodes as CP932" "セッション,研修,日時,ログイン,氏名,出欠,メモ" \
	"$(iconv -f CP932 -t UTF-8 < "$T_TMP/cp.csv" | head -1 | tr -d '\r')"
expect_eq "CP932 export is not UTF-8" 1 "$(iconv -f UTF-8 -t UTF-8 < "$T_TMP/cp.csv" >/dev/null 2>&1; echo $?)"
rows=$(psql_q "SELECT count(*) FROM attendance a JOIN course_session cs ON cs.id = a.session_id WHERE cs.fy = 2026")
a2=$(audit_n)
run ttrainer import attendance "$T_TMP/cp.csv"
expect_eq "CP932 file re-imported: every row unchanged" "0|$rows rows: 0 new, 0 changed, $rows unchanged, 0 rejected|$a2" "$rc|$out|$(audit_n)"
iconv -f CP932 -t UTF-8 < "$T_TMP/cp.csv" | sed 's/^941,ICT,\(.*\),tb2,\(.*\),欠席(届出),家庭の事情/941,ICT,\1,tb2,\2,出席,家庭の事情/' | iconv -f UTF-8 -t CP932 > "$T_TMP/cp2.csv"
run ttrainer import attendance "$T_TMP/cp2.csv"
expect_eq "edited in CP932: one change" "$((rows - 1)) unchanged" "$(printf '%s' "$out" | grep -Eo '[0-9]+ unchanged')"
expect_eq "... saved from the CP932 file" present "$(psql_q "SELECT status FROM attendance WHERE session_id = 941 AND staff_id = 922")"

# --- Lists -----------------------------------------------------------------------------------
run ttrainer roster 941 --csv
expect_eq "roster sorted by kana" "ta1 ta2 ta3 tb2" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
run ttrainer roster 911
expect_match "roster header: course, date, place, marked" "^DXL DX推進リーダー育成  2026-06-10 14:00  会議室3  marked 4/5" "$out"
run tlead roster 911 --csv
expect_eq "lead's roster: own department only" "ta1 ta2 ta3" "$(printf '%s\n' "$out" | sed 1d | cut -d, -f1 | tr '\n' ' ' | sed 's/ $//')"
run ttrainer sessions --fy 2027 --csv
expect_eq "sessions of one FY" "session,course,title,fy,starts,place,capacity,enrolled,waiting,attended,trainer
922,SEC,情報セキュリティ研修,2027,2027-07-01 10:00,大会議室,80,1,0,1,研修 一郎" "$(printf '%s\n' "$out" | tr -d '\r')"
run ttrainer sessions --fy 2026 --csv
expect_eq "session 911: enrolled/waiting counted" "911,DXL,DX推進リーダー育成,2026,2026-06-10 14:00,会議室3,5,5,0,4,研修 一郎" \
	"$(printf '%s\n' "$out" | tr -d '\r' | grep '^911,')"
run ttrainer courses --json
expect_match "courses as JSON" '"code":"SECM"[^}]*"category":"security_manager"[^}]*"rule":"all"[^}]*"valid_fys":"2"' "$(printf '%s' "$out" | tr -d ' \n')"
run ttrainer frobnicate; expect_eq "unknown subcommand: usage, exit 2" 2 "$rc"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" training roster 941 --as ttrainer 2>&1)
expect_match "roster in Japanese: status labels" "上野 健 +うえの けん +テスト甲課 +受講確定 +欠席\(届出\)" "$out"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" training mark 941 ta1 late --as ttrainer 2>&1)
expect_eq "marking in Japanese" "記録済み ta1: 遅刻" "$out"

# --- Scores and the DX-leader programme by command -------------------------------------------
run ttrainer score SEC tb1 80 --fy 2026
expect_eq "score by command" "saved SEC tb1 2026: 80" "$out"
expect_eq "... completes tb1's security training (next FY2026 number)" "true|SEC-2026-0004" "$(tc SEC tb1 2026 "completed || '|' || cert_no")"
run ttrainer score SEC tb1 80 --fy 2026; expect_eq "same score again: unchanged" "score unchanged SEC tb1 2026: 80" "$out"
run ttrainer score SEC tb1 101 --fy 2026; expect_eq "score out of range" "2|rashin: training score: \"101\": a score is 0-100" "$rc|$err"
run ttrainer score NOPE tb1 50 --fy 2026; expect_eq "unknown course" "1|rashin: training score: no such course: NOPE" "$rc|$err"
run tlead score SEC ta1 100 --fy 2026
expect_eq "lead enters a score: refused by the database" \
	"1|rashin: training score: permission denied: only trainers and IT staff write training records" "$rc|$err"
run ttrainer mark 912 tb2 出席
run ttrainer dx nominate tb2 --fy 2026
expect_eq "nominated after attending: starts in training" "nominated tb2 2026: in training" "$out"
run ttrainer dx nominate tlead --fy 2026
expect_eq "nominated without attendance: candidate" "nominated tlead 2026: candidate" "$out"
run ttrainer dx target T-B 5 --fy 2026
expect_eq "trainer sets a target: refused" "1|rashin: training dx target: permission denied: only IT staff set DX-leader targets" "$rc|$err"
run tadmin dx target T-B 5 --fy 2026; expect_eq "IT staff set a target" "target T-B 2026: 5" "$out"
run tadmin dx target T-Z 5 --fy 2026; expect_eq "unknown department" "1|rashin: training dx target: no such department: T-Z" "$rc|$err"
run tauditor report --fy 2026 --csv
expect_eq "DX rows follow: target 5, two candidates in training" \
	"dx_leader,2026,T-A,テスト甲課,,3,3,100.0%,0,4
dx_leader,2026,T-B,テスト乙課,,5,0,0.0%,2,2" "$(printf '%s\n' "$out" | tr -d '\r' | grep '^dx_leader')"

# --- Courses and sessions made by command (trainer/admin; the database's policies decide) ---
run ttrainer course add NEW1 gen_ai 生成AI入門 --mandatory
expect_match "trainer adds a course" "^course added: [0-9]+$" "$out"
expect_eq "the course as saved" "gen_ai|生成AI入門|true" \
	"$(psql_q "SELECT category || '|' || title || '|' || mandatory FROM course WHERE code = 'NEW1'")"
run ttrainer course add NEW1 gen_ai 重複
expect_eq "same code twice: named, nothing saved" "1|rashin: training course add: NEW1: already exists|1" \
	"$rc|$err|$(psql_q "SELECT count(*) FROM course WHERE code = 'NEW1'")"
run treader course add NEW2 other 閲覧者の研修
expect_eq "readonly adds a course: refused by the database" \
	"1|rashin: training course add: permission denied: only trainers and IT staff write training records|0" \
	"$rc|$err|$(psql_q "SELECT count(*) FROM course WHERE code = 'NEW2'")"
run ttrainer session add NEW1 "2027-03-31 14:00" --place 第1会議室 --capacity 30
expect_match "trainer adds a session" "^session added: [0-9]+$" "$out"
expect_eq "session: FY from the date (31 March = FY2026), Japan time, place, capacity" \
	"2026|2027-03-31 05:00:00+00|第1会議室|30" \
	"$(psql_q "SELECT fy || '|' || (starts_at AT TIME ZONE 'UTC')::text || '+00|' || place || '|' || capacity FROM course_session s JOIN course c ON c.id = s.course_id WHERE c.code = 'NEW1'")"
run ttrainer session add NOPE "2027-04-01 10:00"
expect_eq "session for an unknown course" "1|rashin: training session add: no such course: NOPE" "$rc|$err"
run ttrainer session add NEW1 "2027-04-01 10:00" --capacity 0
expect_eq "capacity 0 refused before the database" 2 "$rc"

# --- Categories are data with labels: accepted by code or label (sql/130_rules.sql) --------
run ttrainer categories --csv
expect_eq "training categories: code and labels, in order" \
	"dx_leader,DX推進リーダー育成,DX leader development|gen_ai,生成AI,generative AI" \
	"$(printf '%s\n' "$out" | tr -d '\r' | grep -E '^(dx_leader|gen_ai),' | tr '\n' '|' | sed 's/|$//')"
run ttrainer course add NEW3 生成AI 生成AI応用
expect_match "course add by the Japanese label" "^course added: [0-9]+$" "$out"
run ttrainer course add NEW4 "Generative AI" 生成AI基礎
expect_match "course add by the English label" "^course added: [0-9]+$" "$out"
expect_eq "... stored as the code" "gen_ai gen_ai" \
	"$(psql_q "SELECT string_agg(category, ' ' ORDER BY code) FROM course WHERE code IN ('NEW3', 'NEW4')")"
run ttrainer course add NEW5 料理 料理教室
expect_eq "an unknown category: the rule's reason, never the raw CHECK text" \
	"1|rashin: training course add: course: no such category (see: training categories)" "$rc|$err"
run ttrainer course add 'bad code' gen_ai タイトル
expect_eq "a bad course code: the reason" "1|rashin: training course add: course: the code is 1-32 letters, digits, _ or -" "$rc|$err"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" training course add NEW5 料理 料理教室 --as ttrainer 2>&1)
expect_eq "... in Japanese" "rashin: training course add: 研修: その区分はありません (参照: training categories)" "$out"
expect_eq "nothing added" 0 "$(psql_q "SELECT count(*) FROM course WHERE code IN ('NEW5', 'bad code')")"

# --- Editing a course and a session (versioned; what is not given stays) --------------------
cv() { psql_q "SELECT title || '|' || category || '|' || mandatory || '|' || coalesce(rule_n::text, '-') || '|' || coalesce(pass_mark::text, '-') || '|' || late_counts || '|' || version FROM course WHERE code = '$1'"; }
v0=$(psql_q "SELECT version FROM course WHERE code = 'NEW1'")
a0=$(psql_q "SELECT count(*) FROM audit_log WHERE tbl IN ('course', 'course_session') AND action = 'UPDATE' AND staff_id = 903")
run ttrainer course edit NEW1 --title 生成AI入門（改） --category ict_basic --mandatory no --attend 2 --pass-mark 60 --late-ok no --if-version "$v0"
expect_eq "course edit: said with the new version" "0|course saved: NEW1 (version $((v0 + 1)))" "$rc|$out"
expect_eq "... every field as given" "生成AI入門（改）|ict_basic|false|2|60|false|$((v0 + 1))" "$(cv NEW1)"
run ttrainer course edit NEW1 --attend - --pass-mark -
expect_eq "course edit: - clears the rule and the pass mark, the rest stays" \
	"0|生成AI入門（改）|ict_basic|false|-|-|false|$((v0 + 2))" "$rc|$(cv NEW1)"
run ttrainer course edit NEW1 --title 古い版 --if-version "$v0"
expect_eq "a stale --if-version: the version now, nothing saved (a trainer may not read the audit trail)" \
	"rashin: training course edit: NEW1: someone else changed it: now version $((v0 + 2)); nothing was saved" "$err"
expect_eq "... exit 1 and the title kept" "1|生成AI入門（改）" "$rc|$(cv NEW1 | cut -d'|' -f1)"
run treader course edit NEW1 --title 閲覧者の変更
expect_eq "a reader edits a course: refused by the database, nothing saved" \
	"1|rashin: training course edit: permission denied: only trainers and IT staff write training records|生成AI入門（改）" \
	"$rc|$err|$(cv NEW1 | cut -d'|' -f1)"
run ttrainer course edit NEW1 --category 料理
expect_eq "course edit: an unknown category, the rule's reason" \
	"1|rashin: training course edit: course: no such category (see: training categories)" "$rc|$err"
run ttrainer course edit NOPE --title x
expect_eq "course edit: an unknown course" "1|rashin: training course edit: no such course: NOPE" "$rc|$err"
run ttrainer course edit NEW1 --mandatory maybe
expect_eq "course edit: a bad yes/no is a usage error" 2 "$rc"
run ttrainer course edit NEW1 --pass-mark 101
expect_eq "course edit: a pass mark over 100 is a usage error" 2 "$rc"

sid=$(psql_q "SELECT s.id FROM course_session s JOIN course c ON c.id = s.course_id WHERE c.code = 'NEW1'")
sv() { psql_q "SELECT fy || '|' || to_char(starts_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') || '|' || place || '|' || coalesce(capacity::text, '-') || '|' || coalesce((SELECT login FROM staff WHERE id = trainer_id), '-') || '|' || version FROM course_session WHERE id = $1"; }
s0=$(psql_q "SELECT version FROM course_session WHERE id = $sid")
run ttrainer session edit "$sid" --starts "2027-04-02 09:30" --place 第2会議室 --capacity 12 --trainer ttrainer --if-version "$s0"
expect_eq "session edit: said with the new version" "0|session saved: $sid (version $((s0 + 1)))" "$rc|$out"
expect_eq "... start (a new FY from the date), place, capacity, trainer" \
	"2027|2027-04-02 09:30|第2会議室|12|ttrainer|$((s0 + 1))" "$(sv "$sid")"
run ttrainer session edit "$sid" --capacity - --trainer -
expect_eq "session edit: - is no limit, no trainer; the rest stays" \
	"0|2027|2027-04-02 09:30|第2会議室|-|-|$((s0 + 2))" "$rc|$(sv "$sid")"
run tadmin session edit "$sid" --place 古い部屋 --if-version "$s0"
expect_match "session edit: a stale --if-version said: who (IT staff read the audit trail), when" \
	"^rashin: training session edit: $sid: changed by ttrainer at .*: now version $((s0 + 2)); nothing was saved$" "$err"
expect_eq "... nothing saved" "1|第2会議室" "$rc|$(sv "$sid" | cut -d'|' -f3)"
run ttrainer session edit "$sid" --trainer nobody
expect_eq "session edit: an unknown trainer named, nothing saved" \
	"1|rashin: training session edit: no such staff member: nobody|-" "$rc|$err|$(sv "$sid" | cut -d'|' -f5)"
run treader session edit "$sid" --place 閲覧者の部屋
expect_eq "a reader edits a session: refused" \
	"1|rashin: training session edit: permission denied: only trainers and IT staff write training records" "$rc|$err"
run ttrainer session edit 99999 --place x
expect_eq "session edit: an unknown session" "1|rashin: training session edit: no such session: 99999" "$rc|$err"
run ttrainer session edit "$sid" --capacity 0
expect_eq "session edit: capacity 0 is a usage error" 2 "$rc"
n=$(psql_q "SELECT count(*) FROM audit_log WHERE tbl IN ('course', 'course_session') AND action = 'UPDATE' AND staff_id = 903")
expect_eq "each saved edit is audited as the trainer's (2 courses, 2 sessions)" $((a0 + 4)) "$n"
"$RASHIN" -c "$CONF" help training course edit >"$T_TMP/h" 2>&1
expect_match "help training course edit: generated from the table" "--pass-mark 0-100\|-" "$(cat "$T_TMP/h")"
