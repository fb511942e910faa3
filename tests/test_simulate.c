/* test_simulate.c -- Monte Carlo prediction. */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "t.h"
#include "draagkracht/run/predict.h"
#include "draagkracht/run/simulate.h"
#include "draagkracht/run/scenario.h"

/* The report's detail (answers 1 and 5, the populations' classes by
 * expected rating) changes nothing else, and its shares are those of
 * predict for the same class. */
static void test_detail(t_ctx *t, dk_model *m)
{
    const char *text = "[run]\nseed = 7\nreplicates = 1000\n[school S]\nsector = po\n"
        "[class a]\nclass-size = 27\nsupport-needs = 9\nheavy = 3\n"
        "[class b]\nclass-size = 27\nsupport-needs = 9\nheavy = 3\n"
        "[class c]\nclass-size = 27\nsupport-needs = 9\nheavy = 3\n"
        "[class d]\nclass-size = 27\nsupport-needs = 9\nheavy = 3\n"
        "[population P]\nsector = po\nclasses = 400\nsupport = as-now\n";
    dk_scenario sc;
    dk_err e = { 0 };
    if (dk_scenario_read(&sc, m, "detail", text, strlen(text), &e) != 0) {
        t_ok(t, 0, "simulate: detail scenario", "%s", e.msg);
        return;
    }
    dk_sim_result plain, detail;
    dk_sim_opts o = { 1, NULL, NULL, 0, 0 }, od = { 2, NULL, NULL, 1, 0 };
    int ok = dk_simulate(m, &sc, &o, &plain, &e) == 0 && dk_simulate(m, &sc, &od, &detail, &e) == 0;
    t_ok(t, ok, "simulate: with and without detail", "%s", e.msg);
    if (!ok) {
        dk_scenario_free(&sc);
        return;
    }
    int differ = 0, order = 0, nan = 0;
    for (int u = 0; u < plain.nunit; u++)
        for (int k = 0; k < DK_NOUTCOME; k++) {
            dk_unit_stat a = *dk_sim_stat(&plain, u, k), b = *dk_sim_stat(&detail, u, k);
            differ += memcmp(&a, &b, offsetof(dk_unit_stat, le1)) != 0;
            nan += u < plain.nclass ? !isnan(b.le1) : isnan(b.le1) || isnan(b.ge5);
            order += u >= plain.nclass && !(b.le1 >= 0 && b.le1 <= b.le2 && b.ge5 >= 0 &&
                                            b.ge5 <= b.ge4);
        }
    t_ok(t, differ == 0 && plain.classes == NULL,
         "simulate: the detail leaves every other number as it was (and its streams)",
         "%d differ", differ);
    t_ok(t, nan == 0 && order == 0, "simulate: shares at 1 (5) within those at <= 2 (>= 4), "
         "for schools, populations and the total only", "%d NaN wrong, %d out of order", nan, order);
    /* the school's four equal classes against predict's teachers */
    dk_class c = sc.classes[0].c;
    dk_mc_settings ms = { 3, 1000, 100, NULL };
    dk_prediction p;
    double worst = 0;
    if (dk_predict(m, &c, &ms, &p, &e) == 0)
        for (int k = 0; k < DK_NOUTCOME; k++) {
            const dk_unit_stat *s = dk_sim_stat(&detail, plain.nclass, k);
            worst = fmax(worst, fabs(s->le1 - p.o[k].shares[0]));
            worst = fmax(worst, fabs(s->ge5 - p.o[k].shares[4]));
        }
    else
        worst = HUGE_VAL;
    /* 4000 answers a share: its standard error is at most 0.008 */
    t_ok(t, worst < 0.035, "simulate: a school's shares at 1 and 5 are predict's for its class",
         "largest difference %.4f", worst);
    /* the population's classes: shares over the bins that sum to 1, with
     * a mean near the population's mean rating */
    int sums = 0;
    double far = 0;
    for (int k = 0; k < DK_NASPECT; k++) {
        const double *h = dk_sim_classes(&detail, 0, k);
        double sum = 0, mean = 0;
        for (int b = 0; b < DK_SIM_BINS; b++) {
            sum += h[b];
            mean += h[b] * (1 + (b + 0.5) * DK_SIM_BIN_WIDTH);
        }
        sums += fabs(sum - 1) > 1e-9;
        far = fmax(far, fabs(mean - dk_sim_stat(&detail, plain.nclass + 1, k)->mean));
    }
    t_ok(t, sums == 0 && far < DK_SIM_BIN_WIDTH,
         "simulate: a population's classes by expected rating: shares sum to 1, mean in its bin",
         "%d sums off, mean %.3f away", sums, far);
    dk_sim_result_free(&plain);
    dk_sim_result_free(&detail);
    dk_scenario_free(&sc);
}

