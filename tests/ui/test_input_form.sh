#!/bin/sh
# The one input rule in the console's forms, over the real OpenSSH client in tmux
# (Japanese): in the :risks add form a bidi override (U+202E) or a C1 control (U+0085,
# U+009B) typed or pasted into the title or the description is not taken, and the field
# says which character at which position; saving then stores only clean text. (The same
# rule on the command line and in imports: tests/db/test_input_rule.sh.)
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"

export RASHIN_TODAY=2026-07-01
ssh_ui_db "$ROOT/tests/db/mig_fixture.sql"
psql -qX -v ON_ERROR_STOP=1 -c "INSERT INTO mig_risk (system_id, title, kind, impact, likelihood)
	VALUES (901, '帳票の差異', 'issue', 3, 5)" >/dev/null
RLO=$(printf '\342\200\256'); NEL=$(printf '\302\205'); CSI=$(printf '\302\233')

ssh_console A tlead 120 30 || exit 1
tmux_send -t A ':' 'risks' Enter
tmux_wait_for "帳票の差異" 5 A || not_ok ":risks opens" "$(tmux_capture A)"
tmux_send -t A n
tmux_wait_for "課題・リスクの追加" 3 A || not_ok "n opens the add form" "$(tmux_capture A)"
tmux_send -t A -l 業務
tmux_wait_for "テスト業務 (" 3 A || not_ok "picker: テスト業務" "$(tmux_capture A)"
tmux_send -t A Enter
sleep 0.2

# the title: "ab", then a bidi override pasted
tmux_send -t A Tab; tmux_send -t A -l "ab${RLO}"
tmux_wait_for "U+202E" 3 A
screen=$(tmux_capture A)
expect_match "bidi override in the title: named with its position" "件名\*  +ab +U\+202E 双方向制御文字（3 文字目）は不可" "$screen"
tmux_send -t A -l "c${NEL}"
tmux_wait_for "U+0085" 3 A
expect_match "C1 U+0085 in the title: named with its position" "件名\*  +abc +U\+0085 C1 制御文字（4 文字目）は不可" "$(tmux_capture A)"
# the description (multi-line): a CSI (U+009B) after a line break
tmux_send -t A Tab Right
tmux_send -t A Tab Tab Tab Tab Tab
tmux_send -t A -l '一行目'; tmux_send -t A Enter; tmux_send -t A -l "二${CSI}"
tmux_wait_for "U+009B" 3 A
expect_match "C1 U+009B in the description: position counts the line break" "U\+009B C1 制御文字（6 文字目）は不可" "$(tmux_capture A)"
tmux_send -t A F2
tmux_wait_for "abc" 5 A
expect_eq "saved: only the clean text reached the database" "abc|一行目
二" "$(psql_q "SELECT title || '|' || description FROM mig_risk WHERE title LIKE 'ab%'")"
expect_eq "no control or bidi character stored" 0 \
	"$(psql_q "SELECT count(*) FROM mig_risk WHERE title ~ '[\u0080-\u009f\u202a-\u202e]' OR description ~ '[\u0080-\u009f\u202a-\u202e]'")"

echo "1..$T_N"
