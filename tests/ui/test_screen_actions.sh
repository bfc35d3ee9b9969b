#!/bin/sh
# Issue 25's actions from their screens (tmux at 80x24, Japanese, clock pinned), each
# checked in the database as the command would leave it: :measures `k` (a KPI actual,
# as `kpi set`), :eval `H` (a hearing, as `eval hearing`), :depts `n` (as `depts add`);
# the keys a role may not use not shown (bar and `?`); `E` on :keys and :staff showing
# the `ssh ... COMMAND` line for the screen's data and filter, and that line's command
# accepted by rashin itself.
. "$(dirname "$0")/../lib/common.sh"

ui_db "$ROOT/tests/db/plan_fixture.sql"

start() { tmux_console "$1" 80 24 "$2"; }	# start SESSION LOGIN
send() { s=$1; shift; tmux_send -t "$s" "$@"; }
cmd() { send "$1" ':'; sleep 0.1; send "$1" -l "$2"; send "$1" Enter; }
bar() { tmux_capture "$1" | sed -n 23p; }

# --- the lead: :measures k records a KPI actual of the department's measure ----------
start a tlead || { not_ok "lead's console starts" "$(tmux_capture a; cat "$T_TMP/a.err")"; exit 1; }
cmd a measures
tmux_wait_for "第1部" 5 a || not_ok ":measures opens" "$(tmux_capture a)"
expect_match "lead's key bar on :measures: e c k E, no n or A" "^ e 編集  c 状況  k 指標の実績  E 書き出し" "$(bar a)"
send a G Up Up; sleep 0.3
send a k
tmux_wait_for "指標の実績  9-1 テスト施策" 3 a && ok "k: the KPI actual form" || not_ok "k: form" "$(tmux_capture a)"
expect_contains "k: the measure's KPI chosen" "オンライン申請可能な手続数 (件)" "$(tmux_capture a)"
send a Tab Tab; send a -l '15x'; send a F2; sleep 0.3
expect_contains "k: not a number, said beside the field" "数値ではありません" "$(tmux_capture a)"
send a C-u; send a -l '150'; send a Tab; send a -l '200'; send a Tab; send a -l '画面から'; send a F2
tmux_wait_for "更新しました 9-1 / オンライン申請可能な手続数 (件) FY2026: 150" 3 a && ok "k: saved, said" ||
	not_ok "k: saved" "$(tmux_capture a)"
expect_eq "k: in the database as kpi set leaves it" "150|200|画面から" \
	"$(psql_q "SELECT actual::int || '|' || target::int || '|' || note FROM kpi_value WHERE kpi_id = 911 AND fy = 2026")"
send a Down k; sleep 0.3
send a Tab Tab; send a -l '9'; send a F2
tmux_wait_for "権限がありません" 3 a && ok "k on another department's measure: the store's refusal" ||
	not_ok "k refused" "$(tmux_capture a)"
expect_eq "refused: nothing written" "" "$(psql_q "SELECT actual FROM kpi_value WHERE kpi_id = 912")"
send a Escape; sleep 0.8; send a y; sleep 0.3
# 3-3's KPIs (DX leaders, mandatory training) are computed from their records (sql/141)
send a G Up Up Up Up Up Up Up Up; sleep 0.3	# 9-2 9-1 第9部 4-3 4-2 4-1 第4部 3-3
send a k
tmux_wait_for "この施策の指標はすべて業務の記録から自動集計されます" 3 a && ok "k on 3-3: its KPIs are computed, no form" ||
	not_ok "k on a measure with computed KPIs only" "$(tmux_capture a)"
expect_nomatch "k on 3-3: no KPI actual form" "指標の実績  3-3" "$(tmux_capture a)"

