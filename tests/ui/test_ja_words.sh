#!/bin/sh
# Japanese complete: no English word in what a person reads in the ja UI. Every
# command's help (`help CMD SUB` for every row of backend/cmd/cmd_table.c), the output
# of every command that shows data (lists and details on the fixtures, with history and
# audit entries made through the commands) and its errors (usage, bad input, refusals,
# an import with bad rows), and every screen of the console over the real OpenSSH client
# in tmux (LANG=ja_JP.UTF-8 sent), each with its detail where it has one. The words are
# judged by tests/lib/ja_words.py: codes, logins and names from the data, numbers,
# units and product names (SSH, VDI, CSV, ...) pass; its short allow-list says why for
# each other entry. --csv and --json keep their codes and are not read here.
. "$(dirname "$0")/../lib/common.sh"
. "$ROOT/tests/lib/sshd.sh"
. "$ROOT/tests/lib/fixtures.sh"

command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
command -v python3 >/dev/null 2>&1 || { ok "# SKIP no python3"; exit 0; }
pg_start || { not_ok "throwaway cluster"; exit 1; }
sshd_setup "10:30:100" 0 || exit 1
all_fixtures
WORDS=$ROOT/tests/lib/ja_words.py
CODES=$T_TMP/codes

# The codes and names of the data (what a person typed, not rashin's words) ...
psql -qXAt -v ON_ERROR_STOP=1 >"$CODES" <<'SQL' || not_ok "codes from the data"
SELECT login FROM staff UNION SELECT code FROM department UNION SELECT code FROM course
UNION SELECT vdi_username FROM vdi_account WHERE vdi_username IS NOT NULL
UNION SELECT pool FROM vdi_account WHERE pool IS NOT NULL
UNION SELECT place FROM course_session WHERE place IS NOT NULL
UNION SELECT label_en FROM rs_label	-- the English spelling of a label, also accepted,
	WHERE domain <> 'risk_status'	-- but not a status's (open, resolved): words to catch
UNION SELECT code FROM rs_label WHERE domain = 'course_category';	-- listed to be typed
SQL
# ... and, for help, the words one types: commands, subcommands, and the codes their
# options and positionals accept as help lists them (a code is accepted with its label).
{
	printf 'cmd: '
	grep -oE '^\s*\{ "[a-z]+", "[a-z ]*", (NULL|"[a-z]+")' "$ROOT/backend/cmd/cmd_table.c" |
		grep -oE '"[a-z ]+"' | tr -d '"' | tr '\n' ' '
	# the operator's commands (rashin --help) and the screens' names and aliases (:dash)
	printf '%s ' demo serve tui migrate config backup restore verify anchor
	sed -n 's/^\s*X("\([a-z]*\)", *"\([a-z ]*\)".*/\1 \2/p' "$ROOT/screens/screens.h" | tr '\n' ' '
	echo
	printf 'help: '
	echo 'admin lead trainer auditor readonly requested manager_approved approved rejected withdrawn
active suspended expired revoked studying done reviewing present late excused absent doing todo na
issue risk question open resolved closed yes no login name kana dept role manager' | tr '\n' ' '
	echo
	# the server's host name (the audit trail's session entries name it, host:pid)
	hostname
	# what this test types, echoed back in messages
	echo 'tnew nobody BOGUS nope nosuch Tanaka Kenji nokind' | tr ' ' '\n'
} >>"$CODES"

# the judge itself: what the issue found is caught, codes and numbers are not
out=$(printf '状態: open\n2026-12-05  request.requested  tlead\n権限: readonly\n' | python3 "$WORDS" "$CODES")
expect_eq "the judge catches English words" "open request requested readonly" \
	"$(printf '%s\n' "$out" | sed 's/.*<- //' | tr '\n' ' ' | sed 's/ $//')"
expect_eq "... and passes codes, logins, numbers, units and products" "" \
	"$(printf 'tlead T-IT 2026-12-05 10:00 75.5%% VDI SSH CSV --csv ssh-ed25519 SHA256:x9\n' | python3 "$WORDS" "$CODES")"

ja() { LC_ALL= LANG=ja_JP.UTF-8 RASHIN_TODAY=2026-11-24 "$RASHIN" -c "$CONF" "$@"; }
# judge NAME [--help-mode] < TEXT: ok when TEXT holds no English word
judge() {
	n=$1; shift
	if bad=$(python3 "$WORDS" "$@" "$CODES"); then ok "$n"; else not_ok "$n" "$bad"; fi
}

# --- help: the list, and every row of the command table
{
	ja help
	grep -oE '^\s*\{ "[a-z]+", "[a-z ]*", (NULL|"[a-z]+"), "' "$ROOT/backend/cmd/cmd_table.c" |
		sed -E 's/^\s*\{ "([a-z]+)", "([a-z ]*)".*/\1 \2/' | while read -r c s; do
		# shellcheck disable=SC2086
		ja help $c $s
	done
	ja --help
} >"$T_TMP/help.txt" 2>&1
expect_match "help for every row of the command table" "^training session add " "$(cat "$T_TMP/help.txt")"
judge "help in Japanese: every command and subcommand" --help-mode <"$T_TMP/help.txt"

