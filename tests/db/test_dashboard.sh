#!/bin/sh
# The dashboard's numbers (backend/store/store_dashboard.c) against a throwaway cluster: the
# expected values are counted here with plain SQL, then the C test reads them through
# the store as an admin and as a lead (row-level security, department scope).
. "$(dirname "$0")/../lib/common.sh"

BIN="$ROOT/build-san/tests/db/store_dashboard"
[ -x "$BIN" ] || { not_ok "test binary built (make san)"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || { not_ok "fixture loads"; exit 1; }

# Known changes on top of the seed: one overdue step, one open risk on the lead's
# system, one submitted 1st evaluation, one VDI account ending within 30 days, targets.
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || { not_ok "test data"; exit 1; }
UPDATE mig_status SET status = 'doing', planned_end = '2026-01-31' WHERE system_id = 901 AND step_id = 901;
INSERT INTO mig_risk (system_id, title, kind) VALUES (901, 'テスト課題', 'issue');
INSERT INTO evaluation (measure_id, fy, e1_grade, e1_submitted_at) VALUES (902, 2026, 'B', now());
INSERT INTO vdi_request (id, staff_id, reason, work_kinds, no_personal_data, period_from, period_to, state)
	VALUES (901, 902, '在宅勤務', '資料作成', true, '2026-10-01', '2026-12-10', 'approved');
INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, valid_from, valid_to)
	VALUES (901, 902, 'tlead', 'pool1', '2026-10-01', '2026-12-10');
INSERT INTO dx_target (dept_id, fy, target) VALUES (901, 2026, 3), (902, 2026, 4);
SQL

steps=$(psql_q "SELECT count(*) FROM mig_step WHERE NOT retired")
systems=$(psql_q "SELECT count(*) FROM mig_system")
finished=$(psql_q "SELECT count(*) FROM mig_status st JOIN mig_step p ON p.id = st.step_id WHERE NOT p.retired AND st.status IN ('done', 'na')")
export RASHIN_TEST_CONNINFO="host=$PGSOCK dbname=rashin user=rashin_app"
export EXPECT_PARTS=$(psql_q "SELECT count(*) FROM plan_part")
export EXPECT_MEASURES=$(psql_q "SELECT count(*) FROM measure")
export EXPECT_SYSTEMS=$systems EXPECT_STEPS=$steps EXPECT_CELLS=$((systems * steps))
export EXPECT_FINISHED=$finished
export EXPECT_RATE_X1000=$(psql_q "SELECT round(100000.0 * $finished / ($systems * $steps))")
export EXPECT_ADMIN_ID=$(psql_q "SELECT id FROM staff WHERE login = 'tadmin'")
expect_eq "seed has the plan's 4 parts plus the fixture's" 5 "$EXPECT_PARTS"
expect_eq "seed has 20 systems plus the fixture's 2" 22 "$systems"

"$BIN"; rc=$?
expect_eq "store test exit status" 0 "$rc"
