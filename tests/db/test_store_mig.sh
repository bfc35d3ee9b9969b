#!/bin/sh
# The migration board's one-key write through the store (tests/db/store_mig.c) against a
# throwaway cluster with tests/db/mig_fixture.sql: the version read goes with the write,
# a stale one writes nothing and says who changed the cell and to what, a cell with no
# row yet, and the database's refusal in words.
. "$(dirname "$0")/../lib/common.sh"

BIN="$ROOT/build-san/tests/db/store_mig"
[ -x "$BIN" ] || { not_ok "test binary built (make san)"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
for f in fixture mig_fixture; do
	psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/$f.sql" >/dev/null || { not_ok "$f loads"; exit 1; }
done
expect_eq "the fixture: 901 x 913 has a row (todo), 902 x 913 none" "todo|" \
	"$(psql_q "SELECT (SELECT status FROM mig_status WHERE system_id = 901 AND step_id = 913) || '|' || coalesce((SELECT status FROM mig_status WHERE system_id = 902 AND step_id = 913), '')")"

export RASHIN_TEST_CONNINFO="host=$PGSOCK dbname=rashin user=rashin_app"
LANG=ja_JP.UTF-8 LC_ALL= "$BIN"; rc=$?
expect_eq "store test exit status" 0 "$rc"
expect_eq "history: the writes that went, by whom" "tlead:doing tadmin:done" \
	"$(psql_q "SELECT string_agg(s.login || ':' || h.new_status, ' ' ORDER BY h.id) FROM mig_status_history h JOIN staff s ON s.id = h.changed_by WHERE h.system_id = 901 AND h.step_id = 913")"
