#!/bin/sh
# Terminal injection through every domain screen (and its detail view) over SSH: every
# text column of every table (bar the logins the test logs in with) is prefixed with C0
# controls, OSC 52 (clipboard write), an OSC title set, DCS, CSI, the C1 forms of CSI /
# OSC / DCS, DEL and bidi overrides; the audit trail gets them in before/after through
# its trigger. A console over the real OpenSSH client in tmux opens each screen; the raw
# byte stream the client received while that screen was drawn (its pty output, recorded
# by tee) must carry none of those bytes, and the screen must show the data (so the
# sanitiser's pictures, ␛ and friends, are on it). Invalid UTF-8 cannot be stored: the
# UTF8 database refuses it (checked here), so no screen can be handed it from the data.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"
. "$ROOT/tests/lib/fixtures.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
sshd_setup "10:30:100" 0 || exit 1
all_fixtures

ESC=$(printf '\033')
EVIL=$(printf 'X\033]52;c;ZXZpbA==\007\033]0;pwned\007\033P+q\033\\\033[2J\001\005\030\032\302\233m\302\235\302\220\177\342\200\256\342\201\246Y')
# What must never reach the terminal from the data: OSC and DCS (7- and 8-bit), the C1
# CSI, the C0 controls above, DEL, the bidi override and isolate.
BAD="$ESC\\]|${ESC}P|$(printf '\302\233|\302\235|\302\220|\001|\005|\030|\032|\177|\342\200\256|\342\201\246')"

out=$(psql -qXAt -c "UPDATE staff SET name = convert_from('\\xff41'::bytea, 'SQL_ASCII') WHERE id = 903" 2>&1)
expect_match "invalid UTF-8 is refused by the database, so no screen gets it" "invalid byte sequence for encoding \"UTF8\"" "$out"

psql -qXAt -v ON_ERROR_STOP=1 -v evil="$EVIL" >"$T_TMP/filled" 2>"$T_TMP/fill.err" <<'SQL'
SELECT set_config('rashin.evil', :'evil', false);
CREATE TEMP TABLE filled (tbl text, col text);
DO $$
DECLARE r record; k record;
BEGIN
	FOR r IN SELECT c.table_name AS t, c.column_name AS col
		FROM information_schema.columns c JOIN information_schema.tables b USING (table_schema, table_name)
		WHERE c.table_schema = 'public' AND b.table_type = 'BASE TABLE' AND c.data_type = 'text'
		  AND c.table_name NOT IN ('audit_log', 'schema_migration') AND c.column_name <> 'login'
		ORDER BY 1, 2 LOOP
		-- a column at a time, else a row at a time: a CHECK (codes, states, formats) or a
		-- workflow trigger (an approved request is fixed) refuses some, and that is fine
		BEGIN
			EXECUTE format('UPDATE %I SET %I = current_setting(''rashin.evil'') || coalesce(%I, '''')',
				r.t, r.col, r.col);
			INSERT INTO filled VALUES (r.t, r.col);
			CONTINUE;
		EXCEPTION WHEN OTHERS THEN NULL;
		END;
		FOR k IN EXECUTE format('SELECT ctid FROM %I LIMIT 50', r.t) LOOP	-- a few rows refused, not a CHECK
			BEGIN
				EXECUTE format('UPDATE %I SET %I = current_setting(''rashin.evil'') || coalesce(%I, '''') WHERE ctid = $1',
					r.t, r.col, r.col) USING k.ctid;
				INSERT INTO filled VALUES (r.t, r.col);
			EXCEPTION WHEN OTHERS THEN NULL;
			END;
		END LOOP;
	END LOOP;
END $$;
SELECT DISTINCT tbl || '.' || col FROM filled ORDER BY 1;
SQL
nfill=$(grep -c . "$T_TMP/filled")
expect_match "hostile text in $nfill text columns (measure.name, mig_risk.title, staff.name, vdi_request.reason, ...)" \
	"^measure.name mig_risk.title staff.name vdi_request.reason $" "$(grep -E '^(staff.name|measure.name|mig_risk.title|vdi_request.reason)$' "$T_TMP/filled" | tr '\n' ' ')"
