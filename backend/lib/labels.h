/*
 * labels — the UI words for codes stored in the database (roles, statuses). The database
 * keeps English codes; people see these, in the session's language.
 */
#ifndef RASHIN_LABELS_H
#define RASHIN_LABELS_H

#include <stddef.h>

/* The label for a role code ("admin" -> "IT staff" / 情報主管部門); unknown codes as given. */
const char	*label_role(const char *code);

/* "yes" and "no" in the UI language; anything else as given. */
const char	*label_yes(const char *code);
/* A VDI request's or account's state ("manager_approved" -> 所属長承認済み). */
const char	*label_vdi_state(const char *code);
/* A VDI history event ("request.approved" -> 申請: 承認済み・発行待ち), in buf when composed. */
const char	*label_vdi_event(const char *code, char *buf, size_t len);
/* A reason the database writes itself ("staff deactivated"); other text as given. */
const char	*label_vdi_reason(const char *text);

/* The audit trail's table ("mig_status" -> 移行手順の状態) and action ("UPDATE" -> 変更). */
const char	*label_audit_table(const char *code);
const char	*label_audit_action(const char *code);
/* A column of an audited row ("dept_id" -> 所属); an unknown one as given. */
const char	*label_audit_column(const char *code);

#endif
