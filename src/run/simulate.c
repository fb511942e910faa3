/*
 * simulate.c -- Monte Carlo over replicates for schools of classes.
 */
/* gsl_rng_get inline (GSL's documented switch): the population loop
 * calls it seven times per class. */
#define HAVE_INLINE 1
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/run/simulate.h"
#include "draagkracht/run/compose.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/model/survey.h"

/* Per replicate and unit: mean rating, shares at <= 2 and >= 4, FTE. */
enum { V_MEAN, V_LE2, V_GE4, V_FTE, NV };
/* With detail, per replicate and unit beyond the classes: shares at 1 and 5. */
enum { D_LE1, D_GE5, ND };

typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    int nunit;
    double *v;              /* replicates x nunit x outcomes x NV */
    double *d;              /* detail: replicates x (nunit - nclass) x outcomes x ND; else NULL */
    double *bins;           /* detail: replicates x npop x DK_NASPECT x DK_SIM_BINS class counts */
    const dk_answer_cells *cells;
    int per_class;          /* populations class by class (dk_sim_opts) */
} job;

/* Doubles one replicate's unit sums take. */
static size_t replicate_size(const job *j)
{
    return (size_t)j->nunit * DK_NOUTCOME * NV;
}

/* ... its detail sums (schools, populations, the total), its bins. */
static size_t detail_size(const job *j)
{
    return (size_t)(j->nunit - j->sc->nclass) * DK_NOUTCOME * ND;
}

static size_t bins_size(const job *j)
{
    return (size_t)j->sc->npop * DK_NASPECT * DK_SIM_BINS;
}

/* A thread's working memory, allocated once and reused by every replicate
 * it runs, so replicates allocate nothing and threads share no lines. */
typedef struct {
    gsl_rng *rng;
    gsl_rng *rd;            /* detail by composition: the answers 1 and 5 */
    double *theta;
    double *v;              /* one replicate's unit sums */
    dk_survey_tables *pops; /* one per population */
    dk_mean_terms *terms;
    double *d, *bins;       /* detail: one replicate's (NULL without) */
} work;

typedef dk_pop_tally tally;

/* ---- detail: answers 1 and 5, classes by expected rating ---- */

/* Answer bits beyond dk_answer's. */
enum { ANSWER_LE1 = 4, ANSWER_GE5 = 8 };

/* Z < lim, for Z in the cell c of U's leading 16 bits x, when lim lies
 * inside the cell; u is the refined U (negative when dk_answer_u did not
 * refine it).  By U, else by x's step [x, x + 1) / 2^16 against Phi(lim);
 * only when Phi(lim) falls inside that step (at most 1 answer in 65,536)
 * does the step's midpoint decide -- a refinement would draw from the
 * stream and change every number after it, which the detail must not. */
static unsigned below_open(double lim, double u, unsigned x)
{
    return (u >= 0 ? u : ((double)x + 0.5) / 65536.0) < gsl_cdf_ugaussian_P(lim);
}

/* dk_answer's bits, the same draws, and ANSWER_LE1 (a 1: below 1.5) and
 * ANSWER_GE5 (a 5: from 4.5).  A 1 is a <= 2 and a 5 a >= 4 (le1 < le2,
 * ge4 < ge5), so the cell decides them as dk_answer decides its bits:
 * without branches, and one rare branch when a limit is inside it. */
static inline unsigned answer_detail(const dk_answer_cells *q, double mu, double inv_sd,
                                     double le2, double ge4, unsigned x, gsl_rng *r)
{
    double u, le1, ge5;
    unsigned a = dk_answer_u(q, le2, ge4, x, r, &u);
    const double *c = dk_answer_cell(q, x);
    dk_answer_limits15(mu, inv_sd, &le1, &ge5);
    unsigned one = c[1] <= le1, five = c[0] >= ge5;
    if (((c[0] < le1) & !one) | ((c[1] > ge5) & !five)) {
        one = c[1] <= le1 || (c[0] < le1 && below_open(le1, u, x));
        five = c[0] >= ge5 || (c[1] > ge5 && !below_open(ge5, u, x));
    }
    return a | one * ANSWER_LE1 | five * ANSWER_GE5;
}

