#!/bin/sh
# Backups with pgBackRest (issue 27): the embedded cluster archives its WAL; `rashin backup`
# makes a full one; `backup verify` restores it into a scratch directory and proves it
# (audit chain, every table's rows against the backup's record) and catches a corrupted
# backup file and a chain that does not verify; `rashin restore --to` brings back the
# moment between two writes (the earlier present, the later absent) into a new directory
# and over data_dir's own stopped cluster; a running server is never restored over.
. "$(dirname "$0")/../lib/common.sh"

export LANG=en_US.UTF-8
command -v pgbackrest >/dev/null || { not_ok "pgbackrest installed (make deps)"; exit 1; }
VAR=$T_TMP/var
REPO=$T_TMP/repo
CONF=$T_TMP/backup.conf
cat > "$CONF" <<CONF
database: { data_dir = "$VAR"; sql_dir = "$ROOT/sql"; pool_warm = 0; };
log: { destination = "$T_TMP/rashin.log"; level = "debug"; };
server: { port = $((20000 + $$ % 20000)); host_key = "$VAR/host_key"; };
backup: { archive = "auto"; repo_path = "$REPO"; };
CONF
[ "$(id -u)" -eq 0 ] && PG_USER=rashin-db	# the embedded cluster's user (pgembed_home.h)
bin=$(pg_bindir) || exit 1
export PGHOST=$VAR/run PGUSER=postgres PGDATABASE=rashin
q() { psql -qXAt -v ON_ERROR_STOP=1 -c "$1"; }

out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "first use: cluster made and migrated" 0 "$rc"
[ -f "$REPO/archive/rashin/archive.info" ] && ok "the stanza is made on first use" ||
	not_ok "the stanza is made on first use" "$(tail -5 "$T_TMP/rashin.log")"

# serve keeps the cluster up for the writes below
"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
SERVE=$!; track_pid $SERVE
i=0; until [ -S "$VAR/run/.s.PGSQL.5432" ] && q "SELECT 1" >/dev/null 2>&1; do
	i=$((i + 1)); [ $i -gt 300 ] && { not_ok "serve started" "$(cat "$T_TMP/serve.out")"; exit 1; }
	sleep 0.1
done

expect_match "the cluster archives with pgbackrest" "pgbackrest .*archive-push %p" "$(q "SHOW archive_command")"
out=$("$RASHIN" -c "$CONF" backup 2>&1); rc=$?
expect_eq "backup: exit 0" 0 "$rc"
expect_eq "WAL archived, none failed" "t 0" "$(q "SELECT archived_count > 0, failed_count FROM pg_stat_archiver" | tr '|' ' ')"
expect_match "backup: the first one is full" "full backup .*no full backup yet" "$out"
expect_match "backup: says what it made" "backup [0-9]{8}-[0-9]{6}F \(full\) done" "$out"
label=$(ls "$REPO/backup/rashin" | grep -E '^[0-9]{8}-[0-9]{6}F$' | head -1)
[ -s "$REPO/rashin/rashin/$label.counts" ] && ok "backup: the row counts are recorded" ||
	not_ok "backup: the row counts are recorded" "$out"
out=$("$RASHIN" -c "$CONF" backup list 2>&1); rc=$?
expect_eq "backup list: exit 0" 0 "$rc"
expect_match "backup list: the set, its type and record" "$label +full .* rows counted" "$out"
expect_match "backup list: what point-in-time restore covers" "point-in-time restore: from " "$out"
# the same list in the Japanese UI: headings aligned with the rows by display width
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" backup list 2>&1)
expect_match "backup list in Japanese: the headings" "ラベル +種別 +開始 +終了 +DB容量 +保管容量 +WAL +件数記録" "$out"
expect_match "backup list in Japanese: the set and its record" "$label +full .* 行数記録あり" "$out"
expect_match "backup list in Japanese: what point-in-time restore covers" "指定時点への復元: " "$out"
h=$(printf '%s\n' "$out" | grep '^ラベル' | sed 's/種別.*//'); r=$(printf '%s\n' "$out" | grep "^$label" | cut -c38-41)
expect_eq "backup list in Japanese: the type column starts where its heading does" "37 full" \
	"$(python3 -c 'import sys,unicodedata as u; print(sum(2 if u.east_asian_width(c) in "WF" else 1 for c in sys.argv[1]))' "$h") $r"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" restore --to never 2>&1); rc=$?
expect_eq "restore in Japanese: a bad time is refused in Japanese (exit 2)" \
	"2 rashin: restore: --to never: 'YYYY-MM-DD HH:MM:SS' の形の日時ではありません" "$rc $out"

out=$("$RASHIN" -c "$CONF" backup verify 2>&1); rc=$?
expect_eq "backup verify: a good backup exits 0" 0 "$rc"
expect_match "backup verify: the chain and the rows" "audit chain intact: .*
row counts: [0-9]+ tables as recorded
backup verify: OK" "$out"
ls -d "$VAR"/verify.* >/dev/null 2>&1 && not_ok "backup verify: scratch removed" || ok "backup verify: scratch removed"

# A corrupted file in the backup: verify says so (exit 1); the file is put back after.
victim=$(find "$REPO/backup/rashin/$label/pg_data/base" -type f -size +8k | head -1)
cp "$victim" "$T_TMP/victim.keep"
printf 'corrupted by the test' | dd of="$victim" bs=1 seek=100 conv=notrunc 2>/dev/null
out=$("$RASHIN" -c "$CONF" backup verify 2>&1); rc=$?
expect_eq "backup verify: a corrupted backup file exits 1" 1 "$rc"
expect_match "backup verify: names the failed restore" "restore FAILED: .*
backup verify: FAILED" "$out"
cp "$T_TMP/victim.keep" "$victim"

