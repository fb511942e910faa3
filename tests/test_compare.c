/*
 * test_compare.c -- funding scenarios: common random numbers, the rules'
 * arithmetic (shares, schools, class sizes, costs), agreement with
 * simulate, determinism over threads, the golden example and bad input.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "readers.h"
#include "draagkracht/run/scenario.h"
#include "draagkracht/run/compare.h"
#include "draagkracht/run/predict.h"
#include <gsl/gsl_rng.h>

/* value, lo and hi of one row of compare's CSV; 0 when found. */
static int row(const char *csv, const char *variant, const char *kind, const char *meas,
               const char *item, double x[3])
{
    char key[300];
    snprintf(key, sizeof key, "\n\"%s\",%s,%s,%s,", variant, kind, meas, item);
    const char *p = csv ? strstr(csv, key) : NULL;
    if (!p)
        return -1;
    p += strlen(key);
    for (int k = 0; k < 3; k++) {
        char *end;
        x[k] = strtod(p, &end);
        p = end + 1;
    }
    return 0;
}

static const char region[] =
    "[run]\nseed = 7\nreplicates = 60\n"
    "[population a]\nsector = po\nclasses = 400\nsupport = none\nschool-size = 8\n"
    "[compare]\nbaseline = now\ncriterion = tailor.le2\n"
    "[variant nothing]\nassistant = 0% random\n"
    "[variant r30]\nassistant = 30% random\n"
    "[variant t30]\nassistant = 30% targeted\n"
    "[variant all-r]\nassistant = 100% random\n"
    "[variant all-t]\nassistant = 100% targeted\n"
    "[variant same as r30]\nbase = r30\n"
    "[variant r30 + facility]\nbase = r30\nfacility = every-school\n"
    "[variant smaller]\nclass-size = -2\n";

static void run_csv(t_ctx *t, const char *file, const char *extra, t_run_result *r)
{
    char args[800];
    snprintf(args, sizeof args, "compare %s --format csv %s", file, extra);
    t_run(t, args, r);
}

