#!/bin/sh
# Staff, departments and keys administration through the commands (as `ssh host CMD` runs
# them), with the database deciding who may do what; the audit trail over the command layer.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
r() { as=$1; shift; LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" "$@" --as "$as"; }
rja() { as=$1; shift; LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" "$@" --as "$as"; }

# Adding staff: rules checked with messages; only admins.
out=$(r tadmin staff add Bad --name x --kana かな --dept T-A 2>&1); rc=$?
expect_eq "bad login refused" "1 rashin: staff add: login \"Bad\": 2-32 characters starting with a-z" "$rc $out"
out=$(r tadmin staff add good --name 良 --kana yoshi --dept T-A 2>&1)
expect_eq "bad kana refused" "rashin: staff add: kana \"yoshi\": hiragana or katakana (and spaces) only" "$out"
out=$(r tadmin staff add good --name 良 --kana よし --dept NOPE 2>&1)
expect_eq "unknown department refused" "rashin: staff add: no department with that code (see: depts list)" "$out"
out=$(r tlead staff add good --name 良 --kana よし --dept T-A 2>&1); rc=$?
expect_eq "lead cannot add staff (database refuses)" "1 rashin: staff add: Refused: only IT staff (administrators) may change this; roles only by an administrator" "$rc $out"
check "admin adds staff" r tadmin staff add yoshida --name "吉田 陸" --kana "よしだ りく" --dept T-A --role lead
expect_eq "added row" "吉田 陸|lead|902" "$(psql_q "SELECT name || '|' || role || '|' || dept_id FROM staff WHERE login = 'yoshida'")"
out=$(r tadmin staff add yoshida --name x --kana よし --dept T-A 2>&1)
expect_eq "duplicate login refused" "rashin: staff add: yoshida: already exists" "$out"
long=$(printf '%0150d' 0)
out=$(r tadmin staff add longname --name "$long" --kana よし --dept T-A 2>&1); rc=$?
expect_eq "a name over 100 characters: the real reason, not a missing department" \
	"1 rashin: staff add: name: too long (150 characters, at most 100)" "$rc $out"

# A filter on something that does not exist says so (exit 1), not an empty list.
out=$(r tadmin staff list --dept BOGUS 2>&1); rc=$?
expect_eq "staff list --dept BOGUS: named, exit 1" \
	"1 rashin: staff list: --dept BOGUS: no department with that code (see: depts list)" "$rc $out"
out=$(rja tadmin staff list --dept BOGUS 2>&1); rc=$?
expect_match "... in Japanese" "^rashin: staff list: --dept BOGUS: .*所属コード" "$out"
out=$(r tadmin staff list --role boss 2>&1); rc=$?
expect_eq "staff list --role boss: named, exit 1" \
	"1 rashin: staff list: role \"boss\": one of admin, lead, trainer, auditor, readonly" "$rc $out"
expect_match "staff list --dept T-A still lists" "yoshida" "$(r tadmin staff list --dept T-A)"

# Bad values for a department: the rule's reason (its own SQLSTATE), never PostgreSQL's
# check-constraint text nor "no parent department".
out=$(r tadmin depts add 'bad code!' 新課 2>&1); rc=$?
expect_eq "depts add with a bad code: the reason" \
	"1 rashin: depts add: a department code is 1-32 letters, digits, _ or -" "$rc $out"
out=$(rja tadmin depts add 'bad code!' 新課 2>&1)
expect_eq "... in Japanese" "rashin: depts add: 所属コードは英数字・_・- の 1〜32 文字です" "$out"
out=$(r tadmin depts add T-NEW "$(printf '%0101d' 0)" 2>&1); rc=$?
expect_eq "depts add with a name too long: the reason" \
	"1 rashin: depts add: a department name is 1-100 characters" "$rc $out"
out=$(r tadmin depts add T-NEW 新課 NOPE 2>&1); rc=$?
expect_eq "depts add with a parent that does not exist: that reason" \
	"1 rashin: depts add: no parent department with that code" "$rc $out"
expect_eq "nothing added" 0 "$(psql_q "SELECT count(*) FROM department WHERE code IN ('T-NEW', 'bad code!')")"

# Moving keeps history; deactivation revokes keys and VDI accounts, keeps the row.
check "move to another department" r tadmin staff move yoshida T-B
expect_eq "department history kept" "2" "$(psql_q "SELECT count(*) FROM staff_dept_history h JOIN staff s ON s.id = h.staff_id WHERE s.login = 'yoshida'")"
expect_match "staff show lists the history" "テスト甲課.*[0-9]{4}-[0-9]{2}-[0-9]{2}" "$(r tadmin staff show yoshida)"
ssh-keygen -q -t ed25519 -N '' -C "yoshida@pc" -f "$T_TMP/y_key" </dev/null
out=$(r tadmin keys add yoshida < "$T_TMP/y_key.pub" 2>&1)
fp=$(ssh-keygen -lf "$T_TMP/y_key.pub" | awk '{print $2}')
expect_eq "admin adds a key for someone; fingerprint as ssh-keygen prints it" "added ssh-ed25519 $fp" "$out"
psql_q "INSERT INTO vdi_request (id, staff_id, reason, work_kinds, no_personal_data, period_from, period_to, state) SELECT 901, id, 'r', 'w', true, '2026-04-01', '2027-03-31', 'approved' FROM staff WHERE login = 'yoshida'" >/dev/null
psql_q "INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, valid_from, valid_to) SELECT 901, id, 'vdi-yoshida', 'p', '2026-04-01', '2027-03-31' FROM staff WHERE login = 'yoshida'" >/dev/null
check "deactivate" r tadmin staff deactivate yoshida
expect_eq "still there, inactive" "f" "$(psql_q "SELECT active FROM staff WHERE login = 'yoshida'")"
expect_eq "keys revoked in the same transaction" "staff deactivated" "$(psql_q "SELECT revoke_reason FROM ssh_key WHERE fingerprint = '$fp'")"
expect_eq "VDI account revoked in the same transaction" "revoked" "$(psql_q "SELECT state FROM vdi_account WHERE vdi_username = 'vdi-yoshida'")"
out=$(r tadmin staff deactivate tadmin 2>&1)
expect_eq "the last admin cannot deactivate themselves" "rashin: staff deactivate: Refused: the last active administrator cannot be removed" "$out"
out=$(r tlead staff set tlead --role admin 2>&1)
expect_eq "a lead cannot make themselves admin" "rashin: staff set: Refused: only IT staff (administrators) may change this; roles only by an administrator" "$out"
expect_eq "role unchanged" "lead" "$(psql_q "SELECT role FROM staff WHERE login = 'tlead'")"

# Edits carry a version (the :staff form's store functions): --if-version N writes only if
# the member is still at N; else who changed them, when, and what they are now; exit 1.
check "admin adds staff to edit" r tadmin staff add ito --name "伊藤 一" --kana "いとう はじめ" --dept T-A
v=$(psql_q "SELECT version FROM staff WHERE login = 'ito'")
check "set without a version (the one just read)" r tadmin staff set ito --name "伊藤 二"
out=$(r tadmin staff set ito --name "伊藤 三" --if-version "$v" 2>&1); rc=$?
expect_match "set with a stale version refused: who, when, now" \
	"^1 rashin: staff set: changed by tadmin at 20[0-9-]+ [0-9:]+: now version $((v + 1)) \(伊藤 二, テスト甲課, Read only, active\); nothing was saved$" "$rc $out"
expect_eq "... nothing was saved" "伊藤 二" "$(psql_q "SELECT name FROM staff WHERE login = 'ito'")"
out=$(r tadmin staff set ito --name "伊藤 三" --if-version $((v + 1)) 2>&1); rc=$?
expect_eq "set with the current version writes" "0 staff member changed: ito" "$rc $out"
expect_eq "... the name and the version moved" "伊藤 三 $((v + 2))" "$(psql_q "SELECT name || ' ' || version FROM staff WHERE login = 'ito'")"
out=$(r tadmin staff move ito T-B --if-version "$v" 2>&1); rc=$?
expect_match "move with a stale version refused" "^1 rashin: staff move: changed by tadmin at .*: now version $((v + 2)) " "$rc $out"
expect_eq "... still in its department" "テスト甲課" "$(psql_q "SELECT d.name FROM staff s JOIN department d ON d.id = s.dept_id WHERE login = 'ito'")"
check "move with the current version" r tadmin staff move ito T-B --if-version $((v + 2))
out=$(r tadmin staff deactivate ito --if-version $((v + 2)) 2>&1); rc=$?
expect_match "deactivate with a stale version refused" "^1 rashin: staff deactivate: changed by tadmin at .*: now version $((v + 3)) \(伊藤 三, テスト乙課, " "$rc $out"
expect_eq "... still active" "t" "$(psql_q "SELECT active FROM staff WHERE login = 'ito'")"
check "deactivate with the current version" r tadmin staff deactivate ito --if-version $((v + 3))
expect_eq "... inactive" "f" "$(psql_q "SELECT active FROM staff WHERE login = 'ito'")"
out=$(r tadmin staff set ito --role lead --if-version abc 2>&1); rc=$?
expect_eq "--if-version takes a number (usage)" 2 "$rc"
out=$(r tadmin staff set nobody --name x 2>&1); rc=$?
expect_eq "set: no such member" "1 rashin: staff set: no such staff member you may change" "$rc $out"
out=$(r tadmin staff move nobody T-B 2>&1); rc=$?
expect_eq "move: no such member" "1 rashin: staff move: no such active staff member or department code" "$rc $out"
out=$(r tadmin staff move tlead NOPE 2>&1); rc=$?
expect_eq "move: no such department" "1 rashin: staff move: no such active staff member or department code" "$rc $out"

# Keys: each bad kind refused with its reason; own keys only for non-admins.
ssh-keygen -q -t rsa -b 2048 -N '' -f "$T_TMP/rsa2048" </dev/null
out=$(r tlead keys add < "$T_TMP/rsa2048.pub" 2>&1)
expect_eq "RSA under 3072 bits refused" "rashin: keys add: line 1: RSA key of 2048 bits refused (3072 bits or more)" "$out"
out=$(printf 'ssh-dss AAAAB3NzaC1kc3MAAACBAP== x\n' | r tlead keys add 2>&1)
expect_eq "DSA refused" "rashin: keys add: line 1: DSA keys are refused (weak); use ssh-keygen -t ed25519" "$out"
out=$(printf 'ssh-ed25519 AAAAC3NzaC1yc2EAAAADAQABAAABAQ== x\n' | r tlead keys add 2>&1)
expect_eq "mismatched blob refused" "rashin: keys add: line 1: the key data is not a ssh-ed25519 key" "$out"
out=$(printf 'not a key\n' | r tlead keys add 2>&1)
expect_eq "garbage refused" "rashin: keys add: line 1: key type not is not accepted (ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa of 3072 bits or more)" "$out"
ssh-keygen -q -t ecdsa -b 256 -N '' -f "$T_TMP/ec" </dev/null
check "lead adds own ECDSA key" r tlead keys add < "$T_TMP/ec.pub"
out=$(r tlead keys add < "$T_TMP/ec.pub" 2>&1)
expect_match "duplicate key refused" "is already registered" "$out"
out=$(r tlead keys add tlead2 < "$T_TMP/y_key.pub" 2>&1)
expect_eq "lead cannot add a key for someone else" "rashin: keys add: line 1: permission denied: you may add keys only for yourself" "$out"
ecfp=$(ssh-keygen -lf "$T_TMP/ec.pub" | awk '{print $2}')
expect_contains "keys list shows own key with its fingerprint" "$ecfp" "$(r tlead keys list)"
expect_eq "lead's list holds only their own keys" "1" "$(r tlead keys list --csv | tail -n +2 | grep -c .)"
check "revoke own key with a reason" r tlead keys revoke "$ecfp" "laptop lost"
expect_eq "revocation recorded" "laptop lost" "$(psql_q "SELECT revoke_reason FROM ssh_key WHERE fingerprint = '$ecfp'")"

# Staff import: header names, per-row errors, all-or-nothing, --check, idempotent, CP932.
cat > "$T_TMP/hr.csv" <<'CSV'
ログイン,氏名,ふりがな,所属コード,権限,管理職
sato,佐藤 一,さとう はじめ,T-A,readonly,no
suzuki,鈴木 二郎,スズキ ジロウ,T-B,lead,yes
CSV
out=$(r tadmin staff import "$T_TMP/hr.csv" --check 2>&1)
expect_eq "--check reports and writes nothing" "check only: 2 to add, 0 to update, 0 unchanged, 0 bad; nothing written" "$out"
expect_eq "--check wrote nothing" 0 "$(psql_q "SELECT count(*) FROM staff WHERE login IN ('sato', 'suzuki')")"
expect_eq "import adds" "2 added, 0 updated, 0 unchanged, 0 bad row(s) skipped" "$(r tadmin staff import "$T_TMP/hr.csv" 2>&1)"
expect_eq "re-import is a no-op" "0 added, 0 updated, 2 unchanged, 0 bad row(s) skipped" "$(r tadmin staff import "$T_TMP/hr.csv" 2>&1)"
iconv -f UTF-8 -t CP932 "$T_TMP/hr.csv" | sed 's/佐藤 一/佐藤 一/' > "$T_TMP/hr932.csv"
expect_eq "CP932 file reads the same" "0 added, 0 updated, 2 unchanged, 0 bad row(s) skipped" "$(r tadmin staff import "$T_TMP/hr932.csv" 2>&1)"
cat > "$T_TMP/bad.csv" <<'CSV'
login,name,kana,dept,role
okrow,良 行,りょう こう,T-A,readonly
BadLogin,x,えっくす,T-A,readonly
nokana,名前,namae,T-A,readonly
nodept,名前,なまえ,ZZ,readonly
okrow,重複,ちょうふく,T-A,readonly
badrole,名前,なまえ,T-A,boss
CSV
out=$(r tadmin staff import "$T_TMP/bad.csv" 2>&1); rc=$?
expect_eq "bad rows: exit 1" 1 "$rc"
expect_match "bad login named with its line" "bad.csv: line 3: login \"BadLogin\": 2-32 characters starting with a-z" "$out"
expect_match "bad kana named with its line" "line 4: kana \"namae\": hiragana or katakana" "$out"
expect_match "unknown department named" "line 5: 所属コード: unknown department code \"ZZ\"" "$out"
expect_match "duplicate login named with the first line" "line 6: ログイン: duplicate login \(also on line 2\)" "$out"
expect_match "bad role named" "line 7: role \"boss\": one of admin" "$out"
expect_match "nothing written is said" "5 bad row\(s\); nothing was written" "$out"
expect_eq "nothing was written" 0 "$(psql_q "SELECT count(*) FROM staff WHERE login = 'okrow'")"
expect_eq "--skip-bad writes the good row" "1 added, 0 updated, 0 unchanged, 5 bad row(s) skipped" "$(r tadmin staff import "$T_TMP/bad.csv" --skip-bad 2>/dev/null)"
printf 'login,name,kana,dept,role\nx1,\377\376,かな,T-A,readonly\n' > "$T_TMP/enc.csv"
out=$(r tadmin staff import "$T_TMP/enc.csv" 2>&1)
expect_match "invalid encoding named with its line" "enc.csv: line 2: invalid text \(neither UTF-8 nor CP932\)" "$out"
out=$(r tlead staff import "$T_TMP/hr.csv" 2>&1); rc=$?
expect_eq "lead import refused by the database" 1 "$rc"
r tadmin staff export > "$T_TMP/export.csv"
expect_eq "export starts with a UTF-8 BOM" "efbbbf" "$(head -c 3 "$T_TMP/export.csv" | od -An -tx1 | tr -d ' ')"
expect_eq "export re-imports unchanged" "0 added, 0 updated, $(psql_q "SELECT count(*) FROM staff WHERE active") unchanged, 0 bad row(s) skipped" "$(r tadmin staff import "$T_TMP/export.csv" 2>&1)"
r tadmin staff export --encoding cp932 > "$T_TMP/export932.csv"
expect_eq "CP932 export converts back to the UTF-8 one" "$(tail -c +4 "$T_TMP/export.csv" | md5sum)" "$(iconv -f CP932 -t UTF-8 "$T_TMP/export932.csv" | md5sum)"

# Japanese UI and labels.
expect_match "whoami in Japanese" "ログイン名 +氏名 +所属 +権限" "$(rja tauditor whoami)"
expect_match "role shown as a label" "評価・監査" "$(rja tauditor whoami)"
expect_eq "csv keeps the code" "tauditor,監査 誠,テスト情報課,auditor" "$(rja tauditor whoami --csv | tail -1 | tr -d '\r')"

# The audit trail over the command layer.
out=$(r tlead audit verify 2>&1); rc=$?
expect_eq "audit verify is for admin/auditor" "1 rashin: audit: permission denied (IT staff and the CIO adviser / DX council only)" "$rc $out"
out=$(r tauditor audit verify); rc=$?
expect_match "auditor verifies the chain" "^0 audit chain intact: [0-9]+ entries checked" "$rc $out"
r tauditor audit anchor > "$T_TMP/anchor"
out=$(r tauditor audit verify --anchor < "$T_TMP/anchor")
expect_match "anchor from standard input found" "anchor [0-9]+ found in the chain" "$out"
expect_match "audit list shows who did what" "tadmin +staff" "$(r tauditor audit list --table staff --limit 5)"
out=$(r tauditor audit export --from R8.1.1 --to 2099-12-31 --json | head -3)
expect_match "audit export as JSON with before/after" "\"before\"" "$out"
out=$(r tauditor audit export --from 2026-02-30 --to 2027-01-01 2>&1); rc=$?
expect_match "bad date named" "no such day" "$rc $out"
