/*
 * simulate.h -- Monte Carlo over parameter uncertainty and teachers.
 *
 * Each draw takes every model parameter from its plausible range
 * (dk_model_draw), then rates the class for a panel of teachers: the
 * expected rating plus a between-teacher intercept and a residual, both
 * normal with the drawn standard deviations, rounded to the nearest
 * category 1..5 (an assumption: answers are the latent rating rounded).
 */
#ifndef DRAAGKRACHT_SIMULATE_H
#define DRAAGKRACHT_SIMULATE_H

#include "draagkracht/model.h"

typedef struct {
    double mean;            /* expected mean rating (the study's scale) */
    double mean_lo, mean_hi;/* 90 % interval of that mean over parameters */
    double lo, hi;          /* 90 % interval of one teacher's rating */
    double shares[5];       /* share of teachers answering 1..5 */
} dk_outcome_stats;

typedef struct {
    dk_outcome_stats o[DK_NOUTCOME];
    int draws, teachers;
} dk_prediction;

typedef struct {
    unsigned long seed;
    int draws;              /* parameter draws */
    int teachers;           /* teachers per draw */
} dk_mc_settings;

#define DK_DEFAULT_SEED 20261121UL
#define DK_DEFAULT_DRAWS 400
#define DK_DEFAULT_TEACHERS 100

/* At most this many samples per outcome (draws x teachers): the
 * samples are kept for the quantiles. */
#define DK_MAX_SAMPLES 5000000.0

void dk_predict(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
                dk_prediction *out);

/* Seed of random stream k for a user seed: splitmix64, so that seed 0 is
 * as good as any (MT19937 maps 0 to 4357) and streams are unrelated. */
unsigned long dk_stream_seed(unsigned long seed, unsigned long k);

#endif
