/*
 * fitmodel.c -- fitted vignette effects into the model's parameters.
 *
 * The model (model.h) is per sector and outcome: an intercept at the base
 * vignette, steps between the vignette levels of support-need and heavy
 * pupils, and (capability) one effect per support form against none.
 * With the vignette factors dummy-coded, each of those is a linear
 * combination w'beta of the fitted coefficients, whatever the reference
 * levels were, so its standard error is sqrt(w' V w).  The parameter's
 * range becomes the 90 % interval, +-1.645 standard errors.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/fit/fitmodel.h"

#define Z90 1.6448536269514722
/* Members drawn for a model written without an ensemble to keep, and the
 * seed of the draws (the same data give the same file). */
#define FIT_MEMBERS 1000
#define FIT_SEED 20261203UL

static const char *const ob_col = "support-needs", *const heavy_col = "heavy",
                         *const support_col = "support";

static int find_factor(const dk_fit_data *d, const char *name)
{
    for (int f = 0; f < d->nfac; f++)
        if (strcmp(d->fac[f].name, name) == 0)
            return f;
    return -1;
}

static int outcome_of(const char *name)
{
    for (int o = 0; o < DK_NOUTCOME; o++)
        if (strcmp(dk_outcome_name(o), name) == 0)
            return o;
    return -1;
}

/* The model's level names of a vignette factor, in order. */
static int model_levels(dk_sector s, const char *col, char names[][32])
{
    if (strcmp(col, support_col) == 0) {
        for (int f = 0; f < DK_NSUPPORT; f++)
            snprintf(names[f], 32, "%s", dk_support_name((dk_support)f));
        return DK_NSUPPORT;
    }
    const int *lv = strcmp(col, ob_col) == 0 ? dk_ob_levels(s) : dk_heavy_levels(s);
    for (int i = 0; i < DK_NLEVELS; i++)
        snprintf(names[i], 32, "%d", lv[i]);
    return DK_NLEVELS;
}

/* Level index in the data equal to name (numerically for numbers). */
static int data_level(const dk_fit_factor *f, const char *name)
{
    double a, b;
    for (int l = 0; l < f->nlev; l++)
        if (strcmp(f->lev[l], name) == 0 ||
            (dk_parse_double(f->lev[l], &a) == 0 && dk_parse_double(name, &b) == 0 && a == b))
            return l;
    return -1;
}

/* The levels of col in this fit are exactly the model's vignette levels. */
static int check_levels(const dk_fit_data *d, const dk_fit_design *x, dk_sector s,
                        const char *col, const char *subset, dk_err *e)
{
    const dk_fit_factor *fc = &d->fac[find_factor(d, col)];
    const int *code = x->col[find_factor(d, col)];
    char names[8][32], list[200] = "";
    int n = model_levels(s, col, names);
    for (int i = 0; i < n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
                 names[i]);
    for (int i = 0; i < n; i++) {
        int l = data_level(fc, names[i]);
        if (l < 0 || code[l] == -2)
            return dk_fail(e, "-o: column '%s' has no level %s in the rows of %s; the "
                           "%s model needs %s", col, names[i], subset,
                           dk_sector_name(s), list);
    }
    for (int l = 0; l < fc->nlev; l++) {
        int known = 0;
        for (int i = 0; i < n; i++)
            known |= data_level(fc, names[i]) == l;
        if (code[l] != -2 && !known)
            return dk_fail(e, "-o: column '%s' has level '%s' in the rows of %s, which "
                           "the %s model does not have (%s)", col, fc->lev[l], subset,
                           dk_sector_name(s), list);
    }
    return 0;
}

