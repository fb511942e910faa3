/*
 * test_ensemble.c -- the embedded model is a posterior ensemble that meets
 * every published reading: a check per target id over every member, the
 * per-draw output, class size against heavy-need pupils, the real-class
 * switch.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/model/targets.h"
#include "draagkracht/run/sweep.h"
#include "readers.h"

/* Every constraint target met by every member: one result per target id. */
static void every_target(t_ctx *t, const dk_model *m)
{
    dk_targets ts;
    dk_err e = { 0 };
    if (dk_targets_parse(&ts, m, "(embedded targets)", dk_embedded_targets,
                         strlen(dk_embedded_targets), &e) != 0) {
        t_ok(t, 0, "ensemble: embedded targets parse", "%s", e.msg);
        return;
    }
    double *theta = malloc(m->n * sizeof *theta);
    size_t *miss = calloc(ts.nt, sizeof *miss);
    for (size_t r = 0; r < m->nmember; r++) {
        dk_model_member_theta(m, r, theta);
        for (size_t k = 0; k < ts.nc; k++)
            if (!dk_check_met(&ts.c[k], dk_check_value(m, theta, &ts.c[k]), 0))
                miss[ts.c[k].target]++;
    }
    for (size_t i = 0; i < ts.nt; i++) {
        if (ts.t[i].info)
            continue;
        char name[200];
        snprintf(name, sizeof name, "ensemble: target %s (%s) met by every member",
                 ts.t[i].id, ts.t[i].seed);
        t_ok(t, miss[i] == 0, name, "%zu check misses over %zu members", miss[i],
             m->nmember);
    }
    free(miss);
    free(theta);
    dk_targets_free(&ts);
}

/* Aspects and forms are exchangeable, not equal: they differ across members. */
static void not_equal(t_ctx *t, const dk_model *m)
{
    dk_class c = { DK_PO, 25, 8, 4, 0, DK_EXP_ALL, DK_LEVEL_ALL };
    double *theta = malloc(m->n * sizeof *theta);
    double maxdiff[3] = { 0, 0, 0 };
    for (size_t r = 0; r < m->nmember; r++) {
        dk_model_member_theta(m, r, theta);
        double mo = dk_model_mean(m, theta, &c, DK_MOTIVATE);
        double en = dk_model_mean(m, theta, &c, DK_ENERGY);
        double ca = dk_model_mean(m, theta, &c, DK_CALM);
        maxdiff[0] = fmax(maxdiff[0], fabs(mo - en));
        maxdiff[1] = fmax(maxdiff[1], fabs(mo - ca));
        maxdiff[2] = fmax(maxdiff[2], fabs(en - ca));
    }
    free(theta);
    t_ok(t, maxdiff[0] > 0.05 && maxdiff[1] > 0.05 && maxdiff[2] > 0.05,
         "ensemble: motivate, energy and calm differ across members",
         "largest differences %g %g %g", maxdiff[0], maxdiff[1], maxdiff[2]);
}

/* Mean expected rating of a class over the members. */
static double member_mean(const dk_model *m, const dk_class *c, int o)
{
    double *theta = malloc(m->n * sizeof *theta), s = 0;
    for (size_t r = 0; r < m->nmember; r++) {
        dk_model_member_theta(m, r, theta);
        s += dk_model_mean(m, theta, c, o);
    }
    free(theta);
    return s / (double)m->nmember;
}

/* Class size 20 -> 30 moves no capability mean more than heavy 0 -> max. */
static void class_size(t_ctx *t, const dk_model *m)
{
    int worst_ok = 1;
    char why[200] = "";
    for (int s = 0; s < DK_NSECTOR; s++) {
        const int *hv = dk_heavy_levels((dk_sector)s), *ob = dk_ob_levels((dk_sector)s);
        for (int a = 0; a < DK_NASPECT; a++) {
            dk_class c = { (dk_sector)s, 20, ob[1], hv[2], 0, DK_EXP_ALL, DK_LEVEL_ALL };
            double small = member_mean(m, &c, a);
            c.class_size = 30;
            double big = member_mean(m, &c, a);
            c.class_size = 25;
            c.heavy = hv[0];
            double none = member_mean(m, &c, a);
            c.heavy = hv[3];
            double most = member_mean(m, &c, a);
            if (fabs(big - small) > fabs(none - most)) {
                worst_ok = 0;
                snprintf(why, sizeof why, "%s %s: size %.3f vs heavy %.3f",
                         dk_sector_name((dk_sector)s), dk_outcome_name(a),
                         big - small, most - none);
            }
        }
    }
    t_ok(t, worst_ok, "ensemble: 20 -> 30 pupils moves no capability mean more than "
         "heavy-need 0 -> max", "%s", why);
}

