/*
 * cmd_design.c -- `draagkracht design`: which vignettes each respondent of
 * a new survey gets, optionally with simulated answers to rehearse `fit`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "draagkracht/cli/cli.h"
#include "draagkracht/fit/design.h"
#include "draagkracht/run/predict.h"

static const dk_opt opts[] = {
    { "sector", 0, "SECTOR", "po, vo or mbo: the vignette levels (default po)" },
    { "respondents", 0, "N", "number of respondents (required)" },
    { "per-respondent", 0, "K", "random vignettes per respondent, besides the base vignette (default 6)" },
    { "forms", 0, "WHICH", "both (default, as in the study), 1 (capability) or 2 (support need)" },
    { "seed", 0, "N", "random seed (default 20261121)" },
    { "simulate", 0, NULL, "add answers drawn from the model (respondent intercept + residual)" },
    { "round", 0, NULL, "with --simulate: round answers to the 1..5 scale" },
    { "model", 0, "FILE", "with --simulate: the model (default: the embedded model)" },
    { "output", 'o', "FILE", "write the allocation here (atomically; .gz compresses); the summary goes to stdout" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_design)
#define MIN_OBS 20          /* per vignette, seed 001 L573-575 */

typedef struct {
    dk_sector sector;
    long n;
    int k, forms, simulate, round;
    unsigned long seed;
} design_opts;

static int read_opts(const dk_args *a, design_opts *o, dk_err *e)
{
    long n = 0, k = 6, seed = (long)DK_DEFAULT_SEED;
    const char *sv = dk_opt_get(CMD, a, "sector"), *fv = dk_opt_get(CMD, a, "forms");
    int s = sv ? dk_sector_lookup(sv) : DK_PO;
    if (s < 0)
        return dk_fail(e, "design: --sector: unknown value '%s' (one of: po, vo, mbo)", sv);
    o->forms = !fv || strcmp(fv, "both") == 0 ? 3 : strcmp(fv, "1") == 0 ? 1
             : strcmp(fv, "2") == 0 ? 2 : 0;
    if (!o->forms)
        return dk_fail(e, "design: --forms: '%s' is not both, 1 or 2", fv);
    if (!dk_opt_get(CMD, a, "respondents"))
        return dk_fail(e, "design: --respondents is required");
    int nv = o->forms == 3 ? DK_NVIGNETTE : o->forms == 1 ? 60 : 12;
    if (dk_opt_long(CMD, a, "respondents", 1, 100000000, &n, e) ||
        dk_opt_long(CMD, a, "per-respondent", 1, nv, &k, e) ||
        dk_opt_long(CMD, a, "seed", 0, 4294967295L, &seed, e))
        return -1;
    if (dk_opt_get(CMD, a, "round") && !dk_opt_get(CMD, a, "simulate"))
        return dk_fail(e, "design: --round needs --simulate");
    o->sector = (dk_sector)s;
    o->n = n;
    o->k = (int)k;
    o->seed = (unsigned long)seed;
    o->simulate = dk_opt_get(CMD, a, "simulate") != NULL;
    o->round = dk_opt_get(CMD, a, "round") != NULL;
    return 0;
}

static void header(dk_buf *b, int simulate)
{
    dk_buf_printf(b, "respondent,sector,position,vignette,form,support-needs,heavy,support");
    for (int o = 0; simulate && o < DK_NOUTCOME; o++)
        dk_buf_printf(b, ",%s", dk_outcome_name(o));
    dk_buf_printf(b, "\n");
}

static void row(dk_buf *b, const design_opts *o, long resp, int pos, const dk_vignette *v,
                const double *y)
{
    char id[16];
    if (v->form == 0)
        snprintf(id, sizeof id, "base");
    else
        snprintf(id, sizeof id, "f%d-%02d", v->form, v->number);
    dk_buf_printf(b, "r%06ld,%s,%d,%s,%s,%d,%d,%s", resp + 1, dk_sector_name(o->sector),
                  pos, id, v->form == 0 ? "base" : v->form == 1 ? "1" : "2", v->ob,
                  v->heavy, v->form == 2 ? "" : dk_support_name(v->support));
    for (int k = 0; o->simulate && k < DK_NOUTCOME; k++) {
        if (isnan(y[k]))
            dk_buf_printf(b, ",");
        else
            dk_buf_printf(b, o->round ? ",%.0f" : ",%.4f", y[k]);
    }
    dk_buf_printf(b, "\n");
}

