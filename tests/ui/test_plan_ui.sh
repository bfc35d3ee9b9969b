#!/bin/sh
# :schedule in a real terminal (tmux, 80x24, Japanese): the Gantt with the label column
# fixed, Right scrolling the years, `m` for the months of the year, `a` for the actions,
# and a phase change from another session appearing by itself (NOTIFY).
. "$(dirname "$0")/../lib/common.sh"
command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/plan_fixture.sql" \
	>/dev/null || { not_ok "fixture"; exit 1; }

T_TMUX=rashin-plan-ui-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p; }
line() { screen | sed -n "$1p" | sed 's/ *$//'; }
wait_for() {
	i=0; lim=$(( ${2:-10} * 10 ))
	while ! screen | grep -Fq -- "$1"; do
		i=$((i + 1)); [ $i -gt $lim ] && return 1
		sleep 0.1
	done
}

tm new -d -x 80 -y 24 "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-11-25 TERM=xterm-256color \
	ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as tlead 2>'$T_TMP/tui.err'; sleep 30"
wait_for "令和8年度" 10 || { not_ok "console starts" "$(screen; cat "$T_TMP/tui.err")"; exit 1; }
tm send-keys ':schedule' Enter
wait_for "スケジュール  令和8年度(2026)" 5 && ok ":schedule opens" || not_ok ":schedule opens" "$(screen)"
expect_eq "header: label column and the years, 12 columns each" \
	"施策                      │ 令和8年度  │ 令和9年度  │ 令和10年度 │ 令和11年度 │" "$(line 3)"
s=$(screen)
expect_contains "a seeded measure's bar with its name" "1-2 申請手続きの「オンラ… │▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓▓ 調査・検討・実施 ▓▓▓▓▓▓" "$s"
expect_contains "today's line in empty cells" "1-3 決済方法の多様化と窓… │       ┆    │            │            │            │" "$s"
tm send-keys Right
sleep 0.5
expect_eq "Right: the grid scrolls a year, the label column stays" \
	"施策                      │ 令和9年度  │ 令和10年度 │ 令和11年度 │ 令和12年度 │" "$(line 3)"
tm send-keys m
wait_for "令和8年度(2026) 月別" 3 && ok "m: months of the year" || not_ok "m: months of the year" "$(screen)"
expect_eq "months header" "施策                            │4月 │5月 │6月 │7月 │8月 │9月 │10月│11月│12月│1" "$(line 3)"
tm send-keys ']'
wait_for "令和9年度(2027) 月別" 3 && ok "]: next fiscal year" || not_ok "]: next fiscal year" "$(screen)"
tm send-keys '[' m
sleep 0.5
# another session moves a bar: the screen follows within a second
psql -qX -c "UPDATE measure_phase SET fy_from = 2028 WHERE measure_id = 2" >/dev/null
i=0; while ! screen | grep -Fq "1-2 申請手続きの「オンラ… │       ┆    │            │▓▓▓" && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
expect_contains "live refresh: the moved bar" "1-2 申請手続きの「オンラ… │       ┆    │            │▓▓▓" "$(screen)"
tm send-keys q
sleep 0.3
expect_contains "q: back to the dashboard" "ダッシュボード" "$(line 1)"

# :measures — the tree, the detail with 計画当初, and a status change the database
# allows (own department) or refuses (another department).
tm send-keys ':measures' Enter
wait_for "第1部 選べる・ひろがる市民サービス" 5 && ok ":measures opens with the parts" || not_ok ":measures opens" "$(screen)"
expect_contains "the tree: a measure with status, this year's phase and grades" " 1-1  フロントヤードの統合とサービスレベ…  未着手     調査・検討        -   -" "$(screen)"
tm send-keys G Up Up
sleep 0.3
expect_contains "G: the last part" "第9部 テスト部" "$(screen)"
expect_contains "the tree row of a measure" " 9-1  テスト施策" "$(screen)"
# c asks first: the list of statuses with the current one named; nothing is written
# until F2 (it used to move the status on at once)
tm send-keys c
wait_for "9-1 テスト施策  (現在: 未着手)  選んで F2 で保存" 3 && ok "c: a choice naming the current status" ||
	not_ok "c: a choice naming the current status" "$(screen)"
