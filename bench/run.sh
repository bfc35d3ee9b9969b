#!/bin/sh
# bench/run.sh — `make bench`: rashin against its references, measured in one run on this
# machine, each benchmark printed as a table (metric, rashin, reference, ratio, target).
# Everything listens on loopback only; every process started here is stopped by PID.
#
#   BENCH="cold login load mem data render scale"   which benchmarks (default: all)
#   BENCH_N="1 50 200 500"                            session counts for the load benchmark
#   BENCH_RUNS=50                                     logins per side for the login benchmark
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"	# EPOCHREALTIME: timing without a fork
. "$(dirname "$0")/../tests/lib/common.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd)
RASHIN=$ROOT/rashin
BENCH=${BENCH:-cold login load mem data render scale}
BENCH_N=${BENCH_N:-1 50 200 500}
BENCH_RUNS=${BENCH_RUNS:-50}
BIN=$ROOT/build/bench
SSHD_PID=""
DEMO_PID=""
SERVE2_PID=""
export LC_ALL=C.UTF-8
unset ASAN_OPTIONS

want() { case " $BENCH " in *" $1 "*) return 0 ;; esac; return 1; }
say() { printf '%s\n' "$*" >&2; }
now_ms() { t=${EPOCHREALTIME/./}; echo $((t / 1000)); }
now_us() { t=${EPOCHREALTIME/./}; echo "$t"; }

# Stop what we started, by PID, then the shared cleanup.
b_cleanup() {
	for p in $SERVE2_PID $SSHD_PID; do kill -TERM "$p" 2>/dev/null; done
	[ -n "$DEMO_PID" ] && kill -INT "$DEMO_PID" 2>/dev/null
	for p in $DEMO_PID $SERVE2_PID $SSHD_PID; do
		i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	[ -n "${BENCH_LOG:-}" ] && cp "$T_TMP/rashin.log" "$BENCH_LOG" 2>/dev/null
	t_cleanup
}
trap b_cleanup EXIT

free_port() {
	p=$1
	while bash -c "exec 3<>/dev/tcp/127.0.0.1/$p" 2>/dev/null; do p=$((p + 1)); done
	echo "$p"
}

# The bench programs, built against the same libraries as rashin.
mkdir -p "$BIN"
for prog in loadgen datascale render; do
	[ -f "$ROOT/bench/$prog.c" ] || continue
	case $prog in
	loadgen) libs="libssh" extra="-pthread" ;;
	datascale) libs="libpq" extra="" ;;
	render) libs="ncursesw libpq libssh libconfig openssl libqrencode" extra="$ROOT/build/librashin.a -lutil" ;;
	esac
	# shellcheck disable=SC2086
	cc -std=c11 -O2 -g -D_GNU_SOURCE -I"$ROOT" -Wall -Wextra -o "$BIN/$prog" "$ROOT/bench/$prog.c" \
		$extra $(pkg-config --cflags --libs $libs) || { say "bench: cannot build $prog"; exit 1; }
done

# Table helpers: header, then rows of metric / rashin / reference / ratio / target.
table_head() {
	printf '\n## %s\n\n' "$1"
	printf '| %-52s | %10s | %10s | %7s | %-12s |\n' metric rashin reference ratio target
	printf '|%s|%s|%s|%s|%s|\n' "------------------------------------------------------" \
		"------------" "------------" "---------" "--------------"
}
# table_row METRIC RASHIN REFERENCE TARGET (ratio = rashin / reference; "-" when none)
table_row() {
	ratio=$(awk -v a="$2" -v b="$3" 'BEGIN { if (b + 0 > 0 && a != "-") printf "%.2f", a / b; else print "-" }')
	printf '| %-52s | %10s | %10s | %7s | %-12s |\n' "$1" "$2" "$3" "$ratio" "$4"
}
# stats FILE: "median p95" of the numbers in FILE (one per line)
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "- -"; exit }
		m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		i = int(0.95 * NR + 0.999); if (i < 1) i = 1; if (i > NR) i = NR
		printf "%.1f %.1f\n", m / 1000, v[i] / 1000 }'
}	# (input in microseconds, output in ms)

# ---------------------------------------------------------------------------------------
# The rashin side: `rashin demo` on an empty data directory (its embedded PostgreSQL,
# migrations, demo data and keys), which is also the cold-start benchmark.
PORT=$(free_port $((20000 + $$ % 20000)))
DATA=$T_TMP/var
CONF=$T_TMP/rashin.conf
cat >"$CONF" <<CONF
server: {
  listen = "127.0.0.1";
  port = $PORT;
  host_key = "$DATA/ssh_host_ed25519_key";
  max_startups = "1000";      # the load benchmark opens hundreds of connections at once
  per_source_max_startups = 0;  # every connection comes from 127.0.0.1
  penalty_base = 0;
  idle_timeout = 0;
};
database: { data_dir = "$DATA"; sql_dir = "$ROOT/sql"; };
log: { destination = "$T_TMP/rashin.log"; level = "info"; };
CONF
KEY=$DATA/demo/admin_ed25519
SSHC="ssh -F /dev/null -o UserKnownHostsFile=/dev/null -o StrictHostKeyChecking=no -o LogLevel=ERROR -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5"

say "bench: rashin demo on an empty $DATA ..."
T0=$(now_ms)
"$RASHIN" -c "$CONF" demo >"$T_TMP/demo.out" 2>&1 &
DEMO_PID=$!
COLD=""
i=0
while [ $i -lt 600 ]; do
	if [ -f "$KEY" ] && $SSHC -p "$PORT" -i "$KEY" admin@127.0.0.1 version >/dev/null 2>&1 </dev/null; then
		COLD=$(( $(now_ms) - T0 ))
		break
	fi
	kill -0 "$DEMO_PID" 2>/dev/null || break
	sleep 0.05
	i=$((i + 1))
