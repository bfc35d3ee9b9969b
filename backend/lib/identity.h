/*
 * identity — who is acting: set once at login (SSH) or by --as (local), then carried into
 * every database transaction (SET LOCAL rashin.staff_id) so row-level security decides.
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
};

#endif
