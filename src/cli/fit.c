/*
 * fit.c -- `draagkracht fit`: effect sizes from vignette responses, one
 * random-intercept model per outcome (and per --by value): options into a
 * dk_fit_spec and dk_fit_options, dk_fit_all, then fitreport.c writes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/report/pages.h"
#include "draagkracht/report/fitreport.h"
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
    { "level", 0, "P", "confidence level of the intervals (default 0.95)" },
    { "compare", 0, "COLS", "also test, by likelihood ratio (ML), the model without these factors/covariates" },
    { "ranef", 0, "FILE", "write each group's conditional mode and SD (CSV; .gz compresses)" },
    { "predictions", 0, "FILE", "write each row's fitted value and residual (CSV; .gz compresses)" },
    { "format", 0, "FMT", "table, csv, json or html (default table)" },
    { "model", 0, "FILE", "with -o: the model to start from (default: the embedded model)" },
    { "output", 'o', "MODEL", "write a model file with the fitted effects (needs the vignette columns)" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_fit)

typedef struct {
    char *store[5];             /* storage of the comma-split lists */
    const char *outcomes[65], *factors[65], *covariates[65], *refs[65], *compare[65];
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
    char *s = dk_strdup(v), *save;
    if (!s)
        return dk_fail_oom(e, "fit");
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
           split_list("compare", dk_opt_get(CMD, a, "compare"), &l->store[4], l->compare, e) ||
           check_roles(a, l, e);
}

