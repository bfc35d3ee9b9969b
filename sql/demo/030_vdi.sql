-- Demo: telework VDI history on top of 000_base's requests — pools per kind of work,
-- a suspended account, a rejected request with the reason the requester reads, and
-- more accounts ending within 30 days (so the dashboard's warning has something to show).
-- Loaded by the owner without an identity: rows are taken as given. The enrolled MFA
-- states carry no secret (the key file is made at run time): reset them to enrol for real.

INSERT INTO vdi_request (staff_id, requested_by, reason, work_kinds, no_personal_data, period_from,
	period_to, device_id, manager_id, state, manager_by, manager_at, manager_comment,
	rejected_by, rejected_at, reject_reason)
SELECT s.id, s.id, '窓口業務の在宅対応のため', '窓口対応', true, '2026-10-01', '2027-03-31', '',
	m.id, 'rejected', m.id, now() - interval '20 days', '了承', i.id, now() - interval '18 days',
	'窓口業務は住民の個人番号を扱うため、テレワークの対象外です。'
FROM staff s, staff m, staff i WHERE s.login = 'saito' AND m.login = 'maeda' AND i.login = 'ito';

INSERT INTO vdi_request (staff_id, requested_by, reason, work_kinds, no_personal_data, period_from,
	period_to, device_id, manager_id, state, manager_by, manager_at, approved_by, approved_at)
SELECT s.id, s.id, v.reason, v.work, true, v.f::date, v.t::date, 'PC-' || lpad(s.id::text, 4, '0'),
	m.id, 'approved', m.id, now() - interval '60 days', i.id, now() - interval '58 days'
FROM (VALUES ('shimizu', '育児との両立', '課税資料の書類審査', '2026-06-01', '2026-12-15'),
	('sugiyama', '通院のため', '統計資料の作成', '2026-07-01', '2026-12-20'),
	('kimura', '研修資料の作成', '資料作成', '2026-05-01', '2027-03-31'))
	AS v (login, reason, work, f, t)
JOIN staff s ON s.login = v.login, staff m, staff i
WHERE m.login = 'maeda' AND i.login = 'ito';
INSERT INTO vdi_account (request_id, staff_id, vdi_username, pool, valid_from, valid_to, state,
	state_reason, provisioned_by, mfa_state, mfa_enrolled_at)
SELECT r.id, r.staff_id, 'vdi-' || s.login, CASE WHEN s.login = 'kimura' THEN 'pool-training' ELSE 'pool-general' END,
	r.period_from, r.period_to, CASE WHEN s.login = 'kimura' THEN 'suspended' ELSE 'active' END,
	CASE WHEN s.login = 'kimura' THEN '貸与端末の点検中' END, r.approved_by,
	CASE WHEN s.login = 'sugiyama' THEN 'none' ELSE 'enrolled' END,
	CASE WHEN s.login = 'sugiyama' THEN NULL ELSE now() - interval '50 days' END
FROM vdi_request r JOIN staff s ON s.id = r.staff_id
WHERE s.login IN ('shimizu', 'sugiyama', 'kimura');
