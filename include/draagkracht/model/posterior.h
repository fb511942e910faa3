/*
 * posterior.h -- sampling a Gaussian restricted to a polytope, and the
 * diagnostics that say whether the sample can be trusted.
 *
 * The default model's posterior is a structured Gaussian prior N(mu, Sigma)
 * on the calibrated parameters, restricted to the set where every reading
 * of the published text holds.  Each reading is linear in the parameters,
 * so that set is a polytope {x : F x + g >= 0} and the posterior is a
 * truncated multivariate normal.  It is sampled with exact Hamiltonian
 * Monte Carlo (Pakman & Paninski 2014, "Exact Hamiltonian Monte Carlo for
 * truncated multivariate Gaussians", J. Comput. Graph. Stat. 23:518-542):
 * in whitened coordinates z = L^-1 (x - mu) the Hamiltonian flow is a
 * rotation, z(t) = z cos t + p sin t, whose first contact with each wall
 * has a closed form; at a wall the velocity is reflected.  No step size,
 * no rejection: every proposal is accepted and every draw is inside.
 */
#ifndef DRAAGKRACHT_POSTERIOR_H
#define DRAAGKRACHT_POSTERIOR_H

#include <stddef.h>

#include "draagkracht/base/text.h"

typedef struct {
    size_t n;               /* dimension */
    size_t m;               /* one-sided linear constraints */
    const double *mu;       /* n: prior mean */
    const double *chol;     /* n x n, row-major: lower Cholesky factor L of Sigma */
    const double *F;        /* m x n, row-major */
    const double *g;        /* m: constraint j is F_j . x + g_j >= 0 */
} dk_tmvn;

typedef struct {
    int chains;             /* independent chains, each from x0 */
    int warmup;             /* trajectories discarded per chain */
    int draws;              /* draws kept per chain */
    int thin;               /* trajectories per kept draw */
    unsigned long seed;     /* chain c uses seed + 7919 c */
    int threads;            /* chains run in parallel; the result is the same */
} dk_hmc_opts;

typedef struct {
    long bounces;           /* wall contacts over all trajectories */
    long trajectories;
} dk_hmc_stats;

/*
 * Samples p.  x0 must meet every constraint strictly.  out receives
 * chains * draws rows of n values, chain-major (row c * draws + i).
 * Returns 0, or -1 with e set (x0 outside, out of memory, a singular
 * factor).  The result depends only on p, x0 and o: the same bytes on
 * every run.
 */
int dk_tmvn_sample(const dk_tmvn *p, const double *x0, const dk_hmc_opts *o,
                   double *out, dk_hmc_stats *st, dk_err *e);

/*
 * Convergence diagnostics of one scalar quantity over chains x draws
 * values (chain-major), as Stan reports them (Vehtari et al. 2021,
 * "Rank-normalization, folding, and localization: an improved R-hat",
 * Bayesian Analysis 16:667-718): split R-hat, and the effective sample
 * size from the chains' autocorrelations with Geyer's initial monotone
 * sequence.  Both need draws >= 4.
 */
double dk_split_rhat(const double *v, int chains, int draws);
double dk_ess(const double *v, int chains, int draws);

#endif
