-- rashin demo data: loaded by `rashin demo` on its first run only, never by a migration.
-- Departments, staff (one login per role: admin, lead, trainer, auditor), responsible
-- departments, migration progress, risks, VDI accounts, courses and attendance.

INSERT INTO department (id, parent_id, code, name, kana, is_it) VALUES
	(1, NULL, 'SOGO', '総合政策部', 'そうごうせいさくぶ', false),
	(2, 1, 'JOHO', '情報・統計課', 'じょうほうとうけいか', true),
	(3, 1, 'SEISAKU', '政策推進課', 'せいさくすいしんか', false),
	(4, NULL, 'SHIMIN', '市民生活部', 'しみんせいかつぶ', false),
	(5, 4, 'SHIMINKA', '市民課', 'しみんか', false),
	(6, 4, 'HOKEN', '保険年金課', 'ほけんねんきんか', false),
	(7, NULL, 'FUKUSHI', '福祉部', 'ふくしぶ', false),
	(8, 7, 'FUKUSHIKA', '福祉課', 'ふくしか', false),
	(9, 7, 'KAIGO', '介護保険課', 'かいごほけんか', false),
	(10, NULL, 'KODOMO', 'こども未来部', 'こどもみらいぶ', false),
	(11, 10, 'KOSODATE', '子育て支援課', 'こそだてしえんか', false),
	(12, NULL, 'ZAIMU', '財務部', 'ざいむぶ', false),
	(13, 12, 'KAZEI', '課税課', 'かぜいか', false),
	(14, 12, 'SHUNO', '収納課', 'しゅうのうか', false),
	(15, NULL, 'SOMU', '総務部', 'そうむぶ', false),
	(16, 15, 'JINJI', '人事課', 'じんじか', false),
	(17, NULL, 'KENKO', '健康医療部', 'けんこういりょうぶ', false),
	(18, 17, 'HOKENC', '保健センター', 'ほけんせんたー', false),
	(19, NULL, 'KYOIKU', '教育委員会事務局', 'きょういくいいんかいじむきょく', false),
	(20, 19, 'GAKKO', '学校教育課', 'がっこうきょういくか', false),
	(21, NULL, 'SENKAN', '選挙管理委員会事務局', 'せんきょかんりいいんかいじむきょく', false);
SELECT setval('department_id_seq', 21);

