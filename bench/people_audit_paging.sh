#!/bin/sh
# Audit screen paging over 1M generated rows: the keyset statements of backend/store/store_audit.c
# (first page, a page deep in the log, filtered by who / by table+key) and the capped count.
# A benchmark, not a test: sh bench/people_audit_paging.sh after make san.
. "$(dirname "$0")/../tests/lib/common.sh"
ROOT=$(cd "$(dirname "$0")/.." && pwd); RASHIN=$ROOT/build-san/rashin
pg_start || exit 1
CONF=$T_TMP/rashin.conf; write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1
psql -qX -f "$ROOT/tests/db/fixture.sql" >/dev/null
psql -qX -c "INSERT INTO audit_log (at, staff_id, tbl, key, action, before, after, prev_hash, hash) SELECT now() - (g || ' seconds')::interval, 901 + g % 6, CASE WHEN g % 3 = 0 THEN 'staff' ELSE 'measure' END, (g % 1000)::text, 'UPDATE', jsonb_build_object('name', 'a' || g), jsonb_build_object('name', 'b' || g), 'x', 'x' FROM generate_series(1, 1000000) g; ANALYZE audit_log" 
P="SET rashin.session = '$(session_of 901)';"
W="WHERE (\$1 = '' OR a.staff_id = (SELECT id FROM staff WHERE login = \$1)) AND (\$2 = '' OR a.tbl = \$2) AND (\$3 = '' OR a.key = \$3) AND (\$4 = '' OR a.action = \$4) AND (\$5 = '' OR a.at >= nullif(\$5, '')::date) AND (\$6 = '' OR a.at < nullif(\$6, '')::date + 1)"
for args in "'','','','','',''" "'tlead','','','','',''" "'','staff','5','','',''" ; do
  for anchor in 999999999 500000; do
    psql -qX -c "SET rashin.session = '$(session_of 901)'" -c "PREPARE q(text,text,text,text,text,text,bigint) AS SELECT a.id FROM audit_log a $W AND a.id < \$7 ORDER BY a.id DESC LIMIT 60" -c "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) EXECUTE q($args, $anchor)" | grep "Execution Time" | sed "s/^/[$args] anchor $anchor: /"
  done
done
psql -qX -c "EXPLAIN (ANALYZE, TIMING OFF, SUMMARY ON) SELECT count(*) FROM (SELECT 1 FROM audit_log a LIMIT 100001) x" | grep "Execution Time" | sed 's/^/capped count: /'
