-- Training fixture (on top of fixture.sql): five learners in two departments, four courses
-- whose rules differ (N of M without 遅刻, all sessions with a pass mark and one FY of
-- validity, managers only with two FYs, one of two sessions), sessions in FY2026/FY2027,
-- DX-leader candidates and targets. The expected numbers in test_training.sh are counted
-- by hand from this file.
INSERT INTO staff (id, login, name, kana, dept_id, role, is_manager) VALUES
	(911, 'ta1', '相田 優', 'あいだ ゆう', 902, 'readonly', false),
	(912, 'ta2', '池田 舞', 'いけだ まい', 902, 'readonly', true),
	(913, 'ta3', '上野 健', 'うえの けん', 902, 'readonly', false),
	(921, 'tb1', '江川 亮', 'えがわ りょう', 903, 'readonly', false),
	(922, 'tb2', '太田 幸', 'おおた さち', 903, 'readonly', true);
INSERT INTO course (id, code, title, category, audience, mandatory, rule_n, pass_mark, late_counts, valid_fys) VALUES
	(911, 'DXL', 'DX推進リーダー育成', 'dx_leader', 'nominated', false, 2, NULL, false, NULL),
	(912, 'SEC', '情報セキュリティ研修', 'security_general', 'all', true, NULL, 70, true, 1),
	(913, 'SECM', '管理職セキュリティ研修', 'security_manager', 'managers', true, NULL, NULL, true, 2),
	(914, 'ICT', 'ICT基礎', 'ict_basic', 'all', true, 1, NULL, true, NULL);
INSERT INTO course_session (id, course_id, fy, starts_at, place, trainer_id, capacity) VALUES
	(911, 911, 2026, '2026-06-10 14:00+09', '会議室3', 903, 2),
	(912, 911, 2026, '2026-08-05 14:00+09', '会議室3', 903, NULL),
	(913, 911, 2026, '2026-10-15 14:00+09', '会議室3', 903, NULL),
	(921, 912, 2026, '2026-07-01 10:00+09', '大会議室', 903, 80),
	(922, 912, 2027, '2027-07-01 10:00+09', '大会議室', 903, 80),
	(931, 913, 2026, '2026-07-08 10:00+09', '大会議室', 903, 30),
	(941, 914, 2026, '2026-12-16 10:00+09', '', 903, NULL),
	(942, 914, 2026, '2027-01-20 10:00+09', '会議室1', 903, NULL);
UPDATE course_session SET online = true WHERE id = 941;
INSERT INTO dx_candidate (staff_id, fy) VALUES (911, 2026), (912, 2026), (913, 2026), (921, 2026);
INSERT INTO dx_target (dept_id, fy, target) VALUES (902, 2026, 3), (903, 2026, 2);
