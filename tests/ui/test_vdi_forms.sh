#!/bin/sh
# The `:vdi` screen's forms in a real terminal (tmux, 80x24, Japanese, clock pinned):
# `n` makes a request for someone else (staff pickers for whom and the manager, a 和暦
# start date); without the declaration, and then over the longest period (vdi.max_days,
# 366 here), the database refuses and its message is drawn under the form, in Japanese,
# while nothing is stored; then the request is saved and lands in vdi_request. `r`
# rejects with a reason: empty is refused beside the field, the reason typed is stored.
. "$(dirname "$0")/../lib/common.sh"

ui_db
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO staff (id, login, name, kana, dept_id, role) VALUES
	(911, 'aoki', '青木 翔', 'あおき しょう', 902, 'readonly'), (912, 'ishii', '石井 真理子', 'いしい まりこ', 902, 'readonly')" >/dev/null

nreq() { psql_q "SELECT count(*) FROM vdi_request"; }

tmux_console tui 80 24 tadmin || { not_ok "console starts" "$(tmux_capture; cat "$T_TMP/tui.err")"; exit 1; }
tmux_send ':' 'vdi' Enter
tmux_wait_for "テレワーク VDI" 5 || { not_ok ":vdi opens" "$(tmux_capture)"; exit 1; }

# n: the request form, for yourself by default.
tmux_send n
tmux_wait_for "VDI 利用申請" 3 && ok "n opens the request form" || not_ok "n opens the request form" "$(tmux_capture)"
expect_match "for whom: your own login by default" "利用者\\* +tadmin$" "$(tmux_capture)"
# For aoki instead (staff picker), then the rest; the declaration left unanswered.
tmux_send BTab; tmux_send -l aoki
tmux_wait_for "青木 翔" 3
tmux_send Enter
sleep 0.2
tmux_send Tab; tmux_send -l '在宅での書類審査'
tmux_send Tab; tmux_send -l '事務処理'
tmux_send Tab Tab; tmux_send -l 'R8.12.1'
tmux_send Tab; tmux_send -l '2027-03-31'
tmux_send Tab; tmux_send -l 'PC-0123'
tmux_send Tab; tmux_send -l ishii
tmux_wait_for "石井 真理子" 3
tmux_send Enter
sleep 0.2
expect_match "picked: aoki" "利用者\\* +aoki +青木 翔" "$(tmux_capture)"
expect_match "picked: the manager ishii" "所属長 +ishii +石井 真理子" "$(tmux_capture)"
tmux_send F2
tmux_wait_for "VDI申請: 特定個人情報" 5 && ok "no declaration: refused" || not_ok "no declaration: refused" "$(tmux_capture)"
s=$(tmux_capture)
expect_match "the database's message, under the form, in Japanese" "VDI申請: 特定個人情報 \(マイナンバー\) を扱わない旨の申告がありません" \
	"$(printf '%s\n' "$s" | sed -n 14,22p)"
expect_contains "the form stays open with what was typed" "在宅での書類審査" "$s"
expect_eq "nothing stored without the declaration" 0 "$(nreq)"

# Declaration yes (Right twice: unset -> No -> Yes), the end 486 days on: over the maximum.
tmux_send BTab BTab BTab BTab Right Right
sleep 0.2
expect_match "declaration answered yes" "特定個人情報を扱わない .*はい" "$(tmux_capture)"
tmux_send Tab Tab C-u; tmux_send -l '2028-03-31'
tmux_send F2
tmux_wait_for "VDI申請: 利用期間が上限" 5 && ok "period over the maximum: refused" || not_ok "period over the maximum: refused" "$(tmux_capture)"
expect_match "the database names the period and the limit" "staff=aoki from=2026-12-01 to=2028-03-31 days=487 max=366" \
	"$(tmux_capture | tr -d '\n')"
expect_eq "nothing stored for a period too long" 0 "$(nreq)"

# A year's end inside the limit: saved, in the list and in vdi_request. The two refused
# inserts used up ids 1 and 2 of the sequence: the request is number 3.
tmux_send C-u; tmux_send -l '2027-03-31'
tmux_send F2
tmux_wait_for "申請中" 5 && ok "the saved request is in the list" || not_ok "the saved request is in the list" "$(tmux_capture)"
expect_match "list row: id, login, name, state, end" "3 +aoki +青木 翔 +申請中 +2027-03-31" "$(tmux_capture)"
expect_eq "stored: for aoki, reason, work, declaration, period from 和暦, device, manager, by tadmin" \
	"911|在宅での書類審査|事務処理|true|2026-12-01|2027-03-31|PC-0123|912|requested" \
	"$(psql_q "SELECT staff_id || '|' || reason || '|' || work_kinds || '|' || no_personal_data || '|' ||
		period_from || '|' || period_to || '|' || device_id || '|' || manager_id || '|' || state FROM vdi_request")"

# r: a rejection needs a reason; the one typed is stored, readable by the requester.
tmux_send r
tmux_wait_for "VDI 申請の却下" 3 && ok "r opens the rejection form" || not_ok "r opens the rejection form" "$(tmux_capture)"
tmux_send F2
sleep 0.3
expect_eq "an empty reason changes nothing" requested "$(psql_q "SELECT state FROM vdi_request WHERE id = 3")"
tmux_send -l '貸与端末の在庫がないため'
tmux_send F2
tmux_wait_for "却下" 5
sleep 0.3
expect_eq "rejected with the reason" "rejected|貸与端末の在庫がないため" \
	"$(psql_q "SELECT state || '|' || reject_reason FROM vdi_request WHERE id = 3")"
tmux_wait_for "却下" 3 && ok "the list shows the rejection" || not_ok "the list shows the rejection" "$(tmux_capture)"
tmux_send r
sleep 0.3
expect_contains "a rejected request cannot be rejected again: said, no form" "VDI申請 3: 却下" "$(tmux_capture | sed -n 22p)"
expect_nomatch "no rejection form opened" "VDI 申請の却下" "$(tmux_capture)"

tmux_send q
sleep 0.2
tmux_send q
i=0; while [ ! -s "$T_TMP/tui.rc" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "console exits cleanly" 0 "$(cat "$T_TMP/tui.rc" 2>/dev/null)"
