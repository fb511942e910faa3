/*
 * lmm.c -- random-intercept linear mixed models, REML and ML, as lme4.
 *
 * Notation: q = p + 1 columns z = [x, y]; for a group g of size n_g with
 * column sums s_g, and lambda = var_group / var_resid,
 *
 *   M(lambda) = W + sum_g s_g s_g' / (n_g (1 + n_g lambda))
 *
 * where W is the within-group cross-product matrix.  M's leading p x p
 * block is X'V^-1 X and its last column X'V^-1 y, y'V^-1 y (up to
 * var_resid), so the Cholesky factor of M gives the fixed effects, the
 * residual sum of squares (its last diagonal element squared) and
 * log det X'V^-1 X in one go.  Both terms are positive semi-definite,
 * so no precision is lost to cancellation as lambda grows.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/fit/fit.h"

static void acc_free(dk_lmm_acc *a)
{
    dk_free(a->cnt);
    dk_free(a->mean);
    dk_free(a->within);
    dk_free(a->shift);
    dk_free(a->dz);
    memset(a, 0, sizeof *a);
}

int dk_lmm_acc_init(dk_lmm_acc *a, int p, long ngroups)
{
    size_t q = (size_t)p + 1;
    a->p = p;
    a->ngroups = ngroups;
    a->n = 0;
    a->cnt = dk_calloc((size_t)ngroups + 1, sizeof *a->cnt);
    a->mean = dk_calloc(((size_t)ngroups + 1) * q, sizeof *a->mean);
    a->within = dk_calloc(q * q, sizeof *a->within);
    a->shift = dk_calloc(q, sizeof *a->shift);
    a->dz = dk_calloc(q, sizeof *a->dz);
    if (a->cnt && a->mean && a->within && a->shift && a->dz)
        return 0;
    acc_free(a);
    return -1;
}

/* Welford's update, per group, of the within-group cross-products: exact
 * in one pass and free of the cancellation of sum(z z') - n mean mean'. */
void dk_lmm_acc_add(dk_lmm_acc *a, long g, const double *z)
{
    size_t q = (size_t)a->p + 1;
    double *m = a->mean + (size_t)g * q, *d = a->dz;
    if (a->n == 0)
        memcpy(a->shift + 1, z + 1, (q - 1) * sizeof *z);
    long k = ++a->cnt[g];
    double f = (double)(k - 1) / (double)k;
    for (size_t i = 0; i < q; i++) {
        d[i] = z[i] - a->shift[i] - m[i];
        m[i] += d[i] / (double)k;
    }
    if (k > 1)
        for (size_t i = 0; i < q; i++) {
            double di = f * d[i];
            if (di == 0)
                continue;
            double *w = a->within + i * q;
            for (size_t j = i; j < q; j++)
                w[j] += di * d[j];
        }
    a->n++;
}

static int cmp_long(const void *x, const void *y)
{
    long a = *(const long *)x, b = *(const long *)y;
    return (a > b) - (a < b);
}

/* Distinct positive group sizes, ascending; -1 when out of memory. */
static int size_classes(const dk_lmm_acc *a, dk_lmm_stats *s)
{
    long *sz = dk_malloc(((size_t)a->ngroups + 1) * sizeof *sz);
    s->size = dk_malloc(((size_t)a->ngroups + 1) * sizeof *s->size);
    s->count = dk_calloc((size_t)a->ngroups + 1, sizeof *s->count);
    if (!sz || !s->size || !s->count) {
        dk_free(sz);
        return -1;
    }
    long m = 0;
    for (long g = 0; g < a->ngroups; g++)
        if (a->cnt[g] > 0)
            sz[m++] = a->cnt[g];
    qsort(sz, (size_t)m, sizeof *sz, cmp_long);
    s->ngroups = m;
    s->nsizes = 0;
    for (long i = 0; i < m; i++) {
        if (s->nsizes == 0 || s->size[s->nsizes - 1] != sz[i])
            s->size[s->nsizes++] = sz[i];
        s->count[s->nsizes - 1]++;
    }
    dk_free(sz);
    return 0;
}

static int size_index(const dk_lmm_stats *s, long n)
{
    const long *hit = bsearch(&n, s->size, (size_t)s->nsizes, sizeof n, cmp_long);
    return (int)(hit - s->size);
}

static void mirror(double *m, size_t q)
{
    for (size_t i = 0; i < q; i++)
        for (size_t j = 0; j < i; j++)
            m[i * q + j] = m[j * q + i];
}

/* Takes the overall column means off the group means and keeps them, with
 * the shift, as the stats' centre; -1 when out of memory. */
static int centre_means(dk_lmm_acc *a, dk_lmm_stats *s)
{
    size_t q = (size_t)a->p + 1;
    s->centre = dk_calloc(q, sizeof *s->centre);
    if (!s->centre)
        return -1;
    for (long g = 0; g < a->ngroups; g++)
        for (size_t i = 1; i < q; i++)
            s->centre[i] += (double)a->cnt[g] * a->mean[(size_t)g * q + i];
    for (size_t i = 1; i < q; i++)
        s->centre[i] = a->n > 0 ? s->centre[i] / (double)a->n : 0;
    for (long g = 0; g < a->ngroups; g++)
        for (size_t i = 1; i < q; i++)
            a->mean[(size_t)g * q + i] -= s->centre[i];
    for (size_t i = 1; i < q; i++)
        s->centre[i] += a->shift[i];
    return 0;
}

