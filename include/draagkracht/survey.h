/*
 * survey.h -- drawing the classes of a population from the teacher survey
 * (seed 001 ch. 3): class size from Table 7.2, support-need and heavy-need
 * counts around Table 3.2's means, support available now from Table 3.15.
 */
#ifndef DRAAGKRACHT_SURVEY_H
#define DRAAGKRACHT_SURVEY_H

#include <gsl/gsl_rng.h>
#include "draagkracht/model.h"

typedef struct {
    dk_sector sector;
    dk_level level;
    dk_experience exp;
    int size, ob, heavy;    /* -1: drawn from the survey */
    int as_now;             /* 1: support drawn from Table 3.15 */
    unsigned support;       /* otherwise: these forms for every class */
} dk_pop_spec;

/* One class of a population, under the parameters theta. */
void dk_survey_draw(const dk_model *m, const double *theta, const dk_pop_spec *p,
                    gsl_rng *r, dk_class *c);

/* Share of classes (0..1) that have support form f often or always now,
 * for a sector and class size (seed 001 Table 3.15). */
double dk_survey_availability(dk_sector s, int form, double class_size);

#endif
