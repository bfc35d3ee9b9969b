# Shared shell test helpers: TAP-like results, a throwaway PostgreSQL cluster, cleanup by PID.
# Source it from a test: . "$(dirname "$0")/../lib/common.sh"
set -u
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
RASHIN="$ROOT/build-san/rashin"
export LC_ALL=C.UTF-8
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1}
T_N=0
T_PIDS=""
T_TMP=$(mktemp -d /tmp/rashin-test.XXXXXX)
chmod 755 "$T_TMP"
PG_USER=""

ok()     { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
not_ok() { T_N=$((T_N + 1)); echo "not ok $T_N - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'; return 0; }
# check NAME CMD...: ok when CMD succeeds
check()  { n=$1; shift; if out=$("$@" 2>&1); then ok "$n"; else not_ok "$n" "$out"; fi; }
# check_fails NAME CMD...: ok when CMD fails
check_fails() { n=$1; shift; if out=$("$@" 2>&1); then not_ok "$n (unexpectedly succeeded)" "$out"; else ok "$n"; fi; }
# expect_eq NAME EXPECTED ACTUAL
expect_eq() { if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "expected: $2
actual:   $3"; fi; }
# expect_match NAME REGEX TEXT
expect_match() { if printf '%s\n' "$3" | grep -Eq -- "$2"; then ok "$1"; else not_ok "$1" "no match for /$2/ in:
$3"; fi; }
# expect_contains NAME FIXED-STRING TEXT
expect_contains() { if printf '%s\n' "$3" | grep -Fq -- "$2"; then ok "$1"; else not_ok "$1" "no \"$2\" in:
$3"; fi; }
expect_nomatch() { if printf '%s\n' "$3" | grep -Eq -- "$2"; then not_ok "$1" "unexpected /$2/ in:
$3"; else ok "$1"; fi; }

track_pid() { T_PIDS="$T_PIDS $1"; }
# alive PID: a live process: not gone, not a zombie (pid 1 in a container may reap late)
alive() { [ -r "/proc/$1/stat" ] && [ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" != Z ]; }
# left_alive TENTHS PID...: waits up to TENTHS tenths of a second for the PIDs to end;
# prints those still alive
left_alive() {
	la_n=$1; shift; la_i=0; la_left=$*
	while [ -n "$la_left" ] && [ $la_i -lt "$la_n" ]; do
		sleep 0.1; la_i=$((la_i + 1))
		la_left=$(for p in $la_left; do alive "$p" && echo "$p"; done)
	done
	echo $la_left
}

t_cleanup() {
	for p in $T_PIDS; do kill -TERM "$p" 2>/dev/null; done
	for p in $T_PIDS; do
		i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
		kill -KILL "$p" 2>/dev/null
	done
	[ -n "${T_TMUX:-}" ] && tmux -L "$T_TMUX" kill-server 2>/dev/null
	pg_stop
	rm -rf "$T_TMP"
}
trap t_cleanup EXIT
trap 'exit 1' INT TERM

pg_bindir() {
	for d in /usr/lib/postgresql/*/bin; do [ -x "$d/postgres" ] && { echo "$d"; return; }; done
	echo "no PostgreSQL server binaries under /usr/lib/postgresql" >&2; return 1
}

# as_pg CMD...: run as the cluster's owner (an unprivileged user when we are root)
as_pg() { if [ -n "$PG_USER" ]; then runuser -u "$PG_USER" -- "$@"; else "$@"; fi; }

# pg_start: a private cluster in $T_TMP/pg, Unix socket in $T_TMP/sock only.
# Sets PGHOST, PGDATABASE=rashin and PG_PID; the superuser is the cluster owner.
pg_start() {
	bin=$(pg_bindir) || return 1
	PGDIR=$T_TMP/pg; PGSOCK=$T_TMP/sock
	mkdir -p "$PGSOCK"
	if [ "$(id -u)" -eq 0 ]; then
		PG_USER=rashin
		id "$PG_USER" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_USER"
		chown "$PG_USER" "$PGSOCK"
		mkdir -p "$PGDIR"; chown "$PG_USER" "$PGDIR"
	fi
	as_pg "$bin/initdb" -D "$PGDIR" -E UTF8 --locale=C.UTF-8 -U postgres -A trust >"$T_TMP/initdb.log" 2>&1 ||
		{ cat "$T_TMP/initdb.log"; return 1; }
	as_pg "$bin/postgres" -D "$PGDIR" -k "$PGSOCK" -c listen_addresses= -c fsync=off \
		-c max_connections=300 >"$T_TMP/pg.log" 2>&1 &
	PG_PID=$!
	export PGHOST=$PGSOCK PGUSER=postgres PGDATABASE=postgres
	i=0
	until "$bin/pg_isready" -q -h "$PGSOCK" 2>/dev/null; do
		i=$((i + 1)); [ $i -gt 100 ] && { cat "$T_TMP/pg.log"; return 1; }
		sleep 0.1
	done
	psql -qX -c "CREATE DATABASE rashin" >/dev/null || return 1
	export PGDATABASE=rashin
}

pg_stop() {
	[ -n "${PG_PID:-}" ] || return 0
	# as root PG_PID is runuser's; pg_ctl reaches the postmaster itself
	[ -n "$PG_USER" ] && [ -d "${PGDIR:-}" ] &&
		as_pg "$(pg_bindir)/pg_ctl" -D "$PGDIR" -m fast -w -t 20 stop >/dev/null 2>&1
	kill -INT "$PG_PID" 2>/dev/null
	i=0; while kill -0 "$PG_PID" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	kill -KILL "$PG_PID" 2>/dev/null
	PG_PID=""
}

# psql_q SQL: one value, unaligned, as the superuser
psql_q() { psql -qXAt -v ON_ERROR_STOP=1 -c "$1"; }
# session_of STAFF_ID: a database session for that member, opened as the owner (as a local
# `rashin ... --as` does: sql/140_session.sql); prints its secret ("" for no member).
# Set it in a transaction as rashin_app: SELECT set_config('rashin.session', SECRET, true).
session_of() { psql_q "SELECT rs_session_open(login, '', 'test', interval '1 hour') FROM staff WHERE id = $1"; }
# The session processes of listener $1: its children but the notification hub
# (backend/store/notifyhub.c, named rashin-hub).
server_kids() { for p in $(pgrep -P "$1"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = rashin-hub ] || echo "$p"; done; }
# The sessions' PostgreSQL connections: the application role's but the hub's.
app_backends() { psql_q "SELECT count(*) FROM pg_stat_activity WHERE usename = 'rashin_app' AND application_name <> 'rashin hub'"; }

# write_conf FILE: a config pointing rashin at the throwaway cluster
write_conf() {
	cat >"$1" <<CONF
database: {
  conninfo = "host=$PGSOCK dbname=rashin user=rashin_app";
  owner_conninfo = "host=$PGSOCK dbname=rashin user=postgres";
  data_dir = "$T_TMP/var";
};
log: { destination = "$T_TMP/rashin.log"; level = "debug"; };
CONF
}

# The console in a real terminal (tests/ui), as tmux's regress/ drives it: a private tmux
# server (socket $T_TMUX, killed by the cleanup), sessions at a fixed size, keys sent,
# the pane read back. SESSION defaults to $T_TMUX_TARGET: the first session started.
# tmux_start SESSION COLS LINES COMMAND
tmux_start() {
	[ -n "${T_TMUX:-}" ] ||	# a new socket after tmux_stop: the old server may still be going
		{ T_TMUX_N=$((${T_TMUX_N:-0} + 1)); T_TMUX=rashin-$(basename "$0" .sh)-$$-$T_TMUX_N; }
	: "${T_TMUX_TARGET:=$1}"
	tmux -L "$T_TMUX" -f /dev/null new-session -d -s "$1" -x "$2" -y "$3" "$4"
}
# tmux_console SESSION COLS LINES LOGIN [TODAY]: `rashin tui --as LOGIN` with $CONF, in
# Japanese with the clock pinned (default 2026-11-24); stderr in $T_TMP/SESSION.err, the
# exit status in $T_TMP/SESSION.rc. Returns 1 if the title bar's 令和8年度 is not shown in 10 s.
tmux_console() {
	tmux_start "$1" "$2" "$3" "env LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=${5:-2026-11-24} \
		TERM=xterm-256color ESCDELAY=25 '$RASHIN' -c '$CONF' tui --as $4 2>'$T_TMP/$1.err'; \
		echo \$? >'$T_TMP/$1.rc'; sleep 60"
	tmux_wait_for "令和8年度" 10 "$1"
}
# tmux_send [-t SESSION] KEYS...: tmux send-keys (-l for literal text)
tmux_send() {
	tt=${T_TMUX_TARGET:-}; [ "${1:-}" = -t ] && { tt=$2; shift 2; }
	tmux -L "$T_TMUX" send-keys -t "$tt" "$@"
}
# tmux_capture [SESSION [OPTIONS...]]: the pane's text ("" for the default session)
tmux_capture() {
	tc=${1:-${T_TMUX_TARGET:-}}; [ $# -gt 0 ] && shift
	tmux -L "$T_TMUX" capture-pane -p -t "$tc" "$@"
}
# tmux_wait_for TEXT [SECONDS] [SESSION]: until the pane shows the fixed TEXT (default
# 10 s); 1 on timeout
tmux_wait_for() {
	tw=0; tl=$(( ${2:-10} * 10 ))
	while ! tmux_capture "${3:-}" | grep -Fq -- "$1"; do
		tw=$((tw + 1)); [ $tw -gt $tl ] && return 1
		sleep 0.1
	done
}
# tmux_resize COLS LINES [SESSION]
tmux_resize() { tmux -L "$T_TMUX" resize-window -t "${3:-$T_TMUX_TARGET}" -x "$1" -y "$2"; }
# tmux_stop: kill the server and its sessions (tmux_start then starts a new one)
tmux_stop() {
	[ -n "${T_TMUX:-}" ] && tmux -L "$T_TMUX" kill-server 2>/dev/null
	T_TMUX=""; T_TMUX_TARGET=""
	return 0
}

# ui_db [SQL-FILE...]: the start of a console test: skipped without tmux; a throwaway
# cluster, $CONF written and migrated, tests/db/fixture.sql and each FILE loaded (exits
# with a not_ok when any of it fails).
ui_db() {
	command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
	pg_start || { not_ok "throwaway cluster"; exit 1; }
	CONF=$T_TMP/rashin.conf
	write_conf "$CONF"
	"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
	for f in "$ROOT/tests/db/fixture.sql" "$@"; do
		psql -qX -v ON_ERROR_STOP=1 -f "$f" >/dev/null || { not_ok "fixture $f"; exit 1; }
	done
}
