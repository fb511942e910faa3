/*
 * interval.c -- central intervals of a sample (interval.h).
 */
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/interval.h"

void dk_interval(double *x, size_t n, double tail, double *lo, double *hi)
{
    gsl_sort(x, 1, n);
    *lo = gsl_stats_quantile_from_sorted_data(x, 1, n, tail);
    *hi = gsl_stats_quantile_from_sorted_data(x, 1, n, 1 - tail);
}