int dk_lmm_acc_finish(dk_lmm_acc *a, dk_lmm_stats *s)
{
    size_t q = (size_t)a->p + 1;
    memset(s, 0, sizeof *s);
    s->p = a->p;
    s->n = a->n;
    if (size_classes(a, s) != 0 || centre_means(a, s) != 0 ||
        !(s->between = dk_calloc((size_t)s->nsizes * q * q + 1, sizeof *s->between))) {
        dk_lmm_stats_free(s);
        acc_free(a);
        return -1;
    }
    for (long g = 0; g < a->ngroups; g++) {
        long k = a->cnt[g];
        if (k == 0)
            continue;
        double *b = s->between + (size_t)size_index(s, k) * q * q;
        const double *m = a->mean + (size_t)g * q;
        for (size_t i = 0; i < q; i++)
            for (size_t j = i; j < q; j++)
                b[i * q + j] += (double)k * (double)k * m[i] * m[j];
    }
    for (int k = 0; k < s->nsizes; k++)
        mirror(s->between + (size_t)k * q * q, q);
    mirror(a->within, q);
    s->within = a->within;
    s->nslots = a->ngroups;
    s->cnt = a->cnt;
    s->mean = a->mean;
    a->within = NULL;
    a->cnt = NULL;
    a->mean = NULL;
    acc_free(a);
    return 0;
}

void dk_lmm_stats_free(dk_lmm_stats *s)
{
    dk_free(s->centre);
    dk_free(s->within);
    dk_free(s->size);
    dk_free(s->count);
    dk_free(s->between);
    dk_free(s->cnt);
    dk_free(s->mean);
    memset(s, 0, sizeof *s);
}

/* Work space for evaluations at one lambda. */
typedef struct {
    const dk_lmm_stats *s;
    int reml;
    gsl_matrix *m;      /* q x q: M(lambda), then its Cholesky factor */
    gsl_matrix *ainv;   /* p x p */
    gsl_vector *beta;   /* p */
    int oom;            /* a solver's work space could not be had */
} lmm_work;

static void work_free(lmm_work *w)
{
    gsl_matrix_free(w->m);
    gsl_matrix_free(w->ainv);
    gsl_vector_free(w->beta);
}

/* 0, or -1 (nothing held) when out of memory. */
static int work_init(lmm_work *w, const dk_lmm_stats *s, int reml)
{
    size_t p = (size_t)s->p;
    w->s = s;
    w->reml = reml;
    w->oom = 0;
    w->m = gsl_matrix_alloc(p + 1, p + 1);
    w->ainv = gsl_matrix_alloc(p, p);
    w->beta = gsl_vector_alloc(p);
    if (w->m && w->ainv && w->beta)
        return 0;
    work_free(w);
    return -1;
}

/* Factors M(lambda) and solves for the fixed effects; -1 if M is not
 * positive definite (a rank-deficient X, or y fitted exactly). */
static int factor_at(lmm_work *w, double lambda)
{
    const dk_lmm_stats *s = w->s;
    size_t q = (size_t)s->p + 1;
    double *m = w->m->data;
    memcpy(m, s->within, q * q * sizeof *m);
    for (int k = 0; k < s->nsizes; k++) {
        double nk = (double)s->size[k];
        double a = 1 / (nk * (1 + nk * lambda));
        const double *b = s->between + (size_t)k * q * q;
        for (size_t i = 0; i < q * q; i++)
            m[i] += a * b[i];
    }
    if (gsl_linalg_cholesky_decomp1(w->m) != GSL_SUCCESS)
        return -1;
    /* With M = L L' and L = [L_A 0; r' d]: beta = L_A'^-1 r, RSS = d^2. */
    gsl_matrix_const_view la = gsl_matrix_const_submatrix(w->m, 0, 0, q - 1, q - 1);
    gsl_vector_const_view r = gsl_matrix_const_subrow(w->m, q - 1, 0, q - 1);
    gsl_vector_memcpy(w->beta, &r.vector);
    gsl_blas_dtrsv(CblasLower, CblasTrans, CblasNonUnit, &la.matrix, w->beta);
    double d = gsl_matrix_get(w->m, q - 1, q - 1);
    return d * d > 0 ? 0 : -1;
}

static double rss_of(const lmm_work *w)
{
    size_t p = (size_t)w->s->p;
    double d = gsl_matrix_get(w->m, p, p);
    return d * d;
}

/* Residual degrees of freedom in the profiled criterion. */
static double dof(const lmm_work *w)
{
    return (double)(w->reml ? w->s->n - w->s->p : w->s->n);
}

/* -2 log L (ML) or the REML criterion, exactly as lme4 defines them, with
 * M already factored at lambda. */
