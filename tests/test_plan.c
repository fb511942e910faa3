/* test_plan.c -- the staffing planner against exhaustive enumeration, and
 * `plan` through the binary. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"
#include "draagkracht/run/plan.h"

/* Six classes of varied weight; one has an assistant already, so its
 * choices differ from the others'. */
static const char *school6 =
    "[run]\nseed = 3\nreplicates = 200\n[school S]\nsector = po\n"
    "[class a]\nclass-size = 24\nsupport-needs = 5\nheavy = 1\n"
    "[class b]\nclass-size = 28\nsupport-needs = 11\nheavy = 5\n"
    "[class c]\nclass-size = 26\nsupport-needs = 8\nheavy = 3\nsupport = assistant\n"
    "[class d]\nclass-size = 22\nsupport-needs = 7\nheavy = 2\nexperience = novice\n"
    "[class e]\nclass-size = 30\nsupport-needs = 12\nheavy = 4\n"
    "[class f]\nclass-size = 25\nsupport-needs = 6\nheavy = 3\n";

/* Orders plans as the planner must: objective, then mean, then cost. */
static int ahead(dk_objective o, const dk_plan *x, const dk_plan *y)
{
    double gx = o == DK_OBJ_HARDLY ? -x->value : x->value;
    double gy = o == DK_OBJ_HARDLY ? -y->value : y->value;
    if (fabs(gx - gy) > 1e-9)
        return gx > gy;
    if (fabs(x->secondary - y->secondary) > 1e-9)
        return x->secondary > y->secondary;
    return x->cost < y->cost - 1e-9;
}

/* Every plan within budget, the best `max` kept, by brute force. */
static int exhaustive(const dk_planner *p, dk_objective o, double budget,
                      dk_plan *best, int max)
{
    int n = dk_planner_nclass(p), kept = 0;
    long total = 2;
    for (int c = 0; c < n; c++)
        total *= 4;
    for (long code = 0; code < total; code++) {
        dk_plan x;
        memset(&x, 0, sizeof x);
        long k = code;
        x.facility = (int)(k % 2);
        k /= 2;
        int ok = 1;
        for (int c = 0; c < n; c++, k /= 4) {
            x.form[c] = (unsigned char)(k % 4);
            ok &= x.form[c] == 0 || (dk_planner_choices(p, c) >> x.form[c] & 1u);
        }
        if (!ok)
            continue;
        dk_planner_score(p, &x);
        if (x.cost > budget + 1e-9)
            continue;
        int i = kept < max ? kept++ : max;
        if (i == max && !ahead(o, &x, &best[max - 1]))
            continue;
        if (i == max)
            i = max - 1;
        while (i > 0 && ahead(o, &x, &best[i - 1])) {
            best[i] = best[i - 1];
            i--;
        }
        best[i] = x;
    }
    return kept;
}

static void against_brute_force(t_ctx *t, dk_model *m, const dk_scenario *sc)
{
    static const double budgets[] = { 0, 0.09, 0.375, 0.5, 0.85, 1.0, 1.6 };
    dk_err e;
    for (int o = DK_OBJ_MEAN; o <= DK_OBJ_WORST; o++) {
        dk_plan_settings s = { .objective = (dk_objective)o,
                               .aspect = o == DK_OBJ_HARDLY ? DK_TAILOR : -1,
                               .threshold = 2.5, .menu = 0x1e, .seed = sc->seed,
                               .replicates = sc->replicates };
        dk_planner *p = dk_planner_alloc(m, sc, 0, &s, &e);
        if (!p) {
            t_ok(t, 0, "plan: planner for six classes", "%s", e.msg);
            continue;
        }
        int bad = 0, cases = 0;
        for (size_t b = 0; b < sizeof budgets / sizeof budgets[0]; b++) {
            dk_plan got[5], want[5];
            double gap;
            int ng = dk_planner_solve(p, budgets[b], got, 5, &gap);
            int nw = exhaustive(p, (dk_objective)o, budgets[b], want, 5);
            bad += ng != nw || gap != 0;
            for (int i = 0; i < ng && i < nw; i++) {
                bad += fabs(got[i].value - want[i].value) > 1e-9
                     || fabs(got[i].secondary - want[i].secondary) > 1e-9
                     || got[i].cost > budgets[b] + 1e-9;
                for (int j = 0; j < i; j++)   /* distinct plans */
                    bad += got[j].facility == got[i].facility
                        && memcmp(got[j].form, got[i].form, sizeof got[i].form) == 0;
            }
            cases++;
        }
        char name[120];
        snprintf(name, sizeof name, "plan: %s: the 5 best plans equal exhaustive "
                 "enumeration at %d budgets", dk_objective_names[o], cases);
        t_ok(t, bad == 0, name, "%d mismatches", bad);
        dk_planner_free(p);
    }
}

/* Costs off the hundredth-hour grid and a budget too large for the exact
 * table: the answer must stay affordable and the reported gap must bound
 * the true optimum. */
