/*
 * training_form — :training's forms (screens/training_form.c): a new course (the course
 * list's `a`) and a new session of a course (the sessions' `a`), saved by the store
 * functions `training course add` and `training session add` call.
 */
#ifndef RASHIN_SCREENS_TRAINING_FORM_H
#define RASHIN_SCREENS_TRAINING_FORM_H

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

#endif
