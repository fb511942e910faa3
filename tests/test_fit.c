/* test_fit.c -- the mixed-model fit against lme4, the CSV reader, and
 * `draagkracht fit` end to end. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "t.h"
#include "readers.h"
#include "draagkracht/io/csv.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/fit/fit.h"
#include "draagkracht/fit/fitmodel.h"

#define REF_P 32
#define REF_GROUPS 64
#define REF_ROWS 640

/* One method block of a NAME.lme4.txt file (lme4_reference.R says what
 * each line is). */
typedef struct {
    int p;
    char names[REF_P][64];
    double beta[REF_P], se[REF_P], wald[REF_P][2], vcov[REF_P][REF_P];
    double var_group, var_resid, theta, loglik, deviance, aic, bic;
    long n, ngroups, df_resid;
    int singular;
    double sd_group_ci[2], sigma_ci[2], sd_group_exact[2], sigma_exact[2], icc[3];
    int nranef, nfitted, has_lrt;
    int profile_warned;     /* lme4's profile() warned: its confint is a fallback */
    char ranef_group[REF_GROUPS][64];
    double ranef[REF_GROUPS][2];
    long row[REF_ROWS];
    double fitted[REF_ROWS][2];
    int lrt_npar[2], lrt_df;
    double lrt[11];     /* aic, bic, loglik, deviance (m0, m1 each), chisq, p */
} lme4_ref;

typedef struct {
    char outcome[64], factors[256], covariates[256], group[64], compare[256];
    lme4_ref m[2];          /* REML, ML */
} lme4_file;

/* The lines of one value or a pair: "KEY V" or "KEY LO HI". */
static int ref_values(lme4_ref *r, const char *line)
{
    char key[64];
    double v[3];
    int n = sscanf(line, "%63s %lf %lf %lf", key, &v[0], &v[1], &v[2]);
    const char *one[] = { "var_group", "var_residual", "theta", "loglik", "deviance",
                          "aic", "bic" };
    double *dst[] = { &r->var_group, &r->var_resid, &r->theta, &r->loglik, &r->deviance,
                      &r->aic, &r->bic };
    for (int k = 0; n >= 2 && k < 7; k++)
        if (strcmp(key, one[k]) == 0)
            *dst[k] = v[0];
    const char *ints[] = { "n_obs", "n_groups", "df_residual" };
    long *idst[] = { &r->n, &r->ngroups, &r->df_resid };
    for (int k = 0; n >= 2 && k < 3; k++)
        if (strcmp(key, ints[k]) == 0)
            *idst[k] = (long)v[0];
    if (n >= 2 && strcmp(key, "singular") == 0)
        r->singular = (int)v[0];
    const char *two[] = { "sd_group_ci", "sigma_ci", "sd_group_ci_exact", "sigma_ci_exact" };
    double *pair[] = { r->sd_group_ci, r->sigma_ci, r->sd_group_exact, r->sigma_exact };
    for (int k = 0; n >= 3 && k < 4; k++)
        if (strcmp(key, two[k]) == 0)
            memcpy(pair[k], v, 2 * sizeof *v);
    if (n == 4 && strcmp(key, "icc") == 0)
        memcpy(r->icc, v, sizeof v);
    return 0;
}

static void ref_lrt(lme4_ref *r, const char *line)
{
    double *x = r->lrt;
    r->has_lrt = sscanf(line, "lrt %d %d %lf %lf %lf %lf %lf %lf %lf %lf %lf %d %lf",
                        &r->lrt_npar[0], &r->lrt_npar[1], &x[0], &x[1], &x[2], &x[3],
                        &x[4], &x[5], &x[6], &x[7], &x[8], &r->lrt_df, &x[9]) == 13;
}

/* The index of coefficient name in r (r->p if absent). */
static int ref_index(const lme4_ref *r, const char *name)
{
    int i = 0;
    while (i < r->p && strcmp(r->names[i], name) != 0)
        i++;
    return i;
}

static void ref_line(lme4_ref *r, const char *line)
{
    char a[64], b[64];
    double v[4];
    if (sscanf(line, "fixed %63s %lf %lf %lf %lf", a, &v[0], &v[1], &v[2], &v[3]) == 5 &&
        r->p < REF_P) {
        snprintf(r->names[r->p], 64, "%s", a);
        r->beta[r->p] = v[0];
        r->se[r->p] = v[1];
        r->wald[r->p][0] = v[2];
        r->wald[r->p++][1] = v[3];
    } else if (sscanf(line, "vcov %63s %63s %lf", a, b, &v[0]) == 3) {
        int i = ref_index(r, a), j = ref_index(r, b);
        if (i < r->p && j < r->p)
            r->vcov[i][j] = v[0];
    } else if (sscanf(line, "ranef %63s %lf %lf", a, &v[0], &v[1]) == 3 &&
               r->nranef < REF_GROUPS) {
        snprintf(r->ranef_group[r->nranef], 64, "%s", a);
        r->ranef[r->nranef][0] = v[0];
        r->ranef[r->nranef++][1] = v[1];
    } else if (sscanf(line, "fitted %ld %lf %lf", &r->row[r->nfitted], &v[0], &v[1]) == 3 &&
               r->nfitted < REF_ROWS) {
        r->fitted[r->nfitted][0] = v[0];
        r->fitted[r->nfitted++][1] = v[1];
    } else if (strncmp(line, "profile_warning ", 16) == 0) {
        r->profile_warned = 1;
    } else if (strncmp(line, "lrt ", 4) == 0) {
        ref_lrt(r, line);
    } else {
        ref_values(r, line);
    }
}

static int read_lme4(const char *path, lme4_file *f)
{
    memset(f, 0, sizeof *f);
    char *text = t_slurp(path, NULL), *save;
    if (!text)
        return -1;
    int m = -1;
    for (char *line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (sscanf(line, "spec %63s %255s %255s %63s", f->outcome, f->factors,
                   f->covariates, f->group) == 4 ||
            sscanf(line, "compare %255s", f->compare) == 1)
            continue;
        if (strncmp(line, "method ", 7) == 0)
            m = strcmp(line + 7, "REML") == 0 ? 0 : 1;
        else if (m >= 0)
            ref_line(&f->m[m], line);
    }
    free(text);
    return m < 0 ? -1 : 0;
}

/* Comma list (or "-") into a NULL-ended array, in place. */
static void split(char *s, const char **list)
{
    int n = 0;
    char *save;
    if (strcmp(s, "-") != 0)
        for (char *t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save))
            list[n++] = t;
    list[n] = NULL;
}

static double rel(double a, double b)
{
    return b == 0 ? fabs(a) : fabs(a - b) / fabs(b);
}

