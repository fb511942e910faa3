/*
 * sensitivity.c -- Sobol indices (Jansen's estimators on a Saltelli
 * design, bootstrap intervals), Morris elementary effects, and the
 * analytic test functions that check them.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/interval.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/sweep.h"

#define PI 3.14159265358979323846

/* Jansen's S_i and ST_i over the base rows idx[0..n) (or 0..n-1). */
static void jansen(const double *y, int stride, long n, int k, const long *idx,
                   double *s1, double *st)
{
    size_t rs = (size_t)(k + 2) * (size_t)stride;
    /* the variance of A and B, shifted by the first value: equal values
     * give exactly 0, not the rounding noise of their mean */
    double shift = y[(size_t)(idx ? idx[0] : 0) * rs], mean = 0, var = 0, scale = 0;
    for (long a = 0; a < n; a++) {
        const double *row = y + (size_t)(idx ? idx[a] : a) * rs;
        mean += (row[0] - shift) + (row[stride] - shift);
        scale = fmax(scale, fmax(fabs(row[0]), fabs(row[stride])));
    }
    mean /= 2.0 * (double)n;
    for (long a = 0; a < n; a++) {
        const double *row = y + (size_t)(idx ? idx[a] : a) * rs;
        double da = row[0] - shift - mean, db = row[stride] - shift - mean;
        var += da * da + db * db;
    }
    var /= 2.0 * (double)n;
    /* a response no factor moves has no indices: a spread below 1e-12 of
     * its size is rounding, not an effect */
    int moves = var > 0 && sqrt(var) > 1e-12 * scale;
    for (int i = 0; i < k; i++) {
        double first = 0, total = 0;
        for (long a = 0; a < n; a++) {
            const double *row = y + (size_t)(idx ? idx[a] : a) * rs;
            double fa = row[0], fb = row[stride], fab = row[(size_t)(2 + i) * (size_t)stride];
            first += (fb - fab) * (fb - fab);
            total += (fa - fab) * (fa - fab);
        }
        /* a response no factor moves has no indices */
        s1[i] = moves ? (var - first / (2.0 * (double)n)) / var : NAN;
        st[i] = moves ? total / (2.0 * (double)n) / var : NAN;
    }
}

/* The 2.5 and 97.5 % points of the numbers among x[0..n) (moved to the
 * front and sorted in place).  Resamples without indices (NaN: a
 * resample whose response did not vary, likely at tiny n) are dropped;
 * with fewer than half of them left, or fewer than 2, there is no
 * interval (NaN, shown as n/a). */
static void interval95(double *x, size_t n, double *lo, double *hi)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (!isnan(x[i]))
            x[m++] = x[i];
    if (m < 2 || 2 * m < n) {
        *lo = *hi = NAN;
        return;
    }
    dk_interval(x, m, 0.025, lo, hi);
}

int dk_sobol_indices(const double *y, int stride, long n, int k, int boot,
                     unsigned long boot_seed, dk_sobol_index *out)
{
    double s1[DK_SWEEP_MAX_FACTORS], st[DK_SWEEP_MAX_FACTORS];
    jansen(y, stride, n, k, NULL, s1, st);
    for (int i = 0; i < k; i++)
        out[i] = (dk_sobol_index){ s1[i], NAN, NAN, st[i], NAN, NAN };
    if (boot < 1)
        return 0;
    /* resample b from its own stream: the intervals do not depend on the
     * order resamples are made in */
    long *idx = malloc((size_t)n * sizeof *idx);
    double *bs1 = malloc((size_t)boot * (size_t)k * sizeof *bs1);
    double *bst = malloc((size_t)boot * (size_t)k * sizeof *bst);
    gsl_rng *r = idx && bs1 && bst ? gsl_rng_alloc(gsl_rng_taus2) : NULL;
    if (!r) {
        free(idx);
        free(bs1);
        free(bst);
        return -1;
    }
    for (int b = 0; b < boot; b++) {
        gsl_rng_set(r, dk_stream_seed(boot_seed, (unsigned long)b));
        for (long a = 0; a < n; a++)
            idx[a] = (long)gsl_rng_uniform_int(r, (unsigned long)n);
        jansen(y, stride, n, k, idx, s1, st);
        for (int i = 0; i < k; i++) {
            bs1[(size_t)i * (size_t)boot + (size_t)b] = s1[i];
            bst[(size_t)i * (size_t)boot + (size_t)b] = st[i];
        }
    }
    for (int i = 0; i < k; i++) {
        interval95(bs1 + (size_t)i * (size_t)boot, (size_t)boot, &out[i].s1_lo, &out[i].s1_hi);
        interval95(bst + (size_t)i * (size_t)boot, (size_t)boot, &out[i].st_lo, &out[i].st_hi);
    }
    gsl_rng_free(r);
    free(bs1);
    free(bst);
    free(idx);
    return 0;
}

