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
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_min.h>
#include <gsl/gsl_roots.h>

#include "draagkracht/fit/fit.h"

void dk_lmm_acc_init(dk_lmm_acc *a, int p, long ngroups)
{
    size_t q = (size_t)p + 1;
    a->p = p;
    a->ngroups = ngroups;
    a->n = 0;
    a->cnt = calloc((size_t)ngroups + 1, sizeof *a->cnt);
    a->mean = calloc(((size_t)ngroups + 1) * q, sizeof *a->mean);
    a->within = calloc(q * q, sizeof *a->within);
    a->shift = calloc(q, sizeof *a->shift);
    a->dz = calloc(q, sizeof *a->dz);
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

/* Distinct positive group sizes, ascending. */
static void size_classes(const dk_lmm_acc *a, dk_lmm_stats *s)
{
    long *sz = malloc(((size_t)a->ngroups + 1) * sizeof *sz);
    long m = 0;
    for (long g = 0; g < a->ngroups; g++)
        if (a->cnt[g] > 0)
            sz[m++] = a->cnt[g];
    qsort(sz, (size_t)m, sizeof *sz, cmp_long);
    s->ngroups = m;
    s->size = malloc(((size_t)m + 1) * sizeof *s->size);
    s->count = calloc((size_t)m + 1, sizeof *s->count);
    s->nsizes = 0;
    for (long i = 0; i < m; i++) {
        if (s->nsizes == 0 || s->size[s->nsizes - 1] != sz[i])
            s->size[s->nsizes++] = sz[i];
        s->count[s->nsizes - 1]++;
    }
    free(sz);
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
 * the shift, as the stats' centre. */
static void centre_means(dk_lmm_acc *a, dk_lmm_stats *s)
{
    size_t q = (size_t)a->p + 1;
    s->centre = calloc(q, sizeof *s->centre);
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
}

void dk_lmm_acc_finish(dk_lmm_acc *a, dk_lmm_stats *s)
{
    size_t q = (size_t)a->p + 1;
    memset(s, 0, sizeof *s);
    s->p = a->p;
    s->n = a->n;
    size_classes(a, s);
    centre_means(a, s);
    s->between = calloc((size_t)s->nsizes * q * q + 1, sizeof *s->between);
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
    free(a->shift);
    free(a->dz);
    memset(a, 0, sizeof *a);
}

void dk_lmm_stats_free(dk_lmm_stats *s)
{
    free(s->centre);
    free(s->within);
    free(s->size);
    free(s->count);
    free(s->between);
    free(s->cnt);
    free(s->mean);
    memset(s, 0, sizeof *s);
}

/* Work space for evaluations at one lambda. */
typedef struct {
    const dk_lmm_stats *s;
    int reml;
    gsl_matrix *m;      /* q x q: M(lambda), then its Cholesky factor */
    gsl_matrix *ainv;   /* p x p */
    gsl_vector *beta;   /* p */
} lmm_work;

static void work_init(lmm_work *w, const dk_lmm_stats *s, int reml)
{
    size_t p = (size_t)s->p;
    w->s = s;
    w->reml = reml;
    w->m = gsl_matrix_alloc(p + 1, p + 1);
    w->ainv = gsl_matrix_alloc(p, p);
    w->beta = gsl_vector_alloc(p);
}

static void work_free(lmm_work *w)
{
    gsl_matrix_free(w->m);
    gsl_matrix_free(w->ainv);
    gsl_vector_free(w->beta);
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
    work_init(&w, s, reml);
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

/* Narrows [*lo, *hi] (in theta) around the minimum with Brent's method;
 * guess must lie below both ends. */
static double minimise(lmm_work *w, double *lo, double *hi, double guess)
{
    gsl_function f = { f_theta, w };
    gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    double x = guess;
    if (gsl_min_fminimizer_set(m, &f, guess, *lo, *hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            if (gsl_min_fminimizer_iterate(m) != GSL_SUCCESS)
                break;
            x = gsl_min_fminimizer_x_minimum(m);
            *lo = gsl_min_fminimizer_x_lower(m);
            *hi = gsl_min_fminimizer_x_upper(m);
            if (gsl_min_test_interval(*lo, *hi, 1e-12, 1e-10) == GSL_SUCCESS)
                break;
        }
    }
    gsl_min_fminimizer_free(m);
    return x;
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
    gsl_root_fsolver *r = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
    int rc = -1;
    if (gsl_root_fsolver_set(r, &g, lo, hi) == GSL_SUCCESS) {
        for (int it = 0; it < 200; it++) {
            if (gsl_root_fsolver_iterate(r) != GSL_SUCCESS)
                break;
            *lambda = gsl_root_fsolver_root(r);
            rc = 0;
            if (gsl_root_test_interval(gsl_root_fsolver_x_lower(r),
                    gsl_root_fsolver_x_upper(r), 1e-300, 4 * GSL_DBL_EPSILON) == GSL_SUCCESS)
                break;
        }
    }
    gsl_root_fsolver_free(r);
    return rc;
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
    if (k > 0 && f[k] < f[k - 1] && f[k] < f[k + 1])
        th = minimise(w, &lo, &hi, th);
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
 * beta = T beta_c + centre_y e_1 and vcov = T V_c T'.
 */
static void uncentre(const lmm_work *w, const dk_lmm_stats *s, double sigma2,
                     dk_lmm_fit *f)
{
    size_t p = (size_t)s->p;
    const double *c = s->centre;
    f->beta = malloc(p * sizeof *f->beta);
    f->se = malloc(p * sizeof *f->se);
    f->vcov = malloc(p * p * sizeof *f->vcov);
    f->centre = malloc((p + 1) * sizeof *f->centre);
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
}

int dk_lmm_fit_run(const dk_lmm_stats *s, int reml, dk_lmm_fit *f, dk_err *e)
{
    memset(f, 0, sizeof *f);
    if (check_sizes(s, e) != 0)
        return -1;
    lmm_work w;
    work_init(&w, s, reml);
    double lambda;
    int rc = optimum(&w, &lambda, e);
    if (rc == 0 && factor_at(&w, lambda) != 0)
        rc = dk_fail(e, "the fit failed: X'V^-1 X is not positive definite at "
                     "the optimum");
    if (rc != 0) {
        work_free(&w);
        return -1;
    }
    double dev = deviance_factored(&w, lambda);
    double sigma2 = rss_of(&w) / dof(&w);
    invert_a(&w);
    f->p = s->p;
    f->reml = reml;
    f->n = s->n;
    f->ngroups = s->ngroups;
    uncentre(&w, s, sigma2, f);
    f->theta = sqrt(lambda);
    f->var_resid = sigma2;
    f->var_group = sigma2 * lambda;
    f->boundary = lambda == 0;
    f->loglik = -dev / 2;
    double npar = (double)s->p + 2;
    f->aic = dev + 2 * npar;
    f->bic = dev + npar * log((double)s->n);
    work_free(&w);
    return 0;
}

void dk_lmm_fit_free(dk_lmm_fit *f)
{
    free(f->beta);
    free(f->se);
    free(f->vcov);
    free(f->centre);
    memset(f, 0, sizeof *f);
}

/* How much of column j (scaled to unit length) lies outside the span of
 * the accepted columns; coef gets the combination that comes closest. */
static double unexplained(const gsl_matrix *c, const size_t *acc, size_t m,
                          size_t j, gsl_vector *coef)
{
    if (m == 0)
        return 1;
    gsl_matrix *sub = gsl_matrix_alloc(m, m);
    gsl_vector *b = gsl_vector_alloc(m);
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

/* X'X scaled to unit diagonal; a column of zeros keeps its zero. */
static gsl_matrix *scaled_crossprod(const dk_lmm_stats *s)
{
    size_t p = (size_t)s->p, q = p + 1;
    gsl_matrix *c = gsl_matrix_alloc(p, p);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            double v = s->within[i * q + j];
            for (int k = 0; k < s->nsizes; k++)
                v += s->between[(size_t)k * q * q + i * q + j] / (double)s->size[k];
            gsl_matrix_set(c, i, j, v);
        }
    gsl_vector *d = gsl_vector_alloc(p);
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
    size_t *acc = malloc((p + 1) * sizeof *acc);
    gsl_vector *coef = gsl_vector_alloc(p + 1);
    dk_buf b = { 0 };
    int bad = 0;
    for (size_t j = 0; j < p; j++) {
        if (gsl_matrix_get(c, j, j) == 0) {
            /* centred, a column that never changes is all zeros */
            dk_buf_printf(&b, s->centre[j] == 0 ? "%s'%s' is zero in every row" :
                          "%s'%s' has the same value in every row (confounded with "
                          "'(Intercept)')", bad++ ? "; " : "", names[j]);
            continue;
        }
        if (unexplained(c, acc, m, j, coef) > 1e-9) {
            acc[m++] = j;
            continue;
        }
        dk_buf_printf(&b, "%s'%s' is confounded with ", bad++ ? "; " : "", names[j]);
        name_combination(&b, names, acc, m, coef);
    }
    int rc = bad ? dk_fail(e, "the fixed effects are not of full rank: %s (drop "
                           "or merge the confounded columns)", b.data) : 0;
    dk_buf_free(&b);
    gsl_vector_free(coef);
    free(acc);
    gsl_matrix_free(c);
    return rc;
}
