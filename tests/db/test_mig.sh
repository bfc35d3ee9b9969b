#!/bin/sh
# The standardisation migration: the seeded systems, the board's arithmetic against
# hand-computed values, every status transition in the history with who/when, the lead's
# refusal by the database and its message, export/import round trips (UTF-8 with BOM and
# CP932), bad rows rejected with exact messages, re-import and --check writing nothing,
# and the issue/risk log.
. "$(dirname "$0")/../lib/common.sh"
export LANG=en_US.UTF-8	# messages compared below are the English ones (a few Japanese at the end)

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
out=$("$RASHIN" -c "$CONF" migrate 2>&1) || { not_ok "migrate" "$out"; exit 1; }

# The 20 core systems and the 40 steps are seeded (sql/011), every pair 未着手 with its
# first history entry.
expect_eq "the 20 systems are seeded, exactly, in order" \
	"住民基本台帳,選挙人名簿管理,固定資産税,個人住民税,法人住民税,軽自動車税,国民健康保険,国民年金,障害者福祉,後期高齢者医療,介護保険,児童手当,健康管理,就学,児童扶養手当,生活保護,子ども・子育て支援,印鑑登録,戸籍,戸籍の附票" \
	"$(psql_q "SELECT string_agg(name, ',' ORDER BY seq) FROM mig_system")"
expect_eq "40 steps, 800 pairs all todo, 800 first history entries" "40 800 800 800" \
	"$(psql_q "SELECT (SELECT count(*) FROM mig_step WHERE NOT retired) || ' ' || (SELECT count(*) FROM mig_status) || ' ' || (SELECT count(*) FROM mig_status WHERE status = 'todo') || ' ' || (SELECT count(*) FROM mig_status_history WHERE old_status IS NULL AND new_status = 'todo')")"
NSEED=$(psql_q "SELECT count(*) FROM mig_system")

psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/mig_fixture.sql" >/dev/null || not_ok "mig fixture loads"

R() { "$RASHIN" -c "$CONF" "$@"; }
snapshot() { psql_q "SELECT md5(string_agg(t::text, '|' ORDER BY system_id, step_id)) FROM mig_status t"; }
hist_n() { psql_q "SELECT count(*) FROM mig_status_history"; }

# --- the board, hand-computed (mig_fixture.sql explains the rows) ---
HDR="id,system,department,vendor,completion,working,untouched,done,doing,todo,na,steps,overdue"
out=$(R mig board --csv --today 2026-07-01 --as treader | tr -d '\r'); rc=$?
expect_eq "board: exit 0" 0 "$rc"
expect_eq "board: header" "$HDR" "$(printf '%s\n' "$out" | sed -n 1p)"
expect_eq "board: 50% = (1 done + 1 n/a) / 4 steps, one overdue (doing, ended 06-30)" \
	"901,テスト業務,テスト甲課,テストベンダ,50.0,25.0,25.0,1,1,1,1,4,1" \
	"$(printf '%s\n' "$out" | grep '^901,')"
expect_eq "board: 75% = 3 done / 4, a missing row counts as 未着手, done is never overdue" \
	'902,他課業務,テスト乙課,"",75.0,0.0,25.0,3,0,1,0,4,0' \
	"$(printf '%s\n' "$out" | grep '^902,')"
out=$(R mig board --csv --today 2026-06-30 --as treader | grep '^901,' | cut -d, -f13 | tr -d '\r')
expect_eq "board: a step due today is not overdue yet" 0 "$out"
out=$(R mig board --csv --today 令和9年1月1日 --as treader | grep '^901,' | cut -d, -f13 | tr -d '\r')
expect_eq "board: on 令和9年1月1日 both open steps are overdue" 2 "$out"
out=$(R mig board --today 2026-07-01 --as treader | grep 'all systems')
expect_match "board: overall over 22 systems x 4 steps: 5/88 = 5.7%, 1/88 = 1.1%, 82/88 = 93.2%" \
	"all systems +5\.7 +1\.1 +93\.2 +4 +1 +82 +1 +88 +1$" "$out"
psql_q "UPDATE mig_step SET retired = false WHERE id = 914" >/dev/null
out=$(R mig board --csv --today 2026-07-01 --as treader | grep '^901,' | tr -d '\r')
expect_eq "board: unretired step counts again (3/5 = 60%)" \
	"901,テスト業務,テスト甲課,テストベンダ,60.0,20.0,20.0,2,1,1,1,5,1" "$out"
psql_q "UPDATE mig_step SET retired = true WHERE id = 914" >/dev/null
out=$(R mig board --json --today 2026-07-01 --as treader)
expect_match "board: JSON" '"system": "テスト業務", "department": "テスト甲課", "vendor": "テストベンダ", "completion": "50.0"' "$out"
out=$(RASHIN_TODAY=2027-01-01 R mig board --csv --as treader | grep '^901,' | cut -d, -f13 | tr -d '\r')
expect_eq "board: \$RASHIN_TODAY pins the clock as in the console" 2 "$out"
out=$(R mig board --today 2026-99-01 --as treader 2>&1); rc=$?
expect_eq "board: a bad --today is a usage error" 2 "$rc"

# --- status transitions, each in the history with who and when ---
h0=$(hist_n)
for s in 作業中 done 対象外 todo; do
	out=$(R mig set テスト業務 テスト選定 "$s" --note "変更 $s" --as tlead 2>&1) || not_ok "mig set $s" "$out"
done
expect_eq "set: four transitions, four history rows" $((h0 + 4)) "$(hist_n)"
expect_eq "set: old and new status, who, note, in order" \
	"todo>doing:902:変更 作業中 doing>done:902:変更 done done>na:902:変更 対象外 na>todo:902:変更 todo" \
	"$(psql_q "SELECT string_agg(old_status || '>' || new_status || ':' || changed_by || ':' || note, ' ' ORDER BY id) FROM mig_status_history WHERE system_id = 901 AND step_id = 913 AND changed_by IS NOT NULL")"
expect_eq "set: every change has its time" 0 \
	"$(psql_q "SELECT count(*) FROM mig_status_history WHERE changed_at IS NULL OR changed_at > clock_timestamp()")"
out=$(R mig set 901 913 完了済み --as tlead); rc=$?
expect_eq "set: by id and step number" "0 テスト業務 / テスト選定: not started -> completed" "$rc $out"
expect_eq "set: done records today's actual end" "t" \
	"$(psql_q "SELECT actual_end = current_date FROM mig_status WHERE system_id = 901 AND step_id = 913")"
h1=$(hist_n)
R mig set テスト業務 テスト選定 done --as tlead >/dev/null
expect_eq "set: the same status again adds no history" "$h1" "$(hist_n)"
expect_eq "set: ... but the version moved (the row's version was used)" 7 \
	"$(psql_q "SELECT version FROM mig_status WHERE system_id = 901 AND step_id = 913")"
# --if-version: the version the caller saw; a stale one says who changed it to what, writes nothing.
h1=$(hist_n)
out=$(R mig set テスト業務 テスト選定 doing --if-version 6 --as tlead 2>&1); rc=$?
expect_match "set --if-version: stale refused, who, when and the status now" \
	"^1 rashin: mig set: テスト業務 / テスト選定: changed by tlead at 20[0-9-]+ [0-9:]+: now completed \(version 7\); nothing was saved$" "$rc $out"