/* Largest |a - b| over a population's numbers, in units of what Monte
 * Carlo error allows (> 1: out of bounds), and which number it was. */
typedef struct {
    double worst;
    char what[96];
} mc_gap;

static void mc_gap_add(mc_gap *g, double a, double b, double allowed, const char *what, int o)
{
    double x = fabs(a - b) / allowed;
    if (!(x <= g->worst)) {
        g->worst = x;
        snprintf(g->what, sizeof g->what, "%s of outcome %d: %.5f vs %.5f (allowed %.5f)", what,
                 o, a, b, allowed);
    }
}

/* The composition (cell counts by nested multinomials, answers by a
 * multinomial per cell) against the classes drawn one by one, over many
 * replicates of small populations (so that the classes' own randomness,
 * not the parameters', is most of each replicate's spread): means,
 * shares, FTE and their 90 % intervals, the answers 1 and 5, the
 * populations' classes by expected rating.  Both paths draw each
 * replicate's parameters from the same stream, so their difference is
 * the classes' noise alone; the allowance is 5 standard errors of it
 * (taken from the interval's width, which also holds the parameters'
 * spread: conservative).  The same parameters give the same numbers for
 * any thread count. */
static void test_compose(t_ctx *t, dk_model *m)
{
    const int reps = 3000;
    char text[400];
    snprintf(text, sizeof text, "[run]\nseed = 11\nreplicates = %d\n"
             "[population P]\nsector = po\nclasses = 60\nsupport = as-now\nschool-size = 8\n"
             "[population V]\nsector = vo\nlevel = vmbo\nclasses = 40\nsupport = assistant\n"
             "school-size = 20\n", reps);
    dk_scenario sc;
    dk_err e;
    if (dk_scenario_read(&sc, m, "compose", text, strlen(text), &e) != 0) {
        t_ok(t, 0, "simulate: composition scenario", "%s", e.msg);
        return;
    }
    dk_sim_result a, b, c;
    dk_sim_opts oa = { 1, NULL, NULL, 1, 0 }, ob = { 1, NULL, NULL, 1, 1 }, oc = { 3, NULL, NULL, 1, 0 };
    int ok = dk_simulate(m, &sc, &oa, &a, &e) == 0 && dk_simulate(m, &sc, &ob, &b, &e) == 0 &&
             dk_simulate(m, &sc, &oc, &c, &e) == 0;
    t_ok(t, ok, "simulate: populations by composition and class by class", "%s", e.msg);
    if (!ok) {
        dk_scenario_free(&sc);
        return;
    }
    mc_gap g = { 0, "" }, w = { 0, "" }, h = { 0, "" };
    for (int u = a.nclass + a.nschool; u < a.nunit; u++)
        for (int o = 0; o < DK_NOUTCOME; o++) {
            int k0 = u - a.nclass - a.nschool;
            double classes = k0 < a.npop ? (double)sc.pops[k0].classes
                           : (double)(sc.pops[0].classes + sc.pops[1].classes);
            const dk_unit_stat *x = dk_sim_stat(&a, u, o), *y = dk_sim_stat(&b, u, o);
            const double *xs[] = { &x->mean, &x->le2, &x->ge4, &x->fte, &x->le1, &x->ge5 };
            const double *ys[] = { &y->mean, &y->le2, &y->ge4, &y->fte, &y->le1, &y->ge5 };
            const double *xw[][2] = { { &x->lo, &x->hi }, { &x->le2_lo, &x->le2_hi },
                                      { &x->ge4_lo, &x->ge4_hi }, { &x->fte_lo, &x->fte_hi } };
            const double *yw[][2] = { { &y->lo, &y->hi }, { &y->le2_lo, &y->le2_hi },
                                      { &y->ge4_lo, &y->ge4_hi }, { &y->fte_lo, &y->fte_hi } };
            const char *names[] = { "mean", "share <= 2", "share >= 4", "FTE", "share 1",
                                    "share 5" };
            for (int k = 0; k < 6; k++) {
                /* a 90 % interval is 3.29 SD wide; shares 1 and 5 have none:
                 * a binomial share's SD over the population's answers */
                double sd = k < 4 ? fmax(*xw[k][1] - *xw[k][0], *yw[k][1] - *yw[k][0]) / 3.29
                                  : sqrt(fmax(*xs[k], 1e-4) / classes);
                mc_gap_add(&g, *xs[k], *ys[k], 5 * sqrt(2.0 / reps) * sd + 1e-12, names[k], o);
                /* the spread too, not only the mean: within 12 %, and a
                 * step of a quantile of discrete values (one class's
                 * answer in a share or its FTE) */
                double step = k == 0 ? 0 : k < 3 ? 1 / classes
                            : y->ge4 > 0 ? y->fte / (y->ge4 * classes) : 0;
                if (k < 4)
                    mc_gap_add(&w, *xw[k][1] - *xw[k][0], *yw[k][1] - *yw[k][0],
                               0.12 * (*yw[k][1] - *yw[k][0]) + 1.01 * step + 1e-12, names[k], o);
            }
        }
    for (int k = 0; k < a.npop; k++)
        for (int o = 0; o < DK_NASPECT; o++)
            for (int i = 0; i < DK_SIM_BINS; i++) {
                double x = dk_sim_classes(&a, k, o)[i], y = dk_sim_classes(&b, k, o)[i];
                double n = (double)sc.pops[k].classes * reps;
                mc_gap_add(&h, x, y, 5 * sqrt(2 * fmax(y, 1e-3) / n) + 1e-12, "a bin's classes", o);
            }
    t_ok(t, g.worst <= 1, "simulate: populations by composition agree with classes drawn one "
         "by one within 5 standard errors (means, shares, FTE, answers 1 and 5)",
         "worst %.2f of the allowance: %s", g.worst, g.what);
    t_ok(t, w.worst <= 1, "simulate: ... and so do their 90 % intervals' widths (within 12 %)",
         "worst %.2f of the allowance: %s", w.worst, w.what);
    t_ok(t, h.worst <= 1, "simulate: ... and the populations' classes by expected rating",
         "worst %.2f of the allowance: %s", h.worst, h.what);
    size_t n = (size_t)a.nunit * DK_NOUTCOME;
    t_ok(t, memcmp(a.s, c.s, n * sizeof *a.s) == 0 &&
         memcmp(a.classes, c.classes, (size_t)a.npop * DK_NASPECT * DK_SIM_BINS * sizeof(double)) == 0,
         "simulate: populations by composition, the same numbers on 1 and 3 threads", "differ");
    dk_sim_result_free(&a);
    dk_sim_result_free(&b);
    dk_sim_result_free(&c);
    dk_scenario_free(&sc);
}

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
    int nest = 0;
    for (int o = 0; o < DK_NOUTCOME; o++) {
        const dk_outcome_stats *x = &b.o[o];
        double le2 = x->shares[0] + x->shares[1], ge4 = x->shares[3] + x->shares[4];
        /* the intervals of the exact chance hold the teachers' share, up to
         * their sampling noise (200 x 50 answers) */
        nest += !(x->le2_lo <= x->le2_hi && x->le2_lo - 0.02 <= le2 && le2 <= x->le2_hi + 0.02);
        nest += !(x->ge4_lo <= x->ge4_hi && x->ge4_lo - 0.02 <= ge4 && ge4 <= x->ge4_hi + 0.02);
    }
    t_ok(t, nest == 0, "predict: the intervals of <= 2 and >= 4 hold their shares", "%d do not",
         nest);
    test_detail(t, &m);
    test_compose(t, &m);
    dk_model_free(&m);
}
