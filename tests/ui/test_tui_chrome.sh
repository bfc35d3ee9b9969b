#!/bin/sh
# What surrounds every screen (issue 25), at 80x24 in Japanese over a real terminal: the
# key bar shows whole keys only (no "…") on every screen and keeps `? ヘルプ`; help lists
# each line once; `:` Tab completes the common prefix, then cycles; below 80x24 a notice
# says the size needed and the size now, and the screen comes back when it is larger; a
# message goes when you go to another screen; hand-made lists show their position and ▲▼.
. "$(dirname "$0")/../lib/common.sh"

ui_db

tmux_console tui 80 24 tadmin || { not_ok "console starts" "$(tmux_capture; cat "$T_TMP/tui.err")"; exit 1; }

# the key bar on every screen
for scr in dash measures schedule eval mig risks vdi training staff depts keys audit; do
	tmux_send ':' "$scr" Enter
	sleep 0.4
	bar=$(tmux_capture | sed -n 23p | sed 's/ *$//')
	expect_nomatch "$scr: key bar cuts no key" "…" "$bar"
	expect_match "$scr: key bar keeps ? ヘルプ" "\\? ヘルプ$" "$bar"
	expect_nomatch "$scr: F-key line cuts no key" "…" "$(tmux_capture | sed -n 24p)"
	# help: no line twice, and no key shown twice in one line ("Enter / Enter")
	tmux_send '?'
	tmux_wait_for "─ ヘルプ ─" 3 || not_ok "$scr: ? opens help" "$(tmux_capture)"
	lines=""
	i=0
	while [ $i -lt 5 ]; do	# every page of the help
		lines="$lines
$(tmux_capture | sed -n '3,21p')"
		tmux_send PageDown
		sleep 0.1
		i=$((i + 1))
	done
	tmux_send q
	sleep 0.2
	dups=$(printf '%s\n' "$lines" | sed 's/^ *│ *//; s/ *│ *$//' | grep -E '^  [^ ]' | sort | uniq -d)
	expect_eq "$scr: help lines once each" "" "$dups"
	expect_nomatch "$scr: help names no key twice" "(^|  )(Enter / Enter|/ / f / / /)" "$lines"
done

# hand-made lists show their position and ▲▼ (tui_scroll_mark) and page with PgUp/PgDn
for scr in measures mig; do
	tmux_send ':' "$scr" Enter Home
	sleep 0.5
	s=$(tmux_capture)
	expect_match "$scr: at the top, the position and ▼ (more below)" "[0-9]+/[0-9]+ ▼" "$s"
	expect_nomatch "$scr: ... no ▲" "▲" "$s"
	tmux_send NPage
	sleep 0.3
	s=$(tmux_capture)
	expect_match "$scr: PgDn goes a page down: ▲ (rows above)" "▲" "$s"
	p=$(printf '%s\n' "$s" | grep -oE "[0-9]+/[0-9]+ " | head -1)
	expect_nomatch "$scr: ... the position moved on from the first rows" "^[12]/" "$p"
	tmux_send PPage
	sleep 0.3
	expect_nomatch "$scr: PgUp: back at the top, no ▲" "▲" "$(tmux_capture)"
done
tmux_send ':' 'audit' Enter	# where the loop above left it
sleep 0.4

# `:` completion: the common prefix, then each candidate in turn, the list not cut
tmux_send ':' 'd' Tab
sleep 0.3
expect_match ": Tab completes the common prefix" "^:d(ash|ep)? *" "$(tmux_capture | sed -n 22p)"
expect_contains ": the candidates are listed" "dash" "$(tmux_capture)"
expect_contains ": ... all of them" "depts" "$(tmux_capture)"
tmux_send Tab
sleep 0.2
first=$(tmux_capture | sed -n 22p | sed 's/ *$//')
tmux_send Tab
sleep 0.2
second=$(tmux_capture | sed -n 22p | sed 's/ *$//')
expect_match ": Tab again: a candidate" "^:d[a-z]+" "$first"
[ "$first" != "$second" ] && ok ": Tab again cycles" || not_ok ": Tab again cycles" "$first / $second"
tmux_send Escape
sleep 0.6	# past Esc's wait for a digit (Esc : would be M-:)
tmux_send ':' Tab
sleep 0.3
s=$(tmux_capture)
expect_contains ": every word listed (wrapped, not cut): the first" "audit" "$s"
expect_contains ": ... and the last screens" "training" "$s"
expect_nomatch ": the list is not cut" "…" "$(printf '%s\n' "$s" | sed -n '2,22p')"
tmux_send Escape
sleep 0.6

# a message goes with the screen it was about
tmux_send ':' 'nosuch' Enter
tmux_wait_for "nosuch" 3 || not_ok "an unknown command is said" "$(tmux_capture)"
tmux_send ':' 'mig' Enter
sleep 0.5
expect_nomatch "the message went with the screen left" "nosuch" "$(tmux_capture)"

# the terminal too small: a notice, then the screen back
tmux_resize 60 20
sleep 0.6
s=$(tmux_capture)
expect_contains "60x20: the notice" "端末が小さすぎます" "$s"
expect_contains "60x20: the size needed" "必要な大きさ: 80 x 24" "$s"
expect_contains "60x20: the size now" "現在の大きさ: 60 x 20" "$s"
expect_nomatch "60x20: no broken title" "ダッ|rashin" "$s"
tmux_resize 80 24
sleep 0.6
s=$(tmux_capture)
expect_nomatch "80x24: the notice gone" "端末が小さすぎます" "$s"
expect_contains "80x24: the screen back" "令和8年度" "$(printf '%s\n' "$s" | sed -n 1p)"

tmux_send ':' 'q' Enter
i=0; while [ ! -s "$T_TMP/tui.rc" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i + 1)); done
expect_eq ":q exits 0" 0 "$(cat "$T_TMP/tui.rc" 2>/dev/null)"
