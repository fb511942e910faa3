/* test_simulate.c -- Monte Carlo prediction. */
#include <math.h>
#include <string.h>

#include "t.h"
#include "draagkracht/run/predict.h"

void test_simulate(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "simulate", &m) != 0)
        return;
    dk_mc_settings s = { DK_DEFAULT_SEED, 200, 50, NULL };
    dk_prediction a, b;
    /* issue #2 section 5: these must hold for the default model */
    dk_class vo = { DK_VO, 24, 5, 0, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    dk_predict(&m, &vo, &s, &a, NULL);
    t_ok(t, fabs(a.o[DK_INSTRUCTION].mean - 2.6) <= 0.1,
         "predict: vo 24/5/0 no support, instruction 2.6 +- 0.1 (seed 001 L2527)",
         "%.3f", a.o[DK_INSTRUCTION].mean);
    t_ok(t, fabs(a.o[DK_TAILOR].mean - 2.7) <= 0.1,
         "predict: vo 24/5/0 no support, tailor 2.7 +- 0.1 (seed 001 L2527)",
         "%.3f", a.o[DK_TAILOR].mean);
    dk_class po = { DK_PO, 25, 12, 5, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    dk_predict(&m, &po, &s, &b, NULL);
    t_ok(t, b.o[DK_TAILOR].mean <= 2.1,
         "predict: po 12/5 no support, tailor <= 2.1 (seed 001 L2686-2687)",
         "%.3f", b.o[DK_TAILOR].mean);
    t_ok(t, b.o[DK_TAILOR].shares[0] + b.o[DK_TAILOR].shares[1] >
            a.o[DK_TAILOR].shares[0] + a.o[DK_TAILOR].shares[1],
         "predict: a heavier class has more teachers at <= 2", "no increase");
    int bad = 0;
    for (int o = 0; o < DK_NOUTCOME; o++) {
        double sum = 0;
        for (int k = 0; k < 5; k++)
            sum += a.o[o].shares[k];
        bad += fabs(sum - 1) > 1e-9;
        bad += !(a.o[o].lo <= a.o[o].mean_lo && a.o[o].mean_lo <= a.o[o].mean &&
                 a.o[o].mean <= a.o[o].mean_hi && a.o[o].mean_hi <= a.o[o].hi);
    }
    t_ok(t, bad == 0, "predict: shares sum to 1 and intervals nest", "%d bad", bad);
    dk_prediction c;
    dk_predict(&m, &vo, &s, &c, NULL);
    t_ok(t, memcmp(&a, &c, sizeof a) == 0, "predict: same seed, identical result", "differs");
    s.seed++;
    dk_predict(&m, &vo, &s, &c, NULL);
    t_ok(t, memcmp(&a, &c, sizeof a) != 0, "predict: another seed, another draw", "identical");
    dk_class sup = vo;
    sup.support = 1u << DK_SUP_ASSISTANT;
    dk_predict(&m, &sup, &s, &b, NULL);
    t_ok(t, b.o[DK_TAILOR].mean > c.o[DK_TAILOR].mean + 0.1,
         "predict: an assistant raises tailoring (C8)", "%.3f vs %.3f",
         b.o[DK_TAILOR].mean, c.o[DK_TAILOR].mean);
    dk_model_free(&m);
}
