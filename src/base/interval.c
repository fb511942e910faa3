/*
 * interval.c -- central intervals of a sample (interval.h).
 */
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/interval.h"

/*
 * The f-quantile as gsl_stats_quantile_from_sorted_data gives it from
 * sorted data (interpolated between the order statistics at floor and
 * ceiling of f (n - 1)), from those two order statistics found by
 * selection: a plan's details take 10^4 intervals of 10^3 draws, and
 * sorting each was most of a board's answer.  The same numbers.
 */
static double quantile(double *x, size_t n, double f)
{
    double index = f * (double)(n - 1);
    size_t lhs = (size_t)index;
    double delta = index - (double)lhs, lo = gsl_stats_select(x, 1, n, lhs);
    if (lhs == n - 1)
        return lo;
    return (1 - delta) * lo + delta * gsl_stats_select(x, 1, n, lhs + 1);
}

void dk_interval(double *x, size_t n, double tail, double *lo, double *hi)
{
    *lo = quantile(x, n, tail);
    *hi = quantile(x, n, 1 - tail);
}