/* The tolerances: fixed effects and log-likelihood 1e-6 absolute,
 * variances (and standard errors) 1e-5 relative. */
static void compare(t_ctx *t, const char *name, const char *method,
                    const dk_fit_design *x, const dk_lmm_fit *f, const lme4_ref *r)
{
    double dbeta = 0, dse = 0, dvc = 0;
    int names_ok = f->p == r->p;
    for (int i = 0; names_ok && i < f->p; i++) {
        names_ok = strcmp(x->names[i], r->names[i]) == 0;
        dbeta = fmax(dbeta, fabs(f->beta[i] - r->beta[i]));
        dse = fmax(dse, rel(f->se[i], r->se[i]));
        for (int j = 0; j < f->p; j++)
            dvc = fmax(dvc, fabs(f->vcov[i * f->p + j] - r->vcov[i][j]) /
                            (r->se[i] * r->se[j]));
    }
    double dvg = r->var_group == 0 ? fabs(f->var_group) : rel(f->var_group, r->var_group);
    double dvr = rel(f->var_resid, r->var_resid);
    double dth = r->theta == 0 ? fabs(f->theta) : rel(f->theta, r->theta);
    double dll = fmax(fabs(f->loglik - r->loglik), fabs(f->deviance - r->deviance) / 2);
    double dic = fmax(fabs(f->aic - r->aic), fabs(f->bic - r->bic));
    char tn[200];
    snprintf(tn, sizeof tn, "fit: %s %s agrees with lme4", name, method);
    t_ok(t, names_ok && f->n == r->n && f->ngroups == r->ngroups && dbeta <= 1e-6 &&
         dse <= 1e-5 && dvc <= 1e-5 && dvg <= 1e-5 && dvr <= 1e-5 && dth <= 1e-5 &&
         dll <= 1e-6 && dic <= 1e-6 && f->df_resid == r->df_resid &&
         f->boundary == r->singular && f->converged, tn,
         "names %s, n %ld/%ld, groups %ld/%ld, df %ld/%ld, boundary %d/%d, converged %d; "
         "max |d beta| %.3g, se rel %.3g, vcov rel %.3g, var_group rel %.3g, var_resid rel "
         "%.3g, theta rel %.3g, |d loglik| %.3g, |d AIC/BIC| %.3g",
         names_ok ? "match" : "differ", f->n, r->n, f->ngroups, r->ngroups, f->df_resid,
         r->df_resid, f->boundary, r->singular, f->converged, dbeta, dse, dvc, dvg, dvr,
         dth, dll, dic);
}

/* Relative difference of two intervals (0 against 0 is no difference). */
static double rel_ci(const double *a, const double *b)
{
    return fmax(rel(a[0], b[0]), rel(a[1], b[1]));
}

/* Intervals: 1e-5 relative to lme4's confint and ICC, and 1e-7 to the
 * roots of lme4's own profiled deviance; where lme4's profile() warned
 * (a singular fit's non-monotonic profile) its confint is a fallback, and
 * only the roots count. */
static void compare_intervals(t_ctx *t, const char *name, const dk_fit_design *x,
                              const dk_lmm_fit *f, const lme4_ref *r)
{
    dk_lmm_ci ci;
    char tn[200];
    snprintf(tn, sizeof tn, "fit: %s %s intervals agree with lme4's %s", name,
             f->reml ? "REML" : "ML", r->profile_warned ? "profile roots (its confint "
             "warns)" : "confint");
    dk_lmm_intervals(&x->stats, f, 0.95, &ci, NULL);
    double dw = 0;
    for (int i = 0; i < f->p; i++)
        dw = fmax(dw, fmax(rel(ci.lower[i], r->wald[i][0]), rel(ci.upper[i], r->wald[i][1])));
    double dg = rel_ci(ci.sd_group, r->sd_group_ci), ds = rel_ci(ci.sd_resid, r->sigma_ci);
    double xg = rel_ci(ci.sd_group, r->sd_group_exact), xs = rel_ci(ci.sd_resid, r->sigma_exact);
    double di = fmax(rel(ci.icc, r->icc[0]), rel_ci(ci.icc_ci, r->icc + 1));
    int lme4_ok = r->profile_warned || (dg <= 1e-5 && ds <= 1e-5);
    t_ok(t, dw <= 1e-5 && lme4_ok && di <= 1e-5 && xg <= 1e-7 && xs <= 1e-7,
         tn, "rel: Wald %.3g, sd_group %.3g (exact roots %.3g), sigma %.3g (exact %.3g), "
         "icc %.3g; sd_group [%.10g, %.10g], sigma [%.10g, %.10g], icc %.10g [%.10g, %.10g]",
         dw, dg, xg, ds, xs, di, ci.sd_group[0], ci.sd_group[1], ci.sd_resid[0],
         ci.sd_resid[1], ci.icc, ci.icc_ci[0], ci.icc_ci[1]);
    dk_lmm_ci_free(&ci);
}

/* |a - b| against b, or against scale where b is near 0. */
static double rel_scaled(double a, double b, double scale)
{
    return fabs(a - b) / fmax(fabs(b), scale);
}

/* Conditional modes and SDs per group, fitted values and residuals per
 * row, 1e-5 relative (near 0, relative to the conditional SD or sigma). */
static void compare_ranef(t_ctx *t, const char *name, const dk_fit_data *d,
                          const dk_fit_design *x, const dk_lmm_fit *f, const lme4_ref *r)
{
    double dm = 0, dfit = 0;
    int found = 0, rows = 0;
    for (int k = 0; k < r->nranef; k++)
        for (long s = 0; s < x->stats.nslots; s++) {
            if (strcmp(d->group_name[x->group_of[s]], r->ranef_group[k]) != 0)
                continue;
            double mode, sd;
            dk_lmm_ranef(&x->stats, f, s, &mode, &sd);
            dm = fmax(dm, fmax(rel_scaled(mode, r->ranef[k][0], r->ranef[k][1]),
                               rel_scaled(sd, r->ranef[k][1], 1e-300)));
            found++;
        }
    double *z = malloc(((size_t)x->p + 1) * sizeof *z), sigma = sqrt(f->var_resid);
    for (long row = 0; row < d->nrows; row++)
        for (int k = 0; k < r->nfitted; k++)
            if (d->row[row] == r->row[k] && dk_fit_design_has(d, x, row)) {
                double fit = dk_fit_fitted(d, x, f, row, z);
                double y = d->out[(size_t)row * (size_t)d->nout + (size_t)x->outcome];
                dfit = fmax(dfit, fmax(rel_scaled(fit, r->fitted[k][0], sigma),
                                       rel_scaled(y - fit, r->fitted[k][1], sigma)));
                rows++;
            }
    free(z);
    char tn[200];
    snprintf(tn, sizeof tn, "fit: %s %s conditional modes and fitted values agree with lme4",
             name, f->reml ? "REML" : "ML");
    t_ok(t, found == r->nranef && found == x->stats.ngroups && rows == r->nfitted &&
         rows == f->n && dm <= 1e-5 && dfit <= 1e-5, tn,
         "groups %d of %d (fit: %ld), rows %d of %d (fit: %ld); rel: modes and SDs %.3g, "
         "fitted and residuals %.3g", found, r->nranef, x->stats.ngroups, rows, r->nfitted,
         f->n, dm, dfit);
}

