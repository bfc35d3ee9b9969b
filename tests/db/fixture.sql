-- A small fixture for database tests: two departments, one member per role, a second
-- lead in another department, a measure and a system owned by the first department.
INSERT INTO department (id, code, name, is_it) VALUES (901, 'T-IT', 'テスト情報課', true), (902, 'T-A', 'テスト甲課', false), (903, 'T-B', 'テスト乙課', false);
INSERT INTO staff (id, login, name, kana, dept_id, role) VALUES
	(901, 'tadmin', '管理 太郎', 'かんり たろう', 901, 'admin'),
	(902, 'tlead', '主任 花子', 'しゅにん はなこ', 902, 'lead'),
	(903, 'ttrainer', '研修 一郎', 'けんしゅう いちろう', 901, 'trainer'),
	(904, 'tauditor', '監査 誠', 'かんさ まこと', 901, 'auditor'),
	(905, 'tlead2', '他課 次郎', 'たか じろう', 903, 'lead'),
	(906, 'treader', '閲覧 三郎', 'えつらん さぶろう', 903, 'readonly');
INSERT INTO plan_part (id, title) VALUES (9, 'テスト部') ON CONFLICT DO NOTHING;
INSERT INTO measure (id, part_id, seq, name, goal, overview) VALUES (901, 9, 1, 'テスト施策', '目標', '概要'), (902, 9, 2, '他課の施策', '目標', '概要');
INSERT INTO measure_dept VALUES (901, 902), (902, 903);
INSERT INTO mig_step (id, phase, seq, name) VALUES (901, '計画立案', 901, 'テスト手順');
INSERT INTO mig_system (id, seq, name, dept_id) VALUES (901, 91, 'テスト業務', 902), (902, 92, '他課業務', 903);
INSERT INTO mig_status (system_id, step_id) VALUES (901, 901), (902, 901);
INSERT INTO course (id, code, title, category) VALUES (901, 'T-C', 'テスト研修', 'other');
