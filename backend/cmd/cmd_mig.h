/*
 * cmd_mig — helpers the migration commands share (cmd_mig.c, cmd_mig_io.c, cmd_risks.c).
 */
#ifndef RASHIN_CMD_MIG_H
#define RASHIN_CMD_MIG_H

#include "backend/cmd/cmd.h"
#include "backend/lib/fy.h"

/*
 * Today from the subcommand's --today DATE, else $RASHIN_TODAY, else the local clock;
 * -1 with a message.
 */
int		 cmd_mig_today(struct cmd_ctx *, struct fy_date *);
/* Parse a date (ISO or 和暦) into "YYYY-MM-DD" (11 bytes); 0 or -1 with cause. */
int		 cmd_mig_date(const char *s, char iso[11], char **cause);
/* Print a write's failure: the refusal in words for 42501, a conflict for RS001. */
int		 cmd_mig_write_error(struct cmd_ctx *, const char *what, int sys_id,
		     const char *sqlstate, const char *cause);
/* `mig export` and `mig import` (cmd_mig_io.c). */
int		 cmd_mig_export(struct cmd_ctx *, int argc, char **argv);
int		 cmd_mig_import(struct cmd_ctx *, int argc, char **argv);
/* `mig steps ...` (cmd_mig_steps.c). */
int		 cmd_mig_steps(struct cmd_ctx *, int argc, char **argv);
/* `mig phases [list|add NAME]` (cmd_mig_steps.c). */
int		 cmd_mig_phases(struct cmd_ctx *, int argc, char **argv);

#endif
