-- rashin demo: training records beyond the base file. The all-staff security training of
-- 2026-07-01 with its test, the managers' session, a full generative-AI session with a
-- waiting list, and DX-leader statuses brought in line with attendance. Completion and
-- certificate numbers are the database's (sql/040_training_ext.sql): nothing typed here.
INSERT INTO enrolment (session_id, staff_id, enrolled_at)
SELECT cs.id, s.id, '2026-06-01 09:00+09'::timestamptz + s.id * interval '1 minute'
FROM course_session cs JOIN course c ON c.id = cs.course_id JOIN staff s ON s.active
WHERE c.code = 'SEC-GEN' ORDER BY s.id;
INSERT INTO attendance (session_id, staff_id, status, note)
SELECT e.session_id, e.staff_id,
	CASE WHEN e.staff_id % 9 = 0 THEN 'absent' WHEN e.staff_id % 11 = 0 THEN 'excused'
		WHEN e.staff_id % 7 = 0 THEN 'late' ELSE 'present' END,
	CASE WHEN e.staff_id % 11 = 0 THEN '窓口繁忙のため欠席 (届出済)' ELSE '' END
FROM enrolment e JOIN course_session cs ON cs.id = e.session_id JOIN course c ON c.id = cs.course_id
WHERE c.code = 'SEC-GEN';
INSERT INTO exam_score (course_id, staff_id, fy, score)
SELECT c.id, a.staff_id, 2026, 55 + (a.staff_id * 7) % 45
FROM attendance a JOIN course_session cs ON cs.id = a.session_id JOIN course c ON c.id = cs.course_id
WHERE c.code = 'SEC-GEN' AND a.status IN ('present', 'late');

INSERT INTO enrolment (session_id, staff_id)
SELECT cs.id, s.id FROM course_session cs JOIN course c ON c.id = cs.course_id
JOIN staff s ON s.active AND s.is_manager WHERE c.code = 'SEC-MGR' ORDER BY s.id;
INSERT INTO attendance (session_id, staff_id, status)
SELECT e.session_id, e.staff_id, CASE WHEN e.staff_id % 4 = 0 THEN 'excused' ELSE 'present' END
FROM enrolment e JOIN course_session cs ON cs.id = e.session_id JOIN course c ON c.id = cs.course_id
WHERE c.code = 'SEC-MGR';
INSERT INTO exam_score (course_id, staff_id, fy, score)
SELECT c.id, a.staff_id, 2026, 72 + a.staff_id % 25
FROM attendance a JOIN course_session cs ON cs.id = a.session_id JOIN course c ON c.id = cs.course_id
WHERE c.code = 'SEC-MGR' AND a.status = 'present';

-- 30 seats, more applicants: the last ones wait (the database decides who).
INSERT INTO enrolment (session_id, staff_id, enrolled_at)
SELECT cs.id, s.id, '2026-11-01 09:00+09'::timestamptz + s.id * interval '1 minute'
FROM course_session cs JOIN course c ON c.id = cs.course_id JOIN staff s ON s.active
WHERE c.code = 'GENAI' AND s.role IN ('readonly', 'lead') ORDER BY s.id;

SELECT rs_training_sync_course(id, NULL) FROM course WHERE category = 'dx_leader';
