#!/bin/sh
# The embedded PostgreSQL: made on first use, stopped when rashin exits, as root (server
# run as the system user "rashin-db", which alone owns its files; the sessions' user
# "rashin" reaches the sockets and nothing else; a cluster an earlier rashin left owned
# by "rashin" is re-owned, its data kept) and as a normal user; clear errors for bad set-ups;
# `rashin demo` refuses to run twice and leaves nothing behind on SIGTERM (its PostgreSQL
# and its PgBouncer).
. "$(dirname "$0")/../lib/common.sh"

export LANG=en_US.UTF-8	# messages compared below are the English ones
VAR=$T_TMP/var
CONF=$T_TMP/embedded.conf
printf 'database: { data_dir = "%s"; };\nlog: { destination = "%s/rashin.log"; };\nserver: { port = %d; };\n' \
	"$VAR" "$T_TMP" $((20000 + $$ % 20000)) > "$CONF"
pg_running() { pgrep -f -- "-D $VAR/pg" >/dev/null 2>&1; }

out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "first use: makes the cluster and migrates" 0 "$rc"
expect_match "first use: migrations applied" "migration\(s\) applied" "$out"
[ -f "$VAR/pg/PG_VERSION" ] && ok "cluster made under data_dir/pg" || not_ok "cluster made under data_dir/pg"
pg_running && not_ok "server stopped when rashin exits" || ok "server stopped when rashin exits"
[ -S "$VAR/run/.s.PGSQL.5432" ] && not_ok "socket removed" || ok "socket removed"
expect_nomatch "no TCP listener configured" "listen_addresses = '[^']" "$(cat "$VAR/pg/postgresql.conf" 2>/dev/null | grep -v '^#')"
if [ "$(id -u)" -eq 0 ]; then
	expect_eq "as root: the cluster belongs to the system user rashin-db" rashin-db "$(stat -c %U "$VAR/pg")"
	expect_eq "as root: the socket directory: rashin-db's, the sessions' group may pass" \
		"rashin-db rashin 750" "$(stat -c '%U %G %a' "$VAR/run")"
fi

# As root, a cluster an earlier rashin made (then everything was the service user
# rashin's: the sessions' user) is re-owned to rashin-db at the next start, its data kept.
if [ "$(id -u)" -eq 0 ]; then
	BIN=$(pg_bindir)
	runuser -u rashin-db -- "$BIN/pg_ctl" start -D "$VAR/pg" -w -l "$VAR/pg.log" \
		-o "-k $VAR/run -c listen_addresses=" >/dev/null 2>&1
	psql "host=$VAR/run dbname=rashin user=postgres" -qXAt -v ON_ERROR_STOP=1 \
		-c "CREATE TABLE old_cluster_marker (x int); INSERT INTO old_cluster_marker VALUES (42)" >/dev/null 2>&1
	runuser -u rashin-db -- "$BIN/pg_ctl" stop -D "$VAR/pg" -w -m fast >/dev/null 2>&1
	chown -R rashin:rashin "$VAR/pg" "$VAR/run" "$VAR/pg.log"
	chmod 700 "$VAR/run"
	expect_eq "(the old layout: the cluster is rashin's)" "rashin 0" \
		"$(stat -c %U "$VAR/pg") $(find "$VAR/pg" "$VAR/run" "$VAR/pg.log" -user rashin-db | wc -l)"
	: > "$T_TMP/rashin.log"
	out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
	expect_eq "old cluster of rashin: the start works" "0 database is up to date" "$rc $out"
	expect_eq "old cluster of rashin: re-owned, every file" "rashin-db 0" \
		"$(stat -c %U "$VAR/pg") $(find "$VAR/pg" "$VAR/run" "$VAR/pg.log" -user rashin | wc -l)"
	expect_match "old cluster of rashin: the log says what and why" \
		"the embedded PostgreSQL in $VAR belonged to rashin, the user the SSH sessions run as: [0-9]+ files and directories .* now belong to rashin-db, .* so that a session cannot read them" \
		"$(cat "$T_TMP/rashin.log")"
	: > "$T_TMP/rashin.log"
	out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
	expect_nomatch "old cluster of rashin: re-owned once (not again at the next start)" "belonged to" "$(cat "$T_TMP/rashin.log")"
fi

out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "second use: reuses the cluster" "0 database is up to date" "$rc $out"

# A stale postmaster.pid from a killed run does not stop the next start.
echo 999999 > "$VAR/pg/postmaster.pid"
out=$("$RASHIN" -c "$CONF" migrate 2>&1); rc=$?
expect_eq "stale postmaster.pid is survived" "0 database is up to date" "$rc $out"

