#!/bin/sh
# Every `vdi` command's action from the `:vdi` screen, over the real OpenSSH client in
# tmux at 80x24 (Japanese): as IT (tadmin) `a` on an IT-approved request says that
# provisioning comes next and writes nothing; `p` provisions (a user name in use is
# refused with the store's reason under the form, then saved); `z` suspends with a
# reason, `Z` resumes after a confirmation, `M` resets MFA with a reason, `w` requests a
# renewal from the day after the end, `x` revokes with a reason after a confirmation;
# `E` shows the exact `ssh ... vdi export` line. Each is checked in the database as the
# command would leave it. As a read-only member (aoki, on their own account) the account keys are neither
# in the key bar nor in `?`, and pressing them changes nothing.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-11-24
ssh_ui_db
printf 'vdi: { key_file = "%s/vdi.key"; };\n' "$T_TMP" >> "$CONF"	# for the CLI's mfa start
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO staff (id, login, name, kana, dept_id, role) VALUES
	(911, 'aoki', '青木 翔', 'あおき しょう', 902, 'readonly'), (912, 'ishii', '石井 真理子', 'いしい まりこ', 902, 'readonly')" >/dev/null
ssh-keygen -q -t ed25519 -N '' -C aoki -f "$KEYS/aoki" && register aoki "$KEYS/aoki"
v() { "$RASHIN" -c "$CONF" vdi "$@" >/dev/null 2>&1 || not_ok "fixture: vdi $*"; }
v request --reason 書類審査 --work 事務処理 --from 2026-04-01 --to 2026-12-10 --declare-no-personal-data --as aoki
v approve 1 --manager --as tadmin
v approve 1 --as tadmin
v request --reason 資料作成 --work 事務処理 --from 2026-04-01 --to 2027-03-31 --declare-no-personal-data --as ishii
v approve 2 --manager --as tadmin
v approve 2 --as tadmin
v provision 2 --username vdi-ishii --pool pool-general --as tadmin
v mfa start 2 --as tadmin

# console SESSION LOGIN: LOGIN's console over SSH at 80x24, on :vdi.
console() {
	ssh_console "$1" "$2" || exit 1
	tmux_send -t "$1" ':' 'vdi' Enter
	tmux_wait_for "青木 翔" 5 "$1" || not_ok "$2: :vdi opens" "$(tmux_capture "$1")"
}
acct() { psql_q "SELECT coalesce(string_agg(vdi_username || '|' || pool || '|' || state || '|' || coalesce(state_reason, '') || '|' || mfa_state, ','), '') FROM vdi_account WHERE request_id = $1"; }

console A tadmin
s=$(tmux_capture A)
expect_match "IT's key bar: the account keys" "p 払い出し" "$(printf '%s\n' "$s" | sed -n 23p)"
tmux_send -t A '?'
tmux_wait_for "この画面のキー" 3 A || not_ok "?: help on :vdi" "$(tmux_capture A)"
s=$(tmux_capture A)
for k in "p +承認済みの申請に作成した" "z +選択した VDI アカウントを一時停止" "Z +停止中の選択した VDI" \
	"x +選択した VDI アカウントを失効" "w +選択したアカウントの更新を申請" "M +選択したアカウントの多要素認証を初期化" \
	"E +画面のデータを書き出す・取り込む ssh"; do
	expect_match "help lists ${k%% *}" "$k" "$s"
done
tmux_send -t A q
tmux_wait_for "青木 翔" 3 A

# a on an IT-approved request: what comes next, nothing written.
tmux_send -t A a
tmux_wait_for "次は p で" 3 A && ok "a after IT approval says provisioning comes next" ||
	not_ok "a after IT approval says provisioning comes next" "$(tmux_capture A)"
expect_eq "a wrote nothing" "approved" "$(psql_q "SELECT state FROM vdi_request WHERE id = 1")"

# p: a user name in use is refused under the form (the store's reason), then saved.
tmux_send -t A p
tmux_wait_for "VDIアカウントの払い出し" 3 A && ok "p opens the provisioning form" ||
	not_ok "p opens the provisioning form" "$(tmux_capture A)"
tmux_send -t A -l vdi-ishii; tmux_send -t A Tab; tmux_send -t A -l pool-general; tmux_send -t A F2
tmux_wait_for "は使用済みです" 5 A && ok "a user name in use: the store's reason under the form" ||
	not_ok "a user name in use: the store's reason under the form" "$(tmux_capture A)"
expect_eq "nothing provisioned" "" "$(acct 1)"
tmux_send -t A BTab C-u; tmux_send -t A -l vdi-aoki; tmux_send -t A F2
tmux_wait_for "払い出し" 5 A
sleep 0.5
expect_eq "provisioned as vdi provision would" "vdi-aoki|pool-general|active||none" "$(acct 1)"
tmux_wait_for "次は m で多要素認証" 3 A && ok "the message says MFA comes next" ||
	not_ok "the message says MFA comes next" "$(tmux_capture A)"

