/*
 * store_training — the SQL of the training domain: courses, sessions, rosters, marking
 * attendance, enrolment (the waiting list lives in the database), transcripts, the
 * department report, and attendance exchange with HR (CSV). Completion and certificates
 * are computed by the database (sql/040_training_ext.sql); nothing here decides them.
 * Functions return 0 / -1 with an allocated *cause; lists fill out_tables, the roster a
 * plain struct, so commands and screens share them.
 */
#ifndef RASHIN_STORE_TRAINING_H
#define RASHIN_STORE_TRAINING_H

#include <stdio.h>

#include "backend/lib/out.h"
#include "backend/store/outcome.h"

struct db;

/* Attendance status codes in the database, and what people type or read. */
#define TRAINING_NSTATUS 4
extern const char *const training_status_codes[TRAINING_NSTATUS];	/* present late excused absent */
extern const char *const training_status_ja[TRAINING_NSTATUS];	/* 出席 遅刻 欠席(届出) 欠席 */
/* "出席", "present", "欠席（届出あり）"... -> the code, or NULL. */
const char	*training_status_parse(const char *s);
/* The code's label in the UI language (gettext), "" for NULL or "". */
const char	*training_status_label(const char *code);
/* A category, audience or enrolment-state code's label in the UI language. */
const char	*training_label(const char *code);
/* The fixed Japanese label used in exchange files. */
const char	*training_status_ja_label(const char *code);

struct training_person {
	int	 staff_id;
	char	*login, *name, *kana, *dept;
	char	*enrol;		/* "enrolled", "waiting", "cancelled" or "" (walk-in) */
	char	*status;	/* attendance code, or "" when not marked */
	char	*note;
};

struct training_roster {
	int			 session_id;
	char			*course_code, *course_title, *starts, *place;
	int			 capacity;	/* 0 = no limit */
	int			 n;
	struct training_person	*people;	/* sorted by kana as Japanese readers expect */
};

/*
 * The list tables: titles in the UI language, stable keys for --csv/--json. text: values
 * as labels in the UI language; else codes (true/false, category and state codes).
 */
struct out_table *training_courses(struct db *, int text, char **cause);
/* The course categories (data: rs_label), in order: code, Japanese and English label. */
struct out_table *training_categories(struct db *, char **cause);
struct out_table *training_sessions(struct db *, int fy, char **cause);	/* fy 0: all */
/* as_of: "YYYY-MM-DD" that "valid"/"expired" is judged on (NULL: today in Japan). */
struct out_table *training_transcript(struct db *, const char *login, const char *as_of,
		    int text, char **cause);
/* Mandatory-course completion and DX-leader progress; text = with bars. */
struct out_table *training_report_courses(struct db *, int fy, int text, char **cause);
struct out_table *training_report_dx(struct db *, int fy, int text, char **cause);
/* Both reports in one machine-readable table (--csv / --json). */
struct out_table *training_report_data(struct db *, int fy, char **cause);

/* A plain list for screens: nrows keys (the row's id) and nrows * ncols cells. */
struct training_list {
	int	  nrows, ncols;
	char	**keys;
	char	**cells;
};
/* Courses: code, title, category (label), sessions. */
int	training_list_courses(struct db *, struct training_list *, char **cause);
/* One course's sessions: FY, starts, place, capacity, enrolled, waiting, marked. */
int	training_list_sessions(struct db *, int course, struct training_list *, char **cause);
void	training_list_free(struct training_list *);

int	training_roster_load(struct db *, int session, struct training_roster *, char **cause);
void	training_roster_free(struct training_roster *);

/*
 * Mark one person's attendance (note NULL keeps the note). *changed: 1 new, 2 changed,
 * 0 already so. Refusals come from the database's policies.
 */
int	training_mark(struct db *, int session, const char *login, const char *status,
	    const char *note, int *changed, char **cause);
/* The same by ids (strings of digits), for imports: one INSERT ... ON CONFLICT. */
int	training_upsert(struct db *, const char *session, const char *staff_id,
	    const char *status, const char *note, int *changed, char **cause);
/* Enrol (state "enrolled" or "waiting" into state[16]) or cancel; promoted[64] gets the
 * login moved up from the waiting list, "" if none. */
