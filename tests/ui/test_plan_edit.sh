#!/bin/sh
# The plan's editing in a real terminal (tmux, Japanese, the clock pinned to 2026-11-25):
# the Gantt of :schedule compared with expected screens at 80x24 and 160x48 (and the
# month view at 80x24); bars moved and extended with < > { } by year and by month, each
# save checked in the database and the audit trail; a bar past FY2031 and another
# department's bar refused by the database with its message, nothing changed; :measures
# adding a measure (n) and a concrete action (A) through the forms, with the validation
# message beside the field, the lead refused; two sessions editing one measure: the
# stale save opens the conflict dialog; a bar changed since it was read: the conflict
# dialog, "r" takes theirs and the next save starts from it.
# REGEN=1 writes the expected screens instead of comparing (then read them by eye).
. "$(dirname "$0")/../lib/common.sh"
command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/plan_fixture.sql" \
	>/dev/null || { not_ok "fixture"; exit 1; }

EXP=$ROOT/tests/ui/expected
T_TMUX=rashin-plan-edit-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p -t "=$1:" | sed 's/ *$//'; }	# "=": the session named exactly
send() { s=$1; shift; tm send-keys -t "=$s:" "$@"; }
wait_for() {	# wait_for TEXT SECONDS SESSION
	i=0; lim=$(( $2 * 10 ))
	while ! screen "$3" | grep -Fq -- "$1"; do
		i=$((i + 1)); [ $i -gt $lim ] && return 1
		sleep 0.1
	done
}
start() {	# start SESSION COLS LINES LOGIN
	tm new -d -s "$1" -x "$2" -y "$3" "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-11-25 \
		TERM=xterm-256color ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as $4 2>>'$T_TMP/$1.err'; sleep 60"
	wait_for "令和8年度" 10 "$1" || { not_ok "console $1 starts" "$(screen "$1"; cat "$T_TMP/$1.err")"; exit 1; }
}
compare() {	# compare NAME SESSION FILE
	if [ -n "${REGEN:-}" ]; then screen "$2" > "$EXP/$3"; ok "$1 (written)"; return; fi
	if [ "$(screen "$2")" = "$(cat "$EXP/$3")" ]; then ok "$1"; else
		not_ok "$1" "$(screen "$2" | diff "$EXP/$3" - | head -30)"; fi
}
# the phase rows of measure 901 (its own bars), as "phase:from[/month]-to[/month]:version"
bars() { psql_q "SELECT string_agg(phase || ':' || fy_from || coalesce('/' || month_from, '') || '-' || fy_to ||
	coalesce('/' || month_to, '') || ':' || version, ' ' ORDER BY seq) FROM measure_phase WHERE measure_id = $1 AND action_id IS NULL"; }

# --- the Gantt against expected screens ---------------------------------------------
start big 160 48 tlead
send big ':schedule' Enter
wait_for "スケジュール  令和8年度(2026)" 5 big || not_ok ":schedule at 160x48" "$(screen big)"
compare "the Gantt at 160x48" big plan_schedule_160x48.txt
start a 80 24 tlead	# (before the first session ends, so that the tmux server stays)
tm kill-session -t =big
send a ':schedule' Enter
wait_for "スケジュール  令和8年度(2026)" 5 a || not_ok ":schedule at 80x24" "$(screen a)"
compare "the Gantt at 80x24" a plan_schedule_80x24.txt
expect_contains "the key bar shows the editing keys" "Tab 段階  < 早める  > 遅らせる  { 短く  } 長く" "$(screen a)"
send a '?'
wait_for "この画面のキー" 3 a
expect_contains "? help: < explained" "<                      選択したバーを1年早める (月別表示では1か月)" "$(screen a)"
expect_contains "? help: } explained" "}                      選択したバーの終わりを1年 (1か月) 延ばす" "$(screen a)"
send a q
sleep 0.3
send a m
wait_for "令和8年度(2026) 月別" 3 a || not_ok "m: months" "$(screen a)"
compare "the month view at 80x24" a plan_schedule_months_80x24.txt
send a m
wait_for "スケジュール  令和8年度(2026)〜" 3 a

