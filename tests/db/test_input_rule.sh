#!/bin/sh
# The one input rule (lib/text.h text_input_check) on every path that takes text: the
# command line (option values and positionals), and each CSV import (staff, mig, training
# attendance, kpi). ESC, BEL, an OSC 52 clipboard write, C1 (U+0085, U+009B), a bidi
# override (U+202E) and invalid UTF-8 are refused with the field, the character (U+XXXX)
# and its position named, in English and Japanese, and nothing is written. (The console's
# forms: tests/ui/test_input_form.sh; the import bounds: test_import_bounds.sh.)
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
for f in fixture plan_fixture mig_fixture training_fixture; do
	psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/$f.sql" >/dev/null || not_ok "$f loads"
done
export RASHIN_TODAY=2026-11-25

r()  { LANG=en_US.UTF-8 "$RASHIN" -c "$CONF" "$@"; }
ja() { LC_ALL=ja_JP.UTF-8 "$RASHIN" -c "$CONF" "$@"; }
run() { n=$1; want=$2; shift 2; out=$("$@" 2>&1); rc=$?; expect_eq "$n: exit $want" "$want" "$rc"; }
snap() { psql_q "SELECT (SELECT count(*) FROM measure) || '/' || (SELECT count(*) FROM mig_risk) || '/' ||
	(SELECT count(*) FROM audit_log WHERE tbl <> 'rs_session') || '/' || (SELECT md5(string_agg(name, ',' ORDER BY id)) FROM staff) ||
	'/' || (SELECT md5(coalesce(string_agg(note, ',' ORDER BY session_id, staff_id), '')) FROM attendance) ||
	'/' || (SELECT md5(coalesce(string_agg(note, ',' ORDER BY system_id, step_id), '')) FROM mig_status) ||
	'/' || (SELECT md5(coalesce(string_agg(coalesce(note, ''), ',' ORDER BY kpi_id, fy), '')) FROM kpi_value)"; }

ESC=$(printf '\033'); BEL=$(printf '\007')
OSC52=$(printf '\033]52;c;ZXZpbA==\007')
NEL=$(printf '\302\205'); CSI=$(printf '\302\233'); RLO=$(printf '\342\200\256')
BAD=$(printf '\377')

# --- the command line ---------------------------------------------------------------------
before=$(snap)
# name | text | position of the refused character | code point | kind
for c in "ESC|a${ESC}[2Jb|2|001B|a control character" "BEL|ab${BEL}c|3|0007|a control character" \
	"OSC 52|x${OSC52}|2|001B|a control character" "C1 U+0085|ab${NEL}c|3|0085|a C1 control character" \
	"C1 U+009B|ab${CSI}31mc|3|009B|a C1 control character" \
	"bidi U+202E|ab${RLO}c|3|202E|a bidirectional control"; do
	IFS='|' read -r name text pos cp kind <<EOF2
$c
EOF2
	run "measures add --name with $name" 2 r measures add --part 9 --name "$text" --dept T-A --as tadmin
	expect_match "... names option, U+$cp, kind and position" \
		"measures add: --name: character $pos, U\\+$cp \\($kind\\), is not allowed" "$out"
	run "risks add --title with $name" 2 r risks add テスト業務 --kind risk --title "$text" --as tadmin
	expect_match "... --title named" "--title: character $pos, U\\+$cp" "$out"
	run "staff list TEXT (a positional) with $name" 2 r staff list "$text" --as tadmin
	expect_match "... argument 1 named" "argument 1: character $pos, U\\+$cp" "$out"
done
run "measures add --name with invalid UTF-8" 2 r measures add --part 9 --name "ab${BAD}c" --dept T-A --as tadmin
expect_match "... names the byte and its position" "--name: character 3 is not valid UTF-8 \\(byte 0xFF\\)" "$out"
run "training mark --note with OSC 52" 2 r training mark 941 ta2 present --note "ok${OSC52}" --as ttrainer
expect_match "... --note named" "--note: character 3, U\\+001B \\(a control character\\), is not allowed" "$out"
run "a note may span lines (TEXT), still no ESC" 2 r risks add テスト業務 --kind risk --title t \
	--description "$(printf 'line one\nline two\033[2J')" --as tadmin
expect_match "... position counts the line break" "--description: character 18, U\\+001B" "$out"
run "in Japanese" 2 ja measures add --part 9 --name "ab${RLO}c" --dept T-A --as tadmin
expect_match "... ja: 文字目, U+202E, 双方向制御文字" "--name: 3 文字目の U\\+202E（双方向制御文字）は使えません" "$out"
run "in Japanese: invalid UTF-8" 2 ja measures add --part 9 --name "ab${BAD}c" --dept T-A --as tadmin
expect_match "... ja: UTF-8 として不正" "--name: 3 文字目が UTF-8 として不正です（バイト 0xFF）" "$out"
expect_eq "command line: nothing written" "$before" "$(snap)"
run "plain Japanese text and a tab-free name still work" 0 r measures add --part 9 --name "窓口の改善" --dept T-A --as tadmin

# --- imports ---------------------------------------------------------------------------------
before=$(snap)
# staff: a C1 in a name, a bidi override in kana, ESC in the login column
printf '%s\n' 'ログイン,氏名,ふりがな,所属コード,権限' "ok1,正常,せいじょう,T-A,readonly" \
	"c1name,名前${NEL}x,なまえ,T-A,readonly" "bidi,名前,な${RLO}まえ,T-A,readonly" \
	"e${ESC}[2J,名前,なまえ,T-A,readonly" >"$T_TMP/staff.csv"
run "staff import: control characters" 1 r staff import "$T_TMP/staff.csv" --as tadmin
expect_match "... line 3, 氏名, U+0085 at 3" "staff import: .*staff.csv: line 3: column 氏名: character 3, U\\+0085 \\(a C1 control character\\), is not allowed" "$out"
expect_match "... line 4, ふりがな, U+202E at 2" "line 4: column ふりがな: character 2, U\\+202E \\(a bidirectional control\\)" "$out"
expect_match "... line 5, ログイン, U+001B at 2" "line 5: column ログイン: character 2, U\\+001B \\(a control character\\)" "$out"
ja_out=$(LC_ALL=ja_JP.UTF-8 "$RASHIN" -c "$CONF" staff import "$T_TMP/staff.csv" --as tadmin 2>&1)
expect_match "staff import in Japanese" "行 3: 列 氏名: 3 文字目の U\\+0085（C1 制御文字）は使えません" "$ja_out"

# mig: the note (備考) may span lines, but an OSC 52 clipboard write, ESC and BEL are refused
r mig export --as tadmin >"$T_TMP/mig.csv"
head -1 "$T_TMP/mig.csv" >"$T_TMP/mig_bad.csv"
row=$(grep "^テスト業務,テスト分析" "$T_TMP/mig.csv" | tr -d '\r')
printf '%s\r\n' "${row%,*},\"copied${OSC52}\"" >>"$T_TMP/mig_bad.csv"
run "mig import: OSC 52 in 備考" 1 r mig import "$T_TMP/mig_bad.csv" --as tadmin
expect_match "... line 2, 備考, U+001B at 7" "mig import: .*mig_bad.csv: line 2: column 備考: character 7, U\\+001B \\(a control character\\), is not allowed" "$out"
head -1 "$T_TMP/mig.csv" >"$T_TMP/mig_bel.csv"
printf '%s,"two\r\nlines%s"\r\n' "${row%,*}" "$BEL" >>"$T_TMP/mig_bel.csv"
run "mig import: BEL after a line break in 備考" 1 r mig import "$T_TMP/mig_bel.csv" --as tadmin
expect_match "... U+0007 at 11 (CRLF counted, allowed)" "column 備考: character 11, U\\+0007" "$out"
head -1 "$T_TMP/mig.csv" >"$T_TMP/mig_ok.csv"
printf '%s,"two\r\nlines"\r\n' "${row%,*}" >>"$T_TMP/mig_ok.csv"
run "mig import: a multi-line 備考 without controls is fine" 0 r mig import "$T_TMP/mig_ok.csv" --check --as tadmin

# training attendance: BEL and U+009B in the note (メモ), bidi in the login
printf '%s\n' 'セッション,ログイン,出欠,メモ' "941,ta2,出席,ring${BEL}" "941,ta3,出席,x${CSI}2J" \
	"941,t${RLO}a1,出席," >"$T_TMP/att.csv"
run "training import attendance: controls" 1 r training import attendance "$T_TMP/att.csv" --as ttrainer
expect_match "... line 2, メモ, U+0007 at 5" "training import: .*att.csv: line 2: column メモ: character 5, U\\+0007 \\(a control character\\)" "$out"
expect_match "... line 3, メモ, U+009B at 2" "line 3: column メモ: character 2, U\\+009B \\(a C1 control character\\)" "$out"
expect_match "... line 4, ログイン, U+202E at 2" "line 4: column ログイン: character 2, U\\+202E" "$out"

# kpi: a bidi override in the note
printf '%s\n' 'measure,kpi,fy,actual,note' "9-1,オンライン申請可能な手続数,2026,160,a${RLO}b" >"$T_TMP/kpi.csv"
run "kpi import: bidi override in note" 1 r kpi import "$T_TMP/kpi.csv" --as tadmin
expect_match "... line 2, note, U+202E at 2" "kpi import: .*kpi.csv: line 2: column note: character 2, U\\+202E \\(a bidirectional control\\)" "$out"

# invalid UTF-8 inside a field of a UTF-8 file: the line is named
printf '%s\n' 'ログイン,氏名,ふりがな,所属コード,権限' "okx,正常${BAD},せい,T-A,readonly" >"$T_TMP/inv.csv"
run "staff import: invalid UTF-8" 1 r staff import "$T_TMP/inv.csv" --as tadmin
expect_match "... named by line" "line 2: invalid text \\(neither UTF-8 nor CP932\\); nothing was written" "$out"
expect_eq "imports: nothing written" "$before" "$(snap)"
run "staff import --skip-bad: the bad rows still refused" 0 r staff import "$T_TMP/staff.csv" --skip-bad --as tadmin
expect_eq "... only the clean row stored" "ok1" "$(psql_q "SELECT string_agg(login, ',') FROM staff WHERE login IN ('ok1', 'c1name', 'bidi') OR login LIKE 'e%[2J'")"

# --- the database refuses them too (defence in depth: sql/144), as the application ---------
S901=$(session_of 901)
app() { psql -qXAt -U rashin_app -c "BEGIN" -c "SELECT set_config('rashin.session', '$S901', true)" \
	-c "$1" -c "COMMIT" 2>&1; }
out=$(app "UPDATE staff SET name = 'x' || chr(27) || '[2J' WHERE login = 'ta2'")
expect_match "staff.name: ESC refused, named" "rs_clean_text: staff.name: character 2, U\\+001B" "$out"
out=$(app "UPDATE course SET title = 'a' || chr(8238) || 'b' WHERE id = 914")
expect_match "course.title: U+202E refused, named" "rs_clean_text: course.title: character 2, U\\+202E" "$out"
out=$(app "UPDATE mig_status SET note = 'a' || chr(10) || 'b' WHERE note IS NOT NULL")
expect_nomatch "mig_status.note: a line break is allowed" "rs_clean_text" "$out"
out=$(app "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood) VALUES (901, 'a' || chr(133), 'issue', 3, 3)")
expect_match "mig_risk.title: U+0085 refused" "rs_clean_text: mig_risk.title: character 2, U\\+0085" "$out"
expect_eq "the owner (seeds, fixtures) is taken as given" "" \
	"$(psql -qXAt -c "UPDATE course SET title = title || chr(8238) WHERE id = 914" 2>&1)"

pg_stop
echo "1..$T_N"