/* Teacher intercepts: one per respondent and outcome, independent. */
static void draw_intercepts(const dk_model *m, const double *theta, dk_sector s,
                            gsl_rng *r, double u[DK_NOUTCOME])
{
    double sd = theta[m->sect[s][DK_G_SD_TEACHER]];
    for (int o = 0; o < DK_NOUTCOME; o++)
        u[o] = gsl_ran_gaussian_ziggurat(r, sd);
}

static void rows(dk_buf *b, const design_opts *o, const dk_model *m, const int *alloc,
                 const dk_vignette *set, gsl_rng *r)
{
    double *theta = calloc(m->n + 1, sizeof *theta);
    double u[DK_NOUTCOME] = { 0 }, y[DK_NOUTCOME];
    dk_vignette base = dk_base_vignette(o->sector);
    dk_model_values(m, theta);
    header(b, o->simulate);
    for (long i = 0; i < o->n; i++) {
        if (o->simulate)
            draw_intercepts(m, theta, o->sector, r, u);
        for (int p = 0; p <= o->k; p++) {
            const dk_vignette *v = p == 0 ? &base : &set[alloc[i * o->k + p - 1]];
            if (o->simulate)
                dk_design_rate(m, theta, o->sector, v, u, o->round, r, y);
            for (int k = 0; p == 0 && k < DK_NOUTCOME; k++)
                if (!(o->forms & (DK_IS_NEED(k) ? 2 : 1)))
                    y[k] = NAN;     /* the base vignette asks only the forms in use */
            row(b, o, i, p, v, y);
        }
    }
    free(theta);
}

static void summary(dk_buf *b, const design_opts *o, const int *alloc, int nv)
{
    long cnt[DK_NVIGNETTE] = { 0 }, lo = -1, hi = 0;
    for (long i = 0; i < o->n * o->k; i++)
        cnt[alloc[i]]++;
    for (int v = 0; v < nv; v++) {
        lo = lo < 0 || cnt[v] < lo ? cnt[v] : lo;
        hi = cnt[v] > hi ? cnt[v] : hi;
    }
    long need = (MIN_OBS * nv + o->k - 1) / o->k;
    dk_buf_printf(b, "design %s: %ld respondents x (base vignette + %d of %d vignettes), "
                  "seed %lu\n", dk_sector_name(o->sector), o->n, o->k, nv, o->seed);
    dk_buf_printf(b, "observations per vignette: %ld to %ld (base vignette: %ld)\n", lo, hi, o->n);
    dk_buf_printf(b, "study rule, at least %d per vignette (seed 001 L573-575): %s", MIN_OBS,
                  lo >= MIN_OBS ? "met\n" : "NOT met");
    if (lo < MIN_OBS)
        dk_buf_printf(b, "; it needs at least %ld respondents at %d vignettes each\n",
                      need, o->k);
}

static int run(const dk_args *a)
{
    dk_err e;
    design_opts o = { 0 };
    dk_model m = { 0 };
    if (a->npos) {
        dk_fail(&e, "design: unexpected argument '%s' (options start with --)", a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (read_opts(a, &o, &e) != 0 || (o.simulate && dk_opt_model(CMD, a, &m, &e) != 0))
        return dk_report(DK_EXIT_USAGE, &e);
    dk_vignette set[DK_NVIGNETTE];
    int nv = dk_vignettes(o.sector, o.forms, set);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    gsl_rng_set(r, dk_stream_seed(o.seed, 0));
    int *alloc = malloc((size_t)(o.n * o.k) * sizeof *alloc);
    dk_design_allocate(nv, o.n, o.k, r, alloc);
    dk_buf data = { 0 }, sum = { 0 };
    rows(&data, &o, &m, alloc, set, r);
    summary(&sum, &o, alloc, nv);
    int rc = dk_emit(CMD, a, &data);
    if (rc == DK_EXIT_OK)
        fputs(sum.data, dk_opt_get(CMD, a, "output") ? stdout : stderr);
    dk_buf_free(&data);
    dk_buf_free(&sum);
    free(alloc);
    gsl_rng_free(r);
    if (o.simulate)
        dk_model_free(&m);
    return rc;
}

const dk_command dk_cmd_design = {
    "design",
    "allocate vignettes to the respondents of a new survey (optionally with simulated answers)",
    "--respondents N [--sector po|vo|mbo] [--per-respondent K] [--forms both|1|2] "
    "[--seed N] [--simulate [--round] [--model FILE]] [-o FILE]",
    opts, run
};