expect_match "... and in the audit trail's before/after" "^[1-9]" \
	"$(psql_q "SELECT count(*) FROM audit_log WHERE after::text LIKE '%pwned%'")"

T_TMUX=rashin-scr-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p -t main; }
RAW=$T_TMP/raw
tm new -d -s main -x 100 -y 30 "env TERM=xterm-256color LC_ALL=C.UTF-8 $SSH -tt -o SetEnv=LANG=ja_JP.UTF-8 \
-i $KEYS/tadmin tadmin@127.0.0.1 2>$T_TMP/ssh.err | tee $RAW; sleep 60"
i=0; until screen | grep -Fq "DB ●"; do i=$((i + 1)); [ $i -gt 150 ] && break; sleep 0.1; done
screen | grep -Fq "DB ●" && ok "console over SSH up" || { not_ok "console over SSH up" "$(screen; cat "$T_TMP/ssh.err")"; exit 1; }

# look NAME KEYS...: send KEYS (one tmux argument each), let the screen settle, then check
# the bytes received meanwhile and that the data is on the screen.
look() {
	name=$1; shift
	from=$(stat -c %s "$RAW")
	for k in "$@"; do	# Esc: then past the wait that tells Esc from Esc+digit
		tm send-keys -t main "$k"; [ "$k" = Escape ] && sleep 0.5
	done
	n=0; last=-1; size=$(stat -c %s "$RAW")
	while [ "$size" != "$last" ] && [ $n -lt 40 ]; do sleep 0.2; last=$size; size=$(stat -c %s "$RAW"); n=$((n + 1)); done
	if tail -c +$((from + 1)) "$RAW" | head -c $((size - from)) | grep -aqE "$BAD"; then
		not_ok "$name: a raw control byte from the data reached the terminal" \
			"$(tail -c +$((from + 1)) "$RAW" | head -c $((size - from)) | grep -aoE ".{0,20}($BAD).{0,20}" | head -3 | od -c | head -8)"
	else ok "$name: no raw control byte from the data in $((size - from)) bytes"; fi
	[ -n "${DUMP:-}" ] && { echo "=== $name"; screen; } >>"$DUMP"
	# below the title bar (which shows the member's department); NODATA=1: a list of ids
	if [ "${NODATA:-0}" = 1 ]; then return; fi
	if screen | tail -n +2 | grep -Fq "␛"; then ok "$name: the data is on screen, sanitised"
	else not_ok "$name: the data is on screen, sanitised" "$(screen)"; fi
}
look "dashboard" F5
look "measures" : measures Enter
look "measures: a measure in full" Down Enter
look "schedule" Escape : schedule Enter
look "eval" : eval Enter
look "eval: an evaluation in full" Enter
look "mig" Escape : mig Enter
look "mig: a system in detail" d
look "mig: a step" Escape Enter
look "risks" Escape : risks Enter
look "risks: an item" Enter
look "vdi" Escape : vdi Enter
look "vdi: an account with history" Enter
look "training" Escape : training Enter
look "training: a course's sessions" Enter
look "training: a roster" Enter
look "staff" Escape Escape : staff Enter
look "staff: the edit form" e
look "depts" Escape : depts Enter
look "depts: the rename form" e
look "keys" Escape : keys Enter
NODATA=1 look "audit (ids and codes only)" : audit Enter
# (the newest two entries are this login's: its LOGIN and its database session opened)
look "audit: an entry, before and after" Down Down Enter
tm send-keys -t main Escape; sleep 0.7; tm send-keys -t main : q Enter
i=0; while [ "$(server_kids "$SERVER" | wc -l)" -ne 0 ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq "the console quit cleanly" 0 "$(server_kids "$SERVER" | wc -l)"
if grep -aqE "$BAD" "$RAW"; then not_ok "the whole session's byte stream: no raw control byte from the data"
else ok "the whole session's byte stream ($(stat -c %s "$RAW") bytes): no raw control byte from the data"; fi
expect_nomatch "no sanitizer report" "ERROR: AddressSanitizer|runtime error|LeakSanitizer" \
	"$(cat "$T_TMP/serve.out" "$LOG")"
