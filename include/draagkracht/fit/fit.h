/*
 * fit.h -- linear mixed models with a random intercept per group,
 *
 *     y = X b + u[group] + e,   u ~ N(0, var_group),  e ~ N(0, var_resid),
 *
 * fitted by REML or ML the way R's lme4 does (lmer(y ~ X + (1 | group))).
 *
 * The marginal covariance is block compound symmetric, so with the ratio
 * lambda = var_group / var_resid every quantity the likelihood needs is a
 * weighted sum of per-group cross-products, and groups of one size share
 * their weight.  One pass over the observations collects those sums
 * (dk_lmm_stats); after that each likelihood evaluation costs
 * O(sizes * p^2 + p^3), whatever the number of observations.
 */
#ifndef DRAAGKRACHT_FIT_H
#define DRAAGKRACHT_FIT_H

#include <stddef.h>

#include "draagkracht/base/text.h"

/*
 * Sufficient statistics of z = [x, y] (p fixed-effect columns, then y),
 * with every column but the intercept (column 0, all ones) centred on
 * its mean: adding a constant to a column then changes nothing but
 * centre[], so results do not depend on where the data's origin is.
 */
typedef struct {
    int p;
    long n, ngroups;
    double *centre;     /* p+1: the column means taken off (centre[0] = 0) */
    double *within;     /* (p+1)^2: sum of cross-products of z about its group mean */
    int nsizes;
    long *size;         /* distinct group sizes, ascending */
    long *count;        /* groups of each size */
    double *between;    /* nsizes blocks of (p+1)^2: sum over groups of s s', s = group sum of z */
    long nslots;        /* groups as numbered by the accumulator, empty ones too */
    long *cnt;          /* per slot: observations */
    double *mean;       /* per slot: p+1 centred column means (conditional modes) */
} dk_lmm_stats;

/* Collects dk_lmm_stats in one pass; groups are 0..ngroups-1.  Each row
 * is taken relative to the first (shift), so the running means and
 * cross-products are of numbers of the data's spread, not its size. */
typedef struct {
    int p;
    long ngroups, n;
    long *cnt;
    double *mean;       /* ngroups x (p+1) running group means */
    double *within;
    double *shift;      /* p+1: the first row (0 for the intercept) */
    double *dz;         /* scratch */
} dk_lmm_acc;

/* 0, or -1 (a empty) when out of memory. */
int dk_lmm_acc_init(dk_lmm_acc *a, int p, long ngroups);
/* z holds p predictors, then the response. */
void dk_lmm_acc_add(dk_lmm_acc *a, long group, const double *z);
/* Moves the sums into s (groups without observations are left out of
 * the size classes) and frees a; -1 (s empty) when out of memory. */
int dk_lmm_acc_finish(dk_lmm_acc *a, dk_lmm_stats *s);
void dk_lmm_stats_free(dk_lmm_stats *s);

/*
 * Fails, naming the columns, when X is not of full column rank: each
 * column that is (numerically) a combination of earlier ones is listed
 * with the columns it is confounded with.
 */
int dk_lmm_rank_check(const dk_lmm_stats *s, const char *const *names, dk_err *e);

typedef struct {
    int p, reml;
    long n, ngroups;
    double *beta, *se, *vcov;   /* p, p, p x p (as lme4's vcov()) */
    double *centre;             /* p+1: the stats' centre (x, then y) */
    double icept_c;             /* the intercept at the centre: y - centre_y = icept_c + ... */
    double var_group, var_resid;
    double theta;               /* sqrt(lambda), lme4's getME(fit, "theta") */
    double loglik, aic, bic;    /* logLik(): the REML criterion for REML fits */
    double deviance;            /* -2 loglik: the REML criterion for REML fits */
    long df_resid;              /* n - p - 2, as lme4's df.residual() */
    int boundary;               /* var_group estimated as exactly 0 */
    /* Convergence: d deviance / d theta at the optimum, and the Newton
     * step it implies (gradient / curvature), how far theta can be from
     * the true optimum; converged when that is below 1e-9 (1 + theta),
     * or, on the boundary, when the criterion rises from theta = 0. */
    double gradient, theta_step;
    int converged;
} dk_lmm_fit;