INSERT INTO staff (login, name, kana, dept_id, role, is_manager)
SELECT v.login, v.name, v.kana, d.id, v.role, v.mgr
FROM (VALUES
	('admin', '山田 太郎', 'やまだ たろう', 'JOHO', 'admin', false),
	('lead', '佐藤 花子', 'さとう はなこ', 'SHIMINKA', 'lead', false),
	('trainer', '鈴木 一郎', 'すずき いちろう', 'JINJI', 'trainer', false),
	('auditor', '高橋 誠', 'たかはし まこと', 'SEISAKU', 'auditor', false),
	('ito', '伊藤 直樹', 'いとう なおき', 'JOHO', 'admin', true),
	('kikuchi', '菊地 恵', 'きくち めぐみ', 'JOHO', 'readonly', false),
	('tanaka', '田中 健', 'たなか けん', 'KAZEI', 'lead', true),
	('nakamura', '中村 美咲', 'なかむら みさき', 'FUKUSHIKA', 'lead', false),
	('kobayashi', '小林 大輔', 'こばやし だいすけ', 'HOKEN', 'lead', false),
	('kato', '加藤 由美', 'かとう ゆみ', 'KOSODATE', 'lead', false),
	('aikawa', '相川 優子', 'あいかわ ゆうこ', 'SHIMINKA', 'readonly', false),
	('aoki', '青木 翔', 'あおき しょう', 'KAZEI', 'readonly', false),
	('ishii', '石井 真理子', 'いしい まりこ', 'FUKUSHIKA', 'readonly', false),
	('inoue', '井上 拓也', 'いのうえ たくや', 'HOKEN', 'readonly', false),
	('ueda', '上田 さくら', 'うえだ さくら', 'KAIGO', 'readonly', false),
	('endo', '遠藤 修', 'えんどう おさむ', 'SHUNO', 'readonly', true),
	('ono', '小野 彩', 'おの あや', 'KOSODATE', 'readonly', false),
	('okada', '岡田 隆', 'おかだ たかし', 'GAKKO', 'readonly', false),
	('kawaguchi', '川口 舞', 'かわぐち まい', 'HOKENC', 'readonly', false),
	('kimura', '木村 亮', 'きむら りょう', 'JINJI', 'readonly', false),
	('kudo', '工藤 千尋', 'くどう ちひろ', 'SEISAKU', 'readonly', false),
	('kubo', '久保 雅人', 'くぼ まさと', 'SENKAN', 'readonly', true),
	('saito', '斎藤 愛', 'さいとう あい', 'SHIMINKA', 'readonly', false),
	('shimizu', '清水 浩二', 'しみず こうじ', 'KAZEI', 'readonly', false),
	('sugiyama', '杉山 陽菜', 'すぎやま ひな', 'FUKUSHIKA', 'readonly', false),
	('seki', '関 勇気', 'せき ゆうき', 'KAIGO', 'readonly', true),
	('chiba', '千葉 玲奈', 'ちば れいな', 'HOKEN', 'readonly', false),
	('nishida', '西田 悠斗', 'にしだ ゆうと', 'SHUNO', 'readonly', false),
	('noguchi', '野口 香織', 'のぐち かおり', 'GAKKO', 'readonly', false),
	('hashimoto', '橋本 剛', 'はしもと つよし', 'HOKENC', 'readonly', true),
	('higashi', '東 菜々子', 'ひがし ななこ', 'KOSODATE', 'readonly', false),
	('fukuda', '福田 圭', 'ふくだ けい', 'SEISAKU', 'readonly', false),
	('hori', '堀 明日香', 'ほり あすか', 'JINJI', 'readonly', false),
	('maeda', '前田 和也', 'まえだ かずや', 'SHIMINKA', 'readonly', true),
	('miura', '三浦 詩織', 'みうら しおり', 'KAZEI', 'readonly', false),
	('murakami', '村上 蓮', 'むらかみ れん', 'FUKUSHIKA', 'readonly', false),
	('mori', '森 結衣', 'もり ゆい', 'KAIGO', 'readonly', false),
	('yamaguchi', '山口 翼', 'やまぐち つばさ', 'HOKEN', 'readonly', false),
	('yokoyama', '横山 智子', 'よこやま ともこ', 'SHUNO', 'readonly', false),
	('yoshida', '吉田 陸', 'よしだ りく', 'GAKKO', 'readonly', false),
	('watanabe', '渡辺 恵子', 'わたなべ けいこ', 'KOSODATE', 'readonly', true),
	('nomura', '野村 颯太', 'のむら そうた', 'HOKENC', 'readonly', false),
	('sakai', '酒井 美穂', 'さかい みほ', 'SEISAKU', 'readonly', false),
	('matsuda', '松田 誠也', 'まつだ せいや', 'JOHO', 'readonly', false)
) AS v (login, name, kana, dept, role, mgr)
JOIN department d ON d.code = v.dept;

-- Responsible departments: the IT division for every measure, plus the owning departments.
INSERT INTO measure_dept (measure_id, dept_id) SELECT m.id, 2 FROM measure m;
INSERT INTO measure_dept (measure_id, dept_id)
SELECT m.id, d.id FROM measure m JOIN (VALUES (1, 'SHIMINKA'), (2, 'SEISAKU'), (3, 'SHUNO'),
	(4, 'HOKENC'), (5, 'SEISAKU'), (7, 'SHIMINKA'), (12, 'JINJI'), (13, 'JINJI'))
	AS v (mid, code) ON v.mid = m.id