/* anova(m0, m1), m0 without the reference file's "compare" columns. */
static void compare_lrt(t_ctx *t, const char *name, const dk_fit_data *d,
                        const dk_fit_design *x, char *drop_list, const lme4_ref *r)
{
    const char *drop[16];
    char tn[200];
    split(drop_list, drop);
    snprintf(tn, sizeof tn, "fit: %s likelihood-ratio test agrees with lme4's anova", name);
    int keep[REF_P];
    dk_lmm_lrt l;
    dk_err e = { 0 };
    int nkeep = dk_fit_design_keep(d, x, drop, keep, &e);
    if (nkeep < 0 || dk_lmm_compare(&x->stats, keep, nkeep, &l, &e) != 0) {
        t_ok(t, 0, tn, "%s", e.msg);
        return;
    }
    double got[10] = { l.aic[0], l.aic[1], l.bic[0], l.bic[1], l.loglik[0], l.loglik[1],
                       l.deviance[0], l.deviance[1], l.chisq, l.p_value };
    double worst = 0;
    for (int k = 0; k < 10; k++)
        worst = fmax(worst, rel(got[k], r->lrt[k]));
    t_ok(t, r->has_lrt && l.npar[0] == r->lrt_npar[0] && l.npar[1] == r->lrt_npar[1] &&
         l.df == r->lrt_df && worst <= 1e-5, tn,
         "npar %d/%d vs %d/%d, df %d vs %d, worst rel %.3g (chisq %.10g vs %.10g, p %.6g vs %.6g)",
         l.npar[0], l.npar[1], r->lrt_npar[0], r->lrt_npar[1], l.df, r->lrt_df, worst,
         l.chisq, r->lrt[8], l.p_value, r->lrt[9]);
}

/* The criterion at the reported theta is -2 logLik, and no lower nearby. */
static void check_optimum(t_ctx *t, const char *name, const dk_fit_design *x,
                          const dk_lmm_fit *f)
{
    double d0 = dk_lmm_deviance(&x->stats, f->reml, f->theta);
    double lo = dk_lmm_deviance(&x->stats, f->reml, fmax(0, f->theta - 1e-4));
    double hi = dk_lmm_deviance(&x->stats, f->reml, f->theta + 1e-4);
    char tn[200];
    snprintf(tn, sizeof tn, "fit: %s %s sits at the criterion's minimum", name,
             f->reml ? "REML" : "ML");
    t_ok(t, fabs(d0 + 2 * f->loglik) < 1e-9 && lo >= d0 && hi >= d0, tn,
         "deviance %.12g, -2 loglik %.12g, at theta -/+ 1e-4: %.12g %.12g", d0,
         -2 * f->loglik, lo, hi);
}

static void against_lme4(t_ctx *t, const char *name)
{
    char path[600], csv[600];
    snprintf(path, sizeof path, "%s/tests/data/fit/%s.lme4.txt", t->root, name);
    snprintf(csv, sizeof csv, "%s/tests/data/fit/%s.csv", t->root, name);
    lme4_file *ref = malloc(sizeof *ref);
    if (read_lme4(path, ref) != 0) {
        t_ok(t, 0, name, "cannot read %s", path);
        free(ref);
        return;
    }
    const char *outcomes[2] = { ref->outcome, NULL }, *factors[16], *covs[16];
    split(ref->factors, factors);
    split(ref->covariates, covs);
    dk_fit_spec spec = { ref->group, NULL, outcomes, factors, covs };
    dk_fit_data d;
    dk_err e = { 0 };
    if (dk_fit_data_load(&d, csv, &spec, &e) != 0) {
        t_ok(t, 0, name, "%s", e.msg);
        free(ref);
        return;
    }
    dk_fit_design x;
    int built = dk_fit_design_build(&d, 0, 0, NULL, &x, &e) == 0;
    int ok = built && dk_lmm_rank_check(&x.stats, (const char *const *)x.names, &e) == 0;
    for (int m = 0; ok && m < 2; m++) {
        dk_lmm_fit f;
        if (dk_lmm_fit_run(&x.stats, m == 0, &f, &e) != 0) {
            t_ok(t, 0, name, "%s", e.msg);
            continue;
        }
        compare(t, name, m == 0 ? "REML" : "ML", &x, &f, &ref->m[m]);
        check_optimum(t, name, &x, &f);
        compare_intervals(t, name, &x, &f, &ref->m[m]);
        compare_ranef(t, name, &d, &x, &f, &ref->m[m]);
        dk_lmm_fit_free(&f);
    }
    if (ok && strcmp(ref->compare, "-") != 0)
        compare_lrt(t, name, &d, &x, ref->compare, &ref->m[0]);
    if (!ok)
        t_ok(t, 0, name, "%s", e.msg);
    if (built)
        dk_fit_design_free(&x, d.nfac);
    dk_fit_data_free(&d);
    free(ref);
}

/* One change of units: outcome y -> a y + c, first covariate x -> b x + d. */
typedef struct {
    double a, c, b, d;
} t_units;

/* Applies u to the outcome and the first covariate of d, in place. */
static void change_units(dk_fit_data *d, const t_units *u)
{
    for (long r = 0; r < d->nrows; r++) {
        double *y = &d->out[(size_t)r * (size_t)d->nout];
        *y = u->a * *y + u->c;
        if (d->ncov)
            d->cov[(size_t)r * (size_t)d->ncov] = u->b * d->cov[(size_t)r * (size_t)d->ncov] + u->d;
    }
}

