/*
 * fitmodel.h -- turning fitted vignette effects into a model file.
 * Internal to the program.
 */
#ifndef DRAAGKRACHT_FITMODEL_H
#define DRAAGKRACHT_FITMODEL_H

#include "draagkracht/fit/fit.h"
#include "draagkracht/model/model.h"

/*
 * Replaces in m the parameters the fits estimate, with provenance
 * "fitted".  Needs --by values that are sectors, outcomes named as in the
 * model (motivate ... coaching), and exactly the vignette factors
 * support-needs, heavy and (capability) support at the model's levels;
 * -1 with e set otherwise, so no model is written from data that do not
 * map onto it.
 */
int dk_fit_model(dk_model *m, const dk_fit_data *d, const dk_fit_design *x,
                 const dk_lmm_fit *f, int nfit, dk_err *e);

/* The model file text, after checking that it loads back. */
int dk_fit_model_text(const dk_model *m, dk_buf *b, dk_err *e);

#endif
