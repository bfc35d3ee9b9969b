#!/bin/sh
# One source for every KPI figure (sql/141 kpi_figure) against a real PostgreSQL: the
# KPIs rashin knows are computed from their domain for the fiscal year and move when the
# domain moves (DX leaders certified and their targets, systems migrated on the board,
# mandatory-training completion); a typed KPI says who typed it and when; typing a
# computed actual or target is refused (RS316 / RS317) by the command, by an import and
# by the database itself, and changes nothing. Expected numbers are counted here with
# plain SQL or set up by hand, never read from rashin.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/plan_fixture.sql" \
	>/dev/null || { not_ok "fixtures load"; exit 1; }
export RASHIN_TODAY=2026-11-25

r()  { LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" "$@"; }
ja() { LC_ALL=ja_JP.UTF-8 "$RASHIN" -c "$CONF" "$@"; }
run() { n=$1; want=$2; shift 2; out=$("$@" 2>&1); rc=$?; expect_eq "$n: exit $want" "$want" "$rc"; }
# fig SOURCE FIELD [FY]: a computed KPI's field in `kpi list --json` for FY (default 2026)
fig() {
	r kpi list --fy "${3:-2026}" --json --as treader |
		jq -r --arg s "$1" --arg f "$2" '.[] | select(.source == $s) | .[$f] // ""'
}

# --- the catalogue: the KPIs rashin computes are on their measures --------------------
expect_eq "the four computed KPIs, on the plan's measures" \
	"2-2 標準準拠システム移行完了業務数 mig_done|3-1 テレワークVDI有効アカウント数 vdi_active|3-3 DX推進リーダー認定者数 dx_leaders|3-3 必修研修修了率 training_rate" \
	"$(psql_q "SELECT string_agg(m.part_id || '-' || m.seq || ' ' || k.name || ' ' || k.source, '|' ORDER BY m.part_id, m.seq, k.name) FROM kpi k JOIN measure m ON m.id = k.measure_id WHERE k.source IS NOT NULL")"

# --- DX leaders: certified candidates of the year; target = the departments' targets ---
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || not_ok "DX data"
INSERT INTO dx_target (dept_id, fy, target) VALUES (901, 2026, 3), (902, 2026, 4), (903, 2027, 9);
INSERT INTO dx_candidate (staff_id, fy, status) VALUES (902, 2026, 'in_training'), (905, 2026, 'in_training'),
	(906, 2026, 'candidate');
SQL
expect_eq "dx_leaders target: the departments' targets of FY2026 (3 + 4)" 7 "$(fig dx_leaders target)"
expect_eq "dx_leaders actual: nobody certified yet" 0 "$(fig dx_leaders actual)"
psql_q "UPDATE dx_candidate SET status = 'certified' WHERE staff_id IN (902, 905) AND fy = 2026" >/dev/null
expect_eq "dx_leaders actual follows the training records (2 certified)" 2 "$(fig dx_leaders actual)"
expect_eq "dx_leaders: the definition comes with it" \
	"DX-leader candidates of the fiscal year whose status is certified (training records). Target: the sum of the departments' targets for the year." \
	"$(fig dx_leaders definition)"
expect_eq "dx_leaders: no one typed it" "" "$(fig dx_leaders entered_by)"
expect_eq "dx_leaders FY2027: a year to come has a target and no actual" "9|" \
	"$(r kpi list --fy 2027 --json --as treader | jq -r '.[] | select(.source == "dx_leaders") | "\(.target)|\(.actual // "")"')"

# --- systems migrated: every step 完了 or 対象外 on the board; target = every system ---
systems=$(psql_q "SELECT count(*) FROM mig_system")
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || not_ok "migration data"
UPDATE mig_status SET status = 'todo';
INSERT INTO mig_status (system_id, step_id, status)
	SELECT sy.id, st.id, 'done' FROM mig_system sy CROSS JOIN mig_step st WHERE sy.seq <= 3
	ON CONFLICT (system_id, step_id) DO UPDATE SET status = 'done';
SQL
expect_eq "mig_done target: every system on the board" "$systems" "$(fig mig_done target)"
expect_eq "mig_done actual: the 3 systems with every step done" 3 "$(fig mig_done actual)"
psql_q "UPDATE mig_status SET status = 'na' WHERE system_id = (SELECT id FROM mig_system WHERE seq = 1) AND step_id = (SELECT min(id) FROM mig_step)" >/dev/null
expect_eq "mig_done: 対象外 counts as finished" 3 "$(fig mig_done actual)"
psql_q "UPDATE mig_status SET status = 'doing' WHERE system_id = (SELECT id FROM mig_system WHERE seq = 2) AND step_id = (SELECT max(id) FROM mig_step WHERE NOT retired)" >/dev/null
expect_eq "mig_done follows the board (a step back to 作業中: 2)" 2 "$(fig mig_done actual)"
expect_eq "mig_done FY2027: today's board says nothing of it" "" "$(fig mig_done actual 2027)"

# --- mandatory-training completion: of the people a mandatory course is for ----------
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || not_ok "training data"
UPDATE course SET mandatory = false;
INSERT INTO course (id, code, title, category, audience, mandatory) VALUES (902, 'T-MAND', '必修テスト研修', 'other', 'all', true);
INSERT INTO course_session (id, course_id, fy, starts_at, capacity) VALUES (902, 902, 2026, '2026-06-01 10:00+09', 50);
INSERT INTO enrolment (session_id, staff_id) VALUES (902, 901), (902, 902);
INSERT INTO attendance (session_id, staff_id, status) VALUES (902, 901, 'present'), (902, 902, 'present');
SQL
active=$(psql_q "SELECT count(*) FROM staff WHERE active")
expect_eq "training_rate: 2 of the $active active staff completed" \
	"$(psql_q "SELECT round(200.0 / $active, 1)")" "$(fig training_rate actual)"
psql_q "UPDATE attendance SET status = 'absent' WHERE session_id = 902 AND staff_id = 902" >/dev/null
expect_eq "training_rate follows attendance (1 of $active)" \
	"$(psql_q "SELECT round(100.0 / $active, 1)")" "$(fig training_rate actual)"

# --- typing: refused for computed figures, recorded with who and when otherwise ------
run "kpi set: a computed actual is refused" 1 r kpi set 3-3 DX推進リーダー認定者数 --fy 2026 --actual 12 --as tadmin
expect_match "kpi set: says it is computed" "DX推進リーダー認定者数: this KPI is computed from its domain's records \(see: kpi list\); its actual is not typed" "$out"
run "kpi set: a computed target is refused" 1 r kpi set 3-3 DX推進リーダー認定者数 --fy 2026 --target 20 --as tadmin
expect_match "kpi set: says the target is computed" "this KPI's target is computed from its domain's records" "$out"
run "kpi set ja: refused in Japanese" 1 ja kpi set 2-2 標準準拠システム移行完了業務数 --fy 2026 --actual 14 --as tadmin
expect_match "kpi set ja: the reason in Japanese" "この指標は業務の記録から自動集計されます" "$out"
expect_eq "refusals wrote nothing" 0 "$(psql_q "SELECT count(*) FROM kpi_value v JOIN kpi k ON k.id = v.kpi_id WHERE k.source IN ('dx_leaders', 'mig_done')")"
expect_eq "dx_leaders still the records' 2" 2 "$(fig dx_leaders actual)"
printf 'measure,kpi,fy,actual\n9-1,911,2026,150\n3-3,DX推進リーダー認定者数,2026,12\n' > "$T_TMP/computed.csv"
run "kpi import: a computed KPI's row is refused" 1 r kpi import "$T_TMP/computed.csv" --as tadmin
expect_match "kpi import: names the line" "line 3: this KPI is computed" "$out"
expect_eq "kpi import: all or nothing (the typed row not written either)" "" "$(psql_q "SELECT actual FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")"
err=$(psql -qX -v VERBOSITY=verbose -c "INSERT INTO kpi_value (kpi_id, fy, actual) SELECT id, 2026, 5 FROM kpi WHERE source = 'vdi_active'" 2>&1)
expect_match "the database refuses it whoever writes (RS316)" "RS316" "$err"

run "kpi set: a typed target of a computed KPI whose target is typed" 0 r kpi set 3-3 必修研修修了率 --fy 2026 --target 90 --as tadmin
expect_eq "training_rate: typed target, computed actual" "90|$(psql_q "SELECT round(100.0 / $active, 1)")" \
	"$(fig training_rate target)|$(fig training_rate actual)"
expect_eq "training_rate: who typed the target" tadmin "$(fig training_rate entered_by)"

run "kpi set: a typed KPI" 0 r kpi set 9-1 オンライン申請可能な手続数 --fy 2026 --actual 152 --as tlead
typed=$(r kpi list 9-1 --fy 2026 --json --as treader)
expect_eq "typed KPI: actual, target, no source" "152|180|" \
	"$(printf '%s' "$typed" | jq -r '.[] | "\(.actual)|\(.target)|\(.source // "")"')"
expect_eq "typed KPI: who typed it" tlead "$(printf '%s' "$typed" | jq -r '.[0].entered_by')"
expect_eq "typed KPI: when (the database's clock, Japan time)" \
	"$(psql_q "SELECT to_char(entered_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD HH24:MI') FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")" \
	"$(printf '%s' "$typed" | jq -r '.[0].entered_at')"
run "kpi list ja: typed KPI with who and when" 0 ja kpi list 9-1 --fy 2026 --as treader
expect_match "kpi list ja: 主任 花子 (tlead) が … に入力" "152 +84\.4 +█+░+ +主任 花子 \(tlead\) が [0-9-]{10} [0-9:]{5} に入力$" "$out"
run "kpi list ja: computed KPI with its definition" 0 ja kpi list 3-3 --fy 2026 --as treader
expect_match "kpi list ja: DX leaders 2 of 7, 自動集計 and the definition" "DX推進リーダー認定者数 +人 +2026 +7 +2 +28\.6 .*自動集計: 研修記録の DX推進リーダー候補者" "$out"
run "kpi list csv" 0 r kpi list 3-3 --fy 2026 --csv --as treader
expect_match "kpi list csv: the source code and the definition" "^[0-9]+,DX推進リーダー認定者数,人,,2026,7,2,28.6,dx_leaders,DX-leader candidates" "$out"
run "kpi list: bad FY" 2 r kpi list --fy 2040 --as treader
