# Rows in every table, on top of tests/db/fixture.sql (already loaded) and a config in
# $CONF: the plan, migration, training and access fixtures, then the VDI rows that only
# come through their steps (tlead's request approved, provisioned, MFA started; a
# reader's request left open). Used where every table must have rows to try.
all_fixtures() {
	for f in plan_fixture mig_fixture training_fixture access_fixture; do
		psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/$f.sql" >/dev/null || not_ok "$f loads"
	done
	echo "vdi: { max_days = 366; key_file = \"$T_TMP/vdi.key\"; };" >>"$CONF"
	fx_vdi tlead request --reason r --work w --from 2026-04-01 --to 2026-09-30 --declare-no-personal-data
	fx_vdi tadmin approve 1 --manager
	fx_vdi tadmin approve 1
	fx_vdi tadmin provision 1 --username vdi-tlead --pool pool-general
	fx_vdi tadmin mfa start 1
	fx_vdi treader request --reason r --work w --from 2026-04-01 --to 2026-09-30 --declare-no-personal-data
}
fx_vdi() { w=$1; shift; "$RASHIN" -c "$CONF" vdi "$@" --as "$w" >/dev/null 2>&1 || not_ok "vdi $* as $w"; }
