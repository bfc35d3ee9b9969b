/*
 * store_eval — the yearly PDCA evaluations (1st by the department, the CIO adviser's
 * comment, 2nd by the DX council, publication by the IT division, revisions) and
 * hearings. The workflow is the database's (rs_evaluation_guard and the policies); these
 * functions only carry the request there and turn a refusal into a sentence.
 */
#ifndef RASHIN_STORE_EVAL_H
#define RASHIN_STORE_EVAL_H

#include "backend/store/outcome.h"

struct db;

struct plan_eval {
	int	 measure_id, part_id, seq;
	char	*code, *name;			/* the measure: "1-2", its name */
	int	 id, revision, supersedes, version;	/* id 0: no evaluation yet */
	char	*e1_grade, *e1_achievements, *e1_issues, *e1_next, *e1_by, *e1_at;
	char	*cio_comment, *cio_by, *cio_at;
	char	*e2_grade, *e2_findings, *e2_instruction, *e2_by, *e2_at;
	char	*published_at, *published_by;
	int	 hearings;
};

/*
 * Fields of a 1st or 2nd evaluation; NULL: keep what is there. version: the version of
 * the evaluation the writer read (a form), 0 to take the current one (a command), or
 * EVAL_NONE when the writer saw no evaluation yet.
 */
#define EVAL_NONE	(-1)
struct eval_input {
	const char	*grade, *text1, *text2, *text3;
	int		 version;
};

/*
 * One row per measure visible to the member (measure_id 0: all), with the latest
 * revision of fiscal year fy. 0 or -1 with *cause.
 */
int	eval_board(struct db *, int fy, int measure_id, struct plan_eval **, int *n,
	    char **cause);
void	eval_board_free(struct plan_eval *, int n);

/*
 * The workflow steps. Each returns an enum store_rc: STORE_OK; STORE_REFUSED with
 * *cause saying why the database refused (role, department, order, publication, picked
 * by the refusal's code); STORE_STALE (also with *cause) when in->version is not the
 * evaluation's version any more; STORE_FAILED (-1) with what failed.
 */
int	eval_submit(struct db *, int measure_id, int fy, const struct eval_input *,
	    char **cause);	/* 1st: grade, achievements, issues, next */
int	eval_second(struct db *, int measure_id, int fy, const struct eval_input *,
	    char **cause);	/* 2nd: grade, findings, instruction */
int	eval_comment(struct db *, int measure_id, int fy, const char *text, char **cause);
/* The comment with the version read (see eval_input). */
int	eval_comment_v(struct db *, int measure_id, int fy, const char *text, int version,
	    char **cause);
int	eval_publish(struct db *, int measure_id, int fy, char **cause);
/* A new revision superseding the published one; *revision gets its number. */
int	eval_revise(struct db *, int measure_id, int fy, int *revision, char **cause);
/* held_on as YYYY-MM-DD. */
int	eval_hearing(struct db *, int measure_id, int fy, const char *held_on,
	    const char *attendees, const char *notes, char **cause);

#endif