# z suspends with a reason; Z resumes after a confirmation.
tmux_wait_for "有効" 3 A
tmux_send -t A z
tmux_wait_for "VDIアカウントの停止" 3 A || not_ok "z opens the suspension form" "$(tmux_capture A)"
tmux_send -t A -l 長期休暇のため; tmux_send -t A F2
sleep 0.5
expect_eq "suspended with the reason" "vdi-aoki|pool-general|suspended|長期休暇のため|none" "$(acct 1)"
tmux_wait_for "停止中" 3 A
tmux_send -t A Z
tmux_wait_for "再開しますか" 3 A && ok "Z asks first" || not_ok "Z asks first" "$(tmux_capture A)"
tmux_send -t A y
sleep 0.5
expect_eq "resumed" "vdi-aoki|pool-general|active||none" "$(acct 1)"

# w: a renewal, from the day after the end; stored with renews = 1.
tmux_send -t A w
tmux_wait_for "VDIアカウントの更新" 3 A && ok "w opens the renewal form" || not_ok "w opens the renewal form" "$(tmux_capture A)"
expect_match "renewal starts the day after the end" "2026-12-11" "$(tmux_capture A)"
tmux_send -t A -l 2027-03-31
tmux_send -t A BTab BTab Right Right
tmux_send -t A BTab; tmux_send -t A -l 事務処理
tmux_send -t A BTab; tmux_send -t A -l 継続の申請
tmux_send -t A F2
tmux_wait_for "更新元の申請 1" 5 A && ok "renewal saved" || not_ok "renewal saved" "$(tmux_capture A)"
expect_eq "renewal stored as vdi request --renews would" "911|2026-12-11|2027-03-31|1|requested" \
	"$(psql_q "SELECT staff_id || '|' || period_from || '|' || period_to || '|' || renews || '|' || state FROM vdi_request WHERE renews = 1")"

# M on ishii's (MFA pending): reset with a reason.
tmux_send -t A Home Down
tmux_wait_for "石井 真理子" 3 A
tmux_send -t A M
tmux_wait_for "多要素認証の初期化" 3 A && ok "M opens the MFA reset form" || not_ok "M opens the MFA reset form" "$(tmux_capture A)"
tmux_send -t A -l 端末紛失; tmux_send -t A F2
sleep 0.5
expect_eq "MFA reset with the reason" "none|端末紛失" "$(psql_q "SELECT mfa_state || '|' || mfa_reason FROM vdi_account WHERE request_id = 2")"

# x: revoke with a reason, confirmed.
tmux_send -t A x
tmux_wait_for "VDIアカウントの失効" 3 A || not_ok "x opens the revocation form" "$(tmux_capture A)"
tmux_send -t A -l 退職のため; tmux_send -t A F2
tmux_wait_for "失効させますか" 3 A && ok "x asks before revoking for good" || not_ok "x asks before revoking" "$(tmux_capture A)"
tmux_send -t A y
sleep 0.5
expect_eq "revoked with the reason" "revoked|退職のため" "$(psql_q "SELECT state || '|' || state_reason FROM vdi_account WHERE request_id = 2")"

# E: the export's ssh line.
tmux_send -t A E
tmux_wait_for "vdi export" 3 A
expect_contains "E shows the exact ssh line" "ssh -p $PORT tadmin@127.0.0.1 vdi export --format csv > vdi.csv" "$(tmux_capture A)"
tmux_send -t A q

# A read-only member, on their own account: no account keys; pressing them changes nothing.
console B aoki
s=$(tmux_capture B)
expect_nomatch "read-only: no p in the key bar" "p 払い出し|a 承認" "$(printf '%s\n' "$s" | sed -n 23p)"
tmux_send -t B '?'
tmux_wait_for "この画面のキー" 3 B
s=$(tmux_capture B)
expect_nomatch "read-only: help has no account keys" "^ +(p|z|Z|x|M|a|r) +" "$s"
expect_match "read-only: help keeps n and w" "w +選択したアカウントの更新を申請" "$s"
tmux_send -t B q
before=$(psql_q "SELECT string_agg(state || coalesce(state_reason, ''), ',' ORDER BY id) FROM vdi_account")
tmux_send -t B p z x M a r
sleep 0.5
expect_nomatch "read-only: no form opened" "払い出し|停止|失効" "$(tmux_capture B | sed -n 2,21p)"
expect_eq "read-only: the keys changed nothing" "$before" \
	"$(psql_q "SELECT string_agg(state || coalesce(state_reason, ''), ',' ORDER BY id) FROM vdi_account")"
