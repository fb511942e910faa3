/*
 * interval.h -- the central interval of a sample, the one way every
 * command reports uncertainty ("mean 90 %", "teacher 90 %").
 */
#ifndef DRAAGKRACHT_INTERVAL_H
#define DRAAGKRACHT_INTERVAL_H

#include <stddef.h>

/* The points with a share tail of x[0..n) below and above them (n >= 1):
 * GSL's quantiles of sorted data at tail and 1 - tail (interpolated
 * between order statistics), found by selection; x is reordered. */
void dk_interval(double *x, size_t n, double tail, double *lo, double *hi);

/* The 90 % interval: the 5 and 95 % points. */
static inline void dk_interval90(double *x, size_t n, double *lo, double *hi)
{
    dk_interval(x, n, 0.05, lo, hi);
}

#endif
