#!/bin/sh
# The schema: migrations (idempotent, checksummed, atomic), constraints, row-level
# security per role, the version guard and the audit chain — all in the database itself.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"

out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "migrate applies everything" 0 "$rc"
expect_match "migrate lists what it applied" "applied sql/001_core.sql" "$out"
n1=$(psql_q "SELECT count(*) FROM schema_migrations")
out=$("$RASHIN" -c "$CONF" migrate 2>&1)
expect_eq "second migrate is a no-op" "database is up to date" "$out"
expect_eq "nothing recorded twice" "$n1" "$(psql_q "SELECT count(*) FROM schema_migrations")"

# An edited, already-applied migration is refused and nothing changes.
cp -r "$ROOT/sql" "$T_TMP/sql"
echo "-- an edit" >> "$T_TMP/sql/002_people.sql"
sed "s|^database: {|database: {\n  sql_dir = \"$T_TMP/sql\";|" "$CONF" > "$T_TMP/edited.conf"
out=$("$RASHIN" -c "$T_TMP/edited.conf" migrate 2>&1); rc=$?
expect_eq "edited migration: exit 1" 1 "$rc"
expect_match "edited migration: named with the reason (in Japanese, the default)" "sql/002_people.sql: 適用済みですが、その後ファイルが変更されています" "$out"
cp "$ROOT/sql/002_people.sql" "$T_TMP/sql/002_people.sql"

# A failing new migration names file and line, and is rolled back whole.
printf 'CREATE TABLE t_partial (x int);\n\nINSERT INTO no_such_table VALUES (1);\n' > "$T_TMP/sql/998_broken.sql"
out=$("$RASHIN" -c "$T_TMP/edited.conf" migrate 2>&1); rc=$?
expect_eq "broken migration: exit 1" 1 "$rc"
expect_match "broken migration: file and line" "998_broken.sql:3: relation \"no_such_table\" does not exist" "$out"
expect_eq "broken migration: rolled back" "" "$(psql_q "SELECT to_regclass('t_partial')")"
rm "$T_TMP/sql/998_broken.sql"

psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"

# Constraints: each bad row is refused.
bad() { if psql -qX -v ON_ERROR_STOP=1 -c "$2" >/dev/null 2>&1; then not_ok "constraint: $1"; else ok "constraint: $1"; fi; }
bad "login lower-case ASCII" "INSERT INTO staff (login, name, kana, dept_id, role) VALUES ('Bad', 'x', 'かな', 901, 'lead')"
bad "login unique" "INSERT INTO staff (login, name, kana, dept_id, role) VALUES ('tadmin', 'x', 'かな', 901, 'lead')"
bad "kana is kana" "INSERT INTO staff (login, name, kana, dept_id, role) VALUES ('kanaerr', 'x', 'kana', 901, 'lead')"
bad "role from the list" "INSERT INTO staff (login, name, kana, dept_id, role) VALUES ('roleerr', 'x', 'かな', 901, 'root')"
bad "staff department exists" "INSERT INTO staff (login, name, kana, dept_id, role) VALUES ('fkerr', 'x', 'かな', 99999, 'lead')"
bad "key fingerprint format" "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (901, 'ssh-ed25519', 'AAAA', 'MD5:xx')"
bad "DSA keys" "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (901, 'ssh-dss', 'AAAA', 'SHA256:0123456789012345678901234567890123456789abc')"
bad "RSA under 3072 bits" "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint, bits) VALUES (901, 'ssh-rsa', 'AAAA', 'SHA256:0123456789012345678901234567890123456789abc', 2048)"
bad "measure status" "UPDATE measure SET status = 'finished' WHERE id = 901"
bad "phase fiscal year range" "INSERT INTO measure_phase (measure_id, phase, fy_from, fy_to) VALUES (901, '実施', 2025, 2027)"
bad "phase years in order" "INSERT INTO measure_phase (measure_id, phase, fy_from, fy_to) VALUES (901, '実施', 2028, 2027)"
bad "kpi value fiscal year" "INSERT INTO kpi (id, measure_id, name) VALUES (901, 901, 'k'); INSERT INTO kpi_value (kpi_id, fy) VALUES (901, 2040)"
bad "evaluation grade" "INSERT INTO evaluation (measure_id, fy, e1_grade) VALUES (901, 2026, 'E')"
bad "2nd evaluation needs the 1st" "INSERT INTO evaluation (measure_id, fy, e2_grade, e2_submitted_at) VALUES (901, 2026, 'A', now())"
bad "migration step status" "UPDATE mig_status SET status = 'finished' WHERE system_id = 901"
bad "migration dates in order" "UPDATE mig_status SET planned_start = '2027-01-01', planned_end = '2026-01-01' WHERE system_id = 901"
bad "special support needs deadline and reason" "UPDATE mig_system SET special_support = true WHERE id = 901"
bad "risk impact 1-5" "INSERT INTO mig_risk (system_id, title, kind, impact) VALUES (901, 't', 'risk', 9)"
bad "risk kind" "INSERT INTO mig_risk (system_id, title, kind) VALUES (901, 't', 'gossip')"
bad "VDI declaration required" "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (902, 'r', 'w', false, '2026-04-01', '2026-05-01')"
bad "VDI period in order" "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (902, 'r', 'w', true, '2026-05-01', '2026-04-01')"
bad "attendance status" "INSERT INTO course_session (id, course_id, fy, starts_at) VALUES (901, 901, 2026, now()); INSERT INTO attendance (session_id, staff_id, status) VALUES (901, 902, 'sleeping')"
bad "session capacity positive" "INSERT INTO course_session (course_id, fy, starts_at, capacity) VALUES (901, 2026, now(), 0)"
bad "course category" "INSERT INTO course (code, title, category) VALUES ('X', 't', 'cooking')"

