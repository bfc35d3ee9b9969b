/*
 * store_plan — the Digital Strategy Plan in the database: parts, measures (with their
 * 計画当初 text), responsible departments, schedule phases and milestones, KPIs.
 * SQL in, plain C structs out, shared by the commands, the report and the screens.
 * Every statement is constant with $n parameters; row-level security decides who sees
 * and writes what. Evaluations are in store_eval.h.
 */
#ifndef RASHIN_STORE_PLAN_H
#define RASHIN_STORE_PLAN_H

#include <stddef.h>

#include "backend/lib/fy.h"	/* PLAN_FY_FIRST, PLAN_FY_LAST, PLAN_FY_MAX */
#include "backend/store/outcome.h"

struct db;

struct plan_phase {
	int	 id, measure_id, action_id;	/* action_id 0: the measure's own bar */
	int	 version;
	char	*phase;
	int	 fy_from, fy_to;
	int	 month_from, month_to;		/* 0 when not given */
};

struct plan_milestone {
	int	 measure_id, action_id;
	char	*title;
	int	 year, month, day;
	int	 done;
};

struct plan_action {
	int	 id, measure_id, seq;
	int	 added_fy;	/* 0: in the plan as published */
	char	*title, *status;
};

struct plan_measure {
	int	 id, part_id, seq, version, added_fy;
	char	*code;		/* "1-2": part-seq */
	char	*part_title, *name, *goal, *overview;
	char	*orig_name, *orig_goal, *orig_overview;	/* NULL: added after the plan */
	char	*status;	/* code: not_started, studying, in_progress, done, reviewing */
	char	*depts;		/* responsible departments, "、"-joined */
	char	*e1_grade, *e2_grade;	/* latest revision for the asked FY, NULL if none */
};

/*
 * A KPI and its figures, as kpi_figure (sql/141) gives them: the one source the report,
 * the dashboard and `kpi list` read. A KPI rashin can compute (source not NULL) has its
 * actual, and perhaps its target, computed from its domain for each fiscal year; a typed
 * value carries who typed it and when.
 */
struct plan_kpi {
	int	 id, measure_id, version, higher_is_better;
	char	*name, *unit, *baseline;	/* baseline NULL when none */
	int	 baseline_fy;
	char	*source;		/* code (dx_leaders, mig_done, ...); NULL: typed */
	char	*definition;		/* a computed KPI's definition in the UI language */
	int	 target_computed;	/* the target comes from the domain too */
	/* per fiscal year PLAN_FY_FIRST..PLAN_FY_MAX (index fy - PLAN_FY_FIRST), NULL = none */
	char	*target[7], *actual[7];
	char	*entered_by[7];		/* login of who typed the year's value */
	char	*entered_name[7];	/* their name */
	char	*entered_at[7];		/* "YYYY-MM-DD HH:MM" (Japan time) */
};

/* Where a KPI's figures come from, for people: "computed: definition" or "typed by NAME (login) at WHEN"; newly allocated, NULL when the year has no typed value. */
char	*plan_kpi_provenance(const struct plan_kpi *, int fy);

struct plan_catalogue {
	int			 nmeasures, nphases, nactions, nmilestones;
	struct plan_measure	*measures;
	struct plan_phase	*phases;
	struct plan_action	*actions;
	struct plan_milestone	*milestones;
};

/*
 * A short UI word in the plan's gettext context (msgctxt "plan" in po/ja.po), so that
 * words like "status" do not collide with other modules' msgids: the translation, or
 * msgid itself.
 */
const char	*plan_tr(const char *msgid);

/* Status codes in order, NULL-terminated; label in the UI language; code from a code or a label. */
extern const char *const plan_status_codes[];
const char	*plan_status_label(const char *code);
const char	*plan_status_parse(const char *s);

/*
 * Measures (part 0: all; status NULL: any) with grades of fiscal year fy (0: none),
 * their actions, phases and milestones. 0 or -1 with *cause.
 */
int	plan_load(struct db *, int part, const char *status, int fy,
	    struct plan_catalogue *, char **cause);
void	plan_free(struct plan_catalogue *);

/* A measure by id ("12") or part-seq ("1-2"): its id, or -1 with *cause. */
int	plan_measure_ref(struct db *, const char *ref, int *id, char **cause);
/* One measure in full (grades for fy). */
int	plan_measure_get(struct db *, int id, int fy, struct plan_measure *, char **cause);
void	plan_measure_clear(struct plan_measure *);

