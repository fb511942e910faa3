/*
 * bench_plan.c -- the planner's exact programme against the straightforward
 * reference, exhaustive enumeration of every plan, on the same scores; and
 * a board of 200 classes.
 *
 *   tools/bench_plan.sh   (builds this against build/rel and runs it)
 *
 * One school of 4..10 classes and boards of two and three schools: both
 * find the best plan (1 FTE); the programme's answer must equal
 * enumeration's, and the ratio of their times is printed.  A 40-class
 * school (4^40 x 2 plans) is solved at every 0.1 FTE up to 4 FTE.  A board
 * of 20 schools of 10 classes (200 classes, 4^200 x 2^20 plans) is solved
 * exactly for a 10-FTE budget, 5 best plans, per objective; then the whole
 * answer (dk_plan_run: details, curve, each replicate's own optimum,
 * split) is timed on 1 and 2 threads.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "draagkracht/run/scenario.h"
#include "draagkracht/run/plan.h"

/* ns schools of n classes with compositions from a fixed sequence, po and
 * vo by turns. */
static char *board(int ns, int n)
{
    size_t cap = 128 + (size_t)ns * (48 + (size_t)n * 96);
    char *s = malloc(cap), *p = s;
    p += sprintf(p, "[run]\nseed = 1\nreplicates = 1000\n");
    for (int k = 0; k < ns; k++) {
        p += sprintf(p, "[school s%02d]\nsector = %s\n", k, k % 2 ? "vo" : "po");
        for (int i = 0; i < n; i++)
            p += sprintf(p, "[class k%d]\nclass-size = %d\nsupport-needs = %d\nheavy = %d\n",
                         i, 20 + (i * 7 + k) % 11, 5 + (i * 5 + k) % 8, (i * 3 + k) % 6);
    }
    return s;
}

static dk_plan_settings settings(int objective, int replicates)
{
    dk_plan_settings s = { .objective = (dk_objective)objective, .aspect = -1,
                           .threshold = 2.5, .menu = 0x1e, .seed = 1,
                           .replicates = replicates };
    for (int f = 0; f < DK_NSUPPORT; f++)
        s.euro_per_fte[f] = -1;
    return s;
}

/* The next plan over every choice of every class and school; 0 after the
 * last. */
static int next_plan(const dk_planner *p, dk_plan *x)
{
    for (int c = 0; c < dk_planner_nclass(p); c++) {
        if (++x->form[c] < 4)
            return 1;
        x->form[c] = 0;
    }
    for (int k = 0; k < dk_planner_nschool(p); k++) {
        if (!x->facility[k])
            return x->facility[k] = 1, 1;
        x->facility[k] = 0;
    }
    return 0;
}

static double exhaustive(const dk_planner *p, double budget)
{
    double best = -INFINITY;
    dk_plan *x = calloc(1, sizeof *x);
    do {
        dk_planner_score(p, x);
        if (x->cost <= budget + 1e-9 && x->value > best)
            best = x->value;
    } while (next_plan(p, x));
    free(x);
    return best;
}

static dk_planner *planner(dk_model *m, dk_scenario *sc, int ns, int n, int objective,
                           int replicates)
{
    dk_err e = { 0 };
    char *text = board(ns, n);
    dk_plan_settings s = settings(objective, replicates);
    dk_planner *p = NULL;
    if (dk_scenario_read(sc, m, "bench", text, strlen(text), &e) != 0
        || !(p = dk_planner_alloc(m, sc, -1, &s, &e)))
        fprintf(stderr, "%s\n", e.msg);
    free(text);
    return p;
}

