/*
 * outcome — SQLSTATEs to outcomes and reasons (see outcome.h). One row per kind of
 * refusal sql/ raises (sql/120_refusal_codes.sql): the code and the sentence the user
 * reads, in English here and in Japanese in po/ja.po. The plan's sentences are in the
 * "plan" context there, as store_plan.c's are.
 */
#include "backend/store/outcome.h"

#include <stdio.h>
#include <string.h>

#include "backend/lib/i18n.h"

static const struct refusal {
	const char	*code;
	int		 plan;		/* msgid in the "plan" context */
	const char	*msg;
} refusals[] = {
	{ DB_SQLSTATE_STALE, 0, N_("stale version: the row was changed by someone else") },
	{ DB_SQLSTATE_DENIED, 0, N_("permission denied: not allowed for your role") },
	/* staff */
	{ DB_SQLSTATE_LAST_ADMIN, 0, N_("the last active admin cannot be removed") },
	{ DB_SQLSTATE_ROLE_CHANGE, 0, N_("only an admin may change roles") },
	/* departments (sql/130_rules.sql) */
	{ "RS203", 0, N_("a department code is 1-32 letters, digits, _ or -") },
	{ "RS204", 0, N_("a department name is 1-100 characters") },
	{ "RS205", 0, N_("a department's kana is at most 200 characters") },
	/* the plan: the evaluation workflow, the 計画当初 text */
	{ "RS301", 1, NP_("plan", "the evaluation is published and cannot be deleted") },
	{ "RS302", 1, NP_("plan", "the evaluation is published and read-only; a correction is a new revision (eval revise)") },
	{ "RS303", 1, NP_("plan", "out of order: only a published evaluation can be revised") },
	{ "RS304", 1, NP_("plan", "a revision is numbered one more than the revision it supersedes") },
	{ "RS305", 1, NP_("plan", "this revision already has a newer revision") },
	{ DB_SQLSTATE_EVAL_EXISTS, 1, NP_("plan", "this measure already has an evaluation for the year; a new one must be a revision") },
	{ "RS307", 1, NP_("plan", "an evaluation's measure, year and revision cannot change") },
	{ "RS308", 1, NP_("plan", "the 2nd evaluation is submitted; the 1st evaluation can no longer change") },
	{ "RS309", 1, NP_("plan", "permission denied: only the measure's department (lead) or IT staff may write the 1st evaluation") },
	{ "RS310", 1, NP_("plan", "permission denied: only the DX council / CIO adviser (auditor) may write the 2nd evaluation and comments") },
	{ "RS311", 1, NP_("plan", "permission denied: only IT staff (admin) publish evaluations") },
	{ "RS312", 1, NP_("plan", "out of order: the 2nd evaluation needs a submitted 1st evaluation") },
	{ "RS313", 1, NP_("plan", "out of order: publication needs a submitted 2nd evaluation") },
	{ "RS314", 1, NP_("plan", "the plan's original text (計画当初) cannot be changed") },
	{ "RS315", 1, NP_("plan", "an addition has no original text (計画当初)") },
	{ DB_SQLSTATE_KPI_COMPUTED, 1, NP_("plan", "this KPI is computed from its domain's records (see: kpi list); its actual is not typed") },
	{ DB_SQLSTATE_KPI_TARGET_COMPUTED, 1, NP_("plan", "this KPI's target is computed from its domain's records (see: kpi list); it is not typed") },
	/* VDI: the request, the account, the MFA secret */
	{ "RS401", 0, N_("VDI request: the declaration that no 特定個人情報 (My Number data) is handled is missing") },
	{ "RS402", 0, N_("VDI request: the period ends before it starts") },
	{ "RS403", 0, N_("VDI request: the period is longer than the maximum (vdi.max_days)") },
	{ "RS404", 0, N_("VDI request: not an active staff member") },
	{ "RS405", 0, N_("VDI request: the manager must be another, active staff member") },
	{ "RS406", 0, N_("VDI request: the request being renewed is not theirs") },
	{ "RS407", 0, N_("VDI request: a new request starts in state requested") },
	{ "RS408", 0, N_("VDI request: already decided; nothing more can happen to it (a renewal is a new request)") },
	{ "RS409", 0, N_("VDI request: only a request in state requested can be edited") },
	{ "RS410", 0, N_("VDI request: the manager's approval is already recorded") },
	{ "RS411", 0, N_("VDI request: approvals are recorded only by the approval steps") },
	{ "RS412", 0, N_("VDI request: only IT staff (role admin) may record approvals or reject") },
	{ "RS413", 0, N_("VDI request: the member is no longer an active staff member") },
	{ "RS414", 0, N_("VDI request: the manager's approval must be recorded first") },
	{ "RS415", 0, N_("VDI request: you cannot give IT approval to your own request") },
	{ "RS416", 0, N_("VDI request: this state change is not allowed") },
	{ "RS417", 0, N_("VDI request: provisioning needs an approved request") },
	{ "RS418", 0, N_("VDI request: already provisioned") },
	{ "RS419", 0, N_("VDI request: the member is no longer active") },
	{ "RS420", 0, N_("VDI account: the request, member, validity and provisioning are fixed (a renewal is a new request)") },
	{ "RS421", 0, N_("VDI account: already expired or revoked; nothing more can happen to it") },
	{ "RS422", 0, N_("VDI account: this state change is not allowed") },
	{ "RS423", 0, N_("VDI account: the member is no longer active") },
	{ "RS424", 0, N_("VDI account: MFA enrolment needs an active account") },
	{ "RS425", 0, N_("VDI account: MFA is already enrolled; reset it first (vdi mfa reset)") },
	{ "RS426", 0, N_("VDI account: no MFA enrolment in progress") },
	{ "RS427", 0, N_("VDI account: an MFA reset needs a reason") },
	{ "RS428", 0, N_("VDI account: the enrolment time is set by the enrolment") },
	{ "RS429", 0, N_("VDI account: a new MFA secret needs an active account without MFA enrolled") },
	{ "RS430", 0, N_("VDI account: this code was already used") },
	/* training */
	{ "RS501", 0, N_("course session: full") },
	{ "RS502", 0, N_("attendance: only a participant with a confirmed seat can be marked (not one on the waiting list)") },
	{ "RS503", 0, N_("attendance: the session has not taken place yet") },
	{ "RS504", 0, N_("course: no such category (see: training categories)") },
	{ "RS505", 0, N_("course: the code is 1-32 letters, digits, _ or -") },
	{ "RS506", 0, N_("course: the title is 1-200 characters") },
	/* the migration board */
	{ "RS601", 0, N_("no such phase (see: mig phases; IT staff add one with mig phases add)") },
	{ "RS602", 0, N_("no such kind of entry (課題, リスク or 質問)") },
	/* sessions (sql/147_session_revoke.sql) */
	{ DB_SQLSTATE_SESSION_ENDED, 0, N_("your session has ended: the SSH key it was opened with was revoked or removed, or your account was deactivated; sign in again") },
};

bool
outcome_is(const char *sqlstate, const char *code)
{
	return sqlstate != NULL && code != NULL && strcmp(sqlstate, code) == 0;
}

bool
outcome_own(const char *sqlstate)
{
	return sqlstate != NULL && strncmp(sqlstate, "RS", 2) == 0 && strlen(sqlstate) == 5;
}

enum store_rc
outcome_of(const char *sqlstate)
{
	if (outcome_is(sqlstate, DB_SQLSTATE_STALE))
		return STORE_STALE;
	if (outcome_is(sqlstate, DB_SQLSTATE_NO_DATA))
		return STORE_NOT_FOUND;
	if (outcome_own(sqlstate) || outcome_is(sqlstate, DB_SQLSTATE_DENIED) ||
	    (sqlstate != NULL && strncmp(sqlstate, "23", 2) == 0))
		return STORE_REFUSED;
	return STORE_FAILED;
}

const char *
outcome_message(const char *sqlstate)
{
	size_t i;

	for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
		if (outcome_is(sqlstate, refusals[i].code))
			return refusals[i].plan ? i18n_pgettext("plan", refusals[i].msg) : _(refusals[i].msg);
	return NULL;
}