static double deviance_factored(const lmm_work *w, double lambda)
{
    const dk_lmm_stats *s = w->s;
    double logdet = 0;
    for (int k = 0; k < s->nsizes; k++)
        logdet += (double)s->count[k] * log1p((double)s->size[k] * lambda);
    if (w->reml)
        for (int i = 0; i < s->p; i++)
            logdet += 2 * log(gsl_matrix_get(w->m, (size_t)i, (size_t)i));
    double nu = dof(w);
    return logdet + nu * (1 + log(2 * M_PI * rss_of(w) / nu));
}

static double deviance_at(lmm_work *w, double lambda)
{
    return factor_at(w, lambda) != 0 ? GSL_POSINF : deviance_factored(w, lambda);
}

double dk_lmm_deviance(const dk_lmm_stats *s, int reml, double theta)
{
    lmm_work w;
    if (work_init(&w, s, reml) != 0)
        return GSL_NAN;
    double d = deviance_at(&w, theta * theta);
    work_free(&w);
    return d;
}

/* (X'V^-1 X)^-1 up to var_resid, from the factor in w->m. */
static void invert_a(lmm_work *w)
{
    size_t p = (size_t)w->s->p;
    gsl_matrix_const_view la = gsl_matrix_const_submatrix(w->m, 0, 0, p, p);
    gsl_matrix_memcpy(w->ainv, &la.matrix);
    gsl_linalg_cholesky_invert(w->ainv);
}

/*
 * d deviance / d lambda in closed form.  Each group weight moves by
 * -1/(1 + n_g lambda)^2; the RSS moves by that times the squared group
 * residual sum (the fixed effects are at their optimum, so their own
 * change does not count), and log det X'V^-1 X by the trace term.
 */
static double slope_at(lmm_work *w, double lambda)
{
    const dk_lmm_stats *s = w->s;
    if (factor_at(w, lambda) != 0)
        return GSL_NAN;
    size_t p = (size_t)s->p, q = p + 1;
    if (w->reml)
        invert_a(w);
    double dlog = 0, drss = 0, dtr = 0;
    for (int k = 0; k < s->nsizes; k++) {
        double nk = (double)s->size[k], c = 1 + nk * lambda;
        const double *b = s->between + (size_t)k * q * q;
        double quad = 0, tr = 0;
        for (size_t i = 0; i < q; i++) {
            double vi = i < p ? -gsl_vector_get(w->beta, i) : 1;
            for (size_t j = 0; j < q; j++) {
                double vj = j < p ? -gsl_vector_get(w->beta, j) : 1;
                quad += vi * b[i * q + j] * vj;
                if (w->reml && i < p && j < p)
                    tr += gsl_matrix_get(w->ainv, i, j) * b[i * q + j];
            }
        }
        dlog += (double)s->count[k] * nk / c;
        drss -= quad / (c * c);
        dtr -= tr / (c * c);
    }
    return dlog + (w->reml ? dtr : 0) + dof(w) * drss / rss_of(w);
}

static double f_theta(double theta, void *p)
{
    return deviance_at(p, theta * theta);
}

static double g_lambda(double lambda, void *p)
{
    return slope_at(p, lambda);
}

/* Brent's root of g between lo and hi (g changes sign there) to the
 * tolerances; -1 when GSL cannot start or takes no step, and with *oom
 * set when there is no memory for the solver. */
static int brent_root(gsl_function *g, double lo, double hi, double epsabs,
                      double epsrel, double *x, int *oom)
{
    gsl_root_fsolver *s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    int rc = -1;
    if (!s) {
        *oom = 1;
        return rc;
    }
    if (gsl_root_fsolver_set(s, g, fmin(lo, hi), fmax(lo, hi)) == GSL_SUCCESS)
        for (int it = 0; it < 200; it++) {
            if (gsl_root_fsolver_iterate(s) != GSL_SUCCESS)
                break;
            *x = gsl_root_fsolver_root(s);
            rc = 0;
            if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s),
                    gsl_root_fsolver_x_upper(s), epsabs, epsrel) == GSL_SUCCESS)
                break;
        }
    gsl_root_fsolver_free(s);
    return rc;
}

/* Brent's minimum of f from *x in [*lo, *hi], f(*x) = fx below both ends'
 * values; narrows the bracket, leaves the best point in *x and returns
 * its value (*oom set when there is no memory for the minimiser). */
static double brent_min(gsl_function *f, double *x, double fx, double *lo, double flo,
                        double *hi, double fhi, double epsabs, double epsrel, int *oom)
{
    gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    double best = fx;
    if (!m) {
        *oom = 1;
        return best;
    }
    if (gsl_min_fminimizer_set_with_values(m, f, *x, fx, *lo, flo, *hi, fhi) == GSL_SUCCESS)
        for (int it = 0; it < 200; it++) {
            if (gsl_min_fminimizer_iterate(m) != GSL_SUCCESS)
                break;
            *x = gsl_min_fminimizer_x_minimum(m);
            best = gsl_min_fminimizer_f_minimum(m);
            *lo = gsl_min_fminimizer_x_lower(m);
            *hi = gsl_min_fminimizer_x_upper(m);
            if (gsl_min_test_interval(*lo, *hi, epsabs, epsrel) == GSL_SUCCESS)
                break;
        }
    gsl_min_fminimizer_free(m);
    return best;
}