/*
 * Set a measure's status, carrying the version read (0: the current one). Returns 0, or
 * -1 with *cause saying why, e.g. a stale version (RS001) or a measure the policies do
 * not let this member write (the row is visible but the UPDATE touches none).
 */
int	plan_measure_set_status(struct db *, int id, const char *status, int version,
	    char **cause);

/*
 * Edit a measure's name, goal and overview (never the 計画当初 orig_* text), carrying
 * the version read. 0, STORE_STALE with *cause (changed since read), or -1 with *cause
 * (refused, bad text).
 */
int	plan_measure_edit(struct db *, int id, const char *name, const char *goal,
	    const char *overview, int version, char **cause);

/* The phase name of measure m in fiscal year fy (first by seq), or NULL. */
const char *plan_phase_in(const struct plan_catalogue *, int measure_id, int fy);

/* KPIs of one measure (all measures when measure_id is 0). */
int	plan_kpis(struct db *, int measure_id, struct plan_kpi **, int *n, char **cause);
void	plan_kpis_free(struct plan_kpi *, int n);
/* A KPI of measure by id or name: its id, or -1 with *cause. */
int	plan_kpi_ref(struct db *, int measure_id, const char *ref, int *id, char **cause);
/*
 * Record a KPI's actual and/or target for fy (NULL: keep what is there); note may be
 * NULL. Upsert in the current transaction; the database records who and when.
 * sqlstate gets the refusal's SQLSTATE (42501: not the member's department; RS316 /
 * RS317: the KPI's actual / target is computed, never typed). 0 or -1 with *cause.
 */
int	plan_kpi_set(struct db *, int kpi_id, int fy, const char *actual, const char *target,
	    const char *note, char sqlstate[6], char **cause);

/*
 * Text for the plan: valid UTF-8, at most max characters, no control characters
 * other than newlines where multiline. 0, or -1 with *cause naming what.
 */
int	plan_text_check(const char *what, const char *s, int max, int multiline, char **cause);

/* What an addition asks for; which input was wrong comes back in *bad. */
enum plan_field { PLAN_F_NONE, PLAN_F_PART, PLAN_F_SEQ, PLAN_F_NAME, PLAN_F_GOAL,
	PLAN_F_OVERVIEW, PLAN_F_DEPTS, PLAN_F_STATUS, PLAN_F_MEASURE };

struct plan_new {
	int		 part;		/* measure: its part (1-9) */
	int		 measure_id;	/* action: its measure */
	int		 seq;		/* 0: the next free number */
	const char	*name;		/* measure name / action title */
	const char	*goal;		/* measure: 施策目標 */
	const char	*overview;	/* measure: 施策概要; action: its text */
	const char	*depts;		/* measure: department codes or names, "," or "、" */
	const char	*status;	/* a status code or label; NULL: not_started */
	int		 fy;		/* the fiscal year of the addition */
};

/*
 * Add a measure (with its departments, in one transaction) or a concrete action: no
 * 計画当初 text, added_fy = fy. The policies let only IT staff (admin) do it. Returns
 * 0 with *id (and *seq) set, or -1 with *cause and *bad naming the input at fault.
 */
int	plan_measure_add(struct db *, const struct plan_new *, int *id, int *seq,
	    enum plan_field *bad, char **cause);
int	plan_action_add(struct db *, const struct plan_new *, int *id, int *seq,
	    enum plan_field *bad, char **cause);

/* The label of an addition: 「追加 (令和8年度)」 / "added (FY2026)"; into buf. */
const char *plan_added_label(int fy, char *buf, size_t len);

/* One phase bar as stored now. 0 or -1 with *cause. */
int	plan_phase_get(struct db *, int id, struct plan_phase *, char **cause);
/*
 * Move or resize a bar: fiscal years and months (0: the year's first/last month, i.e.
 * NULL), carrying the version read. 0, STORE_STALE, or -1 with *cause (refused by the
 * policies, outside FY2026-FY2031).
 */
int	plan_phase_set(struct db *, int id, int fy_from, int fy_to, int month_from,
	    int month_to, int version, char **cause);

/* Is s a decimal number as PostgreSQL numeric takes it ("12", "-3.5", "1e3" no)? */
int	plan_is_number(const char *s);

#endif