expect_eq "set --if-version: ... nothing written" "7 done $h1" \
	"$(psql_q "SELECT version || ' ' || status FROM mig_status WHERE system_id = 901 AND step_id = 913") $(hist_n)"
out=$(R mig set テスト業務 テスト選定 done --note "変更 todo" --if-version 7 --as tlead 2>&1); rc=$?
expect_eq "set --if-version: the current version writes" "0 テスト業務 / テスト選定: completed -> completed" "$rc $out"
expect_eq "set --if-version: ... version 8" "8 done $h1" \
	"$(psql_q "SELECT version || ' ' || status FROM mig_status WHERE system_id = 901 AND step_id = 913") $(hist_n)"
out=$(R mig set テスト業務 テスト選定 done --if-version x --as tlead 2>&1); rc=$?
expect_eq "set --if-version: not a number is a usage error" 2 "$rc"
# mig cell: a cell's planned dates, owner and note (the board's c), the status kept.
was=$(psql_q "SELECT coalesce(planned_start::text, '-') || ' ' || coalesce(planned_end::text, '-') || ' ' || note FROM mig_status WHERE system_id = 901 AND step_id = 913")
out=$(R mig cell テスト業務 テスト選定 --from R8.8.1 --to 2026-09-30 --owner tlead --note "計画を登録" --as tlead 2>&1); rc=$?
expect_eq "cell: dates (和暦 too), owner, note; version one on" \
	"0 テスト業務 / テスト選定: planned 2026-08-01 - 2026-09-30, owner tlead (version 9)" "$rc $out"
expect_eq "cell: ... in the database, the status and history untouched" \
	"2026-08-01 2026-09-30 902 計画を登録 done 9 $h1" \
	"$(psql_q "SELECT planned_start || ' ' || planned_end || ' ' || owner_id || ' ' || note || ' ' || status || ' ' || version FROM mig_status WHERE system_id = 901 AND step_id = 913") $(hist_n)"
out=$(R mig cell テスト業務 テスト選定 --owner - --as tlead 2>&1); rc=$?
expect_eq "cell: --owner - clears the owner, the rest stays" "0 2026-08-01 計画を登録" \
	"$rc $(psql_q "SELECT coalesce(owner_id::text, '') || planned_start || ' ' || note FROM mig_status WHERE system_id = 901 AND step_id = 913")"
out=$(R mig cell テスト業務 テスト選定 --note x --if-version 3 --as tlead 2>&1); rc=$?
expect_match "cell --if-version stale: who and when, nothing saved" \
	"^1 rashin: mig cell: テスト業務 / テスト選定: tlead changed it at 20[0-9-]+ [0-9:]+; nothing was saved$" "$rc $out"
out=$(R mig cell テスト業務 テスト選定 --to 2026-07-01 --as tlead 2>&1); rc=$?
expect_match "cell: an end before the start is refused" "^1 .*planned end is before the start" "$rc $out"
out=$(R mig cell テスト業務 テスト選定 --owner nobody --as tlead 2>&1); rc=$?
expect_eq "cell: an unknown owner" "1 rashin: mig cell: テスト業務 / テスト選定: no such member: nobody" "$rc $out"
out=$(R mig cell 他課業務 テスト選定 --note x --as tlead 2>&1); rc=$?
expect_match "cell: another department's system is refused in words" "^1 rashin: mig cell: .*permission denied" "$rc $out"
out=$(R mig cell テスト業務 テスト選定 --from someday --as tlead 2>&1); rc=$?
expect_eq "cell: a bad date is a usage error" 2 "$rc"
set -- $was	# back as it was for what follows (the note has no spaces but one)
out=$(R mig cell テスト業務 テスト選定 --from "$1" --to "$2" --owner - --note "${was#* * }" --as tlead 2>&1)
expect_eq "cell: back as it was" "$was" "$(psql_q "SELECT coalesce(planned_start::text, '-') || ' ' || coalesce(planned_end::text, '-') || ' ' || note FROM mig_status WHERE system_id = 901 AND step_id = 913")"
out=$(R mig set テスト業務 テスト選定 finished --as tlead 2>&1); rc=$?
expect_eq "set: bad status" "2 rashin: mig set: bad status \"finished\" (完了済み, 作業中, 未着手, 対象外 / done, doing, todo, na)" "$rc $out"
out=$(R mig set 無い業務 テスト選定 done --as tlead 2>&1); rc=$?
expect_eq "set: unknown system" "1 rashin: mig set: unknown system \"無い業務\"" "$rc $out"
out=$(R mig set テスト業務 テスト廃止 done --as tlead 2>&1); rc=$?
expect_eq "set: a retired step is not found" "1 rashin: mig set: unknown step \"テスト廃止\"" "$rc $out"
out=$(R mig history テスト業務 --csv --as tauditor | tr -d '\r' | tail -1)
expect_match "history: the last change, who and when" '^20[0-9-]+ [0-9:]+,913,テスト選定,na,todo,tlead,変更 todo$|^20[0-9-]+ [0-9:]+,913,テスト選定,todo,done,tlead,' "$out"
expect_eq "history: one line per change" "$(psql_q "SELECT count(*) FROM mig_status_history WHERE system_id = 901")" \
	"$(R mig history テスト業務 --csv --as tauditor | tail -n +2 | wc -l)"

# --- the lead's refusal: by the database, explained by the command ---
snap=$(snapshot); h1=$(hist_n)
out=$(R mig set 他課業務 テスト選定 done --as tlead 2>&1); rc=$?
expect_eq "refusal: lead, another department's system" \
	"1 rashin: mig set: 他課業務 / テスト選定: permission denied: 他課業務 belongs to テスト乙課; a lead may change only the systems of their own department (テスト甲課)" \
	"$rc $out"
out=$(R mig set 他課業務 テスト分析 todo --as tlead 2>&1); rc=$?
expect_eq "refusal: also for an existing row" 1 "$rc"
out=$(R mig set テスト業務 テスト選定 todo --as tauditor 2>&1); rc=$?
expect_eq "refusal: the auditor reads only" \
	"1 rashin: mig set: テスト業務 / テスト選定: permission denied: the role auditor may not change テスト業務 (テスト甲課)" \
	"$rc $out"
expect_eq "refusal: nothing changed" "$snap" "$(snapshot)"
expect_eq "refusal: no history" "$h1" "$(hist_n)"
out=$(PGUSER=rashin_app psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 902)', true)" \
	-c "INSERT INTO mig_status (system_id, step_id, status) VALUES (902, 913, 'done') ON CONFLICT (system_id, step_id) DO UPDATE SET status = 'done'" 2>&1); rc=$?
expect_match "refusal: the database itself refuses the lead (SQL, no C involved)" "row-level security" "$rc $out"
expect_eq "refusal: rs_mig_writable for the lead: own yes, other no" "t f" \
	"$(PGUSER=rashin_app psql -qXAt -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 902)', true)" -c "SELECT rs_mig_writable(901) || ' ' || rs_mig_writable(902)" -c COMMIT | sed -n 2p | tr -d '\n' | sed 's/true/t/g;s/false/f/g')"
