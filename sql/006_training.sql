-- rashin 006: training: courses, sessions, enrolment (with waiting list), attendance,
-- scores, certificates, and the DX-leader (DX推進リーダー) programme with its targets.

CREATE TABLE course (
	id		serial PRIMARY KEY,
	code		text NOT NULL UNIQUE CHECK (code ~ '^[A-Za-z0-9_-]{1,32}$'),
	title		text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	category	text NOT NULL CHECK (category IN ('dx_leader', 'ict_basic', 'security_general',
				'security_manager', 'info_asset', 'gen_ai', 'other')),
	audience	text NOT NULL DEFAULT 'all' CHECK (audience IN ('all', 'managers', 'nominated')),
	mandatory	boolean NOT NULL DEFAULT false,
	hours		numeric(5,1) CHECK (hours > 0),
	rule_n		int CHECK (rule_n > 0),		-- attend N sessions; NULL = all of them
	pass_mark	int CHECK (pass_mark BETWEEN 0 AND 100),
	late_counts	boolean NOT NULL DEFAULT true,	-- 遅刻 counts as attended
	valid_fys	int CHECK (valid_fys > 0),	-- completion valid for N fiscal years; NULL = forever
	measure_id	int REFERENCES measure (id),
	version		int NOT NULL DEFAULT 1
);

CREATE TABLE course_session (
	id		serial PRIMARY KEY,
	course_id	int NOT NULL REFERENCES course (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	starts_at	timestamptz NOT NULL,
	ends_at		timestamptz,
	place		text NOT NULL DEFAULT '' CHECK (length(place) <= 200),
	online		boolean NOT NULL DEFAULT false,
	trainer_id	int REFERENCES staff (id),
	capacity	int CHECK (capacity > 0),
	version		int NOT NULL DEFAULT 1,
	CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX course_session_when ON course_session (starts_at);

CREATE TABLE enrolment (
	session_id	int NOT NULL REFERENCES course_session (id),
	staff_id	int NOT NULL REFERENCES staff (id),
	state		text NOT NULL DEFAULT 'enrolled' CHECK (state IN ('enrolled', 'waiting', 'cancelled')),
	enrolled_at	timestamptz NOT NULL DEFAULT clock_timestamp(),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (session_id, staff_id)
);

-- 出席 present, 遅刻 late, 欠席(届出あり) excused, 欠席 absent
CREATE TABLE attendance (
	session_id	int NOT NULL REFERENCES course_session (id),
	staff_id	int NOT NULL REFERENCES staff (id),
	status		text NOT NULL CHECK (status IN ('present', 'late', 'excused', 'absent')),
	note		text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	marked_by	int REFERENCES staff (id),
	marked_at	timestamptz NOT NULL DEFAULT now(),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (session_id, staff_id)
);

CREATE TABLE exam_score (
	course_id	int NOT NULL REFERENCES course (id),
	staff_id	int NOT NULL REFERENCES staff (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	score		int NOT NULL CHECK (score BETWEEN 0 AND 100),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (course_id, staff_id, fy)
);

CREATE TABLE certificate (
	id		serial PRIMARY KEY,
	cert_no		text NOT NULL UNIQUE,
	course_id	int NOT NULL REFERENCES course (id),
	staff_id	int NOT NULL REFERENCES staff (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	issued_at	timestamptz NOT NULL DEFAULT now(),
	UNIQUE (course_id, staff_id, fy)
);

CREATE TABLE dx_candidate (
	staff_id	int NOT NULL REFERENCES staff (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	status		text NOT NULL DEFAULT 'candidate' CHECK (status IN ('candidate', 'in_training', 'certified')),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (staff_id, fy)
);

CREATE TABLE dx_target (
	dept_id		int NOT NULL REFERENCES department (id),
	fy		int NOT NULL CHECK (fy BETWEEN 2026 AND 2032),
	target		int NOT NULL CHECK (target BETWEEN 0 AND 1000),
	version		int NOT NULL DEFAULT 1,
	PRIMARY KEY (dept_id, fy)
);
