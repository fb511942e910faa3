/*
 * compare.h -- funding scenarios for a population of classes: a baseline
 * and named variants (scenario.h: [compare], [variant NAME]).
 *
 * Each replicate draws the model's parameters and the baseline's classes
 * once (survey.h), then applies every variant's rules to those same
 * classes, with the same random numbers for the same rule: the differences
 * between variants are differences of policy, not of draws.  Teachers are
 * integrated exactly: a class's share of teachers answering <= 2 is the
 * normal probability that its latent rating falls below 2.5 (simulate.h's
 * answer model), so no teacher noise enters the comparison.
 */
#ifndef DRAAGKRACHT_COMPARE_H
#define DRAAGKRACHT_COMPARE_H

#include "draagkracht/run/simulate.h"
#include "draagkracht/model/model.h"
#include "draagkracht/input/scenario.h"

/* What a replicate measures for one variant; teachers are one per class
 * (after a class-size change, per class the pupils then fill). */
enum {
    DK_CS_MEAN = 0,                             /* + aspect: mean rating */
    DK_CS_LE2 = DK_CS_MEAN + DK_NASPECT,        /* + aspect: share at <= 2 */
    DK_CS_LE2_N = DK_CS_LE2 + DK_NASPECT,       /* + aspect: teachers at <= 2 */
    DK_CS_DEMAND = DK_CS_LE2_N + DK_NASPECT,    /* + need form: FTE */
    DK_CS_COST = DK_CS_DEMAND + DK_NNEED,       /* + support form: FTE; + 0: class teachers */
    DK_CS_GIVEN = DK_CS_COST + DK_NSUPPORT,     /* + support form: classes (facility: schools) */
    DK_CS_COST_FTE = DK_CS_GIVEN + DK_NSUPPORT, /* all costs */
    DK_CS_COST_EURO,                            /* with the file's rates; 0 without */
    DK_CS_TEACHERS,
    DK_NCS
};

typedef struct {
    double mean, lo, hi;    /* over replicates; lo..hi: 90 % interval */
} dk_cmp_interval;

/* Cost-effectiveness: FTE per percentage point fewer teachers at <= 2. */
enum { DK_CE_TAILOR, DK_CE_INSTRUCTION, DK_NCE };

typedef struct {
    int nvariant;           /* the variants, plus the baseline at index 0 */
    int replicates;
    dk_cmp_interval *level; /* [nvariant][DK_NCS] */
    dk_cmp_interval *delta; /* [nvariant][DK_NCS]: minus the baseline */
    /* [nvariant][DK_NCE]: cost / pp fewer (ratio of the means); lo..hi
     * from the replicates' ratios, NAN unless every replicate improves */
    dk_cmp_interval *ce;
    double *crit;           /* [nvariant]: mean improvement on the criterion */
    double *p_best;         /* [nvariant]: share of replicates it is best in */
    int *rank;              /* [nvariant - 1]: variants, best first */
    int euros;              /* 1: the file gives a rate for every cost */
    /* Which of the schools' own classes (the scenario's classes, in file
     * order) a variant gives a per-class form: [nvariant][nclass][form],
     * the share of replicates; NULL for more than DK_CMP_MAX_NAMED
     * classes, or none. */
    int nclass;
    double *given;
} dk_cmp_result;

#define DK_CMP_MAX_NAMED 2000

static inline double dk_cmp_given(const dk_cmp_result *r, int v, int cls, int form)
{
    return r->given[((size_t)v * (size_t)r->nclass + (size_t)cls) * DK_NSUPPORT + (size_t)form];
}

static inline dk_cmp_interval *dk_cmp_level(const dk_cmp_result *r, int v, int k)
{
    return &r->level[(size_t)v * DK_NCS + (size_t)k];
}

static inline dk_cmp_interval *dk_cmp_delta(const dk_cmp_result *r, int v, int k)
{
    return &r->delta[(size_t)v * DK_NCS + (size_t)k];
}

/* Who a rule serves first (lower first), for a candidate with uniform u,
 * its heavy-need and support-need pupils and the survey's availability of
 * the form for it: random (u), targeted (most heavy-need pupils, then most
 * support-need pupils, ties at random), as-now (a weighted random order
 * with availability as the weight; never available: last). */
double dk_alloc_priority(dk_alloc a, double u, double heavy, double ob, double avail);

/* Runs sc's baseline and variants; -1 with e set when the file's rates
 * miss a cost a variant incurs or the run would not fit in memory. */
int dk_compare(const dk_model *m, const dk_scenario *sc, const dk_sim_opts *o,
               dk_cmp_result *out, dk_err *e);
void dk_cmp_result_free(dk_cmp_result *r);

/* The criterion's improvement (higher is better) from one replicate's
 * baseline values to a variant's. */
double dk_cmp_criterion(const dk_scn_compare *c, const double *base, const double *var);

#endif
