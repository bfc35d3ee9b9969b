#!/bin/sh
# Revoking a key ends its database sessions at once (issue 28, sql/147_session_revoke.sql):
# the sessions opened with the key are closed in the revoking transaction, so the next
# statement on one is refused (RS701), while the member's other sessions (another key, a
# local one) and other members' go on; removing a key does the same; deactivating a
# member ends all their sessions. Each end is audited with the reason and who did it, and
# an ended session's logout is still recorded with its member.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"

# as_app SECRET SQL: SQL in a transaction of that session, as rashin_app (value or error)
as_app() {
	PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
		-c "BEGIN" -c "SELECT set_config('rashin.session', '$1', true) IS NULL" -c "$2" -c "COMMIT" 2>&1 |
		grep -v '^$' | sed '/^SET$/d; /^f$/d' | head -n 1
}
auth() { PGUSER=rashin_auth psql -qXAt -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
WHO="SELECT coalesce(rs_staff_id()::text, 'none')"
FP1=SHA256:rev1456789012345678901234567890123456789abc
FP2=SHA256:rev2456789012345678901234567890123456789abc
FP3=SHA256:rev3456789012345678901234567890123456789abc
psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES
	(902, 'ssh-ed25519', 'AAAArev1', '$FP1'), (902, 'ssh-ed25519', 'AAAArev2', '$FP2'),
	(905, 'ssh-ed25519', 'AAAArev3', '$FP3')" >/dev/null || not_ok "keys inserted"

# the lead's sessions: two over SSH with key 1, one with key 2, one local; tlead2's with key 3
K1=$(auth "SELECT rs_session_open('tlead', '$FP1', '192.0.2.1', interval '1 hour')")
K1B=$(auth "SELECT rs_session_open('tlead', '$FP1', '192.0.2.2', interval '1 hour')")
K2=$(auth "SELECT rs_session_open('tlead', '$FP2', '192.0.2.3', interval '1 hour')")
LOCAL=$(session_of 902)
OTHER=$(auth "SELECT rs_session_open('tlead2', '$FP3', '192.0.2.4', interval '1 hour')")
ADMIN=$(session_of 901)
expect_eq "before: every session acts as its member" "902 902 902 902 905 901" \
	"$(for s in $K1 $K1B $K2 $LOCAL $OTHER $ADMIN; do as_app "$s" "$WHO"; done | tr '\n' ' ' | sed 's/ $//')"

# 1. keys revoke (the command, as the admin) ends the sessions opened with that key
out=$("$RASHIN" -c "$CONF" keys revoke "$FP1" lost --as tadmin 2>&1); rc=$?
expect_eq "keys revoke: exit 0" 0 "$rc"
out=$(as_app "$K1" "$WHO")
expect_match "the revoked key's session: its next statement is refused at once (RS701)" "RS701.*session ended: key revoked" "$out"
expect_match "... a read too, not only a write" "RS701" "$(as_app "$K1" "SELECT count(*) FROM staff")"
expect_match "... and the other session with the same key" "RS701" "$(as_app "$K1B" "$WHO")"
expect_eq "the member's session with another key goes on" 902 "$(as_app "$K2" "$WHO")"
expect_eq "the member's local session goes on" 902 "$(as_app "$LOCAL" "$WHO")"
expect_eq "another member's session goes on" 905 "$(as_app "$OTHER" "$WHO")"
expect_eq "the admin's session goes on" 901 "$(as_app "$ADMIN" "$WHO")"
expect_eq "closed in the database with the reason" "2 key revoked" \
	"$(psql_q "SELECT count(*) || ' ' || min(ended_reason) FROM rs_session WHERE fingerprint = '$FP1' AND closed_at IS NOT NULL")"
expect_eq "each end audited: the member, the reason, the key and who revoked it" \
	"902 key revoked $FP1 tadmin|902 key revoked $FP1 tadmin" \
	"$(psql_q "SELECT string_agg(staff_id || ' ' || (after->>'reason') || ' ' || (after->>'fingerprint') || ' ' || (after->>'by'), '|' ORDER BY id)
		FROM audit_log WHERE tbl = 'rs_session' AND after->>'event' = 'close' AND after ? 'reason'")"
out=$(as_app "$K1" "SELECT rs_event('LOGOUT', 'session', 'tlead', '{}')")
expect_match "the ended session's logout is still written" "^[0-9]+$" "$out"
expect_eq "... with its member" 902 "$(psql_q "SELECT staff_id FROM audit_log WHERE id = $out")"
# ... but only for ten minutes after its end (sql/150): a process that kept the secret cannot
# write events in the member's name for ever
psql_q "UPDATE rs_session SET closed_at = closed_at - interval '11 minutes' WHERE fingerprint = '$FP1'" >/dev/null
out=$(as_app "$K1" "SELECT rs_event('EVENT', 'session', 'tlead', '{}')")
case $out in *[!0-9]*|'') out=0 ;; esac
expect_eq "ten minutes after its end an ended session's event is no one's" "no one" \
	"$(psql_q "SELECT coalesce(staff_id::text, 'no one') FROM audit_log WHERE id = $out")"