/* Rules on a population without support now, so every count is known. */
static void rules(t_ctx *t)
{
    char path[400];
    snprintf(path, sizeof path, "%s/cmp.ini", t->tmp);
    write_file(path, region);
    t_run_result r;
    run_csv(t, path, "", &r);
    double x[3] = { 0 }, y[3] = { 0 }, z[3] = { 0 };
    t_ok(t, r.status == 0, "compare: runs a baseline and eight variants", "status %d: %.300s",
         r.status, r.err);

    int zero = 1;
    for (int a = 0; a < DK_NASPECT; a++)
        zero &= row(r.out, "nothing", "change", "share_le2", dk_outcome_name(a), x) == 0
             && x[0] == 0 && x[1] == 0 && x[2] == 0;
    t_ok(t, zero, "compare: a variant that changes nothing differs by exactly 0 (common "
         "random numbers)", "tailor change %g (%g..%g)", x[0], x[1], x[2]);

    t_ok(t, row(r.out, "r30", "level", "given", "assistant", x) == 0 && x[0] == 120
         && x[1] == 120 && x[2] == 120, "compare: 30% of 400 classes is 120 classes in "
         "every replicate", "got %g (%g..%g)", x[0], x[1], x[2]);

    t_ok(t, row(r.out, "all-r", "change", "share_le2", "tailor", x) == 0
         && row(r.out, "all-t", "change", "share_le2", "tailor", y) == 0
         && x[0] == y[0] && x[1] == y[1], "compare: 100% random and 100% targeted serve "
         "the same classes", "%g vs %g", x[0], y[0]);

    /* the latent model is additive: the same number of classes gets the
     * same latent lift, whoever they are; the mean shown, the expected
     * answer, moves less where classes are near the floor of the scale
     * (targeted: the heaviest), so the two lifts are close, not equal; and
     * who crosses the <= 2 line depends on who */
    int got = row(r.out, "r30", "change", "mean", "tailor", x) == 0
           && row(r.out, "t30", "change", "mean", "tailor", y) == 0;
    double mr = x[0], mt = y[0];
    t_ok(t, got && mr > 0 && mt > 0 && fabs(mr - mt) < 0.05 && row(r.out, "t30", "change", "share_le2", "tailor", z) == 0
         && row(r.out, "r30", "change", "share_le2", "tailor", y) == 0 && z[0] != y[0],
         "compare: random and targeted raise the mean almost alike (0.05), not the share at <= 2",
         "means %.15g vs %.15g; le2 %g vs %g", mr, mt, y[0], z[0]);

    int same = 1;
    const char *meas[] = { "mean", "share_le2", "cost_fte_total", "given" };
    for (int k = 0; k < 4; k++) {
        const char *item = k == 2 ? "" : k == 3 ? "assistant" : "calm";
        same &= row(r.out, "r30", "level", meas[k], item, x) == 0
             && row(r.out, "same as r30", "level", meas[k], item, y) == 0
             && x[0] == y[0] && x[1] == y[1] && x[2] == y[2];
    }
    t_ok(t, same, "compare: a variant built on another makes the very same choices",
         "differs from its base");

    t_ok(t, row(r.out, "r30 + facility", "level", "given", "facility", x) == 0 && x[0] == 50
         && row(r.out, "r30 + facility", "level", "given", "assistant", y) == 0 && y[0] == 120
         && row(r.out, "r30 + facility", "change", "mean", "tailor", z) == 0
         && row(r.out, "r30", "change", "mean", "tailor", y) == 0 && z[0] > y[0],
         "compare: a mix keeps its base's assistants and adds a facility in all 50 schools",
         "facility schools %g, gain %g vs %g", x[0], z[0], y[0]);

    /* cost.class.fte is drawn per replicate, so cost / extra classes lies in its range */
    t_ok(t, row(r.out, "smaller", "change", "teachers", "", x) == 0 && x[1] > 0
         && row(r.out, "smaller", "level", "cost_fte", "class", y) == 0
         && y[0] / x[0] >= 0.9 && y[0] / x[0] <= 1.2
         && row(r.out, "smaller", "change", "mean", "tailor", z) == 0 && z[1] > 0,
         "compare: two pupils fewer means more classes, their teachers' cost, and a gain",
         "extra classes %g, cost %g, gain %g..%g", x[0], y[0], z[1], z[2]);
    t_run_free(&r);

    /* per FTE: a variant that costs nothing has no ratio and ranks last */
    run_csv(t, path, "--criterion all.le2-per-fte", &r);
    t_ok(t, r.status == 0 && row(r.out, "nothing", "rank", "rank", "all.le2-per-fte", x) == 0
         && x[0] == 8 && row(r.out, "nothing", "rank", "criterion_pp_per_fte", "all.le2-per-fte", y) == 0
         && isnan(y[0]) && row(r.out, "r30", "rank", "criterion_pp_per_fte", "all.le2-per-fte", z) == 0
         && z[0] > 0, "compare: ranking per FTE puts a variant that costs nothing last, as n/a",
         "status %d: rank %g, value %g; r30 %g", r.status, x[0], y[0], z[0]);
    t_run_free(&r);

    t_run_result one, two;
    run_csv(t, path, "--threads 1", &one);
    run_csv(t, path, "--threads 3", &two);
    t_ok(t, one.status == 0 && one.outlen == two.outlen
         && memcmp(one.out, two.out, one.outlen) == 0,
         "compare: byte-identical output on 1 and 3 threads", "differs");
    t_run_free(&one);
    t_run_free(&two);
}

/* Costs: a specific euro rate wins over the general one in any order, and
 * classes split off by a class-size change keep (and pay for) their
 * support, whichever rule came first. */
static void costs(t_ctx *t)
{
    char path[400];
    snprintf(path, sizeof path, "%s/cmp-costs.ini", t->tmp);
    write_file(path, "[run]\nreplicates = 20\n"
               "[population p]\nsector = po\nclasses = 100\nclass-size = 20\n"
               "support-needs = 6\nheavy = 2\nsupport = none\n"
               "[compare]\neuro-per-fte.assistant = 50000\neuro-per-fte = 80000\n"
               "[variant x]\nassistant = 100 % random\n"
               "[variant y]\nbase = x\nclass-size = -10\n"
               "[variant z]\nclass-size = -10\n"
               "[variant w]\nbase = z\nassistant = 100% random\n");
    t_run_result r;
    run_csv(t, path, "", &r);
    double x[3] = { 0 }, y[3] = { 0 }, fte[3] = { 0 }, eur[3] = { 0 };
    t_ok(t, r.status == 0 && row(r.out, "x", "level", "cost_fte_total", "", fte) == 0
         && row(r.out, "x", "level", "cost_euro", "", eur) == 0
         && fabs(eur[0] - 50000 * fte[0]) < 1e-6 * eur[0],
         "compare: euro-per-fte.assistant wins over a later euro-per-fte",
         "status %d: %g EUR for %g FTE: %.200s", r.status, eur[0], fte[0], r.err);
    t_ok(t, row(r.out, "y", "level", "cost_fte_total", "", x) == 0
         && row(r.out, "w", "level", "cost_fte_total", "", y) == 0
         && fabs(x[0] - y[0]) < 1e-9 * y[0] && row(r.out, "y", "level", "given", "assistant", x) == 0
         && x[0] == 200, "compare: smaller classes keep and pay for their support in either order",
         "y %g vs w %g FTE; %g classes with an assistant", x[0], y[0], x[0]);
    t_run_free(&r);
}

