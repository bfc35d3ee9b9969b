-- Rows for the access matrix (tests/db/test_attack_access.sh), on top of fixture.sql and
-- the plan, migration and training fixtures: every table gets at least one row, so each
-- UPDATE / DELETE cell is tried against a real row (a refusal is then a refusal, not an
-- empty table). The lead tlead (902, T-A) owns measure 901 and system 901; the VDI rows
-- are made by the commands in the test (their triggers take them only from the steps).
INSERT INTO ssh_key (staff_id, key_type, key_b64, fingerprint, comment) VALUES
	(901, 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAIAdminAdminAdminAdminAdminAdminAdminAdmin',
	 'SHA256:AdminAdminAdminAdminAdminAdminAdminAdmin000', 'tadmin'),
	(902, 'ssh-ed25519', 'AAAAC3NzaC1lZDI1NTE5AAAAILeadLeadLeadLeadLeadLeadLeadLeadLeadLea',
	 'SHA256:LeadLeadLeadLeadLeadLeadLeadLeadLeadLead000', 'tlead');
INSERT INTO evaluation (measure_id, fy) VALUES (901, 2026), (902, 2026);
INSERT INTO hearing (measure_id, fy, held_on, notes) VALUES (901, 2026, '2026-10-01', 'ヒアリング'),
	(902, 2026, '2026-10-02', '他課');
INSERT INTO mig_risk (id, system_id, title, kind, owner_id, created_by) VALUES
	(901, 901, 'テストリスク', 'risk', 902, 902), (902, 902, '他課リスク', 'issue', 905, 905);
INSERT INTO mig_risk_comment (risk_id, body, author_id) VALUES (901, 'コメント', 902), (902, '他課', 905);
INSERT INTO enrolment (session_id, staff_id) VALUES (911, 911), (921, 921);
INSERT INTO attendance (session_id, staff_id, status, marked_by) VALUES (911, 911, 'present', 903),
	(921, 921, 'late', 903);
INSERT INTO exam_score (course_id, staff_id, fy, score) VALUES (912, 911, 2026, 80), (912, 921, 2026, 65);