/* The factors are exactly those the outcome's model terms need. */
static int check_factors(const dk_fit_data *d, int o, const char *subset, dk_err *e)
{
    const char *need[3] = { ob_col, heavy_col, support_col };
    int nneed = DK_IS_NEED(o) ? 2 : 3;
    for (int f = 0; f < d->nfac; f++) {
        int known = 0;
        for (int i = 0; i < nneed; i++)
            known |= strcmp(d->fac[f].name, need[i]) == 0;
        if (!known)
            return dk_fail(e, "-o: factor '%s' has no term in the model for %s (its "
                           "factors are %s, %s%s%s)", d->fac[f].name, subset, ob_col,
                           heavy_col, nneed == 3 ? ", " : "", nneed == 3 ? support_col : "");
    }
    for (int i = 0; i < nneed; i++)
        if (find_factor(d, need[i]) < 0)
            return dk_fail(e, "-o: the model needs factor '%s' for %s", need[i], subset);
    if (d->ncov)
        return dk_fail(e, "-o: covariate '%s' has no term in the model; fit without "
                       "covariates to write a model", d->cov_name[0]);
    return 0;
}

/* Sector and outcome of fit x, after checking it maps onto the model. */
static int check_fit(const dk_fit_data *d, const dk_fit_design *x, dk_sector *s,
                     int *o, dk_err *e)
{
    char subset[300];
    dk_fit_subset_name(d, x->by, x->outcome, subset, sizeof subset);
    if (!d->by_name)
        return dk_fail(e, "-o: the model's effects are per sector: fit with --by "
                       "COLUMN whose values are po, vo or mbo");
    int sv = dk_sector_lookup(d->by_lev[x->by]);
    if (sv < 0)
        return dk_fail(e, "-o: --by %s: value '%s' is not a sector (po, vo or mbo)",
                       d->by_name, d->by_lev[x->by]);
    *s = (dk_sector)sv;
    if ((*o = outcome_of(d->out_name[x->outcome])) < 0)
        return dk_fail(e, "-o: outcome column '%s' is not one of the model's outcomes "
                       "(motivate, instruction, energy, calm, tailor, assistant, "
                       "extra-teacher, specialist-in, specialist-out, facility, "
                       "coaching)", d->out_name[x->outcome]);
    if (check_factors(d, *o, subset, e) != 0)
        return -1;
    for (int i = 0; i < (DK_IS_NEED(*o) ? 2 : 3); i++)
        if (check_levels(d, x, *s, i == 0 ? ob_col : i == 1 ? heavy_col : support_col,
                         subset, e) != 0)
            return -1;
    return 0;
}

/* Adds sign x (effect of a level against the fit's reference) to w. */
static void add_effect(const dk_fit_data *d, const dk_fit_design *x, const char *col,
                       const char *level, double sign, double *w)
{
    int f = find_factor(d, col);
    int c = x->col[f][data_level(&d->fac[f], level)];
    if (c >= 0)
        w[c] += sign;
}

/* w := the difference of two levels' effects (b - a), or one level's. */
static void contrast(const dk_fit_data *d, const dk_fit_design *x, const char *col,
                     const char *a, const char *b, double *w)
{
    memset(w, 0, (size_t)x->p * sizeof *w);
    add_effect(d, x, col, b, 1, w);
    if (a)
        add_effect(d, x, col, a, -1, w);
}

/* The rows of W: which parameter each is, and its weights on beta. */
static int weights(const dk_model *m, const dk_fit_data *d, const dk_fit_design *x,
                   dk_sector s, int o, int *param, double *w)
{
    const int *t = dk_model_terms(m, s, o);
    size_t p = (size_t)x->p;
    char ob[8][32], hv[8][32], sup[8][32];
    model_levels(s, ob_col, ob);
    model_levels(s, heavy_col, hv);
    model_levels(s, support_col, sup);
    int n = 0;
    contrast(d, x, ob_col, NULL, ob[0], w);         /* the base vignette */
    add_effect(d, x, heavy_col, hv[0], 1, w);
    if (!DK_IS_NEED(o))
        add_effect(d, x, support_col, sup[0], 1, w);
    w[0] = 1;
    param[n++] = t[DK_T_INTERCEPT];
    for (int i = 0; i < DK_NLEVELS - 1; i++) {
        contrast(d, x, ob_col, ob[i], ob[i + 1], w + (size_t)n * p);
        param[n++] = t[DK_T_OB1 + i];
        contrast(d, x, heavy_col, hv[i], hv[i + 1], w + (size_t)n * p);
        param[n++] = t[DK_T_HV1 + i];
    }
    for (int k = 1; !DK_IS_NEED(o) && k < DK_NSUPPORT; k++) {
        contrast(d, x, support_col, sup[0], sup[k], w + (size_t)n * p);
        param[n++] = t[DK_T_SUP1 + k - 1];
    }
    return n;
}

