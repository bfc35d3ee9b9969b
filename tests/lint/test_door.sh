#!/bin/sh
# One door to the data (docs/architecture.md): SQL text, libpq calls and the calls that run
# a statement (db_query, db_exec, ...) live only in backend/store/. Everything above it
# (the wiring, cmd/, sshd/, lib/, tui/, screens/) calls store functions. The scan must
# be able to fail: a violation planted in a copy of the tree is caught.
. "$(dirname "$0")/../lib/common.sh"
cd "$ROOT" || exit 1

# Statements as they start in a string literal, libpq's calls and types, and db.c's
# statement runners.
SQL='"[^"]*\b(SELECT [a-z0-9_*(]|INSERT INTO|UPDATE [a-z_]+ ([a-z] )?SET|DELETE FROM|SAVEPOINT|ROLLBACK( TO)?\b|BEGIN\b|COMMIT\b|LISTEN [a-z]|NOTIFY [a-z]|WITH [a-z_]+ AS \()'
PQ='\b(PQ[a-zA-Z]+ *\(|PG(result|conn|Ping)\b|PGRES_|CONNECTION_OK)'
RUN='\bdb_(query|exec|rows|grid|batch|batch_send|batch_take|begin|commit|rollback) *\('

# door DIR: every line above the store in the tree at DIR that breaks the rule.
door() {
	(cd "$1" && for f in rashin.c backend/*.c backend/*.h backend/cmd/* backend/lib/* \
	    backend/sshd/* tui/* screens/*; do
		[ -f "$f" ] || continue
		case $f in *.c|*.h) ;; *) continue ;; esac
		grep -nHE -e "$SQL" -e "$PQ" -e "$RUN" "$f"
	done)
}

out=$(door .)
expect_eq "no SQL, no libpq call and no statement run outside backend/store/" "" "$out"

# The scan catches what it is for: plant each kind in a copy.
COPY=$T_TMP/door
mkdir -p "$COPY"
tar cf - rashin.c backend tui screens | tar xf - -C "$COPY"
expect_eq "the copy scans clean" "" "$(door "$COPY")"
plant() {
	printf '%s\n' "$2" >>"$COPY/$1"
	out=$(door "$COPY")
	expect_contains "caught: $3" "$1" "$out"
	cp "$1" "$COPY/$1"
}
plant backend/cmd/cmd_staff.c 'static const char zz[] = "SELECT login FROM staff";' "a SELECT in cmd/"
plant backend/cmd/cmd_kpi.c '	db_exec(ctx->db, zz, 0, NULL, NULL, NULL);' "a statement run from cmd/"
plant screens/training.c '	"UPDATE staff SET name = $1 "' "an UPDATE in screens/"
plant backend/cli.c 'static int zz(void) { return PQping("x"); }' "a libpq call in the wiring"
plant backend/demo.c 'static PGresult *zz;' "a libpq type in the wiring"
plant backend/lib/csv.c '	"INSERT INTO t VALUES ($1)"' "an INSERT in lib/"
plant tui/table.c '	"DELETE FROM t"' "a DELETE in tui/"
plant backend/sshd/sshd.c '	"SAVEPOINT x"' "a SAVEPOINT in sshd/"
# ... and the store itself is allowed to.
printf '%s\n' 'static const char zz[] = "SELECT 1";' >>"$COPY/backend/store/store_staff.c"
expect_eq "the store may hold SQL" "" "$(door "$COPY")"

echo "1..$T_N"
