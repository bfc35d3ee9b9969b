/*
 * seed — the demo's writes as the database owner (before any staff member exists to act
 * as): whether there is staff yet, and a demo key for a login. No libpq here.
 */
#ifndef RASHIN_SEED_H
#define RASHIN_SEED_H

struct seed;
struct sshkey_info;

/* A connection as the owner; NULL with *cause. */
struct seed	*seed_open(const char *owner_conninfo, char **cause);
void		 seed_close(struct seed *);
/* 1 when there is any staff member, 0 when none (or the count failed). */
int		 seed_has_staff(struct seed *);
/* Register the key for login (with comment); 0, or -1 with *cause. */
int		 seed_key(struct seed *, const char *login, const struct sshkey_info *,
		    const char *comment, char **cause);

#endif
