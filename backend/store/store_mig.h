/*
 * store_mig — the standardisation migration's SQL: the board (systems x steps), system
 * detail, status history, the exchange rows (export/import), status writes and the
 * issue/risk log. Who may write is decided by the database (row-level security,
 * rs_mig_writable in sql/020); mig_refusal explains a refusal in words.
 */
#ifndef RASHIN_STORE_MIG_H
#define RASHIN_STORE_MIG_H

#include "backend/lib/mig_rate.h"
#include "backend/store/outcome.h"

struct db;

/* Systems and steps by name or number, for commands and imports. */
struct mig_ref {
	int	 id, seq;
	char	*name;
	char	*dept;		/* systems: owner department; steps: phase */
	char	*vendor;	/* systems only: current vendor */
	int	 retired;	/* steps only */
	int	 writable;	/* systems only: rs_mig_writable() */
	int	 version;	/* steps only: the version read (an edit carries it) */
};
struct mig_refs {
	int		 n;
	struct mig_ref	*v;
};

int	mig_systems_load(struct db *, struct mig_refs *, char **cause);
/* Steps ordered by seq; retired ones too when all. */
int	mig_steps_load(struct db *, int all, struct mig_refs *, char **cause);
void	mig_refs_free(struct mig_refs *);
/* A system by name or id; a step by name or seq (retired steps not found). NULL if none. */
const struct mig_ref *mig_ref_system(const struct mig_refs *, const char *key);
const struct mig_ref *mig_ref_step(const struct mig_refs *, const char *key);

/* A system and a step by key (as mig_ref_system / mig_ref_step) and that pair's status. */
struct mig_target {
	int		 sys_id, step_id;	/* 0: no such system / step */
	char		*sys, *step;
	enum mig_st	 st;			/* todo when none */
	int		 version;		/* 0 when no status row exists */
};
int	mig_target_load(struct db *, const char *sys_key, const char *step_key,
	    struct mig_target *, char **cause);
void	mig_target_free(struct mig_target *);

/*
 * Edit the step list (admins, by the database's policy). Add: seq 0 = after the last
 * (gaps of 10); returns the new id or -1. Update: name NULL / seq 0 / retired -1 leave
 * that field; version: the step's as read (-1: whatever it is now); 0 or -1 (a
 * refusal: cause says so, sqlstate 42501; someone saved first: sqlstate RS001).
 */
int	mig_step_add(struct db *, const char *phase, const char *name, int seq,
	    char sqlstate[6], char **cause);
int	mig_step_update(struct db *, int id, const char *name, int seq, int retired,
	    int version, char sqlstate[6], char **cause);
/*
 * The procedure's phases (data IT manages; a step's phase is one of them): name and seq
 * in order into g; 0 or -1. Add one after the last: 0, or -1 (sqlstate says why).
 */
struct grid;
int	mig_phases_load(struct db *, struct grid *g, char **cause);
int	mig_phase_add(struct db *, const char *name, char sqlstate[6], char **cause);

/* The board as of today (counted). */
int	mig_board_load(struct db *, const struct fy_date *today, struct mig_board *, char **cause);
/* Only some cells of a loaded board read again ({ system id, step id } each): 0, 1 when
 * none changed, or -1. */
#define MIG_BOARD_CELLS_MAX	16
int	mig_board_cells(struct db *, const struct fy_date *today, struct mig_board *,
	    const int (*ids)[2], int n, char **cause);
/* The same in two halves (backend/db.h db_batch_send): send asks (0 or -1), recv takes
 * the rows into the board when db_batch_ready says they have come (as mig_board_cells;
 * the same ids). */
int	mig_board_cells_send(struct db *, const int (*ids)[2], int n, char **cause);
int	mig_board_cells_recv(struct db *, const struct fy_date *today, struct mig_board *,
	    const int (*ids)[2], int n, char **cause);
/* Only the statuses of a loaded board read again (one prepared statement); 0 or -1. */
int	mig_board_statuses(struct db *, const struct fy_date *today, struct mig_board *,
	    char **cause);