static double *detail_sums(const job *j, double *d, int unit, int o)
{
    return d + ((size_t)(unit - j->sc->nclass) * DK_NOUTCOME + (size_t)o) * ND;
}

/* FTE per teacher with a strong need for outcome o (0 for capability; the
 * facility serves a school, so its FTE is set per school after the sums). */
static double need_fte(const dk_model *m, const double *th, int o)
{
    if (!DK_IS_NEED(o) || o == DK_OUTCOME_NEED(DK_NEED_FACILITY))
        return 0;
    return dk_fte(m, th, dk_need_hours(m, th, o - DK_NASPECT));
}

static double *unit_sums(double *v, int unit, int o)
{
    return v + ((size_t)unit * DK_NOUTCOME + (size_t)o) * NV;
}

/* 1 / the SD of a teacher's rating, 0 when there is no spread. */
static double inverse_sd(const dk_model *m, const double *theta, dk_sector s)
{
    double sd = dk_teacher_sd(m, theta, s);
    return sd > 0 ? 1 / sd : 0;
}

/* Adds one teacher's ratings of class c to the given units' sums (and,
 * with detail sums d, the answers 1 and 5 to those of its school and the
 * total). */
static void rate_class(const job *j, const double *theta, gsl_rng *rng,
                       const dk_class *c, double *v, double *d, const int *units, int nu)
{
    const dk_model *m = j->m;
    double sd = dk_teacher_sd(m, theta, c->sector);
    double inv_sd = sd > 0 ? 1 / sd : 0;
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double mu = dk_model_mean(m, theta, c, o), lim_le2, lim_ge4;
        double ea = dk_expected_answer(mu, sd);    /* the mean on the 1..5 scale */
        dk_answer_limits(mu, inv_sd, &lim_le2, &lim_ge4);
        unsigned x16 = (unsigned)(gsl_rng_get(rng) >> 16);
        unsigned a = d ? answer_detail(j->cells, mu, inv_sd, lim_le2, lim_ge4, x16, rng)
                       : dk_answer(j->cells, lim_le2, lim_ge4, x16, rng);
        double le2 = a & DK_ANSWER_LE2, ge4 = (a & DK_ANSWER_GE4) != 0;
        double fte = ge4 * need_fte(m, theta, o);
        for (int u = 0; u < nu; u++) {
            double *x = unit_sums(v, units[u], o);
            x[V_MEAN] += ea;
            x[V_LE2] += le2;
            x[V_GE4] += ge4;
            x[V_FTE] += fte;
            if (d && units[u] >= j->sc->nclass) {
                double *y = detail_sums(j, d, units[u], o);
                y[D_LE1] += (a & ANSWER_LE1) != 0;
                y[D_GE5] += (a & ANSWER_GE5) != 0;
            }
        }
    }
}

/* Classes per block.  The generator calls for a block run in one tight
 * loop (uniform.h: two uniforms per call); then the block's compositions
 * (independent chains of table look-ups the processor overlaps); then
 * each outcome over the block, with its sums in registers. */
enum { BLOCK = 64, PER_CLASS = DK_SURVEY_UNIFORMS + DK_NOUTCOME };

typedef struct {
    const double *row[4];   /* the class's mean-term rows */
    double size_heavy;      /* cs[size] * hv[heavy]: times inter[o] */
} class_rows;

static void compose_block(const dk_mean_terms *t, dk_survey_tables *st,
                          const unsigned *x, int nb, gsl_rng *r, class_rows *cr)
{
    for (int b = 0; b < nb; b++) {
        dk_survey_class c;
        dk_survey_draw(st, x + b * DK_SURVEY_UNIFORMS, r, &c);
        cr[b] = (class_rows){ { t->size[c.size], t->ob[c.ob], t->heavy[c.heavy],
                                t->support[c.support >> 1] },
                              t->cs[c.size] * t->hv[c.heavy] };
    }
}

/* Inlined at its two calls, so that each is its own loop: without detail
 * (constant 0) the hot loop does nothing more than it ever did. */
