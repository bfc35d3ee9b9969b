#!/bin/sh
# make ha-test (issue 27): a standby and automatic failover on loopback. etcd, two
# PostgreSQL 15 nodes managed by Patroni (synchronous_mode_strict: a commit is
# acknowledged only once the standby has it) and a rashin front-end (`rashin serve`)
# whose database.conninfo names both nodes (libpq multi-host, target_session_attrs=
# read-write). Clients write HA_RATE changes a second over SSH (`risks add`), a console
# has a form half typed; the primary's postmaster is killed with -9. Then: every change a
# client was told was saved is on the new primary, none it was told was refused is there,
# the clients and the console save again (the form's input kept, no new login), the
# notification hub listens on the new primary, and the old node comes back as the sync
# standby. The summary's last lines give the figures (README, bench/README.md).
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

RASHIN=${HA_RASHIN:-$ROOT/rashin}	# the normal build: timings as in production
RATE=${HA_RATE:-10}			# changes a second, all clients together
WRITERS=${HA_WRITERS:-8}
export LANG=C.UTF-8
for t in etcd etcdctl patroni patronictl curl tmux ssh; do
	command -v $t >/dev/null 2>&1 || { not_ok "$t installed (make ha-test installs patroni, etcd-server)"; exit 1; }
done
[ -x "$RASHIN" ] || { not_ok "$RASHIN built (make all)"; exit 1; }
bin=$(pg_bindir) || exit 1
if [ "$(id -u)" -eq 0 ]; then
	PG_USER=rashin
	id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
fi
ms() { date +%s%3N; }
# as_user CMD... &: as the cluster's user, the background job's pid being CMD's own (the
# subshell execs setpriv, which execs CMD; runuser would stay the parent and a signal to
# it would not reach Patroni)
as_user() {
	if [ -n "$PG_USER" ]; then exec setpriv --reuid="$PG_USER" --regid="$PG_USER" --init-groups -- "$@"
	else exec "$@"; fi
}

# Ports: a block of seven free ones from a base picked by pid.
B=$((30000 + $$ % 20000))
free() { ! bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }
while ! { free $B && free $((B + 1)) && free $((B + 2)) && free $((B + 3)) &&
	free $((B + 4)) && free $((B + 5)) && free $((B + 6)); }; do B=$((B + 7)); done
ETCD=$B; PEER=$((B + 1)); PG1=$((B + 2)); PG2=$((B + 3)); API1=$((B + 4)); API2=$((B + 5)); PORT=$((B + 6))
HA=$T_TMP/ha
mkdir -p "$HA"
[ -n "$PG_USER" ] && chown "$PG_USER" "$HA"

