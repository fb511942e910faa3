/*
 * design.c -- `draagkracht design`: which vignettes each respondent of
 * a new survey gets, optionally with simulated answers to rehearse `fit`.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/cli/cli.h"
#include "draagkracht/fit/design.h"
#include "draagkracht/io/fileio.h"
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
    { "quiet", 'q', NULL, "no size estimate on the terminal before a large output" },
    { NULL, 0, NULL, NULL }
};

#define CMD (&dk_cmd_design)
#define MIN_OBS 20          /* per vignette, seed 001 L573-575 */

typedef struct {
    dk_sector sector;
    long n;
    int k, forms, simulate, round;
    unsigned long seed;
    dk_lang lang;
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
        return dk_fail(e, dk_e(e, DKS_E_REQUIRED), "design", "respondents");
    int nv = o->forms == 3 ? DK_NVIGNETTE : o->forms == 1 ? 60 : 12;
    if (dk_opt_long(CMD, a, "respondents", 1, 100000000, &n, e) ||
        dk_opt_long(CMD, a, "per-respondent", 1, nv, &k, e) ||
        dk_opt_long(CMD, a, "seed", 0, DK_SEED_MAX, &seed, e))
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

/* The longest row: eleven answers of up to 309 digits (%.4f of a
 * double), and the rest. */
#define ROW_MAX 8192

static int header(char *line, int simulate)
{
    int n = snprintf(line, ROW_MAX, "respondent,sector,position,vignette,form,support-needs,"
                     "heavy,support");
    for (int o = 0; simulate && o < DK_NOUTCOME; o++)
        n += snprintf(line + n, (size_t)(ROW_MAX - n), ",%s", dk_outcome_name(o));
    n += snprintf(line + n, (size_t)(ROW_MAX - n), "\n");
    return n;
}

static int row(char *line, const design_opts *o, long resp, int pos, const dk_vignette *v,
               const double *y)
{
    char id[16];
    if (v->form == 0)
        snprintf(id, sizeof id, "base");
    else
        snprintf(id, sizeof id, "f%d-%02d", v->form, v->number);
    int n = snprintf(line, ROW_MAX, "r%06ld,%s,%d,%s,%s,%d,%d,%s", resp + 1,
                     dk_sector_name(o->sector), pos, id, v->form == 0 ? "base"
                     : v->form == 1 ? "1" : "2", v->ob, v->heavy,
                     v->form == 2 ? "" : dk_support_name(v->support));
    for (int k = 0; o->simulate && k < DK_NOUTCOME; k++) {
        if (isnan(y[k]))
            n += snprintf(line + n, (size_t)(ROW_MAX - n), ",");
        else
            n += snprintf(line + n, (size_t)(ROW_MAX - n), o->round ? ",%.0f" : ",%.4f", y[k]);
    }
    n += snprintf(line + n, (size_t)(ROW_MAX - n), "\n");
    return n;
}

/* Teacher intercepts: one per respondent and outcome, independent. */
static void draw_intercepts(const dk_model *m, const double *theta, dk_sector s,
                            gsl_rng *r, double u[DK_NOUTCOME])
{
    double sd = dk_sector_value(m, theta, s, DK_G_SD_TEACHER);
    for (int o = 0; o < DK_NOUTCOME; o++)
        u[o] = gsl_ran_gaussian_ziggurat(r, sd);
}

/* Where rows go: the output, or (to foresee its size) a buffer. */
typedef struct {
    dk_writer *w;
    dk_buf *b;
    long n, id0;            /* respondents to write; the first one's number - 1 */
} sink;

static int put(const sink *s, const char *line, int n, dk_err *e)
{
    if (s->w)
        return dk_writer_put(s->w, line, (size_t)n, e);
    dk_buf_append(s->b, line, (size_t)n);
    return s->b->oom ? dk_fail_oom(e, "design") : 0;
}

/* Writes the respondents' rows as they are made; deal replays the
 * allocation, r draws the answers. */
static int rows(const sink *s, const design_opts *o, const dk_model *m,
                const dk_vignette *set, int nv, gsl_rng *deal, gsl_rng *r, dk_err *e)
{
    double *theta = dk_calloc(dk_model_nparam(m) + 1, sizeof *theta);
    char *line = dk_malloc(ROW_MAX);
    int rc = theta && line ? 0 : dk_fail(e, "design: out of memory");
    double u[DK_NOUTCOME] = { 0 }, y[DK_NOUTCOME];
    int mine[DK_NVIGNETTE];
    dk_vignette base = dk_base_vignette(o->sector);
    dk_dealer d;
    dk_dealer_init(&d, nv, o->k);
    if (rc == 0) {
        dk_model_values(m, theta);
        rc = put(s, line, header(line, o->simulate), e);
    }
    for (long i = 0; rc == 0 && i < s->n; i++) {
        dk_dealer_next(&d, deal, mine);
        if (o->simulate)
            draw_intercepts(m, theta, o->sector, r, u);
        for (int p = 0; rc == 0 && p <= o->k; p++) {
            const dk_vignette *v = p == 0 ? &base : &set[mine[p - 1]];
            if (o->simulate)
                dk_design_rate(m, theta, o->sector, v, u, o->round, r, y);
            for (int k = 0; p == 0 && k < DK_NOUTCOME; k++)
                if (!(o->forms & (DK_IS_NEED(k) ? 2 : 1)))
                    y[k] = NAN;     /* the base vignette asks only the forms in use */
            rc = put(s, line, row(line, o, s->id0 + i, p, v, y), e);
        }
    }
    dk_free(line);
    dk_free(theta);
    return rc;
}

/* Showings per vignette; deals with r, which is then where the answers'
 * draws begin (they follow the whole allocation). */
static void count(const design_opts *o, int nv, gsl_rng *r, long cnt[DK_NVIGNETTE])
{
    int mine[DK_NVIGNETTE];
    dk_dealer d;
    dk_dealer_init(&d, nv, o->k);
    for (long i = 0; i < o->n; i++) {
        dk_dealer_next(&d, r, mine);
        for (int p = 0; p < o->k; p++)
            cnt[mine[p]]++;
    }
}

static void summary(dk_buf *b, const design_opts *o, const long *cnt, int nv)
{
    long lo = -1, hi = 0;
    for (int v = 0; v < nv; v++) {
        lo = lo < 0 || cnt[v] < lo ? cnt[v] : lo;
        hi = cnt[v] > hi ? cnt[v] : hi;
    }
    long need = (MIN_OBS * nv + o->k - 1) / o->k;
    dk_lang l = o->lang;
    dk_buf_printf(b, dk_s(l, DKS_DESIGN_HEAD), dk_sector_name(o->sector), o->n, o->k, nv, o->seed);
    dk_buf_printf(b, dk_s(l, DKS_DESIGN_OBS), lo, hi, o->n);
    dk_buf_printf(b, dk_s(l, DKS_DESIGN_RULE), MIN_OBS);
    if (lo < MIN_OBS)
        dk_buf_printf(b, dk_s(l, DKS_DESIGN_NOT_MET), need, o->k);
    else
        dk_buf_printf(b, "%s", dk_s(l, DKS_DESIGN_MET));
}

/*
 * The rows' size: the first respondents' rows made on copies of the
 * random streams, numbered as those halfway (their numbers' width is
 * typical), times the respondents; compressed as the output is, for .gz.
 * Checked against the free space and stated on a terminal.
 */
static int room(const dk_args *a, const design_opts *o, const dk_model *m,
                const dk_vignette *set, int nv, gsl_rng *deal, gsl_rng *r, dk_err *e)
{
    const char *out = dk_output_path(CMD, a, e);
    dk_buf b = { 0 }, z = { 0 };
    sink s = { NULL, &b, o->n < 200 ? o->n : 200, o->n / 2 };
    gsl_rng *d2 = gsl_rng_clone(deal), *r2 = gsl_rng_clone(r);
    int rc = d2 && r2 ? rows(&s, o, m, set, nv, d2, r2, e) : dk_fail(e, "design: out of memory");
    double bytes = (double)b.len / (double)s.n * (double)o->n;
    if (rc == 0 && dk_path_is_gz(out) &&
        dk_gzip_member(b.data, b.len, 6, DK_GZ_DEFAULT, &z) == 0)
        bytes *= (double)z.len / (double)b.len;
    if (rc == 0)
        rc = dk_output_room(CMD, out, bytes, dk_opt_get(CMD, a, "quiet") != NULL,
                            "fewer respondents", o->lang, e);
    gsl_rng_free(d2);
    gsl_rng_free(r2);
    dk_buf_free(&b);
    dk_buf_free(&z);
    return rc;
}

/* The rows, streamed to -o or stdout; the summary after them. */
static int design(const dk_args *a, const design_opts *o, const dk_model *m, dk_err *e)
{
    dk_vignette set[DK_NVIGNETTE];
    int nv = dk_vignettes(o->sector, o->forms, set);
    const char *out = dk_output_path(CMD, a, e);
    if (!out)
        return -1;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937), *deal = NULL;
    if (r) {
        gsl_rng_set(r, dk_stream_seed(o->seed, 0));
        deal = gsl_rng_clone(r);
    }
    long cnt[DK_NVIGNETTE] = { 0 };
    dk_buf sum = { 0 };
    dk_writer *w = NULL;
    int rc = r && deal ? 0 : dk_fail(e, "design: out of memory");
    if (rc == 0) {
        count(o, nv, r, cnt);
        summary(&sum, o, cnt, nv);
        /* the summary is made first: without it, no file is written */
        rc = sum.oom ? dk_fail_oom(e, "design") : room(a, o, m, set, nv, deal, r, e);
    }
    if (rc == 0)
        rc = (w = dk_writer_open_buffered(out, e)) ? 0 : -1;
    sink s = { w, NULL, o->n, 0 };
    if (rc == 0)
        rc = rows(&s, o, m, set, nv, deal, r, e);
    if (rc == 0)
        rc = dk_writer_commit(w, e);
    else
        dk_writer_abort(w);
    if (rc == 0)
        fputs(dk_buf_text(&sum), strcmp(out, "-") != 0 ? stdout : stderr);
    dk_buf_free(&sum);
    gsl_rng_free(deal);
    gsl_rng_free(r);
    return rc;
}

