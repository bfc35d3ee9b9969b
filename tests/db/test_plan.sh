#!/bin/sh
# The plan through its commands against a real PostgreSQL: the measure catalogue, the
# schedule as a text Gantt at 80 columns, KPIs and their CSV import (bad rows, CP932),
# every step of the PDCA evaluation workflow and every refusal (wrong role, wrong
# department, out of order, after publication) as the database decides it, and the
# progress report in Markdown, CSV and PDF (read back with pdftotext).
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/plan_fixture.sql" \
	>/dev/null || not_ok "fixtures load"
export RASHIN_TODAY=2026-11-25
EXP=$ROOT/tests/db/expected

r()  { LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" "$@"; }	# English
ja() { LC_ALL=ja_JP.UTF-8 "$RASHIN" -c "$CONF" "$@"; }	# Japanese UI
# run NAME EXPECTED_RC CMD...: output (stdout+stderr) in $out, exit status checked
run() { n=$1; want=$2; shift 2; out=$("$@" 2>&1); rc=$?; expect_eq "$n: exit $want" "$want" "$rc"; }

# --- measures -----------------------------------------------------------------
run "measures list csv" 0 r measures list --part 9 --fy 2026 --csv --as treader
expect_eq "measures list csv: codes, status codes, phases, departments" "id,code,part,name,status,phase,departments,e1_grade,e2_grade
901,9-1,9,テスト施策,not_started,調査・検討,テスト甲課,,
902,9-2,9,他課の施策,not_started,調査・検討・実施,テスト乙課,,
903,9-3,9,情報システム標準化の推進と業務プロセスの見直し,in_progress,,テスト情報課,," "$(printf '%s\n' "$out" | tr -d '\r')"
run "measures list ja" 0 ja measures list --part 9 --fy 2026 --as treader
expect_match "measures list ja: header in Japanese" "^ ID  番号  部  施策 +状況 +今年度 +担当課 +1次  2次$" "$out"
expect_match "measures list ja: status label 実施中" "^903  9-3   9   情報システム標準化の推進と業務プロセスの見直し  実施中  -  " "$out"
expect_match "measures list ja: status label 未着手" "^901  9-1   9   テスト施策 +未着手  調査・検討 " "$out"
run "measures list --status" 0 r measures list --part 9 --status in_progress --json --as treader
expect_match "measures list --status in_progress: only 9-3" '^\[\{"id":"903","code":"9-3".*"status":"in_progress"' "$(printf '%s' "$out" | tr -d '\n ')"
expect_nomatch "measures list --status: not 9-1" '"9-1"' "$out"
run "measures list --status bad" 2 r measures list --status finished --as treader
expect_match "measures list --status bad: names the value" "--status: finished: one of not_started" "$out"

run "measures show" 0 r measures show 9-3 --fy 2026 --width 40 --as treader
expect_match "measures show: overview wrapped at 40 columns (19 wide chars + indent)" "^  国の標準仕様に準拠したシステムへ、令和$" "$out"
expect_match "measures show: wrapped continuation" "^  8年度末までに移行する。移行後は業務プ$" "$out"
expect_match "measures show: 計画当初 text when it differs" "^    国の標準仕様に準拠したシステムへ移行$" "$out"
wide=$(printf '%s\n' "$out" | awk '{ print }' | wc -L)
expect_eq "measures show: no line wider than 40" 40 "$wide"
run "measures show ja" 0 ja measures show 9-1 --fy 2026 --as treader
expect_match "measures show ja: 施策目標" "^施策目標$" "$out"
expect_nomatch "measures show: no 計画当初 when the text is unchanged" "計画当初" "$out"
run "measures show unknown" 1 r measures show 9-99 --as treader
expect_match "measures show unknown: says so" "unknown measure: 9-99" "$out"

run "measures set: lead, own department" 0 r measures set 9-1 --status studying --as tlead
expect_eq "measures set: status stored" studying "$(psql_q "SELECT status FROM measure WHERE id = 901")"
run "measures set: lead, other department" 1 r measures set 9-2 --status done --as tlead
expect_match "measures set: other department refused" "permission denied: only IT staff and the measure's departments" "$out"
expect_eq "measures set: other department unchanged" not_started "$(psql_q "SELECT status FROM measure WHERE id = 902")"
run "measures set: readonly" 1 r measures set 9-1 --status done --as treader
v=$(psql_q "SELECT version FROM measure WHERE id = 901")
run "measures set: stale version" 1 r measures set 9-1 --status done --version $((v - 1)) --as tadmin
expect_match "measures set: stale version refused (RS001)" "stale version" "$out"
expect_eq "measures set: stale save changed nothing" studying "$(psql_q "SELECT status FROM measure WHERE id = 901")"
run "measures set: current version" 0 r measures set 9-1 --status in_progress --version "$v" --as tadmin
expect_eq "measures set: version bumped" $((v + 1)) "$(psql_q "SELECT version FROM measure WHERE id = 901")"
run "measures set ja label" 0 ja measures set 9-1 --status 実施中 --as tadmin

# --- schedule: the text Gantt at 80 columns ------------------------------------
run "schedule en" 0 r schedule show --fy 2026 --part 9 --as treader
expect_eq "schedule at 80 columns (en) equals the expected screen" "$(cat "$EXP/plan_schedule_80_en.txt")" "$out"
run "schedule ja" 0 ja schedule show --fy 2026 --part 9 --as treader
expect_eq "schedule at 80 columns (ja) equals the expected screen" "$(cat "$EXP/plan_schedule_80_ja.txt")" "$out"
expect_eq "schedule ja: widest line is 80 columns" 80 "$(printf '%s\n' "$out" | wc -L)"
run "schedule months" 0 r schedule show --fy 2026 --part 9 --months --actions --as treader
expect_eq "schedule by month with actions equals the expected screen" "$(cat "$EXP/plan_schedule_months_80_en.txt")" "$out"
run "schedule wide" 0 r schedule show --part 9 --width 120 --as treader
expect_eq "schedule --width 120: widest line" 120 "$(printf '%s\n' "$out" | wc -L)"
run "schedule bad fy" 2 r schedule show --fy 2040 --as treader

# --- KPIs ---------------------------------------------------------------------
run "kpi set: lead, own measure" 0 r kpi set 9-1 オンライン申請可能な手続数 --fy 2026 --actual 152 --as tlead
expect_eq "kpi set: actual stored, target kept" "152|180" "$(psql_q "SELECT actual, target FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")"
run "kpi set: lead, other department" 1 r kpi set 9-3 移行完了業務数 --fy 2026 --actual 16 --as tlead
expect_match "kpi set: refused by the database with a clear message" "permission denied: KPI actuals are entered by IT staff and by the measure's departments only" "$out"
expect_eq "kpi set: other department unchanged" 14 "$(psql_q "SELECT actual FROM kpi_value WHERE kpi_id = 913 AND fy = 2026")"
run "kpi set: auditor" 1 r kpi set 9-1 911 --fy 2026 --actual 1 --as tauditor
run "kpi set: not a number" 2 r kpi set 9-1 911 --fy 2026 --actual 12x --as tlead
expect_match "kpi set: names the bad number" '--actual: "12x": not a number' "$out"
run "kpi set: bad FY" 2 r kpi set 9-1 911 --fy 2040 --actual 1 --as tlead
run "kpi list" 0 r kpi list 9-1 --as treader
expect_match "kpi list: 152 of 180 is 84.4%" "^911  オンライン申請可能な手続数  件    120       2026     180     152    84.4  ████████░░" "$out"

printf '\357\273\277measure,kpi,fy,actual,target\r\n9-1,オンライン申請可能な手続数,2026,160,\r\n9-3,移行完了業務数,令和8年度,17,21\r\n' > "$T_TMP/good.csv"
run "kpi import: admin, UTF-8 with BOM" 0 r kpi import "$T_TMP/good.csv" --as tadmin
expect_match "kpi import: summary names the encoding" "imported: 2 rows written, 0 rows skipped \(UTF-8 \(BOM\)\)" "$out"
expect_eq "kpi import: rows stored (令和8年度 = 2026)" "160|180 17|21" "$(psql_q "SELECT actual || '|' || target FROM kpi_value WHERE fy = 2026 ORDER BY kpi_id" | tr '\n' ' ' | sed 's/ $//')"

cat > "$T_TMP/bad.csv" <<'CSV'
measure,kpi,fy,actual
9-1,オンライン申請可能な手続数,2026,170
9-1,オンライン申請可能な手続数,2040,1
9-9,何か,2026,1
9-1,オンライン申請可能な手続数,2027,abc
9-1,存在しない指標,2026,1
CSV
snap=$(psql_q "SELECT string_agg(kpi_id || ':' || fy || ':' || coalesce(actual::text, ''), ',' ORDER BY kpi_id, fy) FROM kpi_value")
run "kpi import: bad rows" 1 r kpi import "$T_TMP/bad.csv" --as tadmin
expect_match "kpi import: bad FY named by line and column" "line 3, column fy: .*2040" "$out"
expect_match "kpi import: unknown measure" "line 4, column measure: unknown measure: 9-9" "$out"
expect_match "kpi import: non-number" 'line 5, column actual: "abc": not a number' "$out"
expect_match "kpi import: unknown KPI" "line 6, column kpi: no such KPI for this measure: 存在しない指標" "$out"
expect_match "kpi import: nothing written" "4 bad rows; nothing was written" "$out"
expect_eq "kpi import: bad file changed nothing" "$snap" "$(psql_q "SELECT string_agg(kpi_id || ':' || fy || ':' || coalesce(actual::text, ''), ',' ORDER BY kpi_id, fy) FROM kpi_value")"
run "kpi import --check --skip-bad" 1 r kpi import "$T_TMP/bad.csv" --check --skip-bad --as tadmin
expect_match "kpi import --check: would write the good row" "check: 1 rows would be written, 4 rows skipped" "$out"
expect_eq "kpi import --check: nothing written" 160 "$(psql_q "SELECT actual FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")"
run "kpi import --skip-bad" 1 r kpi import "$T_TMP/bad.csv" --skip-bad --as tadmin
expect_eq "kpi import --skip-bad: the good row written" 170 "$(psql_q "SELECT actual FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")"
printf 'measure,kpi,fy,actual\n9-1,911,2026,171\n9-1,911,2027,\377\376\n' > "$T_TMP/notutf8.csv"
run "kpi import: invalid UTF-8" 1 r kpi import "$T_TMP/notutf8.csv" --as tadmin
expect_match "kpi import: invalid UTF-8 named by line" "line 3: invalid text \\(neither UTF-8 nor CP932\\); nothing was written" "$out"
expect_eq "kpi import: invalid file changed nothing" 170 "$(psql_q "SELECT actual FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")"
printf '施策,指標,年度,実績,目標\r\n9-1,オンライン申請可能な手続数,令和9年度,175,200\r\n' | iconv -f UTF-8 -t CP932 > "$T_TMP/sjis.csv"
run "kpi import: CP932 with Japanese headers, from stdin" 0 sh -c "\"$RASHIN\" -c \"$CONF\" kpi import - --as tlead < \"$T_TMP/sjis.csv\""
expect_match "kpi import: CP932 detected" "\(CP932\)" "$out"
expect_eq "kpi import: CP932 row stored" "175|200" "$(psql_q "SELECT actual || '|' || target FROM kpi_value WHERE kpi_id = 911 AND fy = 2027")"
printf 'measure,kpi,fy,actual\n9-1,911,2028,1\n9-3,913,2028,2\n' > "$T_TMP/otherdept.csv"
run "kpi import: a row of another department" 1 r kpi import "$T_TMP/otherdept.csv" --as tlead
expect_match "kpi import: the refused row named" "line 3: permission denied" "$out"
expect_eq "kpi import: all or nothing" 0 "$(psql_q "SELECT count(*) FROM kpi_value WHERE fy = 2028")"

# --- the PDCA workflow: every step and every refusal ----------------------------
E="9-1 --fy 2026"
ev() { psql_q "SELECT $1 FROM evaluation WHERE measure_id = 901 AND fy = 2026 ORDER BY revision DESC LIMIT 1"; }
run "1st by a lead of another department" 1 r eval submit $E --grade B --as tlead2
expect_match "wrong department: refused" "permission denied: only the measure's department \(lead\) or IT staff may write the 1st evaluation" "$out"
run "1st by the auditor" 1 r eval submit $E --grade B --as tauditor
run "1st by the readonly member" 1 r eval submit $E --grade B --as treader
run "1st by the trainer" 1 r eval submit $E --grade B --as ttrainer
expect_eq "no evaluation row after the refusals" 0 "$(psql_q "SELECT count(*) FROM evaluation WHERE measure_id = 901")"
run "2nd before the 1st" 1 r eval second $E --grade A --findings f --instruction i --as tauditor
expect_match "out of order: 2nd before 1st" "out of order: the 2nd evaluation needs a submitted 1st evaluation" "$out"
run "bad grade" 2 r eval submit $E --grade E --as tlead
run "1st by the department's lead" 0 r eval submit $E --grade B --achievements "計画どおり調査を進めた。" --issues "関係課との調整" --next "実施段階へ" --as tlead
expect_eq "1st stored with its author" "B|tlead|true" "$(psql_q "SELECT e1_grade || '|' || s.login || '|' || (e1_submitted_at IS NOT NULL) FROM evaluation e JOIN staff s ON s.id = e.e1_by WHERE measure_id = 901")"
run "1st resubmitted by IT staff before the 2nd" 0 r eval submit $E --grade C --as tadmin
expect_eq "resubmission keeps the texts" "C|計画どおり調査を進めた。" "$(ev "e1_grade || '|' || e1_achievements")"
run "publish before the 2nd" 1 r eval publish $E --as tadmin
expect_match "out of order: publish before 2nd" "out of order: publication needs a submitted 2nd evaluation" "$out"
run "2nd by a lead" 1 r eval second $E --grade A --findings f --instruction i --as tlead
expect_match "wrong role: 2nd by a lead" "only the DX council / CIO adviser \(auditor\)" "$out"
run "2nd by IT staff" 1 r eval second $E --grade A --findings f --instruction i --as tadmin
run "CIO comment by a lead" 1 r eval comment $E "意見" --as tlead
run "CIO comment by the auditor" 0 r eval comment $E "データ連携を優先されたい。" --as tauditor
run "2nd by the auditor" 0 r eval second $E --grade B --findings "概ね順調。" --instruction "運用体制を明確にすること。" --as tauditor
expect_eq "2nd stored" "B|概ね順調。|true" "$(ev "e2_grade || '|' || e2_findings || '|' || (e2_submitted_at IS NOT NULL)")"
run "1st after the 2nd" 1 r eval submit $E --grade A --as tlead
expect_match "out of order: 1st after 2nd" "the 2nd evaluation is submitted; the 1st evaluation can no longer change" "$out"
run "publish by the auditor" 1 r eval publish $E --as tauditor
expect_match "wrong role: publish by the auditor" "only IT staff \(admin\) publish" "$out"
run "publish by a lead" 1 r eval publish $E --as tlead
run "publish by IT staff" 0 r eval publish $E --as tadmin
expect_eq "published" t "$(ev "published_at IS NOT NULL")"
run "comment after publication" 1 r eval comment $E "追記" --as tauditor
expect_match "after publication: read-only" "published and read-only; a correction is a new revision" "$out"
run "2nd after publication" 1 r eval second $E --grade A --as tauditor
run "1st after publication" 1 r eval submit $E --grade A --as tadmin
run "publish twice" 1 r eval publish $E --as tadmin
run "comment after publication (ja)" 1 ja eval comment $E "追記" --as tauditor
expect_match "after publication, in Japanese" "評価は公表済みのため変更できません" "$out"
published=$(psql_q "SELECT row_to_json(e)::text FROM evaluation e WHERE measure_id = 901 AND revision = 1")
run "revise by a lead of another department" 1 r eval revise $E --as tlead2
run "revise by the department's lead" 0 r eval revise $E --as tlead
expect_match "revise: new revision 2" "new revision 2" "$out"
expect_eq "revision 2 supersedes revision 1, 1st copied as a draft" "2|true|C|false" "$(psql_q "SELECT e.revision || '|' || (e.supersedes = p.id) || '|' || e.e1_grade || '|' || (e.e1_submitted_at IS NOT NULL) FROM evaluation e JOIN evaluation p ON p.measure_id = e.measure_id AND p.revision = 1 WHERE e.measure_id = 901 AND e.revision = 2")"
expect_eq "the published revision is untouched" "$published" "$(psql_q "SELECT row_to_json(e)::text FROM evaluation e WHERE measure_id = 901 AND revision = 1")"
run "revise an unpublished revision" 1 r eval revise $E --as tadmin
expect_match "out of order: revise before publication" "only a published evaluation can be revised" "$out"
run "1st of the revision" 0 r eval submit $E --grade B --as tlead
run "hearing by the department's lead" 0 r eval hearing $E --date R8.10.5 --attendees "テスト甲課 主任" --notes "進捗の聞き取り" --as tlead
expect_eq "hearing stored with the 和暦 date converted" "2026-10-05|テスト甲課 主任" "$(psql_q "SELECT held_on || '|' || attendees FROM hearing WHERE measure_id = 901")"
run "hearing by another department" 1 r eval hearing $E --date 2026-10-06 --as tlead2
expect_match "hearing: wrong department" "hearings are recorded by IT staff, the DX council and the measure's departments" "$out"
run "hearing with a bad date" 2 r eval hearing $E --date 2026-02-30 --as tlead
run "2nd for a measure without a 1st (other measure)" 1 r eval second 9-2 --fy 2026 --grade A --as tauditor
run "eval list" 0 r eval list --fy 2026 --csv --as treader
expect_eq "eval list: the board row of 9-1" "9-1,テスト施策,2,B,2026-11-25,,,,,1" "$(printf '%s\n' "$out" | tr -d '\r' | grep '^9-1,' | sed 's/20[0-9][0-9]-[0-9][0-9]-[0-9][0-9]/2026-11-25/')"
expect_eq "eval list: a measure without evaluation" "9-2,他課の施策,,,,,,,,0" "$(printf '%s\n' "$out" | tr -d '\r' | grep '^9-2,')"
expect_eq "audit trail: every evaluation write recorded" \
	"$(psql_q "SELECT count(*) FROM evaluation") inserts, 5 updates" \
	"$(psql_q "SELECT count(*) FILTER (WHERE action = 'INSERT') || ' inserts, ' || count(*) FILTER (WHERE action = 'UPDATE') || ' updates' FROM audit_log WHERE tbl = 'evaluation'")"

# --- the progress report ---------------------------------------------------------
run "report md" 0 ja report progress --fy 2026 --part 9 --format md --as treader
expect_match "report md: title" "^# ふじみ野市デジタル戦略計画 実施状況 令和8年度$" "$out"
expect_match "report md: part heading" "^## 第9部 テスト部$" "$out"
expect_match "report md: measure heading" "^### 9-3 情報システム標準化の推進と業務プロセスの見直し$" "$out"
expect_match "report md: KPI actual vs target (170 of 180 = 94.4%), who typed it and when" "^\| 指標: オンライン申請可能な手続数 \| 実績 170 / 目標 180 件 \(94.4%\) \(管理 太郎 \(tadmin\) が [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} に入力\) \|$" "$out"
expect_match "report md: 1st evaluation of the latest revision" "^\*\*1次評価 \(担当課\): B\*\*$" "$out"
expect_match "report md: the Gantt" "^9-2 他課の施策 +│▓+ 調査・検討・実施 ▓+$" "$out"
run "report csv" 0 r report progress --fy 2026 --part 9 --format csv --as treader
expect_eq "report csv: UTF-8 with a BOM for Excel" "efbbbf" "$(printf '%s' "$out" | head -c 3 | od -An -tx1 | tr -d ' \n')"
expect_match "report csv: measure row" "^Part 9: テスト部,9-1,テスト施策,in_progress,調査・検討,テスト甲課,オンライン申請可能な手続数: actual 170 / target 180 件 \(94.4%\) \(typed by 管理 太郎 \(tadmin\) at [0-9-]{10} [0-9:]{5}\),B,計画どおり調査を進めた。" "$out"
r report progress --fy 2026 --part 9 --format csv --encoding cp932 --as treader > "$T_TMP/report.csv" 2>&1
expect_match "report csv cp932: decodes as CP932" "^Part 9: テスト部,9-2,他課の施策," "$(iconv -f CP932 -t UTF-8 < "$T_TMP/report.csv")"
run "report bad format" 2 r report progress --fy 2026 --part 9 --format docx --as treader

ja report progress --fy 2026 --part 9 --format pdf --as treader > "$T_TMP/p.pdf" 2>"$T_TMP/pdf.err"
expect_eq "report pdf: exit 0, nothing on stderr" "0:" "$?:$(cat "$T_TMP/pdf.err")"
expect_eq "report pdf: A4, 3 pages" "3 595.28x841.89" "$(pdfinfo "$T_TMP/p.pdf" | awk '/^Pages:/ {p=$2} /^Page size:/ {s=$3 "x" $5} END {print p, s}')"
expect_match "report pdf: Noto Sans CJK JP embedded" "NotoSansCJKjp" "$(pdffonts "$T_TMP/p.pdf")"
page() { pdftotext -layout -f "$1" -l "$1" "$T_TMP/p.pdf" -; }
p1=$(page 1); p2=$(page 2); p3=$(page 3)
expect_match "pdf page 1: the title" "ふじみ野市デジタル戦略計画実施状況令和8年度" "$(printf '%s' "$p1" | tr -d ' \n')"
expect_match "pdf page 1: contents" "^ *目次$" "$p1"
expect_match "pdf page 1: contents entry with its page" "9-3 情報システム標準化の推進と業務プロセスの見直し +2$" "$p1"
expect_match "pdf page 1: the schedule's page" "スケジュール +3$" "$p1"
expect_match "pdf page 1: page number" "^ *- ?1 ?-$" "$p1"
expect_match "pdf page 2: the part" "^第9部 テスト部$" "$p2"
expect_match "pdf page 2: the measure on the page the contents name" "^9-3 情報システム標準化の推進と業務プロセスの見直し$" "$p2"
expect_match "pdf page 2: KPI actual vs target" "実績 170 / 目標 180 件 \(94.4%\)" "$p2"
expect_match "pdf page 2: the 1st evaluation's text" "取組実績 +計画どおり調査を進めた。" "$p2"
expect_match "pdf page 2: page number" "^ *- ?2 ?-$" "$p2"
expect_nomatch "pdf page 2: no schedule here" "令和13年度" "$p2"
expect_match "pdf page 3: the schedule" "^ *スケジュール$" "$p3"
expect_match "pdf page 3: fiscal-year columns" "令和8年度 +令和9年度 +令和10年度" "$p3"
expect_match "pdf page 3: a bar with its phase name" "9-2 他課の施策 +調査・検討・実施" "$p3"
expect_match "pdf page 3: today" "今日: 2026-11-25" "$p3"

# --- hostile text never reaches the terminal raw ---------------------------------
psql_q "UPDATE measure SET name = E'他課の\\x1b[2J施策\\u202e' WHERE id = 902" >/dev/null
run "measures list with control characters in a name" 0 r measures list --part 9 --as treader
expect_nomatch "no ESC or bidi override on the terminal" "$(printf '\033')|$(printf '\342\200\256')" "$out"
run "schedule with control characters" 0 r schedule show --part 9 --as treader
expect_nomatch "schedule: no ESC" "$(printf '\033')" "$out"