/* Fits f (REML or ML) on the named dataset after the change of units u. */
static int fit_units(t_ctx *t, const char *name, const dk_fit_spec *spec, const t_units *u,
                     int reml, dk_fit_design *x, dk_lmm_fit *f, dk_err *e)
{
    char csv[600];
    snprintf(csv, sizeof csv, "%s/tests/data/fit/%s.csv", t->root, name);
    dk_fit_data d;
    if (dk_fit_data_load(&d, csv, spec, e) != 0)
        return -1;
    change_units(&d, u);
    int rc = dk_fit_design_build(&d, 0, 0, NULL, x, e);
    if (rc == 0 && (dk_lmm_rank_check(&x->stats, (const char *const *)x->names, e) != 0 ||
                    dk_lmm_fit_run(&x->stats, reml, f, e) != 0)) {
        dk_fit_design_free(x, d.nfac);
        rc = -1;
    }
    dk_fit_data_free(&d);
    return rc;
}

/*
 * The fit in new units, taken back to the old ones, against the fit in
 * the old: the fixed effects within 1e-6, the variances and standard
 * errors within 1e-6 relative, and the log-likelihood within 1e-6 once
 * the Jacobian of the change is allowed for (ML: n log a; REML: (n - p)
 * log a, and log b from log det X'V^-1 X).
 */
static void units_case(t_ctx *t, const char *name, const dk_fit_spec *spec, int nfac,
                       const t_units *u, int reml, const dk_lmm_fit *f0)
{
    dk_fit_design x;
    dk_lmm_fit f;
    dk_err e = { 0 };
    char tn[300];
    snprintf(tn, sizeof tn, "fit: %s %s, outcome %g y %+g, covariate %g x %+g: same fit",
             name, reml ? "REML" : "ML", u->a, u->c, u->b, u->d);
    if (fit_units(t, name, spec, u, reml, &x, &f, &e) != 0) {
        t_ok(t, 0, tn, "%s", e.msg);
        return;
    }
    int cov = f.p - 1;
    double dbeta = 0, dse = 0;
    for (int i = 0; i < f.p; i++) {
        double k = i == cov ? u->b / u->a : 1 / u->a;
        double back = f.beta[i] * k, slack = 0;
        if (i == 0) {
            /* the new intercept is as large as the shifts: a double holds
             * it only to its last bits, which the subtraction brings back */
            double shift = cov > 0 ? f.beta[cov] * u->d : 0;
            back = (f.beta[0] - u->c + shift) / u->a;
            slack = 4 * DBL_EPSILON * (fabs(f.beta[0]) + fabs(shift)) / fabs(u->a);
        }
        dbeta = fmax(dbeta, fabs(back - f0->beta[i]) - slack);
        if (i > 0)
            dse = fmax(dse, rel(f.se[i] * k, f0->se[i]));
    }
    double a2 = u->a * u->a;
    double dvg = rel(f.var_group / a2, f0->var_group);
    double dvr = rel(f.var_resid / a2, f0->var_resid);
    double jac = (double)(reml ? f.n - f.p : f.n) * log(fabs(u->a)) +
                 (reml && cov > 0 ? log(fabs(u->b)) : 0);
    double dll = fabs(f.loglik + jac - f0->loglik);
    t_ok(t, dbeta <= 1e-6 && dse <= 1e-6 && dvg <= 1e-6 && dvr <= 1e-6 && dll <= 1e-6, tn,
         "max |d beta| %.3g, se rel %.3g, var_group rel %.3g, var_resid rel %.3g, "
         "|d loglik| %.3g", dbeta, dse, dvg, dvr, dll);
    dk_lmm_fit_free(&f);
    dk_fit_design_free(&x, nfac);
}

/* Issue 16, defect 1: shifts and scalings of the outcome and a covariate
 * up to 1e9 change nothing but the units (the last column of the design
 * is the covariate). */
static void units_invariance(t_ctx *t, const char *name, const dk_fit_spec *spec)
{
    const t_units cases[] = {
        { 1, 1e3, 1, 0 }, { 1, 1e5, 1, 0 }, { 1, 1e7, 1, 0 }, { 1, 1e9, 1, 0 },
        { 1, -1e9, 1, 0 }, { 1e-9, 0, 1, 0 }, { 1e9, 0, 1, 0 }, { 1e9, 1e9, 1, 0 },
        { 1, 0, 1, 1e5 }, { 1, 0, 1, 1e9 }, { 1, 0, 1e9, 0 }, { 1, 0, 1e-9, 0 },
        { 1, 0, 1e-3, 1e5 }, { 1e3, -1e9, 1e-3, 1e5 },
    };
    const t_units same = { 1, 0, 1, 0 };
    int nfac = 0;
    while (spec->factors[nfac])
        nfac++;
    for (int reml = 1; reml >= 0; reml--) {
        dk_fit_design x0;
        dk_lmm_fit f0;
        dk_err e = { 0 };
        if (fit_units(t, name, spec, &same, reml, &x0, &f0, &e) != 0) {
            t_ok(t, 0, "fit: units invariance", "%s", e.msg);
            continue;
        }
        for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
            units_case(t, name, spec, nfac, &cases[k], reml, &f0);
        dk_lmm_fit_free(&f0);
        dk_fit_design_free(&x0, nfac);
    }
}

static void units(t_ctx *t)
{
    const char *tailor[] = { "tailor", NULL }, *years[] = { "years", NULL };
    const char *vignette[] = { "support-needs", "heavy", "support", NULL };
    const char *reaction[] = { "Reaction", NULL }, *days[] = { "Days", NULL }, *none[] = { NULL };
    dk_fit_spec ours = { "respondent", NULL, tailor, vignette, years };
    dk_fit_spec sleep = { "Subject", NULL, reaction, none, days };
    units_invariance(t, "unbalanced", &ours);
    units_invariance(t, "sleepstudy", &sleep);
}

/* Reads every record of text written to a file; fields joined by '|',
 * records by '/'.  Returns the error message instead on failure. */
static void csv_read(t_ctx *t, const char *text, const char *file, char *out, size_t n)
{
    char path[400];
    snprintf(path, sizeof path, "%s/%s", t->tmp, file);
    dk_err e = { 0 };
    if (dk_write_atomic(path, text, strlen(text), &e) != 0) {
        snprintf(out, n, "write: %s", e.msg);
        return;
    }
    out[0] = '\0';
    dk_csv *c = dk_csv_open(path, &e);
    int rc = c ? 1 : -1;
    while (c && (rc = dk_csv_next(c, &e)) == 1)
        for (int i = 0; i < dk_csv_ncols(c); i++)
            snprintf(out + strlen(out), n - strlen(out), "%s%s", dk_csv_field(c, i),
                     i + 1 < dk_csv_ncols(c) ? "|" : "/");
    if (rc < 0) {
        const char *msg = strrchr(e.msg, '/') ? strrchr(e.msg, '/') + 1 : e.msg;
        snprintf(out, n, "error %s", msg);
    }
    dk_csv_close(c);
}

