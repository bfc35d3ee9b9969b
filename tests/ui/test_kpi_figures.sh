#!/bin/sh
# The same KPI figure everywhere (issue 26): the progress report's PDF (read back with
# pdftotext), `kpi list --json` and the dashboard in a real terminal (tmux, the console
# as IT staff) show the same DX leaders certified / target, systems migrated / target
# and active VDI accounts, and the PDF carries each figure's definition or who typed it.
# The PDF's layout: every measure's block on one page (each page after the first starts
# with a heading, never with the rest of a block), the Gantt's labels wrapped whole
# (no 「…」), and a legend on the Gantt page.
. "$(dirname "$0")/../lib/common.sh"

ui_db "$ROOT/tests/db/plan_fixture.sql"
command -v pdftotext >/dev/null 2>&1 || { ok "# SKIP no pdftotext"; exit 0; }
export RASHIN_TODAY=2026-11-24

# Domain data the computed KPIs count, and evaluations long enough to fill pages.
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || { not_ok "test data"; exit 1; }
INSERT INTO dx_target (dept_id, fy, target) VALUES (901, 2026, 3), (902, 2026, 4), (903, 2026, 5);
INSERT INTO dx_candidate (staff_id, fy, status) VALUES (902, 2026, 'certified'), (905, 2026, 'certified'),
	(906, 2026, 'in_training');
INSERT INTO mig_status (system_id, step_id, status)
	SELECT sy.id, st.id, 'done' FROM mig_system sy CROSS JOIN mig_step st WHERE sy.seq <= 4
	ON CONFLICT (system_id, step_id) DO UPDATE SET status = 'done';
INSERT INTO vdi_request (id, staff_id, reason, work_kinds, no_personal_data, period_from, period_to, state)
	VALUES (901, 902, '在宅勤務', '資料作成', true, '2026-10-01', '2027-03-31', 'approved');
INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, valid_from, valid_to)
	VALUES (901, 902, 'tlead', 'pool1', '2026-10-01', '2027-03-31');
INSERT INTO evaluation (measure_id, fy, e1_grade, e1_achievements, e1_issues, e1_next, e1_submitted_at)
	SELECT m.id, 2026, 'B', repeat('計画どおり調査・検討を進め、関係課と協議を重ねた。', 3 + m.id % 4),
		repeat('関係課との調整に時間を要した。', 2 + m.id % 3), repeat('次年度は実施段階へ移行する。', 2), now()
	FROM measure m WHERE NOT EXISTS (SELECT 1 FROM evaluation e WHERE e.measure_id = m.id AND e.fy = 2026);
SQL
"$RASHIN" -c "$CONF" kpi set 9-1 オンライン申請可能な手続数 --fy 2026 --actual 152 --as tlead >/dev/null 2>&1 ||
	not_ok "a typed KPI"

LC_ALL=ja_JP.UTF-8 "$RASHIN" -c "$CONF" report progress --fy 2026 --format pdf --as tadmin \
	> "$T_TMP/r.pdf" 2>"$T_TMP/r.err"
