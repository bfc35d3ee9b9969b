#!/bin/sh
# The people screens in a real terminal (tmux at 80x24, Japanese, clock pinned): :staff
# (filter, add through the form, a lead's role change refused, two sessions editing one
# row -> the conflict dialog, deactivation ending the other member's session), :depts,
# :keys (a bad key's reason beside the field, add, revoke), :audit (filter, diff).
. "$(dirname "$0")/../lib/common.sh"

ui_db

# Sessions a (the first, the default), b, c, d: one member each.
start() { tmux_console "$1" 80 24 "$2"; }	# start SESSION LOGIN
send() { s=$1; shift; tmux_send -t "$s" "$@"; }
# esc SESSION: Esc, then past the wait for an Esc+digit F-key
esc() { tmux_send -t "$1" Escape; sleep 0.6; }
cmd() { send "$1" ':'; sleep 0.1; send "$1" -l "$2"; send "$1" Enter; }
start a tadmin || { not_ok "console starts" "$(tmux_capture a; cat "$T_TMP/a.err")"; exit 1; }

# :staff, in kana order, roles by their labels, the position at the right.
cmd a staff
tmux_wait_for "かんり たろう" 3 && ok ":staff opens" || not_ok ":staff opens" "$(tmux_capture a)"
expect_match "staff: kana order, first row selected" "^▶treader +閲覧 三郎 +えつらん さぶろう +テスト乙課 +閲覧のみ" \
	"$(tmux_capture a | sed -n 3p)"
expect_match "staff: position" "1 / 6$" "$(tmux_capture a | sed -n 22p)"

# Filter as you type: a login prefix, then a kana prefix, then part of the name.
send a /; send a -l tl
tmux_wait_for "2 / 2" 3 2>/dev/null; tmux_wait_for "/tl_" 3
expect_match "filter by login prefix" "1 / 2 +/tl_$" "$(tmux_capture a | sed -n 22p)"
expect_nomatch "filter leaves others out" "tadmin" "$(tmux_capture a | sed -n 3,20p)"
send a C-u; send a -l けん
tmux_wait_for "/けん_" 3
expect_match "filter by kana prefix: one row" "ttrainer" "$(tmux_capture a | sed -n 3p)"
expect_match "filter by kana prefix: count" "1 / 1 +/けん_$" "$(tmux_capture a | sed -n 22p)"
send a C-u; send a -l 花子
tmux_wait_for "/花子_" 3
expect_match "filter by part of the name" "tlead +主任 花子" "$(tmux_capture a | sed -n 3p)"
esc a
i=0; while ! tmux_capture a | sed -n 22p | grep -q "1 / 6$" && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
expect_match "Esc ends the filter" "1 / 6$" "$(tmux_capture a | sed -n 22p)"

# Add through the form: a bad kana is refused beside the field, then saved for real.
send a n
tmux_wait_for "New staff member" 3 || tmux_wait_for "職員の追加" 3
send a -l tnew; send a Tab; send a -l '新規 職員'; send a Tab; send a -l 'shinki'; send a Tab
sleep 0.3
expect_match "kana checked beside the field" "ふりがな \"shinki\"" "$(tmux_capture a | grep -i 'かな\|kana' | head -3)"
send a BTab; send a C-u; send a -l 'しんき しょくいん'; send a Tab
send a -l 甲
tmux_wait_for "テスト甲課" 3
send a Enter
sleep 0.3
send a F2
tmux_wait_for "tnew" 5 && ok "saved member appears in the list" || not_ok "saved member appears in the list" "$(tmux_capture a)"
expect_eq "the new row in the database" "新規 職員|しんき しょくいん|902|readonly" \
	"$(psql_q "SELECT name, kana, dept_id, role FROM staff WHERE login = 'tnew'")"

# A lead may read the list but not change it: the keys that would are not shown (the
# database's refusal of a role change is tests/db's), and pressing them opens nothing.
start b tlead || not_ok "lead's console starts" "$(tmux_capture b)"
cmd b staff
tmux_wait_for "tnew" 3 b
send b /; send b -l tnew; send b Enter
sleep 0.3
expect_match "lead's key bar: no n, e, m, D or K" "^ E 書き出し  / 検索  : コマンド" "$(tmux_capture b | sed -n 23p)"
send b e
sleep 0.3
send b Enter
sleep 0.5
expect_nomatch "lead: e and Enter open no form" "職員の編集" "$(tmux_capture b)"
expect_eq "role unchanged in the database" "readonly" "$(psql_q "SELECT role FROM staff WHERE login = 'tnew'")"

