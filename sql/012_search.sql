-- rashin 012: filter-as-you-type. pg_trgm (a trusted extension in PostgreSQL 15) gives
-- trigram indexes, so "contains" filters on names, kana and titles stay index scans
-- over large tables; keyset paging uses the primary keys and these orderings.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX staff_name_trgm ON staff USING gin (name gin_trgm_ops);
CREATE INDEX staff_kana_trgm ON staff USING gin (kana gin_trgm_ops);
CREATE INDEX staff_login_trgm ON staff USING gin (login gin_trgm_ops);
CREATE INDEX measure_name_trgm ON measure USING gin (name gin_trgm_ops);
CREATE INDEX mig_risk_title_trgm ON mig_risk USING gin (title gin_trgm_ops);
CREATE INDEX audit_log_key_trgm ON audit_log USING gin (key gin_trgm_ops);
