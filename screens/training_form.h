/*
 * training_form — :training's forms (screens/training_form.c): a new course (the course
 * list's `a`) and a new session of a course (the sessions' `a`), saved by the store
 * functions `training course add` and `training session add` call; editing a course or
 * a session (`c`), prefilled and saved with the version read by the store functions
 * `training course edit` and `training session edit` call (a stale save opens the
 * conflict dialog).
 */
#ifndef RASHIN_SCREENS_TRAINING_FORM_H
#define RASHIN_SCREENS_TRAINING_FORM_H

#include "tui/table.h"

struct form;
struct screen;

/* A new course's form (session 0), or a new session's (session 1). */
struct form	*training_form_new(int session);
/*
 * Save the form: a course (training_course_add) or a session of course_code
 * (training_session_add); *id the new row's. 0, or -1 with *cause (the store's reason).
 */
int		 training_form_save(struct screen *, struct form *, const char *course_code,
		    int *id, char **cause);

struct training_edit;
/*
 * The edit form of course code (session 0) or of session id, filled from the database;
 * *ep the edit under way (training_edit_free). NULL with *cause when it cannot be read.
 */
struct form	*training_form_edit(struct screen *, const char *course, int session,
		    struct training_edit **ep, char **cause);
/*
 * Save the edit: 1 saved (*done the message, allocated; close the form), 0 not (the form
 * stays: the reason, or the conflict's outcome, is on the status line).
 */
int		 training_form_save_edit(struct screen *, struct training_edit *, char **done);
void		 training_edit_free(struct training_edit *);

/* The side views' columns (a transcript, the mandatory-course and DX-leader reports). */
extern const struct table_column	training_transcript_cols[], training_report_cols[],
					training_dx_cols[];
extern const int	training_ntranscript_cols, training_nreport_cols, training_ndx_cols;
/* E: the export and import as ssh lines: of session (> 0), else of fiscal year fy. */
int		 training_export_lines(struct screen *, int session, int fy);

#endif
