#!/bin/sh
# Additions to the plan (新規事業追加) and schedule moves against a real PostgreSQL:
# `measures add` / `measures add-action` as IT staff, refused by the database for every
# other role, bad input named and nothing written (over-long text, invalid UTF-8,
# unknown part/department/measure, taken number); additions carry no 計画当初 text and
# show 「追加 (令和8年度)」; the seeded text cannot be changed by staff; a bar stays in
# FY2026-FY2031 and a stale version is refused (RS001); every write is audited. The
# additions and a refusal again over SSH exec.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/plan_fixture.sql" \
	>/dev/null || not_ok "fixtures load"
export RASHIN_TODAY=2026-11-25

r()  { LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" "$@"; }
ja() { LC_ALL=ja_JP.UTF-8 "$RASHIN" -c "$CONF" "$@"; }
run() { n=$1; want=$2; shift 2; out=$("$@" 2>&1); rc=$?; expect_eq "$n: exit $want" "$want" "$rc"; }
snap() { psql_q "SELECT (SELECT count(*) FROM measure) || '/' || (SELECT count(*) FROM action) || '/' ||
	(SELECT count(*) FROM measure_dept) || '/' ||
	(SELECT count(*) FROM audit_log WHERE tbl IN ('measure', 'action', 'measure_dept'))"; }

# --- measures add ---------------------------------------------------------------
before=$(snap)
run "add by a lead" 1 r measures add --part 9 --name 追加施策 --dept T-A --as tlead
expect_match "lead: refused by the database (RLS)" "permission denied: only IT staff \(admin\) may add measures and actions" "$out"
run "add by the auditor" 1 r measures add --part 9 --name 追加施策 --dept T-A --as tauditor
run "add by the readonly member" 1 r measures add --part 9 --name 追加施策 --dept T-A --as treader
run "add by the trainer" 1 r measures add --part 9 --name 追加施策 --dept T-A --as ttrainer
expect_eq "refusals: nothing written, nothing audited" "$before" "$(snap)"

run "add: unknown part" 2 r measures add --part 8 --name 追加施策 --dept T-A --as tadmin
expect_match "unknown part named" "measures add: --part: unknown part: 8" "$out"
run "add: part out of range" 2 r measures add --part 12 --name 追加施策 --dept T-A --as tadmin
expect_match "part out of range named" '--part: "12": a whole number 1-9' "$out"
run "add: part not a number" 2 r measures add --part 9x --name 追加施策 --dept T-A --as tadmin
run "add: unknown department" 2 r measures add --part 9 --name 追加施策 --dept T-A,存在しない課 --as tadmin
expect_match "unknown department named" "--dept: unknown department: 存在しない課" "$out"
run "add: no department" 2 r measures add --part 9 --name 追加施策 --as tadmin
expect_match "a department is required" "--dept: at least one responsible department" "$out"
run "add: no name" 2 r measures add --part 9 --dept T-A --as tadmin
expect_match "a name is required" "--name: a name is required" "$out"
long=$(awk 'BEGIN { for (i = 0; i < 201; i++) printf "施" }')
run "add: name of 201 characters" 2 r measures add --part 9 --name "$long" --dept T-A --as tadmin
expect_match "over-long name named with its length" "--name: name: too long \(201 characters, at most 200\)" "$out"
run "add: invalid UTF-8" 2 r measures add --part 9 --name "$(printf 'ab\377c')" --dept T-A --as tadmin
expect_match "invalid UTF-8 named" "--name: character 3 is not valid UTF-8 \(byte 0xFF\)" "$out"
run "add: control character" 2 r measures add --part 9 --name "$(printf 'a\033[2Jb')" --dept T-A --as tadmin
expect_match "control character refused" "--name: character 2, U\+001B \(a control character\), is not allowed" "$out"
run "add: bad status" 2 r measures add --part 9 --name 追加施策 --dept T-A --status finished --as tadmin
run "add: taken number" 1 r measures add --part 9 --number 1 --name 追加施策 --dept T-A --as tadmin
expect_match "taken number" "--number: that number is taken" "$out"
expect_eq "bad input: nothing written" "$before" "$(snap)"

run "add by IT staff" 0 r measures add --part 9 --name "窓口DXの推進" --goal "待たない窓口" \
	--overview "来庁者の待ち時間を短縮する。" --dept "T-A、テスト乙課" --status studying --as tadmin
expect_eq "add: says the new number (next free in part 9)" "Added 9-4" "$out"
expect_eq "add: the row, no 計画当初 text, added in FY2026" \
	"4|窓口DXの推進|待たない窓口|来庁者の待ち時間を短縮する。|studying|2026|true" \
	"$(psql_q "SELECT seq || '|' || name || '|' || goal || '|' || overview || '|' || status || '|' || added_fy || '|' || (orig_name IS NULL AND orig_goal IS NULL AND orig_overview IS NULL)::text FROM measure WHERE part_id = 9 AND seq = 4")"
expect_eq "add: both departments" "902,903" "$(psql_q "SELECT string_agg(dept_id::text, ',' ORDER BY dept_id) FROM measure_dept md JOIN measure m ON m.id = md.measure_id WHERE m.part_id = 9 AND m.seq = 4")"
expect_eq "add: audited (measure + 2 departments) as tadmin" "3 tadmin" \
	"$(psql_q "SELECT count(*) || ' ' || min(s.login) FROM audit_log a JOIN staff s ON s.id = a.staff_id WHERE a.action = 'INSERT' AND a.tbl IN ('measure', 'measure_dept') AND a.staff_id = 901")"
run "add with a number, Japanese status" 0 ja measures add --part 9 --number 7 --name 追加施策乙 --dept T-B --status 実施中 --fy 令和9年度 --as tadmin
expect_eq "add ja: says so in Japanese" "追加しました 9-7" "$out"
expect_eq "add ja: number 7, in_progress, FY2027" "in_progress|2027" "$(psql_q "SELECT status || '|' || added_fy FROM measure WHERE part_id = 9 AND seq = 7")"
run "show the addition" 0 ja measures show 9-4 --as treader
expect_match "show: 追加 (令和8年度) instead of 計画当初" "^  追加 \(令和8年度\)$" "$out"
expect_nomatch "show: no 計画当初 for an addition" "計画当初" "$out"

# --- measures add-action ----------------------------------------------------------
before=$(snap)
run "add-action by a lead (own department's measure)" 1 r measures add-action 9-1 --title 追加の具体策 --as tlead
expect_match "add-action by a lead: refused by the database" "permission denied: only IT staff \(admin\)" "$out"
run "add-action: unknown measure" 1 r measures add-action 9-99 --title 追加の具体策 --as tadmin
expect_match "add-action: unknown measure named" "unknown measure: 9-99" "$out"
long=$(awk 'BEGIN { for (i = 0; i < 301; i++) printf "a" }')
run "add-action: title of 301 characters" 2 r measures add-action 9-1 --title "$long" --as tadmin
expect_match "add-action: over-long title" "title: too long \(301 characters, at most 300\)" "$out"
run "add-action: invalid UTF-8 text" 2 r measures add-action 9-1 --title t --text "$(printf '\343\201')" --as tadmin
expect_match "add-action: invalid UTF-8 named" "--text: character 1 is not valid UTF-8 \(byte 0xE3\)" "$out"
run "add-action: taken number" 1 r measures add-action 9-1 --number 2 --title t --as tadmin
expect_eq "add-action refusals and bad input: nothing written" "$before" "$(snap)"
run "add-action by IT staff" 0 r measures add-action 9-1 --title "電子申請の案内強化" --text "窓口で案内する。
チラシを配る。" --as tadmin
expect_eq "add-action: the next number" "Added 9-1 (3)" "$out"
expect_eq "add-action: the row (multi-line text, no 計画当初, FY2026)" "3|電子申請の案内強化|窓口で案内する。
チラシを配る。|not_started|2026|true" \
	"$(psql_q "SELECT seq || '|' || title || '|' || body || '|' || status || '|' || added_fy || '|' || (orig_title IS NULL) FROM action WHERE measure_id = 901 AND seq = 3")"
run "show: the added action marked" 0 ja measures show 9-1 --as treader
expect_match "show: (3) … [未着手] 追加 (令和8年度)" "^  \(3\) 電子申請の案内強化 \[未着手\] 追加 \(令和8年度\)$" "$out"

# --- the database's own rules (sql/060) --------------------------------------------
as() { psql -qtAX -c "BEGIN; SELECT set_config('rashin.session', '$(session_of $1)', true); SET LOCAL ROLE rashin_app; $2; COMMIT;" 2>&1; }
out=$(as 901 "UPDATE measure SET orig_goal = 'x' WHERE id = 901")
expect_match "IT staff cannot change the 計画当初 text" "the plan's original text \(計画当初, orig_goal\) cannot be changed" "$out"
out=$(as 902 "UPDATE measure SET orig_name = 'x' WHERE id = 901")
expect_match "the lead of the measure cannot change it either" "cannot be changed" "$out"
out=$(as 901 "UPDATE action SET orig_title = 'x' WHERE id = 9011")
expect_match "an action's 計画当初 text is kept too" "orig_title\) cannot be changed" "$out"
out=$(as 901 "INSERT INTO measure (part_id, seq, name, goal, overview, orig_name) VALUES (9, 50, 'n', '', '', 'n')")
expect_match "an addition cannot claim original text" "an addition has no original text" "$out"
expect_eq "計画当初 unchanged" "テスト施策|窓口に来なくても手続が完了する市役所を目指す。|オンライン申請の拡充" \
	"$(psql_q "SELECT m.orig_name || '|' || m.orig_goal || '|' || a.orig_title FROM measure m JOIN action a ON a.id = 9011 WHERE m.id = 901")"
pid=$(psql_q "SELECT id FROM measure_phase WHERE measure_id = 901 AND seq = 2 AND action_id IS NULL")
out=$(as 901 "UPDATE measure_phase SET fy_to = 2032 WHERE id = $pid")
expect_match "a bar cannot extend past FY2031" "measure_phase_plan_period" "$out"
out=$(as 902 "UPDATE measure_phase SET fy_from = 2028, fy_to = 2031, version = 99 WHERE id = $pid")
expect_match "a stale version is refused (RS001)" "stale version" "$out"
out=$(as 905 "WITH u AS (UPDATE measure_phase SET fy_from = 2027 WHERE id = $pid RETURNING 1) SELECT 'touched ' || count(*) FROM u")
expect_match "a lead of another department touches no bar" "^touched 0$" "$out"
expect_eq "the bar unchanged after the refusals" "2027|2031|1" "$(psql_q "SELECT fy_from || '|' || fy_to || '|' || version FROM measure_phase WHERE id = $pid")"

# --- the same over SSH exec (`ssh host measures add ...`) ------------------------------
if command -v ssh >/dev/null && command -v ssh-keygen >/dev/null; then
	PORT=$((20000 + ($$ + 7919) % 20000))
	while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done
	cat >>"$CONF" <<CONF
server: {
  listen = "127.0.0.1";
  port = $PORT;
  host_key = "$T_TMP/hostkey/ssh_host_ed25519_key";
};
CONF
	for who in tadmin tlead; do
		ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$T_TMP/$who"
		psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint)
			SELECT id, '$(cut -d' ' -f1 "$T_TMP/$who.pub")', '$(cut -d' ' -f2 "$T_TMP/$who.pub")',
			'$(ssh-keygen -lf "$T_TMP/$who.pub" -E sha256 | cut -d' ' -f2)' FROM staff WHERE login = '$who'" >/dev/null
	done
	"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
	track_pid $!
	i=0; until bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null || [ $i -gt 100 ]; do i=$((i + 1)); sleep 0.1; done
	SSH="ssh -F /dev/null -p $PORT -o UserKnownHostsFile=$T_TMP/known_hosts -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5"
	ex() { l=$1; shift; out=$($SSH -i "$T_TMP/$l" "$l@127.0.0.1" "$@" 2>&1 </dev/null); rc=$?; }
	ex tadmin "measures add --part 9 --name 'SSH経由の追加' --dept T-A"
	expect_eq "over exec: IT staff add a measure (exit 0)" "0 9-8" "$rc $(printf '%s' "$out" | grep -oE '9-[0-9]+$')"
	expect_eq "over exec: stored, audited as tadmin" "SSH経由の追加|tadmin" \
		"$(psql_q "SELECT m.name || '|' || s.login FROM measure m JOIN audit_log a ON a.tbl = 'measure' AND a.key = m.id::text AND a.action = 'INSERT' JOIN staff s ON s.id = a.staff_id WHERE m.part_id = 9 AND m.seq = 8")"
	before=$(snap)
	ex tlead "measures add-action 9-1 --title 'SSH経由'"
	expect_eq "over exec: a lead's action refused (exit 1)" 1 "$rc"
	expect_match "over exec: the database's refusal said" "permission denied|権限がありません" "$out"
	ex tadmin "measures add --part 9 --name '$(printf 'a\377b')' --dept T-A"
	expect_eq "over exec: invalid UTF-8 refused as bad input (exit 2)" 2 "$rc"
	expect_eq "over exec: refusals wrote nothing" "$before" "$(snap)"
else
	ok "# SKIP no OpenSSH client for the exec checks"
fi
