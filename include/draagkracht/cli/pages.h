/*
 * pages.h -- the HTML report of each command (--format html), written
 * from the results the command already has.  Internal to the program.
 */
#ifndef DRAAGKRACHT_PAGES_H
#define DRAAGKRACHT_PAGES_H

#include "draagkracht/cli/lang.h"
#include "draagkracht/input/scenario.h"
#include "draagkracht/run/simulate.h"
#include "draagkracht/run/predict.h"

/* warnings: dk_warn's list (NUL-separated messages). */
void dk_simulate_page(const dk_model *m, const dk_scenario *sc, const dk_sim_result *r,
                      const dk_buf *warnings, dk_lang l, dk_buf *b);

/* predict's class and run in two lines (its table's head, its report's
 * facts). */
void dk_predict_describe(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                         dk_lang l, dk_buf *b);
void dk_predict_page(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                     const dk_prediction *p, const dk_buf *warnings, dk_lang l, dk_buf *b);

#endif