static inline __attribute__((always_inline))
void answer_block(const dk_answer_cells *q, const dk_mean_terms *t, double inv_sd,
                  const dk_answer_mean *am, const class_rows *cr, const unsigned *x,
                  int nb, gsl_rng *r, tally *s, const int detail)
{
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double inter = t->inter[o];
        const unsigned *xo = x + o * nb;
        double mu_sum = 0;
        long le2 = 0, ge4 = 0, le1 = 0, ge5 = 0;
        long *bins = s->bins[o < DK_NASPECT ? o : 0];
        for (int b = 0; b < nb; b++) {
            const class_rows *c = &cr[b];
            double mu = c->row[0][o] + c->row[1][o] + c->row[2][o] + c->row[3][o]
                      + c->size_heavy * inter;
            double lim_le2, lim_ge4;
            double ea = dk_answer_mean_at(am, mu);  /* the mean on the 1..5 scale */
            dk_answer_limits(mu, inv_sd, &lim_le2, &lim_ge4);
            unsigned ans;
            if (detail) {
                ans = answer_detail(q, mu, inv_sd, lim_le2, lim_ge4, xo[b], r);
                le1 += (ans & ANSWER_LE1) != 0;
                ge5 += (ans & ANSWER_GE5) != 0;
                if (o < DK_NASPECT)     /* the same way for the whole block */
                    bins[dk_sim_bin(ea)]++;
            } else {
                ans = dk_answer(q, lim_le2, lim_ge4, xo[b], r);
            }
            mu_sum += ea;
            le2 += ans & DK_ANSWER_LE2;
            ge4 += (ans & DK_ANSWER_GE4) != 0;
        }
        s->mu[o] += mu_sum;
        s->le2[o] += le2;
        s->ge4[o] += ge4;
        s->le1[o] += le1;
        s->ge5[o] += ge5;
    }
}

/* The hot loop: per class three table draws for its composition, four
 * table rows for its expected ratings, one answer per outcome. */
static void rate_population(const job *j, const dk_mean_terms *t, double inv_sd,
                            const dk_answer_mean *am, long n, dk_survey_tables *st,
                            gsl_rng *r, tally *s, int detail)
{
    unsigned x[BLOCK * PER_CLASS];
    class_rows cr[BLOCK];
    for (long i = 0; i < n; i += BLOCK) {
        int nb = n - i < BLOCK ? (int)(n - i) : BLOCK;
        dk_u16_fill(r, x, nb * PER_CLASS);
        compose_block(t, st, x, nb, r, cr);
        if (detail)
            answer_block(j->cells, t, inv_sd, am, cr, x + nb * DK_SURVEY_UNIFORMS, nb, r, s, 1);
        else
            answer_block(j->cells, t, inv_sd, am, cr, x + nb * DK_SURVEY_UNIFORMS, nb, r, s, 0);
    }
}

static void add_tally(const job *j, const double *theta, const tally *s,
                      double *v, double *d, int unit)
{
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double *x = unit_sums(v, unit, o);
        x[V_MEAN] += s->mu[o];
        x[V_LE2] += (double)s->le2[o];
        x[V_GE4] += (double)s->ge4[o];
        x[V_FTE] += (double)s->ge4[o] * need_fte(j->m, theta, o);
        if (d) {
            double *y = detail_sums(j, d, unit, o);
            y[D_LE1] += (double)s->le1[o];
            y[D_GE5] += (double)s->ge5[o];
        }
    }
}

/* Population k's classes, drawn afresh under this replicate's parameters;
 * -1 when its tables ran out of memory. */
static int population(const job *j, work *w, int k, int unit, int total)
{
    const dk_scn_population *p = &j->sc->pops[k];
    dk_survey_tables *st = &w->pops[k];
    if (dk_survey_prepare(st, j->m, w->theta, &p->spec) != 0)
        return -1;
    dk_class like = { p->spec.sector, 0, 0, 0, 0, p->spec.exp, p->spec.level };
    dk_mean_terms_build(j->m, w->theta, &like, st->size_lo, st->size_hi, w->terms);
    tally s;
    memset(&s, 0, sizeof s);
    double inv_sd = inverse_sd(j->m, w->theta, p->spec.sector);
    dk_answer_mean am;
    dk_answer_mean_build(&am, dk_teacher_sd(j->m, w->theta, p->spec.sector));
    if (j->per_class)
        rate_population(j, w->terms, inv_sd, &am, p->classes, st, w->rng, &s, w->d != NULL);
    else if (dk_compose_population(w->terms, j->cells, st, inv_sd, &am, p->classes, w->rng,
                                   w->d ? w->rd : NULL, &s) != 0)
        return -1;
    if (st->oom)
        return -1;
    add_tally(j, w->theta, &s, w->v, w->d, unit);
    add_tally(j, w->theta, &s, w->v, w->d, total);
    if (w->bins)
        for (int o = 0; o < DK_NASPECT; o++)
            for (int b = 0; b < DK_SIM_BINS; b++)
                w->bins[((size_t)k * DK_NASPECT + (size_t)o) * DK_SIM_BINS + (size_t)b] =
                    (double)s.bins[o][b];
    return 0;
}

