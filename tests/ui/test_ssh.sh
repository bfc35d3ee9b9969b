#!/bin/sh
# The SSH front door with real parts: `rashin serve` on loopback against a throwaway
# PostgreSQL, the OpenSSH client with keys from ssh-keygen, a libssh client for the
# probe/sign swap. Logins by role, refused keys and staff, LoginGraceTime, MaxAuthTries,
# MaxSessions, MaxStartups and the source penalty (after a SIGHUP reload), forwarding
# refused, exit statuses, 100 connections leaving nothing behind, kill -9 of one session,
# SIGTERM of the server.
. "$(dirname "$0")/../lib/common.sh"

command -v ssh >/dev/null && command -v ssh-keygen >/dev/null ||
	{ echo "# SKIP: no OpenSSH client"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
LOG=$T_TMP/rashin.log
KEYS=$T_TMP/keys
mkdir -p "$KEYS"
PORT=$((20000 + $$ % 20000))
# tcp_hold SECONDS: open a TCP connection to the server, say nothing, print what it sends
tcp_hold() { timeout "$1" bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT && cat <&3" 2>/dev/null; }
while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done

# server_conf STARTUPS PENALTY [IDLE]: the config, rewritten before a reload
server_conf() {
	write_conf "$CONF"
	cat >>"$CONF" <<CONF
server: {
  listen = "127.0.0.1";
  port = $PORT;
  host_key = "$T_TMP/hostkey/ssh_host_ed25519_key";
  login_grace_time = 2;
  max_auth_tries = 3;
  max_startups = "$1";
  max_sessions = 2;
  idle_timeout = ${3:-0};
  penalty_base = $2;
  penalty_max = 4;
};
CONF
}
server_conf "10:30:200" 0
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"

# A key per member of the fixture (and two nobody owns), registered in the database.
for who in tadmin tlead ttrainer tauditor treader stranger other; do
	ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$KEYS/$who"
done
ssh-keygen -q -t ecdsa -N '' -f "$KEYS/tlead2"
register() {	# register LOGIN KEYFILE
	set -- "$1" "$(cut -d' ' -f1 "$2.pub")" "$(cut -d' ' -f2 "$2.pub")" \
		"$(ssh-keygen -lf "$2.pub" -E sha256 | cut -d' ' -f2)"
	psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint)
		SELECT id, '$2', '$3', '$4' FROM staff WHERE login = '$1'" >/dev/null
}
for who in tadmin tlead ttrainer tauditor treader tlead2; do register "$who" "$KEYS/$who"; done

"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
SERVER=$!
track_pid "$SERVER"
i=0
until grep -q "sshd: listening on" "$LOG" 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$SERVER" 2>/dev/null; then
		not_ok "rashin serve starts the SSH server" "$(cat "$T_TMP/serve.out" "$LOG")"
		exit 1
	fi
	sleep 0.1
done
ok "rashin serve listens on 127.0.0.1:$PORT"
# its listen queue holds as many as MaxStartups lets wait unauthenticated (ss: Send-Q)
expect_eq "listen queue sized from MaxStartups (full 200)" 200 \
	"$(ss -Hltn "sport = :$PORT" | awk '{print $3}')"
expect_eq "host key created with mode 0600" "600" "$(stat -c %a "$T_TMP/hostkey/ssh_host_ed25519_key")"
FP=$(ssh-keygen -lf "$T_TMP/hostkey/ssh_host_ed25519_key" -E sha256 | cut -d' ' -f2)
if grep -qF "ED25519 $FP" "$LOG"; then ok "host key fingerprint logged"
else not_ok "host key fingerprint logged" "$FP not in $(grep 'host key' "$LOG")"; fi

SSH="ssh -F /dev/null -p $PORT -o UserKnownHostsFile=$T_TMP/known_hosts -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5"
# as LOGIN KEY CMD...: run a command as LOGIN with KEY; stdout+stderr, status in $rc
as() { l=$1; k=$2; shift 2; out=$($SSH -i "$KEYS/$k" "$l@127.0.0.1" "$@" 2>&1 </dev/null); rc=$?; }

# Logins by each role, identity from the database.
for who in tadmin tlead ttrainer tauditor treader; do
	as $who $who whoami
	expect_match "login as $who (exit $rc)" "$who" "$out"
done
as tlead2 tlead2 whoami
expect_match "ECDSA key logs in" "tlead2" "$out"
expect_match "logins audited in the database" "^[1-9]" \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE action = 'LOGIN'" 2>&1)"

# Commands over exec: exit statuses, stderr, quoting.
as tadmin tadmin version
expect_eq "version: exit 0" 0 "$rc"
as tadmin tadmin no-such-command
expect_eq "unknown command: exit 2" 2 "$rc"
as tadmin tadmin "help 'unterminated"
expect_eq "bad quoting: exit 2" 2 "$rc"
expect_match "bad quoting: said why" "unterminated ' in command line" "$out"
# Help from the command table (cmd_table.c): every option of eval, and eval submit's, listed
# with its meaning; a usage error in the one wording, exit 2.
as tadmin tadmin help eval
expect_eq "help eval: exit 0" 0 "$rc"
for o in fy csv json bom grade achievements issues next findings instruction text date attendees notes; do
	expect_match "help eval lists --$o" "--$o" "$out"
done
expect_nomatch "help eval: no \"...\"" '\.\.\.' "$out"
as tadmin tadmin eval submit --help
expect_eq "eval submit --help: exit 0" 0 "$rc"
for o in fy grade achievements issues next; do
	expect_match "eval submit --help lists --$o" "--$o " "$out"
done
expect_match "eval submit --help: the meaning of --grade" "--grade A-D +.*(required|必須)" "$out"
as tadmin tadmin eval submit 1-1 --grade=A --foo
expect_eq "unknown option: exit 2" 2 "$rc"
expect_match "unknown option: one wording" "rashin: eval submit: .*--foo .*help eval submit" "$out"
as tadmin tadmin eval submit 1-1
expect_eq "missing --grade: exit 2" 2 "$rc"
# Over SSH an import never opens a path on the server: the data comes on stdin.
for c in "staff import /etc/passwd" "mig import /etc/passwd" "kpi import /etc/passwd" "training import attendance /etc/passwd"; do
	as tadmin tadmin "$c"
	expect_eq "$c over SSH: refused (exit 2)" 2 "$rc"
	expect_nomatch "$c over SSH: no server file content" "root:" "$out"
done

# Refused logins.
as tadmin stranger whoami
expect_eq "unknown key refused" 255 "$rc"
as tadmin tlead whoami
expect_eq "another member's key refused" 255 "$rc"
fp=$(ssh-keygen -lf "$KEYS/tlead.pub" -E sha256 | cut -d' ' -f2)
if grep "failed publickey for tadmin" "$LOG" | grep -qF "$fp"; then ok "failed login logged with fingerprint"
else not_ok "failed login logged with fingerprint" "$fp not in $(grep 'failed publickey' "$LOG")"; fi
psql_q "UPDATE ssh_key SET revoked_at = now(), revoke_reason = 'test'
	WHERE staff_id = (SELECT id FROM staff WHERE login = 'tauditor')" >/dev/null
as tauditor tauditor whoami
expect_eq "revoked key refused at once" 255 "$rc"
psql_q "UPDATE staff SET active = false WHERE login = 'treader'" >/dev/null 2>&1
as treader treader whoami
expect_eq "inactive staff refused at once" 255 "$rc"

# Probe with one key, sign with another: the signer or nobody.
SWAP=$T_TMP/test_ssh_swap
if cc -std=c11 -o "$SWAP" "$ROOT/tests/ui/test_ssh_swap.c" $(pkg-config --cflags --libs libssh) 2>"$T_TMP/cc.log"; then
	out=$("$SWAP" "$PORT" tlead "$KEYS/tadmin.pub" "$KEYS/tlead" 2>&1)
	expect_match "probe admin's key, sign with lead's: logged in as the lead" "^tlead " "$out"
	out=$("$SWAP" "$PORT" tadmin "$KEYS/tadmin.pub" "$KEYS/tlead" 2>&1); rc=$?
	expect_eq "probe admin's key, sign with lead's as admin: refused" "1" "$rc"
else
	not_ok "build the probe/sign client" "$(cat "$T_TMP/cc.log")"
fi

# LoginGraceTime 2: a client that connects and says nothing is cut off.
start=$(date +%s)
tcp_hold 10 >/dev/null
took=$(($(date +%s) - start))
if [ "$took" -ge 1 ] && [ "$took" -le 4 ]; then ok "silent client cut off after the grace time (${took}s)"
else not_ok "silent client cut off after the grace time" "took ${took}s"; fi
expect_match "grace time logged" "login grace time exceeded" "$(cat "$LOG")"

# MaxAuthTries 3: three wrong keys, and the right one is never reached.
out=$($SSH -i "$KEYS/stranger" -i "$KEYS/other" -i "$KEYS/tlead" -i "$KEYS/tadmin" tadmin@127.0.0.1 whoami 2>&1); rc=$?
expect_eq "MaxAuthTries: right key after three wrong ones refused" 255 "$rc"
expect_match "MaxAuthTries logged" "too many authentication failures" "$(cat "$LOG")"
out=$($SSH -i "$KEYS/stranger" -i "$KEYS/tadmin" tadmin@127.0.0.1 whoami 2>&1)
expect_match "one wrong key, then the right one: in" "^tadmin " "$out"

# Forwarding, agent and subsystems refused with a channel failure.
out=$($SSH -i "$KEYS/tadmin" -o ExitOnForwardFailure=yes -R "$((PORT + 1)):127.0.0.1:22" tadmin@127.0.0.1 whoami 2>&1); rc=$?
expect_match "remote forwarding refused" "remote port forwarding failed" "$out"
out=$($SSH -i "$KEYS/tadmin" -s tadmin@127.0.0.1 sftp 2>&1)
expect_match "sftp subsystem refused" "subsystem request failed" "$out"
$SSH -i "$KEYS/tadmin" -L "$((PORT + 2)):127.0.0.1:$PORT" -N tadmin@127.0.0.1 2>"$T_TMP/fwd.err" &
FWD=$!
track_pid "$FWD"
# the client listens once logged in (slow on a loaded machine): wait for it, then for its error
i=0; until bash -c "exec 3<>/dev/tcp/127.0.0.1/$((PORT + 2))" 2>/dev/null || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
timeout 3 bash -c "exec 3<>/dev/tcp/127.0.0.1/$((PORT + 2)) && cat <&3" >/dev/null 2>&1
i=0; until grep -q "open failed" "$T_TMP/fwd.err" 2>/dev/null || [ $i -gt 50 ]; do sleep 0.1; i=$((i + 1)); done
kill "$FWD" 2>/dev/null; wait "$FWD" 2>/dev/null
expect_match "local forwarding refused" "open failed: administratively prohibited" "$(cat "$T_TMP/fwd.err")"

# MaxSessions 2: a third session channel on one connection is refused.
CM=$T_TMP/cm.sock
$SSH -i "$KEYS/tadmin" -o ControlMaster=yes -o ControlPath="$CM" -fN tadmin@127.0.0.1
(sleep 3 | $SSH -o ControlPath="$CM" tadmin@127.0.0.1 keys add >/dev/null 2>&1) &
s1=$!
(sleep 3 | $SSH -o ControlPath="$CM" tadmin@127.0.0.1 keys add >/dev/null 2>&1) &
s2=$!
sleep 1
out=$($SSH -o ControlPath="$CM" -o BatchMode=yes -i /dev/null tadmin@127.0.0.1 whoami 2>&1)
expect_match "MaxSessions: third channel refused" "session request failed|open failed" "$out"
wait "$s1" "$s2"
$SSH -o ControlPath="$CM" -O exit tadmin@127.0.0.1 2>/dev/null

# kill -9 of one session process leaves another session working.
sleep 30 | $SSH -i "$KEYS/tlead" tlead@127.0.0.1 keys add >/dev/null 2>&1 &
HELD=$!
track_pid "$HELD"
sleep 1
victim=$(server_kids "$SERVER" | head -1)
[ -n "$victim" ] && kill -9 "$victim"
as tadmin tadmin whoami
expect_match "after kill -9 of one session, another logs in" "tadmin" "$out"
kill "$HELD" 2>/dev/null; wait "$HELD" 2>/dev/null

# 100 connect/disconnect cycles leave no process, descriptor or DB connection behind.
sleep 0.5
fds0=$(ls /proc/"$SERVER"/fd | wc -l)
db0=$(app_backends)
i=0; fails=0
while [ $i -lt 100 ]; do
	$SSH -i "$KEYS/tadmin" tadmin@127.0.0.1 version >/dev/null 2>&1 </dev/null || fails=$((fails + 1))
	i=$((i + 1))
done
sleep 1
expect_eq "100 connections: all succeeded" 0 "$fails"
expect_eq "100 connections: no connection process left" "" "$(server_kids "$SERVER")"
expect_eq "100 connections: listener descriptors unchanged" "$fds0" "$(ls /proc/"$SERVER"/fd | wc -l)"
expect_eq "100 connections: no database connection left" "$db0" \
	"$(app_backends)"

# SIGHUP reloads the config without dropping sessions: MaxStartups 2:100:3, penalty 2 s.
sleep 30 | $SSH -i "$KEYS/tlead" tlead@127.0.0.1 keys add >/dev/null 2>&1 &
HELD=$!
track_pid "$HELD"
sleep 1
server_conf "2:100:3" 2
kill -HUP "$SERVER"
sleep 0.5
expect_match "SIGHUP: config reloaded" "configuration reloaded" "$(cat "$LOG")"
if kill -0 "$HELD" 2>/dev/null; then ok "SIGHUP: open session kept"; else not_ok "SIGHUP: open session kept"; fi
kill "$HELD" 2>/dev/null; wait "$HELD" 2>/dev/null

# MaxStartups: two silent connections fill the unauthenticated slots; a third is dropped.
tcp_hold 1.5 >/dev/null &
s1=$!
tcp_hold 1.5 >/dev/null &
s2=$!
sleep 0.5
out=$(tcp_hold 3)
expect_eq "MaxStartups: third unauthenticated connection dropped" "" "$out"
expect_match "MaxStartups logged" "dropped connection from 127.0.0.1: MaxStartups 2:100:3" "$(cat "$LOG")"
wait "$s1" "$s2"
sleep 2.5

# Penalty: a failed login makes the source wait, then it may come back.
as tadmin stranger whoami
as tadmin tadmin whoami
expect_eq "penalty: right key refused just after a failure" 255 "$rc"
expect_match "penalty logged" "refused connection from 127.0.0.1: penalty" "$(cat "$LOG")"
sleep 2.5
as tadmin tadmin whoami
expect_match "penalty: over after its interval" "^tadmin " "$out"

# Idle timeout (reloaded as 2 s): a connection without input is closed.
server_conf "10:30:100" 0 2
kill -HUP "$SERVER"
sleep 0.5
start=$(date +%s)
timeout 10 $SSH -i "$KEYS/tadmin" -N tadmin@127.0.0.1 >/dev/null 2>&1
took=$(($(date +%s) - start))
if [ "$took" -ge 1 ] && [ "$took" -le 5 ]; then ok "idle connection closed after the idle timeout (${took}s)"
else not_ok "idle connection closed after the idle timeout" "took ${took}s"; fi
expect_match "idle timeout logged" "closing session: idle timeout" "$(cat "$LOG")"
server_conf "10:30:100" 0 0
kill -HUP "$SERVER"
sleep 0.5

# The server's log stays the server's: with log.destination "stderr", a command's info
# lines go to the server's stderr, never down the client's channel.
sed -i 's|destination = "[^"]*"|destination = "stderr"|' "$CONF"
kill -HUP "$SERVER"
sleep 0.5
as tadmin tadmin vdi export --format csv
expect_eq "log to stderr: the command still runs" 0 "$rc"
expect_nomatch "log to stderr: no log line on the client's streams" "rashin\[[0-9]+\]|vdi export: csv" "$out"
expect_match "log to stderr: the line is on the server's stderr" "info: .*vdi export: csv" "$(cat "$T_TMP/serve.out")"
server_conf "10:30:100" 0 0
kill -HUP "$SERVER"
sleep 0.5

# SIGTERM: sessions closed, children gone, the listener exits.
sleep 30 | $SSH -i "$KEYS/tlead" tlead@127.0.0.1 keys add >/dev/null 2>&1 &
HELD=$!
track_pid "$HELD"
sleep 1
kill -TERM "$SERVER"
i=0; while kill -0 "$SERVER" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$SERVER" 2>/dev/null; then not_ok "SIGTERM: server exits"; else ok "SIGTERM: server exits"; fi
i=0; while kill -0 "$HELD" 2>/dev/null && [ $i -lt 30 ]; do sleep 0.1; i=$((i + 1)); done
if kill -0 "$HELD" 2>/dev/null; then not_ok "SIGTERM: client session closed"; else ok "SIGTERM: client session closed"; fi
expect_match "SIGTERM: sessions closed cleanly" "closing session: server shutting down" "$(cat "$LOG")"
expect_nomatch "no sanitizer report" "ERROR: AddressSanitizer|runtime error|LeakSanitizer" "$(cat "$T_TMP/serve.out" "$LOG")"