JOIN department d ON d.code = v.code;
UPDATE measure SET status = CASE WHEN id IN (1, 2, 9, 10, 14) THEN 'in_progress'
	WHEN id IN (3, 4, 5, 6, 11, 12, 15) THEN 'studying' ELSE 'not_started' END;

-- Migration: owners, vendors, progress (completed steps per system), a few dates.
INSERT INTO vendor (name) VALUES ('A社 自治体ソリューション'), ('B社 公共システム'), ('C社 クラウドサービス');
UPDATE mig_system s SET dept_id = d.id, vendor_id = (s.seq % 3) + 1, target_vendor_id = ((s.seq + 1) % 3) + 1,
	hosting = 'ガバメントクラウド (AWS)', product = '現行パッケージ', target_product = '標準準拠パッケージ'
FROM (VALUES ('住民基本台帳', 'SHIMINKA'), ('選挙人名簿管理', 'SENKAN'), ('固定資産税', 'KAZEI'),
	('個人住民税', 'KAZEI'), ('法人住民税', 'KAZEI'), ('軽自動車税', 'KAZEI'), ('国民健康保険', 'HOKEN'),
	('国民年金', 'HOKEN'), ('障害者福祉', 'FUKUSHIKA'), ('後期高齢者医療', 'HOKEN'), ('介護保険', 'KAIGO'),
	('児童手当', 'KOSODATE'), ('健康管理', 'HOKENC'), ('就学', 'GAKKO'), ('児童扶養手当', 'KOSODATE'),
	('生活保護', 'FUKUSHIKA'), ('子ども・子育て支援', 'KOSODATE'), ('印鑑登録', 'SHIMINKA'), ('戸籍', 'SHIMINKA'),
	('戸籍の附票', 'SHIMINKA')) AS v (sys, code)
JOIN department d ON d.code = v.code
WHERE s.name = v.sys;
UPDATE mig_system SET special_support = true, special_deadline = '2027-03-31',
	special_reason = 'ベンダのリソース逼迫により移行期限を延長 (特定移行支援システム)'
	WHERE name IN ('生活保護', '介護保険');

WITH ranked AS (
	SELECT st.id, row_number() OVER (ORDER BY st.seq) AS r, count(*) OVER () AS n FROM mig_step st
), progress (sys, done) AS (VALUES
	('住民基本台帳', 100), ('選挙人名簿管理', 100), ('固定資産税', 100), ('個人住民税', 75),
	('法人住民税', 100), ('軽自動車税', 100), ('国民健康保険', 100), ('国民年金', 100),
	('障害者福祉', 85), ('後期高齢者医療', 100), ('介護保険', 60), ('児童手当', 100),
	('健康管理', 90), ('就学', 100), ('児童扶養手当', 100), ('生活保護', 45),
	('子ども・子育て支援', 80), ('印鑑登録', 100), ('戸籍', 100), ('戸籍の附票', 100))
UPDATE mig_status ms SET
	status = CASE WHEN r.r * 100 <= p.done * r.n THEN 'done'
		WHEN (r.r - 2) * 100 <= p.done * r.n THEN 'doing' ELSE 'todo' END,
	planned_end = DATE '2026-04-30' + (r.r * 7)::int
FROM ranked r, progress p, mig_system s
WHERE ms.step_id = r.id AND ms.system_id = s.id AND s.name = p.sys;
UPDATE mig_status ms SET status = 'na' FROM mig_system s, mig_step st
	WHERE ms.system_id = s.id AND ms.step_id = st.id AND s.name = '戸籍'
	  AND st.seq = (SELECT max(seq) FROM mig_step);