static int run(const dk_args *a)
{
    dk_err e = DK_ERR_IN(a->ui);
    design_opts o = { 0 };
    dk_model m = { 0 };
    if (a->npos) {
        dk_fail(&e, dk_s(a->ui, DKS_E_UNEXPECTED), "design", a->pos[0]);
        return dk_report(DK_EXIT_USAGE, &e);
    }
    if (read_opts(a, &o, &e) != 0 || dk_opt_lang(CMD, a, &o.lang, &e) != 0 ||
        (o.simulate && dk_opt_model(CMD, a, &m, &e) != 0))
        return dk_report(DK_EXIT_USAGE, &e);
    int rc = design(a, &o, &m, &e);
    if (o.simulate)
        dk_model_free(&m);
    /* out of memory, or a destination that cannot be written: exit 2 */
    return rc == 0 ? DK_EXIT_OK : dk_report(DK_EXIT_USAGE, &e);
}

const dk_command dk_cmd_design = {
    "design",
    "allocate vignettes to the respondents of a new survey (optionally with simulated answers)",
    "--respondents N [--sector po|vo|mbo] [--per-respondent K] [--forms both|1|2] "
    "[--seed N] [--simulate [--round] [--model FILE]] [-o FILE] [-q]",
    opts, run, 0, NULL
};