static double unit_classes(const dk_scenario *sc, int u)
{
    int k = u - sc->nclass;
    if (u < sc->nclass)
        return 1;
    if (k < sc->nschool)
        return sc->schools[k].nclass;
    if (k - sc->nschool < sc->npop)
        return (double)sc->pops[k - sc->nschool].classes;
    double n = sc->nclass;
    for (int i = 0; i < sc->npop; i++)
        n += (double)sc->pops[i].classes;
    return n;
}

/* Sums to means.  A facility serves a whole school: its FTE is the share
 * of teachers who strongly ask for one times the facility hours, per
 * school (populations: per school-size classes). */
static void finish_means(const job *j, const double *theta, double *v, double *d)
{
    const dk_model *m = j->m;
    const dk_scenario *sc = j->sc;
    int total = j->nunit - 1, pop0 = sc->nclass + sc->nschool;
    double fac = dk_fte(m, theta, dk_cost_hours(m, theta, DK_SUP_FACILITY));
    double total_fac = 0;
    for (int u = 0; u < j->nunit; u++) {
        double n = unit_classes(sc, u);
        for (int o = 0; o < DK_NOUTCOME; o++) {
            double *x = unit_sums(v, u, o);
            x[V_MEAN] /= n;
            x[V_LE2] /= n;
            x[V_GE4] /= n;
            if (d && u >= sc->nclass) {
                double *y = detail_sums(j, d, u, o);
                y[D_LE1] /= n;
                y[D_GE5] /= n;
            }
        }
        double *f = unit_sums(v, u, DK_OUTCOME_NEED(DK_NEED_FACILITY));
        if (u >= sc->nclass && u < pop0) {
            f[V_FTE] = f[V_GE4] * fac;
        } else if (u >= pop0 && u < total) {
            f[V_FTE] = f[V_GE4] * fac * n / sc->pops[u - pop0].school_size;
        } else if (u == total) {
            f[V_FTE] = total_fac;
        }
        if (u >= sc->nclass && u < total)
            total_fac += f[V_FTE];
    }
}

/* Runs replicate r into w->v; -1 when out of memory. */
static int replicate(const job *j, int r, work *w)
{
    const dk_scenario *sc = j->sc;
    gsl_rng_set(w->rng, dk_stream_seed(sc->seed, (unsigned long)r));
    /* the detail's own stream (composition), so that the other numbers
     * are the same with it or without */
    gsl_rng_set(w->rd, dk_mix64(dk_stream_seed(sc->seed, (unsigned long)r) ^ 0x64657461696cULL));
    dk_model_draw(j->m, w->rng, r, w->theta);
    memset(w->v, 0, replicate_size(j) * sizeof *w->v);
    if (w->d) {
        memset(w->d, 0, detail_size(j) * sizeof *w->d);
        memset(w->bins, 0, bins_size(j) * sizeof *w->bins);
    }
    int total = j->nunit - 1, pop0 = sc->nclass + sc->nschool;
    for (int i = 0; i < sc->nclass; i++) {
        int units[3] = { i, sc->nclass + sc->classes[i].school, total };
        rate_class(j, w->theta, w->rng, &sc->classes[i].c, w->v, w->d, units, 3);
    }
    for (int k = 0; k < sc->npop; k++)
        if (population(j, w, k, pop0 + k, total) != 0)
            return -1;
    finish_means(j, w->theta, w->v, w->d);
    return 0;
}

