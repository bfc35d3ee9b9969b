#!/bin/sh
# Hostile SSH clients against `rashin serve`: USERAUTH_SUCCESS sent by the client before
# authenticating (CVE-2018-10933 class), none / password / keyboard-interactive, very long
# user names and key blobs, a key revoked while its connection is open, a pre-auth flood
# against MaxStartups and the source penalty. After each, the server is alive and a
# legitimate login still works.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

PY=/usr/bin/python3
command -v ssh >/dev/null || { echo "# SKIP: no OpenSSH client"; exit 0; }
$PY -c "import cryptography" 2>/dev/null || { not_ok "python3-cryptography installed (make deps)"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
GRACE=2 sshd_setup "10:30:100" 0 || exit 1
ATTACK="$PY $ROOT/tests/ui/attack_ssh.py $PORT"
alive() {	# alive NAME: the listener runs and tadmin gets in
	if ! kill -0 "$SERVER" 2>/dev/null; then not_ok "$1: server alive"; return; fi
	as tadmin tadmin whoami
	expect_match "$1: server alive, tadmin still logs in" "^tadmin " "$out"
}

MODES="success-first none password keyboard long-user long-blob garbage-key bad-signature"
apids=""
for mode in $MODES; do	# at once: each waits out the grace time
	( $ATTACK "$mode" tadmin >"$T_TMP/atk-$mode" 2>&1; echo $? >"$T_TMP/atk-$mode.rc" ) &
	apids="$apids $!"
done
wait $apids
for mode in $MODES; do
	expect_eq "$mode: no session granted ($(tail -2 "$T_TMP/atk-$mode" | tr '\n' ' '))" 0 \
		"$(cat "$T_TMP/atk-$mode.rc")"
done
expect_eq "no command ran for any attack" 0 "$(grep -c 'command started' "$LOG")"
expect_nomatch "no audit LOGIN for an attack" "^[1-9]" \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'LOGIN' AND after->>'login' <> 'tadmin'" 2>/dev/null || echo 0)"
alive "after the auth attacks"

# Very long user name via OpenSSH too (the client caps nothing at 2 000 bytes).
long=$(head -c 2000 /dev/zero | tr '\0' 'x')
as "$long" tadmin whoami
expect_eq "2 000-byte user name refused" 255 "$rc"
alive "after a long user name"

# A key revoked while its connection is open: the next login is refused; the open
# exec session is not a console and ends at its own pace (an open console ends at once:
# see test_attack_session.sh).
sleep 20 | $SSH -i "$KEYS/tlead" tlead@127.0.0.1 keys add >/dev/null 2>&1 &
HELD=$!
track_pid "$HELD"
sleep 1
psql_q "UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'attack test'
	WHERE staff_id = 902" >/dev/null
as tlead tlead whoami
expect_eq "key revoked during an open connection: next login refused" 255 "$rc"
kill "$HELD" 2>/dev/null; wait "$HELD" 2>/dev/null

# Pre-auth flood: 150 silent connections at once with MaxStartups 5:100:10.
sshd_conf "5:100:10" 0
kill -HUP "$SERVER"; sleep 0.5
banners=$($PY - "$PORT" <<'PY'
import socket, sys, time
socks = []
for _ in range(150):
    try:
        socks.append(socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=3))
    except OSError:
        pass
time.sleep(0.8)
got = 0
for s in socks:
    s.settimeout(0.05)
    try:
        if s.recv(64).startswith(b"SSH-"):
            got += 1
    except OSError:
        pass
print(got)
PY
)
kids=$(server_kids "$SERVER" | wc -l)
if [ "$banners" -ge 1 ] && [ "$banners" -le 5 ] && [ "$kids" -le 5 ]; then
	ok "flood: 150 connections, $banners answered, $kids unauthenticated children (MaxStartups 5)"
else not_ok "flood: at most 5 of 150 answered" "$banners banners, $kids children"; fi
sleep 3
expect_eq "flood: every child gone after the grace time" "" "$(server_kids "$SERVER")"
expect_match "flood: drops logged" "MaxStartups 5:100:10" "$(cat "$LOG")"
alive "after a pre-auth flood"

# Penalty 1 s doubling to at most 3 s: 10 failed logins in a row, then the source waits
# no longer than the cap.
sshd_conf "10:30:100" 1 3
kill -HUP "$SERVER"; sleep 0.5
i=0
while [ $i -lt 10 ]; do as tadmin stranger whoami; i=$((i + 1)); done
as tadmin tadmin whoami
expect_eq "penalty: right key refused right after 10 failures" 255 "$rc"
sleep 3.5
as tadmin tadmin whoami
expect_match "penalty: capped at penalty_max, then in" "^tadmin " "$out"
expect_nomatch "no sanitizer report" "ERROR: AddressSanitizer|runtime error|LeakSanitizer" \
	"$(cat "$T_TMP/serve.out" "$LOG")"
