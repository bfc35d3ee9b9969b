#!/bin/sh
# A save whose connection breaks as it ends (issue 27: a failover, a restart) is reported
# done once or not done, never left a guess (backend/store/db.c db_unsure,
# sql/145_save_receipt.sql). Made deterministic on one throwaway cluster:
#  - committed but not acknowledged: synchronous_standby_names names a standby that does
#    not exist, so the COMMIT is made locally and then waits; its backend is terminated
#    (as a primary's would be lost): `risks add` says it was saved, and it is there once;
#  - not committed: the insert waits on a lock; its backend is terminated: `risks add`
#    says nothing was saved, and nothing is there;
#  - every audit entry a save appends carries its receipt; the hash chain still verifies.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
for f in fixture mig_fixture; do
	psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/$f.sql" >/dev/null || { not_ok "$f"; exit 1; }
done
export LANG=C.UTF-8
add() { timeout 60 "$RASHIN" -c "$CONF" risks add テスト業務 --title "$1" --kind risk --as tlead; }
n() { psql_q "SELECT count(*) FROM mig_risk WHERE title = '$1'"; }
# terminate the session's backend once it waits on wait_event $1
cut_when() {
	i=0; until [ "$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND wait_event = '$1' AND query NOT LIKE '%rs_session%'")" = 1 ]; do
		i=$((i + 1)); [ $i -gt 100 ] && return 1; sleep 0.1
	done
	psql_q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE backend_type = 'client backend' AND wait_event = '$1' AND query NOT LIKE '%rs_session%'" >/dev/null
}

out=$(add receipt-plain 2>&1); rc=$?
expect_eq "a plain save: exit 0" 0 "$rc"
expect_eq "its audit entry carries a receipt (32 hex digits)" 1 \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'mig_risk' AND after->>'title' = 'receipt-plain' AND save_token ~ '^[0-9a-f]{32}\$'")"

# Committed locally, the acknowledgement never comes: the connection is cut.
# A local `--as` command first opens its database session (a write, which would wait for the
# standby too): the save is held on a table lock until that is done, then the standby is
# required and the lock let go.
hold_lock() {
	psql -qX -c "BEGIN; LOCK TABLE mig_risk IN EXCLUSIVE MODE; SELECT pg_sleep(30)" >/dev/null 2>&1 &
	LOCKER=$!; track_pid $LOCKER
	i=0; until [ "$(psql_q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'mig_risk' AND l.mode = 'ExclusiveLock' AND l.granted")" = 1 ]; do
		i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
	done
}
let_go() { psql_q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" >/dev/null; }
hold_lock
add receipt-committed >"$T_TMP/c.out" 2>&1 &
ADD=$!
i=0; until [ "$(psql_q "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND wait_event = 'relation'")" = 1 ]; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done
psql_q "ALTER SYSTEM SET synchronous_standby_names = 'nobody'" >/dev/null
psql_q "SELECT pg_reload_conf()" >/dev/null; sleep 0.5
let_go
cut_when SyncRep && ok "the save waits for a standby's acknowledgement" ||
	not_ok "the save waits for a standby's acknowledgement" "$(cat "$T_TMP/c.out")"
# the command closes its database session as it ends (a write too): no standby wanted then
psql_q "ALTER SYSTEM RESET synchronous_standby_names" >/dev/null
psql_q "SELECT pg_reload_conf()" >/dev/null
wait $ADD; rc=$?
expect_eq "cut after COMMIT: exit 1 (the results are gone)" 1 "$rc"
expect_match "cut after COMMIT: says it was saved" "保存されています \(再接続して確認しました\)" "$(cat "$T_TMP/c.out")"
expect_eq "cut after COMMIT: there once" 1 "$(n receipt-committed)"

# Not committed: the insert waits on a lock held by another session; the connection is cut.
psql -qX -c "BEGIN; LOCK TABLE mig_risk IN EXCLUSIVE MODE; SELECT pg_sleep(30)" >/dev/null 2>&1 &
LOCKER=$!; track_pid $LOCKER
i=0; until [ "$(psql_q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'mig_risk' AND l.mode = 'ExclusiveLock' AND l.granted")" = 1 ]; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1
done
add receipt-lost >"$T_TMP/l.out" 2>&1 &
ADD=$!
cut_when relation && ok "the save waits on the lock" || not_ok "the save waits on the lock" "$(cat "$T_TMP/l.out")"
wait $ADD; rc=$?
psql_q "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(30)%' AND pid <> pg_backend_pid()" >/dev/null
expect_eq "cut before COMMIT: exit 1" 1 "$rc"
expect_match "cut before COMMIT: says nothing was saved" "何も保存されていません。もう一度保存してください" "$(cat "$T_TMP/l.out")"
expect_eq "cut before COMMIT: not there" 0 "$(n receipt-lost)"

out=$("$RASHIN" -c "$CONF" audit verify --as tadmin 2>&1); rc=$?
expect_eq "the audit chain verifies" 0 "$rc"
