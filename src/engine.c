/*
 * engine.c -- Monte Carlo over replicates for schools of classes.
 */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/engine.h"
#include "draagkracht/simulate.h"
#include "draagkracht/survey.h"

/* Per replicate and unit: mean rating, shares at <= 2 and >= 4, FTE. */
enum { V_MEAN, V_LE2, V_GE4, V_FTE, NV };

typedef struct {
    const dk_model *m;
    const dk_scenario *sc;
    int nunit;
    double *v;              /* replicates x nunit x outcomes x NV */
    int threads, id;
} job;

/* Hours per week one strong need for demand form f stands for. */
static double need_hours(const dk_model *m, const double *th, int f)
{
    switch (f) {
    case DK_NEED_ASSISTANT:      return th[m->cost_hours[DK_SUP_ASSISTANT]];
    case DK_NEED_EXTRA_TEACHER:  return th[m->cost_hours[DK_SUP_EXTRA_TEACHER]];
    case DK_NEED_SPECIALIST_IN:
    case DK_NEED_SPECIALIST_OUT: return th[m->cost_hours[DK_SUP_SPECIALIST]];
    case DK_NEED_COACHING:       return th[m->coaching_hours];
    default:                     return 0; /* facility: per school, below */
    }
}

/* Adds one teacher's ratings of class c to the given units' sums. */
static void rate_class(const job *j, const double *theta, gsl_rng *rng,
                       const dk_class *c, double *v, const int *units, int nu)
{
    const dk_model *m = j->m;
    double sd = dk_teacher_sd(m, theta, c->sector);
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double mu = dk_model_mean(m, theta, c, o);
        double y = mu + gsl_ran_gaussian_ziggurat(rng, sd);
        double le2 = y < 2.5, ge4 = y >= 3.5;
        double fte = DK_IS_NEED(o) ? ge4 * need_hours(m, theta, o - DK_NASPECT)
                                     / theta[m->fte_hours] : 0;
        for (int u = 0; u < nu; u++) {
            double *x = v + ((size_t)units[u] * DK_NOUTCOME + (size_t)o) * NV;
            x[V_MEAN] += mu;
            x[V_LE2] += le2;
            x[V_GE4] += ge4;
            x[V_FTE] += fte;
        }
    }
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

/* Runs replicate r into v, a thread's own buffer: summing straight into the
 * shared array would make neighbouring replicates' threads fight over the
 * cache lines where their blocks meet. */
static void replicate(const job *j, int r, gsl_rng *rng, double *theta, double *v)
{
    const dk_model *m = j->m;
    const dk_scenario *sc = j->sc;
    gsl_rng_set(rng, dk_stream_seed(sc->seed, (unsigned long)r));
    dk_model_draw(m, rng, theta);
    memset(v, 0, (size_t)j->nunit * DK_NOUTCOME * NV * sizeof *v);
    int total = j->nunit - 1, pop0 = sc->nclass + sc->nschool;
    for (int i = 0; i < sc->nclass; i++) {
        int units[3] = { i, sc->nclass + sc->classes[i].school, total };
        rate_class(j, theta, rng, &sc->classes[i].c, v, units, 3);
    }
    for (int k = 0; k < sc->npop; k++) {
        int units[2] = { pop0 + k, total };
        dk_class c;
        for (long i = 0; i < sc->pops[k].classes; i++) {
            dk_survey_draw(m, theta, &sc->pops[k].spec, rng, &c);
            rate_class(j, theta, rng, &c, v, units, 2);
        }
    }
    /* Sums to means.  A facility serves a whole school: its FTE is the
     * share of teachers who strongly ask for one times the facility hours,
     * per school (populations: per school-size classes). */
    double fac = theta[m->cost_hours[DK_SUP_FACILITY]] / theta[m->fte_hours];
    double total_fac = 0;
    for (int u = 0; u < j->nunit; u++) {
        double n = unit_classes(sc, u);
        for (int o = 0; o < DK_NOUTCOME; o++) {
            double *x = v + ((size_t)u * DK_NOUTCOME + (size_t)o) * NV;
            x[V_MEAN] /= n;
            x[V_LE2] /= n;
            x[V_GE4] /= n;
        }
        double *f = v + ((size_t)u * DK_NOUTCOME + DK_OUTCOME_NEED(DK_NEED_FACILITY)) * NV;
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

static void *worker(void *arg)
{
    job *j = arg;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    double *theta = malloc(j->m->n * sizeof *theta);
    size_t block = (size_t)j->nunit * DK_NOUTCOME * NV;
    double *local = malloc(block * sizeof *local);
    for (int r = j->id; r < j->sc->replicates; r += j->threads) {
        replicate(j, r, rng, theta, local);
        memcpy(j->v + (size_t)r * block, local, block * sizeof *local);
    }
    free(local);
    free(theta);
    gsl_rng_free(rng);
    return NULL;
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
        gsl_sort(buf, 1, (size_t)reps);
        *out[k][1] = gsl_stats_quantile_from_sorted_data(buf, 1, (size_t)reps, 0.05);
        *out[k][2] = gsl_stats_quantile_from_sorted_data(buf, 1, (size_t)reps, 0.95);
    }
}

int dk_simulate(const dk_model *m, const dk_scenario *sc, int threads,
                dk_sim_result *out, dk_err *e)
{
    int nunit = sc->nclass + sc->nschool + sc->npop + 1;
    size_t n = (size_t)sc->replicates * (size_t)nunit * DK_NOUTCOME * NV;
    /* Every replicate's unit summaries are kept for the quantiles; refuse
     * plainly rather than let the machine swap (4 GB is far beyond any
     * school, and populations need only one unit each). */
    double *v = (double)n * sizeof(double) > 4e9 ? NULL : malloc(n * sizeof *v);
    if (!v)
        return dk_fail(e, "%s: %d replicates x %d classes needs %.0f MB; use "
                       "fewer replicates", sc->path, sc->replicates, sc->nclass,
                       (double)n * 8 / 1e6);
    if (threads < 1)
        threads = 1;
    job *jobs = calloc((size_t)threads, sizeof *jobs);
    pthread_t *tids = calloc((size_t)threads, sizeof *tids);
    char *started = calloc((size_t)threads, 1);
    for (int t = 0; t < threads; t++) {
        jobs[t] = (job){ m, sc, nunit, v, threads, t };
        if (t > 0)
            started[t] = pthread_create(&tids[t], NULL, worker, &jobs[t]) == 0;
    }
    /* A thread that could not start does its share here: same result. */
    for (int t = 0; t < threads; t++)
        if (!started[t])
            worker(&jobs[t]);
    for (int t = 1; t < threads; t++)
        if (started[t])
            pthread_join(tids[t], NULL);
    free(started);
    out->nunit = nunit;
    out->nclass = sc->nclass;
    out->nschool = sc->nschool;
    out->npop = sc->npop;
    out->s = calloc((size_t)nunit * DK_NOUTCOME, sizeof *out->s);
    double *buf = malloc((size_t)sc->replicates * sizeof *buf);
    for (int u = 0; u < nunit; u++)
        for (int o = 0; o < DK_NOUTCOME; o++)
            summarise(v, sc->replicates, nunit, u, o, buf, dk_sim_stat(out, u, o));
    free(buf);
    free(v);
    free(jobs);
    free(tids);
    return 0;
}

void dk_sim_result_free(dk_sim_result *r)
{
    free(r->s);
    r->s = NULL;
}
