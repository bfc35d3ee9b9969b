#!/bin/sh
# The `:vdi` screen in a real terminal (tmux, 80x24, Japanese, clock pinned): the list
# with state, days left and MFA; a request's details and history; approval with `a`
# (its form, with a comment);
# TOTP enrolment with `m` — the QR code and key over the whole 80x24 terminal, a wrong
# code refused, the right one (computed here with openssl) accepted, and the key gone
# from the screen afterwards.
. "$(dirname "$0")/../lib/common.sh"

ui_db
printf 'vdi: { key_file = "%s/vdi.key"; };\n' "$T_TMP" >> "$CONF"
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO staff (id, login, name, kana, dept_id, role) VALUES
	(911, 'aoki', '青木 翔', 'あおき しょう', 902, 'readonly'), (912, 'ishii', '石井 真理子', 'いしい まりこ', 902, 'readonly')" >/dev/null
v() { "$RASHIN" -c "$CONF" vdi "$@" 2>&1; }
v request --reason 書類審査 --work 事務処理 --from 2026-04-01 --to 2026-12-10 --declare-no-personal-data --as aoki >/dev/null
v approve 1 --manager --comment 了承 --as tadmin >/dev/null
v approve 1 --as tadmin >/dev/null
v provision 1 --username vdi-aoki --pool pool-general --as tadmin >/dev/null
v request --reason 資料作成 --work 事務処理 --from 2026-04-01 --to 2027-03-31 --declare-no-personal-data --as ishii >/dev/null

totp() {	# totp BASE32 UNIXTIME -> 6 digits (openssl, independent of rashin's C)
	hexkey=$(printf '%s' "$1" | base32 -d | od -An -tx1 | tr -d ' \n')
	ctr=$(printf '%016x' $(($2 / 30)))
	: > "$T_TMP/ctr"
	i=0; while [ $i -lt 16 ]; do
		b=$(printf '%s' "$ctr" | cut -c$((i + 1))-$((i + 2)))
		printf "\\$(printf '%03o' "0x$b")" >> "$T_TMP/ctr"
		i=$((i + 2))
	done
	mac=$(openssl dgst -sha1 -mac HMAC -macopt "hexkey:$hexkey" -r "$T_TMP/ctr" | cut -d' ' -f1)
	off=$((0x$(printf '%s' "$mac" | cut -c40)))
	word=$(printf '%s' "$mac" | cut -c$((off * 2 + 1))-$((off * 2 + 8)))
	printf '%06d\n' $(( (0x$word & 0x7fffffff) % 1000000 ))
}

tmux_console tui 80 24 tadmin || { not_ok "console starts" "$(tmux_capture; cat "$T_TMP/tui.err")"; exit 1; }
tmux_send ':' 'vdi' Enter
tmux_wait_for "青木 翔" 5 && ok ":vdi opens the list" || not_ok ":vdi opens the list" "$(tmux_capture)"
s=$(tmux_capture)
expect_contains "title" "テレワーク VDI" "$(printf '%s\n' "$s" | sed -n 1p)"
expect_match "active account: state, end, 16 days left, MFA not enrolled" "1 +aoki +青木 翔 +有効 +2026-12-10 +16 +未登録" "$s"
expect_match "request waiting for the manager" "2 +ishii +石井 真理子 +申請中 +2027-03-31" "$s"
tmux_send '?'
tmux_wait_for "この画面のキー" 3 || not_ok "?: help on :vdi" "$(tmux_capture)"
s=$(tmux_capture)
expect_match "help: n requests" "n +新しく追加する" "$s"
expect_match "help: a approves" "a +選択した申請の次の段階を承認" "$s"
expect_match "help: r rejects" "r +選択した申請を却下" "$s"
expect_match "help: m enrols MFA" "m +選択したアカウントの多要素認証を登録" "$s"
tmux_send q
tmux_wait_for "青木 翔" 3

tmux_send Enter
tmux_wait_for "履歴" 5 && ok "Enter: details and history" || not_ok "Enter: details and history" "$(tmux_capture)"
s=$(tmux_capture)
expect_match "details: period, VDI user, pool" "2026-04-01 .. 2026-12-10 .*vdi-aoki .*pool-general" "$s"
expect_match "history: the manager step with who and comment" "申請: 所属長承認済み +tadmin +了承" "$s"
tmux_send Escape
tmux_wait_for "石井 真理子" 3

