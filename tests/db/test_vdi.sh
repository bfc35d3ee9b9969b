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
	out=$("$RASHIN" -c "$CONF" vdi "$@" --as "$as" 2>&1); rc=$?
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
expect_match "367 days: the reason names length and maximum" "2026-04-01..2027-04-02 is 367 days, longer than the maximum of 366 days \(vdi.max_days\)" "$out"
sed 's/max_days = 366/max_days = 30/' "$CONF" > "$T_TMP/short.conf"
out=$("$RASHIN" -c "$T_TMP/short.conf" vdi request --reason r --work w --from R8.4.1 --to 令和8年5月1日 --declare-no-personal-data --as tuser 2>&1); rc=$?
expect_match "configured maximum (30 days) reaches the database" "is 31 days, longer than the maximum of 30 days" "$out"
v tuser request $REQ --to 2026-02-30 --declare-no-personal-data
expect_eq "impossible date: usage error" 2 "$rc"
expect_match "impossible date: named" "--to: .*2026-02-30.*no such day" "$out"
v tuser request $REQ --to 2026-03-01 --declare-no-personal-data
expect_match "period ends before it starts: refused" "ends \(2026-03-01\) before it starts \(2026-04-01\)" "$out"
v tuser request --work w --from 2026-04-01 --to 2026-05-01 --declare-no-personal-data
expect_eq "no reason: usage error" 2 "$rc"
v tlead request $REQ --to 2026-09-30 --declare-no-personal-data --for tuser2
expect_eq "a lead requests for someone else: refused" 1 "$rc"
expect_match "... as permission denied" "permission denied" "$out"
expect_eq "refusals left no row" 2 "$(q "SELECT count(*) FROM vdi_request")"
# In the database itself, whatever the client: declaration, default limit (366).
app() { PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT set_config('rashin.staff_id', '$1', true)" -c "$2" -c "COMMIT" 2>&1 | sed '1d'; }
out=$(app 911 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (911, 'r', 'w', false, '2026-04-01', '2026-05-01')")
expect_match "database: declaration enforced" "declaration .* is missing" "$out"
out=$(app 911 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (911, 'r', 'w', true, '2026-04-01', '2027-06-01')")
expect_match "database: 366 days when no maximum is passed" "is 427 days, longer than the maximum of 366 days" "$out"
out=$(app 911 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to, state) VALUES (911, 'r', 'w', true, '2026-04-01', '2026-05-01', 'approved')")
expect_match "database: a new request cannot start approved" "a new request starts in state requested" "$out"

# --- Approval: manager step, then IT ------------------------------------------------
v tadmin approve 1
expect_eq "IT approval before the manager's: refused" 1 "$rc"
expect_match "... saying the manager's approval comes first" "request 1: the manager's approval must be recorded first \(state requested\)" "$out"
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
expect_match "manager step twice: refused" "already recorded \(state manager_approved\)" "$out"
v tadmin provision 1 --username vdi-tuser --pool pool-general
expect_match "provision before IT approval: refused" "provisioning needs an approved request \(state manager_approved\)" "$out"
out=$(app 901 "UPDATE vdi_request SET approved_by = 901, version = 2 WHERE id = 1")
expect_match "approvals cannot be written by hand" "approvals are recorded only by the approval steps" "$out"
v tadmin approve 1 --comment 承認
expect_eq "IT approval" "0 approved 1" "$rc $out"
expect_eq "... stamped" "approved|901|承認" "$(q "SELECT state || '|' || approved_by || '|' || approve_comment FROM vdi_request WHERE id = 1")"
v tadmin approve 1
expect_match "approve an approved request: refused" "request 1: already approved" "$out"
v tadmin reject 1 --reason x
expect_match "reject an approved request: refused" "request 1: already approved" "$out"
out=$(app 901 "UPDATE vdi_request SET period_to = '2027-01-31', version = 4 WHERE id = 1")
expect_match "an approved request's period is fixed" "request 1: already approved; nothing more can happen" "$out"
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
expect_match "approve a rejected request: refused" "request 2: already rejected" "$out"
v tadmin approve 99
expect_match "unknown request: named" "VDI request 99: no such request, or not one you may see" "$out"
v tadmin approve abc
expect_eq "bad id: usage" 2 "$rc"
expect_eq "events: who did what, in order" "request.requested|911|2026-04-01..2027-03-31
request.manager_approved|901|課長了承済み
request.approved|901|承認" "$(q "SELECT event || '|' || actor_id || '|' || detail FROM vdi_event WHERE request_id = 1 ORDER BY id")"

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
expect_match "provision twice: refused" "request 1: already provisioned" "$out"
v tadmin provision "$aid" --username vdi-tuser --pool pool-general
expect_match "username taken: refused" "VDI username vdi-tuser: is already in use" "$out"
v tadmin list --csv --today 2026-11-25
expect_match "list: state, period, days left, MFA" "^1,tuser,青木 翔,active,2026-04-01,2027-03-31,126,none,vdi-tuser,pool-general," "$out"
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
