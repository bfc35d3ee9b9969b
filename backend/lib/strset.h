/*
 * strset — a set of strings, each with an int (an import's keys with the line they were
 * first seen on, to name a duplicate). Open addressing; grows as needed.
 */
#ifndef RASHIN_STRSET_H
#define RASHIN_STRSET_H

struct strset;

struct strset	*strset_new(void);
/* Add key with value: 0 when added; 1 when it was there (*old gets its value). */
int		 strset_add(struct strset *, const char *key, int value, int *old);
void		 strset_free(struct strset *);

#endif
