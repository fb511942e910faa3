/*
 * compose.h -- a population's classes by composition (run/compose.c).
 *
 * Every population output is a sum over its classes: expected ratings,
 * teachers answering <= 2 or >= 4 (and 1 or 5), FTE, classes per bin of
 * expected rating.  A class's contribution depends only on its cell --
 * class size, support forms, pupils with a support need, of whom heavy --
 * and a replicate's classes fall into a few thousand cells.  So instead
 * of drawing N classes one by one, the cell counts are drawn (nested
 * multinomials: size and support, then the need count given the size,
 * then the heavy count given that), and each cell's teachers split over
 * <= 2 / middle / >= 4 by one multinomial per outcome.  The sums then
 * have exactly the distribution the class-by-class draws give them
 * (simulate.c's per-class path, kept for listed classes and as the
 * check: the tests hold the two to each other's Monte Carlo error), and
 * the cost follows the cells, not the classes.
 */
#ifndef DRAAGKRACHT_COMPOSE_H
#define DRAAGKRACHT_COMPOSE_H

#include <math.h>
#include <gsl/gsl_rng.h>

#include "draagkracht/model/survey.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/simulate.h"

/* A population's sums over its classes in one replicate; counts are exact
 * integers, so the order classes come in does not matter for them. */
typedef struct {
    double mu[DK_NOUTCOME];
    long le2[DK_NOUTCOME], ge4[DK_NOUTCOME];
    long le1[DK_NOUTCOME], ge5[DK_NOUTCOME], bins[DK_NASPECT][DK_SIM_BINS];   /* detail */
} dk_pop_tally;

/* The bin of a class's expected rating mu (NAN: the first), without a
 * branch or a call (fmin and fmax are calls): the conditionals are
 * SSE min and max, and truncation is the floor of a number >= 0. */
static inline int dk_sim_bin(double mu)
{
    double k = (mu - 1) * (1 / DK_SIM_BIN_WIDTH);
    k = k > 0 ? k : 0;
    k = k < DK_SIM_BINS - 1 ? k : DK_SIM_BINS - 1;
    return (int)k;
}

/* The limits of Z for a 1 (below 1.5) and a 5 (from 4.5), as
 * dk_answer_limits gives those for <= 2 and >= 4. */
static inline void dk_answer_limits15(double mu, double inv_sd, double *le1, double *ge5)
{
    if (inv_sd > 0) {
        *le1 = (1.5 - mu) * inv_sd;
        *ge5 = (4.5 - mu) * inv_sd;
    } else {
        *le1 = mu < 1.5 ? HUGE_VAL : -HUGE_VAL;
        *ge5 = mu >= 4.5 ? -HUGE_VAL : HUGE_VAL;
    }
}

/* Adds n classes of the population st was prepared for (and the mean
 * terms t of, 1 / the teachers' SD inv_sd) to s, by composition; r draws
 * the cell and answer counts, rd (NULL: no detail) the answers 1 and 5
 * and nothing else, so the other sums are the same with or without the
 * detail; q: the answer cells of dk_answer.  0, or -1 when out of
 * memory. */
int dk_compose_population(const dk_mean_terms *t, const dk_answer_cells *q,
                          dk_survey_tables *st, double inv_sd, const dk_answer_mean *am,
                          long n, gsl_rng *r, gsl_rng *rd, dk_pop_tally *s);

#endif