# Everything this test started, stopped by PID: Patroni (it stops its PostgreSQL), then
# any postmaster left, then etcd; then common.sh's cleanup (rashin serve, tmux).
HA_PIDS=""
ha_cleanup() {
	for p in $WPIDS; do kill "$p" 2>/dev/null; done
	for p in $HA_PIDS; do kill -TERM "$p" 2>/dev/null; done
	for p in $HA_PIDS; do
		i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	for n in 1 2; do
		pm=$(head -1 "$HA/pg$n/postmaster.pid" 2>/dev/null)
		[ -n "$pm" ] && kill -KILL "$pm" 2>/dev/null
	done
	[ -n "${ETCD_PID:-}" ] && kill -TERM "$ETCD_PID" 2>/dev/null
	# the postmasters' children end after them: wait, or the directory goes from under them
	i=0; while pgrep -f -- "-D $HA/pg" >/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	# what happened, kept for reading: writes (writer seq rc start end), logs
	OUT=${HA_OUT:-$ROOT/build/ha-test}
	rm -rf "$OUT"; mkdir -p "$OUT"
	cp "$HA"/writes "$HA"/*.log "$HA"/w*.out "$HA"/kill "$LOG" "$OUT/" 2>/dev/null
	t_cleanup
}
WPIDS=""
trap ha_cleanup EXIT

# etcd: one member, loopback only.
as_user etcd --name ha --data-dir "$HA/etcd" --listen-client-urls "http://127.0.0.1:$ETCD" \
	--advertise-client-urls "http://127.0.0.1:$ETCD" --listen-peer-urls "http://127.0.0.1:$PEER" \
	--initial-advertise-peer-urls "http://127.0.0.1:$PEER" --initial-cluster "ha=http://127.0.0.1:$PEER" \
	--log-level warn >"$HA/etcd.log" 2>&1 &
ETCD_PID=$!
i=0; until etcdctl --endpoints "127.0.0.1:$ETCD" endpoint health >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 100 ] && { not_ok "etcd starts" "$(cat "$HA/etcd.log")"; exit 1; }
	sleep 0.1
done
ok "etcd answers on 127.0.0.1:$ETCD"

# node N's Patroni configuration (docs/operations.md explains each setting)
node_conf() {
	n=$1; pg=$2; api=$3
	cat >"$HA/n$n.yml" <<YML
scope: rashin-ha
name: node$n
restapi: { listen: 127.0.0.1:$api, connect_address: 127.0.0.1:$api }
etcd3: { hosts: 127.0.0.1:$ETCD }
bootstrap:
  dcs:
    ttl: 10
    loop_wait: 1
    retry_timeout: 3
    master_start_timeout: 0
    synchronous_mode: true
    synchronous_mode_strict: true
    postgresql:
      use_pg_rewind: true
      use_slots: true
      parameters:
        wal_log_hints: 'on'
        max_connections: 200
        shared_preload_libraries: plpgsql
  initdb: [ { encoding: UTF8 }, { locale: C.UTF-8 } ]
  pg_hba:
    - local all all trust
    - host replication replicator 127.0.0.1/32 trust
    - host all all 127.0.0.1/32 trust
postgresql:
  listen: 127.0.0.1:$pg
  connect_address: 127.0.0.1:$pg
  data_dir: $HA/pg$n
  bin_dir: $bin
  pgpass: $HA/pgpass$n
  authentication:
    replication: { username: replicator, password: rep }
    superuser: { username: postgres, password: pw }
    rewind: { username: postgres, password: pw }
  parameters: { unix_socket_directories: '$HA' }
YML
}
node_start() {	# node_start N: Patroni for node N (its pid in HA_PIDS)
	as_user patroni "$HA/n$1.yml" >>"$HA/n$1.log" 2>&1 &
	HA_PIDS="$HA_PIDS $!"
}
role() { curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/$2"; }	# 200 or not
members() { patronictl -c "$HA/n1.yml" list 2>&1; }
node_conf 1 $PG1 $API1; node_conf 2 $PG2 $API2
node_start 1
i=0; until [ "$(role $API1 primary)" = 200 ]; do
	i=$((i + 1)); [ $i -gt 600 ] && { not_ok "node1 bootstraps as primary" "$(tail -20 "$HA/n1.log")"; exit 1; }
	sleep 0.1
done
node_start 2
i=0; until members | grep -q "Sync Standby.*streaming\|Sync Standby.*running"; do
	i=$((i + 1)); [ $i -gt 600 ] && { not_ok "node2 becomes the sync standby" "$(members; tail -20 "$HA/n2.log")"; exit 1; }
	sleep 0.1
done
ok "Patroni: node1 primary, node2 sync standby"

# The database and rashin on it, through the multi-host conninfo rashin is given.
export PGHOST=127.0.0.1,127.0.0.1 PGPORT=$PG1,$PG2 PGUSER=postgres PGDATABASE=postgres \
	PGTARGETSESSIONATTRS=read-write PGCONNECT_TIMEOUT=2
psql -qX -c "CREATE DATABASE rashin" >/dev/null || { not_ok "CREATE DATABASE"; exit 1; }
export PGDATABASE=rashin
MULTI="host=127.0.0.1,127.0.0.1 port=$PG1,$PG2 target_session_attrs=read-write connect_timeout=2"
CONF=$T_TMP/rashin.conf; LOG=$T_TMP/rashin.log; KEYS=$T_TMP/keys
mkdir -p "$KEYS"
cat >"$CONF" <<CONF
database: {
  conninfo = "$MULTI dbname=rashin user=rashin_app";
  owner_conninfo = "$MULTI dbname=rashin user=postgres";
  data_dir = "$T_TMP/var";
  sql_dir = "$ROOT/sql";
};
log: { destination = "$LOG"; level = "info"; };
server: { listen = "127.0.0.1"; port = $PORT; host_key = "$T_TMP/hostkey/ssh_host_ed25519_key";
  max_startups = "60:30:200"; max_sessions = 4; idle_timeout = 0; penalty_base = 0; };
CONF
"$RASHIN" -c "$CONF" migrate >"$T_TMP/migrate.out" 2>&1 || { not_ok "migrate" "$(cat "$T_TMP/migrate.out")"; exit 1; }
for f in fixture mig_fixture; do
	psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/$f.sql" >/dev/null || { not_ok "$f loads"; exit 1; }
done
for who in tadmin tlead; do
	ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$KEYS/$who"; register "$who" "$KEYS/$who"
done
"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
SERVER=$!; track_pid "$SERVER"
i=0; until grep -q "sshd: listening on" "$LOG" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 150 ] && { not_ok "rashin serve starts" "$(tail -20 "$LOG")"; exit 1; }
	sleep 0.1
done
SSH="ssh -F /dev/null -p $PORT -o UserKnownHostsFile=$T_TMP/known_hosts -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=10"
hub_on() { psql_q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rashin hub'" 2>/dev/null; }
i=0; until [ "$(hub_on)" = 1 ]; do
	i=$((i + 1)); [ $i -gt 100 ] && { not_ok "the hub listens on the primary"; break; }
	sleep 0.1
done
ok "rashin serve on 127.0.0.1:$PORT, database on both nodes"

# A console over SSH with a form half typed: the add form of :risks, its title typed.
tmux_start C 100 30 "env TERM=xterm-256color LC_ALL=C.UTF-8 $SSH -tt -o SetEnv=LANG=ja_JP.UTF-8 \
	-i $KEYS/tlead tlead@127.0.0.1 2>$T_TMP/C.ssh.err; sleep 600"
tmux_wait_for "DB ●" 15 C || { not_ok "console over SSH" "$(tmux_capture C; cat "$T_TMP/C.ssh.err")"; exit 1; }
tmux_send -t C ':' 'risks' Enter; sleep 0.5
tmux_send -t C n
tmux_wait_for "課題・リスクの追加" 5 C || not_ok "the add form opens" "$(tmux_capture C)"
tmux_send -t C -l 業務; sleep 0.3; tmux_send -t C Enter; sleep 0.2
tmux_send -t C Tab; tmux_send -t C -l 'フェイルオーバー中の入力'
sleep 0.3

# Writers: WRITERS loops, RATE changes a second in all; each line "writer seq rc start end".
# Each writer keeps one SSH connection (a ControlMaster) and runs each change on an exec
# channel of its own over it, as a script on a laptop would: no key exchange per change.
writer() {	# writer W
	gap=$((1000 * WRITERS / RATE)); s=0
	ctl="$HA/ctl-$1"
	$SSH -i "$KEYS/tadmin" -o ControlMaster=yes -o ControlPath="$ctl" -N tadmin@127.0.0.1 \
		</dev/null >>"$HA/w$1.out" 2>&1 &
	master=$!
	trap 'kill $master 2>/dev/null' EXIT
	i=0; until [ -S "$ctl" ] || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
	while [ ! -e "$HA/stop" ]; do
		s=$((s + 1)); t0=$(ms)
		out=$($SSH -o ControlPath="$ctl" -i "$KEYS/tadmin" tadmin@127.0.0.1 risks add テスト業務 \
			--title "ha-$1-$s" --kind risk 2>&1 </dev/null)
		rc=$?; t1=$(ms)
		echo "$s $out" >>"$HA/w$1.out"
		# a save whose connection broke as it ended: db.c checked its receipt
		case "$out" in
		*再接続して確認しました*) rc=0 ;;		# it was saved
		*保存されたかどうか確認できません*) rc=9 ;;	# not known
		esac
		echo "$1 $s $rc $t0 $t1" >>"$HA/writes"
		left=$((gap - (t1 - t0)))
		[ $left -gt 0 ] && sleep "$(printf '0.%03d' "$left")"
	done
}
: >"$HA/writes"
w=1; while [ $w -le "$WRITERS" ]; do writer $w & WPIDS="$WPIDS $!"; w=$((w + 1)); done
sleep 8

# kill -9 of the primary's postmaster (its backends end with it); Patroni
# (master_start_timeout 0) promotes the sync standby instead of restarting it.
PM=$(head -1 "$HA/pg1/postmaster.pid")
T_KILL=$(ms)
kill -KILL "$PM"
echo "killed the primary's postmaster $PM at $T_KILL" >"$HA/kill"

# Until each writer has saved again after the kill, plus 5 s; at most 120 s.
saved_again() { awk -v k="$T_KILL" '$3 == 0 && $4 > k { print $1 }' "$HA/writes" | sort -u | wc -l; }
i=0; until [ "$(saved_again)" -ge "$WRITERS" ]; do
	i=$((i + 1)); [ $i -gt 1200 ] && break
	sleep 0.1
done
sleep 5
touch "$HA/stop"; for p in $WPIDS; do wait "$p"; done; WPIDS=""
NEWP=$(psql_q "SELECT inet_server_port()")
expect_eq "the standby (node2) is the new primary" "$PG2" "$NEWP"

# What the clients were told, against what the new primary has.
psql_q "SELECT title FROM mig_risk WHERE title LIKE 'ha-%'" | sort >"$HA/present"
awk '$3 == 0 { print "ha-" $1 "-" $2 }' "$HA/writes" | sort >"$HA/acked"
awk '$3 != 0 && $3 != 9 { print "ha-" $1 "-" $2 }' "$HA/writes" | sort >"$HA/refused"
UNKNOWN=$(awk '$3 == 9' "$HA/writes" | wc -l)
CHECKED=$(grep -h 再接続して確認しました "$HA"/w*.out 2>/dev/null | wc -l)
N=$(wc -l <"$HA/writes"); NA=$(wc -l <"$HA/acked"); NR=$(wc -l <"$HA/refused")
LOST=$(comm -23 "$HA/acked" "$HA/present" | wc -l)
DONE_REFUSED=$(comm -12 "$HA/refused" "$HA/present" | wc -l)
DUP=$(psql_q "SELECT count(*) FROM (SELECT title FROM mig_risk WHERE title LIKE 'ha-%' GROUP BY title HAVING count(*) > 1) d")
expect_eq "every acknowledged change is on the new primary" 0 "$LOST"
expect_eq "no change is there twice" 0 "$DUP"
expect_eq "no change the client was told was not saved is there" 0 "$DONE_REFUSED"
expect_eq "every writer saved again after the kill" "$WRITERS" "$(saved_again)"
# seconds from the kill to the first change acknowledged that was sent after it
AGAIN=$(awk -v k="$T_KILL" '$3 == 0 && $4 > k { if (m == "" || $5 < m) m = $5 } END { print m }' "$HA/writes")
[ -n "$AGAIN" ] && RECOVER=$(awk -v a="$AGAIN" -v k="$T_KILL" 'BEGIN { printf "%.1f", (a - k) / 1000 }') || RECOVER=never
FAIL_FIRST=$(awk -v k="$T_KILL" '$3 != 0 && $5 > k { if (m == "" || $4 < m) m = $4 } END { print m }' "$HA/writes")
RATE_SEEN=$(awk -v k="$T_KILL" '$4 < k - 1000 { n++; if (f == "" || $4 < f) f = $4; if ($5 > l) l = $5 } END { if (l > f) printf "%.1f", n * 1000 / (l - f); else print 0 }' "$HA/writes")

# The hub listens on the new primary; the console reconnected without a new login,
# its form still holds what was typed, and saving it works.
i=0; until [ "$(hub_on)" = 1 ]; do i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1; done
expect_eq "the notification hub listens on the new primary" 1 "$(hub_on)"
tmux_wait_for "DB ●" 15 C && ok "the console is connected again (no new login)" ||
	not_ok "the console is connected again (no new login)" "$(tmux_capture C | head -3)"
expect_contains "the form being edited kept its input" "フェイルオーバー中の入力" "$(tmux_capture C)"
tmux_send -t C F2
i=0; until [ "$(psql_q "SELECT count(*) FROM mig_risk WHERE title = 'フェイルオーバー中の入力'")" = 1 ]; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done
expect_eq "the console's save after the failover is stored once" 1 \
	"$(psql_q "SELECT count(*) FROM mig_risk WHERE title = 'フェイルオーバー中の入力'")"
as tadmin tadmin whoami
expect_eq "a new SSH login works" 0 "$rc"

# The old node comes back as the sync standby (pg_rewind), so commits have a standby again.
i=0; until members | grep "node1" | grep -q "Sync Standby"; do
	i=$((i + 1)); [ $i -gt 600 ] && break; sleep 0.1
done
expect_match "the old primary rejoined as the sync standby" "node1 .*Sync Standby" "$(members)"
members | sed 's/^/# /'

echo "# ---- failover summary ----"
echo "# clients: $WRITERS over SSH (risks add), $RATE_SEEN changes/s before the kill (asked $RATE)"
echo "# changes sent: $N; acknowledged: $NA (of which $CHECKED after the connection broke as they ended: receipt checked); refused: $NR (of which on the new primary: $DONE_REFUSED); not known: $UNKNOWN"
echo "# acknowledged writes lost at failover: $LOST"
echo "# seconds from kill -9 of the primary to saving again: $RECOVER"
[ -n "$FAIL_FIRST" ] && echo "# first failure $(awk -v a="$FAIL_FIRST" -v k="$T_KILL" 'BEGIN { printf "%.1f", (a - k) / 1000 }') s after the kill"
