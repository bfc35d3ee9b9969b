#!/bin/sh
# Telework VDI accounts: every transition and every refusal (order, role, declaration,
# period, inactive staff), expiry at the boundary with a pinned date, deactivation
# revoking atomically, TOTP enrolment with codes computed here independently (openssl),
# and the secret never in the audit log, the logs or any output after enrolment.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
KEY=$T_TMP/keys/vdi.key
mkdir -p "$T_TMP/keys"
cat >>"$CONF" <<CONF
vdi: { max_days = 366; key_file = "$KEY"; };
CONF
LOG=$T_TMP/rashin.log

out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "migrate with 030_vdi_ext" 0 "$rc"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || not_ok "vdi fixture loads"
INSERT INTO staff (id, login, name, kana, dept_id, role, is_manager) VALUES
	(910, 'tmgr', '課長 一郎', 'かちょう いちろう', 902, 'readonly', true),
	(911, 'tuser', '青木 翔', 'あおき しょう', 902, 'readonly', false),
	(912, 'tuser2', '石井 真理子', 'いしい まりこ', 902, 'readonly', false),
	(913, 'tuser3', '上田 健', 'うえだ けん', 902, 'readonly', false),
	(914, 'tadmin2', '管理 次郎', 'かんり じろう', 901, 'admin', false);
SQL

