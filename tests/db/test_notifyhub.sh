#!/bin/sh
# The server's notification hub (backend/store/notifyhub.c) against a throwaway cluster:
# tests/db/notifyhub.c starts hubs as a listener would and checks what subscribers get.
. "$(dirname "$0")/../lib/common.sh"

BIN="$ROOT/build-san/tests/db/notifyhub"
[ -x "$BIN" ] || { not_ok "test binary built (make san)"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
export RASHIN_TEST_CONNINFO="host=$PGSOCK dbname=rashin user=rashin_app"

"$BIN"; rc=$?
expect_eq "hub test exit status" 0 "$rc"
expect_eq "no hub connection left" 0 \
	"$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'rashin hub'")"