/* Schools of different sizes: "every-school N" serves only the big ones. */
static void schools(t_ctx *t)
{
    char path[400];
    snprintf(path, sizeof path, "%s/cmp-schools.ini", t->tmp);
    write_file(path, "[run]\nreplicates = 20\n"
               "[population small]\nsector = po\nclasses = 60\nsupport = none\nschool-size = 4\n"
               "[population big]\nsector = po\nclasses = 100\nsupport = none\nschool-size = 12\n"
               "[variant big schools]\nfacility = every-school 10\n"
               "[variant half the schools]\nfacility = 50% targeted\n"
               "[variant small only]\nfacility = 50% random in small\n"
               "[variant assistants in big]\nassistant = 50% targeted in big\n");
    t_run_result r;
    run_csv(t, path, "", &r);
    double x[3] = { 0 }, y[3] = { 0 };
    /* big: 8 schools of 12 and one of 4 (100 = 8 x 12 + 4) */
    t_ok(t, r.status == 0 && row(r.out, "small only", "level", "given", "facility", y) == 0
         && y[0] == 8 && row(r.out, "assistants in big", "level", "given", "assistant", x) == 0
         && x[0] == 50, "compare: '... in POPULATION' limits a rule to that population",
         "facility in %g small schools (want 8), assistants in %g big classes (want 50)",
         y[0], x[0]);
    t_ok(t, r.status == 0 && row(r.out, "big schools", "level", "given", "facility", x) == 0
         && x[0] == 8 && x[1] == 8 && row(r.out, "half the schools", "level", "given",
         "facility", y) == 0 && y[0] == 12, "compare: every-school 10 serves the 8 schools "
         "of 12; 50% of 24 schools is 12", "status %d, %g and %g: %.200s", r.status, x[0],
         y[0], r.err);
    t_run_free(&r);
}

/* The baseline is simulate's population, integrated instead of sampled. */
static void agrees_with_simulate(t_ctx *t)
{
    char path[400];
    snprintf(path, sizeof path, "%s/cmp-sim.ini", t->tmp);
    write_file(path, "[run]\nreplicates = 300\n[population p]\nsector = vo\nclasses = 300\n"
               "[variant v]\nassistant = 10% random\n");
    t_run_result c, s;
    run_csv(t, path, "", &c);
    char args[600];
    snprintf(args, sizeof args, "simulate %s --format csv --seed 99", path);
    t_run(t, args, &s);
    int ok = c.status == 0 && s.status == 0;
    double worst = 0;
    for (int a = 0; a < DK_NASPECT && ok; a++) {
        double x[3] = { 0 };
        char key[200];
        snprintf(key, sizeof key, "population,\"p\",\"\",capability,%s,", dk_outcome_name(a));
        const char *p = strstr(s.out, key);
        ok &= p != NULL && row(c.out, "baseline", "level", "share_le2", dk_outcome_name(a), x) == 0;
        if (!ok)
            break;
        /* simulate's columns after the key: mean, lo, hi, share_le2 */
        double v[4];
        p += strlen(key);
        for (int k = 0; k < 4; k++)
            v[k] = strtod(p, (char **)&p), p++;
        double d = fabs(v[3] - x[0]);
        worst = d > worst ? d : worst;
        row(c.out, "baseline", "level", "mean", dk_outcome_name(a), x);
        d = fabs(v[0] - x[0]);
        worst = d > worst ? d : worst;
    }
    t_ok(t, ok && worst < 0.02, "compare: the baseline agrees with simulate's population "
         "(means and shares at <= 2 within 0.02)", "worst difference %g; %.200s", worst, c.err);
    t_run_free(&c);
    t_run_free(&s);
}