# Row-level security, as the application role with an identity per transaction.
as_app() {	# as_app STAFF_ID SQL -> prints the result, fails on error
	PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" \
		-c "SELECT set_config('rashin.session', '$(session_of $1)', true)" -c "$2" -c "COMMIT" 2>&1 | sed '1d'
}
app_run() {	# app_run STAFF SQL: command tags printed, exit status of psql
	PGUSER=rashin_app psql -XAt -v ON_ERROR_STOP=1 -c "BEGIN" \
		-c "SELECT set_config('rashin.session', '$(session_of $1)', true)" -c "$2" -c "COMMIT" 2>&1
}
zero_rows() { printf '%s\n' "$1" | grep -qE '^(UPDATE 0|DELETE 0|INSERT 0 0)$'; }
refused() {	# refused NAME STAFF SQL: the write fails or touches no row
	out=$(app_run "$2" "$3"); rc=$?
	if [ $rc -ne 0 ] || zero_rows "$out"; then ok "refused: $1"; else not_ok "refused: $1" "$out"; fi
}
allowed() {	# allowed NAME STAFF SQL: the write succeeds and touches a row
	out=$(app_run "$2" "$3"); rc=$?
	if [ $rc -eq 0 ] && ! zero_rows "$out"; then ok "allowed: $1"; else not_ok "allowed: $1" "$out"; fi
}

allowed "lead updates own department's step" 902 "UPDATE mig_status SET status = 'doing', version = 1 WHERE system_id = 901"
expect_eq "lead's update landed" doing "$(psql_q "SELECT status FROM mig_status WHERE system_id = 901")"
refused "lead updates another department's step" 902 "UPDATE mig_status SET status = 'done' WHERE system_id = 902"
expect_eq "other department's step unchanged" todo "$(psql_q "SELECT status FROM mig_status WHERE system_id = 902")"
refused "lead inserts a risk for another department" 902 "INSERT INTO mig_risk (system_id, title, kind) VALUES (902, 'x', 'risk')"
allowed "lead updates own measure" 902 "UPDATE measure SET status = 'studying' WHERE id = 901"
refused "lead updates another measure" 902 "UPDATE measure SET status = 'done' WHERE id = 902"
refused "lead writes training" 902 "INSERT INTO course (code, title, category) VALUES ('L1', 'x', 'other')"
allowed "trainer writes training" 903 "INSERT INTO course (code, title, category) VALUES ('T1', '研修', 'other')"
refused "trainer writes migration" 903 "UPDATE mig_status SET status = 'done' WHERE system_id = 901"
refused "trainer writes the plan" 903 "UPDATE measure SET status = 'done' WHERE id = 901"
refused "auditor writes migration" 904 "UPDATE mig_status SET status = 'done' WHERE system_id = 901"
refused "auditor adds staff" 904 "INSERT INTO staff (login, name, kana, dept_id, role) VALUES ('zz', 'x', 'かな', 901, 'admin')"
refused "readonly writes a measure" 906 "UPDATE measure SET status = 'done' WHERE id = 902"
refused "no identity reads staff" "" "UPDATE staff SET name = 'x' WHERE id = 901"
expect_eq "no identity sees no staff" 0 "$(as_app '' 'SELECT count(*) FROM staff')"
expect_eq "no identity sees no audit log" 0 "$(as_app '' 'SELECT count(*) FROM audit_log')"
expect_eq "lead sees no audit log" 0 "$(as_app 902 'SELECT count(*) FROM audit_log')"
allowed "admin writes anything" 901 "UPDATE mig_status SET status = 'done', version = 1 WHERE system_id = 902"
allowed "lead writes a 1st evaluation of own measure" 902 "INSERT INTO evaluation (measure_id, fy, e1_grade, e1_submitted_at) VALUES (901, 2026, 'B', now())"
refused "lead writes a 2nd evaluation" 902 "UPDATE evaluation SET e2_grade = 'A', e2_submitted_at = now() WHERE measure_id = 901"
allowed "auditor writes the 2nd evaluation" 904 "UPDATE evaluation SET e2_grade = 'A', e2_submitted_at = now(), version = 1 WHERE measure_id = 901"
refused "1st evaluation fixed after the 2nd" 901 "UPDATE evaluation SET e1_grade = 'C' WHERE measure_id = 901"
allowed "admin publishes" 901 "UPDATE evaluation SET published_at = now(), published_by = 901, version = 2 WHERE measure_id = 901"
refused "published evaluation is read-only" 901 "UPDATE evaluation SET e2_findings = 'x' WHERE measure_id = 901"
refused "app role deletes audit entries" 901 "DELETE FROM audit_log"
refused "app role edits audit entries" 901 "UPDATE audit_log SET tbl = 'x'"
refused "the last admin cannot be deactivated" 901 "UPDATE staff SET active = false WHERE id = 901"