# Point in time: the earlier write present, the later absent.
q "CREATE TABLE bk_probe (v text)"
q "INSERT INTO bk_probe VALUES ('early')"
sleep 1.2
T=$(q "SELECT to_char(clock_timestamp(), 'YYYY-MM-DD HH24:MI:SS')")
sleep 1.2
q "INSERT INTO bk_probe VALUES ('late')"

# restoring over a running server is refused, --force or not
out=$("$RASHIN" -c "$CONF" restore --latest --force 2>&1); rc=$?
expect_eq "restore over a running server: exit 1" 1 "$rc"
expect_match "restore over a running server: says why" "a server is running on .*stop it" "$out"
expect_eq "restore over a running server: the data is untouched" "early late" \
	"$(q "SELECT string_agg(v, ' ' ORDER BY v) FROM bk_probe")"

out=$("$RASHIN" -c "$CONF" restore --to "$T" --into "$T_TMP/r1" 2>&1); rc=$?
expect_eq "restore --to --into: exit 0" 0 "$rc"
expect_match "restore: migrations checked, chain verified, OK" "migrations: [0-9]+ applied, none pending
audit chain intact: .*
restore OK" "$out"
# look inside: started by hand on a socket of the test's
mkdir -p "$T_TMP/r1sock"; [ -n "$PG_USER" ] && chown "$PG_USER" "$T_TMP/r1sock"
as_pg "$bin/postgres" -D "$T_TMP/r1/pg" -k "$T_TMP/r1sock" -c listen_addresses= -c archive_mode=off \
	>"$T_TMP/r1.log" 2>&1 &
R1=$!; track_pid $R1
i=0; until "$bin/pg_isready" -q -h "$T_TMP/r1sock" 2>/dev/null; do
	i=$((i + 1)); [ $i -gt 100 ] && break; sleep 0.1; done
expect_eq "restore --to: the earlier write present, the later absent" "early" \
	"$(PGHOST=$T_TMP/r1sock q "SELECT string_agg(v, ' ' ORDER BY v) FROM bk_probe" 2>&1)"
as_pg "$bin/pg_ctl" -D "$T_TMP/r1/pg" -m fast -w stop >/dev/null 2>&1
out=$("$RASHIN" -c "$CONF" restore --latest --into "$T_TMP/r1" 2>&1); rc=$?
expect_eq "restore --into a directory in use: refused" 1 "$rc"
expect_match "restore --into a directory in use: says why" "not an empty directory" "$out"

# A chain that does not verify: the backup holds it, verify finds it.
id=$(q "SELECT id FROM audit_log ORDER BY id OFFSET 3 LIMIT 1")
q "UPDATE audit_log SET after = jsonb_set(coalesce(after, '{}'), '{tampered}', 'true') WHERE id = $id"
out=$("$RASHIN" -c "$CONF" backup 2>&1); rc=$?
expect_eq "backup: an incremental one" "0 incr" "$rc $(printf '%s' "$out" | grep -Eo '^incr' | head -1)"
out=$("$RASHIN" -c "$CONF" backup verify 2>&1); rc=$?
expect_eq "backup verify: a chain that does not verify exits 1" 1 "$rc"
expect_match "backup verify: names the broken entry" "audit chain BROKEN at entry $id" "$out"
expect_match "backup verify: the rows still match" "row counts: [0-9]+ tables as recorded" "$out"

# Over data_dir's own cluster: only stopped, only with --force; the old one kept.
kill -TERM $SERVE; wait $SERVE 2>/dev/null
out=$("$RASHIN" -c "$CONF" restore --to "$T" 2>&1); rc=$?
expect_eq "restore over data_dir without --force: exit 1" 1 "$rc"
expect_match "restore over data_dir without --force: says how" "give --force" "$out"
out=$("$RASHIN" -c "$CONF" restore --to "$T" --force 2>&1); rc=$?
expect_eq "restore --to --force over the stopped cluster: exit 0" 0 "$rc"
expect_match "restore --force: the old cluster is kept" "kept in .*pg\.before-restore-" "$out"
ls -d "$VAR"/pg.before-restore-* >/dev/null 2>&1 && ok "restore --force: pg.before-restore-* exists" ||
	not_ok "restore --force: pg.before-restore-* exists" "$out"
out=$("$RASHIN" -c "$CONF" audit verify 2>&1); rc=$?
expect_eq "after restore --force: the live chain verifies" 0 "$rc"
"$RASHIN" -c "$CONF" serve >"$T_TMP/serve2.out" 2>&1 &
SERVE=$!; track_pid $SERVE
i=0; until q "SELECT 1" >/dev/null 2>&1; do i=$((i + 1)); [ $i -gt 300 ] && break; sleep 0.1; done
expect_eq "after restore --force: data_dir holds the moment" "early" \
	"$(q "SELECT string_agg(v, ' ' ORDER BY v) FROM bk_probe" 2>&1)"
kill -TERM $SERVE; wait $SERVE 2>/dev/null

out=$("$RASHIN" -c "$CONF" restore --to 'yesterday' 2>&1); rc=$?
expect_eq "restore --to with a bad time: usage (2)" 2 "$rc"
echo "1..$T_N"
