/*
 * cmd_vdi — the `vdi` command, split in two files: cmd_vdi.c (dispatch, lists, sweep,
 * export) and cmd_vdi_life.c (request, approvals, account changes, MFA).
 */
#ifndef RASHIN_CMD_VDI_H
#define RASHIN_CMD_VDI_H

struct cmd_ctx;

/* A request id ("12"); -1 after printing an error when it is not one. */
int	vdi_id(struct cmd_ctx *, const char *);
/* Parse a date (ISO or 和暦, backend/fy.h) into iso (32 bytes); -1 after printing. */
int	vdi_date(struct cmd_ctx *, const char *what, const char *s, char iso[32]);

int	vdi_request(struct cmd_ctx *, int argc, char **argv);
int	vdi_approve(struct cmd_ctx *, int argc, char **argv);
int	vdi_reject(struct cmd_ctx *, int argc, char **argv);
int	vdi_provision(struct cmd_ctx *, int argc, char **argv);
int	vdi_state(struct cmd_ctx *, int argc, char **argv);	/* suspend, resume, revoke */
int	vdi_mfa(struct cmd_ctx *, int argc, char **argv);

#endif