# --- :eval H records a hearing --------------------------------------------------------
send a q; cmd a eval
tmux_wait_for "施策評価  令和8年度" 5 a || not_ok ":eval opens" "$(tmux_capture a)"
send a G Up Up; sleep 0.3
send a H
tmux_wait_for "ヒアリング  9-1 テスト施策" 3 a && ok "H: the hearing form" || not_ok "H: form" "$(tmux_capture a)"
send a Tab; send a -l '市長、CIO'; send a Tab; send a -l '進捗を確認した'; send a F2
tmux_wait_for "ヒアリングを記録しました 9-1" 3 a && ok "H: saved" || not_ok "H: saved" "$(tmux_capture a)"
expect_eq "H: the hearing in the database, dated today" "2026-11-24|市長、CIO|進捗を確認した" \
	"$(psql_q "SELECT held_on || '|' || attendees || '|' || notes FROM hearing WHERE measure_id = 901 AND fy = 2026")"

# --- the reader: no key that would write, in the bar or in `?` ------------------------
start r treader || not_ok "reader's console starts" "$(tmux_capture r)"
cmd r measures
tmux_wait_for "第1部" 5 r
expect_match "reader's :measures bar: E only" "^ E 書き出し  : コマンド  \\? ヘルプ" "$(bar r)"
send r c; sleep 0.5
expect_nomatch "reader: c opens nothing" "選んで F2 で保存" "$(tmux_capture r)"
send r q; cmd r eval
tmux_wait_for "施策評価" 5 r
expect_match "reader's :eval bar: E only" "^ E 書き出し  : コマンド" "$(bar r)"
send r '?'; tmux_wait_for "この画面のキー" 3 r
expect_nomatch "reader's help: no evaluation step" "(一次評価を入力|二次評価を入力|評価を公表|改訂版を作る|ヒアリングを記録)" "$(tmux_capture r)"
send r q; sleep 0.3; send r q; cmd r depts
tmux_wait_for "テスト甲課" 5 r
expect_match "reader's :depts bar: no n or e" "^ E 書き出し  / 検索" "$(bar r)"
expect_contains "depts: the title in Japanese" "所属" "$(tmux_capture r | sed -n 1p)"

# --- the admin: :depts n adds a department under the selected one ---------------------
start b tadmin || not_ok "admin's console starts" "$(tmux_capture b)"
cmd b depts
tmux_wait_for "テスト甲課" 5 b
expect_match "admin's :depts bar: n e E" "^ n 追加  e 編集  E 書き出し" "$(bar b)"
send b /; send b -l T-A; send b Enter; sleep 0.3
send b n
tmux_wait_for "上位の所属 (空欄: 最上位) テスト甲課" 3 b && ok "n: the department form, under the selected one" || not_ok "n: form" "$(tmux_capture b)"
send b -l 'T-NEW'; send b Tab; send b -l 'テスト新係'; send b F2
tmux_wait_for "所属を追加しました: T-NEW テスト新係" 3 b && ok "n: added, said" || not_ok "n: added" "$(tmux_capture b)"
expect_eq "n: in the database as depts add leaves it, under the selected one" "テスト新係|T-A" \
	"$(psql_q "SELECT d.name || '|' || p.code FROM department d JOIN department p ON p.id = d.parent_id WHERE d.code = 'T-NEW'")"

# --- E: the ssh line for the screen's data and filter, accepted by rashin ------------
cmd b staff
tmux_wait_for "かんり たろう" 3 b
send b /; send b -l tlead; send b Enter; sleep 0.3
send b E
tmux_wait_for "ssh -p 2222 tadmin@127.0.0.1 staff list tlead --all --csv" 3 b &&
	ok "E on :staff: the line with the filter" || not_ok "E on :staff" "$(tmux_capture b)"
send b q; sleep 0.3
out=$("$RASHIN" -c "$CONF" staff list tlead --all --csv --as tadmin 2>&1); rc=$?
expect_eq "that command runs" 0 "$rc"
expect_match "and gives the filtered list" "^tlead,主任 花子" "$out"
cmd a keys
tmux_wait_for "tlead  主任 花子" 3 a
expect_match "lead's :keys bar: n r E, no p" "^ n 追加  r 失効  E 書き出し  : コマンド" "$(bar a)"
send a E
tmux_wait_for "ssh -p 2222 tlead@127.0.0.1 keys list --csv" 3 a && ok "E on :keys: your own keys' line" ||
	not_ok "E on :keys" "$(tmux_capture a)"
