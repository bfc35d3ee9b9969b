-- Migration fixture on top of tests/db/fixture.sql: the seeded steps (if any) retired, so
-- the counts below are hand-computable; four active steps and one retired.
--   テスト業務 (dept 902): done, na, doing (end 2026-06-30), todo (end 2026-12-31); retired: done
--   他課業務   (dept 903): done, done, done (end 2026-01-01), no row (= todo)
UPDATE mig_step SET retired = true WHERE id < 900;
INSERT INTO mig_step (id, phase, seq, name, retired) VALUES
	(911, '計画立案', 911, 'テスト調査', false),
	(912, '計画立案', 912, 'テスト分析', false),
	(913, 'システム選定', 913, 'テスト選定', false),
	(914, 'システム選定', 914, 'テスト廃止', true);
UPDATE mig_status SET status = 'done' WHERE system_id IN (901, 902) AND step_id = 901;
INSERT INTO mig_status (system_id, step_id, status, planned_start, planned_end, note) VALUES
	(901, 911, 'na', NULL, NULL, ''),
	(901, 912, 'doing', '2026-04-01', '2026-06-30', 'ベンダ回答待ち'),
	(901, 913, 'todo', NULL, '2026-12-31', ''),
	(901, 914, 'done', NULL, NULL, ''),
	(902, 911, 'done', NULL, NULL, ''),
	(902, 912, 'done', NULL, '2026-01-01', '');
INSERT INTO vendor (id, name) VALUES (901, 'テストベンダ');
UPDATE mig_system SET vendor_id = 901 WHERE id = 901;
