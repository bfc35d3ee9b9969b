# bench/run_more.sh — sourced by bench/run.sh: load, memory, data scale, render, scaling.
# Uses what run.sh set up: the demo on $PORT (PID $DEMO_PID, PostgreSQL $PG_PM), the
# private OpenSSH sshd on $PORT2 (PID $SSHD_PID), $KEY, $OWNER_CI, $APP_CI, $ADMIN_ID.

LOAD_KEYS=${LOAD_KEYS:-15}	# keys each session sends
LOAD_THINK=${LOAD_THINK:-1000}	# ms between a session's keys, on average
LOAD_STAGGER=${LOAD_STAGGER:-20}	# ms between session starts (500 sessions log in over 10 s)
# The writer: a write every LOAD_WRITER_MS that every open dashboard and board shows and
# that changes what they show (a migration step's status, back and forth), so every
# session reloads and redraws while it is measured. LOAD_WRITER=session (the default):
# one more console (not measured) on the migration board pressing 2 (doing) and 3
# (todo) on its selected cell, as a member at a console writes (the issue: "NOTIFYs
# flowing from writes made by some of the sessions"). LOAD_WRITER=exec: `ssh ... mig
# set` over exec each time (a script's write: a new channel and PostgreSQL backend each;
# under load each took hundreds of ms, so it wrote far less often than asked).
LOAD_WRITER=${LOAD_WRITER:-session}
case $LOAD_WRITER in
exec) WRITER_ARGS=(-w "mig set 4 40 doing --note bench;;mig set 4 40 todo --note bench") ;;
*) WRITER_ARGS=(-y "$(printf ':mig\r')" -w "2;;3") ;;
esac
LOAD_WRITER_MS=${LOAD_WRITER_MS:-100}	# the writer's interval (every open dashboard reloads)
# A second run at N >= 200 with the writer every LOAD_CALM_MS: a city hall's steadier rate
# (one dashboard-visible write a second across all sessions); 0 = skip.
LOAD_CALM_MS=${LOAD_CALM_MS:-1000}

# desc PID: every descendant of PID, from one ps(1) snapshot (a pgrep per process took over a
# minute with 500 PostgreSQL backends and 400 session processes: the held sessions had ended
# by the time their memory was read, and the memory table summed almost nothing)
desc() {
	ps -eo pid=,ppid= | awk -v root="$1" '{ kids[$2] = kids[$2] " " $1 }
		END { n = split(kids[root], q, " ")
			for (i = 1; i <= n; i++) { print q[i]; m = split(kids[q[i]], r, " "); for (j = 1; j <= m; j++) q[++n] = r[j] } }'
}
# mem PID...: "RSS PSS" in KiB, summed over the PIDs (smaps_rollup)
mem() {
	for p in "$@"; do cat "/proc/$p/smaps_rollup" 2>/dev/null; done |
		awk '/^Rss:/ { r += $2 } /^Pss:/ { p += $2 } END { printf "%d %d\n", r, p }'
}
mib() { awk -v k="$1" 'BEGIN { printf "%.2f", k / 1024 }'; }
# rashin_procs LISTENER: the listener's connection and session processes (not PostgreSQL,
# not its PgBouncer)
rashin_procs() { desc "$1" | while read -r p; do
	c=""; read -r c <"/proc/$p/comm" 2>/dev/null
	case $c in postgres|pgbouncer) ;; *) echo "$p" ;; esac; done; }
# pg_procs: PostgreSQL's processes and the PgBouncer in front of it (the demo's child)
pg_procs() { desc "$PG_PM"; pgrep -x -P "$DEMO_PID" pgbouncer; }

# conns LISTENER: how many connection processes (one per SSH connection) it has now (the
# demo's children are also PostgreSQL, PgBouncer and the hub: common.sh's server_kids
# counts all but the hub)
conns() { ps -o comm= --ppid "$1" | grep -cx rashin; }