/* value = W beta, cov = W V W'. */
static void combine(const double *w, int n, const dk_lmm_fit *f, dk_fit_estimates *est)
{
    size_t p = (size_t)f->p;
    for (int a = 0; a < n; a++) {
        const double *wa = w + (size_t)a * p;
        est->value[a] = 0;
        for (size_t i = 0; i < p; i++)
            est->value[a] += wa[i] * f->beta[i];
        for (int b = a; b < n; b++) {     /* and mirrored: exactly symmetric */
            const double *wb = w + (size_t)b * p;
            double v = 0;
            for (size_t i = 0; i < p; i++)
                for (size_t j = 0; j < p; j++)
                    v += wa[i] * f->vcov[i * p + j] * wb[j];
            est->cov[(size_t)a * (size_t)n + (size_t)b] = v;
            est->cov[(size_t)b * (size_t)n + (size_t)a] = v;
        }
    }
}

int dk_fit_estimates_of(const dk_model *m, const dk_fit_data *d, const dk_fit_result *r,
                        dk_fit_estimates *est, dk_err *e)
{
    memset(est, 0, sizeof *est);
    dk_sector s;
    int o;
    if (check_fit(d, &r->x, &s, &o, e) != 0)
        return -1;
    int most = 1 + 2 * (DK_NLEVELS - 1) + DK_NSUPPORT;
    double *w = dk_calloc((size_t)most * (size_t)r->x.p, sizeof *w);
    est->param = dk_malloc((size_t)most * sizeof *est->param);
    est->value = dk_malloc((size_t)most * sizeof *est->value);
    est->cov = dk_malloc((size_t)most * (size_t)most * sizeof *est->cov);
    if (!w || !est->param || !est->value || !est->cov) {
        dk_free(w);
        dk_fit_estimates_free(est);
        return dk_fail_oom(e, "fit");
    }
    est->n = weights(m, d, &r->x, s, o, est->param, w);
    combine(w, est->n, &r->f, est);
    dk_free(w);
    return 0;
}

void dk_fit_estimates_free(dk_fit_estimates *est)
{
    dk_free(est->param);
    dk_free(est->value);
    dk_free(est->cov);
    memset(est, 0, sizeof *est);
}

/* Each estimated parameter := its value, range +-1.645 SE. */
static void set_params(dk_model *m, const dk_fit_estimates *est, const char *source)
{
    for (int a = 0; a < est->n; a++) {
        double v = est->value[a];
        double half = Z90 * sqrt(fmax(est->cov[(size_t)a * (size_t)est->n + (size_t)a], 0));
        dk_model_set(m, est->param[a], v, v - half, v + half, DK_PROV_FITTED, source);
    }
}

/* Today (UTC), or SOURCE_DATE_EPOCH's day for reproducible files. */
static void today(char out[16])
{
    const char *env = getenv("SOURCE_DATE_EPOCH");
    long sde;
    time_t now = env && dk_parse_long(env, &sde) == 0 && sde >= 0 ? (time_t)sde : time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, 16, "%Y-%m-%d", &tm);
}

static const char *base_name(const char *path)
{
    const char *s = strrchr(path, '/');
    return s ? s + 1 : path;
}

/* One SD per sector in the model, so the fitted outcomes' variances are
 * averaged; the range spans the outcomes' own SDs. */
