/*
 * store_dashboard — the numbers on the dashboard's tiles, read with row-level security
 * as the acting staff member (so each role sees its own share). SQL in, plain structs
 * out; no curses here.
 */
#ifndef RASHIN_STORE_DASHBOARD_H
#define RASHIN_STORE_DASHBOARD_H

struct db;

#define DASH_MAX_PARTS		9
#define DASH_MAX_PHASES		4
#define DASH_MAX_SESSIONS	6

/* Measure status codes, in the order of dash_part.by_status. */
enum dash_status {
	DASH_NOT_STARTED,	/* 未着手 */
	DASH_STUDYING,		/* 調査・検討 */
	DASH_IN_PROGRESS,	/* 実施中 */
	DASH_DONE,		/* 完了 */
	DASH_REVIEWING,		/* 見直し */
	DASH_NSTATUS
};

struct dash_part {
	int	 id;
	char	 title[256];
	int	 by_status[DASH_NSTATUS];
};

struct dash_phase {
	char	 phase[128];		/* 調査・検討, 実施, ... */
	int	 measures;		/* measures in that phase this fiscal year */
};

struct dash_session {
	char	 starts[32];		/* "2026-11-26 14:00" */
	char	 course[256];
	char	 place[256];
	int	 enrolled;
};

struct dashboard {
	/* plan (dept_id != 0: only that department's measures) */
	struct dash_part	 parts[DASH_MAX_PARTS];
	int			 nparts;
	struct dash_phase	 phases[DASH_MAX_PHASES];
	int			 nphases;
	/* PDCA evaluations of the fiscal year (latest revision of each) */
	int			 measures;	/* measures in the plan */
	int			 e1_submitted;
	int			 e2_submitted;
	int			 published;
	int			 cio_pending;	/* 1st submitted, no CIO comment yet */
	int			 e1_missing;	/* measures (of dept_id) without a 1st evaluation */
	/* standardisation migration (dept_id != 0: that department's systems) */
	int			 mig_systems;
	int			 mig_cells;	/* systems x active steps */
	int			 mig_finished;	/* cells 完了 or 対象外 */
	int			 sys_done;	/* systems with every step finished */
	int			 sys_doing;
	int			 sys_todo;
	int			 steps_overdue;	/* not finished, planned end before today */
	int			 special_support;	/* 特定移行支援システム */
	int			 risks_open;
	/* telework VDI */
	int			 vdi_active;
	int			 vdi_requested;	/* awaiting approval */
	int			 vdi_expiring;	/* active, ending within 30 days */
	/* training */
	int			 dx_certified;
	int			 dx_target;
	int			 dx_in_training;
	int			 sessions_month;	/* sessions this calendar month */
	struct dash_session	 upcoming[DASH_MAX_SESSIONS];	/* next 14 days */
	int			 nupcoming;
	int			 unmarked_sessions;	/* past sessions with attendance missing */
	int			 unmarked_people;
};

/* The dashboard's parts, each read by one statement (store_dashboard_load's tiles). */
#define DASH_T_PARTS	0x01	/* measures by status per part */
#define DASH_T_PHASES	0x02	/* this year's phases */
#define DASH_T_EVAL	0x04	/* evaluations */
#define DASH_T_MIG	0x08	/* migration */
#define DASH_T_VDI	0x10	/* VDI accounts */
#define DASH_T_TRAINING	0x20	/* DX leaders, sessions */
#define DASH_T_UPCOMING	0x40	/* the next sessions */
#define DASH_T_ALL	0x7f

/* The tiles a change to table moves (0: none). */
unsigned store_dashboard_tiles_of(const char *table);

/*
 * Read the tiles in the mask for fiscal year fy as of today ("YYYY-MM-DD") into d, in one
 * round trip; the other tiles of d are left as they are (DASH_T_ALL: d is filled anew).
 * dept_id != 0 narrows plan and migration to that department; trainer_id != 0 narrows
 * sessions to that trainer's. 0, or -1 with *cause (d unchanged).
 */
int	 store_dashboard_load(struct db *, const char *today, int fy, int dept_id,
	    int trainer_id, unsigned tiles, struct dashboard *d, char **cause);
/*
 * store_dashboard_load in two halves, so the caller need not wait for the database
 * (backend/db.h db_batch_send): send asks (0, or -1 with *cause), recv takes the
 * numbers into d when db_batch_ready says they have come (waiting if not): as load.
 */
struct dashboard_req {
	unsigned	 tiles;
	int		 n;		/* statements sent */
	int		 which[8];	/* their tiles' indices */
};
int	 store_dashboard_send(struct db *, const char *today, int fy, int dept_id,
	    int trainer_id, unsigned tiles, struct dashboard_req *, char **cause);
int	 store_dashboard_recv(struct db *, const struct dashboard_req *, struct dashboard *d,
	    char **cause);
/* The migration completion rate, (完了 + 対象外) / steps, in percent (0 when no steps). */
double	 store_dashboard_mig_rate(const struct dashboard *);

#endif
