#!/bin/sh
# make soak: SOAK_CYCLES (default 1000) connect / work / disconnect cycles against
# `rashin serve` (the optimised build, so the listener's RSS means something); every
# 10th client is killed with SIGKILL in the middle of a session. After each 100: the
# listener's open descriptors, its child processes, rashin_app's PostgreSQL connections
# and its RSS, against the baseline taken after the first 10 cycles. Exit 1 on any leak.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"
RASHIN=${SOAK_BIN:-$ROOT/rashin}
CYCLES=${SOAK_CYCLES:-1000}
RSS_SLACK_KB=${SOAK_RSS_SLACK_KB:-2048}
pg_start || { not_ok "throwaway cluster"; exit 1; }
sshd_setup "50:100:100" 0 || exit 1
sed -i 's/level = "debug"/level = "info"/' "$CONF"; kill -HUP "$SERVER"; sleep 0.3

measure() {
	sleep 1
	fds=$(ls /proc/"$SERVER"/fd | wc -l)
	kids=$(server_kids "$SERVER" | wc -l)
	db=$(app_backends)
	rss=$(awk '/^VmRSS/ {print $2}' /proc/"$SERVER"/status)
}
cycle() {	# one cycle; every 10th is killed mid-session
	if [ $(($1 % 10)) -eq 0 ]; then
		sleep 5 | $SSH -i "$KEYS/tadmin" tadmin@127.0.0.1 keys add >/dev/null 2>&1 &
		c=$!
		sleep 0.3
		kill -9 "$c" 2>/dev/null; wait "$c" 2>/dev/null
	else
		as tadmin tadmin staff list
		[ "$rc" -eq 0 ] || fails=$((fails + 1))
	fi
}
fails=0; i=1
while [ $i -le 10 ]; do cycle $i; i=$((i + 1)); done
measure
fds0=$fds; db0=$db; rss0=$rss
echo "# baseline after 10 cycles: fds=$fds kids=$kids db=$db rss=${rss}kB"
start=$(date +%s)
while [ $i -le "$CYCLES" ]; do
	cycle $i
	if [ $((i % 100)) -eq 0 ]; then
		measure
		echo "# cycle $i: fds=$fds kids=$kids db=$db rss=${rss}kB failures=$fails ($(($(date +%s) - start)) s)"
		if [ "$fds" -eq "$fds0" ] && [ "$kids" -eq 0 ] && [ "$db" -eq "$db0" ] &&
		    [ "$rss" -le $((rss0 + RSS_SLACK_KB)) ]; then
			ok "after $i cycles: back to baseline (fds $fds, children $kids, db $db, rss ${rss}kB)"
		else
			not_ok "after $i cycles: back to baseline" \
				"fds $fds/$fds0 children $kids db $db/$db0 rss ${rss}/${rss0}kB"
		fi
	fi
	i=$((i + 1))
done
expect_eq "no failed cycle (out of $CYCLES, every 10th killed)" 0 "$fails"
if kill -0 "$SERVER" 2>/dev/null; then ok "listener alive"; else not_ok "listener alive"; fi