# `a` on ishii's request opens the step's form; its comment is stored with the step.
tmux_send Down a
tmux_wait_for "所属長" 3 && ok "a opens the approval form" || not_ok "a opens the approval form" "$(tmux_capture)"
expect_contains "the form names the step and the requester" "所属長の承認を記録しますか: 石井 真理子 (ishii)" "$(tmux_capture)"
tmux_send -l '業務上必要と認める'
tmux_send F2
sleep 0.5
expect_eq "manager step recorded from the screen, with the comment" "manager_approved|901|業務上必要と認める" \
	"$(psql_q "SELECT state || '|' || manager_by || '|' || manager_comment FROM vdi_request WHERE id = 2")"
tmux_wait_for "所属長承認済み" 3 && ok "the list shows the new state" || not_ok "the list shows the new state" "$(tmux_capture)"

# MFA enrolment for aoki.
tmux_send Up m
tmux_wait_for "多要素認証" 3
tmux_send y
tmux_wait_for "コード" 5 && ok "m: enrolment view" || not_ok "m: enrolment view" "$(tmux_capture)"
s=$(tmux_capture)
full=$(tmux_capture "" -N)	# -N keeps trailing spaces: the quiet zone is spaces
expect_match "QR finder patterns drawn" "█▀▀▀▀▀█ .*█▀▀▀▀▀█" "$s"
expect_eq "the QR's 23 rows, quiet zone included, start at the top" "23" \
	"$(printf '%s\n' "$full" | head -23 | grep -c '^[ ▀▄█]\{45\}')"
expect_eq "the first two rows are quiet zone (blank)" "" "$(printf '%s\n' "$full" | head -2 | cut -c1-45 | tr -d ' \n')"
KEY=$(printf '%s\n' "$s" | grep -oE '([A-Z2-7]{4} )*[A-Z2-7]{4}' | tr -d ' \n')
expect_match "base32 key on screen (32 characters)" "^[A-Z2-7]{32}$" "$KEY"
tmux_send 0 0 0 0 0 0 Enter
tmux_wait_for "一致しません" 3 && ok "a wrong code is refused on screen" || not_ok "a wrong code is refused on screen" "$(tmux_capture)"
expect_eq "still pending" pending "$(psql_q "SELECT mfa_state FROM vdi_account WHERE request_id = 1")"
code=$(totp "$KEY" "$(date +%s)")
tmux_send "$code" Enter
tmux_wait_for "登録済み" 5 && ok "the right code enrols" || not_ok "the right code enrols" "$(tmux_capture)"
expect_eq "enrolled in the database" enrolled "$(psql_q "SELECT mfa_state FROM vdi_account WHERE request_id = 1")"
s=$(tmux_capture)
expect_nomatch "the key is gone from the screen" "$(printf '%s' "$KEY" | cut -c1-8)|$(printf '%s' "$KEY" | cut -c1-4) $(printf '%s' "$KEY" | cut -c5-8)" "$s"
expect_nomatch "no QR left on the screen" "█▀▀▀▀▀█" "$s"

# An account whose period has not begun is 予定, not 有効 (issue 26).
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO staff (id, login, name, kana, dept_id, role) VALUES
	(913, 'ueda', '上田 晴', 'うえだ はる', 902, 'readonly')" >/dev/null
v request --reason 準備 --work 事務処理 --from 2027-01-05 --to 2027-03-31 --declare-no-personal-data --as ueda >/dev/null
rid=$(psql_q "SELECT max(id) FROM vdi_request")
v approve "$rid" --manager --comment 了承 --as tadmin >/dev/null
v approve "$rid" --as tadmin >/dev/null
v provision "$rid" --username vdi-ueda --pool pool-general --as tadmin >/dev/null
tmux_send ':' 'vdi' Enter
tmux_wait_for "上田 晴" 5
expect_match "an account before its period: 予定" "ueda +上田 晴 +予定" "$(tmux_capture)"
tmux_send q
tmux_wait_for "テレワーク VDI" 3
expect_match "the dashboard does not count it as 有効 (the same figure as vdi list)" "有効 1 " "$(tmux_capture)"
tmux_send ':' 'vdi' Enter
tmux_wait_for "上田 晴" 5

tmux_send q
sleep 0.2
tmux_send q
i=0; while [ ! -s "$T_TMP/tui.rc" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "console exits cleanly" 0 "$(cat "$T_TMP/tui.rc" 2>/dev/null)"