done
[ -n "$COLD" ] || { say "bench: rashin demo did not start"; cat "$T_TMP/demo.out" "$T_TMP/rashin.log" >&2; exit 1; }
OWNER_CI=$(sed -n 's/^database: //p' "$T_TMP/demo.out")
APP_CI=$(printf '%s' "$OWNER_CI" | sed 's/user=postgres/user=rashin_app/')
PG_PM=$(head -1 "$DATA/pg/postmaster.pid")
ADMIN_ID=$(psql "$OWNER_CI" -qXAt -c "SELECT id FROM staff WHERE login = 'admin'")

if want cold; then
	table_head "Cold start: rashin demo on an empty var/ until ssh ... version succeeds"
	table_row "initdb + migrate + seed + listen, s" "$(awk -v t="$COLD" 'BEGIN { printf "%.2f", t / 1000 }')" "-" "<= 10 s"
fi

# ---------------------------------------------------------------------------------------
# The reference: OpenSSH's sshd, private config, own host key, loopback, same client key.
start_sshd() {
	PORT2=$(free_port $((PORT + 1)))
	S=$T_TMP/sshd
	mkdir -p "$S" /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$S/host_ed25519" </dev/null
	# the reference account: bash with no rc files (root's may run anything: pyenv, ...)
	id rashinbench >/dev/null 2>&1 ||
		useradd --system --no-create-home --home-dir /nonexistent --shell /bin/bash -p '*' rashinbench
	cat "$KEY.pub" >"$S/authorized_keys"
	chown rashinbench "$S/authorized_keys"; chmod 600 "$S/authorized_keys"	# sshd reads it as the user
	cat >"$S/sshd_config" <<SSHD
Port $PORT2
ListenAddress 127.0.0.1
HostKey $S/host_ed25519
AuthorizedKeysFile $S/authorized_keys
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
AllowUsers rashinbench
StrictModes no
UsePAM no
PidFile $S/sshd.pid
MaxStartups 1000
SSHD
	/usr/sbin/sshd -D -e -f "$S/sshd_config" 2>"$S/sshd.log" &
	SSHD_PID=$!
	i=0
	until $SSHC -p "$PORT2" -i "$KEY" rashinbench@127.0.0.1 true </dev/null >/dev/null 2>&1; do
		i=$((i + 1))
		[ $i -gt 50 ] && { say "bench: private sshd refuses the key"; tail -3 "$S/sshd.log" >&2; kill -TERM "$SSHD_PID"; SSHD_PID=""; return 1; }
		sleep 0.1
	done
}
NEED_SSHD=0
want login && NEED_SSHD=1
want mem && NEED_SSHD=1
want load && NEED_SSHD=1	# the load tables' reference column
[ $NEED_SSHD = 1 ] && { start_sshd || NEED_SSHD=0; }

# one_login FILE CMD...: append the wall time of CMD in ms to FILE
one_login() {
	f=$1; shift
	t=${EPOCHREALTIME/./}
	"$@" </dev/null >/dev/null 2>&1 || { say "bench: login failed: $*"; return; }
	u=${EPOCHREALTIME/./}
	echo $((u - t)) >>"$f"	# microseconds
}

# cpu_faults PID: "CPU-ms minor-page-faults" PID and the children it has reaped have used so
# far (/proc/PID/stat: utime stime cutime cstime, minflt cminflt; a server's per-login
# processes are its reaped children)
cpu_faults() {
	awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%d %d\n", ($12 + $13 + $14 + $15) * 1000 / hz, $8 + $9 }' "/proc/$1/stat"
}
# per_login BEFORE AFTER: "CPU-ms faults" per login between two cpu_faults samples
per_login() { echo "$1 $2" | awk -v n="$BENCH_RUNS" '{ printf "%.1f %.0f\n", ($3 - $1) / n, ($4 - $2) / n }'; }

if want login && [ -n "$SSHD_PID" ]; then
	say "bench: login, $BENCH_RUNS runs each, interleaved ..."
	: >"$T_TMP/login.rashin"; : >"$T_TMP/login.openssh"
	for i in 1 2 3; do	# warm both sides
		$SSHC -p "$PORT" -i "$KEY" admin@127.0.0.1 version </dev/null >/dev/null 2>&1
		$SSHC -p "$PORT2" -i "$KEY" rashinbench@127.0.0.1 true </dev/null >/dev/null 2>&1
	done
	i=0
	r0=$(cpu_faults "$DEMO_PID"); o0=$(cpu_faults "$SSHD_PID")
	while [ $i -lt "$BENCH_RUNS" ]; do
		one_login "$T_TMP/login.rashin" $SSHC -p "$PORT" -i "$KEY" admin@127.0.0.1 version
		one_login "$T_TMP/login.openssh" $SSHC -p "$PORT2" -i "$KEY" rashinbench@127.0.0.1 true
		i=$((i + 1))
	done
	set -- $(stats "$T_TMP/login.rashin") $(stats "$T_TMP/login.openssh") \
		$(per_login "$r0" "$(cpu_faults "$DEMO_PID")") $(per_login "$o0" "$(cpu_faults "$SSHD_PID")")
	table_head "Login: ssh ... version (rashin) vs ssh ... true (OpenSSH sshd, user with plain bash), $BENCH_RUNS each, ms"
	table_row "median" "$1" "$3" "ratio <= 0.8"
	table_row "p95" "$2" "$4" "ratio <= 0.8"
	table_row "server CPU per login (user + sys, all its processes)" "$5" "$7" "-"
	table_row "minor page faults per login (all its processes)" "$6" "$8" "-"
fi

. "$ROOT/bench/run_more.sh"
