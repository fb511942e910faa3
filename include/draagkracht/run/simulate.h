/*
 * engine.h -- the Monte Carlo engine behind `simulate`: many classes,
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
} dk_unit_stat;

/* Units: every class, every school, every population, then the total. */
typedef struct {
    int nunit, nclass, nschool, npop;
    dk_unit_stat *s;        /* nunit x DK_NOUTCOME */
} dk_sim_result;

typedef struct {
    int threads;            /* worker threads (< 1: one) */
    dk_progress_fn progress;/* NULL: none */
    void *ctx;
} dk_sim_opts;

int dk_simulate(const dk_model *m, const dk_scenario *sc, const dk_sim_opts *o,
                dk_sim_result *out, dk_err *e);
void dk_sim_result_free(dk_sim_result *r);

static inline dk_unit_stat *dk_sim_stat(const dk_sim_result *r, int unit, int o)
{
    return &r->s[(size_t)unit * DK_NOUTCOME + (size_t)o];
}

#endif
