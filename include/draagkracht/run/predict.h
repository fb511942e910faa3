/*
 * predict.h -- Monte Carlo over parameter uncertainty and teachers.
 *
 * Each draw takes every model parameter from its plausible range
 * (dk_model_draw), then rates the class for a panel of teachers: the
 * expected rating plus a between-teacher intercept and a residual, both
 * normal with the drawn standard deviations, rounded to the nearest
 * category 1..5 (an assumption: answers are the latent rating rounded).
 */
#ifndef DRAAGKRACHT_SIMULATE_H
#define DRAAGKRACHT_SIMULATE_H

#include <math.h>
#include <gsl/gsl_rng.h>

#include "draagkracht/model/model.h"
#include "draagkracht/base/uniform.h"

typedef struct {
    double mean;            /* expected mean rating (the study's scale) */
    double mean_lo, mean_hi;/* 90 % interval of that mean over parameters */
    double lo, hi;          /* 90 % interval of one teacher's rating */
    double shares[5];       /* share of teachers answering 1..5 */
    /* 90 % intervals over parameters of the chance that a teacher
     * answers <= 2 (>= 4): each draw's exact normal probability, so the
     * teachers' sampling noise is not in them */
    double le2_lo, le2_hi, ge4_lo, ge4_hi;
} dk_outcome_stats;

typedef struct {
    dk_outcome_stats o[DK_NOUTCOME];
    int draws, teachers;
} dk_prediction;

typedef struct {
    unsigned long seed;
    int draws;              /* parameter draws */
    int teachers;           /* teachers per draw */
    double *per_draw;       /* NULL, or draws x DK_NOUTCOME: each draw's
                             * expected ratings (draw d uses member
                             * dk_model_member(m, d)) */
} dk_mc_settings;

#define DK_DEFAULT_SEED 20261121UL
#define DK_DEFAULT_DRAWS 1000
#define DK_DEFAULT_TEACHERS 100

/* At most this many samples per outcome (draws x teachers): the
 * samples are kept for the quantiles. */
#define DK_MAX_SAMPLES 5000000.0

/* 0, or -1 with e set when out of memory. */
int dk_predict(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
               dk_prediction *out, dk_err *e);

/*
 * One teacher's answer to one question for populations and schools: the
 * latent rating mu + sd Z (Z standard normal) rounded to the nearest
 * category; only "<= 2" (below 2.5) and ">= 4" (from 3.5) are counted.
 *
 * Z is drawn by inversion, Z = Phi^-1(U) (uniform.h: U's leading 16 bits
 * first).  The quantiles z[i] = Phi^-1(i / 2^BITS) bound Z from U's first
 * BITS bits, which settles the answer unless a limit falls inside that
 * cell (about 1 draw in 500); then U is refined and compared with
 * Phi(limit) itself.  So the answer is exactly that of a normal draw, for
 * half a generator call and a few comparisons: GSL's ziggurat costs about
 * five times as much, and a population class needs eleven.  Written here,
 * not taken from GSL, because GSL has no normal sampler that stops at the
 * precision a category needs.
 */
#define DK_ANSWER_BITS 11

typedef struct {
    double z[(1 << DK_ANSWER_BITS) + 1];    /* z[0] = -inf, z[2^BITS] = +inf */
} dk_answer_cells;

enum { DK_ANSWER_LE2 = 1, DK_ANSWER_GE4 = 2 };

void dk_answer_cells_init(dk_answer_cells *q);

/* The limits of Z for <= 2 and >= 4, given mu and 1/sd (0: sd = 0, when
 * every teacher answers mu's own category). */
static inline void dk_answer_limits(double mu, double inv_sd, double *le2, double *ge4)
{
    if (inv_sd > 0) {
        *le2 = (DK_CUT_LE2 - mu) * inv_sd;
        *ge4 = (DK_CUT_GE4 - mu) * inv_sd;
    } else {
        *le2 = mu < DK_CUT_LE2 ? HUGE_VAL : -HUGE_VAL;
        *ge4 = mu >= DK_CUT_GE4 ? -HUGE_VAL : HUGE_VAL;
    }
}

/* The answer for a full-precision U. */
unsigned dk_answer_exact(double u, double le2, double ge4);

/* The cell of U's leading 16 bits x: Z lies in [c[0], c[1]). */
static inline const double *dk_answer_cell(const dk_answer_cells *q, unsigned x)
{
    return &q->z[x >> (16 - DK_ANSWER_BITS)];
}

/* DK_ANSWER_LE2 if Z < le2, DK_ANSWER_GE4 if Z >= ge4 (le2 <= ge4), where
 * x is U's leading 16 bits and r refines it when needed; *u is then the
 * refined U, else -1. */
static inline unsigned dk_answer_u(const dk_answer_cells *q, double le2, double ge4,
                                   unsigned x, gsl_rng *r, double *u)
{
    const double *c = dk_answer_cell(q, x);
    /* comparisons without branches, since their outcome is random, and
     * one rare branch for the undecided case */
    unsigned below = c[1] <= le2, above = c[0] >= ge4;
    unsigned open = ((c[0] < le2) & !below) | ((c[1] > ge4) & !above);
    *u = -1;
    if (open)
        return dk_answer_exact(*u = dk_u16_refine(x, r), le2, ge4);
    return below * DK_ANSWER_LE2 | above * DK_ANSWER_GE4;
}

static inline unsigned dk_answer(const dk_answer_cells *q, double le2, double ge4,
                                 unsigned x, gsl_rng *r)
{
    double u;
    return dk_answer_u(q, le2, ge4, x, r, &u);
}

/* Seed of random stream k for a user seed: splitmix64, so that seed 0 is
 * as good as any (MT19937 maps 0 to 4357) and streams are unrelated.
 * Inline: sweep hashes every row's strata and jitter with it. */
static inline unsigned long dk_mix64(unsigned long long z)
{
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return (unsigned long)(z ^ (z >> 31));
}

/* seed's part of every stream's seed: dk_stream_seed(seed, k) is
 * dk_mix64(dk_stream_base(seed) + k), for callers that hash many k. */
static inline unsigned long long dk_stream_base(unsigned long seed)
{
    return (unsigned long long)seed * 0x9E3779B97F4A7C15ULL + 1;
}

static inline unsigned long dk_stream_seed(unsigned long seed, unsigned long k)
{
    return dk_mix64(dk_stream_base(seed) + k);
}

#endif
