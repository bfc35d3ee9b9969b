-- rashin demo data for the plan: month-level bars for a few concrete actions, milestones,
-- a hearing, one published evaluation (with its CIO comment) and a KPI history, so that
-- :schedule, :eval and `report progress` have something to show. Loaded as the owner,
-- with no staff identity (the workflow's order rules still apply).
INSERT INTO measure_phase (measure_id, action_id, seq, phase, fy_from, fy_to, month_from, month_to)
SELECT a.measure_id, a.id, 1, v.phase, v.f, v.t, v.mf, v.mt
FROM action a JOIN (VALUES
	(1, 1, '調査・検討', 2026, 2026, 4, 9), (1, 2, '実施', 2026, 2027, 10, 3),
	(1, 3, '実施', 2027, 2028, NULL, NULL), (9, 1, '実施', 2026, 2026, 4, 3),
	(9, 2, '調査・検討', 2026, 2027, 10, 9), (14, 1, '調査・検討', 2026, 2026, NULL, NULL),
	(14, 2, '実施', 2027, 2029, NULL, NULL)) AS v (mid, seq, phase, f, t, mf, mt)
	ON a.measure_id = v.mid AND a.seq = v.seq;
INSERT INTO milestone (measure_id, action_id, title, due, done_on) VALUES
	(1, NULL, '窓口支援システム稼働', '2027-03-31', NULL),
	(9, NULL, '全業務の標準準拠システム移行完了', '2027-03-31', NULL),
	(9, NULL, '特定移行支援システムの移行計画確定', '2026-09-30', '2026-09-26'),
	(14, NULL, '次世代ネットワーク基本設計', '2027-01-29', NULL);
INSERT INTO kpi_value (kpi_id, fy, target, actual)
SELECT k.id, v.fy, v.t, v.a::numeric FROM kpi k JOIN (VALUES
	('オンライン申請可能な手続数', 2027, 220, NULL), ('オンライン申請可能な手続数', 2028, 260, NULL))
	AS v (n, fy, t, a) ON v.n = k.name;
INSERT INTO hearing (measure_id, fy, held_on, attendees, notes) VALUES
	(9, 2026, '2026-10-14', '情報・統計課、市民課、課税課、CIO補佐官', '特定移行支援システム2業務の移行スケジュールを確認した。'),
	(2, 2026, '2026-10-21', '政策推進課、情報・統計課', 'オンライン化の対象手続の優先順位を確認した。');
UPDATE evaluation SET published_at = now(), published_by = (SELECT id FROM staff WHERE login = 'admin')
	WHERE measure_id = 9 AND fy = 2026 AND e2_submitted_at IS NOT NULL;