static void against_enumeration(dk_model *m, int ns, int n)
{
    dk_scenario sc;
    dk_planner *p = planner(m, &sc, ns, n, DK_OBJ_MEAN, 200);
    if (!p)
        return;
    dk_plan best[5];
    double gap, t0 = bench_now();
    dk_planner_solve(p, 1.0, best, 5, &gap);
    double t_dp = bench_now() - t0;
    t0 = bench_now();
    double want = exhaustive(p, 1.0);
    double t_ex = bench_now() - t0;
    printf("%8d %8d %12.0f %14.6f %14.6f %8.1fx%s\n", ns, ns * n, pow(4, ns * n) * pow(2, ns),
           t_dp, t_ex, t_ex / t_dp, fabs(want - best[0].value) < 1e-12 ? "" : "  MISMATCH");
    dk_planner_free(p);
    dk_scenario_free(&sc);
}

static void school40(dk_model *m)
{
    dk_scenario sc;
    dk_planner *p = planner(m, &sc, 1, 40, DK_OBJ_MEAN, 200);
    if (!p)
        return;
    dk_plan best[5];
    double gap, t0 = bench_now();
    for (int k = 0; k <= 40; k++)
        dk_planner_solve(p, 0.1 * k, best, 5, &gap);
    printf("%8d %8d %12s %14.4f %14s %9s  (41 budgets 0..4 FTE, 5 best each)\n", 1, 40,
           "2*4^40", bench_now() - t0, "-", "-");
    dk_planner_free(p);
    dk_scenario_free(&sc);
}

/* CPU time of this process: on a shared machine a steadier measure of
 * single-threaded work than the wall clock. */
static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The 200-class board: the exact solve, then the whole answer (wall
 * clock; the solve and the 1-thread answer also in CPU seconds). */
static void board200(dk_model *m)
{
    printf("\nboard of 20 schools x 10 classes, budget 10 FTE, 1000 replicates\n");
    printf("%-8s %10s %12s %10s %10s %14s %12s %14s\n", "objective", "scoring s", "5 best s",
           "(cpu s)", "gap", "answer 1 thr s", "(cpu s)", "answer 2 thr s");
    for (int o = DK_OBJ_MEAN; o <= DK_OBJ_WORST; o++) {
        dk_scenario sc;
        double t0 = bench_now();
        dk_planner *p = planner(m, &sc, 20, 10, o, 1000);
        if (!p)
            return;
        double t_score = bench_now() - t0, gap, t_run[2], c_run = 0;
        dk_plan best[5];
        double c0 = cpu_now();
        t0 = bench_now();
        dk_planner_solve(p, 10.0, best, 5, &gap);
        double t_solve = bench_now() - t0, c_solve = cpu_now() - c0;
        for (int th = 1; th <= 2; th++) {
            dk_plan_request q = { .budget = 10.0, .max = 5, .step = 0.1, .threads = th };
            dk_plan_result res;
            dk_err e = { 0 };
            c0 = cpu_now();
            t0 = bench_now();
            if (dk_plan_run(p, &q, &res, &e) != 0)
                fprintf(stderr, "%s\n", e.msg);
            else
                dk_plan_result_free(&res);
            t_run[th - 1] = bench_now() - t0;
            if (th == 1)
                c_run = cpu_now() - c0;
        }
        printf("%-8s %10.3f %12.4f %10.4f %10g %14.3f %12.3f %14.3f\n", dk_objective_names[o],
               t_score, t_solve, c_solve, gap, t_run[0], c_run, t_run[1]);
        dk_planner_free(p);
        dk_scenario_free(&sc);
    }
}

int main(void)
{
    dk_model m;
    dk_err e = { 0 };
    if (dk_model_load_default(&m, &e) != 0)
        return fprintf(stderr, "%s\n", e.msg), 1;
    printf("%8s %8s %12s %14s %14s %9s\n", "schools", "classes", "plans", "programme s",
           "enumeration s", "ratio");
    for (int n = 4; n <= 10; n += 2)
        against_enumeration(&m, 1, n);
    against_enumeration(&m, 2, 4);
    against_enumeration(&m, 3, 3);
    school40(&m);
    board200(&m);
    dk_model_free(&m);
    return 0;
}