int dk_morris_indices(const double *y, int stride, const dk_row_tag *tag, long r,
                      int k, dk_morris_index *out)
{
    double *ee = malloc((size_t)r * (size_t)k * sizeof *ee), *abs_ee = malloc((size_t)r * sizeof *abs_ee);
    long *count = calloc((size_t)k, sizeof *count);
    if (!ee || !abs_ee || !count) {
        free(ee);
        free(abs_ee);
        free(count);
        return -1;
    }
    /* every trajectory must move each factor once (by a non-zero step):
     * otherwise this is no Morris design, and no factor gets effects */
    for (long t = 0; t < r; t++) {
        unsigned long long seen = 0;
        for (int s = 1; s <= k; s++) {
            const dk_row_tag *g = &tag[(size_t)t * (size_t)(k + 1) + (size_t)s];
            if (g->block < 0 || g->block >= k || (seen >> g->block & 1) || g->delta == 0) {
                for (int i = 0; i < k; i++)
                    out[i] = (dk_morris_index){ .mu = NAN, .mu_star = NAN, .sigma = NAN };
                free(count);
                free(abs_ee);
                free(ee);
                return 0;
            }
            seen |= 1ULL << g->block;
        }
    }
    for (long t = 0; t < r; t++)
        for (int s = 1; s <= k; s++) {
            size_t row = (size_t)t * (size_t)(k + 1) + (size_t)s;
            int i = tag[row].block;
            double d = (y[row * (size_t)stride] - y[(row - 1) * (size_t)stride]) / tag[row].delta;
            ee[(size_t)i * (size_t)r + (size_t)count[i]++] = d;
        }
    for (int i = 0; i < k; i++) {
        const double *e = ee + (size_t)i * (size_t)r;
        for (long t = 0; t < r; t++)
            abs_ee[t] = fabs(e[t]);
        out[i].mu = gsl_stats_mean(e, 1, (size_t)r);
        out[i].mu_star = gsl_stats_mean(abs_ee, 1, (size_t)r);
        out[i].sigma = r > 1 ? gsl_stats_sd(e, 1, (size_t)r) : NAN;
    }
    free(count);
    free(abs_ee);
    free(ee);
    return 0;
}

double dk_ishigami(const double *x, double a, double b)
{
    double s2 = sin(x[1]), x3 = x[2] * x[2];
    return sin(x[0]) * (1 + b * x3 * x3) + a * s2 * s2;
}

/* With x ~ U(-pi, pi): E x^4 = pi^4 / 5, E x^8 = pi^8 / 9, E sin^2 = 1/2,
 * Var sin^2 = 1/8. */
void dk_ishigami_indices(double a, double b, double s1[3], double st[3])
{
    double p4 = pow(PI, 4), p8 = pow(PI, 8);
    double v1 = 0.5 * pow(1 + b * p4 / 5, 2);
    double v2 = a * a / 8;
    double v13 = b * b * p8 * (1.0 / 18 - 1.0 / 50);
    double v = v1 + v2 + v13;
    s1[0] = v1 / v;
    s1[1] = v2 / v;
    s1[2] = 0;
    st[0] = (v1 + v13) / v;
    st[1] = v2 / v;
    st[2] = v13 / v;
}

double dk_sobol_g_a(int i)
{
    static const double a[] = { 0, 1, 4.5, 9 };
    return i < 4 ? a[i] : 99;
}

double dk_sobol_g(const double *x, int k)
{
    double y = 1;
    for (int i = 0; i < k; i++)
        y *= (fabs(4 * x[i] - 2) + dk_sobol_g_a(i)) / (1 + dk_sobol_g_a(i));
    return y;
}

/* V_i = 1 / (3 (1 + a_i)^2), V = prod (1 + V_i) - 1,
 * ST_i = V_i prod_{j != i} (1 + V_j) / V. */
void dk_sobol_g_indices(int k, double *s1, double *st)
{
    double prod = 1;
    for (int i = 0; i < k; i++)
        prod *= 1 + 1 / (3 * pow(1 + dk_sobol_g_a(i), 2));
    double v = prod - 1;
    for (int i = 0; i < k; i++) {
        double vi = 1 / (3 * pow(1 + dk_sobol_g_a(i), 2));
        s1[i] = vi / v;
        st[i] = vi * prod / (1 + vi) / v;
    }
}