INSERT INTO mig_risk (system_id, title, description, kind, impact, likelihood, due, status, vendor_ref)
SELECT s.id, v.title, v.descr, v.kind, v.impact, v.likelihood, v.due::date, v.status, v.ref
FROM (VALUES
	('生活保護', 'データ移行のテスト環境が不足', 'ベンダ側の検証環境の確保が遅れている。', 'risk', 5, 4, '2026-12-15', 'open', 'B-2026-114'),
	('生活保護', '帳票レイアウトの差異', '標準仕様の帳票と現行帳票の差異について庁内調整が必要。', 'issue', 3, 5, '2026-12-25', 'in_progress', ''),
	('介護保険', '移行判定データの件数差', '移行リハーサルで件数差が発生。原因調査中。', 'issue', 4, 4, '2026-12-10', 'open', 'A-0932'),
	('個人住民税', '特別徴収データ連携の仕様確認', 'eLTAX 連携仕様の確認が必要。', 'question', 2, 3, '2027-01-20', 'open', ''),
	('障害者福祉', '職員研修の日程確保', '繁忙期と重なるため研修日程の調整が必要。', 'risk', 2, 3, '2027-01-31', 'open', ''),
	('健康管理', 'ガバメントクラウド接続回線の費用増', '回線費用が当初見込みを上回る可能性。', 'risk', 3, 3, '2027-02-28', 'open', 'C-77'),
	('子ども・子育て支援', 'ベンダ体制の変更', '担当SEの交代に伴う引継ぎ。', 'risk', 3, 2, '2026-12-20', 'open', '')
) AS v (sys, title, descr, kind, impact, likelihood, due, status, ref)
JOIN mig_system s ON s.name = v.sys;

-- Telework VDI: requests and accounts in several states.
INSERT INTO vdi_request (staff_id, requested_by, reason, work_kinds, no_personal_data, period_from,
	period_to, device_id, manager_id, state, approved_at)
SELECT s.id, s.id, '在宅での資料作成・書類審査のため', '事務処理, 書類審査', true, '2026-04-01', v.until::date,
	'PC-' || lpad(s.id::text, 4, '0'), m.id, v.state, CASE WHEN v.state = 'approved' THEN now() END
FROM (VALUES ('aikawa', '2027-03-31', 'approved'), ('aoki', '2026-12-10', 'approved'),
	('ishii', '2026-12-20', 'approved'), ('inoue', '2027-03-31', 'approved'),
	('ueda', '2027-03-31', 'requested'), ('ono', '2027-03-31', 'manager_approved'))
	AS v (login, until, state)
JOIN staff s ON s.login = v.login
JOIN staff m ON m.login = 'maeda';
INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, valid_from, valid_to, state)
SELECT r.id, r.staff_id, 'vdi-' || s.login, 'pool-general', r.period_from, r.period_to, 'active'
FROM vdi_request r JOIN staff s ON s.id = r.staff_id WHERE r.state = 'approved';

-- Training: courses, sessions this fiscal year, a roster with attendance.
INSERT INTO course (code, title, category, audience, mandatory, hours, rule_n, pass_mark, late_counts, valid_fys, measure_id)
VALUES ('DXL-2026', 'DX推進リーダー育成研修', 'dx_leader', 'nominated', false, 18, 5, 60, true, NULL, 12),
	('ICT-BASIC', '全職員向けICT基礎研修', 'ict_basic', 'all', true, 2, NULL, NULL, true, NULL, 12),
	('SEC-GEN', '情報セキュリティ研修 (一般職員)', 'security_general', 'all', true, 1.5, NULL, 70, true, 1, NULL),
	('SEC-MGR', '情報セキュリティ研修 (管理職)', 'security_manager', 'managers', true, 1.5, NULL, 70, true, 1, NULL),
	('GENAI', '生成AI活用研修', 'gen_ai', 'all', false, 2, NULL, NULL, true, NULL, 8);