expect_eq "the holder's logout of an ended session closes nothing more" f \
	"$(PGUSER=rashin_app psql -qXAt -c "SELECT rs_session_close('$K1')")"
expect_match "a new session with the revoked key is refused" "not an unrevoked key of tlead" \
	"$(auth "SELECT rs_session_open('tlead', '$FP1', '192.0.2.1', interval '1 hour')")"

# a member revoking their own key ends their own session too, after the revocation is saved
SELF=$(auth "SELECT rs_session_open('tlead', '$FP2', '192.0.2.5', interval '1 hour')")
out=$(as_app "$SELF" "WITH u AS (UPDATE ssh_key SET revoked_at = now(), revoked_by = rs_staff_id(), revoke_reason = 'mine' WHERE fingerprint = '$FP2' RETURNING 1) SELECT count(*) FROM u")
expect_eq "revoking one's own key from its session: saved" 1 "$out"
expect_eq "... the revocation audited by the member" 902 \
	"$(psql_q "SELECT staff_id FROM audit_log WHERE tbl = 'ssh_key' AND after->>'fingerprint' = '$FP2' AND after->>'revoked_at' IS NOT NULL ORDER BY id DESC LIMIT 1")"
expect_match "... and its sessions ended" "RS701" "$(as_app "$SELF" "$WHO") $(as_app "$K2" "$WHO")"
expect_eq "the local session still goes on" 902 "$(as_app "$LOCAL" "$WHO")"

# 2. a key removed (by the owner) ends its sessions too
psql_q "DELETE FROM ssh_key WHERE fingerprint = '$FP3'" >/dev/null
expect_match "a removed key's session is refused" "RS701.*session ended: key removed" "$(as_app "$OTHER" "$WHO")"

# 3. staff deactivate ends every session of the member, keyed or local
K4=$(auth "SELECT rs_session_open('tlead', '$(psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (902, 'ssh-ed25519', 'AAAArev4', 'SHA256:rev4456789012345678901234567890123456789abc') RETURNING fingerprint")', '192.0.2.6', interval '1 hour')")
expect_eq "before deactivation: the lead's sessions act" "902 902" "$(as_app "$K4" "$WHO") $(as_app "$LOCAL" "$WHO")"
out=$("$RASHIN" -c "$CONF" staff deactivate tlead --as tadmin 2>&1); rc=$?
expect_eq "staff deactivate: exit 0" 0 "$rc"
expect_match "the member's keyed session is refused" "RS701.*session ended: staff deactivated" "$(as_app "$K4" "$WHO")"
expect_match "the member's local session is refused" "RS701.*session ended: staff deactivated" "$(as_app "$LOCAL" "$WHO")"
expect_eq "the admin's session goes on" 901 "$(as_app "$ADMIN" "$WHO")"
expect_eq "no open session of the member is left" 0 \
	"$(psql_q "SELECT count(*) FROM rs_session WHERE staff_id = 902 AND closed_at IS NULL")"
check "the audit chain holds" "$RASHIN" -c "$CONF" audit verify

# a logout or an expiry still acts as no one (not refused): unchanged
ADM2=$(session_of 901)
PGUSER=rashin_app psql -qXAt -c "SELECT rs_session_close('$ADM2')" >/dev/null
expect_eq "a logged-out session acts as no one, as before" none "$(as_app "$ADM2" "$WHO")"

# 4. an open that races a revocation (sql/149): the revoking transaction has run its trigger
# but not committed when a login with that key opens its session; the open waits for it and
# refuses, so no session outlives the revocation (before, it passed and lived on)
FP5=SHA256:rev5456789012345678901234567890123456789abc
psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint) VALUES (905, 'ssh-ed25519', 'AAAArev5', '$FP5')" >/dev/null
psql -qXAt -c "BEGIN" -c "UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'lost' WHERE fingerprint = '$FP5'" \
	-c "SELECT pg_sleep(2)" -c "COMMIT" >"$T_TMP/race.out" 2>&1 &
RACE=$!
sleep 0.7
out=$(auth "SELECT rs_session_open('tlead2', '$FP5', '192.0.2.7', interval '1 hour')")
wait $RACE
expect_match "an open racing the revocation waits for it and is refused" "not an unrevoked key" "$out"
expect_eq "... and no session with the revoked key is open" 0 \
	"$(psql_q "SELECT count(*) FROM rs_session WHERE fingerprint = '$FP5' AND closed_at IS NULL")"

pg_stop
echo "1..$T_N"
