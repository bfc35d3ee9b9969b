#!/bin/sh
# One outcome type, refusals by their code (backend/store/outcome.c, sql/120_refusal_codes.sql):
# every kind of refusal the database raises has a SQLSTATE of rashin's own, one per kind;
# the application says it in Japanese or English from the code alone (a policy's 42501 as
# "not allowed for your role"); rewording every trigger message, or a server whose
# lc_messages is not English, changes nothing the user reads.
. "$(dirname "$0")/../lib/common.sh"

BIN="$ROOT/build-san/tests/db/store_outcome"
[ -x "$BIN" ] || { not_ok "test binary built (make san)"; exit 1; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; exit 1; }
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || { not_ok "fixture loads"; exit 1; }
export RASHIN_TEST_CONNINFO="host=$PGSOCK dbname=rashin user=rashin_app"

# --- nothing decides from message text; SQLSTATEs named in outcome.h / outcome.c only --
cd "$ROOT" || exit 1
expect_eq "no SQLSTATE literal outside backend/store/outcome.[ch]" "" \
	"$(grep -rnE '"(RS[0-9]{3}|[0-9]{2}[0-9A-Z]{3}|P000[0-9])"' backend screens tui rashin.c | grep -v '^backend/store/outcome\.[ch]:')"
expect_eq "no message text matched (PostgreSQL's or a trigger's)" "" \
	"$(grep -rnE 'strstr\(\*?(w|cause|why|msg|err)\b' backend screens | grep -v '^backend/store/audit\.c:')"
expect_eq "the old outcome names are gone" "" \
	"$(grep -rnwE 'PLAN_STALE|EVAL_STALE|STORE_LAST_ADMIN|STORE_EXISTS|DB_SQLSTATE_REFUSED' backend screens tui)"
cd - >/dev/null || exit 1

# --- one code per kind, each with its reason in both languages ----------------------
# (message, code) of every RAISE in the migration that sets the codes
perl -0ne 'while (/RAISE EXCEPTION (\x27(?:[^\x27]|\x27\x27)*\x27).*?ERRCODE = \x27(\w+)\x27/gs) { print "$2 $1\n" }' \
	"$ROOT/sql/120_refusal_codes.sql" | sort -u >"$T_TMP/pairs"
codes=$(cut -d' ' -f1 "$T_TMP/pairs" | sort -u)
n_codes=$(printf '%s\n' $codes | wc -l)
expect_eq "every kind of refusal has a code of its own (no code shared by two messages)" \
	"$(wc -l <"$T_TMP/pairs")" "$n_codes"
expect_eq "the codes are rashin's own (RSnnn), none PostgreSQL's" "" \
	"$(printf '%s\n' $codes | grep -v '^RS[0-9][0-9][0-9]$')"
# what the functions in the database raise now: own codes only, each one said by the app
live=$(psql_q "SELECT string_agg(DISTINCT m[1], ' ' ORDER BY m[1]) FROM pg_proc p,
	regexp_matches(p.prosrc, 'ERRCODE = ''([0-9A-Z]{5})''', 'g') m WHERE p.pronamespace = 'public'::regnamespace")
expect_eq "no function raises 42501, 23514 or the old shared codes any more" "" \
	"$(printf '%s\n' $live | grep -Ev '^RS[0-9]{3}$')"
said=$(printf '%s\n' $live RS001 42501 | sort -u)
"$BIN" codes en $said >"$T_TMP/en"
"$BIN" codes ja $said >"$T_TMP/ja"
expect_eq "each code the database raises has an English reason" "" "$(grep '|-$' "$T_TMP/en")"
expect_eq "... and a Japanese one, not the English" "" \
	"$(paste -d'\t' "$T_TMP/en" "$T_TMP/ja" | awk -F'\t' '$1 == $2 || $2 ~ /\|-$/')"
expect_eq "each is a refusal (STORE_REFUSED), RS001 stale (STORE_STALE)" "" \
	"$(grep -v '^RS001|' "$T_TMP/en" | grep -v '^[^|]*|-3|')$(grep '^RS001|' "$T_TMP/en" | grep -v '|-2|')"
expect_eq "reasons differ: no two codes say the same" "" \
	"$(cut -d'|' -f3 "$T_TMP/en" | sort | uniq -d)"
expect_eq "an own code the application does not know yet: a refusal, no reason of its own" \
	"RS999|-3|-" "$("$BIN" codes en RS999)"
expect_eq "PostgreSQL's other errors: a failure" "XX000|-1|-" "$("$BIN" codes en XX000)"
expect_eq "a unique violation: a refusal with no reason of its own (the store says what exists)" \
	"23505|-3|-" "$("$BIN" codes en 23505)"
expect_eq "no SQLSTATE at all (a lost connection): a failure" "|-1|-" "$("$BIN" codes en "")"

# --- the refusals themselves, through db.c, as the application reads them ------------
# case LOGIN CODE SQL: the statement as LOGIN is refused with CODE, and the cause the
# user reads is the code's reason (plus DETAIL) in English and in Japanese
run_case() {
	login=$1 code=$2 sql=$3 tag=$4
	en=$(grep "^$code|" "$T_TMP/en" | cut -d'|' -f3)
	ja=$(grep "^$code|" "$T_TMP/ja" | cut -d'|' -f3)
	got_en=$("$BIN" exec en "$login" "$sql" 2>&1)
	got_ja=$("$BIN" exec ja "$login" "$sql" 2>&1)
	case "$got_en" in
	"$code|"*"|$en"|"$code|"*"|$en ["*) ok "$code$tag: en: $en" ;;
	*) not_ok "$code$tag: en" "expected: $code|..|$en