out=$(R mig set 他課業務 テスト選定 doing --as tlead2); rc=$?
expect_eq "the other department's lead may" 0 "$rc"

# --- export / import ---
R mig export --as tadmin > "$T_TMP/e1.csv"; rc=$?
expect_eq "export: exit 0" 0 "$rc"
expect_eq "export: UTF-8 BOM first" "efbbbf" "$(head -c 3 "$T_TMP/e1.csv" | od -An -tx1 | tr -d ' \n')"
expect_eq "export: Japanese header, CRLF" "$(printf '\357\273\277業務,手順,状態,計画開始,計画終了,実績終了,備考\r')" "$(head -1 "$T_TMP/e1.csv")"
expect_eq "export: one row per system x active step" $((NSEED * 4 + 8 + 1)) "$(wc -l < "$T_TMP/e1.csv")"
expect_eq "export: a row" "$(printf 'テスト業務,テスト分析,作業中,2026-04-01,2026-06-30,"",ベンダ回答待ち\r')" \
	"$(grep "^テスト業務,テスト分析" "$T_TMP/e1.csv")"
R mig export --encoding cp932 --as tadmin > "$T_TMP/e1.sjis"
expect_eq "export: CP932 has no BOM (業 is 8b c6)" "8bc6" "$(head -c 2 "$T_TMP/e1.sjis" | od -An -tx1 | tr -d ' \n')"
expect_eq "export: CP932 is the same table" "$(tail -c +4 "$T_TMP/e1.csv" | md5sum)" "$(iconv -f CP932 -t UTF-8 "$T_TMP/e1.sjis" | md5sum)"
h1=$(hist_n); snap=$(snapshot)
out=$(R mig import "$T_TMP/e1.csv" --as tadmin); rc=$?
expect_eq "import: its own export changes nothing" "0 $((NSEED * 4 + 8)) rows: 0 changed, $((NSEED * 4 + 8)) unchanged, 0 skipped" "$rc $out"
out=$(R mig import "$T_TMP/e1.sjis" --as tadmin); rc=$?
expect_match "import: the CP932 export changes nothing" "^0 .* 0 changed" "$rc $out"
expect_eq "import: no-op leaves rows and history" "$snap $h1" "$(snapshot) $(hist_n)"

# a real change: two rows edited in the spreadsheet, one with a 和暦 date
sed 's/^テスト業務,テスト分析,作業中,2026-04-01,2026-06-30,"",ベンダ回答待ち/テスト業務,テスト分析,完了済み,2026-04-01,2026-06-30,令和8年7月15日,"回答あり, 完了"/;s/^他課業務,テスト選定,作業中,/他課業務,テスト選定,未着手,/' \
	"$T_TMP/e1.csv" > "$T_TMP/e2.csv"
out=$(R mig import "$T_TMP/e2.csv" --check --as tadmin); rc=$?
expect_eq "import --check: reports, exit 0" "0 $((NSEED * 4 + 8)) rows: 2 would change, $((NSEED * 4 + 6)) unchanged; nothing was written (--check)" "$rc $out"
expect_eq "import --check: wrote nothing" "$snap $h1" "$(snapshot) $(hist_n)"
out=$(R mig import - --as tadmin < "$T_TMP/e2.csv"); rc=$?
expect_eq "import: two rows changed (from stdin)" "0 $((NSEED * 4 + 8)) rows: 2 changed, $((NSEED * 4 + 6)) unchanged, 0 skipped" "$rc $out"
expect_eq "import: values landed (和暦 date read)" "done|2026-07-15|回答あり, 完了" \
	"$(psql_q "SELECT status || '|' || actual_end || '|' || note FROM mig_status WHERE system_id = 901 AND step_id = 912")"
expect_eq "import: status changes are in the history" $((h1 + 2)) "$(hist_n)"
R mig export --as tadmin > "$T_TMP/e3.csv"
sed 's/令和8年7月15日/2026-07-15/' "$T_TMP/e2.csv" > "$T_TMP/e2iso.csv"
expect_eq "round trip: export after import equals the file imported" "$(md5sum < "$T_TMP/e2iso.csv")" "$(md5sum < "$T_TMP/e3.csv")"
snap=$(snapshot); h1=$(hist_n)
out=$(R mig import "$T_TMP/e2.csv" --as tadmin); rc=$?
expect_match "import twice: the second time changes nothing" "^0 .* 0 changed" "$rc $out"
expect_eq "import twice: rows and history untouched" "$snap $h1" "$(snapshot) $(hist_n)"
# CP932 round trip with a change
sed 's/^他課業務,テスト手順,完了済み,/他課業務,テスト手順,作業中,/' "$T_TMP/e3.csv" | tail -c +4 | iconv -f UTF-8 -t CP932 > "$T_TMP/e4.sjis"
out=$(R mig import "$T_TMP/e4.sjis" --as tadmin); rc=$?
expect_match "import CP932: one row changed" "^0 .* 1 changed" "$rc $out"
R mig export --encoding cp932 --as tadmin > "$T_TMP/e5.sjis"
expect_eq "round trip CP932: export equals the file imported" "$(md5sum < "$T_TMP/e4.sjis")" "$(md5sum < "$T_TMP/e5.sjis")"
# a character CP932 lacks (an emoji, a Hangul syllable) is written as 〓 and counted on
# stderr; the rest of the export is whole (exit 0)
oldnote=$(psql_q "SELECT note FROM mig_status WHERE system_id = 901 AND step_id = 912")
psql_q "UPDATE mig_status SET note = '確認😀済み한' WHERE system_id = 901 AND step_id = 912" >/dev/null
R mig export --encoding cp932 --as tadmin > "$T_TMP/e6.sjis" 2> "$T_TMP/e6.err"; rc=$?
expect_eq "export CP932 with an emoji: exit 0, stderr counts the replacements" \
	"0 rashin: mig export: 2 characters that CP932 lacks were written as 〓" "$rc $(cat "$T_TMP/e6.err")"
expect_eq "... the note holds 〓 in their places" "1" \
	"$(iconv -f CP932 -t UTF-8 "$T_TMP/e6.sjis" | grep -c ',"*確認〓済み〓"*.$')"
expect_eq "... every row is there" "$(wc -l < "$T_TMP/e5.sjis")" "$(wc -l < "$T_TMP/e6.sjis")"
out=$(LANG=ja_JP.UTF-8 R mig export --encoding cp932 --as tadmin 2>&1 >/dev/null)
expect_eq "... said in Japanese" "rashin: mig export: CP932 にない文字 2 字を 〓 に置き換えました" "$out"
psql_q "UPDATE mig_status SET note = '$oldnote' WHERE system_id = 901 AND step_id = 912" >/dev/null