# As root from a clone in a 0700 home (Debian's /root): the system user cannot reach
# data_dir, so the cluster goes to server_dir and data_dir/pg, run link there.
if [ "$(id -u)" -eq 0 ]; then
	H=$T_TMP/home
	mkdir -p "$H/clone"; chmod 700 "$H"
	# the default repository (data_dir/backup) is left in the 0700 home by a start before
	# the fix: its empty record directories give way to the link
	mkdir -p "$H/clone/var/backup/rashin/rashin"
	printf 'database: { data_dir = "%s/clone/var"; server_dir = "%s/sys"; sql_dir = "%s/sql"; };\nbackup: { archive = "auto"; repo_path = "%s/clone/var/backup"; };\nlog: { destination = "%s/home.log"; };\nserver: { port = %d; };\n' \
		"$H" "$T_TMP" "$ROOT" "$H" "$T_TMP" $((20000 + $$ % 20000)) > "$H/c.conf"
	out=$("$RASHIN" -c "$H/c.conf" migrate 2>&1); rc=$?
	expect_eq "0700 home: cluster made and migrated" 0 "$rc"
	home=$(ls -d "$T_TMP"/sys/embedded-* 2>/dev/null | head -1)
	[ -n "$home" ] && [ -f "$home/pg/PG_VERSION" ] && ok "0700 home: cluster under server_dir" ||
		not_ok "0700 home: cluster under server_dir" "$out $(cat "$T_TMP/home.log" 2>/dev/null)"
	expect_eq "0700 home: data_dir/pg links to it" "$home/pg" "$(readlink "$H/clone/var/pg")"
	expect_eq "0700 home: data_dir/run links to it" "$home/run" "$(readlink "$H/clone/var/run")"
	expect_eq "0700 home: owned by the cluster's system user" rashin-db "$(stat -c %U "$home/pg" 2>/dev/null)"
	expect_eq "0700 home: its home lets the sessions' user pass, lists nothing" "rashin-db 711" "$(stat -c '%U %a' "$home" 2>/dev/null)"
	# WAL is archived: the default repository went beside the cluster, where rashin reaches it
	expect_eq "0700 home: data_dir/backup links beside the cluster" "$home/backup" "$(readlink "$H/clone/var/backup")"
	expect_eq "0700 home: the repository owned by the cluster's system user" rashin-db "$(stat -c %U "$home/backup" 2>/dev/null)"
	out=$(runuser -u rashin -- ls "$home/backup" 2>&1); rc=$?
	expect_match "0700 home: the sessions' user cannot list the backup repository" "^2 .*Permission denied" "$rc $out"
	out=$(runuser -u rashin -- ls "$home" 2>&1); rc=$?
	expect_match "0700 home: the sessions' user cannot list the cluster's home" "^2 .*Permission denied" "$rc $out"
	expect_match "0700 home: the start says where the repository is" "backup repository .* is $home/backup" "$(cat "$T_TMP/home.log")"
	[ -f "$home/backup/archive/rashin/archive.info" ] && ok "0700 home: the stanza is made there" ||
		not_ok "0700 home: the stanza is made there" "$(tail -5 "$T_TMP/home.log")"
	expect_nomatch "0700 home: no 'WAL is not archived' warning" "not archived|cannot reach the repository" "$(cat "$T_TMP/home.log")"
	out=$("$RASHIN" -c "$H/c.conf" backup --full 2>&1); rc=$?
	expect_eq "0700 home: a full backup (WAL archived) exits 0" 0 "$rc"
	ls "$home/backup/archive/rashin/15-1/"*/ 2>/dev/null | grep -q '^0000' && ok "0700 home: WAL segments archived" ||
		not_ok "0700 home: WAL segments archived" "$out"
	# the stanza and the backup leave the sockets' directory as the gate it was made: the
	# cluster's, the sessions' group may pass (pgBackRest's lock was once made there, 0700)
	expect_eq "0700 home: after the stanza and a backup the sockets' directory still lets the sessions' user pass" \
		"rashin-db rashin 750" "$(stat -c '%U %G %a' "$home/run" 2>/dev/null)"
	out=$("$RASHIN" -c "$H/c.conf" migrate 2>&1); rc=$?
	expect_eq "0700 home: second use reuses it" "0 database is up to date" "$rc $out"
	pgrep -f -- "-D $home/pg" >/dev/null && not_ok "0700 home: server stopped" || ok "0700 home: server stopped"
	# a server_dir it cannot reach either: one clear line naming both
	printf 'database: { data_dir = "%s/clone/v2"; server_dir = "%s/deep"; };\n' "$H" "$H" > "$H/d.conf"
	out=$("$RASHIN" -c "$H/d.conf" migrate 2>&1); rc=$?
	expect_eq "0700 home, server_dir out of reach too: exit 1" 1 "$rc"
	expect_match "0700 home, server_dir out of reach too: says which" "can reach neither .*clone/v2 nor .*deep" "$out"