# The version guard: a save with a stale version is refused with RS001.
out=$(as_app 901 "UPDATE mig_system SET notes = 'a', version = 1 WHERE id = 901")
out=$(PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "BEGIN" \
	-c "SELECT set_config('rashin.session', '$(session_of 901)', true)" \
	-c "UPDATE mig_system SET notes = 'b', version = 1 WHERE id = 901" 2>&1)
expect_match "stale version refused with RS001" "RS001.*stale version" "$out"
expect_eq "stale save changed nothing" "a" "$(psql_q "SELECT notes FROM mig_system WHERE id = 901")"

# A login (rs_auth_key, as the login path calls it: the app role, no identity yet) records
# its key's use at most once a minute (sql/090): a second login within the minute is no
# audited write; one after the minute is; a revoked key or an inactive member gets no row.
psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (902, 'ssh-ed25519', 'AAAAuse', 'SHA256:use3456789012345678901234567890123456789abc')" >/dev/null
login_key() { PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "SELECT staff_id || '|' || fingerprint FROM rs_auth_key('$1', 'ssh-ed25519', '$2')"; }
key_audits() { psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'ssh_key' AND key = (SELECT id::text FROM ssh_key WHERE key_b64 = 'AAAAuse')"; }
a0=$(key_audits)
expect_eq "login with a key: its member and fingerprint" "902|SHA256:use3456789012345678901234567890123456789abc" "$(login_key tlead AAAAuse)"
used1=$(psql_q "SELECT last_used FROM ssh_key WHERE key_b64 = 'AAAAuse'")
[ -n "$used1" ] && ok "the first login records the key's use" || not_ok "the first login records the key's use"
expect_eq "the first login: one audited write" $((a0 + 1)) "$(key_audits)"
expect_eq "a second login within the minute: same answer" "902|SHA256:use3456789012345678901234567890123456789abc" "$(login_key tlead AAAAuse)"
expect_eq "a second login within the minute: last_used kept" "$used1" "$(psql_q "SELECT last_used FROM ssh_key WHERE key_b64 = 'AAAAuse'")"
expect_eq "a second login within the minute: no audited write" $((a0 + 1)) "$(key_audits)"
psql_q "UPDATE ssh_key SET last_used = now() - interval '2 minutes' WHERE key_b64 = 'AAAAuse'" >/dev/null
a1=$(key_audits)
login_key tlead AAAAuse >/dev/null
expect_eq "a login after the minute records the use again" t "$(psql_q "SELECT last_used > now() - interval '1 minute' FROM ssh_key WHERE key_b64 = 'AAAAuse'")"
expect_eq "a login after the minute: one audited write" $((a1 + 1)) "$(key_audits)"
expect_eq "a login with another member's key: nothing" "" "$(login_key tadmin AAAAuse)"
# What a write to the key notifies (sql/113): a login's bookkeeping "ssh_key_used:ID", which
# the consoles do not re-check on; any other change "ssh_key:ID", which they do.
notified() { PGUSER=$1 psql -qXAt -v ON_ERROR_STOP=1 -c "LISTEN rashin" -c "$2" 2>&1 |
	sed -n 's/.*with payload "\([^"]*\)".*/\1/p' | paste -sd' '; }
kid=$(psql_q "SELECT id FROM ssh_key WHERE key_b64 = 'AAAAuse'")
psql_q "UPDATE ssh_key SET last_used = now() - interval '2 minutes' WHERE key_b64 = 'AAAAuse'" >/dev/null
a2=$(key_audits)
expect_eq "a login's key-use write notifies ssh_key_used, not ssh_key" "ssh_key_used:$kid" \
	"$(notified rashin_app "SELECT staff_id FROM rs_auth_key('tlead', 'ssh-ed25519', 'AAAAuse')")"
expect_eq "a login's key-use write: still one audited write" $((a2 + 1)) "$(key_audits)"
expect_eq "its audit entry: last_used changed" t "$(psql_q "SELECT (after ->> 'last_used') IS DISTINCT FROM (before ->> 'last_used') FROM audit_log WHERE tbl = 'ssh_key' AND key = '$kid' ORDER BY id DESC LIMIT 1")"
expect_eq "another change of the key notifies ssh_key" "ssh_key:$kid" \
	"$(notified "$PGUSER" "UPDATE ssh_key SET comment = 'laptop' WHERE id = $kid")"
expect_eq "a change of last_used with another column: ssh_key" "ssh_key:$kid" \
	"$(notified "$PGUSER" "UPDATE ssh_key SET comment = 'desk', last_used = now() WHERE id = $kid")"
psql_q "UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'test' WHERE key_b64 = 'AAAAuse'" >/dev/null
expect_eq "a revoked key logs in no more, even within the minute" "" "$(login_key tlead AAAAuse)"

# Deactivation revokes keys in the same transaction.
psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (905, 'ssh-ed25519', 'AAAA', 'SHA256:0123456789012345678901234567890123456789abc')" >/dev/null
allowed "admin deactivates a member" 901 "UPDATE staff SET active = false, version = 1 WHERE id = 905"
expect_eq "their keys are revoked with them" "staff deactivated" "$(psql_q "SELECT revoke_reason FROM ssh_key WHERE staff_id = 905")"

# The audit chain: every change above is in it, it verifies, and tampering is found.
n=$(psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'mig_status'")
[ "$n" -ge 3 ] && ok "changes are audited ($n mig_status entries)" || not_ok "changes are audited" "$n"
expect_eq "audit records the acting member" 902 "$(psql_q "SELECT staff_id FROM audit_log WHERE tbl = 'mig_status' AND action = 'UPDATE' ORDER BY id LIMIT 1")"
out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "audit verify: intact chain exits 0" 0 "$rc"
expect_match "audit verify: prints entries and head" "監査証跡のチェーンは正常です: [0-9]+ 件を検証、先頭 [0-9]+ [0-9a-f]{64}" "$out"
"$RASHIN" -c "$CONF" audit anchor > "$T_TMP/anchor" 2>/dev/null
victim=$(psql_q "SELECT id FROM audit_log ORDER BY id OFFSET 5 LIMIT 1")
psql_q "UPDATE audit_log SET after = jsonb_set(after, '{status}', '\"done\"') WHERE id = $victim" >/dev/null
out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "audit verify: changed entry exits 1" 1 "$rc"
expect_match "audit verify: names the changed entry" "壊れています: 記録 $victim .*内容がハッシュと一致しません" "$out"
psql_q "DELETE FROM audit_log WHERE id = $victim" >/dev/null
out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "audit verify: deleted entry exits 1" 1 "$rc"
expect_match "audit verify: names the entry after the gap" "壊れています: 記録 $((victim + 1)) .*直前の記録につながっていません" "$out"
# A DBA rewrites the whole chain consistently: only the anchor catches it.
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL'
DO $$
DECLARE r record; prev text := repeat('0', 64); h text;
BEGIN
	FOR r IN SELECT * FROM audit_log ORDER BY id LOOP
		h := encode(sha256(convert_to(prev || '|' || rs_audit_content(r.id, r.at, r.staff_id, r.tbl, r.key, r.action, r.before, r.after), 'UTF8')), 'hex');
		UPDATE audit_log SET prev_hash = prev, hash = h WHERE id = r.id;
		prev := h;
	END LOOP;
END $$;
SQL
out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "rewritten chain verifies on its own" 0 "$rc"
out=$("$RASHIN" -c "$CONF" audit verify --anchor "$T_TMP/anchor" 2>&1); rc=$?
expect_eq "the anchor catches the rewrite: exit 1" 1 "$rc"
expect_match "the anchor names the missing head" "アンカーが見つかりません" "$out"