# bad rows: each named, nothing written
snap=$(snapshot); h1=$(hist_n)
printf '\357\273\277業務,手順,状態,計画開始,計画終了,実績終了,備考\r\n' > "$T_TMP/bad.csv"
printf 'テスト業務,テスト手順,未着手,,,,\r\n' >> "$T_TMP/bad.csv"
printf '無い業務,テスト手順,完了済み,,,,\r\n' >> "$T_TMP/bad.csv"
printf 'テスト業務,無い手順,完了済み,,,,\r\n' >> "$T_TMP/bad.csv"
printf 'テスト業務,テスト選定,おわり,,,,\r\n' >> "$T_TMP/bad.csv"
printf 'テスト業務,テスト調査,作業中,2026-02-30,,,\r\n' >> "$T_TMP/bad.csv"
printf 'テスト業務,テスト手順,完了済み,,,,\r\n' >> "$T_TMP/bad.csv"
printf 'テスト業務,テスト分析,作業中,2026-05-01,2026-04-01,,\r\n' >> "$T_TMP/bad.csv"
out=$(R mig import "$T_TMP/bad.csv" --as tadmin 2>&1); rc=$?
F=$T_TMP/bad.csv
expect_eq "import bad rows: exact messages, nothing written" "1 rashin: mig import: $F: line 3, column 業務: unknown system \"無い業務\"
rashin: mig import: $F: line 4, column 手順: unknown step \"無い手順\"
rashin: mig import: $F: line 5, column 状態: bad status \"おわり\" (完了済み, 作業中, 未着手, 対象外 / done, doing, todo, na)
rashin: mig import: $F: line 6, column 計画開始: bad date: \"2026-02-30\": no such day (2026-02 has 28 days)
rashin: mig import: $F: line 7: duplicate row for テスト業務 / テスト手順 (first on line 2)
rashin: mig import: $F: line 8, column 計画終了: before the planned start (2026-04-01 2026-05-01)
7 rows: 6 bad, 1 to change; nothing was written" "$rc $out"
expect_eq "import bad rows: rows and history untouched" "$snap $h1" "$(snapshot) $(hist_n)"
out=$(R mig import "$T_TMP/bad.csv" --check --as tadmin 2>&1); rc=$?
expect_eq "import --check with bad rows: exit 1" 1 "$rc"
printf '業務,手順,状態,計画開始,計画終了,実績終了,備考\r\nテスト業務,テスト手順,\377\376,,,,\r\n' > "$T_TMP/enc.csv"
out=$(R mig import "$T_TMP/enc.csv" --as tadmin 2>&1); rc=$?
expect_eq "import: invalid encoding named with its line" \
	"1 rashin: mig import: $T_TMP/enc.csv: line 2: invalid text (neither UTF-8 nor CP932); nothing was written" "$rc $out"
printf '業務,手順,状態\r\nテスト業務,テスト手順,未着手\r\n' > "$T_TMP/cols.csv"
out=$(R mig import "$T_TMP/cols.csv" --as tadmin 2>&1); rc=$?
expect_eq "import: a missing column" "1 rashin: mig import: $T_TMP/cols.csv: line 1: column \"計画開始\" is missing" "$rc $out"
out=$(R mig import "$T_TMP/bad.csv" --skip-bad --as tadmin 2>/dev/null); rc=$?
expect_eq "import --skip-bad: the good row written, the bad ones skipped" "0 7 rows: 1 changed, 0 unchanged, 6 skipped" "$rc $out"
expect_eq "import --skip-bad: the good row landed" todo "$(psql_q "SELECT status FROM mig_status WHERE system_id = 901 AND step_id = 901")"

# a lead's import touching another department: refused by the database, all or nothing
snap=$(snapshot)
printf '業務,手順,状態,計画開始,計画終了,実績終了,備考\r\nテスト業務,テスト手順,完了済み,,,,\r\n他課業務,テスト手順,未着手,,,,\r\n' > "$T_TMP/lead.csv"
out=$(R mig import "$T_TMP/lead.csv" --as tlead 2>&1); rc=$?
expect_eq "import by a lead: the other department's row refused, line named" \
	"1 rashin: mig import: $T_TMP/lead.csv: line 3: permission denied: 他課業務 belongs to テスト乙課; a lead may change only the systems of their own department (テスト甲課)
nothing was written" "$rc $out"
expect_eq "import by a lead: all or nothing" "$snap" "$(snapshot)"

# --- the issue/risk log ---
R risks add テスト業務 --title "帳票の差異" --kind issue --impact 3 --likelihood 5 --due R8.12.25 --as tlead >/dev/null
R risks add テスト業務 --title "移行データ件数差" --kind risk --impact 5 --likelihood 2 --due 2026-12-10 --step テスト選定 --as tlead >/dev/null
R risks add テスト業務 --title "同日・影響小" --kind question --impact 2 --due 2026-12-10 --as tadmin >/dev/null
R risks add 他課業務 --title "期限なし" --kind risk --impact 5 --as tadmin >/dev/null
out=$(R risks add 他課業務 --title "他課の課題" --kind issue --as tlead 2>&1); rc=$?
expect_eq "risks add: the lead refused for another department" \
	"1 rashin: risks add: 他課業務: permission denied: 他課業務 belongs to テスト乙課; a lead may change only the systems of their own department (テスト甲課)" "$rc $out"
expect_eq "risks: stored with the 和暦 due date" "2026-12-25" "$(psql_q "SELECT due FROM mig_risk WHERE title = '帳票の差異'")"
out=$(R risks list --csv --as treader | tr -d '\r' | cut -d, -f2,3,9 | tail -n +2 | tr '\n' ' ')
expect_eq "risks list: by due date, then impact, undated last" "2026-12-10,5,移行データ件数差 2026-12-10,2,同日・影響小 2026-12-25,3,帳票の差異 ,5,期限なし " "$out"
id=$(psql_q "SELECT id FROM mig_risk WHERE title = '期限なし'")
out=$(R risks close "$id" --as tlead 2>&1); rc=$?
expect_eq "risks close: the lead refused for another department" \
	"1 rashin: risks close $id: permission denied: 他課業務 belongs to テスト乙課; a lead may change only the systems of their own department (テスト甲課)" "$rc $out"
id=$(psql_q "SELECT id FROM mig_risk WHERE title = '帳票の差異'")
out=$(R risks close "$id" --note "標準帳票で合意" --as tlead); rc=$?
expect_eq "risks close" "0 closed risk $id" "$rc $out"
expect_eq "risks close: comment kept with its author" "標準帳票で合意 902" "$(psql_q "SELECT body || ' ' || author_id FROM mig_risk_comment WHERE risk_id = $id")"
out=$(R risks close "$id" --as tlead 2>&1); rc=$?
expect_eq "risks close twice" "1 rashin: risks close $id: risk $id is already closed" "$rc $out"
expect_eq "risks list: closed ones gone" 3 "$(R risks list --csv --as treader | tail -n +2 | wc -l)"
expect_eq "risks list --all: closed ones too" 4 "$(R risks list --all --csv --as treader | tail -n +2 | wc -l)"
# a kind or status: its code or either label, read by one store function (mig_risk_code,
# the list the database's rule reads too); a bad one named with the accepted ones
n0=$(psql_q "SELECT count(*) FROM mig_risk")
out=$(R risks add テスト業務 --title x --kind gossip --as tadmin 2>&1); rc=$?
expect_eq "risks add: bad kind, the accepted ones listed (English)" \
	"2 rashin: risks add: --kind: no such kind \"gossip\" (accepted: issue, risk, question)" "$rc $out"
