/*
 * screens — the registry: every screen of the console declared once. The `:` command
 * names (and aliases), the help screen's command list and the keys that open a screen
 * all come from this list. A screen not written yet has NULL ops: `:name` says it is
 * coming. When a screen lands, declare its ops in its own header (screens/NAME.h),
 * include that below and put them in its line.
 */
#ifndef RASHIN_SCREENS_H
#define RASHIN_SCREENS_H

#include <stddef.h>

#include "backend/lib/i18n.h"
#include "screens/audit.h"
#include "screens/dashboard.h"
#include "screens/depts.h"
#include "screens/eval.h"
#include "screens/keys.h"
#include "screens/measures.h"
#include "screens/mig.h"
#include "screens/risks.h"
#include "screens/schedule.h"
#include "screens/staff.h"
#include "screens/training.h"
#include "screens/vdi.h"
#include "tui/screen.h"

#define SCREEN_INFO(X) \
	/*  name        aliases                 title                                  action         ops */ \
	X("dash",      "dashboard home",       N_("Dashboard"),                       GO_DASHBOARD, &dashboard_ops) \
	X("measures",  "plan catalogue",       N_("Measures"),                        GO_MEASURES,  &measures_ops) \
	X("schedule",  "gantt",                N_("Schedule"),                        GO_SCHEDULE,  &schedule_ops) \
	X("eval",      "evaluation pdca",      N_("Evaluations"),                     GO_EVAL,      &eval_ops) \
	X("mig",       "migration",            N_("Standardisation migration"),       GO_MIG,       &mig_ops) \
	X("risks",     "issues",               N_("Migration issues and risks"),      GO_RISKS,     &risks_ops) \
	X("vdi",       "telework",             N_("Telework VDI"),                    GO_VDI,       &vdi_ops) \
	X("training",  "courses",              N_("Training"),                        GO_TRAINING,  &training_ops) \
	X("staff",     "people",               N_("Staff"),                           GO_STAFF,     &staff_ops) \
	X("depts",     "departments",          N_("Departments"),                     GO_DEPTS,     &depts_ops) \
	X("keys",      "sshkeys",              N_("SSH keys"),                        GO_KEYS,      &keys_ops) \
	X("audit",     "log",                  N_("Audit trail"),                     GO_AUDIT,     &audit_ops)

extern const struct screen_info	 screens_registry[];
extern const size_t		 screens_count;

#endif