/* One system x step as it is exchanged: dates "YYYY-MM-DD" or "". */
struct mig_xrow {
	int		 sys_id, step_id;
	char		*sys, *step;
	int		 exists;	/* a mig_status row exists (else: todo, no dates) */
	enum mig_st	 st;
	char		 ps[11], pe[11], ae[11];
	char		*note;
	int		 version;
};
struct mig_xrows {
	int		 n;
	struct mig_xrow	*v;
};
/* Every system x unretired step, by system seq then step seq. */
int	mig_xrows_load(struct db *, struct mig_xrows *, char **cause);
void	mig_xrows_free(struct mig_xrows *);
/* The same rows as the spreadsheet exchange has them, to x (store_export.h): system,
 * step, status code, planned start, planned end, actual end, note. */
struct store_export;
int	store_mig_export(struct db *, struct store_export *x, char **cause);
struct mig_xrow *mig_xrow_find(const struct mig_xrows *, int sys_id, int step_id);
/* Write all fields of r (insert or update with r->version). */
int	mig_xrow_write(struct db *, const struct mig_xrow *, char sqlstate[6], char **cause);

/*
 * Set one status (note NULL: keep the note; today: the actual end recorded for a step
 * newly done). version: the version read (0 when no row exists yet). Returns the new
 * version, or -1 with sqlstate and cause.
 */
int	mig_status_set(struct db *, int sys_id, int step_id, enum mig_st, const char *note,
	    int version, const char *today, char sqlstate[6], char **cause);
/* One cell's row as it is now: status, version (MIG_VERSION_NONE: no row), and who
 * changed it last and when ("" if unknown). */
struct mig_cell_now {
	enum mig_st	 st;
	int		 version;
	char		 who[64], when[32];
};
int	mig_cell_now_load(struct db *, int sys_id, int step_id, struct mig_cell_now *,
	    char **cause);
/*
 * The board's write of one cell's status, carrying *version: the version read with the
 * board (what the user saw; MIG_VERSION_NONE when the cell had no row). STORE_OK with
 * *version the new one; STORE_STALE, nothing written, with *now the row as it is and
 * *cause who changed it to what and when; STORE_REFUSED with the database's refusal in
 * words (mig_refusal); STORE_FAILED with *cause.
 */
enum store_rc	mig_cell_set(struct db *, int sys_id, int step_id, enum mig_st,
	    int *version, const char *today, struct mig_cell_now *now, char **cause);
/* One cell's editable fields as they are now (MIG_VERSION_NONE: no row yet). */
struct mig_cell_fields {
	enum mig_st	 st;
	char		 ps[11], pe[11], ae[11];	/* "YYYY-MM-DD" or "" */
	char		 owner[33];		/* the owner's login, "" none */
	char		 owner_name[128];
	char		*note;
	int		 version;
};
int	mig_cell_load(struct db *, int sys_id, int step_id, struct mig_cell_fields *, char **cause);
void	mig_cell_free(struct mig_cell_fields *);
/*
 * The board's and `mig cell`'s write of one cell's planned dates ("YYYY-MM-DD" or ""),
 * owner (a login, "" none) and note, carrying *version as mig_cell_set does (the status
 * is kept). STORE_OK with the new *version; STORE_STALE with *now and who in *cause;
 * STORE_REFUSED with the reason (an unknown owner, a check, the policy); STORE_FAILED.
 */
enum store_rc	mig_cell_edit(struct db *, int sys_id, int step_id, const char *ps,
	    const char *pe, const char *owner, const char *note, int *version,
	    struct mig_cell_now *now, char **cause);
/*
 * Why the database refused this member a write to the system: a sentence naming the
 * system and its department (allocated).
 */
char	*mig_refusal(struct db *, int sys_id);

/* System detail. */
struct mig_system {
	int	 id, seq, dept_id;	/* dept_id 0: none */
	char	*name, *dept, *vendor, *product, *target_vendor, *target_product, *hosting;
	char	 planned_cutover[11], actual_cutover[11], special_deadline[11];
	int	 special;
	char	*special_reason, *notes;
	int	 version;
};
int	mig_system_load(struct db *, int id, struct mig_system *, char **cause);
void	mig_system_free(struct mig_system *);
/*
 * Save the system's fields (dept_id; vendors by name, "" none; dates "YYYY-MM-DD" or "")
 * with s->version. Returns the new version, or -1 with sqlstate (RS001 stale, 42501
 * refused by the database) and cause. An unknown vendor is named in cause.
 */
