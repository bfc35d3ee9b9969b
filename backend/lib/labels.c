/*
 * labels — code to label tables, translated with gettext.
 */
#include "backend/lib/labels.h"

#include <stdio.h>
#include <string.h>

#include "backend/lib/i18n.h"
#include "backend/lib/util.h"

struct label {
	const char	*code;
	const char	*text;
};

static const struct label roles[] = {
	{ "admin", N_("Administrator") },
	{ "lead", N_("Project lead") },
	{ "trainer", N_("Trainer") },
	{ "auditor", N_("Auditor") },
	{ "readonly", N_("Read only") },
};

static const char *
lookup(const struct label *v, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return _(v[i].text);
	return code;
}

const char *
label_role(const char *code)
{
	return lookup(roles, nitems(roles), code);
}

static const struct label vdi_states[] = {
	{ "requested", N_("requested") },
	{ "manager_approved", N_("manager approved") },
	{ "approved", N_("approved, to provision") },
	{ "rejected", N_("rejected") },
	{ "withdrawn", N_("withdrawn") },
	{ "scheduled", N_("scheduled (not yet valid)") },
	{ "active", N_("active") },
	{ "suspended", N_("suspended") },
	{ "expired", N_("expired") },
	{ "revoked", N_("revoked") },
	{ "none", N_("not enrolled") },
	{ "pending", N_("enrolling") },
	{ "enrolled", N_("enrolled") },
};

const char *
label_vdi_state(const char *code)
{
	return lookup(vdi_states, nitems(vdi_states), code);
}

static const struct label vdi_events[] = {
	{ "mfa.started", N_("MFA enrolment started") },
	{ "mfa.enrolled", N_("MFA enrolled") },
	{ "mfa.reset", N_("MFA was reset") },
	{ "account.provisioned", N_("account provisioned") },
};

const char *
label_vdi_event(const char *code, char *buf, size_t len)
{
	const char *t = lookup(vdi_events, nitems(vdi_events), code);

	if (t != code)
		return t;
	if (strncmp(code, "request.", 8) == 0)
		snprintf(buf, len, "%s: %s", i18n_pgettext("vdi", "request"),
		    label_vdi_state(code + 8));
	else if (strncmp(code, "account.", 8) == 0)
		snprintf(buf, len, "%s: %s", i18n_pgettext("vdi", "account"),
		    label_vdi_state(code + 8));
	else
		return code;
	return buf;
}

static const struct label vdi_reasons[] = {
	{ "staff deactivated", N_("the member was deactivated") },
};

const char *
label_vdi_reason(const char *text)
{
	return lookup(vdi_reasons, nitems(vdi_reasons), text);
}

const char *
label_yes(const char *code)
{
	return strcmp(code, "yes") == 0 ? _("yes") : strcmp(code, "no") == 0 ? _("no") : code;
}

static const struct label audit_tables[] = {
	{ "action", NP_("audit table", "concrete action") },
	{ "attendance", NP_("audit table", "attendance") },
	{ "certificate", NP_("audit table", "certificate") },
	{ "certificate_counter", NP_("audit table", "certificate number") },
	{ "course", NP_("audit table", "course") },
	{ "course_session", NP_("audit table", "course session") },
	{ "department", NP_("audit table", "department") },
	{ "dx_candidate", NP_("audit table", "DX leader candidate") },
	{ "dx_target", NP_("audit table", "DX leader target") },
	{ "enrolment", NP_("audit table", "enrolment") },
	{ "evaluation", NP_("audit table", "evaluation") },
	{ "exam_score", NP_("audit table", "exam score") },
	{ "hearing", NP_("audit table", "hearing") },
	{ "kpi", NP_("audit table", "KPI") },
	{ "kpi_value", NP_("audit table", "KPI value") },
	{ "measure", NP_("audit table", "measure") },
	{ "measure_dept", NP_("audit table", "measure's department") },
	{ "measure_phase", NP_("audit table", "measure's phase") },
	{ "mig_due", NP_("audit table", "migration due date") },
	{ "mig_phase", NP_("audit table", "migration phase") },
	{ "mig_progress", NP_("audit table", "migration progress") },
	{ "mig_risk", NP_("audit table", "migration issue/risk") },
	{ "mig_risk_comment", NP_("audit table", "issue/risk comment") },
	{ "mig_status", NP_("audit table", "migration step status") },
	{ "mig_status_history", NP_("audit table", "migration status history") },
	{ "mig_step", NP_("audit table", "migration step") },
	{ "mig_system", NP_("audit table", "business system") },
	{ "milestone", NP_("audit table", "milestone") },
	{ "plan_part", NP_("audit table", "plan part") },
	{ "rs_label", NP_("audit table", "label") },
	{ "ssh_key", NP_("audit table", "SSH key") },
	{ "staff", NP_("audit table", "staff member") },
	{ "staff_dept_history", NP_("audit table", "department history") },
	{ "vdi_account", NP_("audit table", "VDI account") },
	{ "vdi_event", NP_("audit table", "VDI event") },
	{ "vdi_mfa_secret", NP_("audit table", "VDI MFA secret") },
	{ "vdi_request", NP_("audit table", "VDI request") },
	{ "vendor", NP_("audit table", "vendor") },
	{ "session", NP_("audit table", "session") },
	{ "rs_session", NP_("audit table", "sign-in session") },
};

