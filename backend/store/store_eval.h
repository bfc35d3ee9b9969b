/*
 * store_eval — the yearly PDCA evaluations (1st by the department, the CIO adviser's
 * comment, 2nd by the DX council, publication by the IT division, revisions) and
 * hearings. The workflow is the database's (rs_evaluation_guard and the policies); these
 * functions only carry the request there and turn a refusal into a sentence.
 */
#ifndef RASHIN_STORE_EVAL_H
#define RASHIN_STORE_EVAL_H

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

/* A step's return when the version read is stale (RS001): someone else wrote meanwhile. */
#define EVAL_STALE	(-2)

/*
 * One row per measure visible to the member (measure_id 0: all), with the latest
 * revision of fiscal year fy. 0 or -1 with *cause.
 */
int	eval_board(struct db *, int fy, int measure_id, struct plan_eval **, int *n,
	    char **cause);
void	eval_board_free(struct plan_eval *, int n);

/*
 * The workflow steps. Each returns 0, or -1 with *cause: a sentence saying why the
 * database refused (role, department, order, publication) or what failed; EVAL_STALE
 * (also with *cause) when in->version is not the evaluation's version any more.
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

/* A refusal (SQLSTATE state, database message why) as a sentence in the UI language. */
char	*eval_refusal(const char *state, const char *why);

#endif
