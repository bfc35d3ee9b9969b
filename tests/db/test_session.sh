#!/bin/sh
# Whom a session acts as is the database's to know (sql/140_session.sql): rashin_app cannot
# choose it. A setting it picks (rashin.staff_id, the one the policies read before), a
# forged secret, a closed or expired session's, act as no one; a member's secret acts as
# that member and no other; only the owner and rashin_auth open sessions (rashin_auth only
# for an unrevoked key of the member), opening and closing are audited; a local command
# opens its session as the owner and closes it. And the auditor writes only what README
# says: 2nd evaluations and advice, no VDI request, no SSH key of their own.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"

# as_app SETUP SQL: SETUP, then SQL (its one value printed), in one transaction as rashin_app
as_app() {
	PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "$1" -c "$2" -c "COMMIT" 2>&1 |
		grep -v '^$' | sed '/^SET$/d' | tail -n 1
}
session() { printf "SELECT set_config('rashin.session', '%s', true) IS NULL" "$1"; }
# rows an UPDATE of the admin's own row touched: 1 only for an admin
TOUCH="WITH u AS (UPDATE staff SET name = name WHERE login = 'tadmin' RETURNING 1) SELECT count(*) FROM u"
WHO="SELECT coalesce(rs_staff_id()::text, 'none')"

# The attack of issue 28: rashin_app names the member itself.
expect_eq "SET rashin.staff_id by rashin_app acts as no one" none "$(as_app "SET LOCAL rashin.staff_id = '901'" "$WHO")"
expect_eq "SET rashin.staff_id by rashin_app changes nothing" 0 "$(as_app "SET LOCAL rashin.staff_id = '901'" "$TOUCH")"

ADMIN=$(session_of 901)
expect_match "the owner opens a session: a secret of 64 hex digits" "^[0-9a-f]{64}$" "$ADMIN"
expect_eq "the admin's secret acts as the admin" 901 "$(as_app "$(session "$ADMIN")" "$WHO")"
expect_eq "the admin's secret may write as the admin" 1 "$(as_app "$(session "$ADMIN")" "$TOUCH")"

FORGED=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
expect_eq "a forged secret acts as no one" none "$(as_app "$(session "$FORGED")" "$WHO")"
expect_eq "a forged secret changes nothing" 0 "$(as_app "$(session "$FORGED")" "$TOUCH")"
expect_eq "a secret of another length acts as no one" none "$(as_app "$(session "${ADMIN}0")" "$WHO")"

LEAD=$(session_of 902)
expect_eq "another member's secret acts as that member only" 902 \
	"$(as_app "$(session "$LEAD")" "SET LOCAL rashin.staff_id = '901'; $WHO")"
expect_eq "the lead's secret with the admin's id set changes nothing of the admin's" 0 \
	"$(as_app "$(session "$LEAD"); SET LOCAL rashin.staff_id = '901'" "$TOUCH")"
expect_eq "two sessions, two secrets" 1 "$([ "$ADMIN" != "$LEAD" ] && echo 1)"

# Secrets are not to be had from the database.
expect_eq "only the secret's hash is stored" "1 0" \
	"$(psql_q "SELECT count(*) FILTER (WHERE hash = sha256(convert_to('$ADMIN', 'UTF8'))) || ' ' ||
		count(*) FILTER (WHERE position('$ADMIN' IN row_to_json(s)::text) > 0) FROM rs_session s")"
out=$(as_app "$(session "$ADMIN")" "SELECT count(*) FROM rs_session")
expect_match "rashin_app cannot read the sessions, even as the admin" "permission denied" "$out"
out=$(as_app "$(session "$ADMIN")" "SELECT rs_session_open('tlead', '', 'x', interval '1 hour')")
expect_match "rashin_app cannot open a session" "permission denied for function rs_session_open" "$out"

