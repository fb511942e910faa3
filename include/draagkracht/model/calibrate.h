/*
 * calibrate.h -- finds the parameters closest to the structured prior that
 * meet every published target.
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

typedef struct {
    int iterations;         /* total solver iterations */
    int unmet;              /* checks not met after rounding (0 on success) */
    double prior_distance;  /* sqrt of the prior sum of squares */
} dk_calib_report;

/*
 * Fills m (from dk_model_init) with assumed values from ts and calibrated
 * values for the rest.  Returns 0 when every check is met, -1 with e set
 * otherwise (the message lists the first unmet checks).
 */
int dk_calibrate(dk_model *m, const dk_targets *ts, dk_calib_report *rep,
                 dk_err *e);

#endif