fi

# As a normal user with a data_dir of their own. The binary and the migrations are
# copied to where that user can read them: the clone may be in a 0700 home.
if [ "$(id -u)" -eq 0 ]; then
	U=rashin
	mkdir -p "$T_TMP/user"; chown "$U" "$T_TMP/user"
	cp "$RASHIN" "$T_TMP/user/rashin"; cp -r "$ROOT/sql" "$T_TMP/user/sql"
	chmod -R a+rX "$T_TMP/user"
	sed "s|$VAR|$T_TMP/user/var|" "$CONF" | sed "s|$T_TMP/rashin.log|$T_TMP/user/rashin.log|" > "$T_TMP/user/u.conf"
	chmod 644 "$T_TMP/user/u.conf"
	out=$(cd "$T_TMP/user" && runuser -u "$U" -- env ASAN_OPTIONS=detect_leaks=0 "$T_TMP/user/rashin" -c "$T_TMP/user/u.conf" migrate 2>&1); rc=$?
	expect_eq "as a normal user: cluster made and migrated" 0 "$rc"
	expect_eq "as a normal user: owned by that user" "$U" "$(stat -c %U "$T_TMP/user/var/pg" 2>/dev/null)"
	pgrep -f -- "-D $T_TMP/user/var/pg" >/dev/null && not_ok "as a normal user: server stopped" || ok "as a normal user: server stopped"
fi

# Bad set-ups: one clear line, non-zero exit, nothing started.
printf 'database: { data_dir = "/proc/rashin-no"; };\n' > "$T_TMP/bad.conf"
out=$("$RASHIN" -c "$T_TMP/bad.conf" migrate 2>&1); rc=$?
expect_eq "unwritable data_dir: exit 1" 1 "$rc"
expect_match "unwritable data_dir: named" "/proc/rashin-no" "$out"
printf 'database: { conninfo = "host=%s/nowhere dbname=rashin"; };\n' "$T_TMP" > "$T_TMP/bad.conf"
out=$("$RASHIN" -c "$T_TMP/bad.conf" migrate 2>&1); rc=$?
expect_eq "unreachable database: exit 1" 1 "$rc"
expect_match "unreachable database: says so" "database: .*(No such file|could not connect)" "$out"
printf 'database: { pg_bindir = "%s/nobin"; data_dir = "%s/v2"; };\n' "$T_TMP" "$T_TMP" > "$T_TMP/bad.conf"
out=$("$RASHIN" -c "$T_TMP/bad.conf" migrate 2>&1); rc=$?
expect_match "missing PostgreSQL binaries: named" "nobin/postgres: No such file" "$out"
# The same in Japanese (issue 26): rashin's own causes from the lower layers (the embedded
# cluster's start, the migrations, the demo's lock) are Japanese sentences; what is left
# in ASCII is paths, settings and the C library's errno text when its Japanese catalogue
# is missing. en_sentence prints any run of three English words once paths are dropped.
en_sentence() { printf '%s\n' "$1" | tr ' ' '\n' | grep -v / | tr '\n' ' ' | grep -oE '[A-Za-z]{2,}( [A-Za-z]{2,}){2,}'; }
ja_case() {	# NAME REGEX CONF COMMAND [RUNNER...]
	jn=$1 jre=$2 jconf=$3 jcmd=$4; shift 4
	out=$("$@" env LANG=ja_JP.UTF-8 "$RASHIN" -c "$jconf" "$jcmd" 2>&1); rc=$?
	expect_eq "ja: $jn: exit 1" 1 "$rc"
	expect_match "ja: $jn: in Japanese" "rashin: .*$jre" "$out"
	expect_eq "ja: $jn: no English sentence" "" "$(en_sentence "$out")"
}
printf 'database: { pg_bindir = "%s/nobin"; data_dir = "%s/v2"; };\n' "$T_TMP" "$T_TMP" > "$T_TMP/bad.conf"
ja_case "missing PostgreSQL binaries" "nobin/postgres を実行できません: .*\\(database.pg_bindir\\)" "$T_TMP/bad.conf" migrate
printf 'database: { data_dir = "%s/%s"; };\n' "$T_TMP" "$(printf 'd%.0s' $(seq 1 90))" > "$T_TMP/bad.conf"
ja_case "data_dir too long for the socket" "Unix ソケットのパスとして長すぎます" "$T_TMP/bad.conf" demo
printf 'database: { data_dir = "%s"; sql_dir = "%s/nosql"; };\nlog: { destination = "%s/rashin.log"; };\n' "$VAR" "$T_TMP" "$T_TMP" > "$T_TMP/bad.conf"
ja_case "no migrations directory" "nosql: マイグレーションのディレクトリを開けません" "$T_TMP/bad.conf" migrate
if [ "$(id -u)" -eq 0 ]; then
	# a data_dir its user may not write (root writes everywhere: as the user rashin)
	printf 'database: { data_dir = "/var/lib"; };\n' > "$T_TMP/bad.conf"; chmod 644 "$T_TMP/bad.conf"
	cp "$RASHIN" "$T_TMP/rashin.ja"; chmod 755 "$T_TMP/rashin.ja"
	RASHIN_SAVED=$RASHIN; RASHIN=$T_TMP/rashin.ja
	ja_case "unwritable data_dir (demo: its lock)" "/var/lib/rashin.lock: " "$T_TMP/bad.conf" demo \
		runuser -u rashin -- env ASAN_OPTIONS=detect_leaks=0
	ja_case "unwritable data_dir (the cluster's start)" "/var/lib に書き込めません" "$T_TMP/bad.conf" migrate \
		runuser -u rashin -- env ASAN_OPTIONS=detect_leaks=0
	RASHIN=$RASHIN_SAVED