sleep 0.3
expect_eq "c: nothing written before F2" not_started "$(psql_q "SELECT status FROM measure WHERE id = 901")"
tm send-keys Space F2
i=0; while [ "$(psql_q "SELECT status FROM measure WHERE id = 901")" != studying ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "c: status chosen by the lead of the measure's department" studying "$(psql_q "SELECT status FROM measure WHERE id = 901")"
wait_for "更新しました 9-1: 調査・検討" 3 && ok "c: says what changed" || not_ok "c: says what changed" "$(screen)"
tm send-keys c
wait_for "(現在: 調査・検討)" 3
tm send-keys Escape
sleep 0.8
expect_eq "c then Esc: nothing written" studying "$(psql_q "SELECT status FROM measure WHERE id = 901")"
tm send-keys Down c
wait_for "(現在: 未着手)" 3
tm send-keys Space F2
wait_for "権限がありません: 施策を変更できるのは情報主管部門と担当課のみです" 3 &&
	ok "c on another department's measure: refused by the database" || not_ok "c refused" "$(screen)"
expect_eq "refused: unchanged" not_started "$(psql_q "SELECT status FROM measure WHERE id = 902")"
tm send-keys Down Enter
wait_for "施策概要" 3 && ok "Enter: the detail" || not_ok "Enter: the detail" "$(screen)"
s=$(screen)
expect_contains "detail: the overview wrapped by display width" "  国の標準仕様に準拠したシステムへ、令和8年度末までに移行する。移行後は業務プ" "$s"
expect_contains "detail: the plan's original text" "    国の標準仕様に準拠したシステムへ移行する。" "$s"
tm send-keys q
sleep 0.3
expect_contains "q: back to the tree" "第9部 テスト部" "$(screen)"
# e: the lead edits the goal of the department's measure; 計画当初 stays as it was
tm send-keys Up Up e
wait_for "施策目標 (現在)" 3 && ok "e: the measure form" || not_ok "e: form" "$(screen)"
tm send-keys Tab C-e
tm send-keys -l '（改訂）'
tm send-keys F2
wait_for "保存しました" 3 && ok "e: saved" || not_ok "e: saved" "$(screen)"
expect_eq "edited goal in the database; the plan's original text unchanged" \
	"窓口に来なくても手続が完了する市役所を目指す。（改訂）|窓口に来なくても手続が完了する市役所を目指す。|テスト施策" \
	"$(psql_q "SELECT goal || '|' || orig_goal || '|' || orig_name FROM measure WHERE id = 901")"
tm send-keys Down Down

# :eval — the board; a write elsewhere shows by itself; publishing is refused to a lead.
tm send-keys q ':eval' Enter
wait_for "施策評価  令和8年度" 5 && ok ":eval opens on this year's board" || not_ok ":eval opens" "$(screen)"
# its keys come from the registry: `?` lists each (the key bar shows them too)
tm send-keys '?'
wait_for "この画面のキー" 3 || not_ok "?: help on :eval" "$(screen)"
s=$(screen)
expect_match "help: 1 writes the 1st evaluation" "│ +1 +選択した施策の担当課による一次評価を入力" "$s"
expect_nomatch "help (a lead): no c, the adviser's comment" "│ +c +選択した施策への CIO 補佐官の助言を入力" "$s"
expect_nomatch "help (a lead): no 2, the 2nd evaluation" "│ +2 +選択した施策の DX 推進本部による二次評価を入力" "$s"
expect_nomatch "help (a lead): no p, publishing" "│ +p +選択した施策の評価を公表" "$s"
expect_match "help: r opens a revision" "│ +r +選択した施策の公表済み評価の改訂版を作る" "$s"
expect_match "help: H records a hearing" "│ +H +選択した施策のヒアリングを記録" "$s"
expect_match "help: E the export command" "│ +E +画面のデータを書き出す・取り込む ssh コマンド +│" "$s"
expect_match "help: [ and ] another year" "\\[ +前の年度を表示" "$s"
expect_match "help: R, F5 and C-r reload, each once" "R / C-r / F5 +データを読み直す" "$s"
tm send-keys q
sleep 0.3
expect_contains "key bar: a lead's eval keys" "1 一次評価  r 改訂  H ヒアリング  E 書き出し" "$(screen)"
psql -qX -c "INSERT INTO evaluation (measure_id, fy, e1_grade, e1_submitted_at, cio_comment, e2_grade, e2_submitted_at)
	VALUES (901, 2026, 'B', '2026-11-20', '助言', 'A', '2026-11-24')" >/dev/null
wait_for " 9-1  テスト施策" 3
tm send-keys G Up Up
i=0; while ! screen | grep -Eq "^ 9-1  テスト施策 +B +● +A +-$" && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
expect_match "board row: 1st B, CIO comment, 2nd A, not published (live refresh)" "^ 9-1  テスト施策 +B +● +A +-$" "$(screen)"
tm send-keys p
sleep 0.5
expect_nomatch "p as a lead: no key, no question" "公表しますか" "$(screen)"
expect_eq "not published" "" "$(psql_q "SELECT published_at FROM evaluation WHERE measure_id = 901")"
tm send-keys Enter
wait_for "2次評価 (DX推進会議): A" 3 && ok "Enter: the evaluation in full" || not_ok "Enter: detail" "$(screen)"

# :eval forms — the lead writes the 1st evaluation of FY2027 through the form; another
# department's measure is refused by the database; a stale version opens the conflict
# dialog and "overwrite" saves over the other person's change, having shown it.
q27() { psql_q "SELECT $1 FROM evaluation WHERE measure_id = $2 AND fy = 2027"; }
tm send-keys q ']'
wait_for "施策評価  令和9年度" 3 && ok "]: next year's board" || not_ok "]: next year" "$(screen)"
tm send-keys 1
wait_for "1次評価 (担当課)  9-1 テスト施策  令和9年度" 3 && ok "1: the 1st evaluation form" || not_ok "1: form" "$(screen)"
tm send-keys Space Space Tab
tm send-keys -l 'オンライン申請を20件追加'
tm send-keys Enter
tm send-keys -l '電子署名を試行'
tm send-keys Tab
tm send-keys -l '職員の習熟'
tm send-keys Tab
tm send-keys -l '対象手続の拡大'
tm send-keys F2
wait_for "1次評価を保存しました 9-1" 3 && ok "F2: saved" || not_ok "F2: saved" "$(screen)"
expect_eq "1st evaluation in the database: grade, multi-line achievements, issues, next steps, by the lead" \
	"B|オンライン申請を20件追加
電子署名を試行|職員の習熟|対象手続の拡大|902" \
	"$(q27 "e1_grade || '|' || e1_achievements || '|' || e1_issues || '|' || e1_next || '|' || e1_by" 901)"
i=0; while ! screen | grep -Eq "^ 9-1  テスト施策 +B +- +- +-$" && [ $i -lt 20 ]; do sleep 0.1; i=$((i + 1)); done
expect_match "the board shows it" "^ 9-1  テスト施策 +B +- +- +-$" "$(screen)"
tm send-keys Down 1 Space F2
wait_for "9-2: 権限がありません: 1次評価を記入できるのは" 3 &&
	ok "1st evaluation of another department's measure: refused by the database" ||
	not_ok "another department's measure refused" "$(screen)"
expect_eq "refused: nothing written" 0 "$(psql_q "SELECT count(*) FROM evaluation WHERE measure_id = 902")"
tm send-keys Escape
sleep 0.8
tm send-keys y
wait_for " 9-2  他の課の施策" 3 || wait_for "施策評価  令和9年度" 3
tm send-keys Up 1
wait_for "1次評価 (担当課)  9-1" 3 || not_ok "1 again" "$(screen)"
psql -qX -c "UPDATE evaluation SET e1_issues = '他の人の課題' WHERE measure_id = 901 AND fy = 2027" >/dev/null
tm send-keys Tab Tab Tab C-e
tm send-keys -l '・追記'
tm send-keys F2
wait_for "他の人の課題" 3 && ok "stale version: the conflict dialog shows their change" ||
	not_ok "conflict dialog" "$(screen)"
tm send-keys o
wait_for "1次評価を保存しました 9-1" 3 && ok "o: saved over theirs" || not_ok "o: overwrite" "$(screen)"
expect_eq "overwrite: yours in the database" "職員の習熟|対象手続の拡大・追記" "$(q27 "e1_issues || '|' || e1_next" 901)"

# the auditor (DX council / CIO adviser): the comment and the 2nd evaluation; the 1st is refused
tm kill-server 2>/dev/null
T_TMUX=rashin-plan-aud-$$
tm new -d -x 80 -y 24 "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-11-25 TERM=xterm-256color \
	ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as tauditor 2>'$T_TMP/tui.err'; sleep 30"
wait_for "令和8年度" 10 || { not_ok "console starts as the auditor" "$(screen; cat "$T_TMP/tui.err")"; exit 1; }
tm send-keys ':eval' Enter
wait_for "施策評価  令和8年度" 5 || not_ok ":eval as the auditor" "$(screen)"
tm send-keys ']'
wait_for "施策評価  令和9年度" 3
tm send-keys G Up Up 1
sleep 0.5
expect_nomatch "the auditor: no 1st evaluation form (1 is not theirs)" "1次評価 \\(担当課\\)  9-1" "$(screen)"
expect_contains "key bar: the auditor's eval keys" "c コメント  2 二次評価  H ヒアリング  E 書き出し" "$(screen)"
tm send-keys c
wait_for "CIO補佐官の助言  9-1" 3 || not_ok "c: comment form" "$(screen)"
tm send-keys -l 'KPIの目標値を見直すこと'
tm send-keys F2
wait_for "CIO補佐官の助言を保存しました 9-1" 3 && ok "c: the CIO adviser's comment saved" || not_ok "comment saved" "$(screen)"
tm send-keys 2
wait_for "2次評価 (DX推進会議)  9-1" 3 || not_ok "2: the 2nd evaluation form" "$(screen)"
tm send-keys Space Tab
tm send-keys -l '計画どおり進捗'
tm send-keys Tab
tm send-keys -l '対象手続を拡大すること'
tm send-keys F2
wait_for "2次評価を保存しました 9-1" 3 && ok "2: the 2nd evaluation saved" || not_ok "2nd saved" "$(screen)"
expect_eq "comment and 2nd evaluation in the database, by the auditor" \
	"KPIの目標値を見直すこと|A|計画どおり進捗|対象手続を拡大すること|904|904" \
	"$(q27 "cio_comment || '|' || e2_grade || '|' || e2_findings || '|' || e2_instruction || '|' || cio_by || '|' || e2_by" 901)"
