#!/bin/sh
# The Japanese catalogue is complete: po/ja.po passes msgfmt --check, holds no fuzzy and
# no untranslated message, and every msgid the sources mark (_(), N_(), NP_(ctx, ...),
# i18n_pgettext(ctx, ...), plan_tr(...) in the "plan" context) is in it with a
# translation, in the same context. xgettext reads the sources as the build sees them.
. "$(dirname "$0")/../lib/common.sh"
cd "$ROOT" || exit 1
for t in msgfmt xgettext msgattrib; do
	command -v $t >/dev/null 2>&1 || { ok "# SKIP no $t (gettext)"; exit 0; }
done

check "msgfmt --check po/ja.po" msgfmt --check -o /dev/null po/ja.po
expect_eq "no fuzzy message" "" "$(msgattrib --only-fuzzy --no-wrap po/ja.po | grep '^msgid ' | grep -v '^msgid ""$')"
expect_eq "no untranslated message" "" "$(msgattrib --untranslated --no-wrap po/ja.po | grep '^msgid ' | grep -v '^msgid ""$')"

# every marked msgid of the sources, with its context, missing from the catalogue
# (plan_tr(x) is i18n_pgettext("plan", x): xgettext is shown it so, in a copy)
mkdir -p "$T_TMP/src"
for f in $(find backend screens tui rashin.c -name '*.[ch]' | sort); do
	mkdir -p "$T_TMP/src/$(dirname "$f")"
	sed 's/\bplan_tr(/i18n_pgettext("plan", /g' "$f" >"$T_TMP/src/$f"
	echo "$T_TMP/src/$f"
done >"$T_TMP/files"
xgettext --from-code=UTF-8 -L C -k_ -kN_ -kNP_:1c,2 -ki18n_pgettext:1c,2 \
	-o "$T_TMP/src.pot" -f "$T_TMP/files" 2>"$T_TMP/xgettext.err" ||
	not_ok "xgettext reads the sources" "$(cat "$T_TMP/xgettext.err")"
nsrc=$(grep -c '^msgid ' "$T_TMP/src.pot")
expect_match "xgettext found the sources' messages ($nsrc)" "^[0-9]{4,}$" "$nsrc"
missing=$(msgcomm --unique --no-wrap --no-location "$T_TMP/src.pot" po/ja.po po/ja.po 2>&1 |
	msgattrib --no-wrap --no-location --untranslated 2>/dev/null | grep -E '^(msgctxt|msgid) ' | grep -v '^msgid ""$')
expect_eq "every msgid of the sources is in po/ja.po" "" "$missing"

# the guard itself: a msgid planted in a copy of a source is reported
printf '%s\n' 'const char *planted(void) { return _("a msgid no catalogue has, planted by test_po"); }' >"$T_TMP/planted.c"
xgettext --from-code=UTF-8 -L C -k_ -o "$T_TMP/planted.pot" "$T_TMP/planted.c"
out=$(msgcomm --unique --no-wrap --no-location "$T_TMP/planted.pot" po/ja.po po/ja.po 2>&1 | grep '^msgid ')
expect_contains "a planted msgid the catalogue lacks is caught" "planted by test_po" "$out"
echo "1..$T_N"