out=$(LANG=ja_JP.UTF-8 R risks add テスト業務 --title x --kind 噂 --as tadmin 2>&1); rc=$?
expect_eq "risks add: bad kind, the accepted ones with their labels (Japanese)" \
	"2 rashin: risks add: --kind: 種別「噂」はありません (使えるもの: issue (課題), risk (リスク), question (質問))" "$rc $out"
expect_eq "... nothing added" "$n0" "$(psql_q "SELECT count(*) FROM mig_risk")"
out=$(psql_q "INSERT INTO mig_risk (system_id, title, kind) VALUES (901, 'x', 'gossip')" 2>&1)
expect_match "... and the database refuses it for any writer" "no such kind" "$out"
for k in "QUESTION:question" "質問:question" "Risk:risk"; do
	out=$(R risks add テスト業務 --title "種別 ${k%%:*}" --kind "${k%%:*}" --as tadmin 2>&1); rc=$?
	expect_eq "risks add --kind ${k%%:*}: stored as ${k#*:}" "0 ${k#*:}" \
		"$rc $(psql_q "SELECT kind FROM mig_risk WHERE title = '種別 ${k%%:*}'")"
done
psql_q "DELETE FROM mig_risk WHERE title LIKE '種別 %'" >/dev/null
out=$(R risks add テスト業務 --title 'ラベルで' --kind 課題 --as tadmin 2>&1); rc=$?
expect_match "risks add: the kind by its Japanese label" "^0 added risk [0-9]+$" "$rc $out"
expect_eq "... stored as the code" issue "$(psql_q "SELECT kind FROM mig_risk WHERE title = 'ラベルで'")"
psql_q "DELETE FROM mig_risk_comment WHERE risk_id IN (SELECT id FROM mig_risk WHERE title = 'ラベルで'); DELETE FROM mig_risk WHERE title = 'ラベルで'" >/dev/null
out=$(R risks add テスト業務 --title x --kind risk --due 2026-13-01 --as tadmin 2>&1); rc=$?
expect_match "risks add: bad date" "^2 rashin: risks add: --due: " "$rc $out"

# risks edit / comment: the :risks e and c forms' store functions, from a shell
rid=$(psql_q "SELECT id FROM mig_risk WHERE title = '帳票の差異'")
rk() { psql_q "SELECT title || '|' || kind || '|' || status || '|' || impact || '|' || likelihood || '|' || coalesce(due::text, '-') || '|' || coalesce((SELECT name FROM mig_step WHERE id = step_id), '-') || '|' || description || '|' || version FROM mig_risk WHERE id = $rid"; }
v0=$(psql_q "SELECT version FROM mig_risk WHERE id = $rid")
out=$(R risks edit "$rid" --title 帳票の差異（精査） --kind リスク --status in_progress --impact 4 --likelihood 2 --due R9.1.15 --step テスト選定 --description "標準帳票との差を一覧にする" --if-version "$v0" --as tlead 2>&1); rc=$?
expect_eq "risks edit: saved with the new version" "0 saved risk $rid (version $((v0 + 1)))" "$rc $out"
expect_eq "... every field as given (the kind by its label, the 和暦 date)" \
	"帳票の差異（精査）|risk|in_progress|4|2|2027-01-15|テスト選定|標準帳票との差を一覧にする|$((v0 + 1))" "$(rk)"
out=$(R risks edit "$rid" --due - --step - --as tlead 2>&1); rc=$?
expect_eq "risks edit: - clears the due date and the step; the rest stays" \
	"0|帳票の差異（精査）|risk|in_progress|4|2|-|-|標準帳票との差を一覧にする|$((v0 + 2))" "$rc|$(rk)"
out=$(R risks edit "$rid" --title 古い版 --if-version "$v0" --as tadmin 2>&1); rc=$?
expect_match "risks edit: a stale --if-version says who, when, the state now; nothing saved" \
	"^rashin: risks edit $rid: changed by tlead at [0-9-]+ [0-9:]+: now in progress \(version $((v0 + 2))\); nothing was saved$" "$out"
expect_eq "... exit 1, the title kept" "1 帳票の差異（精査）" "$rc $(rk | cut -d'|' -f1)"
oid=$(psql_q "SELECT id FROM mig_risk WHERE title = '期限なし'")
out=$(R risks edit "$oid" --title 書き換え --as tlead 2>&1); rc=$?
expect_eq "risks edit: the lead refused for another department (the department named)" \
	"1 rashin: risks edit $oid: permission denied: 他課業務 belongs to テスト乙課; a lead may change only the systems of their own department (テスト甲課)" "$rc $out"
out=$(R risks edit "$rid" --status nonsense --as tlead 2>&1); rc=$?
expect_eq "risks edit: a bad status is a usage error, nothing saved" "2 $((v0 + 2))" "$rc $(rk | cut -d'|' -f9)"
expect_contains "... the accepted ones listed (English)" \
	"rashin: risks edit: --status: no such status \"nonsense\" (accepted: open, in_progress (in progress), resolved, closed)" "$out"
out=$(LANG=ja_JP.UTF-8 R risks edit "$rid" --status 放置 --as tlead 2>&1); rc=$?
expect_contains "... (Japanese)" \
	"--status: 状態「放置」はありません (使えるもの: open (未対応), in_progress (作業中), resolved (解決), closed (クローズ))" "$out"
out=$(R risks edit "$rid" --kind 噂 --as tlead 2>&1); rc=$?
expect_eq "risks edit: a bad kind, nothing saved" "2 $((v0 + 2))" "$rc $(rk | cut -d'|' -f9)"
expect_contains "... named with the accepted ones" "--kind: no such kind \"噂\" (accepted: issue, risk, question)" "$out"
# the status by its code, its Japanese label, its English label (any case)
for st in "解決:resolved" "In Progress:in_progress" "未対応:open" "resolved:resolved"; do
	out=$(R risks edit "$rid" --status "${st%%:*}" --as tlead 2>&1); rc=$?
	expect_eq "risks edit --status ${st%%:*}: stored as ${st#*:}" "0 ${st#*:}" "$rc $(rk | cut -d'|' -f3)"
done
out=$(LANG=ja_JP.UTF-8 R risks edit "$rid" --status 'in progress' --kind 課題 --as tlead 2>&1); rc=$?
expect_eq "risks edit in Japanese: the English label and the Japanese kind" "0 issue|in_progress" \
	"$rc $(rk | cut -d'|' -f2,3)"
out=$(R risks edit "$rid" --kind risk --as tlead 2>&1)	# the kind as it was
out=$(R risks edit "$rid" --impact 9 --as tlead 2>&1); rc=$?
expect_eq "risks edit: impact out of 1-5 is a usage error" 2 "$rc"
out=$(R risks edit 999999 --title x --as tadmin 2>&1); rc=$?
expect_eq "risks edit: no such entry" "1 rashin: risks edit: no such risk: 999999" "$rc $out"
out=$(R risks comment "$rid" "ベンダに確認中" --as tlead 2>&1); rc=$?
expect_eq "risks comment: added" "0 comment added to risk $rid" "$rc $out"
expect_eq "... kept with its author" "ベンダに確認中 902" \
	"$(psql_q "SELECT body || ' ' || author_id FROM mig_risk_comment WHERE risk_id = $rid ORDER BY id DESC LIMIT 1")"
