/*
 * identity — who is acting: set once at login (SSH) or by --as (local). The database knows
 * the member from the session it opened at login (session, carried into every
 * transaction as rashin.session: backend/store/session.h), never from these fields, so
 * row-level security decides whatever a process says it is.
 */
#ifndef RASHIN_IDENTITY_H
#define RASHIN_IDENTITY_H

struct identity {
	int	 staff_id;
	char	 login[33];
	char	 name[128];
	char	 role[16];	/* admin, lead, trainer, auditor, readonly */
	int	 dept_id;
	char	 dept_name[128];
	char	 lang[8];	/* "ja" or "en": UI language chosen for this session */
	char	 source[64];	/* "local" or the SSH client's address */
	char	 fingerprint[64];	/* the SSH key the session logged in with ("" local) */
	char	 session[65];	/* the database session's secret (64 hex digits) */
};

#endif