static void work_stop(const void *jv, void *wv)
{
    const job *j = jv;
    work *w = wv;
    for (int k = 0; w->pops && k < j->sc->npop; k++)
        dk_survey_tables_free(&w->pops[k]);
    dk_free(w->terms);
    dk_free(w->pops);
    dk_free(w->v);
    dk_free(w->d);
    dk_free(w->bins);
    dk_free(w->theta);
    if (w->rng)
        gsl_rng_free(w->rng);
    if (w->rd)
        gsl_rng_free(w->rd);
    dk_free(w);
}

/* A thread's memory for replicates (see work); NULL when out of memory. */
static void *work_start(const void *jv)
{
    const job *j = jv;
    work *w = dk_malloc(sizeof *w);
    if (!w)
        return NULL;
    /* GSL's taus2 (L'Ecuyer's maximally equidistributed combined
     * Tausworthe, period 2^88): simulation quality, about three times as
     * fast as MT19937 per number, and 32 bits per call as uniform.h needs. */
    *w = (work){ gsl_rng_alloc(gsl_rng_taus2), gsl_rng_alloc(gsl_rng_taus2),
                 dk_malloc(dk_model_nparam(j->m) * sizeof *w->theta),
                 dk_malloc(replicate_size(j) * sizeof *w->v),
                 dk_calloc((size_t)j->sc->npop, sizeof *w->pops), dk_malloc(sizeof *w->terms),
                 j->d ? dk_malloc(detail_size(j) * sizeof *w->d) : NULL,
                 j->d ? dk_malloc((bins_size(j) + 1) * sizeof *w->bins) : NULL };
    if (!w->rng || !w->rd || !w->theta || !w->v || (j->sc->npop && !w->pops) || !w->terms ||
        (j->d && (!w->d || !w->bins))) {
        work_stop(jv, w);
        return NULL;
    }
    return w;
}

static int work_run(const void *jv, void *wv, int r)
{
    const job *j = jv;
    work *w = wv;
    if (replicate(j, r, w) != 0)
        return -1;
    memcpy(j->v + (size_t)r * replicate_size(j), w->v, replicate_size(j) * sizeof *w->v);
    if (j->d) {
        memcpy(j->d + (size_t)r * detail_size(j), w->d, detail_size(j) * sizeof *w->d);
        memcpy(j->bins + (size_t)r * bins_size(j), w->bins, bins_size(j) * sizeof *w->bins);
    }
    return 0;
}

static void summarise(const double *v, int reps, int nunit, int u, int o,
                      double *buf, dk_unit_stat *st)
{
    double *out[NV][3] = {
        { &st->mean, &st->lo, &st->hi }, { &st->le2, &st->le2_lo, &st->le2_hi },
        { &st->ge4, &st->ge4_lo, &st->ge4_hi }, { &st->fte, &st->fte_lo, &st->fte_hi },
    };
    for (int k = 0; k < NV; k++) {
        for (int r = 0; r < reps; r++)
            buf[r] = v[(((size_t)r * (size_t)nunit + (size_t)u) * DK_NOUTCOME + (size_t)o) * NV + (size_t)k];
        *out[k][0] = gsl_stats_mean(buf, 1, (size_t)reps);
        dk_interval90(buf, (size_t)reps, out[k][1], out[k][2]);
    }
}

/* The detail of unit u >= nclass, outcome o: the mean over replicates
 * of its shares at 1 and 5 (replicate order: the same for any threads). */
static void summarise_detail(const job *j, int reps, int u, int o, dk_unit_stat *st)
{
    double a = 0, z = 0;
    for (int r = 0; r < reps; r++) {
        const double *y = detail_sums(j, j->d + (size_t)r * detail_size(j), u, o);
        a += y[D_LE1];
        z += y[D_GE5];
    }
    st->le1 = a / reps;
    st->ge5 = z / reps;
}

/* Population k's classes per bin, as shares of all its classes over the
 * replicates (counts: exact, in any order). */
static void summarise_bins(const job *j, int reps, int k, double *out)
{
    size_t at = (size_t)k * DK_NASPECT * DK_SIM_BINS, n = DK_NASPECT * DK_SIM_BINS;
    double classes = (double)j->sc->pops[k].classes * reps;
    for (size_t i = 0; i < n; i++) {
        double c = 0;
        for (int r = 0; r < reps; r++)
            c += j->bins[(size_t)r * bins_size(j) + at + i];
        out[at + i] = c / classes;
    }
}