static void coarse_grid(t_ctx *t, dk_model *m, const dk_scenario *sc)
{
    dk_err e;
    int ia = dk_model_find(m, "cost.assistant.hours");
    double keep = m->p[ia].value;
    m->p[ia].value = 15.3333;
    dk_plan_settings s = { .objective = DK_OBJ_MEAN, .aspect = -1, .threshold = 2.5,
                           .menu = 0x1e, .seed = sc->seed, .replicates = sc->replicates };
    dk_planner *p = dk_planner_alloc(m, sc, 0, &s, &e);
    dk_plan got, want;
    double gap;
    int ok = p && dk_planner_solve(p, 0.8, &got, 1, &gap) == 1
          && exhaustive(p, DK_OBJ_MEAN, 0.8, &want, 1) == 1;
    t_ok(t, ok && got.cost <= 0.8 + 1e-9 && got.value <= want.value + 1e-12
            && got.value + gap >= want.value - 1e-12,
         "plan: off-grid costs: affordable, and value + gap bounds the optimum",
         "value %.6f gap %.6f optimum %.6f", ok ? got.value : 0, ok ? gap : 0,
         ok ? want.value : 0);
    /* a budget so large the exact table would not fit: coarsened */
    ok = p && dk_planner_solve(p, 100, &got, 1, &gap) == 1
       && exhaustive(p, DK_OBJ_MEAN, 100, &want, 1) == 1;
    t_ok(t, ok && got.value <= want.value + 1e-12 && got.value + gap >= want.value - 1e-12,
         "plan: coarsened grid: value + gap bounds the optimum", "value %.6f gap %.6f "
         "optimum %.6f", ok ? got.value : 0, ok ? gap : 0, ok ? want.value : 0);
    dk_planner_free(p);
    m->p[ia].value = keep;
}

static void monotone_and_crn(t_ctx *t, dk_model *m, const dk_scenario *sc)
{
    dk_err e;
    dk_plan_settings s = { .objective = DK_OBJ_MEAN, .aspect = -1, .threshold = 2.5,
                           .menu = 0x1e, .seed = sc->seed, .replicates = sc->replicates };
    dk_planner *p = dk_planner_alloc(m, sc, 0, &s, &e);
    if (!p)
        return;
    double prev = -INFINITY, gap;
    int bad = 0;
    for (int k = 0; k <= 20; k++) {
        dk_plan x;
        dk_planner_solve(p, 0.1 * k, &x, 1, &gap);
        bad += x.value < prev - 1e-12;
        prev = x.value;
    }
    t_ok(t, bad == 0, "plan: more budget never gives a worse best plan", "%d drops", bad);
    dk_plan best, base;
    dk_planner_solve(p, 1.0, &best, 1, &gap);
    dk_planner_baseline(p, &base);
    double win, tie, loss;
    dk_planner_compare(p, &best, &base, &win, &tie, &loss);
    /* every support effect is positive in every draw, so with common random
     * numbers the best plan beats doing nothing in each replicate */
    t_ok(t, win == 1 && tie == 0, "plan: with common random numbers the best plan "
         "beats the baseline in every replicate", "win %.3f tie %.3f", win, tie);
    dk_planner_free(p);
}

/* Bad plan requests through the binary: exit 2, the message, no output. */
static void cli_errors(t_ctx *t)
{
    static const char *base = "[school S]\n[class a]\n[class b]\nsupport = assistant\n";
    static const struct { const char *name, *text, *args, *expect; } cases[] = {
        { "negative budget", NULL, "--budget -1", "plan: --budget: -1 is outside 0..1000" },
        { "budget not a number", NULL, "--budget lots", "plan: --budget: 'lots' is not a number" },
        { "unknown form in --options", NULL, "--budget 1 --options asistant",
          "plan: --options: unknown form 'asistant' (did you mean 'assistant'?)" },
        { "unknown objective", NULL, "--budget 1 --objective meen",
          "plan: --objective: unknown value 'meen' (did you mean 'mean'?)" },
        { "unknown form in [plan]", "[plan]\nbudget = 1\noptions = facilty\n", "",
          "p.ini:7: options: unknown form 'facilty' (did you mean 'facility'?)" },
        { "budget in [plan] negative", "[plan]\nbudget = -0.5\n", "",
          "p.ini:6: budget: -0.5 is outside 0..1000" },
        { "no budget anywhere", "", "", "no budget: give --budget FTE" },
        { "euro budget without rates", "", "--budget-euro 50000",
          "a budget in euros needs euro-per-fte rates" },
        { "both budgets", NULL, "--budget 1 --budget-euro 5", "give --budget or --budget-euro, not both" },
        { "euro rate missing for a form it may use",
          "[plan]\nbudget = 1\noptions = assistant, facility\neuro-per-fte.assistant = 50000\n", "",
          "p.ini:5: euro-per-fte.facility: missing" },
        { "a class that cannot take any form", "[plan]\nbudget = 1\noptions = assistant\n", "",
          "p.ini:3: class 'b': cannot take any form" },
        { "unknown [plan] key", "[plan]\nbuget = 1\n", "",
          "p.ini:6: buget: unknown key 'buget' (did you mean 'budget'?)" },
        { "second [plan]", "[plan]\nbudget = 1\n[plan]\n", "", "p.ini:7: plan: a second [plan] section" },
        { "several schools, none chosen", "[school T]\n[class x]\n", "--budget 1",
          "2 schools; choose one with --school NAME" },
        { "unknown school", NULL, "--budget 1 --school X", "plan: --school: no school 'X'" },
        { "population", "[population R]\nclasses = 10\n", "--budget 1",
          "population 'R': plan works on the classes of one school" },
    };
    char path[400], out[400], args[1400], text[1000];
    snprintf(path, sizeof path, "%s/p.ini", t->tmp);
    snprintf(out, sizeof out, "%s/never.txt", t->tmp);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        snprintf(text, sizeof text, "%s%s", base, cases[i].text ? cases[i].text : "");
        write_file(path, text);
        remove(out);
        snprintf(args, sizeof args, "plan %s %s -o %s", path, cases[i].args, out);
        t_run_result r;
        t_run(t, args, &r);
        char name[200];
        snprintf(name, sizeof name, "plan bad input: %s", cases[i].name);
        t_ok(t, r.status == 2 && t_contains(r.err, cases[i].expect) && r.outlen == 0
                && !t_exists(out), name, "status %d, stderr: %s", r.status, r.err);
        t_run_free(&r);
    }
}

