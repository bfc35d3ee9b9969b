#!/bin/sh
# `audit export` for a clerk's spreadsheet (issue 26): beside the codes and the raw JSON
# (kept for machines), each entry carries its table's and action's labels and its changes
# as "column: before → after" with the labels the :audit detail shows
# (store_audit_value_label), in the UI language: Japanese in ja, English in en; the text
# output shows the labels and the changes too.
. "$(dirname "$0")/../lib/common.sh"

pg_start || { not_ok "throwaway cluster"; exit 1; }
CONF=$T_TMP/rashin.conf
write_conf "$CONF"
"$RASHIN" -c "$CONF" migrate >/dev/null 2>&1 || not_ok "migrate"
psql -qX -v ON_ERROR_STOP=1 -f "$ROOT/tests/db/fixture.sql" -f "$ROOT/tests/db/mig_fixture.sql" \
	>/dev/null || not_ok "fixtures load"
R() { "$RASHIN" -c "$CONF" "$@"; }

# changes to audit: a role, a status with a note, a member added
R staff set treader --role lead --as tadmin >/dev/null || not_ok "staff set --role"
out=$(R mig set テスト業務 テスト選定 doing --note "着手" --as tlead 2>&1) || not_ok "mig set" "$out"
EXP="audit export --from 2000-01-01 --to 2100-01-01 --as tauditor"

ja=$(LANG=ja_JP.UTF-8 R $EXP --csv); rc=$?
expect_eq "ja: exit 0" 0 "$rc"
expect_eq "ja: the header keeps the codes' columns first, then the labels" \
	"id,at,who,table,key,action,before,after,table_label,action_label,changes" \
	"$(printf '%s\n' "$ja" | head -1 | tr -d '\r')"
ja=$(printf '%s\n' "$ja" | tr -d '\r')
expect_match "ja: a role change: the raw JSON kept, then 職員, 変更, 権限: 閲覧のみ → 施策担当" \
	'^[0-9]+,[0-9: -]+,tadmin,staff,906,UPDATE,"\{.*""role"": ""readonly"".*\}","\{.*""role"": ""lead"".*\}",職員,変更,権限: 閲覧のみ → 施策担当$' \
	"$(printf '%s\n' "$ja" | grep ',staff,906,UPDATE,')"
expect_match "ja: a status with a note: 移行手順の状態, the empty note as —, the statuses as labels" \
	',移行手順の状態,変更,メモ: — → 着手; 状態: 未着手 → 作業中$' "$(printf '%s\n' "$ja" | grep ',mig_status,')"
expect_match "ja: a member added: every field, booleans as はい/いいえ, the version left out" \
	',職員,追加,番号: 906; .*権限: 閲覧のみ; ログイン名: treader; 在職: はい; .*管理職: いいえ$' \
	"$(printf '%s\n' "$ja" | grep ',staff,906,INSERT,')"
expect_nomatch "ja: no version in the changes" '版|version:' "$(printf '%s\n' "$ja" | grep ',staff,906,' | sed 's/.*}",//')"

en=$(LANG=en_US.UTF-8 R $EXP --csv | tr -d '\r'); rc=$?
expect_eq "en: exit 0, the same header" "0 id,at,who,table,key,action,before,after,table_label,action_label,changes" \
	"$rc $(printf '%s\n' "$en" | head -1)"
expect_match "en: the role change in English" '\}",staff member,changed,role: Read only → Project lead$' \
	"$(printf '%s\n' "$en" | grep ',staff,906,UPDATE,')"
expect_match "en: the status change in English" ',changed,note: — → 着手; status: [a-z ]+ → [a-z ]+$' \
	"$(printf '%s\n' "$en" | grep ',mig_status,')"
expect_eq "ja and en: the same codes' columns (the staff and status rows)" \
	"$(printf '%s\n' "$ja" | grep -E ',(staff|mig_status),' | cut -d, -f1-6)" \
	"$(printf '%s\n' "$en" | grep -E ',(staff|mig_status),' | cut -d, -f1-6)"

out=$(LANG=ja_JP.UTF-8 R $EXP --json --table staff --limit 1)
expect_match "JSON: the codes, the raw JSON and the labels" \
	'"table": "staff", "key": "906", "action": "UPDATE", "before": "\{.*\}", "after": "\{.*\}", "table_label": "職員", "action_label": "変更", "changes": "権限: 閲覧のみ → 施策担当"' "$out"
out=$(LANG=ja_JP.UTF-8 R $EXP --table staff --limit 1)
expect_match "text: the labels in place and the changes last" "職員 +906 +変更 .*権限: 閲覧のみ → 施策担当$" "$(printf '%s\n' "$out" | sed -n 2p)"
expect_match "text: a heading for the changes" "変更内容$" "$(printf '%s\n' "$out" | head -1)"

pg_stop
echo "1..$T_N"