# --- data made through the commands, so history and the audit trail have entries
{
	ja mig set テスト業務 テスト手順 作業中 --note 着手 --as tadmin
	ja mig set テスト業務 テスト手順 完了済み --as tadmin
	ja risks add テスト業務 --title 遅延 --kind リスク --as tadmin
	ja measures set 901 --status 実施中 --as tadmin
	ja staff set treader --name '閲覧 三郎' --as tadmin
	ja staff add tnew --name '新人 一' --kana 'しんじん はじめ' --dept T-A --as tadmin
	ja staff deactivate tnew --as tadmin
	ja vdi suspend 1 --reason 点検 --as tadmin
	ja vdi resume 1 --as tadmin
	ja training enrol 913 tlead --as tadmin
	ja eval submit 901 --grade B --achievements 成果 --as tlead
} >"$T_TMP/writes.txt" 2>&1
judge "what the writes say" <"$T_TMP/writes.txt"

# --- what every command shows (text, as a person reads it)
run_all() {
	for c in "whoami" "version" "keys list" "keys list tlead" \
		"mig board" "mig show テスト業務" "mig history テスト業務" "mig steps list" "mig phases list" \
		"risks list" "measures list" "measures show 901" "schedule show" "kpi list 901" \
		"eval list" "eval show 901" "report progress" "staff list" "staff show tlead" \
		"staff show treader" "depts list" "audit verify" "audit list" \
		"vdi list" "vdi show 1" "vdi show 2" "vdi expiring" \
		"training courses" "training sessions" "training roster 911" "training transcript tlead" \
		"training report" "training categories"; do
		echo "### $c"
		# shellcheck disable=SC2086
		ja $c --as tadmin
	done
}
run_all >"$T_TMP/show.txt" 2>&1
expect_match "the commands showed data" "テスト業務" "$(cat "$T_TMP/show.txt")"
judge "every command's output in Japanese" <"$T_TMP/show.txt"

# --- errors: usage, bad input, refusals, not found, an import with bad rows
printf 'ログイン,氏名,ふりがな,所属\nbad login!,名,めい,T-A\nnobody,名,めい,NOPE\n' >"$T_TMP/staff.csv"
{
	ja mig set --as tadmin
	ja mig set テスト業務 --bogus --as tadmin
	ja mig set ない業務 テスト手順 完了済み --as tadmin
	ja mig set テスト業務 テスト手順 ないもの --as tadmin
	ja eval submit 901 --as tlead
	ja eval submit 901 --grade X --as tlead
	ja staff show nobody --as tadmin
	ja staff list --dept BOGUS --as tadmin
	ja staff add 'Tanaka Kenji' --name 田中 --kana たなか --dept T-A --as tadmin
	ja staff import "$T_TMP/staff.csv" --check --as tadmin
	ja risks add テスト業務 --title x --kind nokind --as tadmin
	ja vdi approve 99 --as tadmin
	ja vdi request --reason r --work w --from 2026-13-01 --to 2026-12-01 --as tlead
	ja training mark 913 tlead present --as tadmin
	ja measures set 901 --status done --as treader
	ja keys revoke SHA256:nope 理由 --as tadmin
	ja nosuch --as tadmin
	ja help nosuch
} >"$T_TMP/errors.txt" 2>&1
judge "errors in Japanese" --help-mode <"$T_TMP/errors.txt"

# --- the console's screens over SSH, in Japanese as the client's LANG asks
T_TMUX=rashin-jaw-$$
tm() { tmux -L "$T_TMUX" "$@"; }
screen() { tm capture-pane -p -t main; }
tm new -d -s main -x 120 -y 40 "env TERM=xterm-256color LC_ALL= LANG=ja_JP.UTF-8 $SSH -tt -o SendEnv=LANG \
-i $KEYS/tadmin tadmin@127.0.0.1 2>$T_TMP/ssh.err; sleep 60"
i=0; until screen | grep -Fq "DB ●"; do i=$((i + 1)); [ $i -gt 150 ] && break; sleep 0.1; done
screen | grep -Fq "DB ●" && ok "console over SSH up" || { not_ok "console over SSH up" "$(screen; cat "$T_TMP/ssh.err")"; exit 1; }
settle() { sleep 0.6; }
# look NAME KEYS...: send the keys, then judge the screen (and its help, ?)
look() {
	name=$1; shift
	for k in "$@"; do tm send-keys -t main "$k"; done
	settle
	cp "$T_TMP/screen.txt" "$T_TMP/screen.prev" 2>/dev/null
	screen >"$T_TMP/screen.txt"
	{ echo "## $name"; cat "$T_TMP/screen.txt"; } >>"$T_TMP/screens.txt"
	judge "screen $name in Japanese" <"$T_TMP/screen.txt"
}
look dashboard
look "dashboard help" '?'
tm send-keys -t main Escape; settle
for s in measures schedule eval mig risks vdi training staff depts keys audit; do
	tm send-keys -t main ':' ; tm send-keys -t main -l "$s"; tm send-keys -t main Enter
	look ":$s"
	cmp -s "$T_TMP/screen.txt" "$T_TMP/screen.prev" && not_ok ":$s opened (the screen changed)" "$(cat "$T_TMP/screen.txt")"
	look ":$s detail" Enter
	tm send-keys -t main Escape; settle
	look ":$s help" '?'
	tm send-keys -t main Escape; settle
done
# the audit diff's values: a step's status change shows its labels, not done/doing
tm send-keys -t main ':'; tm send-keys -t main -l audit; tm send-keys -t main Enter; settle
tm send-keys -t main /; tm send-keys -t main -l 'table:mig_status action:update'
tm send-keys -t main Enter; settle
look ":audit detail of a status change" Enter
expect_match ":audit detail: the status as labels" "^\* 状態 +作業中 +完了済み" "$(grep '状態 ' "$T_TMP/screen.txt")"
tm send-keys -t main Escape; settle
look "command palette" ':'
tm send-keys -t main Escape