out=$(R risks comment "$oid" "他課への口出し" --as tlead 2>&1); rc=$?
expect_eq "risks comment: the lead refused for another department" \
	"1 rashin: risks comment $oid: permission denied: 他課業務 belongs to テスト乙課; a lead may change only the systems of their own department (テスト甲課)" "$rc $out"
expect_eq "... nothing added" 0 "$(psql_q "SELECT count(*) FROM mig_risk_comment WHERE body = '他課への口出し'")"
out=$(R risks comment "$rid" "" --as tlead 2>&1); rc=$?
expect_eq "risks comment: an empty comment is a usage error" 2 "$rc"

# --- the step list is data: IT staff add, rename, reorder, retire ---
# a step's phase must exist: phases are data IT manages (sql/130_rules.sql)
board0=$(R mig board --csv --as tadmin | md5sum); nstep=$(psql_q "SELECT count(*) FROM mig_step")
out=$(R mig steps add 存在しない x --as tadmin 2>&1); rc=$?
expect_eq "steps add in a phase that does not exist: refused with the reason" \
	"1 rashin: mig steps: no such phase (see: mig phases; IT staff add one with mig phases add)" "$rc $out"
out=$(LANG=ja_JP.UTF-8 R mig steps add 存在しない x --as tadmin 2>&1)
expect_match "... in Japanese" "その工程はありません" "$out"
expect_eq "... no step, the board unchanged" "$nstep $board0" "$(psql_q "SELECT count(*) FROM mig_step") $(R mig board --csv --as tadmin | md5sum)"
out=$(psql_q "INSERT INTO mig_step (phase, seq, name) VALUES ('存在しない', 990, 'y')" 2>&1)
expect_match "... for any writer" "no such phase" "$out"
expect_match "mig phases lists the seeded phases in order" "^1,計画立案" "$(R mig phases --csv --as treader | tr -d '\r' | sed -n 2p)"
out=$(R mig phases add 新工程 --as tlead 2>&1); rc=$?
expect_eq "phases add: a lead is refused" "1 rashin: mig steps: permission denied: only IT staff (admin) edit the step list" "$rc $out"
out=$(R mig phases add 新工程 --as tadmin 2>&1); rc=$?
expect_eq "phases add: IT staff" "0 added phase 新工程" "$rc $out"
out=$(R mig phases add 新工程 --as tadmin 2>&1); rc=$?
expect_eq "phases add twice" "1 rashin: mig phases: a phase with this name exists already" "$rc $out"
out=$(R mig steps add 移行 テスト追加 --as tlead 2>&1); rc=$?
expect_eq "steps add: a lead is refused by the database" "1 rashin: mig steps: permission denied: only IT staff (admin) edit the step list" "$rc $out"
out=$(R mig steps rename テスト選定 改名 --as tlead 2>&1); rc=$?
expect_eq "steps rename: a lead is refused by the database" "1 rashin: mig steps: permission denied: only IT staff (admin) edit the step list" "$rc $out"
out=$(R mig steps add 移行 テスト追加 --as tadmin); rc=$?
expect_eq "steps add" "0 added step テスト追加" "$rc $out"
expect_eq "steps add: after the last, in gaps of 10" 920 "$(psql_q "SELECT seq FROM mig_step WHERE name = 'テスト追加'")"
out=$(R mig steps add 移行 テスト追加 --as tadmin 2>&1); rc=$?
expect_eq "steps add: a name twice" "1 rashin: mig steps: a step with this name or number exists already" "$rc $out"
out=$(R mig board --csv --today 2026-07-01 --as treader | grep '^901,' | tr -d '\r')
expect_eq "steps add: the board counts the new step as 未着手" "901,テスト業務,テスト甲課,テストベンダ,60.0,0.0,40.0,2,0,2,1,5,0" "$out"
R mig steps move テスト追加 905 --as tadmin >/dev/null
R mig steps rename 905 最初の追加 --as tadmin >/dev/null
expect_eq "steps move + rename (by number)" "テスト手順,最初の追加,テスト調査,テスト分析,テスト選定" \
	"$(R mig steps --csv --as treader | tr -d '\r' | tail -n +2 | cut -d, -f3 | tr '\n' ',' | sed 's/,$//')"
R mig steps retire 最初の追加 --as tadmin >/dev/null
expect_eq "steps retire: gone from the board" 4 "$(R mig board --csv --as treader | grep '^901,' | cut -d, -f12)"
expect_match "steps --all shows the retired" "^905,移行,最初の追加,retired" "$(R mig steps --all --csv --as treader | tr -d '\r')"
R mig steps restore 最初の追加 --as tadmin >/dev/null
expect_eq "steps restore" 5 "$(R mig board --csv --as treader | grep '^901,' | cut -d, -f12)"
expect_eq "step edits are in the audit trail" 5 "$(psql_q "SELECT count(*) FROM audit_log WHERE tbl = 'mig_step' AND staff_id = 901")"
out=$(R mig steps add 新工程 新手順 --seq 985 --as tadmin 2>&1); rc=$?
expect_eq "a step in the phase IT added" "0 added step 新手順|新工程" "$rc $out|$(psql_q "SELECT phase FROM mig_step WHERE name = '新手順'")"
R mig steps retire 新手順 --as tadmin >/dev/null || not_ok "retire the new phase's step"
# step edits carry the version read (--if-version), as a board cell does
sv=$(psql_q "SELECT version FROM mig_step WHERE name = '最初の追加'")
out=$(R mig steps rename 最初の追加 版つきの追加 --if-version "$sv" --as tadmin 2>&1); rc=$?
expect_eq "steps rename --if-version: the version read, saved" "0 saved|$((sv + 1))" \
	"$rc $out|$(psql_q "SELECT version FROM mig_step WHERE name = '版つきの追加'")"
out=$(R mig steps move 版つきの追加 906 --if-version "$sv" --as tadmin 2>&1); rc=$?
expect_match "steps move with a stale --if-version: who, when, the step now; nothing saved" \
	"^rashin: mig steps: changed by tadmin at [0-9-]+ [0-9:]+: now 版つきの追加 \(version $((sv + 1))\); nothing was saved$" "$out"
expect_eq "... exit 1, the place kept" "1 905" "$rc $(psql_q "SELECT seq FROM mig_step WHERE name = '版つきの追加'")"
out=$(R mig steps retire 版つきの追加 --if-version "$sv" --as tadmin 2>&1); rc=$?
expect_eq "steps retire with a stale --if-version: refused, not retired" "1 f" \
	"$rc $(psql_q "SELECT retired FROM mig_step WHERE name = '版つきの追加'")"
out=$(R mig steps rename 版つきの追加 x --if-version abc --as tadmin 2>&1); rc=$?
expect_eq "steps rename: a bad --if-version is a usage error" 2 "$rc"

# mig set looks up its system and step in one statement: the same matching as the other
# commands (a name first, then the system's id / the step's number; retired steps never).
psql_q "INSERT INTO mig_system (id, seq, name, dept_id) VALUES (903, 93, '901', 902)" >/dev/null
R mig steps add 移行 913 --as tadmin >/dev/null
out=$(R mig set 901 913 doing --as tadmin); rc=$?
expect_eq "set: names before numbers (system named 901, step named 913; no row yet)" \
	"0 901 / 913: not started -> in progress" "$rc $out"
