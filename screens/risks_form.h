/*
 * risks_form — the `:risks` screen's forms: adding an entry (the system picked among
 * those the member may write), editing one (the status chosen from a list, the
 * description too), a comment, a close with its note. screens/risks.c opens them and
 * saves through backend/store/store_risk.c.
 */
#ifndef RASHIN_RISKS_FORM_H
#define RASHIN_RISKS_FORM_H

#include "tui/form.h"

extern const struct form_field_def	risks_add_fields[];
extern const int			risks_nadd_fields;
extern const struct form_field_def	risks_edit_fields[];
extern const int			risks_nedit_fields;
extern const struct form_field_def	risks_comment_fields[];
extern const struct form_field_def	risks_close_fields[];
extern const int			risks_nclose_fields;

#endif
