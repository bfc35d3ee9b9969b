#!/bin/sh
# Access as a generated matrix: every table in public x every role (admin, lead, trainer,
# auditor, readonly, none) x INSERT / UPDATE / DELETE, written directly as rashin_app with
# that identity (tests/db/access_matrix.sql), compared with the rule table written once in
# tests/db/access_matrix.txt. A new table without a line there (or without a policy that
# gives the line's outcome) fails. Every table has rows (tests/db/access_fixture.sql and
# the VDI commands in tests/lib/fixtures.sh), so each UPDATE / DELETE cell is tried against real rows and
# "zero" (a policy hid every row) is told apart from "no" (refused with an error).
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/fixtures.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
all_fixtures
psql -qXAt -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/access_matrix.sql" >"$T_TMP/got" 2>"$T_TMP/err" ||
	not_ok "matrix runs" "$(cat "$T_TMP/err")"
grep -v '^#' "$ROOT/tests/db/access_matrix.txt" | grep -v '^$' | tr -s ' \t' ' ' >"$T_TMP/want"
expect_eq "every table has rows: no UPDATE/DELETE cell is \"empty\"" "" "$(grep -w empty "$T_TMP/got")"
expect_eq "told apart: staff rows hidden from non-admins' UPDATE (zero), audit_log UPDATE refused (no)" \
	"staff update all zero zero zero zero zero|audit_log update no no no no no no" \
	"$(grep -E '^(staff|audit_log) update' "$T_TMP/got" | sort -r | tr '\n' '|' | sed 's/|$//')"
expect_match "matrix covers tables" "^[1-9][0-9]" "$(cut -d' ' -f1 "$T_TMP/got" | sort -u | wc -l)"
while read -r tbl op rest; do
	want=$(grep "^$tbl $op " "$T_TMP/want" | cut -d' ' -f3-)
	if [ -z "$want" ]; then not_ok "$tbl $op: in the rule table" "got: $rest"
	else expect_eq "$tbl $op (admin lead trainer auditor readonly none)" "$want" "$rest"; fi
done <"$T_TMP/got"
while read -r tbl op rest; do
	grep -q "^$tbl $op " "$T_TMP/got" || not_ok "$tbl $op: table still exists"
done <"$T_TMP/want"
# Nobody but the superuser can change the audit trail.
expect_eq "audit_log: no write for any role" "audit_log insert no no no no no no" "$(grep '^audit_log insert' "$T_TMP/got")"