/* --per-draw: one row per draw; its means are the reported means. */
static void per_draw(t_ctx *t)
{
    t_run_result r, s;
    t_run(t, "predict --per-draw --draws 200", &r);
    t_run(t, "predict --draws 200 --format json", &s);
    tc_table tab = { 0 };
    tj_value doc = { 0 };
    char err[200] = "";
    int ok = r.status == 0 && s.status == 0 && tc_read(r.out, r.outlen, &tab, err, sizeof err) == 0
             && tj_parse(s.out, s.outlen, &doc, err, sizeof err) == 0;
    int cd = ok ? tc_col(&tab, "draw") : -1, cm = ok ? tc_col(&tab, "member") : -1;
    int rows_ok = ok && tab.nrow == 200 && cd == 0 && cm == 1;
    for (size_t i = 0; rows_ok && i < tab.nrow; i++)
        rows_ok = atoi(tc_cell(&tab, i, cd)) == (int)i + 1 &&
                  atoi(tc_cell(&tab, i, cm)) == (int)i + 1;
    t_ok(t, rows_ok, "predict --per-draw: RFC 4180 CSV, one row per draw, member = draw",
         "status %d, %s", r.status, err);
    double worst = ok ? 0 : INFINITY;
    for (int o = 0; ok && o < DK_NOUTCOME; o++) {
        int c = tc_col(&tab, dk_outcome_name(o));
        double sum = 0;
        for (size_t i = 0; c >= 0 && i < tab.nrow; i++)
            sum += strtod(tc_cell(&tab, i, c), NULL);
        char path[96];
        snprintf(path, sizeof path, "/%s/%s/mean", DK_IS_NEED(o) ? "demand" : "capability",
                 dk_outcome_name(o));
        const tj_value *v = tj_at(&doc, path);
        worst = fmax(worst, c >= 0 && v && v->kind == TJ_NUMBER
                                ? fabs(v->num - sum / (double)tab.nrow) : INFINITY);
    }
    t_ok(t, worst < 1e-9, "predict --per-draw: the mean over draws is the reported mean",
         "largest difference %g", worst);
    tc_free(&tab);
    tj_free(&doc);
    t_run_free(&r);
    t_run_free(&s);
}

static double json_num(const tj_value *doc, const char *path)
{
    const tj_value *v = tj_at(doc, path);
    return v && v->kind == TJ_NUMBER ? v->num : NAN;
}

static int json_is(const tj_value *doc, const char *path, const char *want)
{
    const tj_value *v = tj_at(doc, path);
    return v && v->kind == TJ_STRING && strcmp(v->str, want) == 0;
}

/* --real-class shifts capability only, by the realclass.* parameters. */
static void real_class(t_ctx *t)
{
    t_run_result v, rc;
    t_run(t, "predict --format json --draws 100", &v);
    t_run(t, "predict --format json --draws 100 --real-class", &rc);
    tj_value a = { 0 }, b = { 0 };
    int ok = tj_parse(v.out, v.outlen, &a, NULL, 0) == 0 &&
             tj_parse(rc.out, rc.outlen, &b, NULL, 0) == 0;
    t_ok(t, ok && json_is(&a, "/basis", "vignette") && json_is(&b, "/basis", "real-class"),
         "predict: JSON says what the ratings are (basis vignette / real-class)", "%s", v.err);
    double m0 = json_num(&a, "/capability/motivate/mean"), m1 = json_num(&b, "/capability/motivate/mean");
    double d0 = json_num(&a, "/demand/assistant/mean"), d1 = json_num(&b, "/demand/assistant/mean");
    t_ok(t, ok && m1 - m0 > 0.4 && d0 == d1,
         "predict --real-class: capability shifts up, demand does not",
         "motivate %g -> %g, assistant %g -> %g", m0, m1, d0, d1);
    tj_free(&a);
    tj_free(&b);
    t_run_free(&v);
    t_run_free(&rc);
    expect(t, "predict: the table says ratings are of comparable vignette classes",
           "predict", 0, "comparable described classes", NULL);
}

