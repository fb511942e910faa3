/*
 * simulate.h -- the Monte Carlo engine behind `simulate`: many classes,
 * grouped in schools, over replicates.
 *
 * Each replicate draws every model parameter from its range, then for each
 * class a teacher: the expected rating plus a between-teacher intercept
 * and a residual, rounded to a category.  Replicate r has its own random
 * stream, derived from (seed, r), so the result does not depend on how
 * replicates are spread over threads.
 */
#ifndef DRAAGKRACHT_ENGINE_H
#define DRAAGKRACHT_ENGINE_H

#include "draagkracht/model/model.h"
#include "draagkracht/base/parallel.h"
#include "draagkracht/input/scenario.h"

typedef struct {
    double mean, lo, hi;    /* mean rating over the unit's classes; 90 % interval */
    double le2, ge4;        /* share of teachers answering <= 2 / >= 4 */
    double le2_lo, le2_hi, ge4_lo, ge4_hi;
    double fte, fte_lo, fte_hi; /* demand: FTE the strong need implies */
    double le1, ge5;        /* share answering 1 / 5 (with detail; NAN for a class) */
} dk_unit_stat;

/* A population's classes by their expected rating of an aspect: bins
 * of DK_SIM_BIN_WIDTH from 1 (the first also holds what is below 1, the
 * last what is above 5). */
#define DK_SIM_BINS 16
#define DK_SIM_BIN_WIDTH 0.25

/* Units: every class, every school, every population, then the total. */
typedef struct {
    int nunit, nclass, nschool, npop;
    dk_unit_stat *s;        /* nunit x DK_NOUTCOME */
    /* with detail: npop x DK_NASPECT x DK_SIM_BINS, the share of a
     * population's classes (over replicates) in each bin; else NULL */
    double *classes;
} dk_sim_result;

typedef struct {
    int threads;            /* worker threads (< 1: one) */
    dk_progress_fn progress;/* NULL: none */
    void *ctx;
    /* 1: also the answers 1 and 5 of schools, populations and the total,
     * and the populations' classes by expected rating (for the report).
     * The other numbers and the random streams are the same either way. */
    int detail;
    /* 1: a population's classes drawn one by one, the way listed classes
     * are (the check on the composition, compose.h); 0: by composition,
     * the same distribution at a cost that follows the cells */
    int per_class;
} dk_sim_opts;

int dk_simulate(const dk_model *m, const dk_scenario *sc, const dk_sim_opts *o,
                dk_sim_result *out, dk_err *e);
void dk_sim_result_free(dk_sim_result *r);

static inline dk_unit_stat *dk_sim_stat(const dk_sim_result *r, int unit, int o)
{
    return &r->s[(size_t)unit * DK_NOUTCOME + (size_t)o];
}

/* Population k's share of classes in each bin for aspect o (detail). */
static inline const double *dk_sim_classes(const dk_sim_result *r, int k, int o)
{
    return r->classes + ((size_t)k * DK_NASPECT + (size_t)o) * DK_SIM_BINS;
}

#endif