static void example(t_ctx *t)
{
    char args[600], golden[600];
    snprintf(args, sizeof args, "compare %s/scenarios/compare-po-region.ini --replicates 40",
             t->root);
    t_run_result r;
    t_run(t, args, &r);
    const char *want[] = { "Variant vs baseline", "30% targeted assistant",
                           "facility in every school", "Ranking by tailor.le2",
                           "The top variant is truly the best in", "Baseline: as now",
                           "EUR ", "FTE per pp fewer teachers at <=2", NULL };
    t_ok(t, r.status == 0 && t_missing(r.out, want) == 0, "compare: the region example's "
         "table", "status %d, %d missing: %.300s", r.status, t_missing(r.out, want), r.err);
    t_run_free(&r);

    snprintf(golden, sizeof golden, "%s/tests/golden/compare_region.csv", t->root);
    snprintf(args, sizeof args, "compare %s/scenarios/compare-po-region.ini --replicates 40 "
             "--format csv", t->root);
    size_t glen;
    char *gold = t_slurp(golden, &glen);
    t_run(t, args, &r);
    t_ok(t, gold && r.status == 0 && r.outlen == glen && memcmp(r.out, gold, glen) == 0,
         "compare: region example CSV (40 replicates) equals tests/golden/compare_region.csv",
         "differs (regenerate after a deliberate model change: ./draagkracht compare "
         "scenarios/compare-po-region.ini --replicates 40 --format csv > %s)", golden);
    free(gold);
    t_run_free(&r);

    snprintf(args, sizeof args, "compare %s/scenarios/compare-po-region.ini --replicates 20 "
             "--format json --criterion all.mean", t->root);
    t_run(t, args, &r);
    const char *keys[] = { "\"criterion\": \"all.mean\"", "\"ranking\": [", "\"p_top_is_best\": ",
                           "\"fte_per_pp_le2\": {\"tailor\": {\"value\": ", "\"cost_euro\": ",
                           "\"change\": {\"mean\": {\"motivate\": ", NULL };
    t_ok(t, r.status == 0 && t_missing(r.out, keys) == 0, "compare: JSON with the "
         "criterion from the command line", "status %d, %d missing: %.300s", r.status,
         t_missing(r.out, keys), r.out);
    t_run_free(&r);
}

static void priorities(t_ctx *t)
{
    /* targeted: more heavy-need pupils first, then more support-need pupils */
    double a = dk_alloc_priority(DK_ALLOC_TARGETED, 0.9, 5, 8, 0);
    double b = dk_alloc_priority(DK_ALLOC_TARGETED, 0.1, 4, 20, 0);
    double c = dk_alloc_priority(DK_ALLOC_TARGETED, 0.1, 5, 7, 0);
    double never = dk_alloc_priority(DK_ALLOC_AS_NOW, 0.5, 0, 0, 0);
    double some = dk_alloc_priority(DK_ALLOC_AS_NOW, 0.999, 0, 0, 0.01);
    t_ok(t, a < c && c < b && some < never && dk_alloc_priority(DK_ALLOC_RANDOM, 0.3, 9, 9, 1)
         == 0.3, "compare: who is served first (targeted, as-now, random)",
         "%g %g %g %g %g", a, b, c, some, never);
}