# settle: wait until the last run's sessions have gone (rashin's connection processes,
# OpenSSH's session processes): 200-500 logouts take seconds, and a run started meanwhile
# measured them. At most 60 s.
settle() {
	i=0
	while [ $i -lt 120 ]; do
		c=$(conns "$DEMO_PID")
		[ -n "$SSHD_PID" ] && c=$((c + $(pgrep -c -P "$SSHD_PID")))
		[ -n "$SERVE2_PID" ] && c=$((c + $(server_kids "$SERVE2_PID" | wc -l)))
		[ "$c" -eq 0 ] && break
		sleep 0.5; i=$((i + 1))
	done
	sleep 1
}

# loadline FIELD LINE: the value of FIELD=... in a loadgen line
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# ---------------------------------------------------------------------------------------
if want load; then
	say "bench: keystroke latency under load (N = $BENCH_N; $LOAD_KEYS keys each, think ~$LOAD_THINK ms, writer every $LOAD_WRITER_MS ms) ..."
	rows=$T_TMP/load.rows; : >"$rows"
	for n in $BENCH_N; do
		settle
		r=$("$BIN/loadgen" -p "$PORT" -i "$KEY" -u admin -n "$n" -k "$LOAD_KEYS" -t "$LOAD_THINK" -S "$LOAD_STAGGER" \
			-a "$(printf '\f')" -b "$(printf '\f')" "${WRITER_ARGS[@]}" -W "$LOAD_WRITER_MS" 2>&1 | tail -1)
		printf '%s\n' "$r" >"$T_TMP/load.$n"
		o=""
		if [ -n "$SSHD_PID" ]; then
			settle
			o=$("$BIN/loadgen" -p "$PORT2" -i "$KEY" -u rashinbench -n "$n" -k "$LOAD_KEYS" -t "$LOAD_THINK" -S "$LOAD_STAGGER" \
				-a x -b "$(printf '\177')" 2>&1 | tail -1)
		fi
		say "  rashin:  $r"
		say "  openssh: $o"
		printf '%s\n' "$o" >"$T_TMP/load.$n.ref"
		case $n in 200) t99="<= 5" ;; 500) t99="< 50" ;; *) t99="-" ;; esac
		{
		table_row "N=$n p50 (logins $(field logins "$r")/$n, samples $(field samples "$r"))" \
			"$(field p50 "$r")" "$(field p50 "$o")" "-"
		table_row "N=$n p99" "$(field p99 "$r")" "$(field p99 "$o")" "$t99"
		table_row "N=$n max" "$(field max "$r")" "$(field max "$o")" "-"
		table_row "N=$n update complete (last byte) p99" "$(field done_p99 "$r")" "$(field done_p99 "$o")" "-"
		table_row "N=$n login -> first full screen p50 (after auth)" "$(field first_screen_p50 "$r")" "$(field first_screen_p50 "$o")" "<= 100"
		table_row "N=$n login -> first full screen p99 (after auth)" "$(field first_screen_p99 "$r")" "$(field first_screen_p99 "$o")" "-"
		} >>"$rows"
		if [ "$n" -ge 200 ] && [ "$LOAD_CALM_MS" -gt 0 ]; then
			settle
			c=$("$BIN/loadgen" -p "$PORT" -i "$KEY" -u admin -n "$n" -k "$LOAD_KEYS" -t "$LOAD_THINK" -S "$LOAD_STAGGER" \
				-a "$(printf '\f')" -b "$(printf '\f')" "${WRITER_ARGS[@]}" -W "$LOAD_CALM_MS" 2>&1 | tail -1)
			say "  rashin, writer every $LOAD_CALM_MS ms: $c"
			{
			table_row "N=$n, writer every $LOAD_CALM_MS ms: p50" "$(field p50 "$c")" "$(field p50 "$o")" "-"
			table_row "N=$n, writer every $LOAD_CALM_MS ms: p99" "$(field p99 "$c")" "$(field p99 "$o")" "$t99"
			table_row "N=$n, writer every $LOAD_CALM_MS ms: max" "$(field max "$c")" "$(field max "$o")" "-"
			} >>"$rows"
		fi
	done
	table_head "Keystroke latency under load: Ctrl-L (full repaint, 100x30) to first byte of the update, ms; reference: OpenSSH sshd + bash echoing x / backspace"
	cat "$rows"
	# The issue's own example of a key: a selection move, on the screen the writer
	# changes most (the migration board: every write is one of its cells).
	rows=$T_TMP/load_mig.rows; : >"$rows"
	for n in $BENCH_N; do
		settle
		r=$("$BIN/loadgen" -p "$PORT" -i "$KEY" -u admin -n "$n" -k "$LOAD_KEYS" -t "$LOAD_THINK" -S "$LOAD_STAGGER" \
			-s "$(printf ':mig\r')" -a j -b k "${WRITER_ARGS[@]}" -W "$LOAD_WRITER_MS" 2>&1 | tail -1)
		say "  rashin, :mig j/k: $r"
		case $n in 200) t99="<= 5" ;; 500) t99="< 50" ;; *) t99="-" ;; esac
		o=$(cat "$T_TMP/load.$n.ref" 2>/dev/null)	# OpenSSH at this N, from the table above
		{
		table_row "N=$n p50 (logins $(field logins "$r")/$n, samples $(field samples "$r"))" "$(field p50 "$r")" "$(field p50 "$o")" "-"
		table_row "N=$n p99" "$(field p99 "$r")" "$(field p99 "$o")" "$t99"
		table_row "N=$n max" "$(field max "$r")" "$(field max "$o")" "-"
		} >>"$rows"
	done
	table_head "Keystroke latency under load: j/k moving the selection on the migration board (:mig), writer every $LOAD_WRITER_MS ms, ms; reference as above"
	cat "$rows"