static void csv_case(t_ctx *t, const char *name, const char *file, const char *text,
                     const char *want)
{
    char got[1000];
    csv_read(t, text, file, got, sizeof got);
    t_ok(t, strstr(got, want) == got, name, "got '%s', want '%s'", got, want);
}

static void csv_reader(t_ctx *t)
{
    csv_case(t, "csv: quoted fields, doubled quotes, CRLF, blank lines", "a.csv",
             "a,b\r\n\"x,1\",\"say \"\"hi\"\"\"\r\n\r\n2,\n", "x,1|say \"hi\"/2|/");
    csv_case(t, "csv: a quoted field spans lines", "b.csv", "a,b\n\"one\ntwo\",3\n4,5\n",
             "one\ntwo|3/4|5/");
    csv_case(t, "csv: gzip input", "c.csv.gz", "a,b\n1,2\n", "1|2/");
    csv_case(t, "csv: wrong field count names the line", "d.csv", "a,b\n1,2\n\n3\n",
             "error d.csv:4: expected 2 fields (as in the header), got 1");
    csv_case(t, "csv: an unclosed quote names where it opened", "e.csv",
             "a,b\n1,2\n3,\"x\n\n", "error e.csv:3: field 2: quote opened here is never closed");
    csv_case(t, "csv: empty file", "f.csv", "", "error f.csv: empty file");
    csv_case(t, "csv: duplicate column", "g.csv", "a,b,a\n", "error g.csv:1: column 'a' appears twice");
    csv_case(t, "csv: invalid UTF-8", "h.csv", "a,b\n1,\xff\n", "error h.csv:2: field 2: byte 1 is not valid UTF-8");
    csv_case(t, "csv: stray quote", "i.csv", "a,b\n1,x\"y\n", "error i.csv:2: field 2: a quote inside");
}

static void data_file(t_ctx *t, const char *name, const char *text, char *path, size_t n)
{
    snprintf(path, n, "%s/%s", t->tmp, name);
    write_file(path, text);
}