/* Fits by REML (reml = 1) or ML; -1 with e set when the data cannot
 * separate the variances or the fit fails. */
int dk_lmm_fit_run(const dk_lmm_stats *s, int reml, dk_lmm_fit *f, dk_err *e);
void dk_lmm_fit_free(dk_lmm_fit *f);

/* -2 log-likelihood (or REML criterion) at theta = sqrt(lambda); for
 * tests (NaN when out of memory). */
double dk_lmm_deviance(const dk_lmm_stats *s, int reml, double theta);

/*
 * Intervals at confidence level (say 0.95), as lme4's confint(): Wald for
 * the fixed effects (beta +- z se); for the group and residual standard
 * deviations the profile likelihood, where the ML deviance minimised over
 * everything else rises by qchisq(level, 1) above its minimum.  Like lme4,
 * which refits REML models by ML before profiling, the profiles are of the
 * ML likelihood whatever the fit's method.  The ICC, var_group /
 * (var_group + var_residual), has the interval of the same profile over
 * theta (the ICC is theta^2 / (1 + theta^2)).  A lower end is 0 where the
 * profile stays below the cut-off all the way down.  Where the data admit
 * no ML fit (the REML fit stands; ML puts all variation in the groups) the
 * profile intervals are NaN.
 */
typedef struct {
    double level;
    double *lower, *upper;      /* p: fixed effects */
    double sd_group[2], sd_resid[2];
    double icc, icc_ci[2];
} dk_lmm_ci;

/* 0, or -1 with e set when out of memory. */
int dk_lmm_intervals(const dk_lmm_stats *s, const dk_lmm_fit *f, double level,
                     dk_lmm_ci *ci, dk_err *e);
void dk_lmm_ci_free(dk_lmm_ci *ci);

/* The conditional mode of the random intercept of accumulator group slot
 * (lme4's ranef()) and its conditional SD (sqrt of ranef(condVar =
 * TRUE)'s postVar: var_resid lambda / (1 + n lambda), given beta). */
void dk_lmm_ranef(const dk_lmm_stats *s, const dk_lmm_fit *f, long slot,
                  double *mode, double *sd);
/* x'beta for one row of p predictors (x[0] = 1), computed about the
 * centre so that large offsets cost no precision. */
double dk_lmm_fixed_part(const dk_lmm_fit *f, const double *x);

/*
 * Likelihood-ratio test of the model without some fixed-effect columns
 * (m0) against the full model (m1), both fitted by ML, as lme4's
 * anova(m0, m1).  keep lists, ascending, the columns m0 keeps (0, the
 * intercept, among them).
 */
typedef struct {
    int npar[2];                /* p + 2 of each model */
    double loglik[2], aic[2], bic[2], deviance[2];
    double chisq, p_value;
    int df;
} dk_lmm_lrt;

int dk_lmm_compare(const dk_lmm_stats *s, const int *keep, int nkeep, dk_lmm_lrt *r,
                   dk_err *e);


/* ---- data: vignette responses read from CSV(.gz) for fitting ---- */

/* A factor column: level names, sorted (numerically when every level is
 * a number, else byte-wise as R's sort(method = "radix")), and per row
 * the level's index. */
typedef struct {
    char *name;
    int nlev;
    char **lev;
    int *code;
} dk_fit_factor;

typedef struct {
    const char *group;          /* random-intercept column */
    const char *by;             /* separate fits per value, or NULL */
    const char *const *outcomes, *const *factors, *const *covariates; /* NULL-ended */
} dk_fit_spec;

typedef struct {
    char *path, *group_col, *by_name;
    long nrows, ngroups;
    long rows_read;             /* data records in the file */
    long rows_no_outcome;       /* of those, left out: no outcome has a value */
    long *row;                  /* per row kept: its record number in the file, from 1 */
    char **group_name;          /* per group, in order of first appearance */
    int *group;                 /* per row */
    int nby;                    /* 1 without --by */
    char **by_lev;              /* by values, sorted like factor levels */
    int *by;                    /* per row */
    int nfac, ncov, nout;
    dk_fit_factor *fac;
    char **cov_name, **out_name;
    double *cov, *out;          /* row-major; outcomes NaN where missing */
} dk_fit_data;

