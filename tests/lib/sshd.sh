# A running `rashin serve` for SSH tests: after common.sh and pg_start,
#   sshd_setup STARTUPS PENALTY [PENALTY_MAX]  migrate, load the fixture, make and register
#                                              a key per fixture member, start the server
# Sets CONF, LOG, KEYS, PORT, SERVER, SSH; `as LOGIN KEY CMD...` runs a command (out, rc).
sshd_conf() {
	write_conf "$CONF"
	cat >>"$CONF" <<CONF
server: {
  listen = "127.0.0.1";
  port = $PORT;
  host_key = "$T_TMP/hostkey/ssh_host_ed25519_key";
  login_grace_time = ${GRACE:-3};
  max_auth_tries = 3;
  max_startups = "$1";
  max_sessions = 4;
  idle_timeout = 0;
  penalty_base = $2;
  penalty_max = ${3:-4};
  per_source_max_startups = ${PER_SOURCE:-0};
  max_memory_mb = ${MAX_MEMORY_MB:-512};
};
CONF
}

register() {	# register LOGIN KEYFILE
	set -- "$1" "$(cut -d' ' -f1 "$2.pub")" "$(cut -d' ' -f2 "$2.pub")" \
		"$(ssh-keygen -lf "$2.pub" -E sha256 | cut -d' ' -f2)"
	psql_q "INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint)
		SELECT id, '$2', '$3', '$4' FROM staff WHERE login = '$1'" >/dev/null
}

sshd_setup() {
	CONF=$T_TMP/rashin.conf
	LOG=$T_TMP/rashin.log
	KEYS=$T_TMP/keys
	mkdir -p "$KEYS"
	PORT=$((20000 + $$ % 20000))
	while bash -c "exec 3<>/dev/tcp/127.0.0.1/$PORT" 2>/dev/null; do PORT=$((PORT + 1)); done
	sshd_conf "$@"
	"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || { not_ok "migrate"; return 1; }
	psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" >/dev/null || { not_ok "fixture"; return 1; }
	for who in tadmin tlead ttrainer tauditor treader stranger; do
		ssh-keygen -q -t ed25519 -N '' -C "$who" -f "$KEYS/$who"
	done
	for who in tadmin tlead ttrainer tauditor treader; do register "$who" "$KEYS/$who"; done
	"$RASHIN" -c "$CONF" serve >"$T_TMP/serve.out" 2>&1 &
	SERVER=$!
	track_pid "$SERVER"
	i=0
	until grep -q "sshd: listening on" "$LOG" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 150 ] || ! kill -0 "$SERVER" 2>/dev/null; then
			not_ok "rashin serve starts" "$(cat "$T_TMP/serve.out" "$LOG" 2>/dev/null | tail -20)"
			return 1
		fi
		sleep 0.1
	done
	SSH="ssh -F /dev/null -p $PORT -o UserKnownHostsFile=$T_TMP/known_hosts -o StrictHostKeyChecking=accept-new -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=5"
}

# ssh_ui_db [SQL-FILE...]: the start of a console test over SSH (ui_db's twin): skipped
# without tmux; a throwaway cluster, `rashin serve` with a key per fixture member
# (sshd_setup), each FILE loaded on top of tests/db/fixture.sql; exits with a not_ok when
# any of it fails. RASHIN_TODAY, when the test pins the clock, is exported before.
ssh_ui_db() {
	command -v tmux >/dev/null 2>&1 || { ok "# SKIP no tmux"; exit 0; }
	pg_start || { not_ok "throwaway cluster"; exit 1; }
	sshd_setup "10:30:100" 0 || exit 1
	for f in "$@"; do
		psql -qX -v ON_ERROR_STOP=1 -f "$f" >/dev/null || { not_ok "fixture $f"; exit 1; }
	done
}

# ssh_console SESSION LOGIN [COLS LINES]: LOGIN's console over the real OpenSSH client in
# tmux (default 80x24), in Japanese; ssh's stderr in $T_TMP/SESSION.ssh.err. 1 (with a
# not_ok showing the pane) when the title bar's "DB ●" is not there within 15 s.
ssh_console() {
	tmux_start "$1" "${3:-80}" "${4:-24}" "env TERM=xterm-256color LC_ALL=C.UTF-8 $SSH -tt \
		-o SetEnv=LANG=ja_JP.UTF-8 -i $KEYS/$2 $2@127.0.0.1 2>$T_TMP/$1.ssh.err; sleep 60"
	tmux_wait_for "DB ●" 15 "$1" && return 0
	not_ok "$2's console over SSH" "$(tmux_capture "$1"; cat "$T_TMP/$1.ssh.err")"
	return 1
}

# as LOGIN KEY CMD...: run a command as LOGIN with KEY; stdout+stderr in out, status in rc
as() { l=$1; k=$2; shift 2; out=$($SSH -i "$KEYS/$k" "$l@127.0.0.1" "$@" 2>&1 </dev/null); rc=$?; }

# session_child CONN: the console or command children of connection process CONN (the
# monitor), not its network process (rashin-net: backend/sshd/sshd_monitor.h)
session_child() { for p in $(pgrep -P "$1"); do [ "$(cat "/proc/$p/comm" 2>/dev/null)" = rashin-net ] || echo "$p"; done; }