static void fit_bad_inputs(t_ctx *t)
{
    const char *fit = "fit tests/data/fit/balanced.csv --group respondent";
    char args[1200], path[400];
    snprintf(args, sizeof args, "%s --outcome tailr", fit);
    bad(t, "fit: unknown outcome column", args,
        "balanced.csv:1: outcome column 'tailr' is not in the header (did you mean 'tailor'?)");
    snprintf(args, sizeof args, "%s --outcome tailor --factors heavy --by sector", fit);
    bad(t, "fit: unknown --by column", args, "--by column 'sector' is not in the header");
    data_file(t, "nonnum.csv", "respondent,heavy,tailor\na,1,2\na,3,3.5\nb,1,abc\n", path,
              sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    bad(t, "fit: non-numeric outcome", args, "nonnum.csv:4: column 'tailor': 'abc' is not a number");
    data_file(t, "onelevel.csv", "respondent,heavy,tailor\na,1,2\na,1,3.5\nb,1,3\n", path,
              sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    bad(t, "fit: a factor with one level", args, "column 'heavy' has the single level '1'");
    data_file(t, "nogroup.csv", "respondent,heavy,tailor\na,1,2\n,3,3.5\nb,1,3\n", path,
              sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    bad(t, "fit: a row without its group", args,
        "nogroup.csv:3: column 'respondent': value missing in a row with an outcome");
    data_file(t, "empty.csv", "", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor", path);
    bad(t, "fit: empty file", args, "empty.csv: empty file");
    data_file(t, "header.csv", "respondent,tailor\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor", path);
    bad(t, "fit: header only", args, "header.csv: no rows with a value for any outcome");
    snprintf(args, sizeof args, "cd %s && gzip -c tests/data/fit/balanced.csv | head -c 900 "
             "> %s/trunc.csv.gz", t->root, t->tmp);
    if (system(args) != 0)
        fprintf(stderr, "runner: could not write trunc.csv.gz\n");
    snprintf(args, sizeof args, "fit %s/trunc.csv.gz --group respondent --outcome tailor",
             t->tmp);
    bad(t, "fit: truncated gzip", args, "trunc.csv.gz: corrupt or truncated gzip data");
    data_file(t, "rank.csv", "respondent,heavy,copy,tailor\na,1,x,2\na,3,y,3.5\nb,1,x,3\n"
              "b,3,y,2\nc,1,x,2.5\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy,copy", path);
    bad(t, "fit: rank deficiency names the confounded columns", args,
        "not of full rank: 'copy=y' is confounded with 'heavy=3'");
    data_file(t, "const.csv", "respondent,heavy,year,tailor\na,1,2020,2\na,3,2020,3.5\nb,1,2020,3\n"
              "b,3,2020,2\nc,1,2020,2.5\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy "
             "--covariates year", path);
    bad(t, "fit: a covariate that never changes is confounded with the intercept", args,
        "'year' has the same value in every row (confounded with '(Intercept)')");
    snprintf(args, sizeof args, "%s --outcome tailor --factors heavy --reference heavy=7", fit);
    bad(t, "fit: unknown reference level", args, "--reference: column 'heavy' has no level '7'");
    snprintf(args, sizeof args, "%s --outcome tailor --factors tailor", fit);
    bad(t, "fit: a column in two roles", args, "column 'tailor' is named twice");
    bad(t, "fit: no data file", "fit --group respondent --outcome tailor", "expected one data file");
}

static void fit_outputs(t_ctx *t)
{
    char args[1200];
    const char *fit = "fit tests/data/fit/missing-level.csv --group respondent --outcome "
                      "tailor --factors support-needs,heavy,support";
    t_run_result plain, gz;
    snprintf(args, sizeof args, "%s --format csv", fit);
    t_run(t, args, &plain);
    snprintf(args, sizeof args, "cd %s && gzip -c tests/data/fit/missing-level.csv > "
             "%s/ml.csv.gz", t->root, t->tmp);
    if (system(args) != 0)
        fprintf(stderr, "runner: could not write ml.csv.gz\n");
    snprintf(args, sizeof args, "fit %s/ml.csv.gz --group respondent --outcome tailor "
             "--factors support-needs,heavy,support --format csv", t->tmp);
    t_run(t, args, &gz);
    t_ok(t, plain.status == 0 && gz.status == 0 && plain.outlen == gz.outlen &&
         memcmp(plain.out, gz.out, plain.outlen) == 0 &&
         t_contains(plain.out, "\"\",\"tailor\",REML,fixed,\"support=specialist\","),
         "fit: gzip input gives the same CSV", "status %d/%d: %.300s %.300s", plain.status,
         gz.status, plain.err, gz.err);
    t_run_free(&plain);
    t_run_free(&gz);
    snprintf(args, sizeof args, "%s --ml --format json", fit);
    expect(t, "fit: JSON names fixed effects COL=LEVEL and the variances", args, 0,
           "\"method\": \"ML\"", NULL);
    snprintf(args, sizeof args, "%s --format json", fit);
    t_run_result j;
    t_run(t, args, &j);
    const char *keys[] = { "\"(Intercept)\": {\"estimate\": ", "\"heavy=5\": {",
                           "\"var_group\": ", "\"var_residual\": ", "\"loglik\": ",
                           "\"n_groups\": 30", NULL };
    int missing = t_missing(j.out, keys);
    t_ok(t, j.status == 0 && missing == 0, "fit: JSON has the documented keys",
         "%d missing: %.400s", missing, j.out);
    t_run_free(&j);
    expect(t, "fit: --by fits each value apart",
           "fit tests/data/fit/balanced.csv --group respondent --outcome tailor --factors "
           "heavy --by support", 0, "outcome 'tailor' (support=specialist): REML", NULL);
    expect(t, "fit: --reference sets the baseline level",
           "fit tests/data/fit/balanced.csv --group respondent --outcome tailor --factors "
           "support --reference support=none --format csv", 0, "\"support=assistant\"", NULL);
}

/* The number at pointer in doc, NaN when absent. */
static double json_num(const tj_value *doc, const char *pointer)
{
    const tj_value *v = tj_at(doc, pointer);
    return v && v->kind == TJ_NUMBER ? v->num : NAN;
}

/* Largest relative difference of got[i] from want[i] (NaN counts as 1). */
static double worst_rel(const double *got, const double *want, int n)
{
    double w = 0;
    for (int i = 0; i < n; i++)
        w = fmax(w, isnan(got[i]) ? 1 : rel(got[i], want[i]));
    return w;
}

/* sleepstudy end to end: --format json read by the strict parser against
 * lme4's REML values. */
static void cli_json(t_ctx *t, const lme4_file *ref)
{
    const lme4_ref *r = &ref->m[0];
    t_run_result run;
    t_run(t, "fit tests/data/fit/sleepstudy.csv --group Subject --outcome Reaction "
          "--covariates Days --compare Days --format json", &run);
    tj_value doc;
    char err[300] = "";
    int ok = run.status == 0 && tj_parse(run.out, run.outlen, &doc, err, sizeof err) == 0;
    if (!ok) {
        t_ok(t, 0, "fit: sleepstudy JSON", "status %d, %s: %.300s", run.status, err, run.err);
        t_run_free(&run);
        return;
    }
    double got[] = {
        json_num(&doc, "/fits/0/fixed/Days/estimate"), json_num(&doc, "/fits/0/fixed/Days/lower"),
        json_num(&doc, "/fits/0/fixed/Days/upper"), json_num(&doc, "/fits/0/vcov/0/1"),
        json_num(&doc, "/fits/0/sd_group/lower"), json_num(&doc, "/fits/0/sd_group/upper"),
        json_num(&doc, "/fits/0/sd_residual/lower"), json_num(&doc, "/fits/0/icc/estimate"),
        json_num(&doc, "/fits/0/icc/upper"), json_num(&doc, "/fits/0/deviance"),
        json_num(&doc, "/fits/0/df_residual"), json_num(&doc, "/fits/0/compare/chisq"),
        json_num(&doc, "/fits/0/compare/p_value"), json_num(&doc, "/fits/0/compare/m0/aic"),
        json_num(&doc, "/rows_read") };
    double want[] = { r->beta[1], r->wald[1][0], r->wald[1][1], r->vcov[0][1],
                      r->sd_group_ci[0], r->sd_group_ci[1], r->sigma_ci[0], r->icc[0],
                      r->icc[2], r->deviance, (double)r->df_resid, r->lrt[8], r->lrt[9],
                      r->lrt[0], 180 };
    const tj_value *conv = tj_at(&doc, "/fits/0/convergence/converged");
    const tj_value *formula = tj_at(&doc, "/fits/0/formula");
    double w = worst_rel(got, want, (int)(sizeof want / sizeof want[0]));
    t_ok(t, w <= 1e-5 && conv && conv->kind == TJ_TRUE && formula && formula->str &&
         strcmp(formula->str, "Reaction ~ Days + (1 | Subject)") == 0,
         "fit: sleepstudy --format json agrees with lme4 (estimates, intervals, ICC, "
         "deviance, df, LRT) and states formula and convergence", "worst rel %.3g; "
         "formula '%s'", w, formula && formula->str ? formula->str : "(none)");
    tj_free(&doc);
    t_run_free(&run);
}

/* The table of file, or a failed check. */
static int read_table(t_ctx *t, const char *what, const char *path, tc_table *tab)
{
    char err[300] = "";
    size_t len;
    int gz;
    char *text = t_read_maybe_gz(path, &len, &gz);
    int ok = text && tc_read(text, len, tab, err, sizeof err) == 0;
    free(text);
    if (!ok)
        t_ok(t, 0, what, "%s: %s", path, text ? err : "unreadable");
    return ok;
}

/* --ranef and --predictions files against lme4 (1e-5, as compare_ranef). */
static void cli_files(t_ctx *t, const lme4_ref *r, const char *ranef, const char *pred)
{
    tc_table a, b;
    if (!read_table(t, "fit: --ranef file", ranef, &a))
        return;
    double dm = 0;
    int hit = 0, g = tc_col(&a, "group"), m = tc_col(&a, "mode"), sd = tc_col(&a, "cond_sd");
    for (size_t i = 0; g >= 0 && m >= 0 && sd >= 0 && i < a.nrow; i++)
        for (int k = 0; k < r->nranef; k++)
            if (strcmp(tc_cell(&a, i, g), r->ranef_group[k]) == 0) {
                double ref_sd = r->ranef[k][1];
                dm = fmax(dm, fmax(rel_scaled(atof(tc_cell(&a, i, m)), r->ranef[k][0], ref_sd),
                                   rel(atof(tc_cell(&a, i, sd)), ref_sd)));
                hit++;
            }
    t_ok(t, hit == r->nranef && a.nrow == (size_t)r->nranef && dm <= 1e-5,
         "fit: --ranef file (CSV) has lme4's conditional modes and SDs",
         "%d of %d groups, %zu rows, worst %.3g", hit, r->nranef, a.nrow, dm);
    tc_free(&a);
    if (!read_table(t, "fit: --predictions file", pred, &b))
        return;
    double df = 0, sigma = sqrt(r->var_resid);
    int rows = 0, row = tc_col(&b, "row"), fit = tc_col(&b, "fitted"), res = tc_col(&b, "residual");
    for (size_t i = 0; row >= 0 && fit >= 0 && res >= 0 && i < b.nrow; i++)
        for (int k = 0; k < r->nfitted; k++)
            if (atol(tc_cell(&b, i, row)) == r->row[k]) {
                df = fmax(df, fmax(rel_scaled(atof(tc_cell(&b, i, fit)), r->fitted[k][0], sigma),
                                   rel_scaled(atof(tc_cell(&b, i, res)), r->fitted[k][1], sigma)));
                rows++;
            }
    t_ok(t, rows == r->nfitted && b.nrow == (size_t)r->nfitted && df <= 1e-5,
         "fit: --predictions file (CSV, gzip) has lme4's fitted values and residuals",
         "%d of %d rows, %zu in the file, worst %.3g", rows, r->nfitted, b.nrow, df);
    tc_free(&b);
}

/* The CSV row of section and term (and term2 unless NULL), or -1. */
static long csv_find(const tc_table *c, const char *section, const char *term,
                     const char *term2)
{
    int s = tc_col(c, "section"), tm = tc_col(c, "term"), t2 = tc_col(c, "term2");
    for (size_t i = 0; s >= 0 && tm >= 0 && t2 >= 0 && i < c->nrow; i++)
        if (strcmp(tc_cell(c, i, s), section) == 0 && strcmp(tc_cell(c, i, tm), term) == 0 &&
            (!term2 || strcmp(tc_cell(c, i, t2), term2) == 0))
            return (long)i;
    return -1;
}

static double csv_cell(const tc_table *c, long row, const char *col)
{
    int k = tc_col(c, col);
    return row < 0 || k < 0 || !*tc_cell(c, (size_t)row, k) ? NAN :
           atof(tc_cell(c, (size_t)row, k));
}

/* chickweight end to end: --format csv (factor, covariate, reference
 * level) against lme4's ML values, and the two files. */
static void cli_csv(t_ctx *t, const lme4_file *ref)
{
    const lme4_ref *r = &ref->m[1];
    char args[1600], ranef[300], pred[300], err[300] = "";
    snprintf(ranef, sizeof ranef, "%s/chick-ranef.csv", t->tmp);
    snprintf(pred, sizeof pred, "%s/chick-pred.csv.gz", t->tmp);
    snprintf(args, sizeof args, "fit tests/data/fit/chickweight.csv --group Chick --outcome "
             "weight --factors Diet --covariates Time --ml --compare Diet --format csv "
             "--ranef %s --predictions %s", ranef, pred);
    t_run_result run;
    t_run(t, args, &run);
    tc_table c;
    if (run.status != 0 || tc_read(run.out, run.outlen, &c, err, sizeof err) != 0) {
        t_ok(t, 0, "fit: chickweight --format csv", "status %d, %s: %.300s", run.status, err,
             run.err);
        t_run_free(&run);
        return;
    }
    long diet2 = csv_find(&c, "fixed", "Diet=2", NULL), sg = csv_find(&c, "random", "sd_group", NULL);
    long icc = csv_find(&c, "random", "icc", NULL), v = csv_find(&c, "vcov", "Time", "Diet=3");
    long chi = csv_find(&c, "compare", "chisq", NULL), aic0 = csv_find(&c, "compare", "aic", "m0");
    long conv = csv_find(&c, "convergence", "converged", NULL);
    long refl = csv_find(&c, "reference", "Diet", "1");
    long frm = csv_find(&c, "data", "formula", "weight ~ factor(Diet) + Time + (1 | Chick)");
    double got[] = { csv_cell(&c, diet2, "estimate"), csv_cell(&c, diet2, "std_error"),
                     csv_cell(&c, diet2, "lower"), csv_cell(&c, sg, "lower"),
                     csv_cell(&c, sg, "upper"), csv_cell(&c, icc, "estimate"),
                     csv_cell(&c, icc, "lower"), csv_cell(&c, v, "estimate"),
                     csv_cell(&c, chi, "estimate"), csv_cell(&c, aic0, "estimate") };
    int d2 = ref_index(r, "Diet=2"), ti = ref_index(r, "Time"), d3 = ref_index(r, "Diet=3");
    if (d2 == r->p || ti == r->p || d3 == r->p) {
        t_ok(t, 0, "fit: chickweight reference", "no Diet=2, Time or Diet=3");
        tc_free(&c);
        t_run_free(&run);
        return;
    }
    double want[] = { r->beta[d2], r->se[d2], r->wald[d2][0], r->sd_group_ci[0],
                      r->sd_group_ci[1], r->icc[0], r->icc[1], r->vcov[ti][d3], r->lrt[8],
                      r->lrt[0] };
    double w = worst_rel(got, want, (int)(sizeof want / sizeof want[0]));
    t_ok(t, w <= 1e-5 && csv_cell(&c, conv, "estimate") == 1 && refl >= 0 && frm >= 0,
         "fit: chickweight --format csv (RFC 4180) agrees with lme4 and states formula, "
         "reference level and convergence", "worst rel %.3g; converged row %ld, reference "
         "row %ld, formula row %ld", w, conv, refl, frm);
    tc_free(&c);
    t_run_free(&run);
    cli_files(t, r, ranef, pred);
}

static void fit_cli_vs_lme4(t_ctx *t)
{
    lme4_file *ref = malloc(sizeof *ref);
    char path[600];
    snprintf(path, sizeof path, "%s/tests/data/fit/sleepstudy.lme4.txt", t->root);
    if (read_lme4(path, ref) == 0)
        cli_json(t, ref);
    else
        t_ok(t, 0, "fit: sleepstudy reference", "cannot read %s", path);
    snprintf(path, sizeof path, "%s/tests/data/fit/chickweight.lme4.txt", t->root);
    if (read_lme4(path, ref) == 0)
        cli_csv(t, ref);
    else
        t_ok(t, 0, "fit: chickweight reference", "cannot read %s", path);
    free(ref);
    expect(t, "fit: the table states formula, reference levels, rows, intervals, "
           "convergence and the likelihood-ratio test",
           "fit tests/data/fit/chickweight.csv --group Chick --outcome weight --factors Diet "
           "--covariates Time --compare Diet", 0,
           "formula: weight ~ factor(Diet) + Time + (1 | Chick)\n  reference levels: Diet=1", NULL);
    const char *more[] = { "578 rows read, 0 without any outcome", "converged: gradient",
                           "likelihood-ratio test (both by ML", "m0: weight ~ Time + (1 | Chick)",
                           "2.5 %", "ICC", "REML criterion", "df.resid 571", NULL };
    t_run_result run;
    t_run(t, "fit tests/data/fit/chickweight.csv --group Chick --outcome weight --factors Diet "
          "--covariates Time --compare Diet", &run);
    int missing = t_missing(run.out, more);
    t_ok(t, run.status == 0 && missing == 0, "fit: the table has each part", "%d missing: %.600s",
         missing, run.out);
    t_run_free(&run);
    data_file(t, "noml.csv", "respondent,support-needs,heavy,support,tailor\na,5,0,none,3\n"
              "a,8,3,assistant,2\nb,5,1,assistant,3.5\nb,8,0,none,2.2\nc,5,3,none,2.7\n"
              "c,8,1,assistant,2.6\nd,8,3,none,2.1\nd,5,0,assistant,3.1\n", path, sizeof path);
    char args[800];
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors "
             "support-needs,heavy,support", path);
    expect(t, "fit: a REML fit whose data admit no ML fit has no profile intervals, and says so",
           args, 0, "(no profile intervals: the data admit no ML fit", NULL);
    bad(t, "fit: --compare names a column that is not in the model",
        "fit tests/data/fit/chickweight.csv --group Chick --outcome weight --factors Diet "
        "--compare Time", "--compare: 'Time' is not one of the --factors or --covariates");
    bad(t, "fit: --level outside 0.5..0.9999",
        "fit tests/data/fit/chickweight.csv --group Chick --outcome weight --level 95",
        "--level: 95 is outside");
}

/* dk_fit_estimates_of: per fit the model's parameters (a capability
 * outcome: intercept, 3 + 3 steps, 4 support forms) with a covariance
 * that is symmetric and positive definite, whose diagonal gives -o's
 * ranges (value +- 1.645 SE). */
static void estimates(t_ctx *t)
{
    char args[800], path[400];
    snprintf(path, sizeof path, "%s/est.csv", t->tmp);
    snprintf(args, sizeof args, "design --respondents 200 --seed 5 --simulate -o %s", path);
    t_run_result run;
    t_run(t, args, &run);
    int made = run.status == 0;
    t_run_free(&run);
    const char *outcomes[] = { "tailor", NULL }, *none[] = { NULL };
    const char *factors[] = { "support-needs", "heavy", "support", NULL };
    dk_fit_spec spec = { "respondent", "sector", outcomes, factors, none };
    dk_fit_options o = { 1, 0.95, NULL };
    dk_fit_data d;
    dk_model m;
    dk_err e = { 0 };
    if (!made || dk_fit_data_load(&d, path, &spec, &e) != 0) {
        t_ok(t, 0, "fit: estimates for an ensemble", "%s", made ? e.msg : "design failed");
        return;
    }
    dk_fit_result *r = calloc((size_t)d.nby * (size_t)d.nout, sizeof *r);
    dk_fit_estimates est = { 0 };
    int loaded = t_default_model(t, "fit", &m) == 0, ok = loaded;
    if (ok && (dk_fit_all(&d, NULL, &o, r, &e) != 0 ||
               dk_fit_estimates_of(&m, &d, &r[0], &est, &e) != 0))
        ok = 0;
    int n = est.n, sym = 1;
    gsl_matrix *c = gsl_matrix_alloc((size_t)(n > 0 ? n : 1), (size_t)(n > 0 ? n : 1));
    for (int a = 0; a < n; a++)
        for (int b = 0; b < n; b++) {
            sym &= est.cov[a * n + b] == est.cov[b * n + a];
            gsl_matrix_set(c, (size_t)a, (size_t)b, est.cov[a * n + b]);
        }
    int pd = n > 0 && gsl_linalg_cholesky_decomp1(c) == GSL_SUCCESS;
    int ranges = 1;
    if (ok && dk_fit_model(&m, &d, r, d.nby * d.nout, &e) == 0)
        for (int a = 0; a < n; a++) {
            const dk_param *p = &m.p[est.param[a]];
            double half = 1.6448536269514722 * sqrt(est.cov[a * n + a]);
            ranges &= p->value == est.value[a] && fabs(p->hi - p->value - half) < 1e-12;
        }
    else
        ranges = 0;
    t_ok(t, ok && n == 11 && sym && pd && ranges, "fit: dk_fit_estimates_of gives the "
         "model's parameters with a covariance -o's ranges come from", "%s; n %d, symmetric "
         "%d, positive definite %d, ranges %d", ok ? "fitted" : e.msg, n, sym, pd, ranges);
    gsl_matrix_free(c);
    dk_fit_estimates_free(&est);
    dk_fit_results_free(r, d.nby * d.nout, d.nfac);
    free(r);
    if (loaded)
        dk_model_free(&m);
    dk_fit_data_free(&d);
}

/* Defects of issue 16 that each had a silent wrong answer. */
static void fit_defects(t_ctx *t)
{
    char args[1200], path[400];
    data_file(t, "bom.csv", "\xEF\xBB\xBFrespondent,heavy,tailor\na,1,2\na,3,3.5\nb,1,3\n"
              "b,3,2.5\nc,1,2.5\nc,3,4\n", path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor --factors heavy", path);
    expect(t, "fit: a UTF-8 byte order mark is not part of the first column's name", args,
           0, "6 observations in 3 groups (respondent)", NULL);
    data_file(t, "bom-quoted.csv", "\xEF\xBB\xBF\"respondent\",tailor\na,2\na,3\nb,3\nb,2.5\n",
              path, sizeof path);
    snprintf(args, sizeof args, "fit %s --group respondent --outcome tailor", path);
    expect(t, "fit: a byte order mark before a quoted first name", args, 0,
           "4 observations in 2 groups", NULL);
    expect(t, "fit: --format csv says the fit is on the boundary",
           "fit tests/data/fit/boundary.csv --group respondent --outcome tailor --factors "
           "support-needs --format csv", 0, "convergence,\"boundary\",,1,", NULL);
}

void test_fit(t_ctx *t)
{
    /* as main: the fit code reads GSL's failures from return values */
    gsl_set_error_handler_off();
    const char *sets[] = { "balanced", "unbalanced", "single", "missing-level", "boundary",
                           "sleepstudy", "dyestuff", "dyestuff2", "ergostool", "chickweight",
                           NULL };
    for (int i = 0; sets[i]; i++)
        against_lme4(t, sets[i]);
    units(t);
    csv_reader(t);
    fit_bad_inputs(t);
    fit_outputs(t);
    fit_defects(t);
    fit_cli_vs_lme4(t);
    estimates(t);
}