static void bad_inputs(t_ctx *t)
{
    static const struct { const char *name, *text, *msg; } cases[] = {
        { "variant: unknown form", "[variant x]\nassistent = 30% random\n",
          ":4: assistent: unknown key 'assistent' (did you mean 'assistant'?)" },
        { "variant: unknown allocation", "[variant x]\nassistant = 30% targetted\n",
          ":4: assistant: unknown allocation 'targetted' (did you mean 'targeted'?)" },
        { "variant: share above 100%", "[variant x]\nassistant = 130% random\n",
          ":4: assistant: share 130% is outside 0..100%" },
        { "variant: negative share", "[variant x]\nspecialist = -5% random\n",
          ":4: specialist: share -5% is outside 0..100%" },
        { "variant: share without %", "[variant x]\nassistant = 0.3 random\n",
          ":4: assistant: expected 'SHARE% ALLOCATION'" },
        { "variant: missing base", "[variant x]\nbase = y\nassistant = 5% random\n",
          ":4: base: no variant 'y' before this line" },
        { "variant: base misspelt", "[variant large]\nassistant = 5% random\n"
          "[variant y]\nbase = lrage\n", ":6: base: no variant 'lrage' before this line "
          "(did you mean 'large'?)" },
        { "variant: every-school for a class form", "[variant x]\nassistant = every-school\n",
          ":4: assistant: 'every-school' is for a facility" },
        { "variant: class size by 0", "[variant x]\nclass-size = 0\n",
          ":4: class-size: a change of 0 pupils changes nothing" },
        { "variant: no name", "[variant]\nassistant = 5% random\n",
          ":3: variant: a [variant] needs a name" },
        { "variant: twice", "[variant x]\nassistant = 5% random\n[variant x]\n",
          ":5: variant: 'x' is already defined" },
        { "compare: criterion", "[compare]\ncriterion = tailer.le2\n",
          ":4: criterion: unknown aspect 'tailer' (did you mean 'tailor'?)" },
        { "population: class size 0", "class-size = 0\n[variant x]\nclass-size = -2\n",
          ":3: class-size: 0 is outside 1..100" },
        { "variant: every-school larger than any school", "[variant x]\n"
          "facility = every-school 9\n", ":4: facility: no school has 9 classes (the largest has 8)" },
        { "variant: named as the baseline", "[variant now]\nassistant = 5% random\n"
          "[compare]\nbaseline = now\n", ":3: variant: 'now' is also the baseline's name" },
        { "variant: rule for an unknown population", "[variant x]\nassistant = 5% random in q\n",
          ":4: assistant: no population 'q' (did you mean 'p'?)" },
        { "variant: label without a language", "[variant x]\nlabel.n = y\nassistant = 5% random\n",
          ":4: label.n: expected a language code after the dot, as in 'label.nl'" },
        { "variant: label twice", "[variant x]\nlabel.nl = y\nlabel.nl = z\n",
          ":5: label.nl: given twice" },
        { "variant: label in a language the program does not speak",
          "[variant x]\nlabel.de = y\nassistant = 5% random\n", ":4: label.de: no language 'de' "
          "(en, nl)" },
        { "compare: baseline label without a language", "[compare]\nbaseline.nederlands = nu\n"
          "[variant x]\nassistant = 5% random\n", ":4: baseline.nederlands: expected a language "
          "code" },
        { "compare: euro rate missing", "[compare]\neuro-per-fte.assistant = 50000\n"
          "[variant x]\nspecialist = 10% random\n",
          ":3: euro-per-fte.specialist: missing; variant 'x' gives it (line 6)" },
    };
    char path[400], args[600];
    snprintf(path, sizeof path, "%s/cmp-bad.ini", t->tmp);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[600];
        snprintf(text, sizeof text, "[population p]\nclasses = 10\n%s", cases[i].text);
        write_file(path, text);
        snprintf(args, sizeof args, "compare %s", path);
        bad(t, cases[i].name, args, cases[i].msg);
    }
    write_file(path, "[variant x]\nassistant = 30% random\n");
    snprintf(args, sizeof args, "compare %s", path);
    bad(t, "compare: variants without a baseline", args,
        "no [school NAME] or [population NAME] section");
    bad(t, "compare: two files", "compare a.ini b.ini", "compare: expected one scenario file");
    write_file(path, "[population p]\nclasses = 10\n[compare]\n");
    snprintf(args, sizeof args, "compare %s", path);
    bad(t, "compare: no variants", args, "no [variant NAME] sections: nothing to compare");
    snprintf(path, sizeof path, "%s/cmp.ini", t->tmp);
    snprintf(args, sizeof args, "compare %s --criterion tailor", path);
    bad(t, "compare: --criterion without a kind", args, "criterion: expected ASPECT.KIND");
}

/* A support list replaces the default "as-now" (it used not to: every
 * population drew today's support whatever the file said). */