v() {	# v LOGIN ARGS...: run `vdi ARGS` as LOGIN; sets out (stdout+stderr) and rc
	as=$1; shift
	out=$(LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" vdi "$@" --as "$as" 2>&1); rc=$?
}
q() { psql_q "$1"; }

expect_eq "the secret column left vdi_account" "" "$(q "SELECT attname FROM pg_attribute WHERE attrelid = 'vdi_account'::regclass AND attname = 'mfa_secret_enc' AND NOT attisdropped")"
expect_eq "vdi_mfa_secret has no audit trigger" 0 "$(q "SELECT count(*) FROM pg_trigger WHERE tgrelid = 'vdi_mfa_secret'::regclass AND tgfoid = 'rs_audit'::regproc")"
expect_eq "vdi_mfa_secret: row-level security forced" "true|true" "$(q "SELECT relrowsecurity || '|' || relforcerowsecurity FROM pg_class WHERE relname = 'vdi_mfa_secret'")"

# --- Requests ---------------------------------------------------------------------
REQ="--reason 在宅での書類審査 --work 事務処理,書類審査 --from 2026-04-01"
v tuser request $REQ --to 2027-03-31 --manager tmgr --device PC-0911 --declare-no-personal-data
expect_eq "request for oneself" "0 requested 1" "$rc $out"
expect_eq "request stored with requester and manager" "911|911|910|PC-0911|requested" \
	"$(q "SELECT staff_id || '|' || requested_by || '|' || manager_id || '|' || device_id || '|' || state FROM vdi_request WHERE id = 1")"
v tuser request $REQ --to 2027-03-31
expect_eq "missing declaration: refused (exit 1)" 1 "$rc"
expect_match "missing declaration: the reason" "declaration that no 特定個人情報 .* is missing" "$out"
v tuser request $REQ --to 2027-04-01 --declare-no-personal-data
expect_eq "366 days (the maximum): accepted" "0 requested 2" "$rc $out"
v tuser request $REQ --to 2027-04-02 --declare-no-personal-data
expect_eq "367 days: refused" 1 "$rc"
expect_match "367 days: the reason names length and maximum" "longer than the maximum \(vdi.max_days\) \[staff=tuser from=2026-04-01 to=2027-04-02 days=367 max=366\]" "$out"
sed 's/max_days = 366/max_days = 30/' "$CONF" > "$T_TMP/short.conf"
out=$(LANG=en_US.UTF-8 "$RASHIN" -c "$T_TMP/short.conf" vdi request --reason r --work w --from R8.4.1 --to 令和8年5月1日 --declare-no-personal-data --as tuser 2>&1); rc=$?
expect_match "configured maximum (30 days) reaches the database" "longer than the maximum .*days=31 max=30\]" "$out"
v tuser request $REQ --to 2026-02-30 --declare-no-personal-data
expect_eq "impossible date: usage error" 2 "$rc"
expect_match "impossible date: named" "--to: .*2026-02-30.*no such day" "$out"
v tuser request $REQ --to 2026-03-01 --declare-no-personal-data
expect_match "period ends before it starts: refused" "VDI request: the period ends before it starts \[staff=tuser from=2026-04-01 to=2026-03-01\]" "$out"
# The same refusal in Japanese: the database's constant message through po/ja.po, the
# values after it (sql/070_messages.sql, backend/store/db.c).
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" vdi request $REQ --to 2026-03-01 --declare-no-personal-data --as tuser 2>&1)
expect_match "ja: the database's refusal in Japanese" "VDI申請: 利用期間の終了日が開始日より前です \[staff=tuser from=2026-04-01 to=2026-03-01\]" "$out"
expect_nomatch "ja: no English left of it" "ends before it starts" "$out"
v tuser request --work w --from 2026-04-01 --to 2026-05-01 --declare-no-personal-data
expect_eq "no reason: usage error" 2 "$rc"
v tlead request $REQ --to 2026-09-30 --declare-no-personal-data --for tuser2
expect_eq "a lead requests for someone else: refused" 1 "$rc"
expect_match "... as permission denied" "permission denied" "$out"
expect_eq "refusals left no row" 2 "$(q "SELECT count(*) FROM vdi_request")"
# In the database itself, whatever the client: declaration, default limit (366).
app() { PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of $1)', true)" -c "$2" -c "COMMIT" 2>&1 | sed '1d'; }
out=$(app 911 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (911, 'r', 'w', false, '2026-04-01', '2026-05-01')")
expect_match "database: declaration enforced" "declaration .* is missing" "$out"
out=$(app 911 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (911, 'r', 'w', true, '2026-04-01', '2027-06-01')")
expect_match "database: 366 days when no maximum is passed" "DETAIL: +staff=tuser from=2026-04-01 to=2027-06-01 days=427 max=366" "$out"
out=$(app 911 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to, state) VALUES (911, 'r', 'w', true, '2026-04-01', '2026-05-01', 'approved')")
expect_match "database: a new request cannot start approved" "a new request starts in state requested" "$out"

# --- Approval: manager step, then IT ------------------------------------------------
v tadmin approve 1
expect_eq "IT approval before the manager's: refused" 1 "$rc"
expect_match "... saying the manager's approval comes first" "the manager's approval must be recorded first \[request=1 state=requested\]" "$out"
v tmgr approve 1 --manager
expect_eq "the named manager (readonly role) cannot record approvals" 1 "$rc"
v tlead approve 1 --manager
expect_eq "a lead cannot approve" 1 "$rc"
v ttrainer approve 1 --manager
expect_eq "a trainer cannot approve" 1 "$rc"
expect_match "... it cannot even see the request" "no such request, or not one you may see" "$out"
v tuser approve 1 --manager
expect_eq "the requester cannot approve their own request" 1 "$rc"
expect_match "... with the database's reason" "only IT staff \(role admin\) may record approvals" "$out"
expect_eq "still requested" requested "$(q "SELECT state FROM vdi_request WHERE id = 1")"
v tadmin approve 1 --manager --comment 課長了承済み
expect_eq "manager approval recorded by IT" "0" "$rc"
expect_eq "... who, when, comment stamped" "manager_approved|901|true|課長了承済み" \
	"$(q "SELECT state || '|' || manager_by || '|' || (manager_at IS NOT NULL) || '|' || manager_comment FROM vdi_request WHERE id = 1")"
v tadmin approve 1 --manager
expect_match "manager step twice: refused" "already recorded \[request=1 state=manager_approved\]" "$out"
v tadmin provision 1 --username vdi-tuser --pool pool-general
expect_match "provision before IT approval: refused" "provisioning needs an approved request \[request=1 state=manager_approved\]" "$out"
out=$(app 901 "UPDATE vdi_request SET approved_by = 901, version = 2 WHERE id = 1")
expect_match "approvals cannot be written by hand" "approvals are recorded only by the approval steps" "$out"
v tadmin approve 1 --comment 承認
expect_eq "IT approval" "0 approved 1" "$rc $out"
expect_eq "... stamped" "approved|901|承認" "$(q "SELECT state || '|' || approved_by || '|' || approve_comment FROM vdi_request WHERE id = 1")"
v tadmin approve 1
expect_match "approve an approved request: refused" "already decided; nothing more can happen to it .*\[request=1 state=approved\]" "$out"
v tadmin reject 1 --reason x
expect_match "reject an approved request: refused" "already decided; nothing more can happen to it .*\[request=1 state=approved\]" "$out"
out=$(app 901 "UPDATE vdi_request SET period_to = '2027-01-31', version = 4 WHERE id = 1")
expect_match "an approved request's period is fixed" "DETAIL: +request=1 state=approved" "$out"
# Four eyes: an admin's own request needs another admin's IT approval.
v tadmin request $REQ --to 2026-09-30 --declare-no-personal-data
aid=$(printf '%s' "$out" | awk '{print $2}')
v tadmin approve "$aid" --manager
v tadmin approve "$aid"
expect_match "IT approval of one's own request: refused" "cannot give IT approval to your own request" "$out"
v tadmin2 approve "$aid"
expect_eq "another admin approves it" 0 "$rc"
# Rejection with a reason the requester reads.
v tadmin reject 2
expect_eq "reject without a reason: usage" 2 "$rc"
v tadmin reject 2 --reason 期間が長すぎます
expect_eq "reject" "0 rejected 2" "$rc $out"
v tuser list --csv
expect_match "the requester reads the rejection and its reason" "^2,tuser,青木 翔,rejected,2026-04-01,2027-04-01,,,,,期間が長すぎます" "$out"
v tadmin approve 2 --manager
expect_match "approve a rejected request: refused" "already decided; .*\[request=2 state=rejected\]" "$out"
v tadmin approve 99
expect_match "unknown request: named" "VDI request 99: no such request, or not one you may see" "$out"
v tadmin approve abc
expect_eq "bad id: usage" 2 "$rc"
expect_eq "events: who did what, in order" "request.requested|911|2026-04-01..2027-03-31
request.manager_approved|901|課長了承済み
request.approved|901|承認" "$(q "SELECT event || '|' || actor_id || '|' || detail FROM vdi_event WHERE request_id = 1 ORDER BY id")"

out=$(app 902 "INSERT INTO vdi_event (request_id, event, actor_id) VALUES (1, 'request.approved', 902)")
expect_match "a lead cannot write a fake event" "row-level security" "$out"
out=$(app 901 "UPDATE vdi_event SET detail = 'x' WHERE request_id = 1")
expect_match "events are append-only, even for admins" "permission denied" "$out"

# --- Provisioning and the account's states ------------------------------------------
v tadmin provision 1 --username 'bad user' --pool p
expect_match "bad VDI username: named" "VDI username bad user: use 1-64 of" "$out"
v tlead provision 1 --username vdi-tuser --pool pool-general
expect_eq "a lead cannot provision" 1 "$rc"
v tadmin provision 1 --username vdi-tuser --pool pool-general
expect_eq "provision" "0 provisioned 1 vdi-tuser" "$rc $out"
expect_eq "account takes the request's period, provisioned by IT" "911|2026-04-01|2027-03-31|active|none|901" \
	"$(q "SELECT staff_id || '|' || valid_from || '|' || valid_to || '|' || state || '|' || mfa_state || '|' || provisioned_by FROM vdi_account WHERE request_id = 1")"
v tadmin provision 1 --username vdi-tuser-b --pool pool-general
expect_match "provision twice: refused" "VDI request: already provisioned \[request=1\]" "$out"
v tadmin provision "$aid" --username vdi-tuser --pool pool-general
expect_match "username taken: refused" "VDI username vdi-tuser: is already in use" "$out"
v tadmin list --csv --today 2026-11-25
expect_match "list: state, period, days left, MFA" "^1,tuser,青木 翔,active,2026-04-01,2027-03-31,126,none,vdi-tuser,pool-general," "$out"
# 有効 only within the period: 予定 before it starts, 期限切れ after it ends (sql/130)
v tadmin list --csv --today 2026-03-15
expect_match "list before the period: scheduled, not active" "^1,tuser,青木 翔,scheduled,2026-04-01,2027-03-31," "$out"
v tadmin list --csv --today 2027-04-02
expect_match "list after the period: expired even before the sweep" "^1,tuser,青木 翔,expired,2026-04-01,2027-03-31," "$out"
out=$(RASHIN_TODAY=2026-03-15 LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" vdi list --as tadmin 2>&1)
expect_match "ja: the state label says 予定 before the period (today pinned)" "tuser .*予定" "$out"
expect_eq "... the database still records it active" active "$(q "SELECT state FROM vdi_account WHERE request_id = 1")"
v tadmin list --state scheduled --csv --today 2026-03-15
expect_eq "list --state scheduled" 2 "$(printf '%s\n' "$out" | wc -l)"
v tadmin list --state active --csv
expect_eq "list --state active: one row" 2 "$(printf '%s\n' "$out" | wc -l)"
v tadmin list --state bogus
expect_eq "unknown --state: usage" 2 "$rc"
v tadmin suspend 1
expect_eq "suspend without a reason: usage" 2 "$rc"
v tlead suspend 1 --reason x
expect_eq "a lead cannot suspend" 1 "$rc"
v tadmin resume 1
expect_match "resume an active account: refused" "already active" "$out"
v tadmin suspend 1 --reason 端末点検中
expect_eq "suspend" "0 suspended 1" "$rc $out"
v tadmin suspend 1 --reason again
expect_match "suspend twice: refused" "already suspended" "$out"
v tadmin resume 1
expect_eq "resume" "0 resumed 1" "$rc $out"
expect_eq "resumed: reason cleared" "active|" "$(q "SELECT state || '|' || coalesce(state_reason, '') FROM vdi_account WHERE request_id = 1")"
v tadmin suspend "$aid" --reason x
expect_match "suspend a request with no account: refused" "request $aid: has no account" "$out"
out=$(app 901 "UPDATE vdi_account SET valid_to = '2028-03-31', version = 3 WHERE request_id = 1")
expect_match "an account's validity is fixed (renewal is a new request)" "validity and provisioning are fixed" "$out"

# --- Expiry at the boundary, with the date pinned -----------------------------------
v tuser2 request --reason r --work w --from 2026-04-01 --to 2026-12-10 --declare-no-personal-data
e1=$(printf '%s' "$out" | awk '{print $2}')
v tadmin approve "$e1" --manager; v tadmin approve "$e1"
v tadmin provision "$e1" --username vdi-tuser2 --pool pool-a
expect_eq "second account provisioned" 0 "$rc"
v tuser3 request --reason r --work w --from 2026-04-01 --to 2026-12-09 --declare-no-personal-data
e2=$(printf '%s' "$out" | awk '{print $2}')
v tadmin approve "$e2" --manager; v tadmin approve "$e2"; v tadmin provision "$e2" --username vdi-tuser3 --pool pool-a
v tadmin suspend "$e2" --reason 休職中
v tadmin expiring --days 30 --today 2026-11-25 --csv
expect_eq "expiring within 30 days of 2026-11-25: the active one ending 12-10 (15 days)" "$e1,tuser2,石井 真理子,active,2026-04-01,2026-12-10,15,none,vdi-tuser2,pool-a," "$(printf '%s\n' "$out" | sed -n 2p | tr -d '\r')"
expect_eq "... and nothing else (suspended and far ones left out)" 2 "$(printf '%s\n' "$out" | wc -l)"
v tadmin expiring --days 14 --today 2026-11-25 --csv
expect_eq "not within 14 days" 1 "$(printf '%s\n' "$out" | wc -l)"
v tadmin expiring --days -1
expect_eq "negative --days: usage" 2 "$rc"
v tadmin sweep --today 2026-12-09
expect_eq "sweep on 12-09: nothing expired (last days still valid)" "0 accounts expired: 0" "$rc $out"
v tadmin sweep --today 2026-12-10
expect_eq "sweep on 12-10: the suspended one ending 12-09 expires, the 12-10 one stays" "expired $e2 tuser3 (valid to 2026-12-09)
accounts expired: 1" "$out"
v tadmin expiring --days 0 --today 2026-12-10 --csv
expect_match "on its last day it is listed with 0 days left" "^$e1,tuser2,.*,2026-12-10,0,none," "$out"
v tadmin sweep --today 2026-12-11
expect_eq "sweep on 12-11: the other expires" "expired $e1 tuser2 (valid to 2026-12-10)
accounts expired: 1" "$out"
v tadmin sweep --today 2026-12-11
expect_eq "sweep again: idempotent" "accounts expired: 0" "$out"
expect_eq "expired, with the reason and an event each" "expired|validity ended 2026-12-10|1" \
	"$(q "SELECT a.state || '|' || a.state_reason || '|' || (SELECT count(*) FROM vdi_event e WHERE e.account_id = a.id AND e.event = 'account.expired') FROM vdi_account a WHERE request_id = $e1")"
expect_match "the sweep is logged" "vdi sweep: request $e1 \(tuser2\) expired, valid to 2026-12-10" "$(cat "$LOG")"
v tadmin resume "$e2"
expect_match "expired is final" "already expired or revoked; nothing more can happen to it \[request=[0-9]+ state=expired\]" "$out"
v tlead sweep --today 2026-12-31
expect_eq "a lead's sweep changes nothing" "accounts expired: 0" "$out"
v tadmin sweep --today 2026-13-01
expect_eq "bad --today: usage" 2 "$rc"
grep -q "OnCalendar=" "$ROOT/conf/rashin-vdi-sweep.timer" && grep -q "vdi sweep" "$ROOT/conf/rashin-vdi-sweep.service" &&
	ok "systemd timer and service for the sweep" || not_ok "systemd timer and service for the sweep"

# --- Renewal, and deactivation revoking in the same transaction ---------------------
v tuser2 request --reason 継続 --work w --from 2026-12-11 --to 2027-03-31 --declare-no-personal-data --renews "$e1"
r1=$(printf '%s' "$out" | awk '{print $2}')
expect_eq "renewal linked to the old request" "$e1" "$(q "SELECT renews FROM vdi_request WHERE id = $r1")"
v tuser request --reason r --work w --from 2026-12-11 --to 2027-03-31 --declare-no-personal-data --renews "$e1"
expect_match "renewing someone else's request: refused" "the request being renewed is not theirs \[staff=tuser renews=$e1\]" "$out"
v tadmin approve "$r1" --manager; v tadmin approve "$r1"; v tadmin provision "$r1" --username vdi-tuser2-2 --pool pool-a
v tuser2 request --reason 別件 --work w --from 2027-01-01 --to 2027-03-31 --declare-no-personal-data
r2=$(printf '%s' "$out" | awk '{print $2}')
# A failed transaction changes nothing: the revocation happens with the deactivation or not at all.
PGUSER=rashin_app psql -qXAt -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 901)', true)" \
	-c "UPDATE staff SET active = false, version = 1 WHERE id = 912" -c "SELECT 1 / 0" -c "COMMIT" >/dev/null 2>&1
expect_eq "deactivation rolled back: account still active" active "$(q "SELECT state FROM vdi_account WHERE request_id = $r1")"
out=$(PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 901)', true)" \
	-c "UPDATE staff SET active = false, version = 1 WHERE id = 912" \
	-c "SELECT state || '|' || state_reason FROM vdi_account WHERE request_id = $r1" -c "COMMIT" 2>&1 | sed 1d)
expect_eq "deactivation revokes inside the same transaction" "revoked|staff deactivated" "$out"
expect_eq "... and withdraws the open request" withdrawn "$(q "SELECT state FROM vdi_request WHERE id = $r2")"
expect_eq "... each logged" "account.revoked|901|staff deactivated
request.withdrawn|901|" "$(q "SELECT event || '|' || actor_id || '|' || detail FROM vdi_event WHERE (account_id IS NOT NULL AND request_id = $r1 AND event = 'account.revoked') OR (request_id = $r2 AND event = 'request.withdrawn') ORDER BY id")"
v tadmin request --for tuser2 --reason r --work w --from 2027-01-01 --to 2027-03-31 --declare-no-personal-data
expect_match "request for a deactivated member: refused" "not an active staff member \[staff=tuser2\]" "$out"
v tadmin resume "$r1"
expect_match "a revoked account stays revoked" "already expired or revoked; .*state=revoked\]" "$out"
# Approved but not provisioned when the member leaves: provisioning is refused.
v tuser3 request --reason r --work w --from 2027-01-01 --to 2027-03-31 --declare-no-personal-data
r3=$(printf '%s' "$out" | awk '{print $2}')
v tadmin approve "$r3" --manager; v tadmin approve "$r3"
app 901 "UPDATE staff SET active = false, version = 1 WHERE id = 913" >/dev/null
v tadmin provision "$r3" --username vdi-tuser3-2 --pool p
expect_match "provisioning for a deactivated member: refused" "VDI request: the member is no longer active \[request=$r3\]" "$out"

# --- MFA enrolment -------------------------------------------------------------------
# TOTP computed here with the openssl command, independently of rashin's C code.
totp() {	# totp BASE32 UNIXTIME -> 6 digits
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
expect_eq "shell TOTP agrees with RFC 6238 (t=59)" 287082 "$(totp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 59)"
expect_eq "shell TOTP agrees with RFC 6238 (t=1234567890)" 005924 "$(totp GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ 1234567890)"

v tadmin mfa confirm 1 123456
expect_match "confirm before start: refused" "no MFA enrolment in progress \(MFA state none\)" "$out"
v tlead mfa start 1
expect_eq "a lead cannot start an enrolment" 1 "$rc"
expect_eq "... and no secret was stored" 0 "$(q "SELECT count(*) FROM vdi_mfa_secret")"
v tadmin mfa start "$e1"
expect_match "enrolment of an expired account: refused" "needs an active account without MFA enrolled \[request=[0-9]+ state=expired mfa=none\]" "$out"
v tadmin mfa start 1
expect_eq "start" 0 "$rc"
expect_eq "key file made on first use, mode 600" "600 32" "$(stat -c '%a %s' "$KEY")"
start_out=$out
expect_match "the QR code is drawn (half blocks, finder pattern)" "█▀▀▀▀▀█ .* █▀▀▀▀▀█" "$out"
qr=$(printf '%s\n' "$out" | sed -n '/^Scan this code/,/^If it cannot/p' | sed '1d;$d')
expect_eq "QR: 23 rows of 45 columns (fits 80x24)" "23 45" "$(printf '%s\n' "$qr" | wc -l) $(($(printf '%s' "$(printf '%s\n' "$qr" | head -1)" | wc -m)))"
SECRET=$(printf '%s\n' "$out" | sed -n '/enter this key:/{n;p;}' | tr -d ' ')
expect_match "base32 fallback: 32 characters" "^[A-Z2-7]{32}$" "$SECRET"
expect_eq "pending" pending "$(q "SELECT mfa_state FROM vdi_account WHERE request_id = 1")"
SEALED=$(q "SELECT encode(secret_enc, 'hex') FROM vdi_mfa_secret s JOIN vdi_account a ON a.id = s.account_id WHERE a.request_id = 1")
expect_eq "stored sealed: nonce + 20 bytes + tag" 96 "${#SEALED}"
RAWHEX=$(printf '%s' "$SECRET" | base32 -d | od -An -tx1 | tr -d ' \n')
expect_nomatch "the database holds no plain secret" "$RAWHEX" "$SEALED"
expect_eq "the app role without admin reads no secret" 0 "$(app 904 "SELECT count(*) FROM vdi_mfa_secret")"
now=$(date +%s)
bad=$(totp "$SECRET" $((now - 300)))
v tadmin mfa confirm 1 "$bad"
expect_match "a code from 5 minutes ago: refused" "the code does not match; .* \(4 tries left\)" "$out"
v tlead mfa confirm 1 "$(totp "$SECRET" "$(date +%s)")"
expect_eq "a lead cannot confirm" 1 "$rc"
v tadmin mfa confirm 1 "$(totp "$SECRET" $(($(date +%s) - 30)))"
expect_eq "the previous step's code is accepted (+-1 window)" "0 MFA enrolled for request 1" "$rc $out"
expect_eq "enrolled, with the time" "enrolled|true" "$(q "SELECT mfa_state || '|' || (mfa_enrolled_at IS NOT NULL) FROM vdi_account WHERE request_id = 1")"
v tadmin mfa confirm 1 "$(totp "$SECRET" "$(date +%s)")"
expect_match "confirm again: refused" "no MFA enrolment in progress \(MFA state enrolled\)" "$out"
v tadmin mfa start 1
expect_match "start while enrolled: reset first" "needs an active account without MFA enrolled" "$out"
expect_eq "failed and successful confirmations are events" "mfa.started
mfa.confirm_failed
mfa.enrolled" "$(q "SELECT event FROM vdi_event WHERE request_id = 1 AND event LIKE 'mfa.%' ORDER BY id")"

# The secret after enrolment: nowhere in the audit log, the log file or any output.
SEALED_AUDIT=$(q "SELECT count(*) FROM audit_log WHERE coalesce(before::text, '') || coalesce(after::text, '') ILIKE '%' || '$SEALED' || '%' OR coalesce(before::text, '') || coalesce(after::text, '') ILIKE '%' || substr('$SEALED', 25, 40) || '%'")
expect_eq "ciphertext not in audit_log" 0 "$SEALED_AUDIT"
expect_eq "base32 secret not in audit_log" 0 "$(q "SELECT count(*) FROM audit_log WHERE upper(coalesce(before::text, '') || coalesce(after::text, '')) LIKE '%$SECRET%' OR coalesce(before::text, '') || coalesce(after::text, '') LIKE '%$RAWHEX%'")"
expect_eq "MFA changes are audited (vdi_account rows: started, enrolled)" 2 "$(q "SELECT count(*) FROM audit_log WHERE tbl = 'vdi_account' AND action = 'UPDATE' AND after->>'mfa_state' IS DISTINCT FROM before->>'mfa_state'")"
GROUPED=$(printf '%s' "$SECRET" | cut -c1-4)
if grep -q -e "$SECRET" -e "$RAWHEX" -e "$SEALED" "$LOG"; then not_ok "secret not in the log file"; else ok "secret not in the log file"; fi
all=""
for args in "list" "list --json" "list --csv" "show 1" "show 1 --json" "export --format json" "export --format csv" "export --format ldif" "expiring --days 400"; do
	v tadmin $args; all="$all$out"
done
v tauditor list --json; all="$all$out"
v tuser list --json; all="$all$out"
expect_nomatch "secret in no output after enrolment" "$SECRET|$RAWHEX|$SEALED" "$all"
v tadmin mfa reset tuser
expect_eq "reset without a reason: usage" 2 "$rc"
v tadmin mfa reset tuser --reason 端末紛失
expect_eq "reset" "0 MFA reset for request 1" "$rc $out"
expect_eq "reset: state, reason, secret gone" "none|端末紛失|0" "$(q "SELECT mfa_state || '|' || mfa_reason || '|' || (SELECT count(*) FROM vdi_mfa_secret) FROM vdi_account WHERE request_id = 1")"
expect_eq "reset logged with its reason" "mfa.reset|端末紛失" "$(q "SELECT event || '|' || detail FROM vdi_event WHERE request_id = 1 ORDER BY id DESC LIMIT 1")"
v tadmin mfa reset tuser --reason again
expect_match "reset with nothing enrolled: refused" "tuser: no active or suspended VDI account with MFA" "$out"
# Five wrong codes end the enrolment attempt.
v tadmin mfa start 1
S2=$(printf '%s\n' "$out" | sed -n '/enter this key:/{n;p;}' | tr -d ' ')
expect_nomatch "a new enrolment makes a new secret" "$SECRET" "$S2"
for i in 1 2 3 4 5; do v tadmin mfa confirm 1 000000; done
v tadmin mfa confirm 1 "$(totp "$S2" "$(date +%s)")"
expect_match "after 5 wrong codes even the right one is refused" "5 wrong codes: start the enrolment again" "$out"
v tadmin mfa start 1
v tadmin mfa confirm 1 "$(totp "$(printf '%s\n' "$out" | sed -n '/enter this key:/{n;p;}' | tr -d ' ')" "$(date +%s)")"
expect_eq "restarted enrolment confirms" 0 "$rc"
# Key file rules.
chmod 640 "$KEY"
v tadmin mfa reset tuser --reason test
v tadmin mfa start 1
expect_match "group-readable key file: refused, named" "$KEY: the key file may be read by others \(mode 0640\)" "$out"
chmod 600 "$KEY"
v tadmin suspend 1 --reason x
v tadmin mfa start 1
expect_match "enrolment of a suspended account: refused" "needs an active account" "$out"

# --- Export for the VDI side -----------------------------------------------------------
v tadmin export --format csv
expect_match "CSV export: UTF-8 BOM and header" "^$(printf '\357\273\277')username,login,name,pool,valid_from,valid_to,state,mfa,request_id" "$out"
expect_match "CSV export: the account" "^vdi-tuser,tuser,青木 翔,pool-general,2026-04-01,2027-03-31,suspended,none,1" "$out"
v tadmin export --format csv --encoding cp932
expect_eq "CP932 export" "vdi-tuser,tuser,青木 翔" "$(printf '%s\n' "$out" | iconv -f CP932 -t UTF-8 | grep '^vdi-tuser,' | cut -d, -f1-3)"
v tadmin export --format json
expect_match "JSON export" '"username": ?"vdi-tuser"' "$out"
v tadmin export --format ldif
expect_match "LDIF: dn" "^dn: uid=vdi-tuser,ou=vdi,dc=rashin$" "$out"
cn=$(printf '%s\n' "$out" | sed -n '/^dn: uid=vdi-tuser,/,/^$/p' | sed -n 's/^cn:: //p' | base64 -d)
expect_eq "LDIF: a Japanese name is base64 and decodes back" "青木 翔" "$cn"
expect_eq "each export is an audit event (format, count)" '{"format": "ldif", "accounts": 4}' "$(q "SELECT after::text FROM audit_log WHERE action = 'EVENT' AND tbl = 'vdi_account' AND key = 'export' ORDER BY id DESC LIMIT 1")"
v tadmin export --format xml
expect_eq "unknown export format: usage" 2 "$rc"
v tlead export --format csv
expect_eq "a lead exports nothing but their own" 1 "$(printf '%s\n' "$out" | grep -c ',')"

out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" vdi list --state suspended --as tadmin 2>&1)
expect_match "Japanese labels in text output" "^ *1 +tuser +青木 翔 +停止中 +2026-04-01 +2027-03-31 +[0-9]+ +未登録 +vdi-tuser" "$out"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" vdi request --reason r --work w --from 2027-01-01 --to 2027-01-31 --as tuser 2>&1)
expect_eq "Japanese refusal" "rashin: vdi request: 受け付けられません: 特定個人情報を扱わない旨の申告がありません (--declare-no-personal-data)" "$out"

out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "audit chain intact after all of it" 0 "$rc"