static const struct label audit_actions[] = {
	{ "INSERT", NP_("audit action", "added") },
	{ "UPDATE", NP_("audit action", "changed") },
	{ "DELETE", NP_("audit action", "deleted") },
	{ "LOGIN", NP_("audit action", "logged in") },
	{ "LOGIN_FAILED", NP_("audit action", "login failed") },
	{ "LOGOUT", NP_("audit action", "logged out") },
	{ "EVENT", NP_("audit action", "event") },
};

/* lookup() in a gettext context */
static const char *
lookup_ctx(const struct label *v, size_t n, const char *ctx, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].code, code) == 0)
			return i18n_pgettext(ctx, v[i].text);
	return code;
}

const char *
label_audit_table(const char *code)
{
	return lookup_ctx(audit_tables, nitems(audit_tables), "audit table", code);
}

const char *
label_audit_action(const char *code)
{
	return lookup_ctx(audit_actions, nitems(audit_actions), "audit action", code);
}

static const struct label audit_columns[] = {
	{ "account_id", NP_("audit column", "account_id") },
	{ "action", NP_("audit column", "action") },
	{ "action_id", NP_("audit column", "action_id") },
	{ "active", NP_("audit column", "active") },
	{ "actor_id", NP_("audit column", "actor_id") },
	{ "actual", NP_("audit column", "actual") },
	{ "actual_cutover", NP_("audit column", "actual_cutover") },
	{ "actual_end", NP_("audit column", "actual_end") },
	{ "added_at", NP_("audit column", "added_at") },
	{ "added_by", NP_("audit column", "added_by") },
	{ "added_fy", NP_("audit column", "added_fy") },
	{ "after", NP_("audit column", "after") },
	{ "approve_comment", NP_("audit column", "approve_comment") },
	{ "approved_at", NP_("audit column", "approved_at") },
	{ "approved_by", NP_("audit column", "approved_by") },
	{ "at", NP_("audit column", "at") },
	{ "attendees", NP_("audit column", "attendees") },
	{ "audience", NP_("audit column", "audience") },
	{ "author_id", NP_("audit column", "author_id") },
	{ "baseline", NP_("audit column", "baseline") },
	{ "baseline_fy", NP_("audit column", "baseline_fy") },
	{ "before", NP_("audit column", "before") },
	{ "bits", NP_("audit column", "bits") },
	{ "by", NP_("audit column", "by") },
	{ "body", NP_("audit column", "body") },
	{ "capacity", NP_("audit column", "capacity") },
	{ "category", NP_("audit column", "category") },
	{ "cert_no", NP_("audit column", "cert_no") },
	{ "cert_prefix", NP_("audit column", "cert_prefix") },
	{ "changed_at", NP_("audit column", "changed_at") },
	{ "changed_by", NP_("audit column", "changed_by") },
	{ "cio_at", NP_("audit column", "cio_at") },
	{ "cio_by", NP_("audit column", "cio_by") },
	{ "cio_comment", NP_("audit column", "cio_comment") },
	{ "code", NP_("audit column", "code") },
	{ "comment", NP_("audit column", "comment") },
	{ "contact", NP_("audit column", "contact") },
	{ "course_id", NP_("audit column", "course_id") },
	{ "created_at", NP_("audit column", "created_at") },
	{ "created_by", NP_("audit column", "created_by") },
	{ "dept_id", NP_("audit column", "dept_id") },
	{ "description", NP_("audit column", "description") },
	{ "device_id", NP_("audit column", "device_id") },
	{ "doing", NP_("audit column", "doing") },
	{ "domain", NP_("audit column", "domain") },
	{ "done_on", NP_("audit column", "done_on") },
	{ "due", NP_("audit column", "due") },
	{ "e1_achievements", NP_("audit column", "e1_achievements") },
	{ "e1_by", NP_("audit column", "e1_by") },
	{ "e1_grade", NP_("audit column", "e1_grade") },
	{ "e1_issues", NP_("audit column", "e1_issues") },
	{ "e1_next", NP_("audit column", "e1_next") },
	{ "e1_submitted_at", NP_("audit column", "e1_submitted_at") },
	{ "e2_by", NP_("audit column", "e2_by") },
	{ "e2_findings", NP_("audit column", "e2_findings") },
	{ "e2_grade", NP_("audit column", "e2_grade") },
	{ "e2_instruction", NP_("audit column", "e2_instruction") },
	{ "e2_submitted_at", NP_("audit column", "e2_submitted_at") },
	{ "ends_at", NP_("audit column", "ends_at") },
	{ "enrolled_at", NP_("audit column", "enrolled_at") },
	{ "event", NP_("audit column", "event") },
	{ "expires_at", NP_("audit column", "expires_at") },
	{ "fingerprint", NP_("audit column", "fingerprint") },
	{ "finished", NP_("audit column", "finished") },
	{ "from_at", NP_("audit column", "from_at") },
	{ "fy", NP_("audit column", "fy") },
	{ "fy_from", NP_("audit column", "fy_from") },
	{ "fy_to", NP_("audit column", "fy_to") },
	{ "goal", NP_("audit column", "goal") },
	{ "grade", NP_("audit column", "grade") },
	{ "hash", NP_("audit column", "hash") },
	{ "held_on", NP_("audit column", "held_on") },
	{ "higher_is_better", NP_("audit column", "higher_is_better") },
	{ "hosting", NP_("audit column", "hosting") },
	{ "hours", NP_("audit column", "hours") },
	{ "id", NP_("audit column", "id") },
	{ "impact", NP_("audit column", "impact") },
	{ "is_it", NP_("audit column", "is_it") },
	{ "is_manager", NP_("audit column", "is_manager") },
	{ "issued_at", NP_("audit column", "issued_at") },
	{ "kana", NP_("audit column", "kana") },
	{ "key", NP_("audit column", "key") },
	{ "key_type", NP_("audit column", "key_type") },
	{ "kind", NP_("audit column", "kind") },
	{ "kpi_id", NP_("audit column", "kpi_id") },
	{ "label_en", NP_("audit column", "label_en") },
	{ "label_ja", NP_("audit column", "label_ja") },
	{ "lang", NP_("audit column", "lang") },
	{ "last", NP_("audit column", "last") },
	{ "last_step", NP_("audit column", "last_step") },
	{ "last_used", NP_("audit column", "last_used") },
	{ "late_counts", NP_("audit column", "late_counts") },
	{ "likelihood", NP_("audit column", "likelihood") },
	{ "login", NP_("audit column", "login") },
	{ "manager_at", NP_("audit column", "manager_at") },
	{ "manager_by", NP_("audit column", "manager_by") },
	{ "manager_comment", NP_("audit column", "manager_comment") },
	{ "manager_id", NP_("audit column", "manager_id") },
	{ "mandatory", NP_("audit column", "mandatory") },
	{ "marked_at", NP_("audit column", "marked_at") },
	{ "marked_by", NP_("audit column", "marked_by") },
	{ "measure_id", NP_("audit column", "measure_id") },
	{ "mfa_enrolled_at", NP_("audit column", "mfa_enrolled_at") },
	{ "mfa_reason", NP_("audit column", "mfa_reason") },
	{ "mfa_secret_enc", NP_("audit column", "mfa_secret_enc") },
	{ "mfa_state", NP_("audit column", "mfa_state") },
	{ "month_from", NP_("audit column", "month_from") },
	{ "month_to", NP_("audit column", "month_to") },
	{ "name", NP_("audit column", "name") },
	{ "new_status", NP_("audit column", "new_status") },
	{ "no_personal_data", NP_("audit column", "no_personal_data") },
	{ "note", NP_("audit column", "note") },
	{ "notes", NP_("audit column", "notes") },
	{ "old_status", NP_("audit column", "old_status") },
	{ "online", NP_("audit column", "online") },
	{ "orig_body", NP_("audit column", "orig_body") },
	{ "orig_goal", NP_("audit column", "orig_goal") },
	{ "orig_name", NP_("audit column", "orig_name") },
	{ "orig_overview", NP_("audit column", "orig_overview") },
	{ "orig_title", NP_("audit column", "orig_title") },
	{ "overview", NP_("audit column", "overview") },
	{ "owner_id", NP_("audit column", "owner_id") },
	{ "parent_id", NP_("audit column", "parent_id") },
	{ "part_id", NP_("audit column", "part_id") },
	{ "pass_mark", NP_("audit column", "pass_mark") },
	{ "period_from", NP_("audit column", "period_from") },
	{ "period_to", NP_("audit column", "period_to") },
	{ "phase", NP_("audit column", "phase") },
	{ "place", NP_("audit column", "place") },
	{ "planned_cutover", NP_("audit column", "planned_cutover") },
	{ "planned_end", NP_("audit column", "planned_end") },
	{ "planned_start", NP_("audit column", "planned_start") },
	{ "pool", NP_("audit column", "pool") },
	{ "prefix", NP_("audit column", "prefix") },
	{ "prev_hash", NP_("audit column", "prev_hash") },
	{ "product", NP_("audit column", "product") },
	{ "provisioned_at", NP_("audit column", "provisioned_at") },
	{ "provisioned_by", NP_("audit column", "provisioned_by") },
	{ "published_at", NP_("audit column", "published_at") },
	{ "published_by", NP_("audit column", "published_by") },
	{ "reason", NP_("audit column", "reason") },
	{ "reject_reason", NP_("audit column", "reject_reason") },
	{ "rejected_at", NP_("audit column", "rejected_at") },
	{ "rejected_by", NP_("audit column", "rejected_by") },
	{ "renews", NP_("audit column", "renews") },
	{ "request_id", NP_("audit column", "request_id") },
	{ "requested_by", NP_("audit column", "requested_by") },
	{ "retired", NP_("audit column", "retired") },
	{ "revision", NP_("audit column", "revision") },
	{ "revoke_reason", NP_("audit column", "revoke_reason") },
	{ "revoked_at", NP_("audit column", "revoked_at") },
	{ "revoked_by", NP_("audit column", "revoked_by") },
	{ "risk_id", NP_("audit column", "risk_id") },
	{ "role", NP_("audit column", "role") },
	{ "rule_n", NP_("audit column", "rule_n") },
	{ "score", NP_("audit column", "score") },
	{ "secret_enc", NP_("audit column", "secret_enc") },
	{ "seq", NP_("audit column", "seq") },
	{ "server", NP_("audit column", "server") },
	{ "session", NP_("audit column", "session") },
	{ "session_id", NP_("audit column", "session_id") },
	{ "source", NP_("audit column", "source") },
	{ "special_deadline", NP_("audit column", "special_deadline") },
	{ "special_reason", NP_("audit column", "special_reason") },
	{ "special_support", NP_("audit column", "special_support") },
	{ "staff_id", NP_("audit column", "staff_id") },
	{ "starts_at", NP_("audit column", "starts_at") },
	{ "state", NP_("audit column", "state") },
	{ "state_at", NP_("audit column", "state_at") },
	{ "state_reason", NP_("audit column", "state_reason") },
	{ "status", NP_("audit column", "status") },
	{ "step_id", NP_("audit column", "step_id") },
	{ "supersedes", NP_("audit column", "supersedes") },
	{ "system_id", NP_("audit column", "system_id") },
	{ "target", NP_("audit column", "target") },
	{ "target_product", NP_("audit column", "target_product") },
	{ "target_vendor_id", NP_("audit column", "target_vendor_id") },
	{ "tbl", NP_("audit column", "tbl") },
	{ "title", NP_("audit column", "title") },
	{ "to_at", NP_("audit column", "to_at") },
	{ "trainer_id", NP_("audit column", "trainer_id") },
	{ "unit", NP_("audit column", "unit") },
	{ "valid_from", NP_("audit column", "valid_from") },
	{ "valid_fys", NP_("audit column", "valid_fys") },
	{ "valid_to", NP_("audit column", "valid_to") },
	{ "vdi_username", NP_("audit column", "vdi_username") },
	{ "vendor_id", NP_("audit column", "vendor_id") },
	{ "vendor_ref", NP_("audit column", "vendor_ref") },
	{ "version", NP_("audit column", "version") },
	{ "work_kinds", NP_("audit column", "work_kinds") },
};

const char *
label_audit_column(const char *code)
{
	return lookup_ctx(audit_columns, nitems(audit_columns), "audit column", code);
}