/* [factor model]: a sweep row for member k is the model under member k. */
static void sweep_member(t_ctx *t, const dk_model *m)
{
    static const char spec[] = "[sweep]\ndesign = grid\nresponses = tailor.mean\n"
                               "[factor model]\nlevels = 1 2 500 1000\n";
    dk_sweep_spec sp;
    dk_err e = { 0 };
    if (dk_sweep_parse(&sp, m, "m.ini", spec, strlen(spec), &e) != 0 ||
        dk_sweep_validate(&sp, &e) != 0) {
        t_ok(t, 0, "sweep [factor model]: parses", "%s", e.msg);
        return;
    }
    double *theta = malloc(m->n * sizeof *theta), *want = malloc(m->n * sizeof *want);
    double worst = 0, spread = 0, first = NAN;
    static const int members[] = { 1, 2, 500, 1000 };
    for (int i = 0; i < 4; i++) {
        memcpy(theta, sp.theta, sp.ntheta * sizeof *theta);
        double x = members[i], y;
        dk_sweep_eval(&sp, m, &x, theta, &y);
        dk_model_member_theta(m, (size_t)members[i] - 1, want);
        dk_class c = sp.base;
        dk_survey_means d = sp.def[c.sector][c.level];
        c.class_size = c.class_size < 0 ? d.size : c.class_size;
        c.ob = c.ob < 0 ? d.ob : c.ob;
        c.heavy = c.heavy < 0 ? d.heavy : c.heavy;
        worst = fmax(worst, fabs(y - dk_expected_answer(dk_model_mean(m, want, &c, DK_TAILOR),
                                                         dk_teacher_sd(m, want, c.sector))));
        first = i ? first : y;
        spread = fmax(spread, fabs(y - first));
    }
    t_ok(t, worst < 1e-12 && spread > 0.01, "sweep [factor model]: a row is the model "
         "under its ensemble member, and members differ", "worst %g, spread %g", worst, spread);
    free(theta);
    free(want);
    dk_sweep_free(&sp);
    static const char bad_spec[] = "[sweep]\ndesign = grid\nresponses = tailor.mean\n"
                                   "[factor model]\nlevels = 0 1\n";
    int rc = dk_sweep_parse(&sp, m, "m.ini", bad_spec, strlen(bad_spec), &e);
    t_ok(t, rc != 0 && t_contains(e.msg, "m.ini:5") && t_contains(e.msg, "ensemble member"),
         "sweep [factor model]: a member outside 1..K is named with its line", "%s",
         rc ? e.msg : "accepted");
    if (rc == 0)
        dk_sweep_free(&sp);
}

/* A model written by fit -o is an ensemble too: each fitted parameter's
 * members are draws from its sampling distribution (mean the estimate, SD
 * its standard error), the calibrated ones keep the default's members. */
static void fitted_ensemble(t_ctx *t, const dk_model *def)
{
    char args[2000], path[400];
    snprintf(args, sizeof args, "design --respondents 400 --simulate --seed 5 -q "
             "-o %s/fe.csv >/dev/null && %s fit %s/fe.csv --group respondent --outcome tailor --factors "
             "support-needs,heavy,support --by sector -o %s/fe.model", t->tmp, t->bin,
             t->tmp, t->tmp);
    t_run_result r;
    t_run(t, args, &r);
    snprintf(path, sizeof path, "%s/fe.model", t->tmp);
    dk_model m;
    dk_err e = { 0 };
    int ok = r.status == 0 && dk_model_load(&m, path, &e) == 0;
    t_run_free(&r);
    if (!ok) {
        t_ok(t, 0, "fit -o: the fitted model is an ensemble", "status %d", r.status);
        return;
    }
    int fi = dk_model_find(&m, "po.cap.tailor.intercept");
    int ci = dk_model_find(&m, "po.cap.motivate.intercept");
    const dk_param *fp = dk_model_param(&m, (size_t)fi);
    double se = (fp->hi - fp->lo) / (2 * 1.6448536269514722), s = 0, ss = 0, same = 0;
    double *th = malloc(m.n * sizeof *th), *dt = malloc(def->n * sizeof *dt);
    for (size_t k = 0; k < m.nmember; k++) {
        dk_model_member_theta(&m, k, th);
        dk_model_member_theta(def, k, dt);
        s += th[fi];
        ss += th[fi] * th[fi];
        same = fmax(same, fabs(th[ci] - dt[ci]));
    }
    double K = (double)m.nmember, mean = s / K, sd = sqrt(ss / K - mean * mean);
    t_ok(t, fp->kind == DK_PROV_FITTED && m.nmember == 1000 &&
         fabs(mean - fp->value) < 4 * se / sqrt(K) + 1e-4 && fabs(sd / se - 1) < 0.1 &&
         same < 1e-9, "fit -o: a fitted parameter's members are draws from its sampling "
         "distribution; calibrated ones keep the default's members",
         "%zu members, mean %g vs %g, sd %g vs se %g, calibrated off by %g", m.nmember, mean,
         fp->value, sd, se, same);
    free(th);
    free(dt);
    dk_model_free(&m);
}

void test_ensemble(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "ensemble", &m) != 0)
        return;
    t_ok(t, m.nmember >= 400, "ensemble: the embedded model holds its members",
         "%zu members", m.nmember);
    every_target(t, &m);
    not_equal(t, &m);
    class_size(t, &m);
    sweep_member(t, &m);
    fitted_ensemble(t, &m);
    dk_model_free(&m);
    per_draw(t);
    real_class(t);
}