# Two sessions edit one row: the second save shows the conflict dialog with their change.
start c tadmin || not_ok "second admin console starts" "$(tmux_capture c)"
cmd c staff
tmux_wait_for "tnew" 3 c
send c /; send c -l tnew; send c Enter; sleep 0.3; send c e
tmux_wait_for "新規 職員" 3 c
send a /; send a -l tnew; send a Enter; sleep 0.3; send a e
tmux_wait_for "新規 職員" 3 a
send a C-u; send a -l '新規 一郎'; send a F2
tmux_wait_for "保存しました" 3 a || tmux_wait_for "Saved" 1 a
expect_eq "first save in the database" "新規 一郎" "$(psql_q "SELECT name FROM staff WHERE login = 'tnew'")"
send c C-u; send c -l '新規 二郎'; send c F2
tmux_wait_for "他の人が変更しました" 3 c && ok "stale save opens the conflict dialog" || not_ok "stale save opens the conflict dialog" "$(tmux_capture c)"
expect_match "conflict dialog: their name against yours" "新規 一郎.*新規 二郎" "$(tmux_capture c)"
expect_contains "conflict dialog: who saved" "tadmin" "$(tmux_capture c)"
send c r
sleep 0.3
expect_eq "their version kept" "新規 一郎" "$(psql_q "SELECT name FROM staff WHERE login = 'tnew'")"
esc c; send c y; sleep 0.2

