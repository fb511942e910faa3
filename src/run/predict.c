/*
 * predict.c -- Monte Carlo prediction for one class.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#include "draagkracht/base/alloc.h"
#include "draagkracht/base/interval.h"
#include "draagkracht/run/predict.h"

void dk_answer_cells_init(dk_answer_cells *q)
{
    int n = 1 << DK_ANSWER_BITS;
    q->z[0] = -HUGE_VAL;
    q->z[n] = HUGE_VAL;
    for (int i = 1; i < n; i++)
        q->z[i] = gsl_cdf_ugaussian_Pinv((double)i / n);
}

unsigned dk_answer_exact(double u, double le2, double ge4)
{
    return (u < gsl_cdf_ugaussian_P(le2)) * DK_ANSWER_LE2
         | (u >= gsl_cdf_ugaussian_P(ge4)) * DK_ANSWER_GE4;
}

static int category(double y)
{
    int k = (int)floor(y + 0.5);
    return k < 1 ? 1 : k > 5 ? 5 : k;
}

int dk_predict(const dk_model *m, const dk_class *c, const dk_mc_settings *s,
               dk_prediction *out, dk_err *e)
{
    size_t nd = (size_t)s->draws, nt = (size_t)s->teachers;
    double *theta = dk_malloc(dk_model_nparam(m) * sizeof *theta);
    double *mu = dk_malloc(DK_NOUTCOME * nd * sizeof *mu);
    double *y = dk_malloc(DK_NOUTCOME * nd * nt * sizeof *y);
    double *pk = dk_malloc(2 * DK_NOUTCOME * nd * sizeof *pk);    /* P(<= 2), P(>= 4) per draw */
    long counts[DK_NOUTCOME][5];
    memset(counts, 0, sizeof counts);
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!theta || !mu || !y || !pk || !r) {
        dk_free(theta);
        dk_free(mu);
        dk_free(y);
        dk_free(pk);
        if (r)
            gsl_rng_free(r);
        return dk_fail_oom(e, "predict: --draws x --teachers samples are kept per outcome");
    }
    gsl_rng_set(r, dk_stream_seed(s->seed, 0));
    for (size_t d = 0; d < nd; d++) {
        dk_model_draw(m, r, (long)d, theta);
        double sd = dk_teacher_sd(m, theta, c->sector);
        for (int o = 0; o < DK_NOUTCOME; o++) {
            double mo = dk_model_mean(m, theta, c, o), le2, ge4;
            /* the mean on the answer scale; the latent mo draws the answers */
            double ea = dk_expected_answer(mo, sd);
            mu[(size_t)o * nd + d] = ea;
            dk_answer_limits(mo, sd > 0 ? 1 / sd : 0, &le2, &ge4);
            pk[(size_t)(2 * o) * nd + d] = gsl_cdf_ugaussian_P(le2);
            pk[(size_t)(2 * o + 1) * nd + d] = gsl_cdf_ugaussian_Q(ge4);
            if (s->per_draw)
                s->per_draw[d * DK_NOUTCOME + (size_t)o] = ea;
            double *yo = y + ((size_t)o * nd + d) * nt;
            for (size_t t = 0; t < nt; t++) {
                double v = mo + gsl_ran_gaussian_ziggurat(r, sd);
                counts[o][category(v) - 1]++;
                yo[t] = v < 1 ? 1 : v > 5 ? 5 : v;
            }
        }
    }
    for (int o = 0; o < DK_NOUTCOME; o++) {
        dk_outcome_stats *st = &out->o[o];
        double *mo = mu + (size_t)o * nd, *yo = y + (size_t)o * nd * nt;
        st->mean = gsl_stats_mean(mo, 1, nd);
        dk_interval90(mo, nd, &st->mean_lo, &st->mean_hi);
        dk_interval90(yo, nd * nt, &st->lo, &st->hi);
        dk_interval90(pk + (size_t)(2 * o) * nd, nd, &st->le2_lo, &st->le2_hi);
        dk_interval90(pk + (size_t)(2 * o + 1) * nd, nd, &st->ge4_lo, &st->ge4_hi);
        for (int k = 0; k < 5; k++)
            st->shares[k] = (double)counts[o][k] / (double)(nd * nt);
    }
    out->draws = s->draws;
    out->teachers = s->teachers;
    gsl_rng_free(r);
    dk_free(theta);
    dk_free(mu);
    dk_free(y);
    dk_free(pk);
    return 0;
}
