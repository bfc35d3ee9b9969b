#!/bin/sh
# Privilege separation of `rashin serve`, through the real OpenSSH client:
#  - as root, the listener binds and then runs as the service user rashin, with no
#    capabilities and no way back to root; a connection process (the monitor), its
#    network process and its console run as rashin too, with no_new_privs, a seccomp
#    filter (Seccomp: 2) and no capabilities;
#  - privilege separation (backend/sshd/sshd_monitor.h): the network process is the
#    monitor's child, the console too (not the network process's); the network process
#    has one filter more (stacked), RLIMIT_NPROC 0, few descriptors, no socket but the
#    client's and its monitor's (none to PostgreSQL, as the console has), and wiped the
#    password and the connection strings; kill -9 of it ends the console and the monitor, which
#    audits the logout; kill -9 of the monitor ends the network process and the console;
#  - from a session, the calls only an attacker would make (execve, setuid, mount) kill
#    the process, and a TCP socket, a new user namespace or a file made are refused
#    (the test build's `rashin-sandbox-probe`, sshd_sandbox.h);
#  - a session that reaches server.max_memory_mb ends with a message saying so, to the
#    client and in the log;
#  - per_source_max_startups: 50 idle connections from 127.0.0.2 hold 3 slots, and
#    members logging in from 127.0.0.1 all get in (MaxStartups 4 would otherwise be full).
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
# a sanitizer build dies when malloc fails unless told to return NULL as the C library
# does; the server's sessions then meet the cap as a normal build's do
export ASAN_OPTIONS="$ASAN_OPTIONS:allocator_may_return_null=1"
GRACE=30 PER_SOURCE=3 MAX_MEMORY_MB=64 sshd_setup "4:100:4" 0 || exit 1

# field PID NAME: a line of /proc/PID/status, its first value
field() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
user_of() { ps -o user= -p "$1" | tr -d ' '; }

# --- who runs what ------------------------------------------------------------------
if [ "$(id -u)" -eq 0 ]; then
	expect_eq "listener runs as the service user" rashin "$(user_of "$SERVER")"
	expect_eq "listener: real, effective, saved and fs uid are rashin's" \
		"$(id -u rashin) $(id -u rashin) $(id -u rashin) $(id -u rashin)" \
		"$(awk '$1 == "Uid:" { print $2, $3, $4, $5 }' "/proc/$SERVER/status")"
	expect_eq "listener: no supplementary groups" "" "$(awk '$1 == "Groups:" { print $2 }' "/proc/$SERVER/status")"
	expect_eq "listener: no effective capability" 0000000000000000 "$(field "$SERVER" CapEff)"
	expect_eq "listener: no capability can come back (bounding set empty)" 0000000000000000 "$(field "$SERVER" CapBnd)"
	expect_contains "listener says whom it runs as" "running as the service user rashin" "$(cat "$LOG")"
else
	expect_eq "listener stays the invoking user" "$(id -un)" "$(user_of "$SERVER")"
fi