got:      $got_en" ;;
	esac
	case "$got_ja" in
	"$code|"*"|$ja"|"$code|"*"|$ja ["*) ok "$code$tag: ja: $ja" ;;
	*) not_ok "$code$tag: ja" "expected: $code|..|$ja
got:      $got_ja" ;;
	esac
}
cases() {
	tag=$1
	run_case tadmin RS201 "UPDATE staff SET active = false WHERE login = 'tadmin'" "$tag"
	run_case tadmin RS001 "UPDATE measure SET version = version + 7 WHERE id = 901" "$tag"
	run_case tlead RS309 "INSERT INTO evaluation (measure_id, fy, e1_grade, e1_submitted_at) VALUES (902, 2026, 'A', now())" "$tag"
	run_case tlead RS310 "INSERT INTO evaluation (measure_id, fy, e2_grade, e2_submitted_at) VALUES (901, 2026, 'A', now())" "$tag"
	run_case tauditor RS312 "INSERT INTO evaluation (measure_id, fy, e2_grade, e2_submitted_at) VALUES (901, 2026, 'A', now())" "$tag"
	run_case tadmin RS314 "UPDATE measure SET orig_goal = 'x' WHERE id = 901" "$tag"
	run_case tadmin RS315 "INSERT INTO measure (part_id, seq, name, goal, overview, orig_name) VALUES (9, 50, 'n', '', '', 'n')" "$tag"
	run_case tlead RS401 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (902, 'r', 'w', false, '2026-04-01', '2026-05-01')" "$tag"
	run_case tlead RS402 "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (902, 'r', 'w', true, '2026-04-01', '2026-03-01')" "$tag"
	run_case tlead RS405 "INSERT INTO vdi_request (staff_id, manager_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (902, 902, 'r', 'w', true, '2026-04-01', '2026-05-01')" "$tag"
	run_case tadmin RS417 "INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, valid_from, valid_to) VALUES (9999, 902, 'u', 'p', '2026-04-01', '2026-05-01')" "$tag"
	run_case tlead 42501 "INSERT INTO measure (part_id, seq, name, goal, overview) VALUES (9, 60, 'n', 'g', 'o')" "$tag"
}
cases ""
out=$("$BIN" exec en tlead "INSERT INTO vdi_request (staff_id, reason, work_kinds, no_personal_data, period_from, period_to) VALUES (902, 'r', 'w', true, '2026-04-01', '2026-03-01')")
expect_eq "the values that vary follow the reason, from DETAIL" \
	"RS402|-3|VDI request: the period ends before it starts [staff=tlead from=2026-04-01 to=2026-03-01]" "$out"
out=$("$BIN" exec en tlead "INSERT INTO measure (part_id, seq, name, goal, overview) VALUES (9, 60, 'n', 'g', 'o')")
expect_nomatch "a policy's refusal: not PostgreSQL's English text" "row-level security" "$out"

# --- the same whatever the messages say ------------------------------------------
# Every trigger message reworded in the test database, and the server's messages in
# another language where the machine has one: what the user reads does not change.
perl -0pe 's/RAISE EXCEPTION \x27(?:[^\x27]|\x27\x27)*\x27.*?USING/RAISE EXCEPTION \x27xyzzy: nothing to read here\x27 USING/gs' \
	"$ROOT/sql/120_refusal_codes.sql" >"$T_TMP/reworded.sql"
psql -qX -v ON_ERROR_STOP=1 -f "$T_TMP/reworded.sql" >/dev/null 2>"$T_TMP/err" || not_ok "reworded triggers load" "$(cat "$T_TMP/err")"
out=$(psql -qXAt -c "BEGIN" -c "SELECT set_config('rashin.session', '$(session_of 901)', true)" -c "UPDATE staff SET active = false WHERE login = 'tadmin'" -c "ROLLBACK" 2>&1)
expect_match "the database now says something else entirely" "xyzzy: nothing to read here" "$out"
lc=
for l in ja_JP.UTF-8 ja_JP.utf8 de_DE.UTF-8 fr_FR.UTF-8; do
	if psql -qX -c "ALTER DATABASE rashin SET lc_messages = '$l'" >/dev/null 2>&1; then lc=$l; break; fi
done
if [ -n "$lc" ]; then
	ok "server lc_messages set to $lc"
else
	ok "# no non-English locale on this machine for lc_messages: the reworded triggers stand for it"
fi
cases " (reworded${lc:+, lc_messages $lc})"

# --- through the commands: a refusal's reason by its code -------------------------
out=$(LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" staff deactivate tadmin --as tadmin 2>&1)
expect_eq "command: the last admin, reworded trigger, same reason" \
	"rashin: staff deactivate: Refused: the last active administrator cannot be removed" "$out"
out=$(LANG=ja_JP.UTF-8 "$RASHIN" -c "$CONF" vdi request --reason r --work w --from 2026-04-01 --to 2026-03-01 --declare-no-personal-data --as tlead 2>&1)
expect_match "command in Japanese: the reason from the code" "VDI申請: 利用期間の終了日が開始日より前です \[staff=tlead" "$out"
expect_nomatch "... nothing of the trigger's text" "xyzzy" "$out"
