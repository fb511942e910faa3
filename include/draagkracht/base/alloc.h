/*
 * alloc.h -- the one door every allocation of the program goes through.
 *
 * The functions behave as their libc namesakes (NULL when memory runs out;
 * callers report that with dk_fail_oom and unwind).  Having one door gives
 * the tests one place to make memory run out: the test runner is linked
 * with `-Wl,--wrap=dk_malloc` (and the others), so tests/alloc_hook.c can
 * fail the N-th allocation and check that every engine unwinds cleanly,
 * without a hook or any mutable state in the program itself.  GSL's own
 * allocations (gsl_matrix_alloc, ...) do not pass here; the code checks
 * their NULL returns just the same.
 */
#ifndef DRAAGKRACHT_BASE_ALLOC_H
#define DRAAGKRACHT_BASE_ALLOC_H

#include <stddef.h>

void *dk_malloc(size_t n);
/* count * size bytes, zeroed; NULL also when the product overflows */
void *dk_calloc(size_t count, size_t size);
void *dk_realloc(void *p, size_t n);
/* A copy of s; NULL when out of memory. */
char *dk_strdup(const char *s);
/* Frees what the functions above gave (NULL is fine). */
void dk_free(void *p);

/* The most an engine keeps before it refuses plainly, rather than let the
 * machine swap: the planner's score tables (bytes), and what simulate and
 * compare keep of every replicate. */
#define DK_MEM_PLAN_TABLES 2e9
#define DK_MEM_REPLICATES 4e9

#endif
