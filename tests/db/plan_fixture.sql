-- The plan's test fixture, on top of tests/db/fixture.sql (departments 901-903, staff
-- 901-906, measures 901 of テスト甲課 and 902 of テスト乙課 in part 9): a third measure
-- with edited text (計画当初 kept), actions, schedule phases, milestones and KPIs.
UPDATE measure SET goal = '窓口に来なくても手続が完了する市役所を目指す。', overview = '申請手続をオンラインで完結できるようにする。',
	orig_name = 'テスト施策', orig_goal = '窓口に来なくても手続が完了する市役所を目指す。', orig_overview = '申請手続をオンラインで完結できるようにする。'
	WHERE id = 901;
INSERT INTO measure (id, part_id, seq, name, goal, overview, orig_name, orig_goal, orig_overview, status) VALUES
	(903, 9, 3, '情報システム標準化の推進と業務プロセスの見直し', '標準準拠システムへ円滑に移行し、業務の効率化を図る。',
	 '国の標準仕様に準拠したシステムへ、令和8年度末までに移行する。移行後は業務プロセスを見直し、ガバメントクラウドの利点を生かした運用に改める。', '情報システム標準化の推進', '標準準拠システムへ移行する。',
	 '国の標準仕様に準拠したシステムへ移行する。', 'in_progress');
INSERT INTO measure_dept VALUES (903, 901);
INSERT INTO action (id, measure_id, seq, title, orig_title) VALUES
	(9011, 901, 1, 'オンライン申請の拡充', 'オンライン申請の拡充'),
	(9012, 901, 2, '電子署名の導入', '電子署名の導入'),
	(9031, 903, 1, '業務プロセスの見直し', '業務プロセスの見直し');
INSERT INTO measure_phase (measure_id, action_id, seq, phase, fy_from, fy_to, month_from, month_to) VALUES
	(901, NULL, 1, '調査・検討', 2026, 2026, NULL, NULL),
	(901, NULL, 2, '実施', 2027, 2031, NULL, NULL),
	(902, NULL, 1, '調査・検討・実施', 2026, 2031, NULL, NULL),
	(903, 9031, 1, '検討', 2028, 2028, 10, NULL),
	(903, 9031, 2, '実施', 2029, 2030, NULL, NULL),
	(901, 9011, 1, '実施', 2026, 2026, 7, 12);
INSERT INTO milestone (measure_id, action_id, title, due) VALUES (903, NULL, '移行完了', '2027-01-15');
INSERT INTO kpi (id, measure_id, name, unit, baseline, baseline_fy) VALUES
	(911, 901, 'オンライン申請可能な手続数', '件', 120, 2025),
	(912, 902, '研修受講者数', '人', 0, 2025),
	(913, 903, '移行完了業務数', '業務', 14, 2025);
INSERT INTO kpi_value (kpi_id, fy, target, actual) VALUES (911, 2026, 180, NULL), (913, 2026, 20, 14);