/* Runs every replicate into j's sums, split over the threads; -1 when
 * out of memory. */
static int run_threads(job *j, const dk_sim_opts *opt)
{
    dk_answer_cells *cells = dk_malloc(sizeof *cells);
    if (!cells)
        return -1;
    dk_answer_cells_init(cells);
    j->cells = cells;
    dk_parallel p = { .n = j->sc->replicates, .threads = opt->threads, .job = j,
                      .start = work_start, .run = work_run, .stop = work_stop,
                      .progress = opt->progress, .ctx = opt->ctx };
    int rc = dk_parallel_run(&p);
    dk_free(cells);
    j->cells = NULL;
    return rc;
}

/* The detail's per-replicate sums (with opt->detail); -1 when out of memory. */
static int detail_alloc(job *j, const dk_sim_opts *opt)
{
    if (!opt->detail)
        return 0;
    size_t reps = (size_t)j->sc->replicates;
    j->d = dk_malloc(reps * detail_size(j) * sizeof *j->d);
    j->bins = dk_malloc((reps * bins_size(j) + 1) * sizeof *j->bins);
    return j->d && j->bins ? 0 : -1;
}

static void summarise_all(const job *j, double *buf, dk_sim_result *out)
{
    int reps = j->sc->replicates;
    for (int u = 0; u < j->nunit; u++)
        for (int o = 0; o < DK_NOUTCOME; o++) {
            dk_unit_stat *st = dk_sim_stat(out, u, o);
            summarise(j->v, reps, j->nunit, u, o, buf, st);
            st->le1 = st->ge5 = NAN;
            if (j->d && u >= j->sc->nclass)
                summarise_detail(j, reps, u, o, st);
        }
    for (int k = 0; out->classes && k < j->sc->npop; k++)
        summarise_bins(j, reps, k, out->classes);
}

int dk_simulate(const dk_model *m, const dk_scenario *sc, const dk_sim_opts *opt,
                dk_sim_result *out, dk_err *e)
{
    int nunit = sc->nclass + sc->nschool + sc->npop + 1;
    size_t n = (size_t)sc->replicates * (size_t)nunit * DK_NOUTCOME * NV;
    /* Every replicate's unit summaries are kept for the quantiles; refuse
     * plainly rather than let the machine swap (4 GB is far beyond any
     * school, and populations need only one unit each). */
    int huge = (double)n * sizeof(double) > DK_MEM_REPLICATES;
    job j = { m, sc, nunit, huge ? NULL : dk_malloc(n * sizeof *j.v), NULL, NULL, NULL,
              opt->per_class };
    if (!j.v)
        return dk_fail(e, "%s%s: %d replicates x %d classes needs %.0f MB; use "
                       "fewer replicates", huge ? "" : "out of memory: ", sc->path,
                       sc->replicates, sc->nclass, (double)n * 8 / 1e6);
    *out = (dk_sim_result){ nunit, sc->nclass, sc->nschool, sc->npop, NULL, NULL };
    double *buf = NULL;
    int rc = detail_alloc(&j, opt);
    if (rc == 0)
        rc = run_threads(&j, opt);
    if (rc == 0 && (!(out->s = dk_calloc((size_t)nunit * DK_NOUTCOME, sizeof *out->s)) ||
                    !(buf = dk_malloc((size_t)sc->replicates * sizeof *buf)) ||
                    (opt->detail && !(out->classes = dk_malloc((bins_size(&j) + 1) *
                                                            sizeof *out->classes)))))
        rc = -1;
    if (rc == 0)
        summarise_all(&j, buf, out);
    dk_free(buf);
    dk_free(j.v);
    dk_free(j.d);
    dk_free(j.bins);
    if (rc != 0) {
        dk_sim_result_free(out);
        return dk_fail_oom(e, "simulate");
    }
    return 0;
}

void dk_sim_result_free(dk_sim_result *r)
{
    dk_free(r->s);
    dk_free(r->classes);
    r->s = NULL;
    r->classes = NULL;
}
