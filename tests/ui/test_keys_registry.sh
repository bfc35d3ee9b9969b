#!/bin/sh
# Every key on every screen (issue 25): a key that is neither in the screen's keymap nor
# in the generic one must not change what the screen shows, which screen is on top, or
# the data (the newest audit_log entry). tests/db/keys_registry.c presses them through
# the app loop in process, on each screen of the registry as two roles.
. "$(dirname "$0")/../lib/common.sh"

BIN="$ROOT/build-san/tests/db/keys_registry"
[ -x "$BIN" ] || { not_ok "test binary built (make san)"; exit 1; }
ui_db
export RASHIN_TEST_CONNINFO="host=$PGSOCK dbname=rashin user=rashin_app"
export RASHIN_TODAY=2026-11-24
audit0=$(psql -qXAt -c "SELECT count(*) FROM audit_log WHERE tbl <> 'rs_session'")
for who in tadmin tlead; do
	out=$("$BIN" "$who" 2>"$T_TMP/kr.err"); rc=$?
	printf '%s\n' "$out" | grep -E '^(ok|not ok) ' | sed "s/^\(ok\|not ok\) - /\1 - $who: /" |
		while IFS= read -r l; do
			case $l in
			"not ok"*) not_ok "${l#not ok - }" ;;
			*) ok "${l#ok - }" ;;
			esac
		done
	printf '%s\n' "$out" | grep '^#'
	printf '%s\n' "$out" | grep -q "^# [0-9]* unbound keys pressed as $who" &&
		[ $rc -le 1 ] && ok "$who: ran to the end (exit $rc)" ||
		not_ok "$who: ran to the end" "exit $rc; $(cat "$T_TMP/kr.err")"
done
expect_eq "no audited write from any of those keys" "$audit0" \
	"$(psql -qXAt -c "SELECT count(*) FROM audit_log WHERE tbl <> 'rs_session'")"