c="env TERM=xterm-256color LC_ALL=C.UTF-8 $SSH -tt -o SetEnv=LANG=ja_JP.UTF-8 \
-i $KEYS/tadmin tadmin@127.0.0.1 2>$T_TMP/con.err; echo ssh-exit=\$?; sleep 60"
tmux_start con 80 24 "$c"
if tmux_wait_for "DB ●" 20 con; then ok "console over ssh"; else not_ok "console over ssh" "$(tmux_capture con)"; fi
# procs_of: the connection process (the monitor) with a console, its network process
# (rashin-net) and the console, as "MONITOR NET CONSOLE"
procs_of() {
	for p in $(pgrep -P "$SERVER"); do
		n=$(pgrep -P "$p" -x rashin-net) || continue
		k=$(pgrep -P "$p" | grep -vx "$n" | head -1)
		[ -n "$k" ] && echo "$p $n $k"
	done | head -1
}
set -- $(procs_of)
CONN=${1:-} NET=${2:-} KID=${3:-}
if [ -n "$CONN" ] && [ -n "$NET" ] && [ -n "$KID" ]; then
	ok "monitor $CONN with its network process $NET and console $KID"
	expect_eq "two children of the monitor: the network process and the console" 2 "$(pgrep -P "$CONN" | wc -l)"
	expect_eq "the network process is the monitor's child" "$CONN" "$(field "$NET" PPid)"
	expect_eq "the console is the monitor's child, not the network process's" "$CONN" "$(field "$KID" PPid)"
	for p in "$CONN" "$NET" "$KID"; do
		what=monitor; [ "$p" = "$KID" ] && what=console; [ "$p" = "$NET" ] && what=network
		[ "$(id -u)" -eq 0 ] && expect_eq "$what process runs as rashin" rashin "$(user_of "$p")"
		expect_eq "$what process: NoNewPrivs" 1 "$(field "$p" NoNewPrivs)"
		expect_eq "$what process: seccomp filter (Seccomp: 2)" 2 "$(field "$p" Seccomp)"
		expect_eq "$what process: no effective capability" 0000000000000000 "$(field "$p" CapEff)"
		expect_eq "$what process: no permitted capability" 0000000000000000 "$(field "$p" CapPrm)"
	done
	expect_eq "the network process has one filter more than the monitor (stacked)" \
		"$(( $(field "$CONN" Seccomp_filters) + 1 ))" "$(field "$NET" Seccomp_filters)"
	expect_eq "the console has the monitor's filters" "$(field "$CONN" Seccomp_filters)" "$(field "$KID" Seccomp_filters)"
	expect_eq "the network process may start no process (RLIMIT_NPROC 0)" 0 \
		"$(awk '/^Max processes/ { print $3 }' "/proc/$NET/limits")"
	nofile=$(awk '/^Max open files/ { print $4 }' "/proc/$NET/limits")
	if [ "$nofile" -le 64 ]; then ok "the network process: few descriptors ($nofile)"; else not_ok "network process RLIMIT_NOFILE small" "$nofile"; fi
	# each Unix socket a process holds, with the processes holding its peer
	python3 - "$NET" "$KID" >"$T_TMP/peers" <<'PY'
import re, subprocess, sys
rows = []
for line in subprocess.run(["ss", "-xpan"], capture_output=True, text=True).stdout.splitlines()[1:]:
    f = line.split()
    if len(f) >= 8:
        rows.append((f[5], f[7], set(re.findall(r"pid=(\d+),", " ".join(f[8:])))))
local = {r[0]: r for r in rows}
for who in sys.argv[1:]:
    for ino, peer, pids in rows:
        if who in pids:
            p = local.get(peer)
            print(who, ino, " ".join(sorted(p[2])) if p else "?")
PY
	comm_of() { for q in $*; do cat "/proc/$q/comm" 2>/dev/null; done | sort -u | tr '\n' ' '; }
	net_peers=$(awk -v p="$NET" '$1 == p { $1 = ""; $2 = ""; print }' "$T_TMP/peers")
	expect_eq "the network process's only Unix socket leads to the monitor" "$CONN" "$(echo $net_peers)"
	kid_peers=$(awk -v p="$KID" '$1 == p { $1 = ""; $2 = ""; print }' "$T_TMP/peers")
	expect_contains "the check sees a database connection: the console's leads to PostgreSQL" \
		postgres "$(comm_of $kid_peers)"
	expect_eq "the network process holds no TCP socket but the client's" 1 \
		"$(ss -tnp | grep -c "pid=$NET,")"
	expect_eq "the monitor holds no socket of the client's" 0 "$(ss -tnp | grep -c "pid=$CONN,")"
	expect_match "the network process wiped the password and the connection strings first" \
		"rashin\\[$NET\\] debug: .*network process: no database connection; hub sockets closed, password and connection strings wiped" "$(cat "$LOG")"
else
	not_ok "monitor, network process and console found" "$(ps -o pid,ppid,user,comm,args -g "$SERVER")"
fi

# --- kill -9 of the network process: the monitor ends the console, audits the logout ----------
if [ -n "$NET" ]; then
	kill -KILL "$NET"
	left=$(left_alive 60 "$CONN" "$KID")
	expect_eq "kill -9 of the network process ends the console and the monitor in 6 s" "" "$left"
	expect_eq "the logout is audited by the monitor" "network process killed" \
		"$(psql_q "SELECT after->>'reason' FROM audit_log WHERE action = 'LOGOUT' AND key = 'tadmin' ORDER BY id DESC LIMIT 1")"
