/*
 * bench.h -- what the C benchmarks in tools/ share: a wall clock and a
 * cheap deterministic generator for their inputs.
 */
#ifndef DRAAGKRACHT_BENCH_H
#define DRAAGKRACHT_BENCH_H

#include <stdint.h>
#include <time.h>

static inline double bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Marsaglia's xorshift64: inputs, not statistics, so quality is moot. */
static inline uint64_t bench_next(uint64_t *z)
{
    *z ^= *z << 13;
    *z ^= *z >> 7;
    *z ^= *z << 17;
    return *z;
}

#endif