/*
 * The deviance is flat at its minimum, so function values pin theta down
 * only to about sqrt(machine epsilon); the closed-form slope changes sign
 * cleanly there, and Brent's method finds its root in lambda to a few
 * ulps.  -1 when the slope does not change sign from lo to hi.
 */
static int slope_root(lmm_work *w, double lo, double hi, double *lambda)
{
    double glo = slope_at(w, lo), ghi = slope_at(w, hi);
    if (!(glo < 0 && ghi > 0))
        return -1;
    gsl_function g = { g_lambda, w };
    return brent_root(&g, lo, hi, 1e-300, 4 * GSL_DBL_EPSILON, lambda, &w->oom);
}

/* Around theta x found from function values: the slope's root in the
 * smallest bracket, grown by tens from 1e-6 relative, that holds one. */
static double polish(lmm_work *w, double x)
{
    double lambda = x * x;
    for (double h = 1e-6; h < 1; h *= 10)
        if (slope_root(w, x * x * (1 - h) * (1 - h), x * x * (1 + h) * (1 + h), &lambda) == 0)
            break;
    return lambda;
}

#define GRID 71
static double grid_theta(int i) { return i == 0 ? 0 : pow(10, -4 + 0.1 * (i - 1)); }

/*
 * lambda at the optimum: a coarse log grid in theta (the criterion can be
 * flat over decades), then the slope's root inside the best grid cell;
 * should the slope not bracket a root there (two minima in one cell),
 * Brent's minimiser inside the cell and the root next to its answer.
 * lambda = 0 is the boundary lme4 reports as a singular fit.
 */
static int optimum(lmm_work *w, double *lambda, dk_err *e)
{
    double f[GRID];
    int k = 0;
    for (int i = 0; i < GRID; i++) {
        f[i] = f_theta(grid_theta(i), w);
        if (f[i] < f[k])
            k = i;
    }
    if (!isfinite(f[k]))
        return dk_fail(e, "the model cannot be fitted: the fixed effects fit the "
                       "outcome exactly (no residual variance)");
    if (k == GRID - 1)
        return dk_fail(e, "the groups explain (almost) all variation: the residual "
                       "variance is too small to estimate");
    double g0 = slope_at(w, 0);
    if (k == 0 && !(g0 < 0)) {
        *lambda = 0;
        return 0;
    }
    double lo = grid_theta(k > 0 ? k - 1 : 0), hi = grid_theta(k + 1);
    if (slope_root(w, lo * lo, hi * hi, lambda) == 0)
        return 0;
    double th = grid_theta(k);
    if (k > 0 && f[k] < f[k - 1] && f[k] < f[k + 1]) {
        gsl_function fn = { f_theta, w };
        brent_min(&fn, &th, f[k], &lo, f[k - 1], &hi, f[k + 1], 1e-12, 1e-10, &w->oom);
    }
    *lambda = polish(w, th);
    return 0;
}

static int check_sizes(const dk_lmm_stats *s, dk_err *e)
{
    if (s->ngroups < 2)
        return dk_fail(e, "only %ld group: a random intercept needs at least two",
                       s->ngroups);
    if (s->ngroups >= s->n)
        return dk_fail(e, "%ld observations in %ld groups: with one observation "
                       "per group the group and residual variances cannot be "
                       "told apart", s->n, s->ngroups);
    if (s->n <= s->p)
        return dk_fail(e, "%ld observations for %d fixed effects: too few", s->n, s->p);
    return 0;
}

/*
 * The fixed effects and their covariance in the data's own columns.  Only
 * the intercept differs from the centred fit: with T = [1, -c'; 0, I],
 * beta = T beta_c + centre_y e_1 and vcov = T V_c T'.  -1 when out of
 * memory (dk_lmm_fit_free takes what was made).
 */
static int uncentre(const lmm_work *w, const dk_lmm_stats *s, double sigma2,
                    dk_lmm_fit *f)
{
    size_t p = (size_t)s->p;
    const double *c = s->centre;
    f->beta = dk_malloc(p * sizeof *f->beta);
    f->se = dk_malloc(p * sizeof *f->se);
    f->vcov = dk_malloc(p * p * sizeof *f->vcov);
    f->centre = dk_malloc((p + 1) * sizeof *f->centre);
    if (!f->beta || !f->se || !f->vcov || !f->centre)
        return -1;
    memcpy(f->centre, c, (p + 1) * sizeof *c);
    for (size_t i = 0; i < p; i++) {
        f->beta[i] = gsl_vector_get(w->beta, i);
        for (size_t j = 0; j < p; j++)
            f->vcov[i * p + j] = sigma2 * gsl_matrix_get(w->ainv, i, j);
    }
    f->icept_c = f->beta[0];
    double b0 = c[p] + f->beta[0];
    for (size_t j = 1; j < p; j++)
        b0 -= c[j] * f->beta[j];
    f->beta[0] = b0;
    /* row and column 0 of T V_c T': V_00 = V_c00 - c'V_c0 - c'(V_c0 - V_c c) */
    double *v = f->vcov;
    for (size_t j = 1; j < p; j++)
        v[0] -= c[j] * v[j];
    for (size_t k = 1; k < p; k++) {
        double t = v[k];
        for (size_t j = 1; j < p; j++)
            t -= c[j] * v[j * p + k];
        v[k] = v[k * p] = t;
    }
    for (size_t j = 1; j < p; j++)
        v[0] -= c[j] * v[j];
    for (size_t i = 0; i < p; i++)
        f->se[i] = sqrt(f->vcov[i * p + i]);
    return 0;
}

