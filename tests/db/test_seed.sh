#!/bin/sh
# The seeded catalogue equals the plan: 4 parts, 16 measures, 48 concrete actions and each
# measure's schedule phases, taken independently of sql/010 from the plan's text
# (../shared/seeds/000_*.txt); the 20 standard systems; system × step status rows.
. "$(dirname "$0")/../lib/common.sh"

# Apply every migration in order, each in one transaction.
apply_migrations() {
	write_conf "$T_TMP/rashin.conf"
	"$RASHIN" -c "$T_TMP/rashin.conf" migrate
}

# expect_same NAME EXPECTED_FILE ACTUAL_FILE: both sorted, diff shown on failure
expect_same() {
	sort "$2" >"$2.s"; sort "$3" >"$3.s"
	if d=$(diff -u "$2.s" "$3.s"); then ok "$1"; else not_ok "$1" "--- plan text, +++ database
$d"; fi
}

pg_start || { not_ok "start PostgreSQL"; exit 1; }
check "migrations apply" apply_migrations

expect_eq "4 parts" 4 "$(psql_q 'SELECT count(*) FROM plan_part')"
expect_eq "16 measures" 16 "$(psql_q 'SELECT count(*) FROM measure')"
expect_eq "48 concrete actions" 48 "$(psql_q 'SELECT count(*) FROM action')"
expect_eq "20 standard systems" 20 "$(psql_q 'SELECT count(*) FROM mig_system')"
expect_eq "measures 1-16 in 4 parts, numbered from 1 within each part" "1-16 4 t" \
	"$(psql_q "SELECT min(id) || '-' || max(id), count(DISTINCT part_id),
		bool_and(seq = (SELECT count(*) FROM measure m2 WHERE m2.part_id = m.part_id AND m2.id <= m.id))
		FROM measure m" | tr '|' ' ')"
expect_eq "every measure has a goal and an overview" 0 \
	"$(psql_q "SELECT count(*) FROM measure WHERE btrim(goal) = '' OR btrim(overview) = ''")"
expect_eq "every action has a body" 0 "$(psql_q "SELECT count(*) FROM action WHERE btrim(body) = ''")"
expect_eq "計画当初 text equals the seeded text, status not_started" 0 \
	"$(psql_q "SELECT (SELECT count(*) FROM measure WHERE (orig_name, orig_goal, orig_overview, status)
			IS DISTINCT FROM (name, goal, overview, 'not_started'))
		+ (SELECT count(*) FROM action WHERE (orig_title, orig_body, status)
			IS DISTINCT FROM (title, body, 'not_started'))")"
expect_eq "no footnote markers left in the seeded text" 0 \
	"$(psql_q "SELECT count(*) FROM (SELECT name || goal || overview AS t FROM measure
		UNION ALL SELECT title || body FROM action UNION ALL SELECT title FROM plan_part) x
		WHERE t ~ '[⁰¹²³⁴⁵⁶⁷⁸⁹]'")"
expect_eq "sequences continue after the seeded ids" "17 49" \
	"$(psql_q "SELECT nextval('measure_id_seq') || ' ' || nextval('action_id_seq')")"

# The 20 systems: the plan's text does not list them, so they are named here.
cat >"$T_TMP/sys.want" <<'SYS'
01 住民基本台帳
02 選挙人名簿管理
03 固定資産税
04 個人住民税
05 法人住民税
06 軽自動車税
07 国民健康保険
08 国民年金
09 障害者福祉
10 後期高齢者医療
11 介護保険
12 児童手当
13 健康管理
14 就学
15 児童扶養手当
16 生活保護
17 子ども・子育て支援
18 印鑑登録
19 戸籍
20 戸籍の附票
SYS
psql_q "SELECT lpad(seq::text, 2, '0') || ' ' || name FROM mig_system" >"$T_TMP/sys.got"
expect_same "the 20 systems, names and order" "$T_TMP/sys.want" "$T_TMP/sys.got"

steps=$(psql_q 'SELECT count(*) FROM mig_step')
expect_eq "40 procedure steps" 40 "$steps"
expect_eq "mig_status has 20 × steps rows, all todo" "$((20 * steps)) $((20 * steps))" \
	"$(psql_q "SELECT count(*) || ' ' || count(*) FILTER (WHERE status = 'todo') FROM mig_status")"
expect_eq "every status row has its first history entry" "$((20 * steps))" \
	"$(psql_q 'SELECT count(*) FROM mig_status_history')"

# --- against the plan's text --------------------------------------------------------------
seed=""
for f in "$ROOT"/../shared/seeds/000_*.txt; do [ -f "$f" ] && seed=$f; done
if [ -z "$seed" ]; then
	ok "# SKIP plan text not found at $ROOT/../shared/seeds/000_*.txt"
	exit 0
fi

