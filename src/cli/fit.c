/*
 * cmd_fit.c -- `draagkracht fit`: effect sizes from vignette responses,
 * one random-intercept model per outcome (and per --by value).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/io/fileio.h"
#include "draagkracht/fit/fit.h"
#include "draagkracht/fit/fitmodel.h"

static const dk_opt opts[] = {
    { "group", 0, "COL", "column identifying the respondent (random intercept)" },
    { "outcome", 0, "COLS", "outcome column(s), comma-separated; one model each" },
    { "factors", 0, "COLS", "categorical predictors, dummy-coded against a reference level" },
    { "covariates", 0, "COLS", "numeric predictors" },
    { "by", 0, "COL", "separate fits per value of this column (e.g. sector)" },
    { "reference", 0, "COL=LEVEL,...", "reference levels (default: the first level, sorted)" },
    { "ml", 0, NULL, "maximum likelihood instead of REML" },
    { "format", 0, "FMT", "table, csv or json (default table)" },
    { "model", 0, "FILE", "with -o: the model to start from (default: the embedded model)" },
    { "output", 'o', "MODEL", "write a model file with the fitted effects (needs the vignette columns)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_fit)

typedef struct {
    char *store[4];             /* storage of the comma-split lists */
    const char *outcomes[65], *factors[65], *covariates[65], *refs[65];
} fit_lists;