/* The gradient in theta at the optimum and the Newton step it implies,
 * the curvature from the closed-form slope 1e-4 either side. */
static void convergence(lmm_work *w, double lambda, dk_lmm_fit *f)
{
    if (lambda == 0) {
        f->converged = !(slope_at(w, 0) < 0);
        return;
    }
    double th = sqrt(lambda), h = 1e-4 * th;
    double g = 2 * th * slope_at(w, lambda);
    double gp = 2 * (th + h) * slope_at(w, (th + h) * (th + h));
    double gm = 2 * (th - h) * slope_at(w, (th - h) * (th - h));
    double curv = (gp - gm) / (2 * h);
    f->gradient = g;
    f->theta_step = !(curv > 0) ? GSL_NAN : g == 0 ? 0 : -g / curv;
    f->converged = curv > 0 && fabs(f->theta_step) <= 1e-9 * (1 + th);
}

int dk_lmm_fit_run(const dk_lmm_stats *s, int reml, dk_lmm_fit *f, dk_err *e)
{
    memset(f, 0, sizeof *f);
    if (check_sizes(s, e) != 0)
        return -1;
    lmm_work w;
    if (work_init(&w, s, reml) != 0)
        return dk_fail_oom(e, "fit");
    double lambda;
    int rc = optimum(&w, &lambda, e);
    if (rc == 0 && w.oom)
        rc = dk_fail_oom(e, "fit");
    if (rc == 0 && factor_at(&w, lambda) != 0)
        rc = dk_fail(e, "the fit failed: X'V^-1 X is not positive definite at "
                     "the optimum");
    if (rc != 0) {
        work_free(&w);
        return -1;
    }
    convergence(&w, lambda, f);
    factor_at(&w, lambda);
    double dev = deviance_factored(&w, lambda);
    double sigma2 = rss_of(&w) / dof(&w);
    invert_a(&w);
    f->p = s->p;
    f->reml = reml;
    f->n = s->n;
    f->ngroups = s->ngroups;
    if (uncentre(&w, s, sigma2, f) != 0) {
        dk_lmm_fit_free(f);
        work_free(&w);
        return dk_fail_oom(e, "fit");
    }
    f->theta = sqrt(lambda);
    f->var_resid = sigma2;
    f->var_group = sigma2 * lambda;
    f->boundary = lambda == 0;
    f->loglik = -dev / 2;
    f->deviance = dev;
    f->df_resid = s->n - s->p - 2;
    double npar = (double)s->p + 2;
    f->aic = dev + 2 * npar;
    f->bic = dev + npar * log((double)s->n);
    work_free(&w);
    return 0;
}

void dk_lmm_fit_free(dk_lmm_fit *f)
{
    dk_free(f->beta);
    dk_free(f->se);
    dk_free(f->vcov);
    dk_free(f->centre);
    memset(f, 0, sizeof *f);
}

/* ---- intervals, conditional modes, likelihood-ratio tests ---- */

/* ML deviance at lambda and sigma^2, minimised over beta only:
 * n log(2 pi sigma^2) + log det(I + lambda Z'Z) + RSS(lambda) / sigma^2. */
static double ml_deviance(lmm_work *w, double lambda, double sigma2)
{
    if (factor_at(w, lambda) != 0)
        return GSL_POSINF;
    const dk_lmm_stats *s = w->s;
    double logdet = 0;
    for (int k = 0; k < s->nsizes; k++)
        logdet += (double)s->count[k] * log1p((double)s->size[k] * lambda);
    return (double)s->n * log(2 * M_PI * sigma2) + logdet + rss_of(w) / sigma2;
}

/* One profile: the ML deviance with one standard deviation held at sd. */
typedef struct {
    lmm_work w;
    double sd;
    int resid;          /* sd is the residual SD (else the group SD) */
} profile_ctx;

/* The deviance at lambda with the held SD at c->sd: the other follows
 * from lambda = var_group / var_residual. */
static double at_lambda(profile_ctx *c, double lambda)
{
    double v = c->sd * c->sd;
    if (c->resid)
        return ml_deviance(&c->w, lambda, v);
    return lambda > 0 ? ml_deviance(&c->w, lambda, v / lambda) : GSL_POSINF;
}

static double at_log_lambda(double u, void *c)
{
    return at_lambda(c, exp(u));
}

/*
 * The profile at c->sd: the deviance minimised over lambda, from a start
 * lambda0 by doubling steps in log lambda until the minimum is bracketed,
 * then Brent.  (A point's error moves the profile only to second order.)
 * Where lambda = 0 is allowed (the residual SD's profile, var_group = 0)
 * and the deviance keeps falling towards it, the value there counts.
 */