int	training_enrol(struct db *, int session, const char *login, char state[16],
	    int *position, char **cause);
int	training_cancel(struct db *, int session, const char *login, char promoted[64],
	    char **cause);

/* Exam score 0-100 of login in course (by code) for fy; *changed 0 when already so. */
int	training_score(struct db *, const char *course, const char *login, int fy, int score,
	    int *changed, char **cause);
/* Nominate login as a DX-leader candidate for fy (status from their attendance). */
int	training_dx_nominate(struct db *, const char *login, int fy, char status[16],
	    char **cause);
/* Set a department's DX-leader target for fy (IT staff only, by policy). */
int	training_dx_target(struct db *, const char *dept_code, int fy, int target, char **cause);

/* A new course (category code as in the schema) / session ("YYYY-MM-DD HH:MM" Japan
 * time; capacity 0 = no limit); *id the new row's. Refusals are the database's. */
int	training_course_add(struct db *, const char *code, const char *category,
	    const char *title, int mandatory, int *id, char **cause);
int	training_session_add(struct db *, const char *course, const char *starts,
	    const char *place, int capacity, int *id, char **cause);

/* A course as its edit form and `training course edit` change it. */
struct training_course_rec {
	int	 id, version;
	char	 code[33];
	char	 title[808];		/* up to 200 characters */
	char	 category[32];		/* the code (the database takes a label too) */
	int	 mandatory, late_counts;
	int	 rule_n;		/* attend N of the FY's sessions; 0: all of them */
	int	 pass_mark;		/* 0-100; -1: no exam */
};
/* A session as its edit form and `training session edit` change it. */
struct training_session_rec {
	int	 id, version;
	char	 course[33];		/* the course's code (not changed by an edit) */
	char	 starts[17];		/* "YYYY-MM-DD HH:MM", Japan time */
	char	 place[808];
	int	 capacity;		/* 0: no limit */
	char	 trainer[64];		/* login, "" none */
};
/* One course by code / session by id: STORE_OK, STORE_NOT_FOUND or STORE_FAILED. */
enum store_rc	training_course_get(struct db *, const char *code,
		    struct training_course_rec *, char **cause);
enum store_rc	training_session_get(struct db *, int id, struct training_session_rec *,
		    char **cause);
/*
 * Save an edit with the version read (r->version, the new one when STORE_OK).
 * STORE_STALE when someone saved first (nothing written); STORE_REFUSED with the reason
 * (not a trainer or IT staff, a value the database refuses, an unknown trainer);
 * STORE_NOT_FOUND; STORE_FAILED. A new start moves the session to its fiscal year.
 */
enum store_rc	training_course_update(struct db *, struct training_course_rec *,
		    char **cause);
enum store_rc	training_session_update(struct db *, struct training_session_rec *,
		    char **cause);

/* SQLSTATE 42501 (a policy said no) as a plain message in *cause; always -1. */
int	training_refused(const char *sqlstate, char **cause);
/* A number 1..999999999 from s, else 0. */
int	training_parse_id(const char *s);

/* An attendance file's columns: header names in Japanese (export) or English. */
enum { TRAINING_COL_SESSION, TRAINING_COL_LOGIN, TRAINING_COL_STATUS, TRAINING_COL_NOTE,
	TRAINING_NCOL };
extern const char *const training_col_ja[TRAINING_NCOL];
extern const char *const training_col_en[TRAINING_NCOL];
#define TRAINING_NOTE_MAX	500	/* characters, as attendance.note allows */
/*
 * An import row's session (a number) and login (an active member): 0 with their ids in
 * sid and staff; 1 when one is unknown (*bad_col its TRAINING_COL_*, *why allocated);
 * -1 with *cause when the database failed.
 */
int	training_import_lookup(struct db *, const char *session, const char *login,
	    char sid[16], char staff[16], int *bad_col, char **why, char **cause);
/* Attendance in the import's layout, to x (store_export.h): session, course, date and
 * time, login, name, status code, note (NULL when none). fy, session: 0 for any. */
struct store_export;
int	training_export(struct db *, int fy, int session, struct store_export *x, char **cause);

#endif