# --- bars moved by year: 9-1 is the lead's (テスト甲課) ---------------------------------
send a G Up Up
wait_for "▶ 調査・検討 令和8年度〜令和8年度" 3 a
send a Tab
wait_for "▶ 実施 令和9年度〜令和13年度" 3 a && ok "Tab: the next bar of the row" || not_ok "Tab: next bar" "$(screen a)"
expect_eq "before: 9-1's bars" "調査・検討:2026-2026:1 実施:2027-2031:1" "$(bars 901)"
send a '{'
wait_for "更新しました 実施: 令和9年度〜令和12年度" 3 a && ok "{: the end a year earlier, said" || not_ok "{ said" "$(screen a)"
expect_eq "{: stored, version bumped" "調査・検討:2026-2026:1 実施:2027-2030:2" "$(bars 901)"
send a '<'
wait_for "更新しました 実施: 令和8年度〜令和11年度" 3 a && ok "<: the bar a year earlier" || not_ok "< said" "$(screen a)"
expect_eq "<: stored" "調査・検討:2026-2026:1 実施:2026-2029:3" "$(bars 901)"
send a '<'
wait_for "拒否されました: 期間は開始以降に終わり、令和8年度〜令和13年度の範囲に" 3 a &&
	ok "< before FY2026: refused by the database" || not_ok "< before FY2026 refused" "$(screen a)"
send a '>' '>'
wait_for "更新しました 実施: 令和10年度〜令和13年度" 3 a && ok "> >: two years later" || not_ok "> >" "$(screen a)"
send a '}'
wait_for "拒否されました: 期間は開始以降に終わり" 3 a && ok "} past FY2031: refused" || not_ok "} refused" "$(screen a)"
expect_eq "after the refusals: as last saved" "調査・検討:2026-2026:1 実施:2028-2031:5" "$(bars 901)"
expect_eq "audit: 4 updates of the bar by tlead" "4" \
	"$(psql_q "SELECT count(*) FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE a.tbl = 'measure_phase' AND a.action = 'UPDATE' AND s.login = 'tlead'")"
s=$(screen a)
expect_contains "the chart redrawn with the moved bar" "9-1 テスト施策            │ 調査・検討 │            │██████████████████████ 実施" "$s"

# --- by month: the months of FY2026 ---------------------------------------------------
send a m
wait_for "令和8年度(2026) 月別" 3 a || not_ok "m: months" "$(screen a)"
send a Tab
wait_for "▶ 調査・検討 令和8年度〜令和8年度" 3 a
send a '>'
wait_for "更新しました 調査・検討: 令和8年度5月〜令和9年度4月" 3 a && ok "> in the month view: a month later" ||
	not_ok "> by month" "$(screen a)"
send a '{' '{'
wait_for "令和8年度5月〜令和8年度2月" 3 a && ok "{ {: two months shorter" || not_ok "{ { by month" "$(screen a)"
expect_eq "month moves stored with their months" "調査・検討:2026/5-2026/2:4 実施:2028-2031:5" "$(bars 901)"
expect_contains "the bar drawn from May to February" "9-1 テスト施策                  │    │▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒▒ 調査・検討 ▒▒▒▒▒▒▒▒▒▒▒▒" "$(screen a)"
send a m

# --- another department's bar: refused by the database, nothing changed ----------------
before=$(bars 902)
send a Down '>'
wait_for "権限がありません: 施策を変更できるのは情報主管部門と担当課のみです" 3 a &&
	ok "another department's bar: the database's refusal shown" || not_ok "other department refused" "$(screen a)"
expect_eq "another department's bar unchanged" "$before" "$(bars 902)"

# --- :measures as the lead: adding is IT staff's, so n and A are not shown -------------
before=$(psql_q "SELECT count(*) FROM measure")
send a q ':measures' Enter
wait_for "第1部" 5 a
send a G n
sleep 0.5
expect_nomatch "n as the lead: no form (the key is IT staff's)" "施策の追加" "$(screen a)"
expect_nomatch "the lead's key bar: no n or A" "(^| )(n 追加|A 具体策)" "$(screen a | sed -n 23p)"
expect_eq "no measure added" "$before" "$(psql_q "SELECT count(*) FROM measure")"