/*
 * Reads the columns spec names in one streaming pass.  A row is kept when
 * at least one outcome is present ("" and "NA" are missing); its group,
 * factors and covariates must then be present and covariates numeric.
 * Errors name file:line and the column.
 */
int dk_fit_data_load(dk_fit_data *d, const char *path, const dk_fit_spec *spec,
                     dk_err *e);
void dk_fit_data_free(dk_fit_data *d);
int dk_fit_level(const dk_fit_factor *f, const char *level);   /* -1 if absent */
/* "outcome 'tailor' (sector=po)": names a subset in messages. */
void dk_fit_subset_name(const dk_fit_data *d, int by, int o, char *buf, size_t n);

/* One outcome within one by-value, coded: intercept, one dummy per
 * non-reference level present, covariates. */
typedef struct {
    int by, outcome, p;
    char **names;               /* "(Intercept)", "COL=LEVEL", covariate */
    int **col;                  /* [factor][level]: column, -1 reference, -2 absent */
    int *ref;                   /* reference level per factor */
    long *slot;                 /* per data group: its slot in stats, -1 if absent */
    long *group_of;             /* per slot: the data group */
    dk_lmm_stats stats;
} dk_fit_design;

/* ref[f] is the requested reference level of factor f, or -1 for the
 * first level present. */
int dk_fit_design_build(const dk_fit_data *d, int by, int outcome, const int *ref,
                        dk_fit_design *x, dk_err *e);
void dk_fit_design_free(dk_fit_design *x, int nfac);

/* Whether data row r is one of design x's observations. */
int dk_fit_design_has(const dk_fit_data *d, const dk_fit_design *x, long r);
/* The fitted value of such a row (lme4's fitted(): the fixed part plus
 * the group's conditional mode); z is scratch room for x->p + 1 numbers. */
double dk_fit_fitted(const dk_fit_data *d, const dk_fit_design *x, const dk_lmm_fit *f,
                     long r, double *z);
/* The columns of x that a model without the factors and covariates named
 * in drop (NULL-ended) keeps, ascending, into keep (room for x->p);
 * returns how many, or -1 with e set when a name is not one of them. */
int dk_fit_design_keep(const dk_fit_data *d, const dk_fit_design *x,
                       const char *const *drop, int *keep, dk_err *e);


/* ---- every model a run asks for: fits, intervals, comparisons ---- */

typedef struct {
    int reml;
    double level;                   /* of the intervals, e.g. 0.95 */
    const char *const *compare;     /* columns m0 drops (NULL-ended), or NULL */
} dk_fit_options;

/* One outcome within one by-value, fitted. */
typedef struct {
    dk_fit_design x;
    dk_lmm_fit f;
    dk_lmm_ci ci;
    int has_lrt;
    dk_lmm_lrt lrt;             /* with options.compare */
    long missing;               /* rows of this by-value without this outcome */
} dk_fit_result;

/*
 * Builds, checks and fits every outcome within every by-value into res
 * (d->nby * d->nout entries, by-value major), with intervals and, given
 * compare, the likelihood-ratio test; -1 with e set, naming the subset,
 * on the first that fails.  res must be zeroed first and is freed with
 * dk_fit_results_free whether or not the fits succeed.  ref as for dk_fit_design_build.
 */
int dk_fit_all(const dk_fit_data *d, const int *ref, const dk_fit_options *o,
               dk_fit_result *res, dk_err *e);
void dk_fit_results_free(dk_fit_result *res, int n, int nfac);

/* The model in lme4's notation, "y ~ factor(a) + x + (1 | g)", without
 * the columns in drop (NULL-ended, or NULL); names R would not read bare
 * are in backquotes. */
void dk_fit_formula(const dk_fit_data *d, int outcome, const char *const *drop,
                    dk_buf *b);

#endif