static void cli_runs(t_ctx *t)
{
    t_run_result r, z;
    t_run(t, "plan", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "Plan for De Regenboog (po, 8 classes): "
         "budget 1.00 FTE") && t_contains(r.out, "The best plan beats the runner-up in")
         && t_contains(r.out, "Exact:"), "plan: the embedded school's 1-FTE question",
         "status %d: %.300s", r.status, r.err);
    t_run_free(&r);

    /* golden: the default question, every number */
    char golden[600];
    snprintf(golden, sizeof golden, "%s/tests/golden/plan_default.csv", t->root);
    size_t glen;
    char *want = t_slurp(golden, &glen);
    t_run(t, "plan --format csv", &r);
    t_ok(t, want && r.status == 0 && r.outlen == glen && memcmp(r.out, want, glen) == 0,
         "plan: default CSV equals tests/golden/plan_default.csv", "differs (regenerate "
         "after a deliberate model change: ./draagkracht plan --format csv > %s)", golden);
    free(want);
    t_run_free(&r);

    /* nothing affordable is an answer, not an error */
    t_run(t, "plan --budget 0.05 --options extra-teacher,facility", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "Nothing on the menu fits the budget"),
         "plan: an infeasible budget returns the baseline, said plainly", "status %d: %.300s",
         r.status, r.out);
    t_run_free(&r);

    /* the vo example: assistants or a facility, with euros */
    t_run(t, "plan scenarios/plan-vo.ini --format json", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "\"objective\": \"hardly\"")
         && t_contains(r.out, "\"cost_euro\": ") && t_contains(r.out, "\"budget_curve\": ["),
         "plan: vo example as JSON with euro costs and the budget curve", "status %d: %.300s",
         r.status, r.err);
    t_run_free(&r);

    /* a budget in euros: the facility (75000) does not fit, two assistants
     * (2 x 0.375 FTE x 52000) do */
    t_run(t, "plan scenarios/plan-vo.ini --budget-euro 40000 --format json", &r);
    t_ok(t, r.status == 0 && t_contains(r.out, "\"budget_euro\": 40000")
         && t_contains(r.out, "\"cost_euro\": 39000") && !t_contains(r.out, "\"cost_euro\": 75000"),
         "plan: a euro budget buys two assistants, not the facility", "status %d: %.300s",
         r.status, r.err);
    t_run_free(&r);

    char out[400], args[600];
    snprintf(out, sizeof out, "%s/plan.csv.gz", t->tmp);
    snprintf(args, sizeof args, "plan --format csv --objective worst -o %s", out);
    t_run(t, args, &r);
    snprintf(args, sizeof args, "plan --format csv --objective worst --replicates 1000");
    t_run(t, args, &z);
    t_ok(t, r.status == 0 && r.outlen == 0 && t_exists(out) && z.status == 0
         && t_contains(z.out, "best,"), "plan: -o writes a gzip file, stdout stays empty",
         "status %d", r.status);
    t_run_free(&r);
    t_run_free(&z);
}

void test_plan(t_ctx *t)
{
    dk_model m;
    dk_scenario sc;
    dk_err e;
    if (dk_model_load_default(&m, &e) != 0 ||
        dk_scenario_parse(&sc, &m, "six", school6, strlen(school6), &e) != 0) {
        t_ok(t, 0, "plan: six-class scenario", "%s", e.msg);
        return;
    }
    against_brute_force(t, &m, &sc);
    coarse_grid(t, &m, &sc);
    monotone_and_crn(t, &m, &sc);
    dk_scenario_free(&sc);
    dk_model_free(&m);
    cli_errors(t);
    cli_runs(t);
}