# --- :measures as IT staff: n and A -----------------------------------------------------
start b 80 24 tadmin
tm kill-session -t =a
send b ':measures' Enter
wait_for "第9部 テスト部" 5 b
send b G n
wait_for "施策の追加" 3 b
expect_match "the part filled in from the selected measure" "^部\* +9$" "$(screen b)"
send b Tab Tab Tab Tab Tab Tab F2
wait_for "必須" 3 b && ok "n: an empty name marked beside the field" || not_ok "required marked" "$(screen b)"
expect_match "the message beside 施策名" "^施策名\* .*必須" "$(screen b)"
send b -l '窓口DXの推進'
send b Tab
send b -l '待たない窓口'
send b Tab
send b -l '来庁者の待ち時間を短縮する。'
send b Tab
send b -l 'T-A、存在しない課'
send b Tab Space F2
wait_for "不明な課: 存在しない課" 3 b && ok "an unknown department: said beside the field" || not_ok "unknown department" "$(screen b)"
expect_match "the message beside 担当課" "^担当課 \(コード/課名\)\* +T-A、存在しない課 +不明な課" "$(screen b)"
expect_eq "nothing written yet" 0 "$(psql_q "SELECT count(*) FROM measure WHERE part_id = 9 AND seq = 4")"
send b C-u
send b -l 'T-A、テスト乙課'
send b F2
wait_for "追加しました 9-4" 3 b && ok "F2: the measure added" || not_ok "measure added" "$(screen b)"
expect_eq "the new measure in the database: no 計画当初, added in FY2026" \
	"窓口DXの推進|待たない窓口|来庁者の待ち時間を短縮する。|studying|2026|true|902,903" \
	"$(psql_q "SELECT name || '|' || goal || '|' || overview || '|' || status || '|' || added_fy || '|' || (orig_name IS NULL)::text || '|' ||
		(SELECT string_agg(dept_id::text, ',' ORDER BY dept_id) FROM measure_dept WHERE measure_id = m.id) FROM measure m WHERE part_id = 9 AND seq = 4")"
expect_match "the tree shows it, selected" "^ 9-4  窓口DXの推進 +調査・検討" "$(screen b)"
send b A
wait_for "具体策の追加  9-4 窓口DXの推進" 3 b && ok "A: the form to add an action under the measure" || not_ok "A: form" "$(screen b)"
send b Tab
send b -l '窓口での案内の強化'
send b Tab
send b -l 'チラシを配る。'
send b F2
wait_for "追加しました 9-4 (1)" 3 b && ok "F2: the action added" || not_ok "action added" "$(screen b)"
expect_eq "the new action in the database" "1|窓口での案内の強化|チラシを配る。|not_started|2026|true" \
	"$(psql_q "SELECT a.seq || '|' || a.title || '|' || a.body || '|' || a.status || '|' || a.added_fy || '|' || (a.orig_title IS NULL)::text FROM action a JOIN measure m ON m.id = a.measure_id WHERE m.part_id = 9 AND m.seq = 4")"
send b Enter
wait_for "追加 (令和8年度)" 3 b && ok "Enter: the addition marked 追加 (令和8年度)" || not_ok "detail marks the addition" "$(screen b)"
expect_contains "the detail lists the added action, marked" "  (1) 窓口での案内の強化 [未着手] 追加 (令和8年度)" "$(screen b)"
expect_nomatch "no 計画当初 for an addition" "計画当初" "$(screen b)"
send b q
expect_eq "audit: the additions recorded as tadmin" "action:1 measure:1 measure_dept:2" \
	"$(psql_q "SELECT string_agg(tbl || ':' || n, ' ' ORDER BY tbl) FROM (SELECT a.tbl, count(*) AS n FROM audit_log a JOIN staff s ON s.id = a.staff_id
		WHERE s.login = 'tadmin' AND a.action = 'INSERT' GROUP BY a.tbl) x")"

