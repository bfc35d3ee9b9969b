#!/bin/sh
# Two people on one cell of the migration board, each in the real OpenSSH client in tmux
# (100x30, Japanese): the board's one-key status change carries the version of the cell
# as the person saw it (screens/mig.c, backend/store/store_mig.c mig_cell_set), so a key
# pressed on a cell someone else changed meanwhile opens the conflict dialog saying who
# changed it, when and to what, and writes nothing; reload shows theirs and the next key
# writes; overwrite writes over theirs having seen it.
#
# "Meanwhile" without a race: the second person has a modal dialog (E, the export's ssh
# lines) open while the first writes, and closes it and presses a status key in one go
# (the step view, Enter, is live since issue 25: it follows the change), so the key is
# handled before the board's notified reload (tui/app.c: keys first, and that reload
# waits at least 50 ms) could show the change.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-07-01	# the sessions' clock (the server's environment)
ssh_ui_db "$ROOT/tests/db/mig_fixture.sql"

# console SESSION LOGIN: LOGIN's console over SSH in tmux session SESSION, on the board,
# the selection on テスト業務 (901, the 21st system) x テスト選定 (913, the 4th step).
console() {
	ssh_console "$1" "$2" 100 30 || exit 1
	tmux_send -t "$1" ':' 'mig' Enter
	tmux_wait_for "完了率" 5 "$1" || not_ok "$2: the board opens" "$(tmux_capture "$1")"
	for i in $(seq 20); do tmux_send -t "$1" Down; done
	tmux_wait_for "テスト手順: 完了済み" 3 "$1" || not_ok "$2: on テスト業務" "$(tmux_capture "$1")"
	tmux_send -t "$1" Right Right Right
	tmux_wait_for "テスト選定: 未着手" 3 "$1" && ok "$2: on テスト業務 x テスト選定 (未着手)" ||
		not_ok "$2: on テスト業務 x テスト選定" "$(tmux_capture "$1")"
}
# row SESSION: the symbols of テスト業務's row (the selected one) as SESSION's board shows
# them; wait_row SESSION SYMBOLS: until it shows SYMBOLS (3 s), 1 if not.
row() { tmux_capture "$1" | grep '▶テスト業務' | grep -o '[●◐○－]' | tr -d '\n'; }
wait_row() {
	wr=0; while [ "$(row "$1")" != "$2" ]; do
		wr=$((wr + 1)); [ $wr -gt 30 ] && return 1; sleep 0.1; done
}
cell() { psql_q "SELECT status || ' ' || version FROM mig_status WHERE system_id = 901 AND step_id = 913"; }
by() { psql_q "SELECT count(*) FROM mig_status_history WHERE system_id = 901 AND step_id = 913 AND changed_by = $1"; }

console A tadmin
console B tlead
c0=$(cell)
v0=${c0#* }
expect_eq "the cell before: 未着手" "todo" "${c0% *}"

# B looks at the export's lines; A sets it 作業中 meanwhile.
tmux_send -t B E
tmux_wait_for "mig export --csv" 3 B || not_ok "B: E opens the ssh lines" "$(tmux_capture B)"
tmux_send -t A 2
tmux_wait_for "テスト業務 › テスト選定: 作業中" 3 A && ok "A sets the cell 作業中" ||
	not_ok "A sets the cell 作業中" "$(tmux_capture A)"
expect_eq "A's write is in the database" "doing $((v0 + 1))" "$(cell)"
hb=$(by 902)

# B closes the dialog and presses 1 (完了済み) on the cell as B saw it: 未着手.
tmux_send -t B q 1
if tmux_wait_for "他の人が変更しました" 3 B; then ok "B's key on the changed cell opens the conflict dialog"
else not_ok "B's key on the changed cell opens the conflict dialog" "$(tmux_capture B)"; fi
s=$(tmux_capture B)
expect_match "the dialog says who changed it and when" \
	"tadmin さんが 2[0-9]{3}-[0-9]{2}-[0-9]{2} [0-9:]{8} にこのデータを変更し" "$s"
expect_match "... to what (theirs 作業中), against B's key (完了済み)" "テスト選定 +作業中 +完了済み" "$s"
expect_eq "nothing of B's written: the database has A's value" "doing $((v0 + 1))" "$(cell)"
expect_eq "... and no history row by B" "$hb" "$(by 902)"

# r: theirs on B's board; B's next key is from what B saw now, and writes.
tmux_send -t B r
wait_row B ●－◐◐ && ok "reload: B's board shows A's 作業中" ||
	not_ok "reload: B's board shows A's 作業中" "$(tmux_capture B)"
expect_contains "... and says so" "相手の内容を読み込みました" "$(tmux_capture B)"
expect_eq "reload wrote nothing" "doing $((v0 + 1))" "$(cell)"
tmux_send -t B 1
tmux_wait_for "テスト業務 › テスト選定: 完了済み" 3 B && ok "B's next key writes" ||
	not_ok "B's next key writes" "$(tmux_capture B)"
expect_eq "... 完了済み by B in the database, with history" "done $((v0 + 2)) $((hb + 1))" "$(cell) $(by 902)"

# The other way round, as an admin (who reads the audit trail): A looks at the step
# while B sets it 対象外; A's 2 opens the dialog naming B; o writes A's over it.
wait_row A ●－◐● || not_ok "A's board follows B's write" "$(tmux_capture A)"
tmux_send -t A E
tmux_wait_for "mig export --csv" 3 A || not_ok "A: E opens the ssh lines" "$(tmux_capture A)"
tmux_send -t B 4
tmux_wait_for "テスト業務 › テスト選定: 対象外" 3 B || not_ok "B sets the cell 対象外" "$(tmux_capture B)"
tmux_send -t A q 2
if tmux_wait_for "他の人が変更しました" 3 A; then ok "A's key on the changed cell opens the conflict dialog"
else not_ok "A's key on the changed cell opens the conflict dialog" "$(tmux_capture A)"; fi
s=$(tmux_capture A)
expect_contains "the dialog names B" "tlead さんが" "$s"
expect_match "... theirs 対象外 against A's 作業中" "テスト選定 +対象外 +作業中" "$s"
expect_eq "nothing of A's written yet" "na $((v0 + 3))" "$(cell)"
tmux_send -t A o
tmux_wait_for "テスト業務 › テスト選定: 作業中" 3 A && ok "overwrite, having seen theirs, writes" ||
	not_ok "overwrite, having seen theirs, writes" "$(tmux_capture A)"
expect_eq "... over theirs, in the database" "doing $((v0 + 4))" "$(cell)"
wait_row B ●－◐◐ && ok "B's board follows" || not_ok "B's board follows" "$(tmux_capture B)"
