#!/bin/sh
# Every .c of screens/, tui/ and backend/ has its own header (NAME.c: NAME.h), includes
# it first, and declares no prototype or extern of its own: those live in headers
# (docs/architecture.md). tools/headers.awk checks; here it runs over the tree, then over
# copies with a planted breach of each kind, which it must catch.
. "$(dirname "$0")/../lib/common.sh"
cd "$ROOT" || exit 1

# Parts of a module that share the module's header (still included first), or none ("-").
# The commands' handlers are declared once, by CMD_LIST in backend/cmd/cmd.h (the
# command table's one place, as tmux's cmd_entry list): a command's file includes cmd.h
# first. The other rows are the second half of a module (mig's import/export and steps,
# plan's additions, the VDI lifecycle, the db connection's parts, a domain's admin and
# I/O halves) and include that module's header first.
ALLOW="
backend/cmd/cmd_audit.c=backend/cmd/cmd.h
backend/cmd/cmd_eval.c=backend/cmd/cmd.h
backend/cmd/cmd_keys.c=backend/cmd/cmd.h
backend/cmd/cmd_kpi.c=backend/cmd/cmd.h
backend/cmd/cmd_mig_steps.c=backend/cmd/cmd_mig.h
backend/cmd/cmd_report.c=backend/cmd/cmd.h
backend/cmd/cmd_risks.c=backend/cmd/cmd.h
backend/cmd/cmd_staff.c=backend/cmd/cmd.h
backend/cmd/cmd_training.c=backend/cmd/cmd.h
backend/cmd/cmd_mig_io.c=backend/cmd/cmd_mig.h
backend/cmd/cmd_plan_add.c=backend/cmd/cmd_plan.h
backend/cmd/cmd_vdi_life.c=backend/cmd/cmd_vdi.h
backend/cmd/report_pdf.c=backend/cmd/report.h
backend/store/db_result.c=backend/store/db.h
backend/store/db_warm.c=backend/store/db.h
backend/store/store_mig_edit.c=backend/store/store_mig.h
backend/store/store_plan_add.c=backend/store/store_plan.h
backend/store/store_risk.c=backend/store/store_mig.h
backend/store/store_training_admin.c=backend/store/store_training.h
backend/store/store_training_io.c=backend/store/store_training.h
backend/store/store_vdi_mfa.c=backend/store/store_vdi.h
"

# check DIR: the awk over DIR's sources (paths relative to DIR); output in $out
check_tree() {
	files=$(cd "$1" && find backend screens tui -name '*.c' | sort)
	[ "$(printf '%s\n' "$files" | grep -c '\.c$')" -gt 50 ] || { out="no sources in $1"; return 2; }
	out=$(cd "$1" && awk -v allow="$ALLOW" -f "$ROOT/tools/headers.awk" $files 2>&1)
}

if check_tree "$ROOT"; then ok "every .c: its own header, first; no prototypes in .c files"
else not_ok "every .c: its own header, first; no prototypes in .c files" "$out"; fi
n=$(printf '%s\n' "$ALLOW" | grep -c '=')
expect_eq "the allow-list is the one written here (no more)" 21 "$n"

# planted breaches, each in a fresh copy of the tree
copy() {
	rm -rf "$T_TMP/tree"
	mkdir -p "$T_TMP/tree"
	cp -R "$ROOT/backend" "$ROOT/screens" "$ROOT/tui" "$T_TMP/tree/"
}
# planted NAME PATTERN: the awk fails on the copy, saying PATTERN
planted() {
	check_tree "$T_TMP/tree"
	case $? in
	0)	not_ok "caught: $1 (it passed)" ;;
	2)	not_ok "caught: $1" "$out" ;;
	*)
		expect_match "caught: $1" "$2" "$out" ;;
	esac
}

copy
printf 'int screens_planted(int);\n' >>"$T_TMP/tree/screens/eval.c"
planted "a prototype in screens/eval.c" "a prototype belongs in a header: int screens_planted"

copy
printf 'extern int planted_global;\n' >>"$T_TMP/tree/tui/app.c"
planted "an extern in tui/app.c" "tui/app.c:[0-9]*: an extern"

copy
sed -i '0,/#include "screens\/audit.h"/s///' "$T_TMP/tree/screens/audit.c"
planted "screens/audit.c not including its header first" "is not its own header \"screens/audit.h\""

copy
rm "$T_TMP/tree/screens/risks.h"
planted "screens/risks.c without a header" "has no header of its own \\(screens/risks.h\\)"

copy
printf '/* x */\n#include <stdio.h>\nint planted_new(void);\nint planted_new(void) { return 0; }\n' \
    >"$T_TMP/tree/tui/planted_new.c"
planted "a new tui/ file without a header" "tui/planted_new.c"

copy
# a prototype over two lines, and braces in strings and comments that must not count
cat >>"$T_TMP/tree/tui/keymap.c" <<'C'
static const char *planted_s = "{ not a brace";
/* } nor this */
const char *planted_two(int a,
    int b);
C
planted "a prototype written over two lines" "planted_two\\(int a,"

# what must pass: statics, definitions, initialisers, braces in strings
copy
cat >>"$T_TMP/tree/tui/keymap.c" <<'C'
static int planted_static(int);
static int planted_static(int a) { return a == '{' ? 0 : 1; }
const char *const planted_table[] = { "(", ")" };
C
if check_tree "$T_TMP/tree"; then ok "statics, initialisers and braces in strings pass"
else not_ok "statics, initialisers and braces in strings pass" "$out"; fi