static double profile_at(profile_ctx *c, double lambda0)
{
    double u = log(lambda0), h = 0.5;
    double fu = at_log_lambda(u, c), a = u - h, b = u + h;
    double fa = at_log_lambda(a, c), fb = at_log_lambda(b, c);
    double zero = c->resid ? at_lambda(c, 0) : GSL_POSINF;
    while (fa < fu || fb < fu) {
        h *= 2;
        if (h > 200)
            return fmin(fmin(fa, fb), zero);
        if (fa < fu) {
            b = u, fb = fu, u = a, fu = fa;
            a = u - h, fa = at_log_lambda(a, c);
        } else {
            a = u, fa = fu, u = b, fu = fb;
            b = u + h, fb = at_log_lambda(b, c);
        }
    }
    gsl_function f = { at_log_lambda, c };
    return fmin(brent_min(&f, &u, fu, &a, fa, &b, fb, 1e-10, 0, &c->w.oom), zero);
}

/* Which profile a root search walks along. */
typedef struct {
    profile_ctx c;
    double lambda0;     /* where each inner minimisation starts */
    double target;      /* the ML minimum + qchisq(level, 1) */
    int theta;          /* over theta, profiled over sigma and beta */
} root_ctx;

static double excess(double x, void *p)
{
    root_ctx *r = p;
    if (r->theta)
        return deviance_at(&r->c.w, x * x) - r->target;
    r->c.sd = x;
    if (!r->c.resid && x == 0)
        return deviance_at(&r->c.w, 0) - r->target;
    return profile_at(&r->c, r->lambda0) - r->target;
}

/* Where the profile crosses the cut-off between a and b (it does). */
static double crossing(root_ctx *r, double a, double b)
{
    gsl_function f = { excess, r };
    double x = a;
    brent_root(&f, a, b, 0, 1e-13, &x, &r->c.w.oom);
    return x;
}

/*
 * Both ends of the interval of a profile whose minimum is at x0 > 0 (or
 * 0): below, 0 when the profile at 0 stays under the cut-off (zero_ok),
 * else the crossing in the bracket found by halving; above, the crossing
 * in the bracket found by doubling from step, infinite if none is found.
 */
static void profile_interval(root_ctx *r, double x0, double step, int zero_ok,
                             double out[2])
{
    out[0] = 0;
    if (x0 > 0 && !(zero_ok && excess(0, r) <= 0)) {
        double a = x0 / 2;
        for (int i = 0; i < 1000 && excess(a, r) <= 0; i++)
            a /= 2;
        out[0] = crossing(r, a, x0);
    }
    double b = x0 + step;
    int i = 0;
    for (; i < 200 && excess(b, r) <= 0; i++)
        b = x0 + (b - x0) * 2;
    out[1] = i < 200 ? crossing(r, x0, b) : GSL_POSINF;
}

/* The profile intervals of the SDs and the ICC, about the ML fit ml; -1
 * when out of memory. */
static int profiles(const dk_lmm_stats *s, const dk_lmm_fit *ml, double level,
                    dk_lmm_ci *ci)
{
    root_ctx r = { .target = ml->deviance + gsl_cdf_chisq_Pinv(level, 1),
                   .lambda0 = fmax(ml->theta * ml->theta, 1e-4) };
    if (work_init(&r.c.w, s, 0) != 0)
        return -1;
    double sg = sqrt(ml->var_group), sr = sqrt(ml->var_resid);
    profile_interval(&r, sg, fmax(sg, 1e-3 * sr), 1, ci->sd_group);
    r.c.resid = 1;
    profile_interval(&r, sr, sr, 0, ci->sd_resid);
    r.theta = 1;
    double th[2];
    profile_interval(&r, ml->theta, fmax(ml->theta, 1e-3), 1, th);
    for (int k = 0; k < 2; k++)
        ci->icc_ci[k] = isfinite(th[k]) ? th[k] * th[k] / (1 + th[k] * th[k]) : 1;
    work_free(&r.c.w);
    return r.c.w.oom ? -1 : 0;
}

int dk_lmm_intervals(const dk_lmm_stats *s, const dk_lmm_fit *f, double level,
                     dk_lmm_ci *ci, dk_err *e)
{
    memset(ci, 0, sizeof *ci);
    size_t p = (size_t)f->p;
    double z = gsl_cdf_ugaussian_Pinv(0.5 + level / 2);
    ci->level = level;
    ci->lower = dk_malloc(p * sizeof *ci->lower);
    ci->upper = dk_malloc(p * sizeof *ci->upper);
    if (!ci->lower || !ci->upper) {
        dk_lmm_ci_free(ci);
        return dk_fail_oom(e, "fit: intervals");
    }
    for (size_t i = 0; i < p; i++) {
        ci->lower[i] = f->beta[i] - z * f->se[i];
        ci->upper[i] = f->beta[i] + z * f->se[i];
    }
    ci->icc = f->var_group / (f->var_group + f->var_resid);
    dk_lmm_fit ml;
    dk_err why = DK_ERR_IN(0);   /* read, not shown */
    int rc = 0, fitted = dk_lmm_fit_run(s, 0, &ml, &why) == 0;
    if (fitted)
        rc = profiles(s, &ml, level, ci);
    else if (strncmp(why.msg, "out of memory", 13) == 0)
        rc = -1;    /* not a model ML cannot fit: the run fails */
    else
        for (int k = 0; k < 2; k++)
            ci->sd_group[k] = ci->sd_resid[k] = ci->icc_ci[k] = GSL_NAN;
    dk_lmm_fit_free(&ml);
    if (rc != 0) {
        dk_lmm_ci_free(ci);
        return dk_fail_oom(e, "fit: profile intervals");
    }
    return 0;
}

