/*
 * fitmodel.h -- turning fitted vignette effects into a model file.
 * Internal to the program.
 */
#ifndef DRAAGKRACHT_FITMODEL_H
#define DRAAGKRACHT_FITMODEL_H

#include "draagkracht/fit/fit.h"
#include "draagkracht/model/model.h"

/*
 * The model parameters one fit estimates -- per sector and outcome the
 * intercept at the base vignette, the steps between support-need and
 * heavy levels and (capability) each support form against none -- each a
 * combination w'beta of the fit's fixed effects: their values W beta and
 * covariance W V W', from which an ensemble can draw its members.  -1
 * with e set when the fit does not map onto the model (see dk_fit_model).
 */
typedef struct {
    int n;
    int *param;         /* indices into m->p */
    double *value;      /* n */
    double *cov;        /* n x n */
} dk_fit_estimates;

int dk_fit_estimates_of(const dk_model *m, const dk_fit_data *d, const dk_fit_result *r,
                        dk_fit_estimates *est, dk_err *e);
void dk_fit_estimates_free(dk_fit_estimates *est);

/*
 * Replaces in m the parameters the fits estimate, with provenance
 * "fitted" and range +-1.645 SE, and per sector the teacher and residual
 * SDs (root mean of the fitted variances).  Needs --by values that are
 * sectors, outcomes named as in the model (motivate ... coaching), and
 * exactly the vignette factors support-needs, heavy and (capability)
 * support at the model's levels; -1 with e set otherwise, so no model is
 * written from data that do not map onto it.
 */
int dk_fit_model(dk_model *m, const dk_fit_data *d, const dk_fit_result *r, int nfit,
                 dk_err *e);

/* The model file text, after checking that it loads back. */
int dk_fit_model_text(const dk_model *m, dk_buf *b, dk_err *e);

#endif