static void population_support(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "compare", &m) != 0)
        return;
    static const char text[] = "[population a]\nclasses = 5\nsupport = none\n"
        "[population b]\nclasses = 5\nsupport = assistant, facility\n"
        "[population c]\nclasses = 5\n";
    dk_scenario sc;
    dk_err e = { 0 };
    int rc = dk_scenario_read(&sc, &m, "mem", text, strlen(text), &e);
    t_ok(t, rc == 0 && !sc.pops[0].spec.as_now && sc.pops[0].spec.support == 0
         && !sc.pops[1].spec.as_now && sc.pops[1].spec.support == ((1u << DK_SUP_ASSISTANT)
         | (1u << DK_SUP_FACILITY)) && sc.pops[2].spec.as_now,
         "scenario: a population's support list replaces as-now", "rc %d", rc);
    if (rc == 0)
        dk_scenario_free(&sc);
    dk_model_free(&m);
}

/* A school's own classes as the baseline: the same classes in every
 * replicate, so the baseline is the model's expectation under each
 * replicate's draw -- recomputed here from the draws and the model's
 * mean alone, class by class. */
static void school_baseline(t_ctx *t)
{
    dk_model m;
    if (t_default_model(t, "compare", &m) != 0)
        return;
    static const char text[] = "[run]\nseed = 5\nreplicates = 40\n[school s]\nsector = po\n"
        "[class a]\nclass-size = 24\nsupport-needs = 8\nheavy = 4\nsupport = assistant\n"
        "[class b]\nclass-size = 28\nsupport-needs = 11\nheavy = 6\n"
        "[class c]\nclass-size = 21\nsupport-needs = 3\nheavy = 0\nexperience = novice\n"
        "[class d]\nclass-size = 26\nsupport-needs = 9\nheavy = 5\n"
        "[variant two assistants]\nassistant = 50% targeted\n";
    dk_scenario sc;
    dk_err e = { 0 };
    dk_cmp_result res;
    int rc = dk_scenario_read(&sc, &m, "mem", text, strlen(text), &e);
    dk_sim_opts o = { .threads = 2 };
    rc = rc == 0 ? dk_compare(&m, &sc, &o, &res, &e) : rc;
    double *th = malloc(dk_model_nparam(&m) * sizeof *th), worst = 0;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_taus2);
    double mean[DK_NASPECT] = { 0 }, le2[DK_NASPECT] = { 0 };
    for (int r = 0; rc == 0 && th && rng && r < sc.replicates; r++) {
        gsl_rng_set(rng, dk_stream_seed(sc.seed, (unsigned long)r));
        dk_model_draw(&m, rng, r, th);
        double sd = dk_teacher_sd(&m, th, DK_PO);
        for (int a = 0; a < DK_NASPECT; a++)
            for (int i = 0; i < sc.nclass; i++) {
                double mu = dk_model_mean(&m, th, &sc.classes[i].c, a);
                mean[a] += dk_expected_answer(mu, sd) / sc.nclass / sc.replicates;
                le2[a] += dk_share_le2(mu, sd) / sc.nclass / sc.replicates;
            }
    }
    for (int a = 0; rc == 0 && a < DK_NASPECT; a++) {
        worst = fmax(worst, fabs(dk_cmp_level(&res, 0, DK_CS_MEAN + a)->mean - mean[a]));
        worst = fmax(worst, fabs(dk_cmp_level(&res, 0, DK_CS_LE2 + a)->mean - le2[a]));
    }
    t_ok(t, rc == 0 && th && rng && worst < 1e-9, "compare: a school's baseline is the "
         "model's mean of its own classes under each replicate's draw", "rc %d, worst %g: %s",
         rc, worst, rc ? e.msg : "");
    const dk_cmp_interval *g = rc == 0 ? dk_cmp_level(&res, 1, DK_CS_GIVEN + DK_SUP_ASSISTANT)
                                       : NULL;
    t_ok(t, g && g->mean == 2 && g->lo == 2 && g->hi == 2, "compare: 50% targeted of a "
         "4-class school gives 2 assistants in every replicate", "%g (%g..%g)",
         g ? g->mean : -1, g ? g->lo : -1, g ? g->hi : -1);
    if (rc == 0) {
        dk_cmp_result_free(&res);
        dk_scenario_free(&sc);
    }
    free(th);
    if (rng)
        gsl_rng_free(rng);
    dk_model_free(&m);
}

/* The example school compare: a class list in place of the file's school
 * changes nothing when it is the same school, the thread count changes
 * nothing, and a bad list or a rule the list's school cannot meet fails
 * with file and line. */