void dk_lmm_ci_free(dk_lmm_ci *ci)
{
    dk_free(ci->lower);
    dk_free(ci->upper);
    memset(ci, 0, sizeof *ci);
}

void dk_lmm_ranef(const dk_lmm_stats *s, const dk_lmm_fit *f, long slot,
                  double *mode, double *sd)
{
    size_t q = (size_t)s->p + 1;
    const double *m = s->mean + (size_t)slot * q;
    double r = m[s->p] - f->icept_c, lambda = f->theta * f->theta;
    for (int j = 1; j < s->p; j++)
        r -= f->beta[j] * m[j];
    double n = (double)s->cnt[slot], shrink = n * lambda / (1 + n * lambda);
    *mode = shrink * r;
    *sd = sqrt(f->var_resid * lambda / (1 + n * lambda));
}

double dk_lmm_fixed_part(const dk_lmm_fit *f, const double *x)
{
    double v = f->icept_c;
    for (int j = 1; j < f->p; j++)
        v += f->beta[j] * (x[j] - f->centre[j]);
    return f->centre[f->p] + v;
}

/* The statistics of the columns keep (then y) of s; -1 (out empty) when
 * out of memory. */
static int stats_select(const dk_lmm_stats *s, const int *keep, int nkeep,
                        dk_lmm_stats *out)
{
    size_t q = (size_t)s->p + 1, q0 = (size_t)nkeep + 1;
    int *col = dk_malloc(q0 * sizeof *col);
    memset(out, 0, sizeof *out);
    if (!col)
        return -1;
    memcpy(col, keep, (size_t)nkeep * sizeof *col);
    col[nkeep] = s->p;
    out->p = nkeep;
    out->n = s->n;
    out->ngroups = s->ngroups;
    out->nsizes = s->nsizes;
    out->nslots = s->nslots;
    out->centre = dk_malloc(q0 * sizeof *out->centre);
    out->within = dk_malloc(q0 * q0 * sizeof *out->within);
    out->between = dk_malloc(((size_t)s->nsizes * q0 * q0 + 1) * sizeof *out->between);
    out->size = dk_malloc(((size_t)s->nsizes + 1) * sizeof *out->size);
    out->count = dk_malloc(((size_t)s->nsizes + 1) * sizeof *out->count);
    out->cnt = dk_malloc(((size_t)s->nslots + 1) * sizeof *out->cnt);
    out->mean = dk_malloc(((size_t)s->nslots * q0 + 1) * sizeof *out->mean);
    if (!out->centre || !out->within || !out->between || !out->size || !out->count ||
        !out->cnt || !out->mean) {
        dk_free(col);
        dk_lmm_stats_free(out);
        return -1;
    }
    memcpy(out->size, s->size, (size_t)s->nsizes * sizeof *s->size);
    memcpy(out->count, s->count, (size_t)s->nsizes * sizeof *s->count);
    memcpy(out->cnt, s->cnt, (size_t)s->nslots * sizeof *s->cnt);
    for (size_t i = 0; i < q0; i++) {
        out->centre[i] = s->centre[col[i]];
        for (size_t j = 0; j < q0; j++) {
            out->within[i * q0 + j] = s->within[(size_t)col[i] * q + (size_t)col[j]];
            for (int k = 0; k < s->nsizes; k++)
                out->between[(size_t)k * q0 * q0 + i * q0 + j] =
                    s->between[(size_t)k * q * q + (size_t)col[i] * q + (size_t)col[j]];
        }
        for (long g = 0; g < s->nslots; g++)
            out->mean[(size_t)g * q0 + i] = s->mean[(size_t)g * q + (size_t)col[i]];
    }
    dk_free(col);
    return 0;
}

int dk_lmm_compare(const dk_lmm_stats *s, const int *keep, int nkeep, dk_lmm_lrt *r,
                   dk_err *e)
{
    memset(r, 0, sizeof *r);
    dk_lmm_stats s0;
    if (stats_select(s, keep, nkeep, &s0) != 0)
        return dk_fail_oom(e, "fit: the smaller model");
    dk_lmm_fit f[2];
    int rc = -1;
    if (dk_lmm_fit_run(&s0, 0, &f[0], e) == 0) {
        if (dk_lmm_fit_run(s, 0, &f[1], e) == 0) {
            for (int k = 0; k < 2; k++) {
                r->npar[k] = f[k].p + 2;
                r->loglik[k] = f[k].loglik;
                r->aic[k] = f[k].aic;
                r->bic[k] = f[k].bic;
                r->deviance[k] = f[k].deviance;
            }
            r->df = f[1].p - f[0].p;
            r->chisq = f[0].deviance - f[1].deviance;
            r->p_value = r->chisq > 0 ? gsl_cdf_chisq_Q(r->chisq, r->df) : 1;
            dk_lmm_fit_free(&f[1]);
            rc = 0;
        }
        dk_lmm_fit_free(&f[0]);
    }
    dk_lmm_stats_free(&s0);
    return rc;
}