# rashin_auth opens sessions only for an unrevoked key of an active member, never a local one.
FP=SHA256:sess456789012345678901234567890123456789abc
psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (902, 'ssh-ed25519', 'AAAAsess', '$FP')" >/dev/null
auth() { PGUSER=rashin_auth psql -qXAt -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
expect_match "rashin_auth: a session for the lead's key" "^[0-9a-f]{64}$" \
	"$(auth "SELECT rs_session_open('tlead', '$FP', '192.0.2.1', interval '1 hour')")"
expect_match "rashin_auth: not for another member's key" "not an unrevoked key of tadmin" \
	"$(auth "SELECT rs_session_open('tadmin', '$FP', '192.0.2.1', interval '1 hour')")"
expect_match "rashin_auth: no session without a key (the owner's)" "the owner's to open" \
	"$(auth "SELECT rs_session_open('tadmin', '', 'local', interval '1 hour')")"
expect_match "rashin_auth: reads no table" "permission denied" "$(auth "SELECT count(*) FROM staff")"
psql_q "UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'test' WHERE fingerprint = '$FP'" >/dev/null
expect_match "rashin_auth: not for a revoked key" "not an unrevoked key of tlead" \
	"$(auth "SELECT rs_session_open('tlead', '$FP', '192.0.2.1', interval '1 hour')")"

# An ended session acts as no one: closed at logout, or expired.
expect_eq "logout: the holder closes its session" t "$(as_app "$(session "$LEAD")" "SELECT rs_session_close('$LEAD')")"
expect_eq "a closed session acts as no one" none "$(as_app "$(session "$LEAD")" "$WHO")"
expect_eq "a closed session cannot be closed again" f "$(as_app "$(session "$LEAD")" "SELECT rs_session_close('$LEAD')")"
EXP=$(session_of 901)
psql_q "UPDATE rs_session SET expires_at = now() - interval '1 second' WHERE hash = sha256(convert_to('$EXP', 'UTF8'))" >/dev/null
expect_eq "an expired session acts as no one" none "$(as_app "$(session "$EXP")" "$WHO")"
expect_eq "an expired session changes nothing" 0 "$(as_app "$(session "$EXP")" "$TOUCH")"
expect_eq "the admin's open session still works" 901 "$(as_app "$(session "$ADMIN")" "$WHO")"
out=$(psql_q "SELECT rs_session_open('tadmin', '', 'x', interval '40 days')" 2>&1)
expect_match "a lifetime is bounded" "outside 1 minute .. 31 days" "$out"

expect_eq "opening and closing are audited, with the member" "902 open|902 close" \
	"$(psql_q "SELECT string_agg(staff_id || ' ' || (after->>'event'), '|' ORDER BY id) FROM audit_log
		WHERE tbl = 'rs_session' AND staff_id = 902 AND (after->>'source' = 'test' OR after->>'event' = 'close')
		AND NOT after ? 'reason'")"
expect_eq "... and the session of the key revoked above ended with it (sql/147)" "key revoked" \
	"$(psql_q "SELECT string_agg(after->>'reason', '|') FROM audit_log
		WHERE tbl = 'rs_session' AND staff_id = 902 AND after->>'fingerprint' = '$FP' AND after->>'event' = 'close'")"
check "the audit chain holds" "$RASHIN" -c "$CONF" audit verify

# A local command: the owner opens the member's session, the command closes it.
out=$("$RASHIN" -c "$CONF" whoami --as tadmin 2>&1); rc=$?
expect_match "local command: runs as the member" "^tadmin +管理 太郎" "$out"
expect_eq "local command: exit 0" 0 "$rc"
expect_eq "local command: its session opened and closed" "1 0" \
	"$(psql_q "SELECT count(*) || ' ' || count(*) FILTER (WHERE closed_at IS NULL) FROM rs_session WHERE source = 'local'")"

# The auditor writes only 2nd evaluations and advice (README).
AUD=$(session_of 904)
out=$(as_app "$(session "$AUD")" "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (904, 'r', 'w', true, '2026-04-01', '2026-05-01')")
expect_match "auditor: files no VDI request" "row-level security" "$out"
out=$(as_app "$(session "$AUD")" "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (904, 'ssh-ed25519', 'AAAAaud', 'SHA256:aud3456789012345678901234567890123456789abc')")
expect_match "auditor: adds no SSH key of their own" "row-level security" "$out"
LEAD=$(session_of 902)
expect_eq "lead: adds an SSH key of their own" 1 \
	"$(as_app "$(session "$LEAD")" "WITH i AS (INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (902, 'ssh-ed25519', 'AAAAlead', 'SHA256:lea3456789012345678901234567890123456789abc') RETURNING 1) SELECT count(*) FROM i")"
expect_eq "auditor: still writes a 2nd evaluation" 1 \
	"$(as_app "$(session "$AUD")" "WITH i AS (INSERT INTO evaluation (measure_id, fy) VALUES (901, 2027) RETURNING 1) SELECT count(*) FROM i")"
expect_match "README says so" "auditor reads everything and writes only 2nd evaluations and advice" "$(cat "$ROOT/README.md")"

# The policies read the member once per statement (an InitPlan), not per row.
plan=$(PGUSER=rashin_app psql -qXAt -c "BEGIN" -c "$(session "$ADMIN")" \
	-c "EXPLAIN (COSTS OFF) SELECT * FROM audit_log ORDER BY id DESC LIMIT 30" -c "COMMIT" 2>&1)
expect_match "the session is looked up once per statement (InitPlan)" "InitPlan" "$plan"

