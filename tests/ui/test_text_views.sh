#!/bin/sh
# The text viewers say where they are, as the lists do: the step view (:mig, Enter), an
# audit entry's fields (:audit, Enter), an evaluation (:eval, Enter) and a measure's
# detail (:measures, Enter), over the real OpenSSH client in tmux at 80x24 (Japanese),
# each with a text longer than the screen: the position "first-last/total" with ▼ at the
# start, changing as PgDn/PgUp page (the lines shown less one), End showing the last
# line (no ▼, ▲ instead) and Home the first again. The help (`?`) the same.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-11-24
ssh_ui_db "$ROOT/tests/db/mig_fixture.sql" "$ROOT/tests/db/plan_fixture.sql"
long=$(i=0; while [ $i -lt 200 ]; do printf '記録その%03d。' $i; i=$((i + 1)); done)
psql -qX -v ON_ERROR_STOP=1 -c "UPDATE mig_status SET note = '$long' WHERE system_id = 901 AND step_id = 913;
	UPDATE measure SET overview = '$long$long' WHERE id = 903;
	INSERT INTO evaluation (measure_id, fy, e1_grade, e1_achievements, e1_issues, e1_submitted_at, e1_by)
	VALUES (903, 2026, 'B', '$long', '$long', now(), 901)" >/dev/null || { not_ok "long texts"; exit 1; }

ssh_console A tadmin || exit 1

# The position at the foot of the view: "first-last/total", with " ▼" when lines are below.
mark() { tmux_capture A | sed 's/│[^│]*$//; s/ *$//' | grep -Eo '[0-9]+-[0-9]+/[0-9]+( ▼)?$' | tail -n 1; }
# wait_mark REGEX: until mark matches (3 s)
wait_mark() { w=0; until mark | grep -Eq -- "$1"; do w=$((w + 1)); [ $w -gt 30 ] && return 1; sleep 0.1; done; }
# pages NAME: the viewer on screen pages as its position says
pages() {
	m=$(mark)
	expect_match "$1: the position at the start, ▼ as more follows" '^1-[0-9]+/[0-9]+ ▼$' "$m"
	expect_nomatch "$1: no ▲ at the start" "▲" "$(tmux_capture A)"
	last=${m#*-}; last=${last%%/*}; total=${m#*/}; total=${total% ▼}
	# a page is the lines shown less one: the last line shown comes to the top (the end
	# of the text at most)
	to=$last; [ $to -gt $((total - last + 1)) ] && to=$((total - last + 1))
	tmux_send -t A NPage
	wait_mark "^$to-" && ok "$1: PgDn pages on ($m, then $(mark))" ||
		not_ok "$1: PgDn" "$(tmux_capture A)"
	expect_contains "$1: ▲ once lines are above" "▲" "$(tmux_capture A)"
	tmux_send -t A PPage
	wait_mark "^$m\$" && ok "$1: PgUp back to the start" || not_ok "$1: PgUp" "$(tmux_capture A)"
	tmux_send -t A G
	wait_mark "^[0-9]+-$total/$total\$" && ok "$1: G (End) shows the last line, no ▼ ($(mark))" ||
		not_ok "$1: G" "$(tmux_capture A)"
	tmux_send -t A g
	wait_mark "^$m\$" && ok "$1: g (Home) the first line again" || not_ok "$1: g" "$(tmux_capture A)"
	# the End and Home keys themselves, as tmux sends them (ESC[4~ / ESC[1~, as PuTTY and
	# Tera Term do with TERM=xterm, whose terminfo says ESC OF / ESC OH)
	tmux_send -t A End
	wait_mark "^[0-9]+-$total/$total\$" && ok "$1: the End key shows the last line" ||
		not_ok "$1: End key" "$(tmux_capture A)"
	tmux_send -t A Home
	wait_mark "^$m\$" && ok "$1: the Home key the first line again" ||
		not_ok "$1: Home key" "$(tmux_capture A)"
}

# :mig, Enter on テスト業務 x テスト選定: the step view with its long note
tmux_send -t A ':' 'mig' Enter
tmux_wait_for "完了率" 5 A || not_ok "the board opens" "$(tmux_capture A)"
for i in $(seq 20); do tmux_send -t A Down; done
tmux_send -t A Right Right Right
tmux_wait_for "テスト選定: 未着手" 3 A || not_ok "on テスト業務 x テスト選定" "$(tmux_capture A)"
tmux_send -t A Enter
tmux_wait_for "記録その000" 3 A && ok "step view open" || not_ok "step view" "$(tmux_capture A)"
pages "step view"
expect_eq "step view: the cell untouched by the paging keys" "todo" \
	"$(psql_q "SELECT status FROM mig_status WHERE system_id = 901 AND step_id = 913")"
tmux_send -t A q q

# viewer NAME SCREEN LISTED SHOWN: open :SCREEN (LISTED once it is there), Enter on the
# selected row (the keys before it in $KEYS), SHOWN once the viewer is open, then page it
viewer() {
	tmux_send -t A ':' "$2" Enter
	tmux_wait_for "$3" 5 A || not_ok ":$2 opens" "$(tmux_capture A)"
	for k in $KEYS; do tmux_send -t A "$k"; sleep 0.1; done
	tmux_send -t A Enter
	tmux_wait_for "$4" 3 A && ok "$1 open" || not_ok "$1" "$(tmux_capture A)"
	pages "$1"
	tmux_send -t A q q
}
# :audit, the evaluation's INSERT (filtered to it): more fields than rows
KEYS="/ table:evaluation Enter" viewer "audit entry" audit "監査ログ" "変更後"
# ... its fields named in Japanese, whole (no column name, none cut short)
tmux_send -t A ':' audit Enter; tmux_wait_for "監査ログ" 5 A
for k in / table:evaluation Enter Enter; do tmux_send -t A "$k"; sleep 0.1; done
tmux_wait_for "変更後" 3 A || not_ok "the evaluation's entry again" "$(tmux_capture A)"
f=$(tmux_capture A); tmux_send -t A G; sleep 0.5; f="$f
$(tmux_capture A)"
expect_nomatch "audit entry: no column's code name in Japanese" "e[12]_[a-z]|cio_|_at |_by " "$f"
expect_contains "audit entry: the 1st evaluation's texts named" "1次評価の取組実績" "$f"
expect_contains "audit entry: a long name whole" "CIO補佐官の助言日時" "$f"
tmux_send -t A q q
# :eval, 9-3 (the last row): the evaluation's long texts
KEYS=G viewer "evaluation" eval "施策評価" "取組実績"
# :measures, 9-3 (the last row): the measure's detail with its long overview
KEYS=G viewer "measure detail" measures "第1部" "9-3 情報システム標準化"
# the help over :measures' list (its top row selected, so no ▲ behind)
tmux_send -t A ':' measures Enter
tmux_wait_for "第1部" 5 A || not_ok ":measures opens" "$(tmux_capture A)"
tmux_send -t A '?'
tmux_wait_for "この画面のキー" 3 A && ok "help open" || not_ok "help" "$(tmux_capture A)"
pages "help"