static void set_sds(dk_model *m, dk_sector s, const double *sum, const double *lo,
                    const double *hi, int n, const char *source)
{
    int idx[2] = { dk_model_sector_param(m, s, DK_G_SD_TEACHER),
                   dk_model_sector_param(m, s, DK_G_SD_RESID) };
    for (int k = 0; k < 2; k++) {
        double v = sqrt(sum[k] / n);
        dk_model_set(m, idx[k], v, fmin(sqrt(lo[k]), v), fmax(sqrt(hi[k]), v),
                     DK_PROV_FITTED, source);
    }
}

static void pool_sds(dk_model *m, const dk_fit_data *d, const dk_fit_result *r,
                     const dk_sector *sect, int nfit, const char *date)
{
    for (int s = 0; s < DK_NSECTOR; s++) {
        double sum[2] = { 0, 0 }, lo[2] = { INFINITY, INFINITY }, hi[2] = { 0, 0 };
        int n = 0;
        for (int k = 0; k < nfit; k++) {
            if (sect[k] != (dk_sector)s)
                continue;
            double v[2] = { r[k].f.var_group, r[k].f.var_resid };
            for (int j = 0; j < 2; j++) {
                sum[j] += v[j];
                lo[j] = fmin(lo[j], v[j]);
                hi[j] = fmax(hi[j], v[j]);
            }
            n++;
        }
        if (n == 0)
            continue;
        char src[320];
        snprintf(src, sizeof src, "fitted from %.80s (%s; %s, root mean variance over "
                 "%d outcome%s, range their own SDs; %s)", base_name(d->path),
                 r[0].f.reml ? "REML" : "ML", dk_sector_name((dk_sector)s), n,
                 n == 1 ? "" : "s", date);
        set_sds(m, (dk_sector)s, sum, lo, hi, n, src);
    }
}

/*
 * The ensemble of a fitted model: in member r each fit's parameters are a
 * draw from their estimates' joint sampling distribution N(W beta, W V W'),
 * as x = value + Q sqrt(L) z with W V W' = Q L Q' (an eigen decomposition:
 * the covariance of combinations may be singular), and every other fitted
 * parameter (the pooled SDs) a PERT draw within its range.  Calibrated
 * parameters keep their member values.
 */
typedef struct {
    const dk_model *m;
    dk_fit_estimates *est;
    double **root;          /* per fit: n x n, Q sqrt(L) */
    int nfit;
    char *drawn;            /* per parameter: set by some fit */
    double *z;
    gsl_rng *rng;
} ensemble_fill;

static double *sampling_root(const dk_fit_estimates *est)
{
    size_t n = (size_t)est->n;
    gsl_matrix *c = gsl_matrix_alloc(n, n), *q = gsl_matrix_alloc(n, n);
    gsl_vector *l = gsl_vector_alloc(n);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(n);
    double *root = dk_malloc(n * n * sizeof *root + 1);
    if (c && q && l && w && root) {
        memcpy(c->data, est->cov, n * n * sizeof *est->cov);
        gsl_eigen_symmv(c, l, q, w);
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++)
                root[a * n + b] = gsl_matrix_get(q, a, b) * sqrt(fmax(gsl_vector_get(l, b), 0));
    } else {
        dk_free(root);
        root = NULL;
    }
    if (c) gsl_matrix_free(c);
    if (q) gsl_matrix_free(q);
    if (l) gsl_vector_free(l);
    if (w) gsl_eigen_symmv_free(w);
    return root;
}

static void fill_member(void *ctx, size_t r, double *theta)
{
    ensemble_fill *f = ctx;
    (void)r;
    for (int k = 0; k < f->nfit; k++) {
        const dk_fit_estimates *est = &f->est[k];
        for (int b = 0; b < est->n; b++)
            f->z[b] = gsl_ran_gaussian_ziggurat(f->rng, 1.0);
        for (int a = 0; a < est->n; a++) {
            double v = est->value[a];
            for (int b = 0; b < est->n; b++)
                v += f->root[k][(size_t)a * (size_t)est->n + (size_t)b] * f->z[b];
            theta[est->param[a]] = v;
        }
    }
    for (size_t i = 0; i < dk_model_nparam(f->m); i++) {
        const dk_param *p = dk_model_param(f->m, i);
        if (p->kind == DK_PROV_FITTED && !f->drawn[i])
            theta[i] = dk_param_pert(p, f->rng);
    }
}

