/*
 * alloc_hook.c -- the test runner's side of the one allocation door
 * (base/alloc.h).  The runner is linked with -Wl,--wrap=dk_malloc and the
 * others, so every allocation the library makes passes here first: this
 * file counts them, counts the blocks still live, and can make the N-th
 * call from now fail (once, as a real shortage would: what follows may
 * succeed again).  The state is the runner's, never the program's.
 */
#include <stdatomic.h>
#include <stddef.h>

#include "t.h"

void *__real_dk_malloc(size_t n);
void *__real_dk_calloc(size_t count, size_t size);
void *__real_dk_realloc(void *p, size_t n);
char *__real_dk_strdup(const char *s);
void __real_dk_free(void *p);

void *__wrap_dk_malloc(size_t n);
void *__wrap_dk_calloc(size_t count, size_t size);
void *__wrap_dk_realloc(void *p, size_t n);
char *__wrap_dk_strdup(const char *s);
void __wrap_dk_free(void *p);

static atomic_long calls, live, fail_at, failed;

void t_alloc_arm(long n)
{
    atomic_store(&calls, 0);
    atomic_store(&failed, 0);
    atomic_store(&fail_at, n);
}

long t_alloc_calls(void)
{
    return atomic_load(&calls);
}

long t_alloc_live(void)
{
    return atomic_load(&live);
}

int t_alloc_failed(void)
{
    return atomic_load(&failed) != 0;
}

/* 1 when this call is the one to fail. */
static int fail_now(void)
{
    long k = atomic_fetch_add(&calls, 1) + 1;
    if (k != atomic_load(&fail_at))
        return 0;
    atomic_store(&failed, 1);
    return 1;
}

static void *counted(void *p)
{
    if (p)
        atomic_fetch_add(&live, 1);
    return p;
}

void *__wrap_dk_malloc(size_t n)
{
    return fail_now() ? NULL : counted(__real_dk_malloc(n));
}

void *__wrap_dk_calloc(size_t count, size_t size)
{
    return fail_now() ? NULL : counted(__real_dk_calloc(count, size));
}

void *__wrap_dk_realloc(void *p, size_t n)
{
    if (fail_now())
        return NULL;
    void *q = __real_dk_realloc(p, n);
    return p ? q : counted(q);
}

char *__wrap_dk_strdup(const char *s)
{
    return fail_now() ? NULL : counted(__real_dk_strdup(s));
}

void __wrap_dk_free(void *p)
{
    if (p)
        atomic_fetch_sub(&live, 1);
    __real_dk_free(p);
}
