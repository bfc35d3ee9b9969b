-- rashin 011: the standardisation migration's fixed data.
-- The 20 standard core business systems (基幹業務システム, 標準化対象 20 業務) in the usual
-- order. Owner departments, vendors and products differ per city: demo data sets them.
INSERT INTO mig_system (id, seq, name) VALUES
	(1, 1, '住民基本台帳'),
	(2, 2, '選挙人名簿管理'),
	(3, 3, '固定資産税'),
	(4, 4, '個人住民税'),
	(5, 5, '法人住民税'),
	(6, 6, '軽自動車税'),
	(7, 7, '国民健康保険'),
	(8, 8, '国民年金'),
	(9, 9, '障害者福祉'),
	(10, 10, '後期高齢者医療'),
	(11, 11, '介護保険'),
	(12, 12, '児童手当'),
	(13, 13, '健康管理'),
	(14, 14, '就学'),
	(15, 15, '児童扶養手当'),
	(16, 16, '生活保護'),
	(17, 17, '子ども・子育て支援'),
	(18, 18, '印鑑登録'),
	(19, 19, '戸籍'),
	(20, 20, '戸籍の附票');
SELECT setval(pg_get_serial_sequence('mig_system', 'id'), (SELECT max(id) FROM mig_system));

-- Procedure steps. Source: 総務省「地方公共団体情報システムの標準化に関する手順書」
-- (formerly 自治体情報システムの標準化・共通化に係る手順書), 第2章 フェーズごとの作業項目:
-- 計画立案フェーズ (推進体制の立ち上げ, 現行システム概要調査, 標準仕様との比較分析, 移行計画
-- 作成), システム選定フェーズ (RFI, 予算要求, ベンダ選定/RFP, 契約・詳細スケジュール確定) and
-- 移行フェーズ (システム移行時の設定, データ移行, テスト・研修, 本番移行), broken down into
-- 40 steps as the national progress dashboard (PMO ツール) counts them. The breakdown below
-- is a best reconstruction, not a copy of the official list: this is editable data. IT staff
-- add, rename, reorder (seq) and retire (retired = true) steps in rashin to follow the
-- procedure version the city reports against; seq leaves gaps of 10 for insertions.
INSERT INTO mig_step (id, phase, seq, name) VALUES
	-- 計画立案
	(1, '計画立案', 10, '推進体制の立ち上げ'),
	(2, '計画立案', 20, 'プロジェクト計画の策定'),
	(3, '計画立案', 30, '現行システム概要調査'),
	(4, '計画立案', 40, '現行契約・費用の確認'),
	(5, '計画立案', 50, '標準仕様書の確認'),
	(6, '計画立案', 60, '標準仕様との比較分析(Fit&Gap分析)'),
	(7, '計画立案', 70, '業務フロー・帳票の見直し'),
	(8, '計画立案', 80, '例規(条例・規則等)改正の検討'),
	(9, '計画立案', 90, '他システム連携の整理'),
	(10, '計画立案', 100, 'ガバメントクラウド利用方針の検討'),
	(11, '計画立案', 110, '移行計画作成'),
	(12, '計画立案', 120, '庁内合意形成'),
	-- システム選定
	(13, 'システム選定', 130, 'RFI資料作成'),
	(14, 'システム選定', 140, 'RFI実施'),
	(15, 'システム選定', 150, 'RFI結果の分析'),
	(16, 'システム選定', 160, '予算要求調整'),
	(17, 'システム選定', 170, '調達方式の決定'),
	(18, 'システム選定', 180, 'ベンダ選定'),
	(19, 'システム選定', 190, 'RFP作成・実施'),
	(20, 'システム選定', 200, '提案評価'),
	(21, 'システム選定', 210, '契約・詳細スケジュール確定'),
	(22, 'システム選定', 220, 'ガバメントクラウド利用申請'),
	-- 移行
	(23, '移行', 230, '移行体制の確立(現行ベンダとの調整)'),
	(24, '移行', 240, 'ガバメントクラウド環境の構築'),
	(25, '移行', 250, 'ネットワーク接続環境の整備'),
	(26, '移行', 260, 'システム移行時の設定(パラメータ設定)'),
	(27, '移行', 270, '帳票・様式の設定'),
	(28, '移行', 280, 'データ移行方針の決定'),
	(29, '移行', 290, '移行データの抽出'),
	(30, '移行', 300, 'データ移行'),
	(31, '移行', 310, '移行データの検証'),
	(32, '移行', 320, '他システム連携の設定・確認'),
	(33, '移行', 330, '連携テスト'),
	(34, '移行', 340, 'テスト・研修'),
	(35, '移行', 350, '移行リハーサル'),
	(36, '移行', 360, '移行判定'),
	(37, '移行', 370, '本番移行'),
	(38, '移行', 380, '稼働後の安定化支援'),
	(39, '移行', 390, '現行システムの停止・データ消去'),
	(40, '移行', 400, '移行完了報告');
SELECT setval(pg_get_serial_sequence('mig_step', 'id'), (SELECT max(id) FROM mig_step));

-- Every system × step starts 未着手 (todo). The history trigger records each as its first entry.
INSERT INTO mig_status (system_id, step_id, status)
SELECT s.id, t.id, 'todo' FROM mig_system s CROSS JOIN mig_step t ORDER BY s.id, t.id;