fi

# ---------------------------------------------------------------------------------------
# hold_session PORT USER: an interactive session (OpenSSH client, pty) held open and idle;
# sets HOLD_PID (the client) and keeps its stdin (a fifo) open on fd 7.
hold_session() {
	rm -f "$T_TMP/hold.fifo"; mkfifo "$T_TMP/hold.fifo"
	$SSHC -tt -p "$1" -i "$KEY" "$2@127.0.0.1" <"$T_TMP/hold.fifo" >/dev/null 2>&1 &
	HOLD_PID=$!
	exec 7>"$T_TMP/hold.fifo"
	sleep 3
}
unhold_session() { kill -TERM "$HOLD_PID" 2>/dev/null; exec 7>&-; wait "$HOLD_PID" 2>/dev/null; sleep 1; }

if want mem; then
	say "bench: memory ..."
	rows=$T_TMP/mem.rows; : >"$rows"
	set -- $(mem "$DEMO_PID")
	lrss=$1 lpss=$2
	hold_session "$PORT" admin
	conn=""; sess=""
	for p in $(pgrep -P "$DEMO_PID"); do
		[ "$(cat /proc/$p/comm 2>/dev/null)" = rashin ] || continue	# not postgres, hub, pgbouncer
		conn=$p; sess=$(pgrep -P "$p" | head -1)
	done
	set -- $(mem $conn) $(mem $sess)
	crss=$1 cpss=$2 srss=$3 spss=$4
	# the reference: sshd's processes for one connection and the shell
	unhold_session
	hold_session "$PORT2" rashinbench
	o=$(desc "$SSHD_PID")
	osh=""; osshd=""
	for p in $o; do case $(cat /proc/$p/comm 2>/dev/null) in sshd) osshd="$osshd $p" ;; *) osh="$osh $p" ;; esac; done
	set -- $(mem $osshd) $(mem $osh)
	orss=$1 opss=$2 shrss=$3 shpss=$4
	unhold_session
	{
	table_row "idle console session process, PSS" "$(mib $spss)" "$(mib $shpss)" "<= 3 MiB"
	table_row "idle console session process, RSS" "$(mib $srss)" "$(mib $shrss)" "-"
	table_row "its connection process (sshd), PSS" "$(mib $cpss)" "$(mib $opss)" "-"
	table_row "its connection process (sshd), RSS" "$(mib $crss)" "$(mib $orss)" "-"
	table_row "one idle session, all processes, PSS" "$(mib $((cpss + spss)))" "$(mib $((opss + shpss)))" "-"
	table_row "listener, PSS (reference: sshd listener)" "$(mib $lpss)" "$(mib $(mem "$SSHD_PID" | cut -d' ' -f2))" "-"
	table_row "listener, RSS" "$(mib $lrss)" "$(mib $(mem "$SSHD_PID" | cut -d' ' -f1))" "-"
	} >>"$rows"
	# N idle sessions: the processes of rashin and PostgreSQL, summed
	MEM_N=${MEM_N:-200}
	settle
	pg0=$(mem $(pg_procs) | cut -d' ' -f2)
	"$BIN/loadgen" -p "$PORT" -i "$KEY" -u admin -n "$MEM_N" -k 1 -a "$(printf '\f')" -b "$(printf '\f')" \
		-H 90 >"$T_TMP/memload.out" 2>&1 &
	LG=$!
	i=0
	while [ $i -lt 120 ]; do
		[ "$(conns "$DEMO_PID")" -ge "$MEM_N" ] && break
		sleep 0.5; i=$((i + 1))
	done
	sleep 4
	held=$(conns "$DEMO_PID")	# sessions open now
	set -- $(mem $(rashin_procs "$DEMO_PID")) $(mem $(pg_procs)) $(pgrep -c -P "$PG_PM")
	# measured: let the held sessions go (the hold is long so a slow login storm is
	# still held when sampled; it was 25 s and the sample came after they had ended)
	kill -TERM "$LG" 2>/dev/null
	wait "$LG"
	say "  ($5 PostgreSQL backends while $MEM_N sessions were open; $(tail -1 "$T_TMP/memload.out"))"
	table_head "Memory (smaps_rollup), MiB; reference: OpenSSH sshd's processes and bash for one session"
	cat "$rows"
	# per session: what the sessions held when sampled (a count short of MEM_N says the
	# storm had not finished or some were refused), PostgreSQL's growth over its state
	# before them (a pool warmed by earlier runs holds backends that are not theirs)
	[ "$held" -gt 0 ] || held=1
	table_row "$MEM_N idle sessions ($held open): rashin processes, PSS total" "$(mib $2)" "-" "-"
	table_row "$MEM_N idle sessions: PostgreSQL processes ($5), PSS total" "$(mib $4)" "-" "-"
	table_row "$MEM_N idle sessions: all, PSS growth per open session" "$(mib $(( ($2 + $4 - pg0) / held )))" "-" "-"
