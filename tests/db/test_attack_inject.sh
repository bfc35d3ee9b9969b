#!/bin/sh
# Terminal injection and SQL injection through the command layer. Every text column a
# user can write (staff names and kana, department names, key comments, imported CSV
# rows, and the audit trail's before/after that records them) is filled with C0/C1
# controls, OSC 52 / title / DCS sequences, DEL and bidi overrides; every command that
# shows them must print the sanitiser's pictures (␛ …), never a raw control byte, and
# --json / --csv must escape instead. Command-line values with quotes, backslashes, $1
# and 1 MB strings are refused cleanly or stored literally.
. "$(dirname "$0")/../lib/common.sh"

PY=/usr/bin/python3
pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || not_ok "fixture loads"
R() { "$RASHIN" -c "$CONF" "$@"; }
CHK="$PY $ROOT/tests/lib/rawctl.py"

# The payload: OSC 52 (clipboard write), OSC 0 (title), DCS, CSI, C1 CSI (U+009B), BEL,
# BS, CR, DEL, RLO, LRI, and ordinary Japanese around it.
EVIL=$(printf '名\033]52;c;ZXZpbA==\007\033]0;pwned\007\033P+q\033\\\033[2J\302\233m\010\r\177\342\200\256\342\201\246末')
# Through commands where they take it.
out=$(R depts add T-EV "$EVIL" --as tadmin 2>&1); rc=$?
case $rc in
0) expect_eq "depts add with controls: stored literally" "$EVIL" \
	"$(psql_q "SELECT name FROM department WHERE code = 'T-EV'")" ;;
*) expect_eq "depts add with controls: refused, nothing stored" 0 \
	"$(psql_q "SELECT count(*) FROM department WHERE code = 'T-EV'")" ;;
esac
$CHK text <<E || not_ok "depts add: its message carries no raw control"
$out
E
out=$(R staff add tevil --name "$EVIL" --kana "$EVIL" --dept T-A --as tadmin 2>&1); rc=$?
if [ $rc -eq 0 ]; then expect_eq "staff add with controls: stored literally" "$EVIL" \
	"$(psql_q "SELECT name FROM staff WHERE login = 'tevil'")"
else expect_eq "staff add with controls: refused, nothing stored" 0 \
	"$(psql_q "SELECT count(*) FROM staff WHERE login = 'tevil'")"; fi
printf '%s\n' "$out" | $CHK text >/dev/null && ok "staff add: message clean" || not_ok "staff add: message clean" "$(printf '%s\n' "$out" | $CHK text)"
ssh-keygen -q -t ed25519 -N '' -C "x" -f "$T_TMP/k"
printf '%s %s\n' "$(cut -d' ' -f1-2 "$T_TMP/k.pub")" "$EVIL" >"$T_TMP/evil.pub"
out=$(R keys add tlead --as tadmin <"$T_TMP/evil.pub" 2>&1); rc=$?
printf '%s\n' "$out" | $CHK text >/dev/null && ok "keys add (comment with controls): message clean (exit $rc)" ||
	not_ok "keys add: message clean" "$(printf '%s\n' "$out" | $CHK text)"

# Whatever the commands refused, the database may still hold it (another tool, an old
# import): put the payload straight into every user-writable text column of the people
# side, through UPDATEs so the audit trail's before/after carry it too.
psql_q "UPDATE department SET name = name || '$EVIL' WHERE id IN (902, 903)" >/dev/null
psql_q "UPDATE staff SET name = '$EVIL' WHERE login IN ('tlead', 'ttrainer')" >/dev/null
check_fails "kana with controls refused by the database itself" \
	psql_q "UPDATE staff SET kana = 'かな$EVIL' WHERE login = 'tlead'"
psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint, comment)
	VALUES (902, '$(cut -d' ' -f1 "$T_TMP/k.pub")', '$(cut -d' ' -f2 "$T_TMP/k.pub")',
	'$(ssh-keygen -lf "$T_TMP/k.pub" -E sha256 | cut -d' ' -f2)', '$EVIL')" >/dev/null
expect_match "payload stored (and audited)" "^[1-9]" \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE after::text LIKE '%pwned%'")"

# Every command that shows them, as text, csv and json.
today=$(date +%Y-%m-%d)
n=0
while IFS='|' read -r fmt cmd; do
	[ -n "$cmd" ] || continue
	# shellcheck disable=SC2086
	R $cmd --as tadmin >"$T_TMP/out" 2>&1
	n=$((n + 1))
	if res=$($CHK "$fmt" "$T_TMP/out"); then ok "$cmd: no raw control ($fmt)"
	else not_ok "$cmd: no raw control ($fmt)" "$res"; fi
	[ "$fmt" = text ] || grep -q 'pwned' "$T_TMP/out" ||
		not_ok "$cmd: the data is there, escaped, not dropped"