fi
tmux_stop

# --- kill -9 of the monitor: the network process and the console end --------------------------
tmux_start con2 80 24 "$c"
if tmux_wait_for "DB ●" 20 con2; then ok "second console over ssh"; else not_ok "second console over ssh" "$(tmux_capture con2)"; fi
set -- $(procs_of)
if [ $# -eq 3 ]; then
	kill -KILL "$1"
	expect_eq "kill -9 of the monitor ends the network process and the console in 3 s" "" "$(left_alive 30 "$2" "$3")"
else
	not_ok "second monitor found" "$(ps -o pid,ppid,user,comm -g "$SERVER")"
fi
tmux_stop

# --- what the filter refuses -------------------------------------------------------------
rm -f /tmp/rashin-sandbox-probe
as tadmin tadmin rashin-sandbox-probe syscalls
expect_contains "execve kills the process (SIGSYS)" "execve: killed by signal 31" "$out"
expect_contains "setuid kills the process (SIGSYS)" "setuid: killed by signal 31" "$out"
expect_contains "mount kills the process (SIGSYS)" "mount: killed by signal 31" "$out"
expect_contains "a TCP socket is refused (the database is on a Unix socket)" \
	"socket(AF_INET): Operation not permitted" "$out"
expect_contains "a Unix socket is allowed (the database)" "socket(AF_UNIX): allowed" "$out"
expect_contains "a new user namespace is refused" "clone(CLONE_NEWUSER): Operation not permitted" "$out"
expect_contains "a file is not made" "open(O_CREAT): Operation not permitted" "$out"
if [ -e /tmp/rashin-sandbox-probe ]; then not_ok "no file made by the probe"; else ok "no file made by the probe"; fi
as tadmin tadmin whoami
expect_contains "the next command runs as before" tadmin "$out"

# --- the memory cap -------------------------------------------------------------------------
as tadmin tadmin rashin-sandbox-probe memory
expect_contains "memory cap: the client is told" \
	"this connection's memory limit was reached (server.max_memory_mb = 64)" "$out"
if [ "$rc" -ne 0 ]; then ok "memory cap: the command fails ($rc)"; else not_ok "memory cap: the command fails" "$out"; fi
expect_contains "memory cap: the log says so" \
	"out of memory (1 x 16777216 bytes): this connection's memory limit was reached" "$(cat "$LOG")"
as tadmin tadmin whoami
expect_contains "memory cap: the server serves on" tadmin "$out"

# --- per-source limit ---------------------------------------------------------------------
python3 - "$PORT" >"$T_TMP/flood.out" 2>&1 <<'PY' &
import socket, sys, time
held = []
for i in range(50):
    s = socket.socket()
    s.bind(("127.0.0.2", 0))
    try:
        s.connect(("127.0.0.1", int(sys.argv[1])))
        held.append(s)
    except OSError:
        pass
print("connected", len(held), flush=True)
time.sleep(25)
PY
FLOOD=$!
track_pid "$FLOOD"
i=0; until grep -q connected "$T_TMP/flood.out" || [ $i -gt 100 ]; do sleep 0.1; i=$((i + 1)); done
sleep 1
n=$(grep -c "refused connection from 127.0.0.2: per_source_max_startups 3" "$LOG")
if [ "$n" -ge 40 ]; then ok "flood from 127.0.0.2: $n of 50 refused (3 held)"; else not_ok "flood from 127.0.0.2 refused beyond 3" "$n refused; $(cat "$T_TMP/flood.out")"; fi
good=0
for k in 1 2 3 4 5; do
	as tadmin tadmin whoami
	case $out in *tadmin*) good=$((good + 1)) ;; esac
done
expect_eq "during the flood, 5 of 5 logins from 127.0.0.1 succeed" 5 "$good"
kill "$FLOOD" 2>/dev/null

# the sanitizer runtime works inside the filter (LeakSanitizer at each process's exit)
expect_nomatch "no sanitizer error from the sandboxed processes" "Sanitizer|Tracer caught" \
	"$(cat "$T_TMP/serve.out")"