expect_eq "set: ... and that pair is the one written" "903 doing" \
	"$(psql_q "SELECT s.system_id || ' ' || s.status FROM mig_status s JOIN mig_step t ON t.id = s.step_id WHERE t.name = '913'")"
R mig set テスト業務 913 doing --as tadmin >/dev/null
out=$(R mig set テスト業務 913 done --as tadmin 2>&1); rc=$?
expect_eq "set: the row's status and version read by the lookup" "0 テスト業務 / 913: in progress -> completed" "$rc $out"
expect_eq "set: ... version 1, then 2" 2 \
	"$(psql_q "SELECT s.version FROM mig_status s JOIN mig_step t ON t.id = s.step_id WHERE t.name = '913' AND s.system_id = 901")"
out=$(R mig set 99999 テスト選定 done --as tadmin 2>&1); rc=$?
expect_eq "set: a number that is no system's id" "1 rashin: mig set: unknown system \"99999\"" "$rc $out"
out=$(R mig set テスト業務 0 done --as tadmin 2>&1); rc=$?
expect_eq "set: step 0" "1 rashin: mig set: unknown step \"0\"" "$rc $out"
out=$(R mig set テスト業務 914 done --as tadmin 2>&1); rc=$?
expect_eq "set: a retired step's number is not found either" "1 rashin: mig set: unknown step \"914\"" "$rc $out"

# The same refusal and summary in Japanese, the default UI language.
out=$(LANG=ja_JP.UTF-8 R mig set 他課業務 テスト選定 done --as tlead 2>&1); rc=$?
expect_eq "ja: the lead's refusal" \
	"1 rashin: mig set: 他課業務 / テスト選定: 権限がありません: 他課業務 は テスト乙課 の業務です (自課: テスト甲課)" "$rc $out"
out=$(LANG=ja_JP.UTF-8 R mig import "$T_TMP/e3.csv" --check --as tadmin 2>&1); rc=$?
expect_match "ja: import summary" "^0 88 行: [0-9]+ 件変更予定, [0-9]+ 件変更なし; 何も書き込んでいません \(--check\)$" "$rc $out"
out=$(LANG=ja_JP.UTF-8 R mig board --today 2026-07-01 --as treader | head -1)
expect_match "ja: board titles" "業務 +担当課 +ベンダ +完了率 +作業率 +未着手率" "$out"

# --- mig_progress (sql/100): the dashboard's per-system counts, kept by triggers ---------
# After everything above (imports, sets, steps added and retired, a system added) and
# after more below, including writers at the same time, the kept counts equal a count
# from the tables.
progress_drift() {	# the systems whose kept counts differ from a fresh count
	psql_q "SELECT count(*) FROM mig_system sy
		LEFT JOIN mig_progress pr ON pr.system_id = sy.id
		LEFT JOIN (SELECT st.system_id,
			count(*) FILTER (WHERE st.status IN ('done', 'na')) AS f,
			count(*) FILTER (WHERE st.status = 'doing') AS d
			FROM mig_status st JOIN mig_step p ON p.id = st.step_id AND NOT p.retired
			GROUP BY st.system_id) c ON c.system_id = sy.id
		WHERE pr.system_id IS NULL OR pr.finished <> coalesce(c.f, 0) OR pr.doing <> coalesce(c.d, 0)"
}
# mig_due (sql/112): open cells per system and end date, for the dashboard's overdue count
due_drift() {	# the (system, end date) pairs whose kept count differs from a fresh count
	psql_q "SELECT count(*) FROM (SELECT system_id, planned_end, open FROM mig_due WHERE open > 0)
		k FULL JOIN (SELECT st.system_id, st.planned_end, count(*) AS open
			FROM mig_status st JOIN mig_step p ON p.id = st.step_id AND NOT p.retired
			WHERE st.status IN ('todo', 'doing') AND st.planned_end IS NOT NULL
			GROUP BY st.system_id, st.planned_end) c
		ON c.system_id = k.system_id AND c.planned_end = k.planned_end
		WHERE k.open IS DISTINCT FROM c.open"
}
expect_eq "progress: kept counts match the tables after the commands above" 0 "$(progress_drift)"
expect_eq "due: kept open cells per end date match the tables after the commands above" 0 "$(due_drift)"
expect_eq "progress: one row per system" "$(psql_q "SELECT count(*) FROM mig_system")" "$(psql_q "SELECT count(*) FROM mig_progress")"
psql -qX -v ON_ERROR_STOP=1 >/dev/null <<'SQL' || not_ok "progress: the writes below"
UPDATE mig_status SET status = 'doing' WHERE system_id = 901 AND status = 'todo';
DELETE FROM mig_status_history WHERE system_id = 902;
DELETE FROM mig_status WHERE system_id = 902 AND status = 'done';
CREATE TEMP TABLE r AS SELECT min(id) AS id FROM mig_step WHERE NOT retired;
UPDATE mig_step SET retired = true WHERE id = (SELECT id FROM r);
UPDATE mig_status SET status = 'na' WHERE system_id = 901 AND step_id = (SELECT id FROM r);
UPDATE mig_step SET retired = false WHERE id = (SELECT id FROM r);
INSERT INTO mig_system (id, seq, name, dept_id) VALUES (904, 94, 'progress test', 901);
INSERT INTO mig_status (system_id, step_id, status) SELECT 904, id, 'done' FROM mig_step WHERE NOT retired LIMIT 3;
INSERT INTO mig_status (system_id, step_id, status, planned_end) SELECT 904, id, 'todo', '2026-05-31' FROM mig_step
	WHERE NOT retired AND id NOT IN (SELECT step_id FROM mig_status WHERE system_id = 904) ORDER BY id LIMIT 2;
UPDATE mig_status SET planned_end = planned_end + 30 WHERE system_id = 901 AND status IN ('todo', 'doing');
UPDATE mig_status SET planned_end = NULL WHERE system_id = 901 AND step_id = (SELECT max(step_id) FROM mig_status WHERE system_id = 901);
UPDATE mig_status SET planned_end = '2026-05-31', status = 'doing' WHERE system_id = 902 AND step_id = (SELECT min(step_id) FROM mig_status WHERE system_id = 902);
SQL
expect_eq "progress: after updates, deletes, a step retired and restored, a system added" 0 "$(progress_drift)"
expect_eq "due: after the same, end dates moved, cleared and set with a status" 0 "$(due_drift)"
expect_eq "progress: the new system's three done" "3 0" "$(psql_q "SELECT finished || ' ' || doing FROM mig_progress WHERE system_id = 904")"
# the status trigger alone (no recount in between): system 904's open cells per end date
due_904() { psql_q "SELECT string_agg(planned_end || ':' || open, ' ' ORDER BY planned_end) FROM mig_due WHERE system_id = 904"; }
due_step() {	# DESCRIPTION EXPECTED SQL: run SQL, then 904's counts are EXPECTED
	out=$(psql -qX -v ON_ERROR_STOP=1 -c "$3" 2>&1) || { not_ok "due: $1" "$out"; return; }
	expect_eq "due: $1" "$2" "$(due_904)"
}
expect_eq "due: the new system's two open cells due 2026-05-31" "2026-05-31:2" "$(due_904)"
first=$(psql_q "SELECT min(step_id) FROM mig_status WHERE system_id = 904 AND status = 'todo'")
due_step "one end date moved" "2026-05-31:1 2026-06-30:1" \
	"UPDATE mig_status SET planned_end = '2026-06-30' WHERE system_id = 904 AND step_id = $first"