/* Splits "a,b,c" into list (at most 64 names, none empty). */
static int split_list(const char *opt, const char *v, char **store,
                      const char **list, dk_err *e)
{
    list[0] = NULL;
    if (!v)
        return 0;
    if (!*v || *v == ',' || v[strlen(v) - 1] == ',' || strstr(v, ",,"))
        return dk_fail(e, "fit: --%s: '%s' has an empty column name", opt, v);
    char *s = strdup(v), *save;
    *store = s;
    int n = 0;
    for (char *t = strtok_r(s, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        if (n == 64)
            return dk_fail(e, "fit: --%s: more than 64 names", opt);
        list[n++] = t;
    }
    list[n] = NULL;
    return 0;
}

/* A column may play one role only. */
static int check_roles(const dk_args *a, const fit_lists *l, dk_err *e)
{
    const char *const *lists[] = { l->outcomes, l->factors, l->covariates };
    const char *single[] = { dk_opt_get(CMD, a, "group"), dk_opt_get(CMD, a, "by") };
    const char *all[200];
    int n = 0;
    for (int k = 0; k < 2; k++)
        if (single[k])
            all[n++] = single[k];
    for (int k = 0; k < 3; k++)
        for (int i = 0; lists[k][i]; i++)
            all[n++] = lists[k][i];
    for (int i = 0; i < n; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(all[i], all[j]) == 0)
                return dk_fail(e, "fit: column '%s' is named twice (group, --by, "
                               "outcomes, factors and covariates must differ)", all[i]);
    return 0;
}

static int read_lists(const dk_args *a, fit_lists *l, dk_err *e)
{
    memset(l, 0, sizeof *l);
    if (!dk_opt_get(CMD, a, "group") || !dk_opt_get(CMD, a, "outcome"))
        return dk_fail(e, "fit: --group and --outcome are required (see "
                       "'draagkracht fit --help')");
    return split_list("outcome", dk_opt_get(CMD, a, "outcome"), &l->store[0], l->outcomes, e) ||
           split_list("factors", dk_opt_get(CMD, a, "factors"), &l->store[1], l->factors, e) ||
           split_list("covariates", dk_opt_get(CMD, a, "covariates"), &l->store[2], l->covariates, e) ||
           split_list("reference", dk_opt_get(CMD, a, "reference"), &l->store[3], l->refs, e) ||
           check_roles(a, l, e);
}

static void free_lists(fit_lists *l)
{
    for (int i = 0; i < 4; i++)
        free(l->store[i]);
}

/* --reference COL=LEVEL,...: level indices per factor, -1 where unset. */
static int read_refs(const fit_lists *l, const dk_fit_data *d, int *ref, dk_err *e)
{
    for (int f = 0; f < d->nfac; f++)
        ref[f] = -1;
    for (int i = 0; l->refs[i]; i++) {
        const char *eq = strchr(l->refs[i], '=');
        int f = 0, len = eq ? (int)(eq - l->refs[i]) : 0;
        while (f < d->nfac && (strncmp(d->fac[f].name, l->refs[i], (size_t)len) != 0 ||
                               d->fac[f].name[len] != '\0'))
            f++;
        if (!eq || f == d->nfac)
            return dk_fail(e, "fit: --reference: '%s' is not FACTOR=LEVEL for one "
                           "of the --factors", l->refs[i]);
        if ((ref[f] = dk_fit_level(&d->fac[f], eq + 1)) < 0)
            return dk_fail(e, "fit: --reference: column '%s' has no level '%s' in %s",
                           d->fac[f].name, eq + 1, d->path);
    }
    return 0;
}

/* Builds, checks and fits every outcome x by-value; x and f have
 * nby * nout entries. */
static int fit_all(const dk_fit_data *d, const int *ref, int reml,
                   dk_fit_design *x, dk_lmm_fit *f, dk_err *e)
{
    for (int b = 0; b < d->nby; b++)
        for (int o = 0; o < d->nout; o++) {
            int k = b * d->nout + o;
            dk_err inner;
            if (dk_fit_design_build(d, b, o, ref, &x[k], e) != 0)
                return -1;
            if (dk_lmm_rank_check(&x[k].stats, (const char *const *)x[k].names, &inner) == 0 &&
                dk_lmm_fit_run(&x[k].stats, reml, &f[k], &inner) == 0)
                continue;
            char subset[300];
            dk_fit_subset_name(d, b, o, subset, sizeof subset);
            return dk_fail(e, "fit: %s: %s: %s", d->path, subset, inner.msg);
        }
    return 0;
}

static const char *by_value(const dk_fit_data *d, int b)
{
    return d->by_lev ? d->by_lev[b] : "";
}

static void out_table(const dk_fit_data *d, const char *group, const dk_fit_design *x,
                      const dk_lmm_fit *f, int nfit, dk_buf *b)
{
    for (int k = 0; k < nfit; k++) {
        const dk_lmm_fit *r = &f[k];
        char subset[300];
        dk_fit_subset_name(d, x[k].by, x[k].outcome, subset, sizeof subset);
        dk_buf_printf(b, "%s%s: %s, %ld observations in %ld groups (%s)\n",
                      k ? "\n" : "", subset, r->reml ? "REML" : "ML", r->n,
                      r->ngroups, group);
        dk_buf_printf(b, "  %-32s %12s %12s %9s\n", "fixed effect", "estimate",
                      "std. error", "t value");
        for (int i = 0; i < r->p; i++)
            dk_buf_printf(b, "  %-32s %12.6f %12.6f %9.2f\n", x[k].names[i],
                          r->beta[i], r->se[i], r->beta[i] / r->se[i]);
        dk_buf_printf(b, "  %-32s %12.6f  (sd %.4f)%s\n", "var_group", r->var_group,
                      sqrt(r->var_group), r->boundary ? "  boundary: estimated as 0" : "");
        dk_buf_printf(b, "  %-32s %12.6f  (sd %.4f)\n", "var_residual", r->var_resid,
                      sqrt(r->var_resid));
        dk_buf_printf(b, "  %-32s %12.4f  AIC %.4f  BIC %.4f\n",
                      r->reml ? "loglik (REML)" : "loglik", r->loglik, r->aic, r->bic);
    }
}

static void csv_row(dk_buf *b, const dk_fit_data *d, const dk_fit_design *x,
                    const dk_lmm_fit *r, const char *term, double v, double se)
{
    dk_buf_csv_str(b, by_value(d, x->by));
    dk_buf_printf(b, ",");
    dk_buf_csv_str(b, d->out_name[x->outcome]);
    dk_buf_printf(b, ",%s,", r->reml ? "REML" : "ML");
    dk_buf_csv_str(b, term);
    dk_buf_printf(b, ",%.17g,", v);
    if (!isnan(se))
        dk_buf_printf(b, "%.17g", se);
    dk_buf_printf(b, "\n");
}

static void out_csv(const dk_fit_data *d, const dk_fit_design *x, const dk_lmm_fit *f,
                    int nfit, dk_buf *b)
{
    dk_buf_printf(b, "by,outcome,method,term,estimate,std_error\n");
    for (int k = 0; k < nfit; k++) {
        const dk_lmm_fit *r = &f[k];
        for (int i = 0; i < r->p; i++)
            csv_row(b, d, &x[k], r, x[k].names[i], r->beta[i], r->se[i]);
        const char *terms[] = { "var_group", "var_residual", "loglik", "aic", "bic",
                                "n_obs", "n_groups", "boundary" };
        double v[] = { r->var_group, r->var_resid, r->loglik, r->aic, r->bic,
                       (double)r->n, (double)r->ngroups, r->boundary };
        for (int t = 0; t < 8; t++)
            csv_row(b, d, &x[k], r, terms[t], v[t], NAN);
    }
}

static void json_fit(dk_json *j, const dk_fit_data *d, const dk_fit_design *x,
                     const dk_lmm_fit *r)
{
    dk_json_begin_object(j);
    dk_json_kv_string(j, "outcome", d->out_name[x->outcome]);
    dk_json_kv_string(j, "by", by_value(d, x->by));
    dk_json_kv_int(j, "n_obs", r->n);
    dk_json_kv_int(j, "n_groups", r->ngroups);
    dk_json_break(j, 3);
    dk_json_key(j, "fixed");
    dk_json_begin_object(j);
    for (int i = 0; i < r->p; i++) {
        dk_json_break(j, 4);
        dk_json_key(j, x->names[i]);
        dk_json_begin_object(j);
        dk_json_kv_number(j, "estimate", r->beta[i]);
        dk_json_kv_number(j, "se", r->se[i]);
        dk_json_end_object(j);
    }
    dk_json_end_object(j);
    const char *keys[] = { "var_group", "var_residual", "theta", "loglik", "aic", "bic" };
    double v[] = { r->var_group, r->var_resid, r->theta, r->loglik, r->aic, r->bic };
    dk_json_break(j, 3);
    for (int t = 0; t < 6; t++)
        dk_json_kv_number(j, keys[t], v[t]);
    dk_json_kv_bool(j, "boundary", r->boundary);
    dk_json_end_object(j);
}

static int out_json(const dk_fit_data *d, const char *group, const dk_fit_design *x,
                    const dk_lmm_fit *f, int nfit, dk_buf *b, dk_err *e)
{
    dk_json j;
    dk_json_init(&j, b);
    dk_json_begin_object(&j);
    dk_json_kv_string(&j, "data", d->path);
    dk_json_kv_string(&j, "group", group);
    dk_json_kv_string(&j, "by", d->by_name);
    dk_json_kv_string(&j, "method", nfit && !f[0].reml ? "ML" : "REML");
    dk_json_break(&j, 1);
    dk_json_key(&j, "fits");
    dk_json_begin_array(&j);
    for (int k = 0; k < nfit; k++) {
        dk_json_break(&j, 2);
        json_fit(&j, d, &x[k], &f[k]);
    }
    dk_json_break(&j, 0);
    dk_json_end_array(&j);
    dk_json_end_object(&j);
    return dk_json_finish(&j, e);
}

typedef struct {
    dk_fit_data d;
    dk_fit_design *x;
    dk_lmm_fit *f;
    int nfit;
} fit_run;

static void run_free(fit_run *r)
{
    for (int k = 0; k < r->nfit; k++) {
        dk_fit_design_free(&r->x[k], r->d.nfac);
        dk_lmm_fit_free(&r->f[k]);
    }
    free(r->x);
    free(r->f);
    dk_fit_data_free(&r->d);
}

/* Reads the data and fits every model; -1 with e set. */
static int fit_data(const dk_args *a, const fit_lists *l, fit_run *r, dk_err *e)
{
    memset(r, 0, sizeof *r);
    dk_fit_spec spec = { dk_opt_get(CMD, a, "group"), dk_opt_get(CMD, a, "by"),
                         l->outcomes, l->factors, l->covariates };
    if (dk_fit_data_load(&r->d, a->pos[0], &spec, e) != 0)
        return -1;
    int *ref = calloc((size_t)r->d.nfac + 1, sizeof *ref);
    r->nfit = r->d.nby * r->d.nout;
    r->x = calloc((size_t)r->nfit, sizeof *r->x);
    r->f = calloc((size_t)r->nfit, sizeof *r->f);
    int rc = read_refs(l, &r->d, ref, e) == 0 &&
             fit_all(&r->d, ref, !dk_opt_get(CMD, a, "ml"), r->x, r->f, e) == 0 ? 0 : -1;
    free(ref);
    return rc;
}

static int write_model(const dk_args *a, const fit_run *r, dk_err *e)
{
    const char *out = dk_opt_get(CMD, a, "output");
    if (!out)
        return 0;
    if (!*out)
        return dk_fail(e, "fit: -o: empty file name");
    dk_model m;
    if (dk_opt_model(CMD, a, &m, e) != 0)
        return -1;
    dk_buf b = { 0 };
    int rc = dk_fit_model(&m, &r->d, r->x, r->f, r->nfit, e) == 0 &&
             dk_fit_model_text(&m, &b, e) == 0 &&
             dk_write_atomic(out, b.data, b.len, e) == 0 ? 0 : -1;
    dk_buf_free(&b);
    dk_model_free(&m);
    return rc;
}

static int run(const dk_args *a)
{
    dk_err e;
    dk_format fmt;
    fit_lists l;
    if (a->npos != 1) {
        dk_fail(&e, "fit: expected one data file (CSV or CSV.gz), got %d", a->npos);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_format(CMD, a, &fmt, &e) != 0 || read_lists(a, &l, &e) != 0) {
        free_lists(&l);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    fit_run r;
    int rc = fit_data(a, &l, &r, &e) == 0 && write_model(a, &r, &e) == 0 ? 0 : -1;
    if (rc == 0) {
        dk_buf b = { 0 };
        const char *group = dk_opt_get(CMD, a, "group");
        if (fmt == DK_FMT_JSON)
            rc = out_json(&r.d, group, r.x, r.f, r.nfit, &b, &e);
        else if (fmt == DK_FMT_CSV)
            out_csv(&r.d, r.x, r.f, r.nfit, &b);
        else
            out_table(&r.d, group, r.x, r.f, r.nfit, &b);
        if (rc == 0)
            rc = dk_write_atomic("-", b.data ? b.data : "", b.len, &e);
        dk_buf_free(&b);
    }
    run_free(&r);
    free_lists(&l);
    return rc == 0 ? DK_EXIT_OK : dk_report(DK_EXIT_USAGE, &e);
}

const dk_command dk_cmd_fit = {
    "fit",
    "fit effect sizes from vignette responses (random-intercept mixed model, REML or ML)",
    "DATA.csv[.gz] --group COL --outcome COL[,COL...] [--factors COLS] "
    "[--covariates COLS] [--by COL] [--ml] [--format table|csv|json] [-o MODEL]",
    opts, run
};
