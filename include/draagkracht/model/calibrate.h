/*
 * calibrate.h -- the posterior of the effect sizes given the published
 * readings: a structured Gaussian prior restricted to the set where every
 * reading holds, sampled (posterior.h) into an ensemble of members.
 *
 * First a starting point inside that set: the parameters closest to the
 * prior that meet every target, found as below.  Then the chains.
 *
 * The problem: minimise sum_k ((theta_k - prior_k) / scale_k)^2 over the
 * calibrated parameters, subject to every check of the targets file (all
 * linear in theta) and the sign of each monotone effect.  It is solved as a
 * sequence of penalised nonlinear least-squares problems with GSL's
 * trust-region solver (gsl_multifit_nlinear), the penalty weight growing
 * until every constraint holds with a small margin.  Equality anchors also
 * pull towards their value, so an anchor is hit, not just grazed.
 */
#ifndef DRAAGKRACHT_CALIBRATE_H
#define DRAAGKRACHT_CALIBRATE_H

#include "draagkracht/model/model.h"
#include "draagkracht/model/targets.h"

/* How the posterior is sampled (dk_calib_opts_default gives the values
 * the embedded model was made with). */
typedef struct {
    int members;            /* ensemble size: chains x draws per chain */
    int chains;
    int warmup;             /* HMC trajectories discarded per chain */
    int thin;               /* trajectories per kept draw */
    unsigned long seed;
    double prior_scale;     /* multiplies every prior scale (sensitivity) */
    int threads;            /* chains in parallel (no effect on the result) */
} dk_calib_opts;

void dk_calib_opts_default(dk_calib_opts *o);

typedef struct {
    int iterations;         /* total solver iterations (the starting point) */
    int unmet;              /* checks not met after rounding (0 on success) */
    double prior_distance;  /* sqrt of the prior sum of squares, at the start */
    size_t ncal;            /* calibrated parameters */
    size_t nrows;           /* one-sided linear constraints sampled under */
    long bounces, trajectories;
    double max_rhat_param;  /* worst split R-hat over the parameters */
    double max_rhat;        /* ... and over the checks' quantities */
    double min_ess_param;   /* smallest effective sample size, parameters */
    double min_ess_check;   /* ... and the checks' quantities */
    char worst_rhat_param[64], worst_rhat[64]; /* which */
    char worst_ess[64];
} dk_calib_report;

/*
 * Fills m (from dk_model_init) with assumed values from ts and calibrated
 * values for the rest.  Returns 0 when every check is met, -1 with e set
 * otherwise (the message lists the first unmet checks).
 */
int dk_calibrate(dk_model *m, const dk_targets *ts, const dk_calib_opts *o,
                 dk_calib_report *rep, dk_err *e);

#endif