static void school_classes(t_ctx *t)
{
    char a1[600], a2[600], path[400];
    const char *ex = "scenarios/compare-school-po.ini";
    t_run_result x, y, z;
    snprintf(a1, sizeof a1, "compare %s/%s --replicates 60 --format csv --threads 1", t->root, ex);
    snprintf(a2, sizeof a2, "compare %s/%s --replicates 60 --format csv --threads 2 --classes "
             "%s/scenarios/klassen-po.csv", t->root, ex, t->root);
    t_run(t, a1, &x);
    t_run(t, a2, &y);
    t_ok(t, x.status == 0 && y.status == 0 && strcmp(x.out, y.out) == 0 &&
         strstr(x.out, "\"facility in every school\",level,given,facility,1,1,1") != NULL,
         "compare: --classes with the same school gives the same bytes, on 1 and 2 threads",
         "status %d/%d: %.300s", x.status, y.status, y.err);
    /* which classes: targeted is the two heaviest without an assistant
     * (groep 3 has one), every time; at random, two of the seven */
    double sum = 0, g5[3] = { 0 }, g7[3] = { 0 }, g3[3] = { 0 }, et[3] = { 0 };
    static const char *const seven[] = { "groep 1-2", "groep 4", "groep 5", "groep 6",
                                         "groep 7", "groep 8", "groep 5-6 combi" };
    for (int i = 0; i < 7; i++) {
        char cls[40];
        double v[3] = { 0 };
        snprintf(cls, sizeof cls, "\"%s\"", seven[i]);
        if (row(x.out, "assistant in 25% of classes, at random", "class_given", "assistant", cls, v) == 0)
            sum += v[0];
    }
    int rnd3 = row(x.out, "assistant in 25% of classes, at random", "class_given", "assistant",
                   "\"groep 3\"", g3);
    t_ok(t, x.status == 0 && row(x.out, "assistant in 25% of classes, targeted", "class_given",
         "assistant", "\"groep 5\"", g5) == 0 && g5[0] == 1 && row(x.out, "assistant in 25% "
         "of classes, targeted", "class_given", "assistant", "\"groep 7\"", g7) == 0 && g7[0] == 1
         && row(x.out, "extra teacher in 12.5% of classes, targeted", "class_given", "extra-teacher",
         "\"groep 7\"", et) == 0 && et[0] == 1 && fabs(sum - 2) < 1e-12 && rnd3 != 0,
         "compare: which school classes a variant gives a form (targeted: groep 5 and 7 "
         "always; random: two of the seven without one)", "%g %g %g, random sum %g", g5[0],
         g7[0], et[0], sum);
    t_run(t, "compare --replicates 20 --lang nl", &z);
    t_ok(t, z.status == 0 && t_contains(z.out, "Uitgangssituatie: zoals nu") &&
         t_contains(z.out, "onderwijsassistent in 25% van de klassen, gericht") &&
         !t_contains(z.out, "assistant in 25% of classes"), "compare --lang nl: the file's Dutch "
         "labels (label.nl, baseline.nl) name the variants", "status %d: %.300s", z.status, z.err);
    t_run_free(&z);
    t_run(t, "compare --replicates 20 --lang nl --format csv", &z);
    t_ok(t, z.status == 0 && t_contains(z.out, "\n\"assistant in 25% of classes, targeted\",") &&
         !t_contains(z.out, "gericht"), "compare --lang nl --format csv keeps the names",
         "status %d", z.status);
    t_run_free(&z);
    t_run(t, "compare --replicates 60 --format csv", &z);
    t_ok(t, z.status == 0 && x.status == 0 && strcmp(z.out, x.out) == 0, "compare without a "
         "file runs the embedded scenarios/compare-school-po.ini", "status %d: %.200s",
         z.status, z.err);
    t_run_free(&z);
    snprintf(a1, sizeof a1, "compare %s/%s --replicates 20 --format json --classes "
             "%s/scenarios/klassen-po.csv", t->root, ex, t->root);
    t_run(t, a1, &z);
    tj_value v;
    char err[200] = "";
    int ok = z.status == 0 && tj_parse(z.out, z.outlen, &v, err, sizeof err) == 0;
    const tj_value *n = ok ? tj_at(&v, "/classes") : NULL;
    t_ok(t, ok && n && n->kind == TJ_NUMBER && n->num == 8, "compare --classes: the JSON parses "
         "strictly and counts the list's 8 classes", "status %d: %s %.300s", z.status, err, z.err);
    if (ok)
        tj_free(&v);
    t_run_free(&x);
    t_run_free(&y);
    t_run_free(&z);
    snprintf(a1, sizeof a1, "compare %s/%s --classes %s/tests/data/classes-bad.csv", t->root, ex,
             t->root);
    bad(t, "compare --classes: a bad list names file, line and column", a1,
        "classes-bad.csv:3: class 'groep 2': heavy:");
    /* a file of variants only: the list brings the classes, and a rule
     * is held against the list's schools, not the file's */
    snprintf(path, sizeof path, "%s/cmp-only.ini", t->tmp);
    write_file(path, "[compare]\nbaseline = now\n[variant big]\nfacility = every-school 8\n");
    snprintf(a1, sizeof a1, "compare %s --classes %s/scenarios/klassen-po.csv --replicates 10 "
             "--format json", path, t->root);
    t_run(t, a1, &x);
    t_ok(t, x.status == 0 && t_contains(x.out, "\"class_list\": \"") &&
         t_contains(x.out, "\"warnings\": []"), "compare: a file of variants only runs on "
         "--classes (and its JSON names both files)", "status %d: %.200s", x.status, x.err);
    t_run_free(&x);
    snprintf(a1, sizeof a1, "compare %s", path);
    bad(t, "compare: a file of variants only needs --classes", a1,
        "no [school NAME] or [population NAME] section and no --classes list: no classes to "
        "compare");
    snprintf(path, sizeof path, "%s/cmp-small.csv", t->tmp);
    write_file(path, "klas;leerlingen\na;10\n");
    snprintf(a1, sizeof a1, "compare --classes %s --replicates 10 --format json", path);
    t_run(t, a1, &x);
    t_ok(t, x.status == 0 && t_contains(x.out, "class-size 10 is 5 outside") &&
         t_contains(x.err, "warning:"), "compare warns about a school class outside what was "
         "studied (stderr and JSON)", "status %d: %.200s", x.status, x.err);
    t_run_free(&x);
    t_run(t, "compare --replicates 10", &x);
    t_ok(t, x.status == 0 && t_contains(x.out, "(assumed effect per pupil: po.class-size.cap"),
         "compare: the class-size rule names its assumed slope for a school too", "%.200s",
         x.err);
    t_run_free(&x);
    /* more classes than are named: "given" is null, not an empty list */
    snprintf(path, sizeof path, "%s/cmp-many.csv", t->tmp);
    FILE *f = fopen(path, "w");
    for (int i = 0; f && i <= DK_CMP_MAX_NAMED + 1; i++)
        fprintf(f, i ? "s%d;k%d\n" : "school;klas\n", i / 40, i);
    if (f)
        fclose(f);
    snprintf(a1, sizeof a1, "compare --classes %s --replicates 10 --format json", path);
    t_run(t, a1, &x);
    t_ok(t, x.status == 0 && t_contains(x.out, "\"given\": null") &&
         !t_contains(x.out, "\"given\": []"), "compare: past 2,000 classes 'given' is null",
         "status %d: %.200s", x.status, x.err);
    t_run_free(&x);
    snprintf(path, sizeof path, "%s/cmp-reach.ini", t->tmp);
    write_file(path, "[school s]\n[class a]\n[class b]\n[class c]\n"
               "[variant big]\nfacility = every-school 3\n");
    snprintf(a1, sizeof a1, "compare %s --classes %s/scenarios/klassen-po.csv --replicates 10",
             path, t->root);
    t_run(t, a1, &x);
    t_ok(t, x.status == 0, "compare --classes: every-school 3 reaches the list's 8 classes",
         "status %d: %.200s", x.status, x.err);
    t_run_free(&x);
    write_file(path, "[school s]\n[class a]\n[class b]\n[class c]\n[class d]\n[class e]\n"
               "[class f]\n[class g]\n[class h]\n[class i]\n"
               "[variant big]\nfacility = every-school 9\n");
    bad(t, "compare --classes: a rule no school of the list meets names the scenario's line", a1,
        "cmp-reach.ini:12: facility: no school has 9 classes (the largest has 8)");
}

void test_compare(t_ctx *t)
{
    school_baseline(t);
    school_classes(t);
    population_support(t);
    priorities(t);
    rules(t);
    costs(t);
    schools(t);
    agrees_with_simulate(t);
    example(t);
    bad_inputs(t);
}
