/*
 * alloc.c -- the one door for allocations (see alloc.h for why).  Each
 * function is a thin call of libc's, kept out of line so that the test
 * runner's linker can wrap it.
 */
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"

void *dk_malloc(size_t n)
{
    return malloc(n ? n : 1);
}

void *dk_calloc(size_t count, size_t size)
{
    return calloc(count ? count : 1, size ? size : 1);
}

void *dk_realloc(void *p, size_t n)
{
    return realloc(p, n ? n : 1);
}

char *dk_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p)
        memcpy(p, s, n);
    return p;
}

void dk_free(void *p)
{
    free(p);
}