INSERT INTO course_session (course_id, fy, starts_at, ends_at, place, trainer_id, capacity)
SELECT c.id, 2026, v.s::timestamptz, v.s::timestamptz + interval '3 hours', v.place, t.id, v.cap
FROM (VALUES ('DXL-2026', '2026-06-10 14:00+09', '会議室3', 40), ('DXL-2026', '2026-08-05 14:00+09', '会議室3', 40),
	('DXL-2026', '2026-10-15 14:00+09', '会議室3', 40), ('DXL-2026', '2026-12-09 14:00+09', '会議室3', 40),
	('DXL-2026', '2027-02-10 14:00+09', '会議室3', 40), ('DXL-2026', '2027-03-03 14:00+09', '会議室3', 40),
	('SEC-GEN', '2026-07-01 10:00+09', '大会議室', 80), ('SEC-MGR', '2026-07-08 10:00+09', '大会議室', 30),
	('ICT-BASIC', '2026-12-16 10:00+09', 'オンライン', 200), ('GENAI', '2026-12-18 15:00+09', '会議室1', 30))
	AS v (code, s, place, cap)
JOIN course c ON c.code = v.code
JOIN staff t ON t.login = 'trainer';
INSERT INTO enrolment (session_id, staff_id)
SELECT cs.id, s.id FROM course_session cs JOIN course c ON c.id = cs.course_id
JOIN staff s ON s.role IN ('readonly', 'lead') WHERE c.code = 'DXL-2026';
INSERT INTO attendance (session_id, staff_id, status, note)
SELECT e.session_id, e.staff_id,
	CASE WHEN (e.staff_id + cs.id) % 11 = 0 THEN 'absent' WHEN (e.staff_id + cs.id) % 7 = 0 THEN 'late'
		WHEN (e.staff_id + cs.id) % 13 = 0 THEN 'excused' ELSE 'present' END, ''
FROM enrolment e JOIN course_session cs ON cs.id = e.session_id
WHERE cs.starts_at < '2026-11-01';
INSERT INTO dx_candidate (staff_id, fy, status)
SELECT s.id, 2026, CASE WHEN s.id % 3 = 0 THEN 'certified' ELSE 'in_training' END
FROM staff s WHERE s.role IN ('readonly', 'lead');
INSERT INTO dx_target (dept_id, fy, target) SELECT d.id, 2026, 2 FROM department d WHERE d.parent_id IS NOT NULL;

-- KPIs and this year's evaluations. The KPIs rashin computes (DX leaders, systems
-- migrated, training completion, VDI accounts) are the catalogue's (sql/141); these two
-- are typed, by IT staff.
INSERT INTO kpi (measure_id, name, unit, baseline, baseline_fy)
VALUES (2, 'オンライン申請可能な手続数', '件', 120, 2025), (7, 'マイナンバーカード交付率', '%', 78.5, 2025);
INSERT INTO kpi_value (kpi_id, fy, target, actual, entered_by)
SELECT k.id, 2026, v.t, v.a, (SELECT id FROM staff WHERE login = 'admin')
FROM kpi k JOIN (VALUES ('オンライン申請可能な手続数', 180, 152),
	('マイナンバーカード交付率', 85, 81.2)) AS v (n, t, a) ON v.n = k.name;
INSERT INTO kpi_value (kpi_id, fy, target, entered_by)
SELECT k.id, 2026, v.t, (SELECT id FROM staff WHERE login = 'admin')
FROM kpi k JOIN (VALUES ('必修研修修了率', 100), ('テレワークVDI有効アカウント数', 10)) AS v (n, t)
	ON v.n = k.name;
INSERT INTO evaluation (measure_id, fy, e1_grade, e1_achievements, e1_issues, e1_next, e1_by, e1_submitted_at)
SELECT m.id, 2026, 'B', '計画どおり調査・検討を進めた。', '関係課との調整に時間を要した。', '次年度は実施段階へ移行する。',
	(SELECT id FROM staff WHERE login = 'admin'), now()
FROM measure m WHERE m.id IN (1, 2, 3, 9, 10, 11, 12, 14, 15);
UPDATE evaluation SET e2_grade = 'B', e2_findings = '概ね順調。', e2_instruction = '移行後の運用体制を明確にすること。',
	e2_by = (SELECT id FROM staff WHERE login = 'auditor'), e2_submitted_at = now(),
	cio_comment = 'データ連携の最適化を優先されたい。'
	WHERE measure_id IN (9, 10, 14);