static void free_lists(fit_lists *l)
{
    for (int i = 0; i < 5; i++)
        dk_free(l->store[i]);
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

typedef struct {
    dk_fit_data d;
    dk_fit_result *r;
    int nfit;
    dk_fit_options o;
} fit_run;

static void run_free(fit_run *r)
{
    dk_fit_results_free(r->r, r->nfit, r->d.nfac);
    dk_free(r->r);
    dk_fit_data_free(&r->d);
}

/* Reads the data and fits every model; -1 with e set. */
static int fit_data(const dk_args *a, const fit_lists *l, fit_run *r, dk_err *e)
{
    memset(r, 0, sizeof *r);
    r->o.reml = !dk_opt_get(CMD, a, "ml");
    r->o.level = 0.95;
    r->o.compare = l->compare[0] ? l->compare : NULL;
    if (dk_opt_double(CMD, a, "level", 0.5, 0.9999, &r->o.level, e) != 0)
        return -1;
    dk_fit_spec spec = { dk_opt_get(CMD, a, "group"), dk_opt_get(CMD, a, "by"),
                         l->outcomes, l->factors, l->covariates };
    if (dk_fit_data_load(&r->d, a->pos[0], &spec, e) != 0)
        return -1;
    int *ref = dk_calloc((size_t)r->d.nfac + 1, sizeof *ref);
    r->nfit = r->d.nby * r->d.nout;
    r->r = dk_calloc((size_t)r->nfit, sizeof *r->r);
    if (!ref || !r->r) {
        dk_free(ref);
        return dk_fail_oom(e, "fit");
    }
    int rc = read_refs(l, &r->d, ref, e) == 0 &&
             dk_fit_all(&r->d, ref, &r->o, r->r, e) == 0 ? 0 : -1;
    dk_free(ref);
    return rc;
}

/* Every file fit writes (-o MODEL, --ranef, --predictions, then stdout),
 * made before any is written: running out of memory leaves none. */
enum { T_MODEL, T_RANEF, T_PRED, T_OUT, NTEXT };
static const char *const text_opt[NTEXT] = { "output", "ranef", "predictions", NULL };

/* The fitted model's file text into b, if -o asks for one. */
static int model_text(const dk_args *a, const fit_run *r, dk_buf *b, dk_err *e)
{
    if (!dk_opt_get(CMD, a, "output"))
        return 0;
    dk_model m;
    if (dk_opt_model(CMD, a, &m, e) != 0)
        return -1;
    int rc = dk_fit_model(&m, &r->d, r->r, r->nfit, e) == 0 &&
             dk_fit_model_text(&m, b, e) == 0 ? 0 : -1;
    dk_model_free(&m);
    return rc;
}

/* The report, with the fitted parameters against the model in use
 * (--model, else the embedded one). */
static int html_report(const dk_args *a, const dk_fit_report *rep, dk_buf *b, dk_err *e)
{
    dk_lang l;
    dk_model m;
    if (dk_opt_lang(CMD, a, &l, e) != 0 || dk_opt_model(CMD, a, &m, e) != 0)
        return -1;
    dk_fit_page(rep, &m, l, b);
    dk_model_free(&m);
    return 0;
}

static int make_texts(const dk_args *a, dk_format fmt, const fit_run *r, dk_buf *t,
                      dk_err *e)
{
    for (int k = 0; k < T_OUT; k++) {
        const char *path = dk_opt_get(CMD, a, text_opt[k]);
        if (path && !*path)
            return k == T_MODEL ? dk_fail(e, "fit: -o: empty file name")
                                : dk_fail(e, "fit: --%s: empty file name", text_opt[k]);
    }
    dk_fit_report rep = { &r->d, r->r, r->nfit, r->o.level, r->o.compare };
    if (model_text(a, r, &t[T_MODEL], e) != 0)
        return -1;
    if (dk_opt_get(CMD, a, "ranef"))
        dk_fit_report_ranef(&rep, &t[T_RANEF]);
    if (dk_opt_get(CMD, a, "predictions"))
        dk_fit_report_predictions(&rep, &t[T_PRED]);
    int rc = 0;
    if (fmt == DK_FMT_JSON)
        rc = dk_fit_report_json(&rep, &t[T_OUT], e);
    else if (fmt == DK_FMT_CSV)
        dk_fit_report_csv(&rep, &t[T_OUT]);
    else if (fmt == DK_FMT_HTML)
        rc = html_report(a, &rep, &t[T_OUT], e);
    else {
        dk_lang l;
        if (dk_opt_lang(CMD, a, &l, e) != 0)
            return -1;
        dk_fit_report_table(&rep, l, &t[T_OUT]);
    }
    for (int k = 0; rc == 0 && k < NTEXT; k++)
        if (t[k].oom)
            rc = dk_fail_oom(e, "fit");
    return rc;
}

/* Makes every text, then writes each asked for; -1 with e set. */
static int report(const dk_args *a, dk_format fmt, const fit_run *r, dk_err *e)
{
    dk_buf t[NTEXT] = { { 0 } };
    int rc = make_texts(a, fmt, r, t, e);
    for (int k = 0; rc == 0 && k < NTEXT; k++) {
        const char *path = k == T_OUT ? "-" : dk_opt_get(CMD, a, text_opt[k]);
        if (path)
            rc = dk_write_atomic(path, dk_buf_text(&t[k]), t[k].len, e);
    }
    for (int k = 0; k < NTEXT; k++)
        dk_buf_free(&t[k]);
    return rc;
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    dk_format fmt;
    fit_lists l = { 0 };     /* freed even when --format fails first */
    if (a->npos != 1) {
        dk_fail(&e, "fit: expected one data file (CSV or CSV.gz), got %d", a->npos);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (dk_opt_format(CMD, a, &fmt, &e) != 0 || read_lists(a, &l, &e) != 0) {
        free_lists(&l);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    fit_run r;
    int rc = fit_data(a, &l, &r, &e) == 0 && report(a, fmt, &r, &e) == 0 ? 0 : -1;
    run_free(&r);
    free_lists(&l);
    return rc == 0 ? DK_EXIT_OK : dk_report(DK_EXIT_USAGE, &e);
}

const dk_command dk_cmd_fit = {
    "fit",
    "fit effect sizes from vignette responses (random-intercept mixed model, REML or ML)",
    "DATA.csv[.gz] --group COL --outcome COL[,COL...] [--factors COLS] "
    "[--covariates COLS] [--by COL] [--reference COL=LEVEL,...] [--ml] [--level P] "
    "[--compare COLS] [--ranef FILE] [--predictions FILE] [--format table|csv|json|html] [-o MODEL]",
    opts, run, 1, ""
};