due_step "todo -> doing changes no count" "2026-05-31:1 2026-06-30:1" \
	"UPDATE mig_status SET status = 'doing' WHERE system_id = 904 AND status = 'todo'"
due_step "doing -> done closes the cell" "2026-05-31:1 2026-06-30:0" \
	"UPDATE mig_status SET status = 'done' WHERE system_id = 904 AND step_id = $first"
due_step "done -> todo with a new end date opens it again" "2026-05-31:1 2026-06-30:0 2026-07-31:1" \
	"UPDATE mig_status SET status = 'todo', planned_end = '2026-07-31' WHERE system_id = 904 AND step_id = $first"
due_step "an end date cleared" "2026-05-31:0 2026-06-30:0 2026-07-31:1" \
	"UPDATE mig_status SET planned_end = NULL WHERE system_id = 904 AND planned_end = '2026-05-31'"
due_step "a cell deleted" "2026-05-31:0 2026-06-30:0 2026-07-31:0" \
	"DELETE FROM mig_status_history WHERE system_id = 904 AND step_id = $first; DELETE FROM mig_status WHERE system_id = 904 AND step_id = $first"
expect_eq "due: after the status trigger's changes" 0 "$(due_drift)"
# writers at once: 6 sessions each moving many of one system's cells back and forth,
# and a step retired and restored while they write
for w in 1 2 3 4 5 6; do
	psql -qX -v ON_ERROR_STOP=1 >"$T_TMP/w$w.out" 2>&1 <<SQL &
DO \$\$ BEGIN FOR i IN 1..30 LOOP
	UPDATE mig_status SET status = (ARRAY['done', 'doing', 'todo', 'na'])[1 + (i + $w) % 4]
		WHERE system_id IN (901, 904) AND step_id % 6 = $w % 6;
	PERFORM pg_sleep(0.005);
END LOOP; END \$\$;
SQL
	eval "wp$w=\$!"
done
last=$(psql_q "SELECT max(id) FROM mig_step WHERE NOT retired")
out=$(psql -qX -v ON_ERROR_STOP=1 -c "UPDATE mig_step SET retired = true WHERE id = $last" \
	-c "SELECT pg_sleep(0.05)" -c "UPDATE mig_step SET retired = false WHERE id = $last" 2>&1); rc=$?
fails=0
for w in 1 2 3 4 5 6; do eval "wait \$wp$w" || fails=$((fails + 1)); done
expect_eq "progress: 6 concurrent writers finished (no deadlock)" 0 "$fails"
[ "$fails" -eq 0 ] || sed 's/^/#   /' "$T_TMP"/w?.out	# why, in the log
[ "$rc" -eq 0 ] && ok "progress: the step retired and restored meanwhile (no deadlock)" ||
	not_ok "progress: the step retired and restored meanwhile (no deadlock)" "$out"
expect_eq "progress: after concurrent writers and a step retired meanwhile" 0 "$(progress_drift)"
expect_eq "due: after concurrent writers and a step retired meanwhile" 0 "$(due_drift)"
# the kept counts: read by any identified member, written by nobody but the triggers
for t in mig_progress mig_due; do
	expect_eq "$t: the application role reads it" t \
		"$(PGUSER=rashin_app psql -qXAt -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 901)', true)" -c "SELECT count(*) > 0 FROM $t" -c "COMMIT" | tail -1)"
	out=$(PGUSER=rashin_app psql -qXAt -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 901)', true)" -c "DELETE FROM $t" 2>&1)
	expect_match "$t: ... and cannot write it, not even an admin" "permission denied|権限がありません" "$out"
	expect_eq "$t: nobody without an identity reads it" 0 \
		"$(PGUSER=rashin_app psql -qXAt -c "SELECT count(*) FROM $t")"
done

# --- sql/110: status writes are HOT updates (no index entries, nothing for VACUUM) ------
# A VACUUM that changes a table's pg_class row makes every open dashboard plan its tile
# again; with HOT updates page pruning keeps both tables where they are. Counted inside
# the writing transaction (pg_stat_get_xact_*: no wait for the statistics collector).
hot=$(psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" \
	-c "UPDATE mig_status SET status = CASE status WHEN 'doing' THEN 'todo' ELSE 'doing' END WHERE system_id = 901" \
	-c "SELECT pg_stat_get_xact_tuples_updated('mig_status'::regclass) || ' ' || pg_stat_get_xact_tuples_hot_updated('mig_status'::regclass) || ' ' || (pg_stat_get_xact_tuples_updated('mig_progress'::regclass) = pg_stat_get_xact_tuples_hot_updated('mig_progress'::regclass))" \
	-c "COMMIT" 2>&1 | grep -E "^[0-9]+ [0-9]+ (true|false)$|ERR|エラー")
n901=$(psql_q "SELECT count(*) FROM mig_status WHERE system_id = 901")
expect_eq "hot: every status update of a system in place (mig_status, and mig_progress by its trigger)" "$n901 $n901 true" "$hot"
expect_eq "hot: no index on a status column (it would make every status write non-HOT)" 0 \
	"$(psql_q "SELECT count(*) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) WHERE i.indrelid = 'mig_status'::regclass AND a.attname = 'status' OR i.indrelid = 'mig_status'::regclass AND pg_get_expr(i.indpred, i.indrelid) LIKE '%status%'")"
expect_eq "progress: kept counts match after the in-place updates" 0 "$(progress_drift)"
expect_eq "due: kept counts match after the in-place updates" 0 "$(due_drift)"
# an end date moved: mig_due's counters change in place too
hot=$(psql -qXAt -v ON_ERROR_STOP=1 -c "BEGIN" \
	-c "UPDATE mig_status SET planned_end = planned_end + 1 WHERE system_id = 901 AND status IN ('todo', 'doing') AND planned_end IS NOT NULL" \
	-c "UPDATE mig_status SET planned_end = planned_end - 1 WHERE system_id = 901 AND status IN ('todo', 'doing') AND planned_end IS NOT NULL" \
	-c "SELECT pg_stat_get_xact_tuples_updated('mig_due'::regclass) > 0 AND pg_stat_get_xact_tuples_updated('mig_due'::regclass) = pg_stat_get_xact_tuples_hot_updated('mig_due'::regclass)" \
	-c "COMMIT" 2>&1 | grep -E "^(t|f)$|ERR|エラー")
expect_eq "hot: end dates moved and back: mig_due updated in place" t "$hot"
expect_eq "due: kept counts match after end dates moved and back" 0 "$(due_drift)"
expect_eq "hot: no automatic ANALYZE of these (new statistics replan every console's tile)" \
	"mig_due mig_progress mig_status" \
	"$(psql_q "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class WHERE relname IN ('mig_due', 'mig_progress', 'mig_status') AND 'autovacuum_analyze_threshold=2000000000' = ANY (reloptions)")"

exit 0
