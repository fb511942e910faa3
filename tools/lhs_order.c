/*
 * lhs_order.c -- how random the keyed Latin hypercube looks: for 20 seeds
 * and 10 factors, n r^2 of (row number, factor) and of (factor 1, factor
 * f) over a design of n rows.  For random permutations n r^2 is chi-square
 * with one degree of freedom, mean 1 (the mean of 200 has sd 0.1).
 *
 *   build/lhs_order N      (tools/lhs_order.sh builds and runs it)
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/run/sweep.h"

enum { K = 10, SEEDS = 20 };

/* n r^2 of a[i sa] and b[i sb], i < n. */
static double r2n(const double *a, size_t sa, const double *b, size_t sb, long n)
{
    double r = gsl_stats_correlation(a, sa, b, sb, (size_t)n);
    return r * r * (double)n;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 4096;
    dk_model m;
    dk_err e = { 0 };
    double *u = malloc((size_t)n * K * sizeof *u), *row = malloc((size_t)n * sizeof *row);
    if (n < 2 || !u || !row || dk_model_load_default(&m, &e) != 0)
        return 1;
    for (long i = 0; i < n; i++)
        row[i] = (double)i;
    double by_row = 0, by_factor = 0;
    for (int seed = 1; seed <= SEEDS; seed++) {
        char s[2000];
        snprintf(s, sizeof s, "[sweep]\ntest-function = sobol-g\ndesign = lhs\nn = %ld\n"
                 "seed = %d\n", n, seed);
        for (int i = 1; i <= K; i++)
            snprintf(s + strlen(s), sizeof s - strlen(s), "[factor x%d]\nrange = 0 1\n", i);
        dk_sweep_spec sp;
        if (dk_sweep_parse(&sp, &m, "lhs_order", s, strlen(s), &e) != 0 ||
            dk_sweep_validate(&sp, &e) != 0) {
            fprintf(stderr, "%s\n", e.msg);
            return 1;
        }
        dk_design *d = dk_design_new(&sp, 0);
        dk_row_tag tag;
        for (long i = 0; d && i < n; i++)
            dk_design_next(d, u + i * K, &tag);
        for (int f = 0; f < K; f++) {
            by_row += r2n(row, 1, u + f, K, n) / (SEEDS * K);
            if (f > 0)
                by_factor += r2n(u, K, u + f, K, n) / (SEEDS * (K - 1));
        }
        dk_design_free(d);
        dk_sweep_free(&sp);
    }
    printf("n = %ld: mean n r^2, row number vs factor %.2f, factor vs factor %.2f "
           "(random permutations: 1, sd 0.1)\n", n, by_row, by_factor);
    free(u);
    free(row);
    return 0;
}