# --- two sessions edit measure 9-1: the stale save opens the conflict dialog --------------
start c 80 24 tlead
send c ':measures' Enter
wait_for "第9部 テスト部" 5 c
send b Left G Up Up Up e
wait_for "施策目標 (現在)" 3 b
send c G Up Up Up e
wait_for "施策目標 (現在)" 3 c
expect_match "tadmin edits 9-1" "^施策名 \(現在\)\* +テスト施策$" "$(screen b)"
expect_match "tlead edits 9-1" "^施策名 \(現在\)\* +テスト施策$" "$(screen c)"
send c Tab C-e
send c -l '（甲課の改訂）'
send c F2
wait_for "保存しました" 3 c && ok "the lead saves first" || not_ok "first save" "$(screen c)"
send b Tab C-e
send b -l '（情報課の改訂）'
send b F2
wait_for "他の人が変更しました" 3 b && ok "the second save: the conflict dialog" || not_ok "conflict dialog" "$(screen b)"
expect_match "conflict dialog: the goal marked as the field that differs" "│!施策目標 \(現在\) +窓口に来なくても" "$(screen b)"
expect_contains "conflict dialog: who saved" "tlead" "$(screen b)"
send b o
wait_for "保存しました" 3 b && ok "o: saved over theirs, having seen it" || not_ok "overwrite" "$(screen b)"
expect_eq "the overwrite in the database; 計画当初 kept" \
	"窓口に来なくても手続が完了する市役所を目指す。（情報課の改訂）|窓口に来なくても手続が完了する市役所を目指す。" \
	"$(psql_q "SELECT goal || '|' || orig_goal FROM measure WHERE id = 901")"

# --- a bar changed since the screen read it: the conflict dialog --------------------------
# The other change is written with triggers off (no NOTIFY, version bumped by hand), as if
# its notification had not arrived yet: the save carries the old version.
start d 120 30 tlead
send d ':schedule' Enter
wait_for "スケジュール  令和8年度(2026)" 5 d
send d G Up Up Up
wait_for "▶ 調査・検討 令和8年度5月〜令和8年度2月" 3 d || not_ok "9-1's first bar selected" "$(screen d)"
psql -qX -c "SET session_replication_role = replica" -c "UPDATE measure_phase SET fy_to = 2027, version = version + 1
	WHERE measure_id = 901 AND seq = 1 AND action_id IS NULL" >/dev/null
send d '>'
wait_for "他の人が変更しました" 3 d && ok "stale bar: the conflict dialog" || not_ok "bar conflict dialog" "$(screen d)"
s=$(screen d)
expect_match "conflict dialog: their period against yours" "期間 +令和8年度5月〜令和9年度2月 +令和9年度5月〜令和9年度2月" "$s"
send d r
wait_for "相手の内容を読み込みました" 3 d || wait_for "▶ 調査・検討 令和8年度5月〜令和9年度2月" 3 d
expect_eq "r: theirs kept in the database" "調査・検討:2026/5-2027/2:5" "$(bars 901 | cut -d' ' -f1)"
wait_for "▶ 調査・検討 令和8年度5月〜令和9年度2月" 3 d && ok "r: the screen shows theirs" || not_ok "r: theirs shown" "$(screen d)"
send d '>'
wait_for "更新しました 調査・検討: 令和9年度5月〜令和10年度2月" 3 d && ok "the next save starts from theirs" || not_ok "save after r" "$(screen d)"
expect_eq "saved on top of theirs" "調査・検討:2027/5-2028/2:6" "$(bars 901 | cut -d' ' -f1)"

# --- leaving normally: the sanitizers had nothing to say about any of it ----------------
send b C-q
send d C-q
sleep 2
expect_eq "C-q: both consoles ended (the sanitizers' exit checks ran)" "sleep sleep" \
	"$(tm list-panes -t =b: -F '#{pane_current_command}') $(tm list-panes -t =d: -F '#{pane_current_command}')"
expect_eq "no AddressSanitizer/LeakSanitizer report from the admin's or the lead's console" "" \
	"$(grep -hE 'Sanitizer|runtime error' "$T_TMP/b.err" "$T_TMP/d.err")"