fi
out=$("$RASHIN" -c "$T_TMP/none.conf" migrate 2>&1); rc=$?
expect_eq "missing config file: exit 2" 2 "$rc"
printf 'server: {\n  port = 70000;\n};\n' > "$T_TMP/bad.conf"
out=$("$RASHIN" -c "$T_TMP/bad.conf" demo 2>&1); rc=$?
expect_eq "bad config: exit 2 and the message" "2 rashin: $T_TMP/bad.conf:2: server.port must be 1-65535" "$rc $out"

# rashin demo: runs, refuses a second copy, and SIGTERM leaves no process behind.
(cd "$ROOT" && exec "$RASHIN" -c "$CONF" demo > "$T_TMP/demo.out" 2>&1) &
DEMO=$!
track_pid $DEMO
i=0; until grep -q "Ctrl-C stops the demo" "$T_TMP/demo.out" 2>/dev/null || [ $i -gt 300 ]; do sleep 0.1; i=$((i + 1)); done
expect_match "demo prints the database" "^database: host=$VAR/run port=5432 dbname=rashin" "$(cat "$T_TMP/demo.out")"
expect_match "demo prints an ssh line per role" "admin +ssh -p [0-9]+ -i $VAR/demo/admin_ed25519 admin@127.0.0.1" "$(cat "$T_TMP/demo.out")"
for r in admin lead trainer auditor; do
	[ -f "$VAR/demo/${r}_ed25519" ] && ok "demo key for $r" || not_ok "demo key for $r"
done
[ "$(id -u)" -eq 0 ] && expect_eq "the old cluster's data kept through the re-owning" 42 \
	"$(psql "host=$VAR/run dbname=rashin user=postgres" -qXAt -c "SELECT x FROM old_cluster_marker" 2>&1)"
expect_eq "the embedded server loads PL/pgSQL once, in the postmaster (not in each backend)" plpgsql \
	"$(psql "host=$VAR/run dbname=rashin user=postgres" -qXAt -c "SHOW shared_preload_libraries" 2>&1)"
# The cluster trusts no one (pgembed_hba.c): peer mapped by pg_ident.conf, and
# rashin_auth (which opens sessions: sql/140_session.sql) by its password alone.
expect_eq "pg_hba.conf: no trust anywhere" "" "$(grep -v '^#' "$VAR/pg/pg_hba.conf" | grep -w trust)"
expect_eq "pg_hba.conf: the socket only, peer with the map, rashin_auth by SCRAM" \
	"local all postgres peer map=rashin|local rashin rashin_app peer map=rashin|local rashin rashin_auth scram-sha-256|local rashin rashin_pool peer map=rashin" \
	"$(grep -v '^#' "$VAR/pg/pg_hba.conf" | tr -s ' ' | tr '\n' '|' | sed 's/|$//')"