# Deactivation from one session ends the other session of that member within seconds.
start d tnew || not_ok "tnew's console starts" "$(tmux_capture d)"
expect_eq "tnew's console is running" "" "$(cat "$T_TMP/d.rc" 2>/dev/null)"
tmux_wait_for "1 / 1" 3 a
send a D
tmux_wait_for "無効にしますか" 3 a && ok "deactivate asks first" || not_ok "deactivate asks first" "$(tmux_capture a)"
send a y
i=0; while [ ! -s "$T_TMP/d.rc" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
[ -s "$T_TMP/d.rc" ] && ok "tnew's session ended within 5 s" || not_ok "tnew's session ended within 5 s" "$(tmux_capture d)"
expect_eq "tnew inactive, history closed" "f|1" \
	"$(psql_q "SELECT s.active, (SELECT count(*) FROM staff_dept_history h WHERE h.staff_id = s.id AND h.to_at IS NOT NULL) FROM staff s WHERE login = 'tnew'")"
tmux_wait_for "無効にしました" 3 a && ok "deactivated message" || not_ok "deactivated message" "$(tmux_capture a)"
expect_match "row marked off" "tnew .* ×" "$(tmux_capture a | sed -n 3p)"

# :audit: newest first; filter by who and action; the detail diff marks the changed fields.
cmd a audit
tmux_wait_for "変更" 3 a && ok ":audit opens" || not_ok ":audit opens" "$(tmux_capture a)"
# (the database ends tnew's sessions in the deactivating transaction, sql/147; the console
# then ends and records it)
expect_match "newest first: tnew's console session ended" "^▶ *[0-9]+ +2[0-9-]+ [0-9:]+ +tnew +出来事 +セッション +tnew" "$(tmux_capture a | sed -n 3p)"
expect_match "then tnew's sign-in session closed by the deactivation (audited)" "^ *[0-9]+ +2[0-9-]+ [0-9:]+ +tnew +出来事 +認証セッション +[0-9]+" "$(tmux_capture a | sed -n 4p)"
expect_match "then the deactivation" "^ *[0-9]+ +2[0-9-]+ [0-9:]+ +tadmin +変更 +職員 +[0-9]+" "$(tmux_capture a | sed -n 5p)"
send a /; send a -l 'who:tadmin action:insert table:staff'; send a Enter
sleep 0.5
expect_match "filter: one INSERT by tadmin" "1 / 1 +/who:tadmin action:insert" "$(tmux_capture a | sed -n 22p)"
expect_match "filter: the row" "tadmin +追加 +職員" "$(tmux_capture a | sed -n 3p)"
send a C-u
send a /; send a C-u; send a -l 'who:tadmin action:update table:staff'; send a Enter; sleep 0.5
send a j; sleep 0.3; send a Enter
tmux_wait_for "変更前" 3 a && ok "detail opens" || not_ok "detail opens" "$(tmux_capture a)"
expect_match "detail: name changed, marked" "^\* 名称 +新規 職員 +新規 一郎" "$(tmux_capture a | grep '名称 ')"
expect_match "detail: kana unchanged, not marked" "^  ふりがな +しんき しょくいん +しんき しょくいん" "$(tmux_capture a | grep '^  ふりがな ')"
expect_match "detail: changed count" "項目、変更 2$" "$(tmux_capture a | sed -n 22p)"
send a q; sleep 0.3

# :depts: the tree (部 then its 課), the IT flag; rename keeps the old name in the audit trail.
psql -qX -c "INSERT INTO department (id, code, name, parent_id) VALUES (904, 'T-A1', 'テスト甲係', 902)" >/dev/null
cmd a depts
tmux_wait_for "テスト甲係" 3 a && ok ":depts opens" || not_ok ":depts opens" "$(tmux_capture a)"
expect_match "depts: IT flag" "テスト情報課 +T-IT +◎" "$(tmux_capture a)"
expect_match "depts: child under its parent" "テスト甲課.*
.*└ テスト甲係" "$(tmux_capture a | sed -n 3,8p | tr -d '\r')"
send a /; send a -l T-A1; send a Enter; sleep 0.3; send a e
tmux_wait_for "所属名の変更" 3 a
send a C-u; send a -l 'テスト丙係'; send a F2
tmux_wait_for "名前を変更しました" 3 a && ok "rename saved" || not_ok "rename saved" "$(tmux_capture a)"
expect_eq "rename in the database, old name in the audit trail" "テスト丙係|テスト甲係" \
	"$(psql_q "SELECT d.name, (SELECT before->>'name' FROM audit_log WHERE tbl = 'department' AND key = '904' AND action = 'UPDATE' ORDER BY id DESC LIMIT 1) FROM department d WHERE id = 904")"

# :keys: your own keys; a DSA key refused beside the field; an ed25519 key added with
# the fingerprint ssh-keygen prints; revoke with a reason.
if command -v ssh-keygen >/dev/null 2>&1; then
	ssh-keygen -q -t ed25519 -N '' -C 'admin@test' -f "$T_TMP/k1" >/dev/null
	fp=$(ssh-keygen -lf "$T_TMP/k1.pub" | awk '{print $2}')
	cmd a keys
	tmux_wait_for "tadmin  管理 太郎" 3 a && ok ":keys opens on your own keys" || not_ok ":keys opens on your own keys" "$(tmux_capture a)"
	send a n
	tmux_wait_for "公開鍵" 3 a
	send a -l 'ssh-dss AAAAB3NzaC1kc3MAAACBAP'; send a F2
	sleep 0.5
	expect_match "DSA refused beside the field" "(DSA|dss)" "$(tmux_capture a | sed -n 2,12p)"
	send a C-u; send a -l "$(cat "$T_TMP/k1.pub")"; send a F2
	tmux_wait_for "鍵を追加しました" 3 a && ok "key added" || not_ok "key added" "$(tmux_capture a)"
	expect_contains "fingerprint as ssh-keygen -l prints it" "tadmin  管理 太郎  $fp" "$(tmux_capture a | sed -n 2p)"
	expect_eq "key in the database" "$fp|tadmin" \
		"$(psql_q "SELECT k.fingerprint, s.login FROM ssh_key k JOIN staff s ON s.id = k.staff_id WHERE k.comment = 'admin@test'")"
	send a r
	tmux_wait_for "鍵の失効" 3 a
	send a -l 'laptop lost'; send a F2
	tmux_wait_for "失効させますか" 3 a && ok "revoke asks first, naming the key" ||
		not_ok "revoke asks first" "$(tmux_capture a)"
	expect_eq "nothing revoked before yes" "" "$(psql_q "SELECT revoked_at FROM ssh_key WHERE comment = 'admin@test'")"
	send a y
	tmux_wait_for "鍵を失効させました" 3 a && ok "key revoked" || not_ok "key revoked" "$(tmux_capture a)"
	expect_eq "revoked with the reason" "laptop lost" \
		"$(psql_q "SELECT revoke_reason FROM ssh_key WHERE comment = 'admin@test'")"
else
	ok "# SKIP no ssh-keygen"
fi

# K on :staff opens :keys on the selected member (passed as the screen's argument, not
# through a global): again on another member, that member; :keys typed, your own.
cmd a staff
tmux_wait_for "かんり たろう" 3 a
send a /; send a C-u; send a -l tlead; send a Enter; sleep 0.3
send a K
tmux_wait_for "tlead  主任 花子" 3 a && ok "K: :keys on the selected member" || not_ok "K: :keys on the selected member" "$(tmux_capture a)"
cmd a staff
tmux_wait_for "/tlead" 3 a
send a /; send a C-u; send a -l treader; send a Enter; sleep 0.3
send a K
tmux_wait_for "treader  閲覧 三郎" 3 a && ok "K again on another member: :keys on that one" ||
	not_ok "K again on another member: :keys on that one" "$(tmux_capture a)"
send a q
sleep 0.3
cmd a keys
tmux_wait_for "tadmin  管理 太郎" 3 a && ok ":keys typed afterwards: your own keys" || not_ok ":keys typed afterwards: your own keys" "$(tmux_capture a)"
# :keys open below :staff (dash, keys, staff): K opens it anew on the member, not the
# :keys that was open on your own
send a q; sleep 0.2; send a q; sleep 0.2
cmd a keys
tmux_wait_for "tadmin  管理 太郎" 3 a
cmd a staff
tmux_wait_for "かんり たろう" 3 a
send a /; send a C-u; send a -l tlead; send a Enter; sleep 0.3
send a K
tmux_wait_for "tlead  主任 花子" 3 a && ok "K with :keys open below: :keys on the member" ||
	not_ok "K with :keys open below: :keys on the member" "$(tmux_capture a)"
send a q
sleep 0.3
expect_contains "... q from there: the dashboard (one :keys, not two)" "ダッシュボード" "$(tmux_capture a | sed -n 1p)"
