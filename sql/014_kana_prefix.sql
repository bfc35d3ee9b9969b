-- rashin 014: filter-as-you-type on the reading. People type the start of a name's kana;
-- in code-point order hiragana sort in 五十音 order, so one btree on (kana COLLATE "C", id)
-- serves both the prefix match and the order of the first page: the lookup reads just the
-- rows it shows (bench/datascale: ~0.2 ms at 100k staff, against ~30-50 ms for a
-- "contains" match sorted by the ICU collation).
CREATE INDEX staff_kana_prefix ON staff ((kana COLLATE "C"), id);
CREATE INDEX staff_login_prefix ON staff ((login COLLATE "C"), id);
