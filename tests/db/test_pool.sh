#!/bin/sh
# The embedded cluster's PgBouncer (backend/store/pgembed.c): `rashin demo` and `rashin serve`
# (embedded) run it in session mode as the cluster's user, as their child, on a Unix socket
# only; logins are served by a backend that is already there; what a session leaves
# (prepared statements, session settings, LISTENs) does not reach the next; the owner and
# the notification hub connect directly; if the pooler dies, sessions connect directly;
# stopping leaves no pgbouncer; without it (database.pooler_bin missing, or pooler = "off")
# the demo works directly, and then each login starts new backends.
. "$(dirname "$0")/../lib/common.sh"

export LANG=en_US.UTF-8	# messages compared below are the English ones
[ -x /usr/sbin/pgbouncer ] || { ok "# SKIP no /usr/sbin/pgbouncer (make deps installs it)"; exit 0; }
VAR=$T_TMP/var
RUN=$VAR/run
PORT=$((20000 + ($$ + 4099) % 20000))
while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done
SSHO="-F /dev/null -p $PORT -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=10"
LOG=$T_TMP/rashin.log

# conf NAME [DATABASE-SETTINGS]: $T_TMP/NAME.conf on $VAR and $PORT
conf() {
	printf 'server: { port = %d; host_key = "%s/hostkey"; };\ndatabase: { data_dir = "%s"; %s };\nlog: { destination = "%s"; };\n' \
		"$PORT" "$T_TMP" "$VAR" "${2:-}" "$LOG" >"$T_TMP/$1.conf"
}
# start CONF COMMAND READY-TEXT: rashin COMMAND in the background (pid in SRV) until the
# text shows in its output or the log, emptied first (60 s: the first start makes the cluster)
start() {
	: >"$T_TMP/out"; : >"$LOG"
	(cd "$ROOT" && exec "$RASHIN" -c "$T_TMP/$1.conf" "$2" >"$T_TMP/out" 2>&1) &
	SRV=$!
	track_pid $SRV
	i=0
	until grep -q "$3" "$T_TMP/out" "$LOG" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 600 ] || ! kill -0 $SRV 2>/dev/null; then
			not_ok "rashin $2 starts" "$(cat "$T_TMP/out"; tail -5 "$LOG")"
			exit 1
		fi
		sleep 0.1
	done
}
# stop: SIGTERM; ok when it has exited within 10 s
stop() {
	kill -TERM $SRV
	i=0; while kill -0 $SRV 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -0 $SRV 2>/dev/null && not_ok "$1: exits on SIGTERM within 10 s" || ok "$1: exits on SIGTERM"
}
owner() { psql "host=$RUN port=5432 dbname=postgres user=postgres" -qXAt -v ON_ERROR_STOP=1 -c "$1" 2>&1; }
# Backends ever started on the database rashin (PostgreSQL counts each at its start;
# owner() connects to the database postgres, so it does not count itself)
sessions() { owner "SELECT sessions FROM pg_stat_database WHERE datname = 'rashin'"; }
# The sessions' backends (rashin_app's, but the hub's) by pid: rashin_auth's own small pool
# (it opens sessions: sql/140_session.sql) grows toward min_pool_size during the first
# logins, so "no backend started" is told by these, not by the database's session count.
app_pids() { owner "SELECT string_agg(pid::text, ' ' ORDER BY pid) FROM pg_stat_activity WHERE datname = 'rashin' AND usename = 'rashin_app' AND application_name <> 'rashin hub'"; }
# The sessions' backends there now (the hub's apart)
backends() { owner "SELECT count(*) FROM pg_stat_activity WHERE usename = 'rashin_app' AND application_name <> 'rashin hub'"; }
login() { out=$(ssh $SSHO -i "$VAR/demo/admin_ed25519" admin@127.0.0.1 "$@" 2>&1 </dev/null); rc=$?; }
# pooler_pid: the pgbouncer that the pidfile names, if it is one
pooler_pid() {
	p=$(cat "$RUN/pgbouncer.pid" 2>/dev/null)
	[ -n "$p" ] && [ "$(cat "/proc/$p/comm" 2>/dev/null)" = pgbouncer ] && echo "$p"
}
# warmed N: wait (30 s at most) for the warm-up's line in the log
warmed() {
	i=0; until grep -q "pool warm-up $1 pooled connections ready" "$LOG" || [ $i -gt 300 ]; do sleep 0.1; i=$((i + 1)); done
}
# socket inodes a process holds
inodes() { ls -l "/proc/$1/fd" 2>/dev/null | sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p'; }
# nothing of this test's cluster or pooler left running
leftovers() { pgrep -f -- "$VAR/p" 2>/dev/null; }

# --- rashin demo with the pooler ---------------------------------------------------------
conf demo
start demo demo "Ctrl-C stops the demo"
DEMO=$SRV
expect_match "demo: the owner connects to PostgreSQL directly" "^database: host=$RUN port=5432 dbname=rashin user=postgres$" "$(cat "$T_TMP/out")"
expect_match "demo: sessions go through PgBouncer, PostgreSQL the fallback host" \
	"^sessions: host=$RUN,$RUN port=6432,5432 dbname=rashin user=rashin_app passfile=$RUN/pgpass \(PgBouncer, session pooling\)$" "$(cat "$T_TMP/out")"
B=$(pooler_pid)
[ -n "$B" ] && ok "demo: a pgbouncer process runs (pid $B)" || not_ok "demo: a pgbouncer process runs" "$(ls -l "$RUN"; cat "$VAR/pgbouncer.log")"
B=${B:-0}
expect_eq "demo: pgbouncer is the demo's child" "$DEMO" "$(awk '{print $4}' "/proc/$B/stat" 2>/dev/null)"
expect_eq "demo: pgbouncer runs as the cluster's user" "$(stat -c %u "$VAR/pg")" \
	"$(awk '/^Uid:/ {print $2}' "/proc/$B/status" 2>/dev/null)"
expect_eq "demo: pgbouncer in its own process group" "$B" "$(ps -o pgid= -p "$B" | tr -d ' ')"
expect_contains "demo: session pooling" "pool_mode = session" "$(cat "$VAR/pgbouncer.ini")"
# as root the socket directory lets the sessions' user (group rashin) pass: 0750
RUNMODE=700; [ "$(id -u)" -eq 0 ] && RUNMODE=750
expect_eq "demo: the pooler's files are the cluster user's alone" "600 600 $RUNMODE" \
	"$(stat -c %a "$VAR/pgbouncer.ini") $(stat -c %a "$VAR/pgbouncer.users") $(stat -c %a "$RUN")"
ino=$(inodes "$B")
[ -n "$ino" ] && ok "demo: pgbouncer holds sockets" || not_ok "demo: pgbouncer holds sockets"
tcp=""; unix=""
for i in $ino; do
	tcp="$tcp$(awk -v i="$i" '$10 == i' /proc/net/tcp /proc/net/tcp6)"
	unix="$unix$(awk -v i="$i" '$7 == i && $6 == "01" {print $8}' /proc/net/unix)"
done
expect_eq "demo: pgbouncer has no TCP socket" "" "$tcp"
expect_eq "demo: pgbouncer listens on the Unix socket in the run directory" "$RUN/.s.PGSQL.6432" "$unix"

# The warm-up (serve.c, database.pool_warm, default 20): the pool holds that many server
# connections before the first login, and PgBouncer keeps them (min_pool_size).
expect_contains "demo: PgBouncer keeps database.pool_warm's 20 connections" "min_pool_size = 20" "$(cat "$VAR/pgbouncer.ini")"
warmed 20
expect_match "demo: the pool warmed up before any login" "pool warm-up 20 pooled connections ready" "$(cat "$LOG")"
n=$(backends)
[ "$n" -ge 20 ] 2>/dev/null && ok "demo: 20 pooled backends wait for the first login ($n)" ||
	not_ok "demo: 20 pooled backends wait for the first login" "$n"
W=""
for p in $(pgrep -P "$DEMO"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = rashin-warm ] && W=$p; done
expect_eq "demo: the warm-up process has ended (and was reaped)" "" "$W"

# Logins: a backend is left warm in the pool, and the next logins (login, command and
# logout audit each) are served by it: no backend starts while they run.
login whoami
expect_match "login 1 through the pooler: whoami" "^admin " "$out"
sleep 1
n=$(backends)
[ "$n" -ge 1 ] 2>/dev/null && ok "after logout a backend stays in the pool ($n)" || not_ok "after logout a backend stays in the pool" "$n"
n=$(app_pids)
login whoami; r2=$rc; login version
expect_eq "logins 2 and 3 through the pooler" "0 0" "$r2 $rc"
sleep 1
expect_eq "logins 2 and 3 were served by the pooled backend: none started" "$n" "$(app_pids)"
out=$(cd "$ROOT" && "$RASHIN" -c "$T_TMP/demo.conf" whoami --as admin 2>&1); rc=$?
# (the owner opens its session straight on PostgreSQL: sql/140_session.sql)
expect_eq "a local command goes through the demo's pooler: no backend started" "0 $n" "$rc $(app_pids)"

# What one session leaves is gone in the next, which gets the same backend (the most
# recently released: PgBouncer's LIFO) after the reset (pgembed.c: DISCARD ALL but for
# rashin's prepared statements): a statement of its own, one named like rashin's whose
# text is not what the name says, a session setting, a LISTEN.
P="host=$RUN port=6432 dbname=rashin user=rashin_app passfile=$RUN/pgpass"
# PgBouncer trusts no one (pgembed.c): rashin_app without the password of the passfile is
# refused, with it let in; the passfile is the servers' user's, mode 0600
out=$(psql "host=$RUN port=6432 dbname=rashin user=rashin_app passfile=/dev/null" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
expect_eq "PgBouncer: rashin_app without its password is refused" 2 "$rc"
out=$(PGPASSWORD=guess psql "host=$RUN port=6432 dbname=rashin user=rashin_app passfile=/dev/null" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
expect_match "PgBouncer: a wrong password is refused" "^2 .*authentication failed" "$rc $out"
expect_eq "PgBouncer: with the passfile's password, let in" 1 "$(psql "$P" -w -qXAt -c "SELECT 1" 2>&1)"
expect_eq "PgBouncer: no trust in its ini" "auth_type = scram-sha-256" "$(grep '^auth_type' "$VAR/pgbouncer.ini")"
# the sessions' user's: rashin as root (the cluster is rashin-db's), else the one user
SESSUSER=$(stat -c %U "$VAR/pg"); [ "$(id -u)" -eq 0 ] && SESSUSER=rashin
expect_eq "PgBouncer: the passfile is the sessions' user's, 0600" "$SESSUSER 600" \
	"$(stat -c '%U %a' "$RUN/pgpass" 2>&1)"
FAKE=rs_00000000000000000000000000000000
s1=$(psql "$P" -qXAt -v ON_ERROR_STOP=1 -c "PREPARE left_over AS SELECT 1" -c "PREPARE $FAKE AS SELECT 2" \
	-c "SELECT set_config('rashin.left_over', 'yes', false)" -c "LISTEN left_over" \
	-c "SELECT concat_ws('|', pg_backend_pid(), current_setting('rashin.left_over', true),
		(SELECT count(*) FROM pg_prepared_statements WHERE name IN ('left_over', '$FAKE')),
		(SELECT count(*) FROM pg_listening_channels()))" 2>&1 |
	tail -n 1)
expect_match "session 1 prepares, sets and listens" "^[0-9]+\|yes\|2\|1$" "$s1"
sleep 0.5
OURS="name = 'rs_' || left(encode(sha256(convert_to(statement, 'UTF8')), 'hex'), 32)"
s2=$(psql "$P" -qXAt -v ON_ERROR_STOP=1 -c "SELECT concat_ws('|', pg_backend_pid(),
	coalesce(current_setting('rashin.left_over', true), ''),
	(SELECT count(*) FROM pg_prepared_statements WHERE NOT ($OURS)),
	(SELECT count(*) FROM pg_listening_channels()))" 2>&1)
expect_eq "session 2: the same backend, nothing of session 1 left" "${s1%%|*}||0|0" "$s2"

# rashin's own statements stay with the backend (their names are their texts' hashes,
# backend/store/db_prepared.c), and the next login on it takes them instead of preparing them
# again: the same prepare_time, one more execution.
held() {
	psql "$P" -qXAt -c "SELECT concat_ws('|', pg_backend_pid(), count(*), min(prepare_time),
		sum(generic_plans + custom_plans)) FROM pg_prepared_statements WHERE $OURS" 2>&1
}
h1=$(held)
case $h1 in
*"|0|"*|"") not_ok "rashin's prepared statements outlive the session" "$h1" ;;
*) ok "rashin's prepared statements outlive the session (backend|statements|prepared|runs: $h1)" ;;
esac
login whoami
sleep 0.5
h2=$(held)
expect_eq "the next login on that backend takes them: none prepared again" \
	"$(echo "$h1" | cut -d'|' -f1-3)" "$(echo "$h2" | cut -d'|' -f1-3)"
