/*
 * store_vdi — telework VDI accounts in PostgreSQL: requests, approvals, accounts, MFA
 * secrets, events. Commands and screens share these; the rules themselves (state
 * machine, roles, the period limit) live in the database (sql/030_vdi_ext.sql). The
 * writes answer with an enum store_rc (outcome.h): a refusal is STORE_REFUSED with its
 * reason, picked by the refusal's code, in *cause; the console and the commands say it.
 * IDs are request ids throughout: an account is reached through its request.
 * Dates are "YYYY-MM-DD"; a NULL today means the database's current_date.
 */
#ifndef RASHIN_STORE_VDI_H
#define RASHIN_STORE_VDI_H

#include <stdint.h>

#include "backend/store/outcome.h"

struct db;

struct vdi_row {
	int	 id;		/* request id */
	char	*login;
	char	*name;
	char	*state;		/* the account's state once provisioned, else the request's */
	char	*period_from;	/* validity once provisioned, else the requested period */
	char	*period_to;
	int	 has_days;	/* days_left is meaningful (active or suspended account) */
	int	 days_left;	/* valid_to - today; 0 = last day */
	char	*mfa;		/* none, pending, enrolled, or "" before provisioning */
	char	*username;	/* VDI username, "" before provisioning */
	char	*pool;
	char	*device;
	char	*manager;	/* manager's login or "" */
	char	*note;		/* why: rejection reason, suspension/revocation/expiry reason */
};

struct vdi_list {
	struct vdi_row	*rows;
	int		 n;
};

struct vdi_request_in {
	const char	*login;		/* for whom; NULL = yourself */
	const char	*reason;
	const char	*work;
	int		 declared;	/* no 特定個人情報 handled */
	const char	*from, *to;	/* YYYY-MM-DD */
	const char	*device;	/* NULL = none */
	const char	*manager;	/* manager's login, NULL = none */
	int		 renews;	/* request id renewed, 0 = none */
	int		 max_days;	/* vdi.max_days */
};

struct vdi_event_row {
	char	*at;
	char	*event;
	char	*actor;
	char	*detail;
};

/* The known states, for validating --state: request and account states. */
int	 store_vdi_state_known(const char *);

/* state: "" = all. expiring_days >= 0: only active accounts ending within that many days. */
int	 store_vdi_list(struct db *, const char *state, const char *today, int expiring_days,
	     struct vdi_list *, char **cause);
void	 store_vdi_list_free(struct vdi_list *);

enum store_rc	 store_vdi_request(struct db *, const struct vdi_request_in *, int *id,
	     char **cause);
/* manager_step: record the manager's approval; else the IT approval. */
enum store_rc	 store_vdi_approve(struct db *, int id, int manager_step, const char *comment,
	     char **cause);
enum store_rc	 store_vdi_reject(struct db *, int id, const char *reason, char **cause);
enum store_rc	 store_vdi_provision(struct db *, int id, const char *username, const char *pool,
	     char **cause);
/* state: "suspended" (reason), "active" (resume), "revoked" (reason). */
enum store_rc	 store_vdi_set_state(struct db *, int id, const char *state, const char *reason,
	     char **cause);
/*
 * Expire every active or suspended account whose valid_to is before today; fn is called
 * with each (request id, login, valid_to). Returns the number expired, or -1.
 */
int	 store_vdi_sweep(struct db *, const char *today,
	     void (*fn)(void *, int, const char *, const char *), void *arg, char **cause);
/* Record an export in format of the accounts in state ("" any) in the audit chain (an
 * EVENT entry with their number), before the export writes its first row. */
int	 store_vdi_export_event(struct db *, const char *state, const char *format,
	     char **cause);
/* The accounts (with a VDI user name) in state ("" any), to x (store_export.h): user name,
 * login, name, pool, valid from, valid to, state, MFA state, request id. */
struct store_export;
int	 store_vdi_export(struct db *, const char *state, struct store_export *x, char **cause);
/* The request/approval/account history of one request, oldest first. */
int	 store_vdi_history(struct db *, int id, struct vdi_event_row **, int *n, char **cause);
void	 store_vdi_history_free(struct vdi_event_row *, int n);

/*
 * MFA. key: the secretbox key (vdi.key_file). start generates and stores a new secret
 * and hands back its base32 and otpauth URI (allocated) — the only time they leave
 * rashin. confirm checks code at unix time now (+-1 step) and marks the enrolment done.
 */
int	 store_vdi_mfa_start(struct db *, const unsigned char *key, int id, char **login,
	     char **b32, char **uri, char **cause);
int	 store_vdi_mfa_confirm(struct db *, const unsigned char *key, int id, const char *code,
	     uint64_t now, char **cause);
/* Reset the MFA of LOGIN's current (active or suspended) account. */
enum store_rc	 store_vdi_mfa_reset(struct db *, const char *login, const char *reason, int *id,
	     char **cause);

#endif