# Extract from the text, chapter 5 (第1部 … up to 第6章), with footnote markers removed
# (a marker set off by spaces, " ⁴⁴ ", takes its spaces with it). Output lines:
#   P <part>                  <part title>
#   M <part>-<seq in part>    <measure name>       (measures numbered 01.. in text order)
#   A <measure>-<n>           <action title>
#   F <measure>               <phase labels, comma-separated>
cat >"$T_TMP/extract.pl" <<'PL'
use strict; use warnings; use utf8;
my $sup = qr/[\x{2070}\x{00B9}\x{00B2}\x{00B3}\x{2074}-\x{2079}]/;
sub clean { my $s = shift; $s =~ s/ $sup+ //g; $s =~ s/$sup+//g; $s =~ s/^\s+|\s+$//g; $s }
sub label_ok { $_[0] =~ /^(調査・検討・実施|調査・検討|実施)$/ }
my @l = map { s/\r?\n$//r } <STDIN>;
my ($in, $part, $pseq, $m, $want_name) = (0, 0, 0, 0, 0);
my %phases;
for my $line (@l) {
	if ($line =~ /^第([1-4])部 ([^\t]+)$/) {
		$in = 1; $part = $1; $pseq = 0;
		printf "P\t%02d\t%s\n", $part, clean($2); next;
	}
	next unless $in;
	last if $line =~ /^第6章/;
	next if $line =~ /^$sup/;			# a footnote's own text
	my $t = clean($line);
	next if $t eq '';
	if ($want_name) {
		printf "M\t%02d-%02d\t%s\n", $part, $pseq, $t; $want_name = 0; next;
	}
	if ($line =~ /^施策名(\t|$)/) {
		$m++; $pseq++; $phases{$m} //= [];
		my ($n) = $line =~ /^施策名\t([^\t]*)/;
		if (defined $n && clean($n) ne '') { printf "M\t%02d-%02d\t%s\n", $part, $pseq, clean($n) }
		else { $want_name = 1 }
		next;
	}
	# numbered actions: in <p> paragraphs, or alone on a line
	my @paras = $line =~ /<p>(.*?)<\/p>/g;
	@paras = ($line) unless @paras;
	for my $p (@paras) {
		$p = clean((split /\t/, clean($p))[0] // '');
		next unless $p =~ /^\((\d+)\) (.+)$/;
		my ($n, $title) = ($1, $2);
		if ($title =~ /。/) {			# title and its text in one paragraph
			my ($head) = $title =~ /^([^、。]*)/;
			$title = substr($head, 0, rindex($head, ' '));
		}
		printf "A\t%02d-%d\t%s\n", $m, $n, $title;
	}
	# schedule phase labels: a row holding only phase names
	my @cells = grep { $_ ne '' } map { clean($_) } ($line =~ /<p>/ ? ($line =~ /<p>(.*?)<\/p>/g) : split /\t/, $line);
	push @{$phases{$m}}, @cells if $m && @cells && !grep { !label_ok($_) } @cells;
}
printf "F\t%02d\t%s\n", $_, join(',', @{$phases{$_}}) for sort { $a <=> $b } keys %phases;
PL
perl -CSD "$T_TMP/extract.pl" <"$seed" >"$T_TMP/plan" 2>"$T_TMP/extract.err" ||
	not_ok "extract the plan's text" "$(cat "$T_TMP/extract.err")"
for k in P M A F; do grep "^$k	" "$T_TMP/plan" | cut -f2- >"$T_TMP/plan.$k"; done
expect_eq "the text has 4 parts, 16 measures, 48 actions (extraction sanity)" "4 16 48" \
	"$(wc -l <"$T_TMP/plan.P" | tr -d ' ') $(wc -l <"$T_TMP/plan.M" | tr -d ' ') $(wc -l <"$T_TMP/plan.A" | tr -d ' ')"

psql_q "SELECT lpad(id::text, 2, '0') || E'\t' || title FROM plan_part" >"$T_TMP/db.P"
expect_same "part titles equal the plan" "$T_TMP/plan.P" "$T_TMP/db.P"
psql_q "SELECT lpad(part_id::text, 2, '0') || '-' || lpad(seq::text, 2, '0') || E'\t' || name FROM measure" >"$T_TMP/db.M"
expect_same "measure names (施策名) equal the plan" "$T_TMP/plan.M" "$T_TMP/db.M"
psql_q "SELECT lpad(measure_id::text, 2, '0') || '-' || seq || E'\t' || title FROM action" >"$T_TMP/db.A"
expect_same "numbered action titles (具体策) equal the plan" "$T_TMP/plan.A" "$T_TMP/db.A"

# Phases: the labels each measure's schedule shows, in order. Measures whose schedule shows
# no phase in the text (決済方法…, 共通基盤…) have none; every other measure has at least one.
psql_q "SELECT lpad(m.id::text, 2, '0') || E'\t' || coalesce(string_agg(p.phase, ',' ORDER BY p.seq), '')
	FROM measure m LEFT JOIN measure_phase p ON p.measure_id = m.id GROUP BY m.id" >"$T_TMP/db.F"
expect_same "schedule phase labels per measure equal the plan" "$T_TMP/plan.F" "$T_TMP/db.F"
with=$(grep -c '	.' "$T_TMP/plan.F")
expect_eq "every measure whose schedule shows a phase has ≥1 phase" "$with" \
	"$(psql_q 'SELECT count(DISTINCT measure_id) FROM measure_phase')"
expect_eq "phase years lie in the plan period" 0 \
	"$(psql_q 'SELECT count(*) FROM measure_phase WHERE fy_from < 2026 OR fy_to > 2031')"