[ "$(echo "$h2" | cut -d'|' -f4)" -gt "$(echo "$h1" | cut -d'|' -f4)" ] 2>/dev/null &&
	ok "the next login ran them" || not_ok "the next login ran them" "$h1 then $h2"
out=$(PGPASSWORD=guess psql "host=$RUN port=6432 dbname=rashin user=postgres" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
expect_eq "the owner is refused by the pooler" "2" "$rc"
expect_match "the owner is refused by the pooler: says so" "authentication failed|no such user" "$out"
# rashin_auth (opens sessions) through the pooler: its password checked against the
# verifier PgBouncer asks PostgreSQL for, and in no file of the servers' user
A="host=$RUN port=6432 dbname=rashin user=rashin_auth passfile=/dev/null"
expect_eq "rashin_auth through the pooler with its password" rashin_auth \
	"$(PGPASSWORD=$(cat "$VAR/auth.secret") psql "$A" -w -qXAt -c "SELECT current_user" 2>&1)"
out=$(PGPASSWORD=guess psql "$A" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
expect_match "rashin_auth through the pooler: a wrong password is refused" "^2 .*authentication failed" "$rc $out"
expect_eq "rashin_auth's password is in none of PgBouncer's files" "" \
	"$(grep -l "$(cat "$VAR/auth.secret")" "$VAR/pgbouncer.users" "$VAR/pgbouncer.ini" "$RUN/pgpass" 2>/dev/null)"

# The notification hub LISTENs straight on PostgreSQL's socket.
HUB=""
for p in $(pgrep -P "$DEMO"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = rashin-hub ] && HUB=$p; done
if ! command -v ss >/dev/null 2>&1; then
	ok "# SKIP no ss (iproute2): the hub's peer not checked"
else
	peer=""
	for i in $(ss -xpn | awk -v p="\"rashin-hub\",pid=$HUB," 'index($0, p) && $1 == "u_str" {print $8}'); do
		peer="$peer$(ss -xpn | awk -v i="$i" '$6 == i {print $5}')"
	done
	expect_eq "the hub connects to PostgreSQL directly" "$RUN/.s.PGSQL.5432" "$peer"
fi

stop demo
sleep 0.2
kill -0 "$B" 2>/dev/null && [ "$(cat "/proc/$B/comm" 2>/dev/null)" = pgbouncer ] &&
	not_ok "demo stopped: its pgbouncer is gone" || ok "demo stopped: its pgbouncer is gone"
expect_eq "demo stopped: nothing of the cluster or the pooler left" "" "$(leftovers)"
[ -S "$RUN/.s.PGSQL.6432" ] && not_ok "demo stopped: the pooler's socket removed" || ok "demo stopped: the pooler's socket removed"

# --- the pooler dies under the demo: sessions connect directly ---------------------------
start demo demo "Ctrl-C stops the demo"
B=$(pooler_pid)
[ -n "$B" ] && kill -KILL "$B"
sleep 0.5
login whoami
expect_match "pooler killed: a login still works (PostgreSQL, libpq's second host)" "^admin " "$out"
stop "demo with its pooler killed"
expect_eq "demo with its pooler killed: nothing left" "" "$(leftovers)"

# --- rashin serve on the embedded cluster, over the killed pooler's socket and pidfile ----
[ -S "$RUN/.s.PGSQL.6432" ] && ok "the killed pooler left its socket" || not_ok "the killed pooler left its socket"
conf serve "pool_warm = 3;"
start serve serve "sshd: listening on"
warmed 3
expect_contains "serve (embedded): database.pool_warm = 3 warms 3" "pool warm-up 3 pooled connections ready" "$(cat "$LOG")"
B=$(pooler_pid)
[ -n "$B" ] && ok "serve (embedded): a pgbouncer runs, over the stale socket and pidfile" ||
	not_ok "serve (embedded): a pgbouncer runs" "$(tail -5 "$VAR/pgbouncer.log"; tail -5 "$LOG")"
expect_eq "serve (embedded): pgbouncer is its child" "$SRV" "$(awk '{print $4}' "/proc/${B:-0}/stat" 2>/dev/null)"
login whoami
sleep 1
n=$(app_pids)
login whoami
sleep 1
expect_eq "serve (embedded): the second login is served by the pooled backend" "0 $n" "$rc $(app_pids)"
stop serve
expect_eq "serve stopped: nothing left" "" "$(leftovers)"

# --- no pgbouncer binary: said once, the demo works directly -----------------------------
conf nobin "pooler_bin = \"$T_TMP/nobin/pgbouncer\";"
start nobin demo "Ctrl-C stops the demo"
expect_eq "no binary: said once in the log" 1 "$(grep -c "PgBouncer $T_TMP/nobin/pgbouncer: No such file or directory; the application connects to PostgreSQL directly" "$LOG")"
expect_match "no binary: sessions connect directly" "^sessions: host=$RUN port=5432 dbname=rashin user=rashin_app$" "$(cat "$T_TMP/out")"
expect_eq "no binary: no pgbouncer" "" "$(for p in $(pgrep -P "$SRV"); do cat "/proc/$p/comm"; done | grep -x pgbouncer)"
login whoami
sleep 1
expect_eq "no binary: after logout no backend stays" 0 "$(backends)"
expect_eq "no binary: no warm-up" 0 "$(grep -c "pool warm-up" "$LOG")"
n=$(sessions)
login whoami
expect_match "no binary: a login works" "^admin " "$out"
sleep 1
n=$(($(sessions) - n))
[ "$n" -ge 1 ] && ok "no binary: a login starts backends ($n)" || not_ok "no binary: a login starts backends" "$n"
stop "demo without the binary"

# --- database.pooler = "off" -------------------------------------------------------------
conf off 'pooler = "off";'
start off demo "Ctrl-C stops the demo"
expect_contains "pooler off: said in the log" "database.pooler is off" "$(cat "$LOG")"
expect_eq "pooler off: no pgbouncer" "" "$(for p in $(pgrep -P "$SRV"); do cat "/proc/$p/comm"; done | grep -x pgbouncer)"
login version
expect_eq "pooler off: a login works" 0 "$rc"
stop "demo with the pooler off"
expect_eq "all stopped: nothing left" "" "$(leftovers)"