out=$(psql "host=$VAR/run dbname=rashin user=rashin_auth" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
expect_eq "rashin_auth without its password: refused" 2 "$rc"
expect_eq "rashin_auth with data_dir/auth.secret: let in" 1 \
	"$(PGPASSWORD=$(cat "$VAR/auth.secret") psql "host=$VAR/run dbname=rashin user=rashin_auth" -w -qXAt -c "SELECT 1" 2>&1)"
if [ "$(id -u)" -eq 0 ]; then
	expect_eq "auth.secret: root's alone" "root 600" "$(stat -c '%U %a' "$VAR/auth.secret" 2>&1)"
	out=$(runuser -u rashin -- psql "host=$VAR/run dbname=rashin user=rashin_app" -w -qXAt -c "SELECT current_user" 2>&1)
	expect_eq "peer: the sessions' user may be rashin_app" rashin_app "$out"
	out=$(runuser -u rashin -- psql "host=$VAR/run port=6432 dbname=rashin user=rashin_app passfile=$VAR/run/pgpass" -w -qXAt -c "SELECT current_user" 2>&1)
	expect_eq "the sessions' user reaches rashin_app through PgBouncer (its passfile)" rashin_app "$out"
	for role in postgres rashin_pool; do
		out=$(runuser -u rashin -- psql "host=$VAR/run dbname=rashin user=$role" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
		expect_match "peer: the sessions' user may not be $role" "^2 .*(Peer authentication failed|no pg_ident.conf entry)" "$rc $out"
	done
	out=$(runuser -u rashin-db -- psql "host=$VAR/run dbname=rashin user=postgres" -w -qXAt -c "SELECT current_user" 2>&1)
	expect_eq "peer: the cluster's user may be postgres (pgBackRest)" postgres "$out"
	out=$(runuser -u nobody -- psql "host=$VAR/run dbname=rashin user=rashin_app" -w -qXAt -c "SELECT 1" 2>&1); rc=$?
	expect_eq "peer: another system user may not (nor reach the socket)" 2 "$rc"
	# who runs what: the servers as rashin-db; the sessions' user reads none of their files
	pm=$(head -1 "$VAR/pg/postmaster.pid")
	expect_eq "postgres (postmaster and its backends) runs as rashin-db" "rashin-db" \
		"$( (echo "$pm"; pgrep -P "$pm") | while read -r p; do ps -o user:16= -p "$p"; done | tr -d ' ' | sort -u)"
	pb=$(pgrep -f -- "$VAR/pgbouncer.ini" | head -1)
	expect_eq "pgbouncer runs as rashin-db" rashin-db "$(ps -o user:16= -p "${pb:-0}" | tr -d ' ')"
	for f in pg/PG_VERSION pg/global/pg_control pg/pg_hba.conf pg.log pgbouncer.users pgbouncer.ini; do
		out=$(runuser -u rashin -- cat "$VAR/$f" 2>&1); rc=$?
		expect_match "the sessions' user cannot read $f" "^1 .*Permission denied" "$rc $out"
	done
	for d in pg pg/pg_wal; do
		out=$(runuser -u rashin -- ls "$VAR/$d" 2>&1); rc=$?
		expect_match "the sessions' user cannot list $d" "^2 .*Permission denied" "$rc $out"
	done
	out=$(runuser -u rashin -- cat "$VAR/run/pgpass" >/dev/null 2>&1); rc=$?
	expect_eq "the sessions' user reads its passfile" 0 "$rc"
fi
out=$("$RASHIN" -c "$CONF" demo 2>&1); rc=$?
expect_eq "second demo: exit 1" 1 "$rc"
expect_match "second demo: says one is running" "rashin demo is already running" "$out"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" demo 2>&1); rc=$?
expect_match "second demo in Japanese: says one is running" "^1 rashin: .*rashin demo がすでに動いています \\(pid [0-9]+\\)。先に止めてください" "$rc $out"
kill -TERM $DEMO
i=0; while kill -0 $DEMO 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
kill -0 $DEMO 2>/dev/null && not_ok "demo exits on SIGTERM" || ok "demo exits on SIGTERM"
pg_running && not_ok "demo's PostgreSQL stopped" || ok "demo's PostgreSQL stopped"
# (the demo's PgBouncer: tests/db/test_pool.sh)
pgrep -f -- "$VAR/pgbouncer.ini" >/dev/null && not_ok "demo's PgBouncer stopped" || ok "demo's PgBouncer stopped"