expect_eq "report pdf: exit 0, nothing on stderr" "0:" "$?:$(cat "$T_TMP/r.err")"
pdftotext -layout "$T_TMP/r.pdf" "$T_TMP/r.txt"
json=$(LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" kpi list --fy 2026 --json --as tadmin)

# pdf_fig NAME UNIT: "actual/target" from the PDF's line after the KPI's name
pdf_fig() {
	awk -v n="$1" -v u="$2" '
		index($0, n) { f = 1; next }
		f && match($0, "実績 [-0-9.]+ / 目標 [-0-9.]+ " u) {
			s = substr($0, RSTART, RLENGTH); split(s, w, " "); print w[2] "/" w[5]; exit }' "$T_TMP/r.txt"
}
json_fig() { printf '%s' "$json" | jq -r --arg n "$1" '.[] | select(.kpi == $n) | "\(.actual // "-")/\(.target // "-")"'; }

dx_pdf=$(pdf_fig DX推進リーダー認定者数 人)
mig_pdf=$(pdf_fig 標準準拠システム移行完了業務数 業務)
vdi_pdf=$(pdf_fig テレワークVDI有効アカウント数 件)
# what the domain says, counted here
systems=$(psql_q "SELECT count(*) FROM mig_system")
expect_eq "PDF: DX leaders = the records (2 certified of the departments' 3+4+5)" "2/12" "$dx_pdf"
expect_eq "PDF: systems migrated = the board (4 of $systems)" "4/$systems" "$mig_pdf"
expect_eq "PDF = kpi list --json: DX leaders" "$(json_fig DX推進リーダー認定者数)" "$dx_pdf"
expect_eq "PDF = kpi list --json: systems migrated" "$(json_fig 標準準拠システム移行完了業務数)" "$mig_pdf"
expect_eq "PDF = kpi list --json: active VDI accounts (1, no target)" "1/-" "$(json_fig テレワークVDI有効アカウント数)"
expect_match "PDF: active VDI accounts without a target" "実績 1 / 目標 - 件" "$(grep -A1 テレワークVDI有効アカウント数 "$T_TMP/r.txt")"
expect_eq "PDF = kpi list --json: mandatory training completion" \
	"$(json_fig 必修研修修了率)" "$(pdf_fig 必修研修修了率 %)"
expect_eq "PDF = kpi list --json: the typed KPI" "152/180" "$(pdf_fig オンライン申請可能な手続数 件)"
tr -d ' \n' < "$T_TMP/r.txt" > "$T_TMP/r.flat"
expect_contains "PDF: a computed figure's definition" "自動集計:研修記録のDX推進リーダー候補者のうち" "$(cat "$T_TMP/r.flat")"
expect_match "PDF: a typed figure's who and when" "主任花子\(tlead\)が[0-9-]{10}[0-9:]{5}に入力" "$(cat "$T_TMP/r.flat")"

# The dashboard, as IT staff see it.
tmux_console tui 100 30 tadmin || { not_ok "console starts" "$(tmux_capture; cat "$T_TMP/tui.err")"; exit 1; }
tmux_wait_for "認定 " 10 || not_ok "the DX tile" "$(tmux_capture)"
dash=$(tmux_capture)
expect_eq "dashboard = PDF: DX leaders" "$dx_pdf" \
	"$(printf '%s\n' "$dash" | sed -n 's/.*認定 \([0-9]*\) \/ 目標 \([0-9]*\).*/\1\/\2/p' | head -1)"
expect_eq "dashboard = PDF: systems migrated (完了)" "${mig_pdf%%/*}" \
	"$(printf '%s\n' "$dash" | sed -n 's/.*未着手 [0-9]* \/ 完了 \([0-9]*\).*/\1/p' | head -1)"
expect_eq "dashboard = PDF: active VDI accounts (有効)" "${vdi_pdf%%/*}" \
	"$(printf '%s\n' "$dash" | sed -n 's/.*有効 \([0-9]*\) .*/\1/p' | head -1)"
tmux_send q

# What a tile's figures are (at 80x24): the status line says Tab and Enter; Tab focuses
# the next tile (▶), Enter shows its definition, source and fiscal year, and the KPI's
# figures as kpi list gives them (a typed target: who typed it and when).
"$RASHIN" -c "$CONF" kpi set 3-1 テレワークVDI有効アカウント数 --fy 2026 --target 40 --as tadmin \
	>/dev/null 2>&1 || not_ok "a typed VDI target"
tmux_console d 80 24 tadmin || not_ok "console at 80x24" "$(tmux_capture d)"
tmux_wait_for "認定 " 10 d || not_ok "the DX tile at 80x24" "$(tmux_capture d)"
expect_contains "status line: how to reach the figures' definitions" "Tab 次のパネル  Enter 数値の説明" \
	"$(tmux_capture d | sed -n 22p)"
expect_contains "the first tile focused" "▶ [m] 計画の進捗" "$(tmux_capture d)"
tmux_send -t d Tab Tab Tab Tab	# plan, eval, migration, VDI, DX
tmux_wait_for "▶ [t] DX推進リーダー育成" 3 d && ok "Tab: the DX tile focused" || not_ok "Tab to DX" "$(tmux_capture d)"
expect_nomatch "one tile focused" "▶ \[m\]" "$(tmux_capture d)"
tmux_send -t d Enter
tmux_wait_for "数えているもの" 3 d && ok "Enter: the tile's figures explained" || not_ok "Enter: viewer" "$(tmux_capture d)"
v=$(tmux_capture d)
expect_contains "viewer: the fiscal year" "年度: 令和8年度" "$v"
expect_contains "viewer: the source" "研修記録 (:training) から自動集計。" "$v"
expect_contains "viewer: the KPI" "指標: DX推進リーダー認定者数 (人)" "$v"
expect_contains "viewer: the figures = the PDF's" "令和8年度  実績 ${dx_pdf%%/*} / 目標 ${dx_pdf#*/}" "$v"
expect_contains "viewer: computed, with its definition" "自動集計: 研修記録の DX推進リーダー候補者" "$v"
tmux_send -t d q
tmux_wait_for "▶ [t] DX推進リーダー育成" 3 d && ok "q: back, the focus kept" || not_ok "q back" "$(tmux_capture d)"
tmux_send -t d Tab Tab Tab Tab Enter	# round to VDI
tmux_wait_for "数えているもの" 3 d || not_ok "VDI viewer" "$(tmux_capture d)"
v=$(tmux_capture d)
expect_contains "VDI viewer: actual = the PDF's, the typed target" "実績 ${vdi_pdf%%/*} / 目標 40" "$v"
expect_match "VDI viewer: who typed the target and when" "目標: .*\\(tadmin\\)" "$v"
tmux_send -t d q
# in English
tmux_start e 80 24 "env LC_ALL= LANG=en_US.UTF-8 RASHIN_TODAY=2026-11-24 TERM=xterm-256color \
	ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as tadmin 2>'$T_TMP/e.err'; sleep 60"
tmux_wait_for "Certified " 10 e || not_ok "console in English" "$(tmux_capture e)"
expect_contains "en: status line" "Tab next tile  Enter about the figures" "$(tmux_capture e | sed -n 22p)"
tmux_send -t e Tab Tab Tab Tab Enter
tmux_wait_for "What it counts" 3 e && ok "en: the DX tile's viewer" || not_ok "en: viewer" "$(tmux_capture e)"
v=$(tmux_capture e)
expect_contains "en: the source" "Computed from the training records (:training)." "$v"
expect_contains "en: the KPI's figures" "actual ${dx_pdf%%/*} / target ${dx_pdf#*/}" "$v"
expect_contains "en: the definition in English" "computed: DX-leader candidates" "$v"
tmux_stop

# --- the layout -----------------------------------------------------------------------
pages=$(pdfinfo "$T_TMP/r.pdf" | awk '/^Pages:/ {print $2}')
bad=""
i=2
while [ "$i" -le "$pages" ]; do
	first=$(pdftotext -layout -f "$i" -l "$i" "$T_TMP/r.pdf" - | grep -v '^ *$' | head -1 | sed 's/^ *//')
	printf '%s\n' "$first" | grep -Eq '^(第[0-9]+部|[0-9]+-[0-9]+ |スケジュール)' || bad="$bad
page $i starts with: $first"
	i=$((i + 1))
done
[ "$pages" -gt 6 ] && ok "PDF: $pages pages (blocks do cross pages here)" || not_ok "PDF: more than 6 pages" "$pages"
expect_eq "PDF: every page after the first starts with a heading (no block split)" "" "$bad"
gantt=$(pdftotext -layout -f "$pages" -l "$pages" "$T_TMP/r.pdf" -)
gantt_flat=$(printf '%s' "$gantt" | tr -d ' \n')
expect_nomatch "PDF Gantt: no label cut with …" "…" "$gantt"
# the label column alone (the page's left 56 + 170 points), read line after line
labels=$(pdftotext -f "$pages" -l "$pages" -x 0 -y 0 -W 226 -H 842 "$T_TMP/r.pdf" - | tr -d ' \n')
expect_contains "PDF Gantt: a long measure name whole, wrapped in its column" "9-3情報システム標準化の推進と業務プロセスの見直し" "$labels"
expect_contains "PDF Gantt: another one" "2-2情報システム標準化の推進と業務運用の安定稼働" "$labels"
expect_match "PDF Gantt: the legend" "^ *凡例:" "$gantt"
expect_match "PDF Gantt: the legend names the phases" "調査・検討 .*実施" "$(printf '%s\n' "$gantt" | sed -n '/凡例:/,$p')"
expect_contains "PDF Gantt: the legend names today's line" "今日:2026-11-24(赤い破線)" "$gantt_flat"
