/*
 * labels — the UI words for codes stored in the database (roles, statuses). The database
 * keeps English codes; people see these, in the session's language.
 */
#ifndef RASHIN_LABELS_H
#define RASHIN_LABELS_H

/* The label for a role code ("admin" -> "IT staff" / 情報主管部門); unknown codes as given. */
const char	*label_role(const char *code);

#endif