fi

# ---------------------------------------------------------------------------------------
if want data; then
	say "bench: data scale (generates 1M audit rows, 100k staff, 10k risks) ..."
	t=$(now_ms)
	table_head "Data scale: 1M audit rows, 100k staff, 10k risks (ms, median of 15; reference = OFFSET / no index)"
	"$BIN/datascale" "$OWNER_CI" "$APP_CI" "$ADMIN_ID" | tail -n +3 |
		awk -F'|' '{ gsub(/^ +| +$/, "", $2); gsub(/ /, "", $3); gsub(/ /, "", $4); gsub(/^ +| +$/, "", $6);
			printf "%s\t%s\t%s\t%s\n", $2, $3, $4, $6 }' >"$T_TMP/ds.out"
	while IFS="$(printf '\t')" read -r m a b tg; do table_row "$m" "$a" "$b" "$tg"; done <"$T_TMP/ds.out"
	say "  (data scale took $(( ($(now_ms) - t) / 1000 )) s, generation included)"
fi

# ---------------------------------------------------------------------------------------
if want render && [ -x "$BIN/render" ]; then
	say "bench: render ..."
	RASHIN_TEST_OWNER="$OWNER_CI" "$BIN/render" "$APP_CI" admin
fi

# ---------------------------------------------------------------------------------------
# Two listeners against one PostgreSQL (docs/scaling.md): a second `rashin serve` on its
# own port with the same database, through the same PgBouncer as the demo's sessions (the
# deployment of docs/scaling.md: front-ends share the pooler; until session 7 it went
# straight to PostgreSQL, a new backend per login); one load driver split across the two
# (every second session on the second listener, one barrier: two drivers started together
# measured one listener's keys during the other's login storm).
if want scale; then
	say "bench: two listeners, one PostgreSQL ..."
	POOL_CI=$(sed -n 's/^sessions: \(.*\) (PgBouncer.*/\1/p' "$T_TMP/demo.out")
	[ -n "$POOL_CI" ] || POOL_CI=$APP_CI	# no pooler: straight to PostgreSQL
	PORT3=$(free_port $((PORT + 2)))
	CONF2=$T_TMP/rashin2.conf
	cat >"$CONF2" <<CONF