int	mig_system_save(struct db *, const struct mig_system *, char sqlstate[6], char **cause);

/* Status history of one system, oldest first. */
struct mig_hist {
	char	 at[20];		/* YYYY-MM-DD HH:MM:SS */
	int	 step_seq;
	char	*step, *who, *note;
	char	 old_st[8], new_st[8];	/* codes; old "" for the first */
};
struct mig_hists {
	int		 n;
	struct mig_hist	*v;
};
int	mig_history_load(struct db *, int sys_id, struct mig_hists *, char **cause);
void	mig_hists_free(struct mig_hists *);

/* The issue/risk log. */
/* A risk's kind and status as shown in the UI language (the code itself when unknown). */
const char	*mig_risk_kind_label(const char *kind);
const char	*mig_risk_status_label(const char *status);
/* The two coded fields of an entry; their codes and labels are rs_label's (sql/130, 148). */
enum mig_risk_term { MIG_RISK_KIND, MIG_RISK_STATUS };
/*
 * The code value names: the code itself, or its Japanese or English label (case and
 * blanks aside), as the database's rule reads it (rs_code_of), into code (len bytes).
 * The one parser of the command line and the :risks forms. 0, or -1 with *cause naming
 * the value and listing the accepted ones with their labels in the UI language
 * ("no such kind \"x\" (accepted: issue (課題), risk (リスク), question (質問))").
 */
int	mig_risk_code(struct db *, enum mig_risk_term, const char *value, char *code,
	    size_t len, char **cause);

struct mig_risk {
	int	 id, sys_id;
	char	*sys, *dept, *title, *kind, *status, *step, *owner;
	char	 due[11];
	int	 impact, likelihood;
	char	*description;
	int	 version;
	int	 writable;	/* rs_mig_writable(system): this member may change it */
	int	 step_id;	/* 0: none */
};
struct mig_risks {
	int		 n;
	struct mig_risk	*v;
};
/* Open (open, in_progress) ones, or all; by due date (none last), impact, likelihood. */
int	mig_risks_load(struct db *, int all, struct mig_risks *, char **cause);
void	mig_risks_free(struct mig_risks *);
/* One risk by id (closed ones too); STORE_NOT_FOUND when there is none to see. */
enum store_rc	mig_risk_get(struct db *, int id, struct mig_risk *, char **cause);
void	mig_risk_free(struct mig_risk *);
/* What an edit of a risk sets (the whole row, as the form shows it). */
struct mig_risk_edit {
	int		 id;
	const char	*title, *kind, *status, *description;
	const char	*due;		/* "YYYY-MM-DD" or "" */
	int		 impact, likelihood;
	int		 step_id;	/* 0: none */
};
/*
 * Edit a risk with the version read (*version: the new one when done). STORE_STALE
 * when someone saved first; STORE_REFUSED with sqlstate 42501 when this member may not
 * change the system's risks (mig_refusal says why); STORE_NOT_FOUND; STORE_FAILED.
 */
enum store_rc	mig_risk_update(struct db *, const struct mig_risk_edit *, int *version,
	    char sqlstate[6], char **cause);
/* Returns the new id, or -1. due: "YYYY-MM-DD" or "". step_id 0: none. */
int	mig_risk_add(struct db *, int sys_id, const char *title, const char *kind, int impact,
	    int likelihood, const char *due, int step_id, const char *description,
	    char sqlstate[6], char **cause);
/*
 * Close a risk, with an optional comment, in one transaction. 0, or -1 with cause (no
 * such risk, already closed, or refused by the database: then *sys_id is its system).
 */
int	mig_risk_close(struct db *, int id, const char *note, int *sys_id, char sqlstate[6],
	    char **cause);

/* Comments on one risk, oldest first. */
struct mig_comment {
	char	 at[17];		/* YYYY-MM-DD HH:MM */
	char	*who, *body;
};
struct mig_comments {
	int			 n;
	struct mig_comment	*v;
};
int	mig_risk_comments_load(struct db *, int risk_id, struct mig_comments *, char **cause);
void	mig_risk_comments_free(struct mig_comments *);
/* Add a comment by the acting member; 0, or -1 with sqlstate (42501: refused) and cause. */
int	mig_risk_comment_add(struct db *, int risk_id, const char *body, char sqlstate[6],
	    char **cause);

#endif