done <<LIST
text|whoami
text|staff list
text|staff list --all
text|staff show tlead
text|staff show ttrainer
csv|staff export
text|depts list
text|keys list tlead
csv|keys list tlead --csv
json|keys list tlead --json
text|audit list
text|audit list --table staff
csv|audit export --from 2000-01-01 --to 2100-01-01 --csv
json|audit export --from 2000-01-01 --to 2100-01-01 --json
text|audit verify
LIST

# The JSON keeps the data exactly: decoded, it is the payload.
R keys list tlead --json --as tadmin >"$T_TMP/k.json" 2>&1
got=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(any(sys.argv[2] in str(v) for r in (d if isinstance(d, list) else d.get("rows", [d])) for v in (r.values() if isinstance(r, dict) else r)))' "$T_TMP/k.json" "$EVIL" 2>&1)
expect_eq "keys list --json: the comment round-trips exactly" "True" "$got"

# A CSV import with the payload and with invalid UTF-8 (which PostgreSQL refuses itself).
printf 'login,name,kana,dept,role\ntevil2,%s,かな,T-A,readonly\n' "$EVIL" >"$T_TMP/evil.csv"
out=$(R staff import "$T_TMP/evil.csv" --as tadmin 2>&1); rc=$?
printf '%s\n' "$out" | $CHK text >/dev/null && ok "staff import (controls): message clean (exit $rc)" ||
	not_ok "staff import (controls): message clean" "$(printf '%s\n' "$out" | $CHK text)"
printf 'login,name,kana,dept,role\ntevil3,\377\376bad,かな,T-A,readonly\n' >"$T_TMP/bad.csv"
out=$(R staff import "$T_TMP/bad.csv" --as tadmin 2>&1); rc=$?
printf '%s\n' "$out" | $CHK text >/dev/null && ok "staff import (invalid UTF-8): message clean (exit $rc)" ||
	not_ok "staff import (invalid UTF-8): message clean" "$(printf '%s\n' "$out" | $CHK text)"
expect_eq "invalid UTF-8 never stored" "" \
	"$(psql_q "SELECT login FROM staff WHERE NOT (name IS NORMALIZED) OR login = 'tevil3' AND name NOT LIKE '%bad%'" 2>&1)"

# SQL metacharacters and sizes in every command-line value that reaches a query.
big=$(head -c 1048576 /dev/zero | tr '\0' 'x')
for v in "O'Brien" 'back\slash' '$1' "'; DROP TABLE staff; --" '%_*' "a\"b"; do
	out=$(R staff show "$v" --as tadmin 2>&1); rc=$?
	expect_eq "staff show '$v': clean 'no such' exit 1" 1 "$rc"
	out=$(R staff list "$v" --as tadmin 2>&1); rc=$?
	expect_eq "staff list '$v': runs (exit 0)" 0 "$rc"
	qi=$((${qi:-0} + 1)); code="Q-$qi"
	out=$(R depts add "$code" "$v" --as tadmin 2>&1); rc=$?
	if [ $rc -eq 0 ]; then
		expect_eq "depts add name '$v': stored literally" "$v" \
			"$(psql_q "SELECT name FROM department WHERE code = '$code'")"
		psql_q "DELETE FROM department WHERE code = '$code'" >/dev/null 2>&1
	else ok "depts add name '$v': refused (exit $rc)"; fi
	out=$(R audit list --who "$v" --as tadmin 2>&1); rc=$?
	[ $rc -le 1 ] && ok "audit list --who '$v': exit $rc" || not_ok "audit list --who '$v'" "$out"
done
expect_eq "staff table intact" 6 "$(psql_q "SELECT count(*) FROM staff WHERE login LIKE 't%'")"
for cmd in "staff show" "staff list" "audit list --who" "depts add QBIG"; do
	# shellcheck disable=SC2086
	out=$(R $cmd "$big" --as tadmin 2>&1 | head -c 2000); rc=$?
	printf '%s\n' "$out" | grep -q 'AddressSanitizer\|runtime error\|Segmentation' &&
		not_ok "$cmd with a 1 MB value: no crash" "$out" || ok "$cmd with a 1 MB value: no crash"
done
expect_eq "1 MB department name not stored" 0 \
	"$(psql_q "SELECT count(*) FROM department WHERE length(name) > 100000")"