server: {
  listen = "127.0.0.1";
  port = $PORT3;
  host_key = "$DATA/ssh_host_ed25519_key";
  max_startups = "1000";
  per_source_max_startups = 0;  # every connection comes from 127.0.0.1
  penalty_base = 0;
  idle_timeout = 0;
};
database: { conninfo = "$POOL_CI"; owner_conninfo = "$OWNER_CI"; data_dir = "$DATA"; sql_dir = "$ROOT/sql"; };
log: { destination = "$T_TMP/rashin2.log"; level = "info"; };
CONF
	"$RASHIN" -c "$CONF2" serve >"$T_TMP/serve2.out" 2>&1 &
	SERVE2_PID=$!
	i=0
	until $SSHC -p "$PORT3" -i "$KEY" admin@127.0.0.1 version </dev/null >/dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
	done
	rows=$T_TMP/scale.rows; : >"$rows"
	for n in ${SCALE_N:-200 500}; do
		h=$((n / 2))
		settle
		a=$("$BIN/loadgen" -p "$PORT" -P "$PORT3" -i "$KEY" -u admin -n "$n" -k "$LOAD_KEYS" -t "$LOAD_THINK" \
			-S "$LOAD_STAGGER" -a "$(printf '\f')" -b "$(printf '\f')" "${WRITER_ARGS[@]}" -W "$LOAD_WRITER_MS" 2>&1 | tail -1)
		say "  two listeners: $a"
		if [ -f "$T_TMP/load.$n" ]; then	# the load benchmark's run at the same N
			one=$(cat "$T_TMP/load.$n")
		else
			settle
			one=$("$BIN/loadgen" -p "$PORT" -i "$KEY" -u admin -n "$n" -k "$LOAD_KEYS" -t "$LOAD_THINK" -S "$LOAD_STAGGER" \
				-a "$(printf '\f')" -b "$(printf '\f')" "${WRITER_ARGS[@]}" -W "$LOAD_WRITER_MS" 2>&1 | tail -1)
		fi
		say "  one listener: $one"
		case $n in 200) t99="<= 5" ;; 500) t99="< 50" ;; *) t99="-" ;; esac
		{
		table_row "N=$n ($h + $((n - h))) p50 (logins $(field logins "$a")/$n)" "$(field p50 "$a")" "$(field p50 "$one")" "-"
		table_row "N=$n p99, all sessions" "$(field p99 "$a")" "$(field p99 "$one")" "$t99"
		table_row "N=$n p99, listener 1's sessions (the writer's)" "$(field p99_1 "$a")" "-" "-"
		table_row "N=$n p99, listener 2's sessions" "$(field p99_2 "$a")" "-" "-"
		table_row "N=$n max" "$(field max "$a")" "$(field max "$one")" "-"
		table_row "N=$n login -> first full screen p50" "$(field first_screen_p50 "$a")" "$(field first_screen_p50 "$one")" "<= 100"
		} >>"$rows"
	done
	table_head "Two listeners (ports $PORT and $PORT3), one PostgreSQL: Ctrl-L latency, ms; reference: the same N on one listener"
	cat "$rows"
	kill -TERM "$SERVE2_PID" 2>/dev/null
fi