static int fitted_ensemble(dk_model *m, dk_fit_estimates *est, int nfit, dk_err *e)
{
    ensemble_fill f = { m, est, dk_calloc((size_t)nfit + 1, sizeof(double *)), nfit,
                        dk_calloc(dk_model_nparam(m) + 1, 1), NULL,
                        gsl_rng_alloc(gsl_rng_mt19937) };
    int nmax = 1, rc = f.root && f.drawn && f.rng ? 0 : -1;
    for (int k = 0; k < nfit && rc == 0; k++) {
        nmax = est[k].n > nmax ? est[k].n : nmax;
        rc = (f.root[k] = sampling_root(&est[k])) ? 0 : -1;
        for (int a = 0; a < est[k].n; a++)
            f.drawn[est[k].param[a]] = 1;
    }
    if (rc == 0 && !(f.z = dk_malloc((size_t)nmax * sizeof *f.z)))
        rc = -1;
    if (rc == 0) {
        gsl_rng_set(f.rng, FIT_SEED);
        size_t K = dk_model_nmember(m) ? dk_model_nmember(m) : FIT_MEMBERS;
        rc = dk_model_rebuild_members(m, K, fill_member, &f);
    }
    for (int k = 0; f.root && k < nfit; k++)
        dk_free(f.root[k]);
    dk_free(f.root);
    dk_free(f.drawn);
    dk_free(f.z);
    if (f.rng)
        gsl_rng_free(f.rng);
    return rc ? dk_fail_oom(e, "fit: the fitted model's ensemble") : 0;
}

int dk_fit_model(dk_model *m, const dk_fit_data *d, const dk_fit_result *r, int nfit,
                 dk_err *e)
{
    dk_sector *sect = dk_malloc(((size_t)nfit + 1) * sizeof *sect);
    int *out = dk_malloc(((size_t)nfit + 1) * sizeof *out);
    dk_fit_estimates *ests = dk_calloc((size_t)nfit + 1, sizeof *ests);
    int rc = sect && out && ests ? 0 : dk_fail_oom(e, "fit");
    for (int k = 0; k < nfit && rc == 0; k++)
        rc = check_fit(d, &r[k].x, &sect[k], &out[k], e);
    char date[16], src[320];
    today(date);
    for (int k = 0; k < nfit && rc == 0; k++) {
        const dk_lmm_fit *f = &r[k].f;
        snprintf(src, sizeof src, "fitted from %.80s (%s; %s %s: n=%ld in %ld groups; "
                 "%s); range +-1.645 SE", base_name(d->path), f->reml ? "REML" : "ML",
                 dk_sector_name(sect[k]), dk_outcome_name(out[k]), f->n, f->ngroups, date);
        rc = dk_fit_estimates_of(m, d, &r[k], &ests[k], e);
        if (rc == 0)
            set_params(m, &ests[k], src);
    }
    if (rc == 0)
        pool_sds(m, d, r, sect, nfit, date);
    if (rc == 0)
        rc = fitted_ensemble(m, ests, nfit, e);
    for (int k = 0; ests && k < nfit; k++)
        dk_fit_estimates_free(&ests[k]);
    dk_free(ests);
    dk_free(sect);
    dk_free(out);
    return rc;
}

int dk_fit_model_text(const dk_model *m, dk_buf *b, dk_err *e)
{
    dk_model_write(m, b);
    if (b->oom)
        return dk_fail_oom(e, "fit");
    dk_model check;
    dk_err why = dk_err_like(e);
    if (dk_model_parse(&check, "(fitted model)", b->data, b->len, &why) != 0)
        return dk_fail(e, "-o: the fitted model would not load, so it is not written: "
                       "%.600s", why.msg);
    dk_model_free(&check);
    return 0;
}