/* How much of column j (scaled to unit length) lies outside the span of
 * the accepted columns; coef gets the combination that comes closest.
 * *oom set when out of memory. */
static double unexplained(const gsl_matrix *c, const size_t *acc, size_t m,
                          size_t j, gsl_vector *coef, int *oom)
{
    if (m == 0)
        return 1;
    gsl_matrix *sub = gsl_matrix_alloc(m, m);
    gsl_vector *b = gsl_vector_alloc(m);
    if (!sub || !b) {
        gsl_matrix_free(sub);
        gsl_vector_free(b);
        *oom = 1;
        return 1;
    }
    for (size_t a = 0; a < m; a++) {
        gsl_vector_set(b, a, gsl_matrix_get(c, acc[a], j));
        for (size_t k = 0; k < m; k++)
            gsl_matrix_set(sub, a, k, gsl_matrix_get(c, acc[a], acc[k]));
    }
    gsl_vector_view cv = gsl_vector_subvector(coef, 0, m);
    double left = 0;
    if (gsl_linalg_cholesky_decomp1(sub) == GSL_SUCCESS &&
        gsl_linalg_cholesky_solve(sub, b, &cv.vector) == GSL_SUCCESS) {
        double bc;
        gsl_blas_ddot(b, &cv.vector, &bc);
        left = 1 - bc;
    }
    gsl_matrix_free(sub);
    gsl_vector_free(b);
    return left;
}

/* X'X scaled to unit diagonal; a column of zeros keeps its zero.  NULL
 * when out of memory. */
static gsl_matrix *scaled_crossprod(const dk_lmm_stats *s)
{
    size_t p = (size_t)s->p, q = p + 1;
    gsl_matrix *c = gsl_matrix_alloc(p, p);
    gsl_vector *d = gsl_vector_alloc(p);
    if (!c || !d) {
        gsl_matrix_free(c);
        gsl_vector_free(d);
        return NULL;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            double v = s->within[i * q + j];
            for (int k = 0; k < s->nsizes; k++)
                v += s->between[(size_t)k * q * q + i * q + j] / (double)s->size[k];
            gsl_matrix_set(c, i, j, v);
        }
    for (size_t i = 0; i < p; i++)
        gsl_vector_set(d, i, sqrt(gsl_matrix_get(c, i, i)));
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            double di = gsl_vector_get(d, i), dj = gsl_vector_get(d, j);
            if (di > 0 && dj > 0)
                gsl_matrix_set(c, i, j, gsl_matrix_get(c, i, j) / (di * dj));
        }
    gsl_vector_free(d);
    return c;
}

static void name_combination(dk_buf *b, const char *const *names, const size_t *acc,
                             size_t m, const gsl_vector *coef)
{
    int any = 0;
    for (size_t a = 0; a < m; a++)
        if (fabs(gsl_vector_get(coef, a)) > 1e-6) {
            dk_buf_printf(b, "%s'%s'", any ? ", " : "", names[acc[a]]);
            any = 1;
        }
}

int dk_lmm_rank_check(const dk_lmm_stats *s, const char *const *names, dk_err *e)
{
    size_t p = (size_t)s->p, m = 0;
    gsl_matrix *c = scaled_crossprod(s);
    size_t *acc = dk_malloc((p + 1) * sizeof *acc);
    gsl_vector *coef = gsl_vector_alloc(p + 1);
    dk_buf b = { 0 };
    int bad = 0, oom = !c || !acc || !coef;
    for (size_t j = 0; j < p && !oom; j++) {
        if (gsl_matrix_get(c, j, j) == 0) {
            /* centred, a column that never changes is all zeros */
            dk_buf_printf(&b, s->centre[j] == 0 ? "%s'%s' is zero in every row" :
                          "%s'%s' has the same value in every row (confounded with "
                          "'(Intercept)')", bad++ ? "; " : "", names[j]);
            continue;
        }
        if (unexplained(c, acc, m, j, coef, &oom) > 1e-9) {
            acc[m++] = j;
            continue;
        }
        dk_buf_printf(&b, "%s'%s' is confounded with ", bad++ ? "; " : "", names[j]);
        name_combination(&b, names, acc, m, coef);
    }
    int rc = oom || b.oom ? dk_fail_oom(e, "fit")
           : bad ? dk_fail(e, "the fixed effects are not of full rank: %s (drop "
                           "or merge the confounded columns)", b.data) : 0;
    dk_buf_free(&b);
    gsl_vector_free(coef);
    dk_free(acc);
    gsl_matrix_free(c);
    return rc;
}
