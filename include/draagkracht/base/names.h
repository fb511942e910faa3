/*
 * names.h -- a set of names with the line and ordinal each was added
 * with: the INI reader's section names and keys, a class list's classes.
 * Lookups take constant time, so files of any size read in linear time.
 * An epoch empties the set in constant time (a new section's keys, a new
 * school's classes).
 */
#ifndef DRAAGKRACHT_NAMES_H
#define DRAAGKRACHT_NAMES_H

typedef struct dk_names dk_names;

/* An empty set in epoch 1; NULL when out of memory. */
dk_names *dk_names_new(void);
void dk_names_free(dk_names *t);
/* Moving to another epoch forgets every name (their memory is reused). */
void dk_names_epoch(dk_names *t, int epoch);
/* Adds s: 0 when it is new, else the line it was first added with (> 0
 * for a line number); -1 when out of memory. */
int dk_names_add(dk_names *t, const char *s, int line, int ordinal);
/* s's ordinal (and *line, unless NULL), or -1 when s is not in the set. */
int dk_names_find(const dk_names *t, const char *s, int *line);

#endif
